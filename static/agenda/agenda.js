// The agenda editor: reorder by dragging the ⠿ handle, or with the Lên / Xuống buttons
// (keyboard and touch). Either way the page is rearranged at once and the whole new order
// is posted to the reorder endpoint; the server answers the new planned times. Without
// JavaScript the buttons post to the move endpoint and the page reloads.
(function () {
  "use strict";

  var list = document.querySelector("[data-agenda-list].editable");
  if (!list) return;
  var announcer = document.getElementById("agenda-announce");
  var errorBox = document.getElementById("agenda-error");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = Promise.resolve(); // one save at a time, in the order they were made

  function items() {
    return Array.prototype.filter.call(list.children, function (li) {
      return li.classList.contains("agenda-item");
    });
  }

  function order() {
    return items().map(function (li) { return Number(li.getAttribute("data-item-id")); });
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) { return values[key]; });
  }

  function announce(message) {
    // Cleared first, so the same sentence twice in a row is read twice.
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = message; }, 50);
  }

  function renumber() {
    var all = items();
    all.forEach(function (li, index) {
      li.querySelector("[data-position]").textContent = String(index + 1);
      li.querySelector('[data-move="up"]').disabled = index === 0;
      li.querySelector('[data-move="down"]').disabled = index === all.length - 1;
    });
  }

  function restore(ids) {
    ids.forEach(function (id) { list.appendChild(document.getElementById("item-" + id)); });
    renumber();
  }

  function showTimes(entries) {
    entries.forEach(function (entry) {
      var li = document.getElementById("item-" + entry.id);
      if (!li) return;
      li.querySelector("[data-start]").textContent = entry.start;
      li.querySelector("[data-end]").textContent = entry.end;
      li.querySelector("[data-position]").textContent = String(entry.position);
    });
  }

  // The moved item keeps a mark until the next move; the #item-N the page was opened at
  // would otherwise stay highlighted on an item nobody touched.
  function mark(li) {
    items().forEach(function (other) { other.classList.toggle("moved", other === li); });
    if (window.location.hash) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
  }

  function save(before, message) {
    var body = JSON.stringify({ order: order() });
    pending = pending.then(function () {
      return fetch(list.getAttribute("data-reorder-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrf,
        },
        body: body,
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok || !data.items) throw new Error(data.error || "");
          showTimes(data.items);
          errorBox.hidden = true;
          announce(message);
        });
      }).catch(function (error) {
        restore(before);
        errorBox.textContent = error.message || list.getAttribute("data-failed");
        errorBox.hidden = false;
        announce(errorBox.textContent);
      });
    });
  }

  // Keyboard (and touch): move one place, keep the focus on the moved item.
  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) return;
    event.preventDefault();
    var li = button.closest(".agenda-item");
    var up = button.getAttribute("data-move") === "up";
    var neighbour = up ? li.previousElementSibling : li.nextElementSibling;
    if (!neighbour) return;
    var before = order();
    if (up) list.insertBefore(li, neighbour);
    else list.insertBefore(neighbour, li);
    renumber();
    // At the top "Lên" is disabled, so the focus goes to the item's other button.
    var focus = button.disabled ? li.querySelector('[data-move="' + (up ? "down" : "up") + '"]') : button;
    focus.focus();
    mark(li);
    var template = list.getAttribute(up ? "data-moved-up" : "data-moved-down");
    save(before, format(template, {
      title: li.getAttribute("data-title"),
      position: items().indexOf(li) + 1,
    }));
  });

  // Drag and drop by the handle; the page moves the item live while dragging.
  var dragged = null;
  var dragBefore = null;

  list.addEventListener("dragstart", function (event) {
    var handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) return;
    dragged = handle.closest(".agenda-item");
    dragBefore = order();
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-item-id"));
    event.dataTransfer.setDragImage(dragged, 24, 24);
  });

  list.addEventListener("dragover", function (event) {
    if (!dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    var over = event.target.closest(".agenda-item");
    if (!over || over === dragged || over.parentNode !== list) return;
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextElementSibling : over);
  });

  list.addEventListener("drop", function (event) {
    if (dragged) event.preventDefault();
  });

  list.addEventListener("dragend", function (event) {
    if (!dragged) return;
    var li = dragged;
    dragged = null;
    li.classList.remove("dragging");
    if (event.dataTransfer.dropEffect === "none") { // cancelled with Esc, or dropped outside
      restore(dragBefore);
      return;
    }
    renumber();
    if (order().join() === dragBefore.join()) return;
    mark(li);
    save(dragBefore, format(list.getAttribute("data-moved"), {
      title: li.getAttribute("data-title"),
      position: items().indexOf(li) + 1,
    }));
  });
})();
