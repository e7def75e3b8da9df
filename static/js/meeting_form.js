// The meeting form: the bridge-point picker (search, quick picks, select all / none,
// a live counter, the rooms the htmx conflict check reports as taken) and the
// recurrence fields.
(function () {
  "use strict";

  // "Xã Thử" and "xa thu" should find each other.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function init(form) {
    var picker = form.querySelector("[data-picker]");
    if (!picker) return;
    var rooms = Array.prototype.slice.call(picker.querySelectorAll(".picker-room"));
    var search = picker.querySelector("[data-picker-search]");
    var counter = form.querySelector("[data-picker-counter] b");
    rooms.forEach(function (row) { row.dataset.folded = fold(row.dataset.search || ""); });

    function box(row) { return row.querySelector('input[name="bridge_point_ids"]'); }
    function visible(row) { return !row.hidden && !box(row).disabled; }

    function refresh() {
      var chosen = 0;
      rooms.forEach(function (row) {
        var on = box(row).checked;
        if (on) chosen += 1;
        // People of a room that is not invited cannot attend from it.
        row.querySelectorAll('input[name="participants"]').forEach(function (input) {
          input.disabled = !on;
        });
      });
      if (counter) counter.textContent = String(chosen);
    }

    function changed() {
      refresh();
      form.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function setRooms(test, value) {
      rooms.forEach(function (row) { if (test(row)) box(row).checked = value; });
      changed();
    }

    if (search) {
      search.addEventListener("input", function () {
        var words = fold(search.value).split(/\s+/).filter(Boolean);
        rooms.forEach(function (row) {
          row.hidden = !words.every(function (w) { return row.dataset.folded.indexOf(w) !== -1; });
        });
        picker.querySelectorAll("[data-picker-unit]").forEach(function (unit) {
          unit.hidden = !unit.querySelector(".picker-room:not([hidden])");
        });
      });
      // Enter in the search box must not submit the booking.
      search.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
    }

    picker.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) return;
      if (target.hasAttribute("data-pick-all")) setRooms(visible, true);
      else if (target.hasAttribute("data-pick-none")) setRooms(visible, false);
      else if (target.hasAttribute("data-pick")) {
        var ids = target.getAttribute("data-pick").split(" ");
        setRooms(function (row) { return ids.indexOf(row.dataset.room) !== -1; }, true);
      }
    });

    picker.addEventListener("change", function (event) {
      if (event.target.name === "bridge_point_ids") refresh();
    });

    // The main bridge point always takes part; it is not one of the invited rooms.
    var main = form.querySelector('select[name="main_bridge_point"]');
    function markMain() {
      rooms.forEach(function (row) {
        var isMain = main && row.dataset.room === main.value;
        row.classList.toggle("is-main", isMain);
        if (isMain) box(row).checked = false;
        box(row).disabled = isMain;
      });
      refresh();
    }
    if (main) main.addEventListener("change", markMain);
    markMain();

    // The number of sessions matters only for a recurring meeting.
    var frequency = form.querySelector('select[name="frequency"]');
    var count = form.querySelector(".count-field");
    function showCount() { if (count) count.hidden = !frequency.value; }
    if (frequency) {
      frequency.addEventListener("change", showCount);
      showCount();
    }
  }

  // Mark the rooms that the last conflict check found taken.
  function markConflicts(root) {
    var result = root.querySelector("[data-conflict-rooms]");
    if (!result) return;
    var taken = result.getAttribute("data-conflict-rooms").trim().split(/\s+/).filter(Boolean);
    document.querySelectorAll(".picker-room").forEach(function (row) {
      row.classList.toggle("in-conflict", taken.indexOf(row.dataset.room) !== -1);
    });
    var main = document.querySelector(".main-room");
    var select = main && main.querySelector("select");
    if (select) main.classList.toggle("in-conflict", taken.indexOf(select.value) !== -1);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("meeting-form");
    if (!form) return;
    init(form);
    markConflicts(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id === "check-result") markConflicts(event.target);
  });
})();
