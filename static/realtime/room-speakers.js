// The live room's speaker queue: who speaks now and for how long, who waits, who spoke; the
// chair's controls; a person's own request to speak, and an operator's request for a delegate
// of their room.
(function () {
  "use strict";

  var R = window.DiemCauRoom;

  function speakerLine(speaker) {
    var where = speaker.bridge_point_name ? roomLabelFor(speaker) : "";
    return [
      R.h("strong", { text: speaker.name }),
      where ? R.h("span", { class: "muted", text: " · " + where }) : null,
      speaker.topic ? R.h("span", { class: "live-topic", text: " — " + speaker.topic }) : null,
      speaker.source === "video"
        ? R.h("span", { class: "badge", text: "✋ " + R.t("from_video") })
        : null,
    ];
  }

  function roomLabelFor(speaker) {
    return R.roomLabel(speaker.bridge_point_id) || speaker.bridge_point_name;
  }

  function drawSpeaking(speaking, preside) {
    R.patch(R.q("[data-live='speaker-now']"), [speaking, preside], function () {
      if (!speaking) return [R.h("p", { class: "muted", text: R.t("nobody_speaking") })];
      return [
        R.h("p", { class: "live-label", text: R.t("speaking_now") }),
        R.h(
          "p",
          { class: "live-speaker" },
          speakerLine(speaking).concat([" ", R.timer(speaking.started_at, 0, 0)])
        ),
        preside
          ? R.h("button", {
              type: "button",
              class: "button no-print",
              "data-action": "speaker.end",
              text: R.t("end_turn"),
            })
          : null,
      ];
    });
  }

  function drawQueue(waiting, preside) {
    R.patch(R.q("[data-live='queue']"), [waiting, preside], function () {
      if (!waiting.length) return [R.h("li", { class: "muted", text: R.t("queue_empty") })];
      return waiting.map(function (s, index) {
        return R.h("li", { class: "live-queue-item" }, [
          R.h("span", { class: "item-no", text: String(index + 1) }),
          R.h(
            "span",
            { class: "live-queue-who" },
            speakerLine(s).concat([
              R.h("span", { class: "muted", text: " " + R.clock(s.requested_at) }),
            ])
          ),
          preside
            ? R.h("span", { class: "live-queue-tools no-print" }, [
                R.h("button", {
                  type: "button",
                  class: "button small primary",
                  "data-action": "speaker.grant",
                  "data-id": s.id,
                  text: R.t("grant"),
                }),
                R.h("button", {
                  type: "button",
                  class: "button small danger",
                  "data-action": "speaker.remove",
                  "data-id": s.id,
                  text: R.t("remove"),
                }),
              ])
            : null,
        ]);
      });
    });
    var lower = R.q("[data-action='speaker.lower_all']");
    if (lower) lower.disabled = !waiting.length;
  }

  function drawSpoke(done) {
    R.q("[data-live='spoke-wrap']").hidden = !done.length;
    R.q("[data-live='spoke-title']").textContent = R.t("spoke", { n: done.length });
    R.patch(R.q("[data-live='spoke']"), done, function () {
      return done.map(function (s) {
        var took =
          s.ended_at && s.started_at
            ? (Date.parse(s.ended_at) - Date.parse(s.started_at)) / 1000
            : 0;
        return R.h(
          "li",
          {},
          speakerLine(s).concat([
            R.h("span", {
              class: "muted",
              text: " " + R.clock(s.started_at) + " · " + R.duration(took),
            }),
          ])
        );
      });
    });
  }

  function drawMyRequest(speakers, waiting) {
    var mine = R.find(speakers, function (s) {
      return s.user_id === R.me().user_id && (s.status === "waiting" || s.status === "speaking");
    });
    var mineBox = R.q("[data-live='my-request']");
    if (!mineBox) return;
    mineBox.textContent = !mine
      ? ""
      : mine.status === "speaking"
        ? R.t("my_turn")
        : R.t("my_place", { n: waiting.indexOf(mine) + 1 });
    var withdraw = R.q("[data-action='speaker.withdraw']");
    withdraw.hidden = !mine || mine.status !== "waiting";
    if (mine) withdraw.setAttribute("data-id", mine.id);
    R.q("[data-form='ask'] button[type='submit']").hidden = Boolean(mine);
    R.q("[data-form='ask'] .field").hidden = Boolean(mine);
  }

  function drawAskFor() {
    var delegates = R.delegatesOfMyRooms();
    R.patch(R.q("[data-form='ask-for'] select[name='user_id']"), delegates, function () {
      return delegates.map(function (m) {
        return R.h("option", { value: m.user_id, text: m.name });
      });
    });
  }

  function withStatus(speakers, status) {
    return speakers.filter(function (s) {
      return s.status === status;
    });
  }

  function drawSpeakers() {
    var speakers = R.state().speakers;
    var preside = R.config.sections.preside;
    var waiting = withStatus(speakers, "waiting");
    drawSpeaking(withStatus(speakers, "speaking")[0] || null, preside);
    drawQueue(waiting, preside);
    drawSpoke(withStatus(speakers, "done"));
    drawMyRequest(speakers, waiting);
    drawAskFor();
  }

  function sendAbout(type, errorName) {
    return function (b) {
      R.send(type, { request_id: R.numberAttr(b, "data-id") }, errorName);
    };
  }

  R.section("speakers", {
    draw: drawSpeakers,
    actions: {
      "speaker.end": function () {
        R.send("speaker.end", {}, "speakers");
      },
      "speaker.grant": sendAbout("speaker.grant", "speakers"),
      "speaker.remove": sendAbout("speaker.remove", "speakers"),
      "speaker.lower_all": function () {
        R.send("speaker.lower_all", {}, "speakers");
      },
      "speaker.withdraw": sendAbout("speaker.withdraw", "ask"),
    },
    forms: {
      ask: function (form) {
        return ["speaker.request", { topic: form.elements.topic.value.trim() }, "ask"];
      },
      "ask-for": function (form) {
        var data = form.elements;
        return [
          "speaker.request",
          { user_id: Number(data.user_id.value), topic: data.topic.value.trim() },
          "ask-for",
        ];
      },
    },
  });
})();
