// Start Det Fælles Designsystem's components (menus, accordions, …).
if (window.DKFDS) {
  window.DKFDS.init();
}

// The record picker (klynge/site/pickers.py): without JavaScript the user types the record's number;
// with it, a search field shows matches as the user types (HTMX), and choosing one fills the number in.
// Keyboard: arrow down from the search field to the matches, up and down between them, Enter chooses.
(function () {
  function showSearch(root) {
    root.querySelectorAll("[data-picker-search]").forEach(function (search) {
      search.hidden = false;
    });
  }
  showSearch(document);
  document.addEventListener("htmx:load", function (event) { showSearch(event.target); });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick]");
    var picker = button && button.closest("[data-record-picker]");
    if (!picker) return;
    var input = picker.querySelector("input[inputmode=numeric]");
    input.value = button.getAttribute("data-pick");
    picker.querySelector("[data-picker-chosen]").textContent = button.getAttribute("data-pick-label");
    picker.querySelector("[data-picker-matches]").replaceChildren();
    input.focus();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var picker = event.target.closest("[data-record-picker]");
    if (!picker || !(event.target.matches("[data-pick]") || event.target.type === "search")) return;
    var buttons = Array.prototype.slice.call(picker.querySelectorAll("[data-pick]"));
    if (!buttons.length) return;
    var at = buttons.indexOf(event.target);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) {
      picker.querySelector("input[type=search]").focus();
    } else if (next < buttons.length) {
      buttons[next].focus();
    }
    event.preventDefault();
  });
})();
