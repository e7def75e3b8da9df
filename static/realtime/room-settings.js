// The live room's settings (the quorum percentage and a co-secretary), and the note to reload
// for the person whose part changed by them.
(function () {
  "use strict";

  var R = window.DiemCauRoom;
  var coSecretary; // the co-secretary the page last knew of

  function drawSettings() {
    var form = R.q("[data-form='settings']");
    if (!form) return;
    var settings = R.state().settings;
    var percent = form.elements.quorum_percent;
    if (document.activeElement !== percent) percent.value = settings.quorum_percent;
    var select = form.elements.co_secretary_id;
    R.patch(select, [settings.co_secretary_id], function () {
      return [R.h("option", { value: "", text: "—" })].concat(
        R.config.people.map(function (p) {
          return R.h("option", {
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
    var settings = R.state().settings;
    var myId = R.me().user_id;
    if (
      coSecretary !== undefined &&
      coSecretary !== settings.co_secretary_id &&
      (coSecretary === myId || settings.co_secretary_id === myId)
    ) {
      var reload = R.h("button", {
        type: "button",
        class: "button small",
        "data-action": "reload",
        text: R.t("reload"),
      });
      R.toast(R.t("role_changed") + " ", [reload]);
    }
    coSecretary = settings.co_secretary_id;
  }

  function settingsPayload(form) {
    var data = form.elements;
    var settings = { quorum_percent: Number(data.quorum_percent.value) };
    if (data.co_secretary_id.value) settings.co_secretary_id = Number(data.co_secretary_id.value);
    return ["room.settings", settings, "settings"];
  }

  R.section("settings", {
    setup: function () {
      coSecretary = R.state().settings.co_secretary_id;
    },
    change: watchRole,
    draw: drawSettings,
    actions: {
      reload: function () {
        window.location.reload();
      },
    },
    forms: { settings: settingsPayload },
  });
})();
