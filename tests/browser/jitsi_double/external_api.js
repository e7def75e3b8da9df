// A local stand-in for Jitsi's external_api.js (no Jitsi server is reachable from tests).
// It keeps the IFrame API's shape for the calls our pages make and records them on
// window.__jitsi: the domain and options of the last constructor call, the commands
// executed, the listeners added. A test fires an event with
//   window.__jitsi.fire("videoConferenceJoined", {id: "abc"})
// and sets window.__jitsi.stats to what getConnectionStats() should answer.
(function () {
  "use strict";

  var record = {
    instances: 0,
    domain: null,
    options: null,
    commands: [],
    listeners: {},
    disposed: false,
    stats: { connectionQuality: 87.5, jvbRTT: 42, packetLoss: { total: 1.5 } },
    // Returns how many listeners heard the event, so a test can tell a missing subscription.
    fire: function (event, data) {
      var heard = (record.listeners[event] || []).slice();
      heard.forEach(function (listener) { listener(data || {}); });
      return heard.length;
    },
  };
  window.__jitsi = record;

  function JitsiMeetExternalAPI(domain, options) {
    record.instances += 1;
    record.domain = domain;
    record.options = options;
    record.disposed = false;
    // Stands where the real iframe would, so screenshots show where the video goes.
    this._frame = document.createElement("div");
    this._frame.className = "jitsi-double";
    this._frame.textContent = "Jitsi (thử nghiệm): " + domain + "/" + options.roomName;
    (options.parentNode || document.body).appendChild(this._frame);
  }

  JitsiMeetExternalAPI.prototype.addListener = function (event, listener) {
    (record.listeners[event] = record.listeners[event] || []).push(listener);
    return this;
  };
  JitsiMeetExternalAPI.prototype.on = JitsiMeetExternalAPI.prototype.addListener;

  JitsiMeetExternalAPI.prototype.removeListener = function (event, listener) {
    record.listeners[event] = (record.listeners[event] || []).filter(function (fn) {
      return fn !== listener;
    });
    return this;
  };

  JitsiMeetExternalAPI.prototype.executeCommand = function (name) {
    record.commands.push(Array.prototype.slice.call(arguments));
  };

  JitsiMeetExternalAPI.prototype.getConnectionStats = function () {
    return Promise.resolve(record.stats);
  };

  JitsiMeetExternalAPI.prototype.dispose = function () {
    record.disposed = true;
    this._frame.remove();
  };

  window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
})();
