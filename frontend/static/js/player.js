/* The quiz player: autosave with a local queue, a timer on the server's clock, flags, one
   question per screen, and a submit that waits for every answer. No library; the page works
   without this script too (the form posts every answer at once). */
(function () {
  "use strict";
  var form = document.getElementById("player");
  if (!form) return;
  var S = JSON.parse(document.getElementById("player-strings").textContent);
  var d = form.dataset;
  // Started by the round's form, the player came as the answer to that post: give the bar the
  // player's own address, so that a reload or a shared link opens the player again.
  if (d.playerUrl && location.pathname !== d.playerUrl && history.replaceState) {
    history.replaceState(null, "", d.playerUrl + location.hash);
  }
  var KEY = "hbd-attempt-" + d.attempt;
  var lang = document.documentElement.lang || "vi";
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var questions = Array.prototype.slice.call(form.querySelectorAll(".question"));
  var statusEl = document.getElementById("save-status");
  var announcer = document.getElementById("announcer");
  var banner = document.getElementById("offline-banner");
  var submitButton = document.getElementById("submit-button");
  var dialog = document.getElementById("confirm-submit");
  var prediction = document.getElementById("prediction");

  var store = load();
  store.seq = Math.max(store.seq || 0, parseInt(d.sequence, 10) || 0);
  var late = 0, sending = false, submitting = false, backoff = 1000, retryTimer = null;
  var debounce = {}, current = 0;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || { seq: 0, queue: [], flags: [] }; }
    catch (e) { return { seq: 0, queue: [], flags: [] }; }
  }
  function persist() {
    try { localStorage.setItem(KEY, JSON.stringify(store)); } catch (e) { /* private mode: memory only */ }
  }
  function say(el, text) { if (el.textContent !== text) el.textContent = text; }
  function byslot(slot) { return form.querySelector('.question[data-slot="' + slot + '"]'); }

  function valueOf(q) {
    var kind = q.dataset.kind;
    if (kind === "short_text" || kind === "numeric") {
      var text = q.querySelector("input[type=text]").value.trim();
      return text === "" ? null : text;
    }
    var ids = Array.prototype.map.call(q.querySelectorAll("input:checked"), function (i) {
      return parseInt(i.value, 10);
    });
    if (kind === "multiple") return ids.length ? ids : null;
    return ids.length ? ids[0] : null;
  }
  function setValue(q, value) {
    if (!q) return;
    var kind = q.dataset.kind;
    if (kind === "short_text" || kind === "numeric") {
      q.querySelector("input[type=text]").value = value === null ? "" : value;
      return;
    }
    var chosen = [].concat(value === null ? [] : value);
    q.querySelectorAll("input").forEach(function (i) {
      i.checked = chosen.indexOf(parseInt(i.value, 10)) !== -1;
    });
  }

  /* Saving: each change waits in the queue (and in localStorage) until the server has it. */
  function enqueue(slot) {
    var q = byslot(slot);
    store.queue = store.queue.filter(function (item) { return item.slot !== slot; });
    store.queue.push({ slot: slot, value: valueOf(q), sequence: ++store.seq });
    persist();
    refresh();
    flush();
  }
  function changed(event) {
    var q = event.target.closest(".question");
    if (!q) return;
    var slot = parseInt(q.dataset.slot, 10);
    clearTimeout(debounce[slot]);
    var wait = event.target.type === "text" ? 700 : 150;
    debounce[slot] = setTimeout(function () { delete debounce[slot]; enqueue(slot); }, wait);
    refresh();
  }
  function flushDebounced() {
    Object.keys(debounce).forEach(function (slot) {
      clearTimeout(debounce[slot]);
      delete debounce[slot];
      enqueue(parseInt(slot, 10));
    });
  }
  function send(url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json",
                    "Accept-Language": lang, "X-CSRFToken": csrf };
    // The page's pass for this attempt: the server saves without reading the session. Past
    // its time the server falls back on the session and the CSRF token, sent as well.
    if (d.answerPass) headers.Authorization = "Attempt " + d.answerPass;
    return fetch(url, { method: "PUT", credentials: "same-origin", headers: headers,
                        body: JSON.stringify(body) });
  }
  function retry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, backoff);
    backoff = Math.min(backoff * 2, 30000);
  }
  function flush() {
    if (sending) return;
    if (!store.queue.length) { settled(); return; }
    sending = true;
    say(statusEl, S.saving);
    var item = store.queue[0];
    send(d.answerUrl.replace(/0\/$/, item.slot + "/"), { value: item.value, sequence: item.sequence })
      .then(function (response) {
        sending = false;
        if (response.status >= 500 || response.status === 429) { say(statusEl, S.retrying); retry(); return; }
        backoff = 1000;
        online(true);
        if (response.status === 409) { late += 1; }
        else if (!response.ok) {
          response.json().then(function (body) {
            say(announcer, S.bad_answer.replace("%s", (body.error || {}).message || response.status));
          }, function () {});
        }
        if (store.queue[0] === item) store.queue.shift();
        persist();
        refresh();
        flush();
      }, function () {
        sending = false;
        online(navigator.onLine);
        say(statusEl, S.retrying);
        retry();
      });
  }
  var whenSettled = [];
  function settled() {
    if (!Object.keys(debounce).length) say(statusEl, S.saved);
    whenSettled.splice(0).forEach(function (fn) { fn(); });
  }
  function online(isOnline) {
    banner.hidden = isOnline;
    if (!isOnline) say(banner, S.offline);
  }
  window.addEventListener("offline", function () { online(false); });
  window.addEventListener("online", function () { online(true); backoff = 1000; flush(); });

  /* The question grid: answered, flagged, current; the flag button; one question per screen. */
  function refresh() {
    questions.forEach(function (q, index) {
      var slot = parseInt(q.dataset.slot, 10);
      var link = form.querySelector('.grid-item[data-slot="' + slot + '"]');
      var answered = valueOf(q) !== null;
      var flagged = store.flags.indexOf(slot) !== -1;
      link.classList.toggle("answered", answered);
      link.classList.toggle("flagged", flagged);
      if (index === current && onePerScreen) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
      say(link.querySelector(".grid-state"),
        ", " + (answered ? S.answered : S.unanswered) + (flagged ? ", " + S.flagged : ""));
      var flag = q.querySelector(".flag");
      flag.hidden = false;
      flag.setAttribute("aria-pressed", flagged ? "true" : "false");
      say(flag, flagged ? S.unflag : S.flag);
    });
  }
  form.addEventListener("click", function (event) {
    var flag = event.target.closest(".flag");
    if (flag) {
      var slot = parseInt(flag.closest(".question").dataset.slot, 10);
      var at = store.flags.indexOf(slot);
      if (at === -1) store.flags.push(slot); else store.flags.splice(at, 1);
      persist();
      refresh();
      return;
    }
    var link = event.target.closest(".grid-item");
    if (link && onePerScreen) {
      event.preventDefault();
      show(questions.indexOf(byslot(link.dataset.slot)), true);
      return;
    }
    var step = event.target.closest("[data-step]");
    if (step) show(current + parseInt(step.dataset.step, 10), true);
  });
  var onePerScreen = form.classList.contains("one-per-screen");
  var steps = form.querySelector(".player-steps");
  function show(index, focus) {
    if (!onePerScreen) return;
    current = Math.max(0, Math.min(questions.length - 1, index));
    questions.forEach(function (q, i) { q.hidden = i !== current; });
    steps.querySelector('[data-step="-1"]').disabled = current === 0;
    steps.querySelector('[data-step="1"]').disabled = current === questions.length - 1;
    refresh();
    if (focus) questions[current].querySelector("legend").focus();
  }
  if (onePerScreen) {
    steps.hidden = false;
    questions.forEach(function (q) { q.querySelector("legend").tabIndex = -1; });
  }

  /* The timer runs on the server's clock: the offset between it and this device is measured once. */
  var deadline = d.deadline ? Date.parse(d.deadline) : null;
  var offset = Date.parse(d.serverNow) - Date.now();
  var timerEl = document.getElementById("timer");
  var warned = {};
  function tick() {
    if (deadline === null || done) return;
    var left = Math.max(0, Math.floor((deadline - (Date.now() + offset)) / 1000));
    var text = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
    say(timerEl, text);
    [[300, "five_minutes"], [60, "one_minute"]].forEach(function (mark) {
      if (left <= mark[0] && left > 0 && !warned[mark[1]]) {
        warned[mark[1]] = true;
        timerEl.parentNode.classList.add("timer-warning");
        say(announcer, S[mark[1]]);
      }
    });
    if (left === 0 && !submitting) {
      say(announcer, S.time_up);
      submit();
      return;
    }
    setTimeout(tick, 1000 - ((Date.now() + offset) % 1000));
  }

  /* Submit: confirm (listing what is unanswered), wait for the queue, then one POST, retried. */
  function unansweredNumbers() {
    var numbers = [];
    questions.forEach(function (q, i) { if (valueOf(q) === null) numbers.push(i + 1); });
    return numbers;
  }
  /* The prediction: empty (undefined), a whole number from 0, or null when it is not one. */
  function predicted() {
    if (!prediction) return undefined;
    var text = prediction.value.trim();
    if (text === "" && !(prediction.validity && prediction.validity.badInput)) return undefined;
    var number = /^\d{1,7}$/.test(text) ? parseInt(text, 10) : -1;
    return number >= 0 && number <= 1000000 ? number : null;
  }
  function predictionProblem(message) {
    prediction.setAttribute("aria-invalid", "true");
    say(announcer, message);
    say(statusEl, message);
    prediction.focus();
  }
  if (prediction) prediction.addEventListener("input", function () {
    prediction.removeAttribute("aria-invalid");
    store.prediction = prediction.value;
    persist();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (submitting) return;
    if (predicted() === null) { predictionProblem(S.bad_prediction); return; }
    var missing = unansweredNumbers();
    say(document.getElementById("confirm-unanswered"),
      missing.length ? S.some_unanswered.replace("%s", missing.join(", ")) : S.none_unanswered);
    if (dialog && dialog.showModal) dialog.showModal(); else submit();
  });
  if (dialog) dialog.addEventListener("close", function () {
    if (dialog.returnValue === "submit") submit();
  });
  function submit() {
    if (submitting) return;
    submitting = true;
    submitButton.disabled = true;
    flushDebounced();
    if (store.queue.length) say(statusEl, S.waiting);
    whenSettled.push(post);
    flush();
  }
  /* The submit is the form's own post, marked as sent with every answer already saved: the
     server answers with the result page, shown here in place of the player (its scripts run
     as on any page load) with the result's address in the bar. A failed post is tried again. */
  var done = false;
  function post() {
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", csrf);
    body.append("answers_sent", "1");
    body.append("late", String(late));
    // At time-up a prediction that is not a number is left out rather than blocking the submit.
    var value = predicted();
    if (typeof value === "number") body.append("prediction", String(value));
    fetch(form.action, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "text/html", "Accept-Language": lang }
    }).then(function (response) {
      if (response.redirected || response.status === 404) {
        // Signed out meanwhile, or not this person's: the result's own address sorts it out.
        forget();
        window.location.href = d.resultUrl;
      } else if (response.ok) {
        return response.text().then(function (html) {
          forget();
          done = true;
          history.replaceState(null, "", d.resultUrl);
          document.open();
          document.write(html);
          document.close();
          // As after a page load, a screen reader starts at the result, not at the old button.
          var main = document.getElementById("main");
          if (main) main.focus();
        });
      } else if (response.status === 400) {
        // Refused, not failed: say why and let the student fix it; retrying would loop.
        submitting = false;
        submitButton.disabled = false;
        return response.text().then(function (message) {
          message = message || S.bad_prediction;
          if (prediction) predictionProblem(message); else say(announcer, message);
        });
      } else { again(); }
    }).catch(again);
  }
  function again() { say(statusEl, S.submit_failed); setTimeout(post, 3000); }
  function forget() {
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
  }

  /* Start: answers waiting on this phone win over the page (they are newer), then send them. */
  store.queue.forEach(function (item) { setValue(byslot(item.slot), item.value); });
  if (prediction && store.prediction && !prediction.value) prediction.value = store.prediction;
  form.addEventListener("change", changed);
  form.addEventListener("input", changed);
  // A reload or a closed tab inside the debounce still leaves the change in the queue.
  window.addEventListener("pagehide", flushDebounced);
  online(navigator.onLine);
  show(0, false);
  refresh();
  tick();
  flush();
  form.dataset.ready = "1";
})();
