/* Học Bình Đẳng: counts down on [data-closes-at] (a round's close) and [data-opens-at] (a quiz
   or round that opens soon) elements ("1:02:03"). The server's clock is the reference
   (data-server-now), not the phone's, which may be wrong. The counter is not a live region:
   screen readers read it when asked, never every second; the opening is announced once. */
(function () {
  "use strict";
  var loaded = Date.now();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function shown(seconds) {
    return Math.floor(seconds / 3600) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
  }
  // Milliseconds until `at` (an ISO time) on the server's clock, or NaN.
  function until(node, at) {
    var moment = Date.parse(node.getAttribute(at));
    var serverNow = Date.parse(node.getAttribute("data-server-now"));
    return moment - serverNow - (Date.now() - loaded);
  }
  function count(node, at, ended) {
    if (isNaN(until(node, at))) return;
    function tick() {
      var left = until(node, at);
      if (left <= 0) {
        ended();
        return;
      }
      node.textContent = shown(Math.ceil(left / 1000));
      setTimeout(tick, left % 1000 || 1000);
    }
    tick();
  }
  document.querySelectorAll("[data-closes-at][data-server-now]").forEach(function (node) {
    count(node, "data-closes-at", function () {
      node.textContent = node.getAttribute("data-ended") || "0:00:00";
    });
  });
  // The start form waits for the opening: its button stays focusable (aria-disabled, not
  // disabled) and a press before the opening says so instead of asking the server.
  document.querySelectorAll("[data-opens-at][data-server-now]").forEach(function (node) {
    var form = document.querySelector("[data-waits-for-opening]");
    var button = form && form.querySelector("button[type=submit]");
    var status = document.querySelector("[data-opening-status]");
    var waiting = true;
    if (button) button.setAttribute("aria-disabled", "true");
    if (form) {
      form.addEventListener("submit", function (event) {
        if (!waiting) return;
        event.preventDefault();
        if (status) status.textContent = node.getAttribute("data-wait");
      });
    }
    count(node, "data-opens-at", function () {
      waiting = false;
      node.textContent = "0:00:00";
      if (button) button.removeAttribute("aria-disabled");
      if (status) status.textContent = node.getAttribute("data-opened");
    });
  });
})();
