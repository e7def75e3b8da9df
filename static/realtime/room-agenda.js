// The live room's head and agenda: the meeting's status, the item being discussed and its
// timer, the agenda list, and the chair's controls to open, close and move through it.
(function () {
  "use strict";

  var R = window.DiemCauRoom;

  function drawHead() {
    var meeting = R.state().meeting;
    var badge = R.q("[data-live='status']");
    badge.className = "badge status-" + meeting.status;
    badge.textContent = R.choice("status", meeting.status);
    var current = R.agendaItem(R.state().current.item_id);
    var title = R.q("[data-live='current']");
    var label = R.itemLabel(current);
    if (title.textContent !== label) title.textContent = label; // announced: only on change
    R.patch(
      R.q("[data-live='item-timer']"),
      [R.state().current, current && current.planned_minutes],
      function () {
        var c = R.state().current;
        if (!c.started_at) return [];
        return [
          R.timer(c.started_at, c.spent_seconds_before, current ? current.planned_minutes * 60 : 0),
        ];
      }
    );
    var start = R.q("[data-action='meeting.start']");
    if (start) {
      start.hidden = meeting.status !== "scheduled";
      R.q("[data-action='meeting.end']").hidden = meeting.status !== "live";
    }
    R.qa("[data-action='agenda.prev'], [data-action='agenda.next']").forEach(function (b) {
      b.disabled = !R.isLive();
    });
  }

  function drawAgenda() {
    var list = R.q("[data-live='agenda']");
    var preside = R.config.sections.preside;
    var agenda = R.state().agenda;
    var currentId = R.state().current.item_id;
    R.patch(list, [agenda, currentId, R.isLive()], function () {
      return agenda.map(function (item) {
        var isCurrent = item.id === currentId;
        var facts = [R.t("planned", { m: item.planned_minutes })];
        if (item.presenter) facts.push(R.t("presenter") + ": " + item.presenter);
        return R.h(
          "li",
          {
            class: "live-agenda-item" + (isCurrent ? " current" : ""),
            "aria-current": isCurrent ? "step" : null,
          },
          [
            R.h("span", { class: "item-no", text: String(item.position) }),
            R.h("div", { class: "item-main" }, [
              R.h("p", { class: "item-title" }, [
                item.title + " ",
                isCurrent
                  ? R.h("span", { class: "badge status-live", text: R.t("current") })
                  : null,
              ]),
              R.h("p", { class: "item-meta", text: facts.join(" · ") }),
            ]),
            preside && R.isLive() && !isCurrent
              ? R.h("button", {
                  type: "button",
                  class: "button small no-print",
                  "data-action": "agenda.goto",
                  "data-id": item.id,
                  text: R.t("goto"),
                })
              : null,
          ]
        );
      });
    });
  }

  function goto(offset) {
    var agenda = R.state().agenda;
    var index = agenda.indexOf(R.agendaItem(R.state().current.item_id));
    var next = agenda[index < 0 ? 0 : index + offset];
    if (next) R.send("agenda.goto", { item_id: next.id }, "agenda");
  }

  R.section("agenda", {
    draw: function () {
      drawHead();
      drawAgenda();
    },
    actions: {
      "meeting.start": function () {
        if (window.confirm(R.t("start_confirm"))) R.send("meeting.start", {}, "agenda");
      },
      "meeting.end": function () {
        if (window.confirm(R.t("end_confirm"))) R.send("meeting.end", {}, "agenda");
      },
      "agenda.goto": function (b) {
        R.send("agenda.goto", { item_id: R.numberAttr(b, "data-id") }, "agenda");
      },
      "agenda.prev": function () {
        goto(-1);
      },
      "agenda.next": function () {
        goto(1);
      },
    },
  });
})();
