// The live meeting room page: draws the room's state into the sections the server chose for
// this person, and turns their clicks into socket messages (static/realtime/live.js).
// Texts come translated from the page (#live-config → strings); timers tick here from the
// server's start times, corrected by the clock difference measured when the page was made.
(function () {
  "use strict";

  var Live = window.DiemCauLive;
  var config;
  var room;
  var root;
  var notes;
  var skew = 0; // server clock minus this device's clock, in ms
  var clockFormat;
  var secondsFormat;
  var percentFormat;
  var player = null;
  var videoParticipant = null;
  var videoStats = null;
  var pinned = null;
  var cast = {}; // "poll:who" → {option}: votes this page got acknowledged
  var pollStatus = {}; // poll id → status last drawn (results are announced on closing)
  var coSecretary;

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

  function member(userId) {
    return find(state().members, function (m) {
      return m.user_id === userId;
    });
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
    if (notes) notes.answered(message, frame);
    if (message.type === "vote.cast" && frame.type === "ack") {
      var p = message.payload;
      var who = p.voter_id ? "u" + p.voter_id : p.bridge_point_id ? "bp" + p.bridge_point_id : "me";
      cast[p.poll_id + ":" + who] = { option: p.option };
      if (who === "me") room.me.votes[String(p.poll_id)] = frame.option;
    }
  }

  // --- Sections ----------------------------------------------------------------------------

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

  function quorumText() {
    var quorum = state().quorum;
    if (!quorum.members) return "";
    var share = Math.round((quorum.present * 100) / quorum.members);
    return t("quorum", {
      present: quorum.present,
      members: quorum.members,
      share: share,
      needed: quorum.needed,
      percent: quorum.percent,
    });
  }

  function drawQuorum(el) {
    var quorum = state().quorum;
    patch(el, quorum, function () {
      if (!quorum.members) return [];
      return [
        quorumText() + " ",
        h("span", {
          class: "badge " + (quorum.met ? "light-green" : "light-amber"),
          text: quorum.met ? t("quorum_met") : t("quorum_not_met"),
        }),
      ];
    });
  }

  function drawHead() {
    var meeting = state().meeting;
    var badge = q("[data-live='status']");
    badge.className = "badge status-" + meeting.status;
    badge.textContent = choice("status", meeting.status);
    var current = agendaItem(state().current.item_id);
    var title = q("[data-live='current']");
    var label = itemLabel(current);
    if (title.textContent !== label) title.textContent = label; // announced: only on change
    patch(
      q("[data-live='item-timer']"),
      [state().current, current && current.planned_minutes],
      function () {
        var c = state().current;
        if (!c.started_at) return [];
        return [
          timer(c.started_at, c.spent_seconds_before, current ? current.planned_minutes * 60 : 0),
        ];
      }
    );
    drawQuorum(q("[data-live='quorum']"));
    var start = q("[data-action='meeting.start']");
    if (start) {
      start.hidden = meeting.status !== "scheduled";
      q("[data-action='meeting.end']").hidden = meeting.status !== "live";
    }
    qa("[data-action='agenda.prev'], [data-action='agenda.next']").forEach(function (b) {
      b.disabled = !isLive();
    });
  }

  function drawAgenda() {
    var list = q("[data-live='agenda']");
    var preside = config.sections.preside;
    patch(list, [state().agenda, state().current.item_id, isLive()], function () {
      return state().agenda.map(function (item) {
        var isCurrent = item.id === state().current.item_id;
        var facts = [t("planned", { m: item.planned_minutes })];
        if (item.presenter) facts.push(t("presenter") + ": " + item.presenter);
        return h(
          "li",
          {
            class: "live-agenda-item" + (isCurrent ? " current" : ""),
            "aria-current": isCurrent ? "step" : null,
          },
          [
            h("span", { class: "item-no", text: String(item.position) }),
            h("div", { class: "item-main" }, [
              h("p", { class: "item-title" }, [
                item.title + " ",
                isCurrent ? h("span", { class: "badge status-live", text: t("current") }) : null,
              ]),
              h("p", { class: "item-meta", text: facts.join(" · ") }),
            ]),
            preside && isLive() && !isCurrent
              ? h("button", {
                  type: "button",
                  class: "button small no-print",
                  "data-action": "agenda.goto",
                  "data-id": item.id,
                  text: t("goto"),
                })
              : null,
          ]
        );
      });
    });
  }

  function documentsOf(itemId) {
    return config.documents[String(itemId || 0)] || [];
  }

  function drawDocuments() {
    var list = q("[data-live='documents']");
    var itemId = state().current.item_id;
    patch(list, [itemId], function () {
      var docs = documentsOf(itemId);
      if (!docs.length) return [h("li", { class: "muted", text: t("no_documents") })];
      return docs.map(function (doc) {
        return h("li", {}, [
          h("a", { class: "button live-doc", href: doc.url }, [
            h("span", { text: doc.title }),
            h("span", {
              class: "muted",
              text:
                " v" +
                doc.number +
                (doc.page_count ? " · " + t("pages", { n: doc.page_count }) : ""),
            }),
          ]),
        ]);
      });
    });
  }

  function drawFollow() {
    var box = q("[data-live='follow']");
    var follow = state().follow;
    box.hidden = !follow.version_id;
    patch(box, follow, function () {
      if (!follow.version_id) return [];
      return [
        h("a", {
          class: "button primary big",
          href: follow.url,
          "data-live": "follow-link",
          text: box.getAttribute("data-label"),
        }),
        h("span", { class: "live-follow-what" }, [
          h("strong", { text: follow.document_title }),
          follow.page ? " · " + t("page_n", { n: follow.page }) : "",
        ]),
      ];
    });
    var select = q("[data-form='follow'] select[name='version_id']");
    if (!select) return;
    var itemId = state().current.item_id;
    patch(select, [itemId], function () {
      var chosen = select.value;
      var seen = {};
      var docs = documentsOf(itemId).concat(
        [].concat.apply(
          [],
          Object.keys(config.documents).map(function (k) {
            return config.documents[k];
          })
        )
      );
      return docs
        .filter(function (doc) {
          if (!doc.followable || seen[doc.version_id]) return false;
          seen[doc.version_id] = true;
          return true;
        })
        .map(function (doc) {
          return h("option", {
            value: doc.version_id,
            selected: String(doc.version_id) === chosen,
            text: doc.title + " (v" + doc.number + ")",
          });
        });
    });
  }

  function speakerLine(speaker) {
    var where = speaker.bridge_point_name ? roomLabelFor(speaker) : "";
    return [
      h("strong", { text: speaker.name }),
      where ? h("span", { class: "muted", text: " · " + where }) : null,
      speaker.topic ? h("span", { class: "live-topic", text: " — " + speaker.topic }) : null,
      speaker.source === "video"
        ? h("span", { class: "badge", text: "✋ " + t("from_video") })
        : null,
    ];
  }

  function roomLabelFor(speaker) {
    return roomLabel(speaker.bridge_point_id) || speaker.bridge_point_name;
  }

  function drawSpeakers() {
    var speakers = state().speakers;
    var preside = config.sections.preside;
    var speaking = find(speakers, function (s) {
      return s.status === "speaking";
    });
    var waiting = speakers.filter(function (s) {
      return s.status === "waiting";
    });
    var done = speakers.filter(function (s) {
      return s.status === "done";
    });
    patch(q("[data-live='speaker-now']"), [speaking, preside], function () {
      if (!speaking) return [h("p", { class: "muted", text: t("nobody_speaking") })];
      return [
        h("p", { class: "live-label", text: t("speaking_now") }),
        h(
          "p",
          { class: "live-speaker" },
          speakerLine(speaking).concat([" ", timer(speaking.started_at, 0, 0)])
        ),
        preside
          ? h("button", {
              type: "button",
              class: "button no-print",
              "data-action": "speaker.end",
              text: t("end_turn"),
            })
          : null,
      ];
    });
    patch(q("[data-live='queue']"), [waiting, preside], function () {
      if (!waiting.length) return [h("li", { class: "muted", text: t("queue_empty") })];
      return waiting.map(function (s, index) {
        return h("li", { class: "live-queue-item" }, [
          h("span", { class: "item-no", text: String(index + 1) }),
          h(
            "span",
            { class: "live-queue-who" },
            speakerLine(s).concat([
              h("span", { class: "muted", text: " " + clock(s.requested_at) }),
            ])
          ),
          preside
            ? h("span", { class: "live-queue-tools no-print" }, [
                h("button", {
                  type: "button",
                  class: "button small primary",
                  "data-action": "speaker.grant",
                  "data-id": s.id,
                  text: t("grant"),
                }),
                h("button", {
                  type: "button",
                  class: "button small danger",
                  "data-action": "speaker.remove",
                  "data-id": s.id,
                  text: t("remove"),
                }),
              ])
            : null,
        ]);
      });
    });
    var lower = q("[data-action='speaker.lower_all']");
    if (lower) lower.disabled = !waiting.length;
    var spoke = q("[data-live='spoke-wrap']");
    spoke.hidden = !done.length;
    q("[data-live='spoke-title']").textContent = t("spoke", { n: done.length });
    patch(q("[data-live='spoke']"), done, function () {
      return done.map(function (s) {
        var took =
          s.ended_at && s.started_at
            ? (Date.parse(s.ended_at) - Date.parse(s.started_at)) / 1000
            : 0;
        return h(
          "li",
          {},
          speakerLine(s).concat([
            h("span", { class: "muted", text: " " + clock(s.started_at) + " · " + duration(took) }),
          ])
        );
      });
    });
    var mine = find(speakers, function (s) {
      return s.user_id === me().user_id && (s.status === "waiting" || s.status === "speaking");
    });
    var mineBox = q("[data-live='my-request']");
    if (mineBox) {
      mineBox.textContent = !mine
        ? ""
        : mine.status === "speaking"
          ? t("my_turn")
          : t("my_place", { n: waiting.indexOf(mine) + 1 });
      var withdraw = q("[data-action='speaker.withdraw']");
      withdraw.hidden = !mine || mine.status !== "waiting";
      if (mine) withdraw.setAttribute("data-id", mine.id);
      q("[data-form='ask'] button[type='submit']").hidden = Boolean(mine);
      q("[data-form='ask'] .field").hidden = Boolean(mine);
    }
    var askFor = q("[data-form='ask-for'] select[name='user_id']");
    patch(askFor, delegatesOfMyRooms(), function () {
      return delegatesOfMyRooms().map(function (m) {
        return h("option", { value: m.user_id, text: m.name });
      });
    });
  }

  // Polls: open first, then the ones being prepared, then the closed ones, newest first.
  function visiblePolls() {
    var rank = { open: 0, draft: 1, closed: 2 };
    return state()
      .polls.filter(function (poll) {
        return poll.status !== "draft" || config.sections.preside;
      })
      .sort(function (a, b) {
        return rank[a.status] - rank[b.status] || b.id - a.id;
      });
  }

  function pendingVote(pollId, test) {
    return find(room.outbox.items, function (m) {
      return m.type === "vote.cast" && m.payload.poll_id === pollId && test(m.payload);
    });
  }

  function optionButtons(poll, action, extra, chosen, disabled) {
    return h(
      "div",
      { class: "vote-options" },
      poll.options.map(function (option, index) {
        var attrs = {
          type: "button",
          class: "button vote-option vote-option-" + index,
          "data-action": action,
          "data-poll": poll.id,
          "data-option": index,
          "aria-pressed": chosen === index ? "true" : "false",
          disabled: disabled,
          text: option,
        };
        Object.keys(extra || {}).forEach(function (k) {
          attrs[k] = extra[k];
        });
        return h("button", attrs);
      })
    );
  }

  function myVoteBlock(poll) {
    var key = String(poll.id);
    var voted = Object.prototype.hasOwnProperty.call(me().votes, key);
    var pending = pendingVote(poll.id, function (p) {
      return !p.voter_id && !p.bridge_point_id;
    });
    var status = "";
    var chosen = null;
    if (voted) {
      chosen = me().votes[key];
      status =
        chosen === null || chosen === undefined
          ? t("my_vote_secret")
          : t("my_vote", { option: poll.options[chosen] });
    } else if (pending) {
      chosen = pending.payload.option;
      var option = poll.options[chosen];
      status = room.isOpen()
        ? t("vote_pending", { option: option })
        : t("vote_offline", { option: option });
    }
    return h("div", { class: "vote-mine" }, [
      status
        ? h("p", { class: "vote-status", "data-live": "my-vote", role: "status", text: status })
        : null,
      voted && (chosen === null || chosen === undefined)
        ? null
        : optionButtons(poll, "vote.cast", null, chosen, voted || Boolean(pending)),
    ]);
  }

  // The rooms whose one vote this person casts: those they run, and the main room for the
  // host's staff (realtime.state.votes.rooms_voted_for).
  function roomsIVoteFor() {
    var rooms = myRooms().slice();
    var main = find(state().bridge_points, function (bp) {
      return bp.is_main;
    });
    if (me().is_host_staff && main && rooms.indexOf(main.id) < 0) rooms.push(main.id);
    return rooms;
  }

  function roomVoteBlock(poll, roomId, only) {
    var key = String(poll.id);
    var done = cast[poll.id + ":bp" + roomId];
    // The snapshot's own votes include the room's vote; with one room it is this one.
    if (!done && only && Object.prototype.hasOwnProperty.call(me().votes, key)) {
      done = { option: me().votes[key] };
    }
    var pending = pendingVote(poll.id, function (p) {
      return p.bridge_point_id === roomId;
    });
    var chosen = done ? done.option : pending ? pending.payload.option : null;
    return h("div", { class: "vote-mine" }, [
      h("p", { class: "live-label", text: t("room_vote", { room: roomLabel(roomId) }) }),
      done
        ? h("p", {
            class: "vote-status",
            "data-live": "room-vote",
            role: "status",
            text:
              done.option === null || done.option === undefined
                ? t("my_vote_secret")
                : t("room_voted", { option: poll.options[done.option] }),
          })
        : null,
      optionButtons(poll, "vote.room", { "data-room": roomId }, chosen, Boolean(done || pending)),
    ]);
  }

  function proxyBlock(poll) {
    var delegates = delegatesOfMyRooms();
    if (!delegates.length) return null;
    var done = delegates.filter(function (m) {
      return cast[poll.id + ":u" + m.user_id];
    });
    var id = "proxy-" + poll.id;
    return h("div", { class: "vote-proxy" }, [
      h("div", { class: "field" }, [
        h("label", { for: id, text: t("vote_for") }),
        h(
          "select",
          { id: id, "data-proxy": poll.id },
          [h("option", { value: "", text: t("choose_delegate") })].concat(
            delegates.map(function (m) {
              return h("option", { value: m.user_id, text: m.name });
            })
          )
        ),
      ]),
      optionButtons(poll, "vote.proxy", null, null, false),
      h(
        "ul",
        { class: "plain" },
        done.map(function (m) {
          var entry = cast[poll.id + ":u" + m.user_id];
          return h("li", {
            text: t("proxy_done", { option: poll.options[entry.option], name: m.name }),
          });
        })
      ),
    ]);
  }

  // Counts per option; a secret poll shows only how many voted until it closes (the server
  // sends no counts then). Closed polls show the server's percentages, as the minutes will.
  function tallyBlock(poll) {
    if (poll.status === "draft") return [];
    var total = h("p", {
      class: "muted",
      "data-live": "total",
      text: t("votes_total", { n: poll.total }),
    });
    if (!poll.counts.length)
      return [h("p", { class: "muted", text: t("secret_counts_later") }), total];
    return [
      h(
        "ul",
        { class: "tally" },
        poll.options.map(function (option, index) {
          var count = poll.counts[index] || 0;
          var share =
            poll.status === "closed" && poll.percents.length
              ? poll.percents[index]
              : poll.total
                ? (count * 100) / poll.total
                : 0;
          return h("li", {}, [
            h("span", { class: "tally-label", text: option }),
            h("span", { class: "tally-bar", "aria-hidden": "true" }, [
              h("span", { class: "tally-fill tally-fill-" + index, style: "width:" + share + "%" }),
            ]),
            h("span", {
              class: "tally-count",
              text: count + " (" + percentFormat.format(share) + "%)",
            }),
          ]);
        })
      ),
      total,
    ];
  }

  function resultBlock(poll) {
    if (poll.status !== "closed") return [];
    var parts = [];
    if (poll.passed !== null) {
      parts.push(
        h("p", {
          class: "result " + (poll.passed ? "passed" : "failed"),
          "data-live": "result",
          text: poll.passed ? t("passed") : t("not_passed"),
        })
      );
    }
    if (poll.members !== null) {
      parts.push(
        h("p", {
          class: "muted",
          text: t("result_base", { members: poll.members, present: poll.present }),
        })
      );
    }
    if (poll.choices.length) {
      parts.push(
        h("details", {}, [
          h("summary", { text: t("choices") }),
          h("table", { class: "data" }, [
            h("thead", {}, [
              h(
                "tr",
                {},
                [t("voter"), t("choice"), t("cast_by")].map(function (c) {
                  return h("th", { scope: "col", text: c });
                })
              ),
            ]),
            h(
              "tbody",
              {},
              poll.choices.map(function (c) {
                return h("tr", {}, [
                  h("td", { text: c.voter + (c.bridge_point ? " · " + c.bridge_point : "") }),
                  h("td", { text: poll.options[c.option] }),
                  h("td", { text: c.cast_by }),
                ]);
              })
            ),
          ]),
        ])
      );
    }
    return parts;
  }

  function actionsBlock(poll) {
    var blocks = [];
    if (config.sections.preside) {
      if (poll.status === "draft") {
        blocks.push(
          h("div", { class: "live-actions no-print" }, [
            h("button", {
              type: "button",
              class: "button primary",
              "data-action": "poll.open",
              "data-poll": poll.id,
              disabled: !isLive(),
              text: t("open_poll"),
            }),
            h("button", {
              type: "button",
              class: "button danger",
              "data-action": "poll.delete",
              "data-poll": poll.id,
              text: t("delete_poll"),
            }),
          ])
        );
      } else if (poll.status === "open") {
        blocks.push(
          h("div", { class: "live-actions no-print" }, [
            h("button", {
              type: "button",
              class: "button danger",
              "data-action": "poll.close",
              "data-poll": poll.id,
              text: t("close_poll"),
            }),
          ])
        );
      }
    }
    if (poll.status === "open" && poll.electorate === "delegates") {
      if (config.sections.vote) blocks.push(myVoteBlock(poll));
      if (config.sections.proxy) blocks.push(proxyBlock(poll));
    }
    if (poll.status === "open" && poll.electorate === "bridge_points") {
      var rooms = roomsIVoteFor();
      rooms.forEach(function (roomId) {
        blocks.push(roomVoteBlock(poll, roomId, rooms.length === 1));
      });
    }
    return blocks;
  }

  function pollCard(poll) {
    var card = h("article", { class: "poll", "data-poll-card": poll.id }, [
      h("div", { class: "poll-head" }),
      h("div", { class: "poll-tally" }),
      h("div", { class: "poll-result" }),
      h("div", { class: "poll-actions" }),
      h("p", { class: "error", role: "alert", "data-error": "poll-" + poll.id }),
    ]);
    return card;
  }

  function drawPoll(card, poll) {
    card.className = "poll poll-" + poll.status;
    var item = agendaItem(poll.item_id);
    patch(
      card.querySelector(".poll-head"),
      [poll.question, poll.status, poll.secret, poll.electorate, poll.rule, poll.item_id],
      function () {
        return [
          h("h3", { class: "poll-question", text: poll.question }),
          h("p", { class: "badges" }, [
            h("span", {
              class: "badge poll-status-" + poll.status,
              text: choice("poll_status", poll.status),
            }),
            h("span", {
              class: "badge" + (poll.secret ? " secret" : ""),
              text: poll.secret ? t("secret") : t("named"),
            }),
            h("span", {
              class: "muted",
              text: choice("electorate", poll.electorate) + " · " + choice("rule", poll.rule),
            }),
          ]),
          item ? h("p", { class: "muted", text: itemLabel(item) }) : null,
        ];
      }
    );
    patch(
      card.querySelector(".poll-tally"),
      [poll.status, poll.counts, poll.total, poll.percents],
      function () {
        return tallyBlock(poll);
      }
    );
    patch(
      card.querySelector(".poll-result"),
      [poll.status, poll.passed, poll.members, poll.present, poll.choices],
      function () {
        return resultBlock(poll);
      }
    );
    var actionInputs = [
      poll.status,
      poll.options,
      isLive(),
      room.isOpen(),
      me().votes[String(poll.id)],
      room.outbox.items
        .filter(function (m) {
          return m.type === "vote.cast" && m.payload.poll_id === poll.id;
        })
        .map(function (m) {
          return m.id;
        }),
      Object.keys(cast).filter(function (k) {
        return k.indexOf(poll.id + ":") === 0;
      }),
    ];
    var actions = card.querySelector(".poll-actions");
    var proxy = actions.querySelector("[data-proxy]");
    var proxyChoice = proxy ? proxy.value : "";
    patch(actions, actionInputs, function () {
      return actionsBlock(poll);
    });
    var again = actions.querySelector("[data-proxy]");
    if (again && proxyChoice) again.value = proxyChoice;
  }

  function drawPolls() {
    var box = q("[data-live='polls']");
    var polls = visiblePolls();
    var cards = {};
    qa("[data-poll-card]").forEach(function (card) {
      cards[card.getAttribute("data-poll-card")] = card;
    });
    var wanted = polls.map(function (poll) {
      var card = cards[poll.id] || pollCard(poll);
      delete cards[poll.id];
      drawPoll(card, poll);
      if (pollStatus[poll.id] === "open" && poll.status === "closed") {
        announce(
          t("result_of", {
            q: poll.question,
            result: poll.passed ? t("passed") : poll.passed === false ? t("not_passed") : "",
          })
        );
      }
      pollStatus[poll.id] = poll.status;
      return card;
    });
    Object.keys(cards).forEach(function (id) {
      cards[id].remove();
    });
    var same =
      wanted.length === box.children.length - (box.querySelector(".empty-polls") ? 1 : 0) &&
      wanted.every(function (card, i) {
        return box.children[i] === card;
      });
    if (!same) box.replaceChildren.apply(box, wanted);
    if (!wanted.length)
      box.replaceChildren(h("p", { class: "muted empty-polls", text: t("no_polls") }));
    var itemSelect = q("[data-form='poll'] select[name='item_id']");
    patch(itemSelect, [state().agenda, state().current.item_id], function () {
      return [h("option", { value: "", text: t("no_item_poll") })].concat(
        state().agenda.map(function (item) {
          return h("option", {
            value: item.id,
            selected: item.id === state().current.item_id,
            text: itemLabel(item),
          });
        })
      );
    });
  }

  function lightBadge(light) {
    return h("span", { class: "badge light-" + light, text: t("light_" + light) });
  }

  function drawReadiness() {
    var board = q("[data-live='board']");
    if (!board) return;
    var checks = state().check_ins;
    var rooms = state().bridge_points;
    patch(board, [checks, rooms], function () {
      return rooms.map(function (bp) {
        var check = find(checks, function (c) {
          return c.bridge_point_id === bp.id;
        });
        if (!check) return null;
        return h("li", { class: "board-room light-" + check.readiness, "data-room": bp.id }, [
          h("p", { class: "board-name" }, [
            h("strong", { text: bp.unit }),
            " ",
            h("span", { class: "muted", text: bp.name }),
            bp.is_main ? h("span", { class: "badge", text: t("main_room") }) : null,
          ]),
          lightBadge(check.readiness),
          h("p", {
            class: "board-facts",
            text: [
              t("technician") + ": " + (check.technician_present ? t("yes") : t("no")),
              t("video_test") + ": " + (check.video_tested ? t("yes") : t("no")),
              t("quality") + ": " + choice("quality", check.connection_quality),
              t("headcount") + ": " + check.headcount,
            ].join(" · "),
          }),
          h("p", {
            class: "muted small",
            text:
              t("checked_in_at", { time: clock(check.checked_in_at), name: check.checked_in_by }) +
              (check.note ? " — " + check.note : ""),
          }),
        ]);
      });
    });
    var missing = rooms.filter(function (bp) {
      return !find(checks, function (c) {
        return c.bridge_point_id === bp.id;
      });
    });
    patch(q("[data-live='missing']"), missing, function () {
      if (!missing.length) return [h("li", { class: "muted", text: t("all_checked_in") })];
      return missing.map(function (bp) {
        return h("li", { "data-room": bp.id }, [h("strong", { text: bp.unit }), " · " + bp.name]);
      });
    });
    var ready = checks.filter(function (c) {
      return c.readiness === "green";
    }).length;
    q("[data-live='readiness-summary']").textContent = t("ready_count", {
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

  function drawCheckIns() {
    qa("[data-form='checkin']").forEach(function (form) {
      var roomId = Number(form.getAttribute("data-room"));
      var check = find(state().check_ins, function (c) {
        return c.bridge_point_id === roomId;
      });
      patch(form.querySelector("[data-live='checkin-status']"), check, function () {
        if (!check) return [h("span", { class: "badge", text: t("not_checked_in") })];
        return [
          lightBadge(check.readiness),
          " ",
          t("checked_in_at", { time: clock(check.checked_in_at), name: check.checked_in_by }),
        ];
      });
      if (check && !form.filled) {
        form.filled = true;
        form.elements.technician_present.checked = check.technician_present;
        form.elements.video_tested.checked = check.video_tested;
        form.elements.headcount.value = check.headcount;
        form.elements.note.value = check.note;
      }
      var s = videoStats;
      form.querySelector("[data-live='stats']").textContent = s
        ? t("stats", {
            q: Math.round(s.quality),
            loss: s.packetLoss === null ? "?" : percentFormat.format(s.packetLoss),
            rtt: s.rtt === null ? "?" : s.rtt,
          })
        : t("stats_none");
    });
  }

  function rollCallRows() {
    var filter = q("[data-live='rollcall-room']");
    var everyone = config.sections.preside || me().is_secretary;
    return state().members.filter(function (m) {
      if (!everyone) return myRooms().indexOf(m.bridge_point_id) >= 0;
      return !filter || filter.value === "" || String(m.bridge_point_id || 0) === filter.value;
    });
  }

  function rollCallEntry(userId) {
    return find(state().roll_call, function (e) {
      return e.user_id === userId;
    });
  }

  function rollCallCells(m, entry) {
    var status = entry ? entry.status : "";
    var buttons = config.choices.roll_call.map(function (c) {
      return h("button", {
        type: "button",
        class: "toggle toggle-" + c[0],
        "data-action": "rollcall.mark",
        "data-user": m.user_id,
        "data-status": c[0],
        "aria-pressed": status === c[0] ? "true" : "false",
        "aria-label": c[1],
        title: c[1],
        text: t(c[0]),
      });
    });
    var reasonId = "reason-" + m.user_id;
    return [
      h("td", {}, [
        h("strong", { text: m.name }),
        m.role !== "delegate" ? h("span", { class: "badge", text: t("observer") }) : null,
        h("p", {
          class: "muted small",
          title: roomLabel(m.bridge_point_id),
          text: [m.position, (bridgePoint(m.bridge_point_id) || {}).unit]
            .filter(Boolean)
            .join(" · "),
        }),
      ]),
      h("td", {}, [h("div", { class: "toggles", role: "group", "aria-label": m.name }, buttons)]),
      h("td", {}, [
        h("label", { class: "sr-only", for: reasonId, text: t("reason") + " — " + m.name }),
        h("input", {
          type: "text",
          id: reasonId,
          "data-reason": m.user_id,
          maxlength: 300,
          placeholder: t("reason"),
          value: entry ? entry.reason : "",
        }),
        entry && entry.reason ? h("p", { class: "print-only", text: entry.reason }) : null,
        h("p", {
          class: "muted small",
          text: entry ? t("marked_by", { name: entry.marked_by }) : t("not_marked"),
        }),
      ]),
    ];
  }

  function drawRollCall() {
    var body = q("[data-live='rollcall']");
    if (!body) return;
    drawQuorum(q("[data-live='quorum-detail']"));
    var filter = q("[data-live='rollcall-room']");
    patch(filter, state().bridge_points, function () {
      var chosen = filter.value;
      return [h("option", { value: "", text: t("all_rooms") })].concat(
        state().bridge_points.map(function (bp) {
          return h("option", {
            value: bp.id,
            selected: String(bp.id) === chosen,
            text: bp.unit + " — " + bp.name,
          });
        })
      );
    });
    var rows = rollCallRows();
    // Rows are kept and redrawn one by one: a mark elsewhere leaves a reason being typed alone.
    patch(
      body,
      rows.map(function (m) {
        return m.user_id;
      }),
      function () {
        if (!rows.length)
          return [h("tr", {}, [h("td", { colspan: 3, class: "muted", text: t("no_members") })])];
        return rows.map(function (m) {
          return h("tr", { "data-member": m.user_id });
        });
      }
    );
    rows.forEach(function (m) {
      var row = body.querySelector("tr[data-member='" + m.user_id + "']");
      var entry = rollCallEntry(m.user_id);
      row.className = entry ? "marked-" + entry.status : "unmarked";
      patch(row, [m, entry], function () {
        return rollCallCells(m, entry);
      });
    });
  }

  function drawNotesRead() {
    var box = q("[data-live='notes-read']");
    if (!box) return;
    var itemId = state().current.item_id || null;
    var mine = state().notes.filter(function (n) {
      return (n.item_id || null) === itemId;
    });
    patch(box, [mine, itemId], function () {
      var item = agendaItem(itemId);
      return [h("p", { class: "muted", text: item ? itemLabel(item) : t("general_notes") })].concat(
        ["note", "conclusion"].map(function (kind) {
          var note = find(mine, function (n) {
            return n.kind === kind;
          });
          return h("div", { class: "note-read note-" + kind }, [
            h("h3", { text: box.getAttribute("data-label-" + kind) }),
            h("p", {
              class: "prewrap",
              "data-note-text": kind,
              text:
                note && note.text
                  ? note.text
                  : t(kind === "note" ? "note_empty" : "conclusion_empty"),
            }),
            note && note.updated_by
              ? h("p", {
                  class: "muted small",
                  text: t("updated_by", { name: note.updated_by, time: clock(note.updated_at) }),
                })
              : null,
          ]);
        })
      );
    });
  }

  function drawNotesChoice() {
    var select = q("[data-live='notes-item']");
    if (!select) return;
    patch(select, state().agenda, function () {
      var chosen = select.value || "current";
      var options = [
        h("option", { value: "current", text: select.getAttribute("data-follow-label") }),
        h("option", { value: "0", text: t("general_notes") }),
      ];
      return options
        .concat(
          state().agenda.map(function (item) {
            return h("option", { value: item.id, text: itemLabel(item) });
          })
        )
        .map(function (option) {
          option.selected = option.value === chosen;
          return option;
        });
    });
  }

  function drawSettings() {
    var form = q("[data-form='settings']");
    if (!form) return;
    var settings = state().settings;
    var percent = form.elements.quorum_percent;
    if (document.activeElement !== percent) percent.value = settings.quorum_percent;
    var select = form.elements.co_secretary_id;
    patch(select, [settings.co_secretary_id], function () {
      return [h("option", { value: "", text: "—" })].concat(
        config.people.map(function (p) {
          return h("option", {
            value: p.id,
            selected: p.id === settings.co_secretary_id,
            text: p.name,
          });
        })
      );
    });
  }

  // Being named co-secretary (or no longer) changes the page's sections: say so.
  function watchRole() {
    var settings = state().settings;
    if (
      coSecretary !== undefined &&
      coSecretary !== settings.co_secretary_id &&
      (coSecretary === me().user_id || settings.co_secretary_id === me().user_id)
    ) {
      var reload = h("button", {
        type: "button",
        class: "button small",
        "data-action": "reload",
        text: t("reload"),
      });
      toast(t("role_changed") + " ", [reload]);
    }
    coSecretary = settings.co_secretary_id;
  }

  // --- Video -------------------------------------------------------------------------------

  function announceVideo() {
    if (!videoParticipant || !room.isOpen()) return;
    room.send(
      "video.joined",
      {
        participant_id: videoParticipant,
        bridge_point_id: config.video.bridge_point_id,
      },
      { transient: true }
    );
  }

  function startVideo() {
    var container = q("[data-live='video']");
    if (player || !config.video || !container || !window.DiemCauVideo) return;
    window.DiemCauVideo.messages.loadFailed = t("video_load_failed");
    var start = q("[data-action='video.start']");
    if (start) start.hidden = true;
    container.hidden = false;
    player = window.DiemCauVideo.start(container, config.video, {
      onJoined: function (event) {
        videoParticipant = event.participantId;
        announceVideo();
        pinSpeaker();
      },
      onLeft: function () {
        videoParticipant = null;
        if (room.isOpen()) room.send("video.left", {}, { transient: true });
      },
      onHandRaised: function (raised) {
        var mine = find(state().speakers, function (s) {
          return s.user_id === me().user_id && s.status === "waiting";
        });
        if (raised && !mine) send("speaker.request", { source: "video" }, "ask");
        if (!raised && mine && mine.source === "video") {
          send("speaker.withdraw", { request_id: mine.id }, "ask");
        }
      },
      onStats: function (stats) {
        videoStats = stats;
        drawCheckIns();
      },
    });
    pinSpeaker();
  }

  // Giving the floor pins the speaker's video: their latest session still open.
  function pinSpeaker() {
    if (!player) return;
    var speaking = find(state().speakers, function (s) {
      return s.status === "speaking";
    });
    if (!speaking) return;
    var session = null;
    state().video.forEach(function (v) {
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

  // --- Drawing everything ------------------------------------------------------------------

  function drawAll() {
    drawHead();
    drawAgenda();
    drawDocuments();
    drawFollow();
    drawSpeakers();
    drawPolls();
    drawReadiness();
    drawCheckIns();
    drawRollCall();
    drawNotesChoice();
    drawNotesRead();
    drawSettings();
    if (notes) notes.render();
    pinSpeaker();
  }

  // --- Actions -----------------------------------------------------------------------------

  function numberAttr(el, name) {
    return Number(el.getAttribute(name));
  }

  function goto(offset) {
    var agenda = state().agenda;
    var index = agenda.indexOf(agendaItem(state().current.item_id));
    var next = agenda[index < 0 ? 0 : index + offset];
    if (next) send("agenda.goto", { item_id: next.id }, "agenda");
  }

  function markRollCall(button) {
    var userId = numberAttr(button, "data-user");
    var status = button.getAttribute("data-status");
    var reasonInput = q("[data-reason='" + userId + "']");
    var reason = reasonInput ? reasonInput.value.trim() : "";
    if (status === "absent" && !reason) {
      showError("rollcall", t("reason") + ": " + (member(userId) || {}).name);
      if (reasonInput) reasonInput.focus();
      return;
    }
    send(
      "rollcall.mark",
      { entries: [{ user_id: userId, status: status, reason: reason }] },
      "rollcall"
    );
  }

  function markAllPresent() {
    var marked = {};
    state().roll_call.forEach(function (e) {
      marked[e.user_id] = true;
    });
    var entries = rollCallRows()
      .filter(function (m) {
        return !marked[m.user_id];
      })
      .map(function (m) {
        return { user_id: m.user_id, status: "present_room", reason: "" };
      });
    if (entries.length) send("rollcall.mark", { entries: entries }, "rollcall");
  }

  function vote(button, extra) {
    var pollId = numberAttr(button, "data-poll");
    var payload = { poll_id: pollId, option: numberAttr(button, "data-option") };
    Object.keys(extra).forEach(function (k) {
      payload[k] = extra[k];
    });
    send("vote.cast", payload, "poll-" + pollId);
    drawPolls(); // the choice shows as pending at once, even offline
  }

  var ACTIONS = {
    "meeting.start": function () {
      if (window.confirm(t("start_confirm"))) send("meeting.start", {}, "agenda");
    },
    "meeting.end": function () {
      if (window.confirm(t("end_confirm"))) send("meeting.end", {}, "agenda");
    },
    "agenda.goto": function (b) {
      send("agenda.goto", { item_id: numberAttr(b, "data-id") }, "agenda");
    },
    "agenda.prev": function () {
      goto(-1);
    },
    "agenda.next": function () {
      goto(1);
    },
    "follow.stop": function () {
      send("document.follow", { version_id: null }, "follow");
    },
    "speaker.end": function () {
      send("speaker.end", {}, "speakers");
    },
    "speaker.grant": function (b) {
      send("speaker.grant", { request_id: numberAttr(b, "data-id") }, "speakers");
    },
    "speaker.remove": function (b) {
      send("speaker.remove", { request_id: numberAttr(b, "data-id") }, "speakers");
    },
    "speaker.lower_all": function () {
      send("speaker.lower_all", {}, "speakers");
    },
    "speaker.withdraw": function (b) {
      send("speaker.withdraw", { request_id: numberAttr(b, "data-id") }, "ask");
    },
    "poll.open": function (b) {
      send(
        "poll.open",
        { poll_id: numberAttr(b, "data-poll") },
        "poll-" + b.getAttribute("data-poll")
      );
    },
    "poll.close": function (b) {
      if (window.confirm(t("close_confirm")))
        send(
          "poll.close",
          { poll_id: numberAttr(b, "data-poll") },
          "poll-" + b.getAttribute("data-poll")
        );
    },
    "poll.delete": function (b) {
      if (window.confirm(t("delete_confirm")))
        send(
          "poll.delete",
          { poll_id: numberAttr(b, "data-poll") },
          "poll-" + b.getAttribute("data-poll")
        );
    },
    "vote.cast": function (b) {
      vote(b, {});
    },
    "vote.room": function (b) {
      vote(b, { bridge_point_id: numberAttr(b, "data-room") });
    },
    "vote.proxy": function (b) {
      var select = b.closest(".vote-proxy").querySelector("[data-proxy]");
      if (!select.value) {
        showError("poll-" + b.getAttribute("data-poll"), t("choose_delegate"));
        select.focus();
        return;
      }
      vote(b, { voter_id: Number(select.value) });
    },
    "rollcall.mark": markRollCall,
    "rollcall.all-present": markAllPresent,
    reconnect: function () {
      room.reconnectNow();
    },
    "video.start": startVideo,
    reload: function () {
      window.location.reload();
    },
  };

  function formPayload(form) {
    var data = form.elements;
    switch (form.getAttribute("data-form")) {
      case "ask":
        return ["speaker.request", { topic: data.topic.value.trim() }, "ask"];
      case "ask-for":
        return [
          "speaker.request",
          { user_id: Number(data.user_id.value), topic: data.topic.value.trim() },
          "ask-for",
        ];
      case "follow":
        return [
          "document.follow",
          { version_id: Number(data.version_id.value) || null, page: Number(data.page.value) || 1 },
          "follow",
        ];
      case "checkin":
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
      case "settings":
        var settings = { quorum_percent: Number(data.quorum_percent.value) };
        if (data.co_secretary_id.value)
          settings.co_secretary_id = Number(data.co_secretary_id.value);
        return ["room.settings", settings, "settings"];
      case "poll":
        var options = data.options.value
          .split("\n")
          .map(function (o) {
            return o.trim();
          })
          .filter(Boolean);
        if (!data.question.value.trim()) return [null, t("question_needed"), "poll"];
        if (options.length < 2) return [null, t("options_needed"), "poll"];
        var poll = {
          question: data.question.value.trim(),
          options: options,
          secret: data.secret.checked,
          electorate: data.electorate.value,
          rule: data.rule.value,
        };
        if (data.item_id.value) poll.item_id = Number(data.item_id.value);
        return ["poll.create", poll, "poll"];
    }
    return [null, "", null];
  }

  function submitted(event) {
    var form = event.target.closest("[data-form]");
    if (!form) return;
    event.preventDefault();
    var parts = formPayload(form);
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
        watchRole();
        drawAll();
      },
      onStatus: function () {
        drawConnection();
        drawPolls();
        if (notes) notes.status();
      },
      onAnswer: answered,
      onOpen: announceVideo,
    });
    Live.room = room;
    notes = window.DiemCauLiveNotes.create({
      room: room,
      root: root,
      t: t,
      h: h,
      clock: clock,
      draftsKey: "diemcau.notes." + who,
      onError: showError,
    });
    var options = q("[data-form='poll'] textarea[name='options']");
    if (options && !options.value) options.value = config.default_options.join("\n");
    coSecretary = state().settings.co_secretary_id;
    root.addEventListener("click", clicked);
    root.addEventListener("submit", submitted);
    var filter = q("[data-live='rollcall-room']");
    if (filter) filter.addEventListener("change", drawRollCall);
    drawAll();
    drawConnection();
    setInterval(tick, 1000);
    if (config.sections.video_autostart) startVideo();
    room.connect();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
