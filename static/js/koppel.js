// Koppel's small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so screen readers announce it.
  function focusErrors(root) {
    var summary = (root || document).querySelector("#form-errors");
    if (summary) { summary.focus(); }
  }

  // Buttons with data-confirm ask before a destructive action.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { focusErrors(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrors(event.target); });
})();
