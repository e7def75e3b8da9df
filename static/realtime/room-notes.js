// The live room's notes: the notes and conclusion of the item being discussed for those who
// read them, and for the secretary the choice of item and the editors of live-notes.js.
(function () {
  "use strict";

  var R = window.DiemCauRoom;
  var notes = null; // the editors (window.DiemCauLiveNotes), once started

  function drawNotesRead() {
    var box = R.q("[data-live='notes-read']");
    if (!box) return;
    var itemId = R.state().current.item_id || null;
    var mine = R.state().notes.filter(function (n) {
      return (n.item_id || null) === itemId;
    });
    R.patch(box, [mine, itemId], function () {
      var item = R.agendaItem(itemId);
      return [
        R.h("p", { class: "muted", text: item ? R.itemLabel(item) : R.t("general_notes") }),
      ].concat(
        ["note", "conclusion"].map(function (kind) {
          var note = R.find(mine, function (n) {
            return n.kind === kind;
          });
          return R.h("div", { class: "note-read note-" + kind }, [
            R.h("h3", { text: box.getAttribute("data-label-" + kind) }),
            R.h("p", {
              class: "prewrap",
              "data-note-text": kind,
              text:
                note && note.text
                  ? note.text
                  : R.t(kind === "note" ? "note_empty" : "conclusion_empty"),
            }),
            note && note.updated_by
              ? R.h("p", {
                  class: "muted small",
                  text: R.t("updated_by", {
                    name: note.updated_by,
                    time: R.clock(note.updated_at),
                  }),
                })
              : null,
          ]);
        })
      );
    });
  }

  function drawNotesChoice() {
    var select = R.q("[data-live='notes-item']");
    if (!select) return;
    var agenda = R.state().agenda;
    R.patch(select, agenda, function () {
      var chosen = select.value || "current";
      var options = [
        R.h("option", { value: "current", text: select.getAttribute("data-follow-label") }),
        R.h("option", { value: "0", text: R.t("general_notes") }),
      ];
      return options
        .concat(
          agenda.map(function (item) {
            return R.h("option", { value: item.id, text: R.itemLabel(item) });
          })
        )
        .map(function (option) {
          option.selected = option.value === chosen;
          return option;
        });
    });
  }

  R.section("notes", {
    setup: function () {
      notes = window.DiemCauLiveNotes.create({
        room: R.room,
        root: R.root,
        t: R.t,
        h: R.h,
        clock: R.clock,
        draftsKey: "diemcau.notes." + R.who,
        onError: R.showError,
      });
    },
    draw: function () {
      drawNotesChoice();
      drawNotesRead();
      notes.render();
    },
    status: function () {
      notes.status();
    },
    answer: function (message, frame) {
      notes.answered(message, frame);
    },
  });
})();
