// The minutes editor: each section's textarea becomes a small rich-text box (bold, italic,
// underline, bulleted and numbered lists). The form still posts every section's HTML in its
// textarea; the server keeps only the allowed tags (agenda/richtext.py). Without JavaScript the
// textareas stay and hold the HTML as it is. Leaving with unsaved changes asks first.
(function () {
  "use strict";

  var form = document.getElementById("minutes-editor");
  if (!form) return;

  var dirty = false;
  var submitting = false;
  var unsavedMark = form.querySelector(".unsaved");

  function markDirty() {
    if (dirty) return;
    dirty = true;
    if (unsavedMark) unsavedMark.hidden = false;
    // Submitting for approval would send the last saved version, not what is on screen.
    document.querySelectorAll("[data-needs-saved]").forEach(function (button) {
      button.disabled = true;
      var hint = button.parentNode.querySelector("[data-unsaved-hint]");
      if (hint) hint.hidden = false;
    });
  }

  // What the browser's editing commands write, brought to the stored subset.
  var RENAME = { B: "strong", I: "em", DIV: "p" };

  function normalise(box) {
    var copy = box.cloneNode(true);
    Object.keys(RENAME).forEach(function (tag) {
      copy.querySelectorAll(tag).forEach(function (node) {
        var replacement = document.createElement(RENAME[tag]);
        while (node.firstChild) replacement.appendChild(node.firstChild);
        node.parentNode.replaceChild(replacement, node);
      });
    });
    copy.querySelectorAll("span, font").forEach(function (node) {
      while (node.firstChild) node.parentNode.insertBefore(node.firstChild, node);
      node.parentNode.removeChild(node);
    });
    copy.querySelectorAll("*").forEach(function (node) {
      while (node.attributes.length) node.removeAttribute(node.attributes[0].name);
    });
    return copy.innerHTML.trim();
  }

  function refreshButtons(toolbar) {
    toolbar.querySelectorAll("button[data-command]").forEach(function (button) {
      var state = false;
      try { state = document.queryCommandState(button.dataset.command); } catch (e) { state = false; }
      button.setAttribute("aria-pressed", state ? "true" : "false");
    });
  }

  try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* old browsers */ }

  form.querySelectorAll("[data-rt]").forEach(function (wrapper) {
    var toolbar = wrapper.querySelector(".rt-toolbar");
    var box = wrapper.querySelector(".rt-box");
    var source = wrapper.querySelector(".rt-source");
    // The textarea holds HTML the server has just cleaned, so it can be shown as it is.
    box.innerHTML = source.value;
    source.hidden = true;
    box.hidden = false;
    toolbar.hidden = false;

    toolbar.addEventListener("mousedown", function (event) {
      // Keep the selection in the box while a button is pressed.
      if (event.target.closest("button")) event.preventDefault();
    });
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-command]");
      if (!button) return;
      box.focus();
      document.execCommand(button.dataset.command, false, null);
      refreshButtons(toolbar);
      markDirty();
    });
    box.addEventListener("input", markDirty);
    box.addEventListener("keyup", function () { refreshButtons(toolbar); });
    box.addEventListener("mouseup", function () { refreshButtons(toolbar); });
    // Pasted text comes in plain: no fonts or colours from a word processor.
    box.addEventListener("paste", function (event) {
      var text = (event.clipboardData || window.clipboardData).getData("text/plain");
      if (text === undefined) return;
      event.preventDefault();
      document.execCommand("insertText", false, text);
    });
    wrapper.normalise = function () { source.value = normalise(box); };
  });

  form.querySelectorAll("input, textarea").forEach(function (field) {
    if (field.type !== "hidden") field.addEventListener("input", markDirty);
  });

  form.addEventListener("submit", function () {
    form.querySelectorAll("[data-rt]").forEach(function (wrapper) {
      if (wrapper.normalise) wrapper.normalise();
    });
    submitting = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (!dirty || submitting) return undefined;
    event.preventDefault();
    event.returnValue = form.dataset.leaveWarning || "";
    return event.returnValue;
  });
})();
