// The live room's polls: one card per poll (question, tally, result, the chair's controls and
// this person's ballots from room-ballots.js), the chair's form for a new poll, and the
// result announced to screen readers when a poll closes.
(function () {
  "use strict";

  var R = window.DiemCauRoom;
  var pollStatus = {}; // poll id → status last drawn (results are announced on closing)

  // Polls: open first, then the ones being prepared, then the closed ones, newest first.
  function visiblePolls() {
    var rank = { open: 0, draft: 1, closed: 2 };
    return R.state()
      .polls.filter(function (poll) {
        return poll.status !== "draft" || R.config.sections.preside;
      })
      .sort(function (a, b) {
        return rank[a.status] - rank[b.status] || b.id - a.id;
      });
  }

  // Counts per option; a secret poll shows only how many voted until it closes (the server
  // sends no counts then). Closed polls show the server's percentages, as the minutes will.
  function tallyBlock(poll) {
    if (poll.status === "draft") return [];
    var total = R.h("p", {
      class: "muted",
      "data-live": "total",
      text: R.t("votes_total", { n: poll.total }),
    });
    if (!poll.counts.length)
      return [R.h("p", { class: "muted", text: R.t("secret_counts_later") }), total];
    return [
      R.h(
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
          return R.h("li", {}, [
            R.h("span", { class: "tally-label", text: option }),
            R.h("span", { class: "tally-bar", "aria-hidden": "true" }, [
              R.h("span", {
                class: "tally-fill tally-fill-" + index,
                style: "width:" + share + "%",
              }),
            ]),
            R.h("span", { class: "tally-count", text: count + " (" + R.percent(share) + "%)" }),
          ]);
        })
      ),
      total,
    ];
  }

  // Each person's choice in a closed named poll, fetched over the socket when its list is first
  // opened: a thousand rows per poll in every screen's snapshot would be too heavy. A closed
  // poll's choices never change, so an answer is kept for the page's life.
  var choices = {}; // poll id → {loading: true} | {rows: [...]} | {error: "..."}
  var opened = {}; // poll id → its list is open (a redrawn card keeps it open)

  function choicesTable(poll, rows) {
    return R.h("table", { class: "data" }, [
      R.h("thead", {}, [
        R.h(
          "tr",
          {},
          [R.t("voter"), R.t("choice"), R.t("cast_by")].map(function (c) {
            return R.h("th", { scope: "col", text: c });
          })
        ),
      ]),
      R.h(
        "tbody",
        {},
        rows.map(function (c) {
          return R.h("tr", {}, [
            R.h("td", { text: c.voter + (c.bridge_point ? " · " + c.bridge_point : "") }),
            R.h("td", { text: poll.options[c.option] }),
            R.h("td", { text: c.cast_by }),
          ]);
        })
      ),
    ]);
  }

  function choicesBody(poll) {
    var entry = choices[poll.id];
    if (!entry) return [];
    if (entry.rows) return [choicesTable(poll, entry.rows)];
    if (entry.error) {
      return [
        R.h("p", { class: "error", role: "alert", text: entry.error }),
        R.h("button", {
          type: "button",
          class: "button small",
          "data-action": "poll.choices",
          "data-poll": poll.id,
          text: R.t("retry"),
        }),
      ];
    }
    return [R.h("p", { class: "muted", role: "status", text: R.t("loading") })];
  }

  function fillChoices(pollId) {
    var poll = R.find(R.state().polls, function (p) {
      return p.id === pollId;
    });
    var body = R.q("[data-choices='" + pollId + "'] .choices-body");
    if (poll && body) body.replaceChildren.apply(body, choicesBody(poll));
  }

  // A read, so not kept in the outbox: a request the link lost goes again when it reopens.
  function fetchChoices(pollId) {
    choices[pollId] = { loading: true };
    fillChoices(pollId);
    if (!R.room.isOpen()) return;
    R.room.send(
      "poll.choices",
      { poll_id: pollId },
      {
        transient: true,
        onAnswer: function (frame) {
          var failed = frame.code === "server_error" ? R.t("choices_failed") : frame.message;
          choices[pollId] = frame.type === "ack" ? { rows: frame.choices } : { error: failed };
          fillChoices(pollId);
        },
      }
    );
  }

  function choicesBlock(poll) {
    var attrs = { class: "tool", "data-choices": poll.id, open: opened[poll.id] };
    var details = R.h("details", attrs, [
      R.h("summary", { text: R.t("choices", { n: poll.choices_count }) }),
      R.h("div", { class: "choices-body" }, choicesBody(poll)),
    ]);
    details.addEventListener("toggle", function () {
      opened[poll.id] = details.open;
      // Opening it again also asks again for an answer that never came (a refusal before it
      // was read, such as rate limiting, names no message).
      var entry = choices[poll.id];
      if (details.open && !(entry && entry.rows)) fetchChoices(poll.id);
    });
    return details;
  }

  function resultBlock(poll) {
    if (poll.status !== "closed") return [];
    var parts = [];
    if (poll.passed !== null) {
      parts.push(
        R.h("p", {
          class: "result " + (poll.passed ? "passed" : "failed"),
          "data-live": "result",
          text: poll.passed ? R.t("passed") : R.t("not_passed"),
        })
      );
    }
    if (poll.members !== null) {
      parts.push(
        R.h("p", {
          class: "muted",
          text: R.t("result_base", { members: poll.members, present: poll.present }),
        })
      );
    }
    if (poll.choices_count > 0) parts.push(choicesBlock(poll));
    return parts;
  }

  function pollButton(poll, action, style, label, disabled) {
    return R.h("button", {
      type: "button",
      class: "button " + style,
      "data-action": action,
      "data-poll": poll.id,
      disabled: disabled,
      text: R.t(label),
    });
  }

  // The chair opens or deletes a poll being prepared, and closes an open one.
  function chairBlock(poll) {
    var buttons =
      poll.status === "draft"
        ? [
            pollButton(poll, "poll.open", "primary", "open_poll", !R.isLive()),
            pollButton(poll, "poll.delete", "danger", "delete_poll", false),
          ]
        : poll.status === "open"
          ? [pollButton(poll, "poll.close", "danger", "close_poll", false)]
          : [];
    if (!R.config.sections.preside || !buttons.length) return [];
    return [R.h("div", { class: "live-actions no-print" }, buttons)];
  }

  function pollCard(poll) {
    return R.h("article", { class: "poll", "data-poll-card": poll.id }, [
      R.h("div", { class: "poll-head" }),
      R.h("div", { class: "poll-tally" }),
      R.h("div", { class: "poll-result" }),
      R.h("div", { class: "poll-actions" }),
      R.h("p", { class: "error", role: "alert", "data-error": "poll-" + poll.id }),
    ]);
  }

  function drawPollHead(card, poll) {
    var item = R.agendaItem(poll.item_id);
    R.patch(
      card.querySelector(".poll-head"),
      [poll.question, poll.status, poll.secret, poll.electorate, poll.rule, poll.item_id],
      function () {
        return [
          R.h("h3", { class: "poll-question", text: poll.question }),
          R.h("p", { class: "badges" }, [
            R.h("span", {
              class: "badge poll-status-" + poll.status,
              text: R.choice("poll_status", poll.status),
            }),
            R.h("span", {
              class: "badge" + (poll.secret ? " secret" : ""),
              text: poll.secret ? R.t("secret") : R.t("named"),
            }),
            R.h("span", {
              class: "muted",
              text: R.choice("electorate", poll.electorate) + " · " + R.choice("rule", poll.rule),
            }),
          ]),
          item ? R.h("p", { class: "muted", text: R.itemLabel(item) }) : null,
        ];
      }
    );
  }

  function drawPoll(card, poll) {
    card.className = "poll poll-" + poll.status;
    drawPollHead(card, poll);
    R.patch(
      card.querySelector(".poll-tally"),
      [poll.status, poll.counts, poll.total, poll.percents],
      function () {
        return tallyBlock(poll);
      }
    );
    R.patch(
      card.querySelector(".poll-result"),
      [poll.status, poll.passed, poll.members, poll.present, poll.choices_count],
      function () {
        return resultBlock(poll);
      }
    );
    var actionInputs = [
      poll.status,
      poll.options,
      R.isLive(),
      R.room.isOpen(),
      R.ballots.inputs(poll),
    ];
    var actions = card.querySelector(".poll-actions");
    // A redraw keeps the delegate an operator chose to vote for.
    var proxy = actions.querySelector("[data-proxy]");
    var proxyChoice = proxy ? proxy.value : "";
    R.patch(actions, actionInputs, function () {
      return chairBlock(poll).concat(R.ballots.blocks(poll));
    });
    var again = actions.querySelector("[data-proxy]");
    if (again && proxyChoice) again.value = proxyChoice;
  }

  function announceResult(poll) {
    if (pollStatus[poll.id] === "open" && poll.status === "closed") {
      R.announce(
        R.t("result_of", {
          q: poll.question,
          result: poll.passed ? R.t("passed") : poll.passed === false ? R.t("not_passed") : "",
        })
      );
    }
    pollStatus[poll.id] = poll.status;
  }

  function drawItemChoice() {
    var agenda = R.state().agenda;
    var currentId = R.state().current.item_id;
    R.patch(R.q("[data-form='poll'] select[name='item_id']"), [agenda, currentId], function () {
      return [R.h("option", { value: "", text: R.t("no_item_poll") })].concat(
        agenda.map(function (item) {
          return R.h("option", {
            value: item.id,
            selected: item.id === currentId,
            text: R.itemLabel(item),
          });
        })
      );
    });
  }

  function drawPolls() {
    var box = R.q("[data-live='polls']");
    var cards = {};
    R.qa("[data-poll-card]").forEach(function (card) {
      cards[card.getAttribute("data-poll-card")] = card;
    });
    var wanted = visiblePolls().map(function (poll) {
      var card = cards[poll.id] || pollCard(poll);
      delete cards[poll.id];
      drawPoll(card, poll);
      announceResult(poll);
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
      box.replaceChildren(R.h("p", { class: "muted empty-polls", text: R.t("no_polls") }));
    drawItemChoice();
  }

  function pollPayload(form) {
    var data = form.elements;
    var options = data.options.value
      .split("\n")
      .map(function (o) {
        return o.trim();
      })
      .filter(Boolean);
    if (!data.question.value.trim()) return [null, R.t("question_needed"), "poll"];
    if (options.length < 2) return [null, R.t("options_needed"), "poll"];
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

  // A chair's action on one poll, asked to confirm first when `confirmKey` is given.
  function pollAction(type, confirmKey) {
    return function (b) {
      if (confirmKey && !window.confirm(R.t(confirmKey))) return;
      var pollId = b.getAttribute("data-poll");
      R.send(type, { poll_id: Number(pollId) }, "poll-" + pollId);
    };
  }

  R.section("polls", {
    setup: function () {
      var options = R.q("[data-form='poll'] textarea[name='options']");
      if (options && !options.value) options.value = R.config.default_options.join("\n");
    },
    draw: drawPolls,
    status: drawPolls,
    open: function () {
      Object.keys(choices).forEach(function (id) {
        if (choices[id].loading) fetchChoices(Number(id));
      });
    },
    actions: {
      "poll.choices": function (b) {
        fetchChoices(R.numberAttr(b, "data-poll"));
      },
      "poll.open": pollAction("poll.open", null),
      "poll.close": pollAction("poll.close", "close_confirm"),
      "poll.delete": pollAction("poll.delete", "delete_confirm"),
    },
    forms: { poll: pollPayload },
  });
})();
