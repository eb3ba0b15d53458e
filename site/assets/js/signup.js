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
    return form.querySelector("[name='" + field + "']");
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
        window.location.assign("/check-your-email.html");
        return;
      }
      if (response.status === 400) {
        return response.json().then(function (answer) { showErrors(answer.errors || []); });
      }
      if (response.status === 429) {
        showProblem("Too many applications from this connection. Please wait a few minutes and try again.");
        return;
      }
      showProblem("Something went wrong on our side (" + response.status + "). Please try again later.");
    }).catch(function () {
      // No answer at all (offline, blocked): fall back to a plain form post.
      form.submit();
    }).then(function () {
      button.disabled = false;
    });
  });
})();
