/* Học Bình Đẳng: counts down to a round's close on [data-countdown] elements ("1:02:03"). The
   server's clock is the reference (data-server-now), not the phone's, which may be wrong. The
   element is not a live region: screen readers read it when asked, never every second. */
(function () {
  "use strict";
  var loaded = Date.now();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  document.querySelectorAll("[data-closes-at][data-server-now]").forEach(function (node) {
    var closes = Date.parse(node.getAttribute("data-closes-at"));
    var serverNow = Date.parse(node.getAttribute("data-server-now"));
    if (isNaN(closes) || isNaN(serverNow)) return;
    function tick() {
      var left = Math.max(0, Math.floor((closes - serverNow - (Date.now() - loaded)) / 1000));
      if (left === 0) {
        node.textContent = node.getAttribute("data-ended") || "0:00:00";
        return;
      }
      node.textContent = Math.floor(left / 3600) + ":" + pad(Math.floor(left / 60) % 60) + ":" + pad(left % 60);
      setTimeout(tick, 1000 - ((Date.now() - loaded) % 1000));
    }
    tick();
  });
})();
