// Video of the live meeting room through Jitsi Meet's IFrame API, loaded from the configured
// deployment (never a CDN). The page calls DiemCauVideo.start(container, config, hooks) with
// the config that meetings.jitsi.video_config builds; when video cannot start the container
// says so plainly and nothing else on the page depends on it.
(function () {
  "use strict";

  // Pages may replace these with translated text before calling start().
  var messages = {
    notConfigured: "Chưa cấu hình hội nghị truyền hình (Jitsi): phần hình ảnh trực tuyến " +
      "không hiển thị. Các chức năng khác của phòng họp vẫn dùng bình thường.",
    loadFailed: "Không tải được hình ảnh trực tuyến từ máy chủ hội nghị truyền hình. " +
      "Kiểm tra đường truyền rồi tải lại trang; các chức năng khác vẫn dùng bình thường.",
  };
  var LOAD_TIMEOUT_MS = 30000; // commune links are slow; past this the room says so
  var STATS_EVERY_MS = 15000;

  var loading = {}; // script URL → Promise, so two players on one page load it once

  function loadScript(url) {
    if (typeof window.JitsiMeetExternalAPI === "function") return Promise.resolve();
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        var timer = setTimeout(function () { reject(new Error("timeout")); }, LOAD_TIMEOUT_MS);
        script.src = url;
        script.async = true;
        script.onload = function () {
          clearTimeout(timer);
          if (typeof window.JitsiMeetExternalAPI === "function") resolve();
          else reject(new Error("no JitsiMeetExternalAPI in " + url));
        };
        script.onerror = function () {
          clearTimeout(timer);
          reject(new Error("cannot load " + url));
        };
        document.head.appendChild(script);
      });
      // A failed load may be retried by a later start().
      loading[url].catch(function () { delete loading[url]; });
    }
    return loading[url];
  }

  function showMessage(container, text) {
    var note = document.createElement("p");
    note.className = "video-message";
    note.setAttribute("role", "status");
    note.textContent = text;
    container.textContent = "";
    container.appendChild(note);
  }

  function start(container, config, hooks) {
    hooks = hooks || {};
    var api = null;
    var disposed = false;
    var localId = null;
    var handRaised = false;
    var pinned = null;
    var statsTimer = null;

    // A failing hook must not take the video down with it.
    function call(name, value) {
      if (typeof hooks[name] !== "function") return;
      try {
        hooks[name](value);
      } catch (error) {
        console.error("DiemCauVideo hook " + name, error);
      }
    }

    function fail(error) {
      if (disposed) return;
      console.error("DiemCauVideo", error);
      showMessage(container, messages.loadFailed);
      call("onError", messages.loadFailed);
    }

    function readStats() {
      api.getConnectionStats().then(function (stats) {
        if (!disposed && stats && typeof stats.connectionQuality === "number") {
          call("onStats", {
            quality: stats.connectionQuality, // 0–100, as Jitsi's connection indicator
            packetLoss: stats.packetLoss ? stats.packetLoss.total : null,
            rtt: typeof stats.jvbRTT === "number" ? stats.jvbRTT : null,
          });
        }
      }, function () { /* no stats yet: the next poll tries again */ });
    }

    function stopStats() {
      if (statsTimer !== null) clearInterval(statsTimer);
      statsTimer = null;
    }

    function joined(event) {
      localId = event.id;
      handRaised = false;
      call("onJoined", { participantId: event.id });
      if (pinned) api.executeCommand("pinParticipant", pinned);
      // Older deployments lack getConnectionStats; then no statistics are reported.
      if (typeof api.getConnectionStats === "function") {
        stopStats();
        readStats();
        statsTimer = setInterval(readStats, STATS_EVERY_MS);
      }
    }

    function left() {
      localId = null;
      stopStats();
      call("onLeft");
    }

    function handUpdated(event) {
      if (localId === null || event.id !== localId) return;
      var raised = Boolean(event.handRaised); // 0 when lowered, a timestamp when raised
      if (raised === handRaised) return;
      handRaised = raised;
      call("onHandRaised", raised);
    }

    var handle = {
      // Keeps the participant's video on the large view (giving the floor); kept across rejoins.
      pin: function (participantId) {
        pinned = participantId || null;
        if (api && pinned) api.executeCommand("pinParticipant", pinned);
      },
      dispose: function () {
        disposed = true;
        stopStats();
        if (api) api.dispose();
        api = null;
      },
    };

    if (!config) {
      showMessage(container, messages.notConfigured);
      return handle;
    }

    loadScript(config.script_url).then(function () {
      if (disposed) return;
      var options = {
        roomName: config.room,
        parentNode: container,
        width: "100%",
        height: "100%",
        lang: document.documentElement.lang || "vi",
        userInfo: { displayName: config.display_name },
        configOverwrite: {
          subject: config.subject,
          // Tablets would otherwise be sent to the app store instead of the meeting.
          disableDeepLinking: true,
        },
      };
      if (config.jwt) options.jwt = config.jwt;
      try {
        container.textContent = "";
        api = new window.JitsiMeetExternalAPI(config.domain, options);
      } catch (error) {
        fail(error);
        return;
      }
      api.addListener("videoConferenceJoined", joined);
      api.addListener("videoConferenceLeft", left);
      api.addListener("raiseHandUpdated", handUpdated);
    }, fail);

    return handle;
  }

  window.DiemCauVideo = {
    start: start,
    messages: messages,
    NOT_CONFIGURED: messages.notConfigured,
  };
})();
