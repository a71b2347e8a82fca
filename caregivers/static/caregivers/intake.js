// Intake page: Enter in the caregiver search searches (instead of saving the whole form).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("#caregiver-search")) { return; }
    event.preventDefault();
    var button = document.getElementById("caregiver-search-button");
    if (button) { button.click(); }
  });
})();
