// The live room's readiness: the board of every room's check-in light (and the rooms not
// checked in yet), and an operator's check-in form for each room they run, with the video
// link's figures (room-video.js emits them as "videoStats").
(function () {
  "use strict";

  var R = window.DiemCauRoom;
  var videoStats = null; // {quality, packetLoss, rtt} from the video, null before any

  function lightBadge(light) {
    return R.h("span", { class: "badge light-" + light, text: R.t("light_" + light) });
  }

  function checkInOf(roomId) {
    return R.find(R.state().check_ins, function (c) {
      return c.bridge_point_id === roomId;
    });
  }

  function checkedIn(check) {
    return R.t("checked_in_at", { time: R.clock(check.checked_in_at), name: check.checked_in_by });
  }

  function yesNo(value) {
    return value ? R.t("yes") : R.t("no");
  }

  function boardRoom(bp, check) {
    return R.h("li", { class: "board-room light-" + check.readiness, "data-room": bp.id }, [
      R.h("p", { class: "board-name" }, [
        R.h("strong", { text: bp.unit }),
        " ",
        R.h("span", { class: "muted", text: bp.name }),
        bp.is_main ? R.h("span", { class: "badge", text: R.t("main_room") }) : null,
      ]),
      lightBadge(check.readiness),
      R.h("p", {
        class: "board-facts",
        text: [
          R.t("technician") + ": " + yesNo(check.technician_present),
          R.t("video_test") + ": " + yesNo(check.video_tested),
          R.t("quality") + ": " + R.choice("quality", check.connection_quality),
          R.t("headcount") + ": " + check.headcount,
        ].join(" · "),
      }),
      R.h("p", {
        class: "muted small",
        text: checkedIn(check) + (check.note ? " — " + check.note : ""),
      }),
    ]);
  }

  function drawBoard() {
    var board = R.q("[data-live='board']");
    if (!board) return;
    var checks = R.state().check_ins;
    var rooms = R.state().bridge_points;
    R.patch(board, [checks, rooms], function () {
      return rooms.map(function (bp) {
        var check = checkInOf(bp.id);
        return check ? boardRoom(bp, check) : null;
      });
    });
    var missing = rooms.filter(function (bp) {
      return !checkInOf(bp.id);
    });
    R.patch(R.q("[data-live='missing']"), missing, function () {
      if (!missing.length) return [R.h("li", { class: "muted", text: R.t("all_checked_in") })];
      return missing.map(function (bp) {
        return R.h("li", { "data-room": bp.id }, [
          R.h("strong", { text: bp.unit }),
          " · " + bp.name,
        ]);
      });
    });
    var ready = checks.filter(function (c) {
      return c.readiness === "green";
    }).length;
    R.q("[data-live='readiness-summary']").textContent = R.t("ready_count", {
      ready: ready,
      total: rooms.length,
      missing: missing.length,
    });
  }

  function statsPayload() {
    if (!videoStats) return {};
    var stats = { connection_quality: videoStats.quality };
    if (videoStats.packetLoss !== null) stats.packet_loss = videoStats.packetLoss;
    if (videoStats.rtt !== null) stats.rtt = videoStats.rtt;
    return stats;
  }

  function statsText() {
    var s = videoStats;
    if (!s) return R.t("stats_none");
    return R.t("stats", {
      q: Math.round(s.quality),
      loss: s.packetLoss === null ? "?" : R.percent(s.packetLoss),
      rtt: s.rtt === null ? "?" : s.rtt,
    });
  }

  function drawCheckIns() {
    R.qa("[data-form='checkin']").forEach(function (form) {
      var check = checkInOf(Number(form.getAttribute("data-room")));
      R.patch(form.querySelector("[data-live='checkin-status']"), check, function () {
        if (!check) return [R.h("span", { class: "badge", text: R.t("not_checked_in") })];
        return [lightBadge(check.readiness), " ", checkedIn(check)];
      });
      // The form starts from the room's last check-in, once: later ones leave what is typed.
      if (check && !form.filled) {
        form.filled = true;
        form.elements.technician_present.checked = check.technician_present;
        form.elements.video_tested.checked = check.video_tested;
        form.elements.headcount.value = check.headcount;
        form.elements.note.value = check.note;
      }
      form.querySelector("[data-live='stats']").textContent = statsText();
    });
  }

  function checkInPayload(form) {
    var data = form.elements;
    return [
      "checkin.submit",
      {
        bridge_point_id: Number(form.getAttribute("data-room")),
        technician_present: data.technician_present.checked,
        video_tested: data.video_tested.checked,
        connection_quality: data.connection_quality.value || null,
        connection_stats: statsPayload(),
        headcount: Number(data.headcount.value) || 0,
        note: data.note.value.trim(),
      },
      "checkin-" + form.getAttribute("data-room"),
    ];
  }

  R.section("readiness", {
    draw: function () {
      drawBoard();
      drawCheckIns();
    },
    videoStats: function (stats) {
      videoStats = stats;
      drawCheckIns();
    },
    forms: { checkin: checkInPayload },
  });
})();
