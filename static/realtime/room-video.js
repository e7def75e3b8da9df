// The live room's video (static/js/live-video.js): started on request or at once, it tells the
// room who joined from where, turns a raised hand into a request to speak, pins the speaker,
// and passes the link's figures on to the check-in form ("videoStats").
(function () {
  "use strict";

  var R = window.DiemCauRoom;
  var player = null;
  var participant = null; // this page's id in the video, while joined
  var pinned = null;

  function announceVideo() {
    if (!participant || !R.room.isOpen()) return;
    R.room.send(
      "video.joined",
      {
        participant_id: participant,
        bridge_point_id: R.config.video.bridge_point_id,
      },
      { transient: true }
    );
  }

  function handRaised(raised) {
    var mine = R.find(R.state().speakers, function (s) {
      return s.user_id === R.me().user_id && s.status === "waiting";
    });
    if (raised && !mine) R.send("speaker.request", { source: "video" }, "ask");
    if (!raised && mine && mine.source === "video") {
      R.send("speaker.withdraw", { request_id: mine.id }, "ask");
    }
  }

  function startVideo() {
    var container = R.q("[data-live='video']");
    if (player || !R.config.video || !container || !window.DiemCauVideo) return;
    window.DiemCauVideo.messages.loadFailed = R.t("video_load_failed");
    var start = R.q("[data-action='video.start']");
    if (start) start.hidden = true;
    container.hidden = false;
    player = window.DiemCauVideo.start(container, R.config.video, {
      onJoined: function (event) {
        participant = event.participantId;
        announceVideo();
        pinSpeaker();
      },
      onLeft: function () {
        participant = null;
        if (R.room.isOpen()) R.room.send("video.left", {}, { transient: true });
      },
      onHandRaised: handRaised,
      onStats: function (stats) {
        R.emit("videoStats", stats);
      },
    });
    pinSpeaker();
  }

  // Giving the floor pins the speaker's video: their latest session still open.
  function pinSpeaker() {
    if (!player) return;
    var speaking = R.find(R.state().speakers, function (s) {
      return s.status === "speaking";
    });
    if (!speaking) return;
    var session = null;
    R.state().video.forEach(function (v) {
      if (v.user_id !== speaking.user_id || v.left_at) return;
      if (
        !session ||
        v.joined_at > session.joined_at ||
        (v.joined_at === session.joined_at && v.id > session.id)
      ) {
        session = v;
      }
    });
    if (session && session.participant_id !== pinned) {
      pinned = session.participant_id;
      player.pin(pinned);
    }
  }

  R.section("video", {
    draw: pinSpeaker,
    open: announceVideo,
    ready: function () {
      if (R.config.sections.video_autostart) startVideo();
    },
    actions: { "video.start": startVideo },
  });
})();
