// Refreshes a list in place: a table with data-live="URL" has its body
// replaced from URL every data-every seconds, keeping the page's filters.
// Without script the page still works; it just does not refresh itself.
(function () {
  "use strict";
  function start(table) {
    var body = table.querySelector("tbody");
    var every = Math.max(2, parseInt(table.dataset.every || "10", 10)) * 1000;
    function tick() {
      fetch(table.dataset.live, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) {
          // A session that ended answers with the login page: show it.
          if (r.redirected) { window.location.reload(); throw new Error("logged out"); }
          if (r.ok) { return r.text(); }
          throw new Error(r.status);
        })
        .then(function (html) { body.innerHTML = html; table.dataset.refreshed = String(Date.now()); })
        .catch(function () { /* keep the rows shown; try again next time */ })
        .finally(function () { setTimeout(tick, every); });
    }
    setTimeout(tick, every);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table[data-live]").forEach(start);
  });
})();
