// The live room's documents: those of the item being discussed, and the one the chair asks
// everyone to follow (with the chair's form to choose it, its page, or to stop).
(function () {
  "use strict";

  var R = window.DiemCauRoom;

  function documentsOf(itemId) {
    return R.config.documents[String(itemId || 0)] || [];
  }

  function drawDocuments() {
    var itemId = R.state().current.item_id;
    R.patch(R.q("[data-live='documents']"), [itemId], function () {
      var docs = documentsOf(itemId);
      if (!docs.length) return [R.h("li", { class: "muted", text: R.t("no_documents") })];
      return docs.map(function (doc) {
        return R.h("li", {}, [
          R.h("a", { class: "button live-doc", href: doc.url }, [
            R.h("span", { text: doc.title }),
            R.h("span", {
              class: "muted",
              text:
                " v" +
                doc.number +
                (doc.page_count ? " · " + R.t("pages", { n: doc.page_count }) : ""),
            }),
          ]),
        ]);
      });
    });
  }

  function drawFollow() {
    var box = R.q("[data-live='follow']");
    var follow = R.state().follow;
    box.hidden = !follow.version_id;
    R.patch(box, follow, function () {
      if (!follow.version_id) return [];
      return [
        R.h("a", {
          class: "button primary big",
          href: follow.url,
          "data-live": "follow-link",
          text: box.getAttribute("data-label"),
        }),
        R.h("span", { class: "live-follow-what" }, [
          R.h("strong", { text: follow.document_title }),
          follow.page ? " · " + R.t("page_n", { n: follow.page }) : "",
        ]),
      ];
    });
    drawFollowChoice();
  }

  // The chair's list: the current item's documents first, then every other one that can be
  // followed (a PDF, not confidential).
  function drawFollowChoice() {
    var select = R.q("[data-form='follow'] select[name='version_id']");
    if (!select) return;
    var itemId = R.state().current.item_id;
    var all = R.config.documents;
    R.patch(select, [itemId], function () {
      var chosen = select.value;
      var seen = {};
      var docs = documentsOf(itemId).concat(
        [].concat.apply(
          [],
          Object.keys(all).map(function (k) {
            return all[k];
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
          return R.h("option", {
            value: doc.version_id,
            selected: String(doc.version_id) === chosen,
            text: doc.title + " (v" + doc.number + ")",
          });
        });
    });
  }

  R.section("documents", {
    draw: function () {
      drawDocuments();
      drawFollow();
    },
    actions: {
      "follow.stop": function () {
        R.send("document.follow", { version_id: null }, "follow");
      },
    },
    forms: {
      follow: function (form) {
        var data = form.elements;
        return [
          "document.follow",
          { version_id: Number(data.version_id.value) || null, page: Number(data.page.value) || 1 },
          "follow",
        ];
      },
    },
  });
})();
