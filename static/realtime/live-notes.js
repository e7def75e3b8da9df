// The secretary's live notes: saved as they type, never silently overwritten, never lost.
//
// Each note (agenda item × "note" | "conclusion") is saved with the version it was edited
// from; one save per note is in flight at a time. Unsent text is kept in localStorage until
// the server acknowledges it, so a dropped link or a reload loses nothing. A save based on an
// old version comes back as a "conflict" with the server's text: both are shown and the
// writer chooses.
(function () {
  "use strict";

  var SAVE_AFTER_MS = 700;
  var KINDS = ["note", "conclusion"];

  function keyOf(itemId, kind) {
    return (itemId || 0) + ":" + kind;
  }

  function partsOf(key) {
    var parts = key.split(":");
    var item = Number(parts[0]);
    return { item_id: item || null, kind: parts[1] };
  }

  // ctx: room, root, t(key, params), h(tag, attrs, children), clock(iso), draftsKey, onError
  function create(ctx) {
    var room = ctx.room;
    var select = ctx.root.querySelector("[data-live='notes-item']");
    if (!select)
      return { render: function () {}, answered: function () {}, status: function () {} };
    var drafts = window.DiemCauLive.store.read(ctx.draftsKey, {}); // key → {text, base}
    var inflight = {}; // key → {id, text}
    var conflicts = {}; // key → the server's note (NoteOut)
    var timers = {};
    var saved = {}; // key → {version, at} of this page's last acknowledged save
    var bound = {}; // kind → key shown in that editor
    var editors = {};
    KINDS.forEach(function (kind) {
      editors[kind] = {
        area: ctx.root.querySelector("[data-note='" + kind + "']"),
        status: ctx.root.querySelector("[data-note-status='" + kind + "']"),
        conflict: ctx.root.querySelector("[data-conflict='" + kind + "']"),
      };
    });

    // Saves sent before a reload are still in the outbox: they are this page's saves now.
    room.outbox.items.forEach(function (message) {
      if (message.type === "note.save") {
        var p = message.payload;
        inflight[keyOf(p.item_id, p.kind)] = { id: message.id, text: p.text };
      }
    });

    function persist() {
      window.DiemCauLive.store.write(ctx.draftsKey, Object.keys(drafts).length ? drafts : null);
    }

    function serverNote(key) {
      var wanted = partsOf(key);
      var notes = room.state.notes || [];
      for (var i = 0; i < notes.length; i++) {
        if ((notes[i].item_id || null) === wanted.item_id && notes[i].kind === wanted.kind) {
          return notes[i];
        }
      }
      return null;
    }

    function baseOf(key) {
      if (drafts[key]) return drafts[key].base;
      var note = serverNote(key);
      return note ? note.version : 0;
    }

    function chosenItem() {
      if (select.value === "current") return room.state.current.item_id;
      return Number(select.value) || null;
    }

    function save(key) {
      clearTimeout(timers[key]);
      delete timers[key];
      var draft = drafts[key];
      if (!draft || conflicts[key] || inflight[key]) return; // the answer will call again
      var parts = partsOf(key);
      var payload = {
        item_id: parts.item_id,
        kind: parts.kind,
        text: draft.text,
        base_version: draft.base,
      };
      inflight[key] = { id: null, text: draft.text };
      inflight[key].id = room.send("note.save", payload);
      showStatus();
    }

    function edited(kind) {
      var key = bound[kind];
      drafts[key] = { text: editors[kind].area.value, base: baseOf(key) };
      persist();
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () {
        save(key);
      }, SAVE_AFTER_MS);
      if (conflicts[key]) showConflict(kind);
      showStatus();
    }

    function resolve(kind, choice) {
      var key = bound[kind];
      var theirs = serverNote(key) || conflicts[key];
      if (!theirs) return;
      // The server may have moved on since the conflict: decide against its newest text.
      if (conflicts[key] && conflicts[key].version > theirs.version) theirs = conflicts[key];
      delete conflicts[key];
      if (choice === "mine") {
        drafts[key] = { text: editors[kind].area.value, base: theirs.version };
        persist();
        save(key);
      } else {
        delete drafts[key];
        persist();
        editors[kind].area.value = theirs.text;
      }
      showConflict(kind);
      showStatus();
    }

    function showConflict(kind) {
      var editor = editors[kind];
      var current = conflicts[bound[kind]];
      if (!editor.conflict) return;
      editor.conflict.hidden = !current;
      if (!current) {
        editor.conflict.replaceChildren();
        return;
      }
      var h = ctx.h;
      editor.conflict.replaceChildren(
        h("p", {
          class: "conflict-title",
          text: ctx.t("note_conflict", { name: current.updated_by || "?" }),
        }),
        h("div", { class: "conflict-texts" }, [
          h("div", {}, [
            h("h4", { text: ctx.t("theirs") }),
            h("pre", { "data-conflict-text": "theirs", text: current.text }),
          ]),
          h("div", {}, [
            h("h4", { text: ctx.t("mine") }),
            h("pre", { "data-conflict-text": "mine", text: editor.area.value }),
          ]),
        ]),
        h("div", { class: "live-actions" }, [
          h("button", {
            type: "button",
            class: "button primary",
            "data-resolve": "mine",
            "data-kind": kind,
            text: ctx.t("keep_mine"),
          }),
          h("button", {
            type: "button",
            class: "button",
            "data-resolve": "theirs",
            "data-kind": kind,
            text: ctx.t("use_theirs"),
          }),
        ])
      );
    }

    function statusText(key) {
      if (conflicts[key]) return "";
      if (inflight[key]) return room.isOpen() ? ctx.t("note_saving") : ctx.t("note_offline");
      if (drafts[key]) return room.isOpen() ? "" : ctx.t("note_offline");
      if (saved[key]) {
        return ctx.t("note_saved", { time: ctx.clock(saved[key].at, true), v: saved[key].version });
      }
      var note = serverNote(key);
      if (note && note.updated_by) {
        return ctx.t("updated_by", { name: note.updated_by, time: ctx.clock(note.updated_at) });
      }
      return "";
    }

    function showStatus() {
      KINDS.forEach(function (kind) {
        var status = editors[kind].status;
        if (status) status.textContent = statusText(bound[kind]);
      });
    }

    // Binds each editor to the chosen item's note and takes in what others saved.
    function render() {
      var item = chosenItem();
      KINDS.forEach(function (kind) {
        var key = keyOf(item, kind);
        var editor = editors[kind];
        if (!editor.area) return;
        var note = serverNote(key);
        var draft = drafts[key];
        // A draft the server already holds (its answer was lost with the link) is done.
        if (
          draft &&
          !inflight[key] &&
          note &&
          note.text === draft.text &&
          note.version >= draft.base
        ) {
          delete drafts[key];
          persist();
          draft = null;
        }
        if (bound[kind] !== key) {
          bound[kind] = key;
          editor.area.value = draft ? draft.text : note ? note.text : "";
          showConflict(kind);
        } else if (!draft && !inflight[key] && note && editor.area.value !== note.text) {
          editor.area.value = note.text; // someone else's save, nothing of ours pending
        }
        // Text typed before a reload and never sent goes now.
        if (draft && !inflight[key] && !timers[key] && !conflicts[key]) {
          timers[key] = setTimeout(function () {
            save(key);
          }, SAVE_AFTER_MS);
        }
      });
      showStatus();
    }

    function answered(message, frame) {
      if (!message || message.type !== "note.save") return;
      var p = message.payload;
      var key = keyOf(p.item_id, p.kind);
      if (frame.type === "error" && frame.code === "server_error") {
        showStatus(); // the room sends the same save again
        return;
      }
      if (inflight[key] && inflight[key].id === message.id) delete inflight[key];
      if (frame.type === "ack") {
        saved[key] = { version: frame.version, at: new Date().toISOString() };
        var draft = drafts[key];
        if (draft && draft.text === p.text) delete drafts[key];
        else if (draft) draft.base = frame.version; // typed on meanwhile: save that next
        persist();
        if (drafts[key]) save(key);
      } else if (frame.code === "conflict" && frame.current) {
        conflicts[key] = frame.current;
        if (!drafts[key]) drafts[key] = { text: p.text, base: p.base_version };
        persist();
      } else {
        ctx.onError("notes-" + p.kind, frame.message);
      }
      KINDS.forEach(function (kind) {
        if (bound[kind] === key) showConflict(kind);
      });
      showStatus();
    }

    select.addEventListener("change", render);
    KINDS.forEach(function (kind) {
      if (editors[kind].area) {
        editors[kind].area.addEventListener("input", function () {
          edited(kind);
        });
      }
    });
    ctx.root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-resolve]");
      if (button) resolve(button.getAttribute("data-kind"), button.getAttribute("data-resolve"));
    });

    return { render: render, answered: answered, status: showStatus };
  }

  window.DiemCauLiveNotes = { create: create, keyOf: keyOf };
})();
