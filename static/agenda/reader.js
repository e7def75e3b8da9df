// The tablet reader: "Mời mọi người theo trang này" copies the link to this page of the
// document instead of following it (the link itself still works without JavaScript).
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP intranets have no async clipboard; the old command still works there.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-share]");
    var reader = link && link.closest("[data-reader]");
    if (!reader) return;
    event.preventDefault();
    var status = reader.querySelector("[data-reader-status]");
    copyText(link.href).then(function () {
      status.textContent = reader.getAttribute("data-copied");
      status.classList.remove("sr-only");
      status.classList.add("reader-copied");
    }, function () {
      window.location.href = link.href;
    });
  });
})();
