/* Học Bình Đẳng: the little script the site needs. Everything works without it; it adds the quick
   exit on Esc, instant feedback for practice questions, and lesson progress saved as you read. */
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

  // Lesson progress: time spent while the page is visible, and "completed" at the end.
  var lesson = document.querySelector("[data-lesson][data-progress-url]");
  if (!lesson) return;
  var url = lesson.getAttribute("data-progress-url");
  var base = parseInt(lesson.getAttribute("data-seconds"), 10) || 0;
  var completed = lesson.getAttribute("data-completed") === "true";
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var counted = 0;
  var sentSeconds = base;
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var csrf = tokenInput ? tokenInput.value : "";

  function seconds() {
    var running = visibleSince ? (Date.now() - visibleSince) / 1000 : 0;
    return Math.round(base + counted + running);
  }
  function send(body, keepalive) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }
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
      if (!result || !result.completed) { completed = false; return; }
      var status = lesson.querySelector("[data-lesson-status]");
      var form = lesson.querySelector("[data-complete-form]");
      if (status) { status.textContent = status.getAttribute("data-done-text") || ""; status.className = "done"; }
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
