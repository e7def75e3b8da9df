// The live room's roll call and quorum: the quorum line in the head and above the roll call,
// and the roll call table (all members for the chair and secretary, filtered by room; the
// members of their own rooms for an operator), marked one by one or all present at once.
(function () {
  "use strict";

  var R = window.DiemCauRoom;

  function quorumText() {
    var quorum = R.state().quorum;
    if (!quorum.members) return "";
    var share = Math.round((quorum.present * 100) / quorum.members);
    return R.t("quorum", {
      present: quorum.present,
      members: quorum.members,
      share: share,
      needed: quorum.needed,
      percent: quorum.percent,
    });
  }

  function drawQuorum(el) {
    var quorum = R.state().quorum;
    R.patch(el, quorum, function () {
      if (!quorum.members) return [];
      return [
        quorumText() + " ",
        R.h("span", {
          class: "badge " + (quorum.met ? "light-green" : "light-amber"),
          text: quorum.met ? R.t("quorum_met") : R.t("quorum_not_met"),
        }),
      ];
    });
  }

  function rollCallRows() {
    var filter = R.q("[data-live='rollcall-room']");
    var everyone = R.config.sections.preside || R.me().is_secretary;
    return R.state().members.filter(function (m) {
      if (!everyone) return R.myRooms().indexOf(m.bridge_point_id) >= 0;
      return !filter || filter.value === "" || String(m.bridge_point_id || 0) === filter.value;
    });
  }

  function rollCallEntry(userId) {
    return R.find(R.state().roll_call, function (e) {
      return e.user_id === userId;
    });
  }

  function rollCallCells(m, entry) {
    var status = entry ? entry.status : "";
    var buttons = R.config.choices.roll_call.map(function (c) {
      return R.h("button", {
        type: "button",
        class: "toggle toggle-" + c[0],
        "data-action": "rollcall.mark",
        "data-user": m.user_id,
        "data-status": c[0],
        "aria-pressed": status === c[0] ? "true" : "false",
        "aria-label": c[1],
        title: c[1],
        text: R.t(c[0]),
      });
    });
    var reasonId = "reason-" + m.user_id;
    return [
      R.h("td", {}, [
        R.h("strong", { text: m.name }),
        m.role !== "delegate" ? R.h("span", { class: "badge", text: R.t("observer") }) : null,
        R.h("p", {
          class: "muted small",
          title: R.roomLabel(m.bridge_point_id),
          text: [m.position, (R.bridgePoint(m.bridge_point_id) || {}).unit]
            .filter(Boolean)
            .join(" · "),
        }),
      ]),
      R.h("td", {}, [
        R.h("div", { class: "toggles", role: "group", "aria-label": m.name }, buttons),
      ]),
      R.h("td", {}, [
        R.h("label", { class: "sr-only", for: reasonId, text: R.t("reason") + " — " + m.name }),
        R.h("input", {
          type: "text",
          id: reasonId,
          "data-reason": m.user_id,
          maxlength: 300,
          placeholder: R.t("reason"),
          value: entry ? entry.reason : "",
        }),
        entry && entry.reason ? R.h("p", { class: "print-only", text: entry.reason }) : null,
        R.h("p", {
          class: "muted small",
          text: entry ? R.t("marked_by", { name: entry.marked_by }) : R.t("not_marked"),
        }),
      ]),
    ];
  }

  function drawRoomFilter(filter) {
    var rooms = R.state().bridge_points;
    R.patch(filter, rooms, function () {
      var chosen = filter.value;
      return [R.h("option", { value: "", text: R.t("all_rooms") })].concat(
        rooms.map(function (bp) {
          return R.h("option", {
            value: bp.id,
            selected: String(bp.id) === chosen,
            text: bp.unit + " — " + bp.name,
          });
        })
      );
    });
  }

  function drawRollCall() {
    var body = R.q("[data-live='rollcall']");
    if (!body) return;
    drawQuorum(R.q("[data-live='quorum-detail']"));
    drawRoomFilter(R.q("[data-live='rollcall-room']"));
    var rows = rollCallRows();
    // Rows are kept and redrawn one by one: a mark elsewhere leaves a reason being typed alone.
    R.patch(
      body,
      rows.map(function (m) {
        return m.user_id;
      }),
      function () {
        if (!rows.length)
          return [
            R.h("tr", {}, [R.h("td", { colspan: 3, class: "muted", text: R.t("no_members") })]),
          ];
        return rows.map(function (m) {
          return R.h("tr", { "data-member": m.user_id });
        });
      }
    );
    rows.forEach(function (m) {
      var row = body.querySelector("tr[data-member='" + m.user_id + "']");
      var entry = rollCallEntry(m.user_id);
      row.className = entry ? "marked-" + entry.status : "unmarked";
      R.patch(row, [m, entry], function () {
        return rollCallCells(m, entry);
      });
    });
  }

  function member(userId) {
    return R.find(R.state().members, function (m) {
      return m.user_id === userId;
    });
  }

  // Absent needs a reason: the mark waits for one.
  function markRollCall(button) {
    var userId = R.numberAttr(button, "data-user");
    var status = button.getAttribute("data-status");
    var reasonInput = R.q("[data-reason='" + userId + "']");
    var reason = reasonInput ? reasonInput.value.trim() : "";
    if (status === "absent" && !reason) {
      R.showError("rollcall", R.t("reason") + ": " + (member(userId) || {}).name);
      if (reasonInput) reasonInput.focus();
      return;
    }
    R.send(
      "rollcall.mark",
      { entries: [{ user_id: userId, status: status, reason: reason }] },
      "rollcall"
    );
  }

  function markAllPresent() {
    var marked = {};
    R.state().roll_call.forEach(function (e) {
      marked[e.user_id] = true;
    });
    var entries = rollCallRows()
      .filter(function (m) {
        return !marked[m.user_id];
      })
      .map(function (m) {
        return { user_id: m.user_id, status: "present_room", reason: "" };
      });
    if (entries.length) R.send("rollcall.mark", { entries: entries }, "rollcall");
  }

  R.section("rollcall", {
    setup: function () {
      var filter = R.q("[data-live='rollcall-room']");
      if (filter) filter.addEventListener("change", drawRollCall);
    },
    draw: function () {
      drawQuorum(R.q("[data-live='quorum']"));
      drawRollCall();
    },
    actions: {
      "rollcall.mark": markRollCall,
      "rollcall.all-present": markAllPresent,
    },
  });
})();
