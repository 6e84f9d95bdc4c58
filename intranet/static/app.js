// Small, dependency-free behaviour on top of htmx; the app works without it.
(function () {
  "use strict";

  // Ask before destructive actions (forms marked with data-confirm).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // After a row or panel swap, keep keyboard users where they were:
  // focus the swapped element if the focus was lost with the old one.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!document.body.contains(document.activeElement) || document.activeElement === document.body) {
      var swapped = target && target.id ? document.getElementById(target.id) : null;
      if (swapped && swapped.hasAttribute("tabindex")) {
        swapped.focus();
      }
    }
  });

  // Upload progress: htmx reports the request's progress on the form; show it in the form's bar.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = event.target.querySelector ? event.target.querySelector("progress") : null;
    if (!bar || !event.detail.lengthComputable || !event.detail.total) { return; }
    bar.hidden = false;
    bar.value = Math.round(event.detail.loaded / event.detail.total * 100);
  });

  // htmx does not swap error responses: show their message in the live region.
  document.addEventListener("htmx:responseError", function (event) {
    var region = document.getElementById("flash");
    if (!region) { return; }
    var status = event.detail.xhr.status;
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.textContent = status === 404
      ? "Nicht gefunden oder nicht sichtbar."
      : "Die Aktion ist fehlgeschlagen (Fehler " + status + "). Bitte laden Sie die Seite neu.";
    region.replaceChildren(p);
  });
})();
