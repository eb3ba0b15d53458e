// Progressive enhancement for the signup form: without this script the form posts as
// application/x-www-form-urlencoded and the API answers with a page. With it, the form posts
// JSON and shows each field's error next to the field.
(function () {
  "use strict";
  var form = document.getElementById("signup");
  if (!form || !window.fetch || !window.JSON) {
    return;
  }
  var ARRAYS = ["languages", "interests", "preferRegions", "excludeCountries"];
  var BOOLEANS = ["openToAny", "consentPrivacy", "consentShare"];

  // Lets the API tell a person from a bot that fills the form in no time.
  var started = document.createElement("input");
  started.type = "hidden";
  started.name = "formStartedAt";
  started.value = String(Date.now());
  form.appendChild(started);

  function body() {
    var data = {};
    ARRAYS.forEach(function (name) { data[name] = []; });
    new FormData(form).forEach(function (value, name) {
      if (ARRAYS.indexOf(name) >= 0) {
        data[name].push(value);
      } else if (BOOLEANS.indexOf(name) >= 0) {
        data[name] = value === "true";
      } else if (name === "formStartedAt") {
        data[name] = Number(value);
      } else {
        data[name] = value;
      }
    });
    BOOLEANS.forEach(function (name) {
      if (!(name in data)) { data[name] = false; }
    });
    return data;
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach(function (slot) {
      slot.textContent = "";
      slot.hidden = true;
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var summary = document.getElementById("error-summary");
    summary.hidden = true;
    summary.querySelector("ul").textContent = "";
  }

  function firstControl(field) {
    // An enhanced list's own <select> is hidden: its filter box is what a person reaches.
    return document.getElementById(field + "-filter") || form.querySelector("[name='" + field + "']");
  }

  function showErrors(errors) {
    var summary = document.getElementById("error-summary");
    var list = summary.querySelector("ul");
    errors.forEach(function (error) {
      var slot = document.getElementById("error-" + error.field);
      if (slot) {
        slot.textContent = error.message;
        slot.hidden = false;
      }
      form.querySelectorAll("[name='" + error.field + "']").forEach(function (el) {
        el.setAttribute("aria-invalid", "true");
      });
      var item = document.createElement("li");
      var control = firstControl(error.field);
      if (control && control.id) {
        var link = document.createElement("a");
        link.href = "#" + control.id;
        link.textContent = error.message;
        item.appendChild(link);
      } else {
        item.textContent = error.message;
      }
      list.appendChild(item);
    });
    summary.hidden = false;
    summary.focus();
  }

  function showProblem(message) {
    showErrors([{ field: "form", message: message }]);
  }

  // Long multiple-choice lists (languages, countries to avoid) hold hundreds of entries, and a
  // <select multiple> needs Ctrl-click and loses every choice at one wrong arrow key. Here each
  // becomes a filter box and checkboxes: the entries matching what is typed, and those chosen so
  // far. The <select>, hidden, stays the form's field, so the API receives the same values.
  var SHOWN = 12;
  // The page's language: its messages are baked into the form's data-msg-* attributes with {0}, {1} for the values.
  var language = document.documentElement.lang || "en";
  var plural = new Intl.PluralRules(language);
  var numbers = new Intl.NumberFormat(language);

  function number(n) {
    return numbers.format(n);
  }

  function text(name) {
    var values = Array.prototype.slice.call(arguments, 1);
    return form.getAttribute("data-msg-" + name).replace(/\{(\d)\}/g, function (all, i) { return values[+i]; });
  }

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(select) {
    var options = Array.prototype.filter.call(select.options, function (o) { return o.value; });
    var filter = document.createElement("input");
    filter.type = "search";
    filter.id = select.id + "-filter";
    filter.autocomplete = "off";
    filter.spellcheck = false;
    filter.setAttribute("aria-describedby", select.getAttribute("aria-describedby") + " " + select.id + "-status");
    var status = document.createElement("p");
    status.className = "hint";
    status.id = select.id + "-status";
    status.setAttribute("aria-live", "polite");
    var matches = document.createElement("div");
    matches.className = "choices-found";
    var chosen = document.createElement("fieldset");
    chosen.className = "choices chosen";
    var legend = document.createElement("legend");
    legend.textContent = select.getAttribute("data-chosen");
    var chosenList = document.createElement("div");
    chosen.appendChild(legend);
    chosen.appendChild(chosenList);

    function box(option, where) {
      var id = select.id + "-" + where + "-" + option.value;
      var row = document.createElement("div");
      row.className = "choice";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.id = id;
      input.checked = option.selected;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = option.text;
      input.addEventListener("change", function () {
        option.selected = input.checked;
        if (where === "chosen" && !input.checked) {
          filter.focus();
        }
        showChosen();
        if (where === "chosen") {
          showMatches();
        }
      });
      row.appendChild(input);
      row.appendChild(label);
      return row;
    }

    function showChosen() {
      chosenList.textContent = "";
      var picked = options.filter(function (o) { return o.selected; });
      picked.forEach(function (o) { chosenList.appendChild(box(o, "chosen")); });
      chosen.hidden = picked.length === 0;
    }

    function showMatches() {
      var wanted = plain(filter.value.trim());
      matches.textContent = "";
      if (!wanted) {
        status.textContent = "";
        return;
      }
      var found = options.filter(function (o) { return plain(o.text).indexOf(wanted) >= 0; });
      found.slice(0, SHOWN).forEach(function (o) { matches.appendChild(box(o, "found")); });
      status.textContent = found.length === 0 ? text("none", filter.value.trim())
        : found.length > SHOWN ? text("more", number(found.length), number(SHOWN))
        : text(plural.select(found.length) === "one" ? "found-one" : "found-other", number(found.length));
    }

    filter.addEventListener("input", showMatches);
    // Enter in the box ticks the only match rather than sending the form half filled.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var only = matches.querySelectorAll("input");
        if (only.length === 1 && !only[0].checked) {
          only[0].click();
        }
      }
    });
    var label = form.querySelector("label[for='" + select.id + "']");
    if (label) {
      label.htmlFor = filter.id;
    }
    var hint = document.getElementById("hint-" + select.id);
    if (hint) {
      hint.textContent = select.getAttribute("data-filter-hint");
    }
    // The API names the field if nothing is chosen; a hidden required control would block the form silently.
    select.required = false;
    select.hidden = true;
    select.parentNode.insertBefore(filter, select);
    select.parentNode.insertBefore(status, select);
    select.parentNode.insertBefore(matches, select);
    select.parentNode.insertBefore(chosen, select);
    showChosen();
  }

  form.querySelectorAll("select[multiple][data-choose]").forEach(enhance);

  // The visitor's own time zone, when the list has it and none is chosen yet.
  var timezone = document.getElementById("timezone");
  var own = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (timezone && own && !timezone.value && timezone.querySelector("option[value='" + own + "']")) {
    timezone.value = own;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body())
    }).then(function (response) {
      if (response.status === 202) {
        window.location.assign(form.getAttribute("data-done"));
        return;
      }
      if (response.status === 400) {
        return response.json().then(function (answer) { showErrors(answer.errors || []); });
      }
      if (response.status === 429) {
        showProblem(text("busy"));
        return;
      }
      showProblem(text("failed", String(response.status)));
    }).catch(function () {
      // No answer at all (offline, blocked): fall back to a plain form post.
      form.submit();
    }).then(function () {
      button.disabled = false;
    });
  });
})();
