// The live meeting room page: draws the room's state into the sections the server chose for
// this person, and turns their clicks into socket messages (static/realtime/live.js).
// This file is the core: shared helpers, the connection banner, the section registry and the
// boot. Each section of the page lives in its own room-*.js, loaded after this one, and
// registers itself with window.DiemCauRoom.section(name, {...}).
// Texts come translated from the page (#live-config → strings); timers tick here from the
// server's start times, corrected by the clock difference measured when the page was made.
(function () {
  "use strict";

  var Live = window.DiemCauLive;
  var R = {}; // window.DiemCauRoom: the helpers below; config, room, root and who once started
  var config;
  var room;
  var root;
  var skew = 0; // server clock minus this device's clock, in ms
  var clockFormat;
  var secondsFormat;
  var percentFormat;
  var sections = []; // in the order their files load, which is the order they draw in
  var byName = {};
  var ACTIONS = {}; // data-action → function (button)
  var FORMS = {}; // data-form → function (form): see section()

  // --- Small helpers ---------------------------------------------------------------------

  function t(key, params) {
    var text = config.strings[key] || key;
    Object.keys(params || {}).forEach(function (name) {
      text = text.split("%(" + name + ")s").join(String(params[name]));
    });
    return text.split("%%").join("%");
  }

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "class") el.className = value;
      else if (name === "text") el.textContent = value;
      else el.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return el;
  }

  function q(selector) {
    return root.querySelector(selector);
  }

  function qa(selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // Redraws a block only when what it shows changed: a tally every 200 ms must not rebuild
  // the button a delegate is pressing.
  function patch(el, inputs, build) {
    if (!el) return;
    var key = JSON.stringify(inputs);
    if (el.liveKey === key) return;
    el.liveKey = key;
    el.replaceChildren.apply(el, [].concat(build()).filter(Boolean));
  }

  function now() {
    return Date.now() + skew;
  }

  function clock(iso, seconds) {
    if (!iso) return "";
    return (seconds ? secondsFormat : clockFormat).format(new Date(iso));
  }

  function percent(n) {
    return percentFormat.format(n);
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var hours = Math.floor(seconds / 3600);
    var rest = pad(Math.floor((seconds % 3600) / 60)) + ":" + pad(seconds % 60);
    return hours ? hours + ":" + rest : rest;
  }

  function choice(group, value) {
    var found = (config.choices[group] || []).filter(function (c) {
      return c[0] === value;
    })[0];
    return found ? found[1] : value;
  }

  function find(list, test) {
    for (var i = 0; i < list.length; i++) if (test(list[i])) return list[i];
    return null;
  }

  function numberAttr(el, name) {
    return Number(el.getAttribute(name));
  }

  function state() {
    return room.state;
  }

  function me() {
    return room.me;
  }

  function agendaItem(id) {
    return find(state().agenda, function (item) {
      return item.id === id;
    });
  }

  function itemLabel(item) {
    return item ? item.position + ". " + item.title : t("no_item");
  }

  function bridgePoint(id) {
    return find(state().bridge_points, function (bp) {
      return bp.id === id;
    });
  }

  function roomLabel(id) {
    var bp = bridgePoint(id);
    return bp ? bp.unit + " — " + bp.name : "";
  }

  function myRooms() {
    return me().operated_rooms || [];
  }

  function delegatesOfMyRooms() {
    return state().members.filter(function (m) {
      return m.role === "delegate" && myRooms().indexOf(m.bridge_point_id) >= 0;
    });
  }

  function isLive() {
    return state().meeting.status === "live";
  }

  // A clock element: ticks from `since`, adding `before` seconds, against `planned` seconds.
  function timer(since, before, planned) {
    var el = h("span", { class: "live-clock", "data-since": Date.parse(since) });
    el.setAttribute("data-before", before || 0);
    if (planned) el.setAttribute("data-planned", planned);
    tickOne(el);
    return el;
  }

  function tickOne(el) {
    var since = Number(el.getAttribute("data-since"));
    var elapsed = Number(el.getAttribute("data-before")) + (now() - since) / 1000;
    var planned = Number(el.getAttribute("data-planned") || 0);
    el.textContent = duration(elapsed) + (planned ? " / " + duration(planned) : "");
    el.classList.toggle("over", Boolean(planned) && elapsed > planned);
  }

  function tick() {
    qa("[data-since]").forEach(tickOne);
    if (room.status === "reconnecting") drawConnection();
  }

  // --- Answers and errors ----------------------------------------------------------------

  function toast(message, extra) {
    var box = q("[data-live='toasts']");
    var note = h("p", { class: "live-toast", role: "alert" }, [message].concat(extra || []));
    var close = h("button", { type: "button", class: "link-like", "aria-label": "×", text: "×" });
    close.addEventListener("click", function () {
      note.remove();
    });
    note.appendChild(close);
    box.appendChild(note);
    setTimeout(function () {
      note.remove();
    }, 15000);
  }

  function showError(name, message) {
    var el = name && q("[data-error='" + name + "']");
    if (el) el.textContent = message;
    else toast(message);
  }

  function clearError(name) {
    var el = name && q("[data-error='" + name + "']");
    if (el) el.textContent = "";
  }

  function announce(text) {
    var region = q("[data-live='announce']");
    region.textContent = "";
    setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  // Sends a message; its error is shown next to the control it came from (`errorName`).
  function send(type, payload, errorName, onAck) {
    clearError(errorName);
    return room.send(type, payload, {
      onAnswer: function (frame) {
        if (frame.type === "ack") {
          clearError(errorName);
          if (onAck) onAck(frame);
        } else if (frame.code === "server_error") {
          showError(errorName, t("server_retry"));
        } else {
          showError(errorName, frame.message);
        }
        drawAll();
      },
    });
  }

  // Answers of every message, also those sent before a reload (no callback left for them).
  function answered(message, frame) {
    if (message === null) {
      toast(frame.message);
      return;
    }
    emit("answer", message, frame);
  }

  // --- The connection banner ---------------------------------------------------------------

  function drawConnection() {
    var banner = q("[data-live='connection']");
    var text = q("[data-live='connection-text']");
    var link = q("[data-live='link']");
    var waiting = room.outbox.items.length;
    link.className = "live-link live-link-" + room.status;
    link.textContent =
      room.status === "open"
        ? t("online")
        : room.status === "connecting"
          ? t("connecting")
          : room.status === "refused"
            ? t("refused").split(":")[0]
            : t("reconnecting", { n: room.attempt });
    if (room.status === "open" || room.status === "connecting") {
      banner.hidden = true;
      return;
    }
    banner.hidden = false;
    banner.classList.toggle("refused", room.status === "refused");
    q("[data-action='reconnect']").hidden = room.status === "refused";
    if (room.status === "refused") {
      text.textContent = t("refused");
      return;
    }
    var parts = [t("reconnecting", { n: room.attempt })];
    if (room.retryAt) {
      parts.push(t("retry_in", { s: Math.max(0, Math.ceil((room.retryAt - Date.now()) / 1000)) }));
    }
    if (waiting) parts.push(t("waiting_to_send", { n: waiting }));
    text.textContent = parts.join(" · ");
  }

  // --- Sections ----------------------------------------------------------------------------

  // A section is an object of hooks, each optional: draw(); setup() before the first drawing;
  // ready() after it, before the socket connects; change() when the state changed, before
  // drawing; status() when the link's status changed; answer(message, frame); open() when the
  // socket opened; actions {data-action: function (button)}; forms {data-form: function (form)
  // → [type, payload, errorName], or [null, message, errorName] when the form is not right};
  // and any hook of its own that another section emits.
  function section(name, hooks) {
    sections.push(hooks);
    byName[name] = hooks;
    Object.keys(hooks.actions || {}).forEach(function (action) {
      ACTIONS[action] = hooks.actions[action];
    });
    Object.keys(hooks.forms || {}).forEach(function (form) {
      FORMS[form] = hooks.forms[form];
    });
  }

  function emit(hook) {
    var args = Array.prototype.slice.call(arguments, 1);
    sections.forEach(function (hooks) {
      if (hooks[hook]) hooks[hook].apply(hooks, args);
    });
  }

  function redraw(name) {
    byName[name].draw();
  }

  function drawAll() {
    emit("draw");
  }

  section("connection", {
    actions: {
      reconnect: function () {
        room.reconnectNow();
      },
    },
  });

  // --- Dispatch ----------------------------------------------------------------------------

  function submitted(event) {
    var form = event.target.closest("[data-form]");
    if (!form) return;
    event.preventDefault();
    var payloadOf = FORMS[form.getAttribute("data-form")];
    var parts = payloadOf ? payloadOf(form) : [null, "", null];
    if (parts[0] === null) {
      showError(parts[2], parts[1]);
      return;
    }
    var done = form.querySelector("[data-live='form-done']");
    if (done) done.textContent = "";
    send(parts[0], parts[1], parts[2], function () {
      if (done) done.textContent = t("done");
      if (form.getAttribute("data-form") === "poll") form.elements.question.value = "";
      if (form.elements.topic) form.elements.topic.value = "";
    });
  }

  function clicked(event) {
    var button = event.target.closest("[data-action]");
    if (!button || button.disabled || !ACTIONS[button.getAttribute("data-action")]) return;
    event.preventDefault();
    ACTIONS[button.getAttribute("data-action")](button);
  }

  // --- Boot --------------------------------------------------------------------------------

  function start() {
    root = document.querySelector("[data-live-room]");
    if (!root) return;
    config = JSON.parse(document.getElementById("live-config").textContent);
    skew = Date.parse(config.server_now) - Date.now();
    var lang = document.documentElement.lang || "vi";
    clockFormat = new Intl.DateTimeFormat(lang, {
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
      timeZone: config.time_zone,
    });
    percentFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    secondsFormat = new Intl.DateTimeFormat(lang, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hour12: false,
      timeZone: config.time_zone,
    });
    var who = config.meeting_id + "." + config.user_id;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    room = Live.createRoom({
      snapshot: config.snapshot,
      storageKey: "diemcau.outbox." + who,
      url: function (since) {
        return scheme + window.location.host + config.socket_path + "?since=" + since;
      },
      onChange: function () {
        emit("change");
        drawAll();
      },
      onStatus: function () {
        drawConnection();
        emit("status");
      },
      onAnswer: answered,
      onOpen: function () {
        emit("open");
      },
    });
    Live.room = room;
    R.config = config;
    R.room = room;
    R.root = root;
    R.who = who;
    emit("setup");
    root.addEventListener("click", clicked);
    root.addEventListener("submit", submitted);
    drawAll();
    drawConnection();
    setInterval(tick, 1000);
    emit("ready");
    room.connect();
  }

  // The helpers the sections use, under their own names.
  [
    t, h, q, qa, patch, clock, percent, duration, choice, find, numberAttr, state, me, agendaItem,
    itemLabel, bridgePoint, roomLabel, myRooms, delegatesOfMyRooms, isLive, timer, toast,
    showError, announce, send, section, emit, redraw,
  ].forEach(function (helper) {
    R[helper.name] = helper;
  });
  window.DiemCauRoom = R;

  // Deferred scripts all run before DOMContentLoaded: by then every section has registered.
  document.addEventListener("DOMContentLoaded", start);
})();
