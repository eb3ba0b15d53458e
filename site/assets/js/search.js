// Starts Pagefind's search box on the search page; Pagefind's files are served from /pagefind/.
(function () {
  "use strict";
  var element = document.querySelector("[data-search-ui]");
  if (element && window.PagefindUI) {
    new window.PagefindUI({ element: element, showSubResults: false, showImages: false, resetStyles: false });
  }
})();
