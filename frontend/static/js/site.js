/* Học Bình Đẳng: the little script the site needs. Everything works without it; it adds the quick
   exit on Esc, instant feedback for practice questions, lesson progress saved as you read (kept on
   the phone while the connection is down), and the service worker that keeps help offline. */
(function () {
  "use strict";

  // Quick exit: leave for a neutral site and replace this page in the history.
  function quickExit(url) {
    try { window.open(url, "_blank", "noopener"); } catch (e) { /* pop-ups may be blocked */ }
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    quickExit(link.href);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !document.body.hasAttribute("data-quick-exit-esc")) return;
    var link = document.querySelector("[data-quick-exit]");
    if (link) quickExit(link.href);
  });

  // Practice questions: show the feedback for the chosen answer and say it to screen readers.
  document.addEventListener("change", function (event) {
    var input = event.target;
    var check = input.closest && input.closest("[data-check]");
    if (!check || input.type !== "radio") return;
    check.querySelectorAll(".feedback").forEach(function (node) { node.hidden = true; });
    var feedback = check.querySelector('[data-feedback-for="' + input.value + '"]');
    if (!feedback) return;
    feedback.hidden = false;
    check.querySelector(".check-result").textContent = feedback.textContent.replace(/\s+/g, " ").trim();
  });

  // Live pages reload themselves every few seconds, with a button to pause (a meta refresh
  // could not be stopped by someone still reading).
  var refresh = document.querySelector("[data-auto-refresh]");
  if (refresh) {
    var every = (parseInt(refresh.getAttribute("data-auto-refresh"), 10) || 30) * 1000;
    var toggle = refresh.querySelector("button");
    var pauseText = toggle.textContent;
    var timer = setTimeout(function () { window.location.reload(); }, every);
    toggle.hidden = false;
    toggle.setAttribute("aria-pressed", "false");
    toggle.addEventListener("click", function () {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        toggle.textContent = toggle.getAttribute("data-resume-text");
        toggle.setAttribute("aria-pressed", "true");
      } else {
        timer = setTimeout(function () { window.location.reload(); }, every);
        toggle.textContent = pauseText;
        toggle.setAttribute("aria-pressed", "false");
      }
    });
  }

  // Sortable tables: a header cell marked data-sort gets a button; clicking it sorts the rows by
  // the cells' data-value (else their text) and says the order in aria-sort. Without the script
  // the table reads as sent.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body) return;
    table.querySelectorAll("thead th[data-sort]").forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var index = header.cellIndex;
        var kind = header.getAttribute("data-sort");
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[index];
          var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
          if (kind === "number") { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
          return raw.toLocaleLowerCase();
        }
        rows.sort(function (a, b) {
          var ka = key(a), kb = key(b);
          var order = kind === "text" ? String(ka).localeCompare(String(kb), document.documentElement.lang || undefined) : (ka < kb ? -1 : ka > kb ? 1 : 0);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        table.querySelectorAll("thead th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });

  // Offline: the service worker (registered once the page has loaded, so a first visit is not
  // slowed), the reports waiting on this phone, and nothing left for the next person at sign-out.
  var status = document.getElementById("offline-status");
  var QUEUE = "hbd-queue";
  function stored(key, value) {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(key) || "null");
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { return null; }
  }
  function forget() {
    try {
      Object.keys(localStorage).forEach(function (key) { if (key.indexOf("hbd-") === 0) localStorage.removeItem(key); });
    } catch (e) { /* storage may be off */ }
    return window.caches && status ? caches.delete(status.getAttribute("data-saved-cache")).catch(function () {}) : Promise.resolve();
  }
  function csrfToken() {
    var cookie = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return cookie ? decodeURIComponent(cookie[1]) : (input ? input.value : "");
  }
  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body)
    });
  }
  function queue(url, body) {  // one entry a lesson: the most time, and completed once
    var waiting = stored(QUEUE) || {};
    var before = waiting[url] || {};
    waiting[url] = {
      seconds_spent: Math.max(before.seconds_spent || 0, body.seconds_spent || 0),
      completed: !!(before.completed || body.completed)
    };
    stored(QUEUE, waiting);
    showWaiting();
  }
  function showWaiting(sent) {
    if (!status) return;
    var count = Object.keys(stored(QUEUE) || {}).length;
    status.textContent = count ? status.getAttribute("data-waiting").replace("{n}", count) : (sent ? status.getAttribute("data-sent") : "");
    status.hidden = !status.textContent;
  }
  var flushing = null;
  function flush() {  // the API's reports are idempotent: sending one twice counts once
    if (flushing || !navigator.onLine) return flushing || Promise.resolve();
    var waiting = stored(QUEUE) || {};
    var urls = Object.keys(waiting);
    if (!urls.length) return Promise.resolve();
    flushing = urls.reduce(function (chain, url) {
      return chain.then(function () {
        return post(url, waiting[url]).then(function (response) {
          if (response.ok || response.status === 404) {
            var left = stored(QUEUE) || {};
            delete left[url];
            stored(QUEUE, Object.keys(left).length ? left : null);
          }
        });
      });
    }, Promise.resolve()).catch(function () {}).then(function () { flushing = null; showWaiting(true); });
    return flushing;
  }
  if (status) {
    var owner = status.getAttribute("data-owner");
    var previous = stored("hbd-owner");
    if (owner && previous && previous !== owner) forget();  // someone else signed in on this phone
    if (owner) stored("hbd-owner", owner);
    showWaiting();
    if (owner) flush();
    window.addEventListener("online", flush);
    if ("serviceWorker" in navigator) {
      window.addEventListener("load", function () {
        navigator.serviceWorker.register(status.getAttribute("data-sw"), { scope: "/" }).catch(function () {});
      });
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-sign-out")) return;
    event.preventDefault();
    flush().then(forget).then(function () { form.submit(); });
  });

  // Lesson progress: time spent while the page is visible, and "completed" at the end.
  var lesson = document.querySelector("[data-lesson][data-progress-url]");
  if (!lesson) return;
  var url = lesson.getAttribute("data-progress-url");
  var base = parseInt(lesson.getAttribute("data-seconds"), 10) || 0;
  var completed = lesson.getAttribute("data-completed") === "true";
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var counted = 0;
  var sentSeconds = base;

  function seconds() {
    var running = visibleSince ? (Date.now() - visibleSince) / 1000 : 0;
    return Math.round(base + counted + running);
  }
  // Without a connection the report waits on the phone: {queued: true}.
  function send(body, keepalive) {
    if (!navigator.onLine) { queue(url, body); return Promise.resolve({ queued: true }); }
    return post(url, body, keepalive).then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { queue(url, body); return { queued: true }; });
  }
  if (!navigator.onLine) queue(url, { seconds_spent: base });  // read offline: opened counts
  function saveTime(keepalive) {
    var now = seconds();
    if (now <= sentSeconds) return;
    sentSeconds = now;
    send({ seconds_spent: now }, keepalive);
  }
  function markComplete() {
    if (completed) return;
    completed = true;
    send({ seconds_spent: seconds(), completed: true }).then(function (result) {
      if (!result || !(result.completed || result.queued)) { completed = false; return; }
      var said = lesson.querySelector("[data-lesson-status]");
      var form = lesson.querySelector("[data-complete-form]");
      if (said) {
        said.textContent = said.getAttribute(result.queued ? "data-queued-text" : "data-done-text") || "";
        said.className = "done";
      }
      if (form) form.hidden = true;
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { visibleSince = Date.now(); return; }
    if (visibleSince) { counted += (Date.now() - visibleSince) / 1000; visibleSince = null; }
    saveTime(true);
  });
  window.addEventListener("pagehide", function () { saveTime(true); });
  setInterval(function () { saveTime(false); }, 30000);

  // Reaching the end after reading for a while counts as finishing the lesson.
  var end = document.getElementById("lesson-end");
  if (end && "IntersectionObserver" in window && !completed) {
    var minimum = 20;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        if (seconds() - base >= minimum) { markComplete(); observer.disconnect(); }
        else { setTimeout(function () { if (isVisible(end)) markComplete(); }, (minimum - (seconds() - base)) * 1000); }
      });
    });
    observer.observe(end);
  }
  function isVisible(node) {
    var box = node.getBoundingClientRect();
    return box.top < window.innerHeight && box.bottom > 0;
  }

  // The button at the end posts in the background and stays on the page.
  var form = lesson.querySelector("[data-complete-form]");
  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); markComplete(); });
  }
})();
