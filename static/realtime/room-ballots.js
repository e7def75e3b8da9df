// The live room's ballots: the buttons a person votes with in an open poll (their own vote,
// their room's vote, or a delegate's vote cast for them by the room's operator), shown as
// pending until the server acknowledges it, even offline. The poll cards (room-polls.js)
// place them through DiemCauRoom.ballots.
(function () {
  "use strict";

  var R = window.DiemCauRoom;
  var cast = {}; // "poll:who" → {option}: votes this page got acknowledged

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function isSecret(option) {
    return option === null || option === undefined;
  }

  function pendingVotes(pollId) {
    return R.room.outbox.items.filter(function (m) {
      return m.type === "vote.cast" && m.payload.poll_id === pollId;
    });
  }

  function pendingVote(pollId, test) {
    return R.find(pendingVotes(pollId), function (m) {
      return test(m.payload);
    });
  }

  function optionButtons(poll, action, extra, chosen, disabled) {
    return R.h(
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
        return R.h("button", attrs);
      })
    );
  }

  function myVoteBlock(poll) {
    var key = String(poll.id);
    var voted = has(R.me().votes, key);
    var pending = pendingVote(poll.id, function (p) {
      return !p.voter_id && !p.bridge_point_id;
    });
    var status = "";
    var chosen = null;
    if (voted) {
      chosen = R.me().votes[key];
      status = isSecret(chosen)
        ? R.t("my_vote_secret")
        : R.t("my_vote", { option: poll.options[chosen] });
    } else if (pending) {
      chosen = pending.payload.option;
      var option = poll.options[chosen];
      status = R.room.isOpen()
        ? R.t("vote_pending", { option: option })
        : R.t("vote_offline", { option: option });
    }
    return R.h("div", { class: "vote-mine" }, [
      status
        ? R.h("p", { class: "vote-status", "data-live": "my-vote", role: "status", text: status })
        : null,
      voted && isSecret(chosen)
        ? null
        : optionButtons(poll, "vote.cast", null, chosen, voted || Boolean(pending)),
    ]);
  }

  // The rooms whose one vote this person casts: those they run, and the main room for the
  // host's staff (realtime.state.votes.rooms_voted_for).
  function roomsIVoteFor() {
    var rooms = R.myRooms().slice();
    var main = R.find(R.state().bridge_points, function (bp) {
      return bp.is_main;
    });
    if (R.me().is_host_staff && main && rooms.indexOf(main.id) < 0) rooms.push(main.id);
    return rooms;
  }

  function roomVoteBlock(poll, roomId, only) {
    var key = String(poll.id);
    var done = cast[poll.id + ":bp" + roomId];
    // The snapshot's own votes include the room's vote; with one room it is this one.
    if (!done && only && has(R.me().votes, key)) {
      done = { option: R.me().votes[key] };
    }
    var pending = pendingVote(poll.id, function (p) {
      return p.bridge_point_id === roomId;
    });
    var chosen = done ? done.option : pending ? pending.payload.option : null;
    return R.h("div", { class: "vote-mine" }, [
      R.h("p", { class: "live-label", text: R.t("room_vote", { room: R.roomLabel(roomId) }) }),
      done
        ? R.h("p", {
            class: "vote-status",
            "data-live": "room-vote",
            role: "status",
            text: isSecret(done.option)
              ? R.t("my_vote_secret")
              : R.t("room_voted", { option: poll.options[done.option] }),
          })
        : null,
      optionButtons(poll, "vote.room", { "data-room": roomId }, chosen, Boolean(done || pending)),
    ]);
  }

  function proxyBlock(poll) {
    var delegates = R.delegatesOfMyRooms();
    if (!delegates.length) return null;
    var done = delegates.filter(function (m) {
      return cast[poll.id + ":u" + m.user_id];
    });
    var id = "proxy-" + poll.id;
    return R.h("div", { class: "vote-proxy" }, [
      R.h("div", { class: "field" }, [
        R.h("label", { for: id, text: R.t("vote_for") }),
        R.h(
          "select",
          { id: id, "data-proxy": poll.id },
          [R.h("option", { value: "", text: R.t("choose_delegate") })].concat(
            delegates.map(function (m) {
              return R.h("option", { value: m.user_id, text: m.name });
            })
          )
        ),
      ]),
      optionButtons(poll, "vote.proxy", null, null, false),
      R.h(
        "ul",
        { class: "plain" },
        done.map(function (m) {
          var entry = cast[poll.id + ":u" + m.user_id];
          return R.h("li", {
            text: R.t("proxy_done", { option: poll.options[entry.option], name: m.name }),
          });
        })
      ),
    ]);
  }

  // The ballots this person has in an open poll, by who votes in it.
  function blocks(poll) {
    var found = [];
    if (poll.status === "open" && poll.electorate === "delegates") {
      if (R.config.sections.vote) found.push(myVoteBlock(poll));
      if (R.config.sections.proxy) found.push(proxyBlock(poll));
    }
    if (poll.status === "open" && poll.electorate === "bridge_points") {
      var rooms = roomsIVoteFor();
      rooms.forEach(function (roomId) {
        found.push(roomVoteBlock(poll, roomId, rooms.length === 1));
      });
    }
    return found;
  }

  // What the ballots of a poll show besides the poll itself: a change redraws them.
  function inputs(poll) {
    return [
      R.me().votes[String(poll.id)],
      pendingVotes(poll.id).map(function (m) {
        return m.id;
      }),
      Object.keys(cast).filter(function (k) {
        return k.indexOf(poll.id + ":") === 0;
      }),
    ];
  }

  function vote(button, extra) {
    var pollId = R.numberAttr(button, "data-poll");
    var payload = { poll_id: pollId, option: R.numberAttr(button, "data-option") };
    Object.keys(extra).forEach(function (k) {
      payload[k] = extra[k];
    });
    R.send("vote.cast", payload, "poll-" + pollId);
    R.redraw("polls"); // the choice shows as pending at once, even offline
  }

  R.ballots = { blocks: blocks, inputs: inputs };

  R.section("ballots", {
    answer: function (message, frame) {
      if (message.type !== "vote.cast" || frame.type !== "ack") return;
      var p = message.payload;
      var who = p.voter_id ? "u" + p.voter_id : p.bridge_point_id ? "bp" + p.bridge_point_id : "me";
      cast[p.poll_id + ":" + who] = { option: p.option };
      if (who === "me") R.room.me.votes[String(p.poll_id)] = frame.option;
    },
    actions: {
      "vote.cast": function (b) {
        vote(b, {});
      },
      "vote.room": function (b) {
        vote(b, { bridge_point_id: R.numberAttr(b, "data-room") });
      },
      "vote.proxy": function (b) {
        var select = b.closest(".vote-proxy").querySelector("[data-proxy]");
        if (!select.value) {
          R.showError("poll-" + b.getAttribute("data-poll"), R.t("choose_delegate"));
          select.focus();
          return;
        }
        vote(b, { voter_id: Number(select.value) });
      },
    },
  });
})();
