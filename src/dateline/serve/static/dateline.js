// Dateline explorer: a little progressive enhancement; every page works without it.
(function () {
  "use strict";

  // Filter forms: leave empty fields out of the URL, so shared links stay short.
  document.querySelectorAll("form.filters, form.search, form.big-search").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (!field.value) { field.disabled = true; }
      });
      // Re-enable after the browser has read the form (back button restores the page).
      setTimeout(function () {
        form.querySelectorAll("input, select").forEach(function (field) { field.disabled = false; });
      }, 0);
    });
  });

  // Article view: a click on a mark opens its page; hovering an entity shows all its mentions.
  document.querySelectorAll("mark.ann[data-href]").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      if (window.getSelection && String(window.getSelection())) { return; }  // selecting text
      event.stopPropagation();
      window.location.href = mark.getAttribute("data-href");
    });
  });
  function same(entity) {
    return document.querySelectorAll('mark[data-entity="' + CSS.escape(entity) + '"]');
  }
  document.querySelectorAll("[data-entity]").forEach(function (node) {
    var entity = node.getAttribute("data-entity");
    node.addEventListener("mouseenter", function () {
      same(entity).forEach(function (m) { m.classList.add("focus"); });
    });
    node.addEventListener("mouseleave", function () {
      same(entity).forEach(function (m) { m.classList.remove("focus"); });
    });
  });
})();
