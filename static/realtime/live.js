// The live meeting room's client: one socket, the room's state, and an outbox that survives
// a dropped link or a reload. No build step, no dependencies: window.DiemCauLive.
//
// Frames are applied with the rules of tests/realtime/reducer.py, kept in step with it (same
// event types, same keys, same sort order): a snapshot replaces the state, an event replaces
// one part of it. A numbered event beyond the next expected one means frames were lost: the
// client asks for them (`sync {since}`) instead of guessing.
(function () {
  "use strict";

  var RECONNECT_MIN_MS = 1000;
  var RECONNECT_MAX_MS = 30000;
  var PING_EVERY_MS = 25000;
  var PING_TIMEOUT_MS = 10000;
  // An unanswered message this old is no longer what its sender meant (a meeting's length).
  var OUTBOX_MAX_AGE_MS = 12 * 3600 * 1000;
  // After "server_error" or "rate_limited" the unanswered messages are sent again this late.
  var RETRY_AFTER_MS = 3000;
  var CLOSE_REFUSED = 4403;

  // --- The reducer (tests/realtime/reducer.py) ----------------------------------------------

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return 0;
  }

  function sortedBy(rows, keyOf) {
    return rows.slice().sort(function (x, y) {
      return compareKeys(keyOf(x), keyOf(y));
    });
  }

  function upsert(rows, row, key) {
    var kept = rows.filter(function (r) {
      return r[key] !== row[key];
    });
    kept.push(row);
    return sortedBy(kept, function (r) {
      return [r[key]];
    });
  }

  function noteKey(note) {
    return [note.item_id || 0, note.kind];
  }

  function apply(state, frame) {
    state = JSON.parse(JSON.stringify(state));
    var p = frame.payload;
    switch (frame.type) {
      case "meeting.state":
        state.meeting = p.meeting;
        state.current = p.current;
        break;
      case "agenda.current":
        state.current = p.current;
        break;
      case "document.follow":
        state.follow = p.follow;
        break;
      case "room.settings":
        state.settings = p.settings;
        state.quorum = p.quorum;
        break;
      case "checkin.updated":
        state.check_ins = upsert(state.check_ins, p.check_in, "bridge_point_id");
        break;
      case "rollcall.updated":
        p.entries.forEach(function (entry) {
          state.roll_call = upsert(state.roll_call, entry, "user_id");
        });
        state.quorum = p.quorum;
        break;
      case "speakers.updated":
        state.speakers = p.speakers;
        break;
      case "poll.updated":
        state.polls = upsert(state.polls, p.poll, "id");
        break;
      case "poll.removed":
        state.polls = state.polls.filter(function (poll) {
          return poll.id !== p.poll_id;
        });
        break;
      case "poll.tally":
        // A tally is coalesced and may arrive after the close: the closed poll's result wins.
        state.polls.forEach(function (poll) {
          if (poll.id === p.poll_id && poll.status === "open" && p.total >= poll.total) {
            poll.counts = p.counts;
            poll.total = p.total;
          }
        });
        break;
      case "note.saved":
        var kept = state.notes.filter(function (n) {
          return compareKeys(noteKey(n), noteKey(p.note)) !== 0;
        });
        kept.push(p.note);
        state.notes = sortedBy(kept, noteKey);
        break;
      case "video.session":
        state.video = upsert(state.video, p.session, "id");
        break;
      default:
        throw new Error("the reducer does not know " + frame.type);
    }
    return state;
  }

  // --- Message ids and local storage ---------------------------------------------------------

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // Plain-HTTP intranets have no randomUUID (secure contexts only); getRandomValues works.
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 0x100).toString(16).slice(1);
      })
      .join("");
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20),
    ].join("-");
  }

  // localStorage may be full or forbidden (private windows): the room then works in memory.
  var store = {
    read: function (key, fallback) {
      try {
        var text = window.localStorage.getItem(key);
        return text ? JSON.parse(text) : fallback;
      } catch (error) {
        return fallback;
      }
    },
    write: function (key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, JSON.stringify(value));
      } catch (error) {
        /* kept in memory only */
      }
    },
  };

  function fresh(item) {
    return item && item.id && Date.now() - item.at < OUTBOX_MAX_AGE_MS;
  }

  // Messages sent and not yet answered, oldest first, kept across reloads.
  function Outbox(key) {
    this.key = key;
    this.items = store.read(key, []).filter(fresh);
    this.known = {}; // ids this page has had: the others belong to another tab of the room
    this.items.forEach(function (item) {
      this.known[item.id] = true;
    }, this);
    this.save();
  }
  Outbox.prototype.save = function () {
    var known = this.known;
    var others = store.read(this.key, []).filter(function (item) {
      return fresh(item) && !known[item.id];
    });
    var all = others.concat(this.items);
    store.write(this.key, all.length ? all : null);
  };
  Outbox.prototype.add = function (message) {
    this.known[message.id] = true;
    this.items.push(message);
    this.save();
  };
  Outbox.prototype.get = function (id) {
    for (var i = 0; i < this.items.length; i++) if (this.items[i].id === id) return this.items[i];
    return null;
  };
  Outbox.prototype.remove = function (id) {
    var before = this.items.length;
    this.items = this.items.filter(function (item) {
      return item.id !== id;
    });
    if (this.items.length !== before) this.save();
  };

  // --- The room ------------------------------------------------------------------------------

  // options: snapshot, url(since), storageKey, and the hooks onChange(frame), onStatus(),
  // onAnswer(message, answer), onOpen().
  function createRoom(options) {
    var socket = null;
    var reconnectTimer = null;
    var retryTimer = null;
    var pingTimer = null;
    var pongTimer = null;
    var syncId = null;
    var transient = {}; // id → message not kept across reloads (sync, ping, video presence)
    var callbacks = {}; // id → {onAnswer} of this page's senders
    var hooks = {
      onChange: options.onChange || function () {},
      onStatus: options.onStatus || function () {},
      onAnswer: options.onAnswer || function () {},
      onOpen: options.onOpen || function () {},
    };

    var room = {
      seq: options.snapshot.seq,
      state: options.snapshot.state,
      me: options.snapshot.me,
      status: "connecting", // connecting | open | reconnecting | refused
      attempt: 0,
      retryAt: null,
      outbox: new Outbox(options.storageKey),
      connect: connect,
      send: send,
      isOpen: function () {
        return socket !== null && socket.readyState === WebSocket.OPEN;
      },
      reconnectNow: function () {
        if (room.status === "refused") return;
        if (room.isOpen()) return;
        clearTimeout(reconnectTimer);
        connect();
      },
      // For tests and for the "offline" event: drop the link as a failing network would.
      dropSocket: function () {
        if (socket) socket.close(4000, "dropped");
      },
    };

    function setStatus(status) {
      room.status = status;
      hooks.onStatus(room);
    }

    function transmit(message) {
      if (!room.isOpen()) return false;
      socket.send(JSON.stringify({ type: message.type, id: message.id, payload: message.payload }));
      message.sent_at = Date.now();
      return true;
    }

    // Sends now if connected; otherwise (or if the answer never comes) after reconnecting,
    // with the same id, so the server can recognise a repeat.
    function send(type, payload, opts) {
      opts = opts || {};
      var message = { type: type, id: newId(), payload: payload || {}, at: Date.now() };
      if (opts.transient) transient[message.id] = message;
      else room.outbox.add(message);
      if (opts.onAnswer) callbacks[message.id] = opts.onAnswer;
      transmit(message);
      if (!opts.transient) hooks.onStatus(room);
      return message.id;
    }

    function flushOutbox(olderThan) {
      var now = Date.now();
      room.outbox.items.forEach(function (message) {
        if (olderThan && message.sent_at && now - message.sent_at < olderThan) return;
        transmit(message);
      });
    }

    function retrySoon() {
      if (retryTimer) return;
      retryTimer = setTimeout(function () {
        retryTimer = null;
        flushOutbox(RETRY_AFTER_MS);
      }, RETRY_AFTER_MS);
    }

    function resync(since) {
      if (syncId !== null || !room.isOpen()) return;
      syncId = newId();
      var message = { type: "sync", id: syncId, payload: since === null ? {} : { since: since } };
      transient[syncId] = message;
      transmit(message);
    }

    function answered(frame) {
      var id = frame.in_response;
      if (id === null || id === undefined) {
        // Refused before it was read (too many messages): what is unanswered goes again.
        if (frame.code === "rate_limited") retrySoon();
        hooks.onAnswer(null, frame);
        return;
      }
      if (id === syncId) syncId = null;
      if (transient[id] && transient[id].type === "ping") clearTimeout(pongTimer);
      var message = room.outbox.get(id) || transient[id];
      if (!message) return; // answered already (a resend crossed the first answer)
      if (frame.type === "error" && frame.code === "server_error") {
        retrySoon(); // a fault of the server's: the same message goes again
      } else {
        room.outbox.remove(id);
        delete transient[id];
      }
      hooks.onAnswer(message, frame);
      var callback = callbacks[id];
      if (frame.code !== "server_error") delete callbacks[id];
      if (callback) callback(frame);
      hooks.onStatus(room);
    }

    function onFrame(frame) {
      if (frame.type === "ack" || frame.type === "error") {
        answered(frame);
        return;
      }
      if (frame.type === "snapshot") {
        room.seq = frame.seq;
        room.state = frame.payload.state;
        room.me = frame.payload.me;
        syncId = null;
        hooks.onChange(frame);
        return;
      }
      var numbered = frame.seq !== null && frame.seq !== undefined;
      if (numbered && frame.seq <= room.seq) return; // seen already
      if (numbered && frame.seq > room.seq + 1) {
        resync(room.seq);
        return;
      }
      try {
        room.state = apply(room.state, frame);
      } catch (error) {
        console.error("DiemCauLive", error);
        if (numbered) resync(null); // something this page cannot apply: start afresh
        return;
      }
      if (numbered) room.seq = frame.seq;
      hooks.onChange(frame);
    }

    function startPing() {
      stopPing();
      pingTimer = setInterval(function () {
        if (!room.isOpen()) return;
        var ping = { type: "ping", id: newId(), payload: {} };
        transient[ping.id] = ping;
        transmit(ping);
        clearTimeout(pongTimer);
        // A link that died without a word (weak commune links do) is found out here.
        pongTimer = setTimeout(room.dropSocket, PING_TIMEOUT_MS);
      }, PING_EVERY_MS);
    }

    function stopPing() {
      clearInterval(pingTimer);
      clearTimeout(pongTimer);
    }

    function scheduleReconnect() {
      room.attempt += 1;
      var base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * Math.pow(2, room.attempt - 1));
      // Jitter: a score of rooms that lost the link together do not come back together.
      var delay = Math.min(RECONNECT_MAX_MS, base * (0.75 + Math.random() * 0.5));
      room.retryAt = Date.now() + delay;
      setStatus("reconnecting");
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(connect, delay);
    }

    function connect() {
      clearTimeout(reconnectTimer);
      if (socket) return;
      var ws;
      try {
        ws = new WebSocket(options.url(room.seq));
      } catch (error) {
        scheduleReconnect();
        return;
      }
      socket = ws;
      syncId = null;
      ws.onopen = function () {
        if (socket !== ws) return;
        room.attempt = 0;
        room.retryAt = null;
        setStatus("open");
        flushOutbox(0);
        startPing();
        hooks.onOpen(room);
      };
      ws.onmessage = function (event) {
        if (socket !== ws) return;
        var frame;
        try {
          frame = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        onFrame(frame);
      };
      ws.onclose = function (event) {
        if (socket !== ws) return;
        socket = null;
        stopPing();
        // Transient messages belonged to that socket; the outbox goes again on the next.
        transient = {};
        syncId = null;
        if (event.code === CLOSE_REFUSED) setStatus("refused");
        else scheduleReconnect();
      };
    }

    window.addEventListener("online", room.reconnectNow);
    window.addEventListener("offline", room.dropSocket);
    return room;
  }

  window.DiemCauLive = {
    apply: apply,
    createRoom: createRoom,
    store: store,
    room: null, // the page's room, once started (tests reach the socket through it)
  };
})();
