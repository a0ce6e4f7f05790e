/* Học Bình Đẳng: a live game, on a pupil's phone (#live-phone) or on the host's projector
   (#live-host). Everything comes over the game's WebSocket (quizzes/contests/game_socket.py);
   the server's clock times every answer, the countdown here only shows what is left. A phone
   that loses its link comes back with the token the server gave it (kept for this tab), with its
   score as it was. Texts come translated from the page's data-t-* attributes. */
(function () {
  "use strict";

  function text(root, name, values) {
    var s = root.getAttribute("data-t-" + name) || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }
  function $(id) { return document.getElementById(id); }
  function show(node, shown) { if (node) node.hidden = !shown; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // A stem is the editor's rich text (HTML): shown as its words, a line per paragraph. Parsed in
  // an inert document, so nothing in it runs or loads.
  function plain(html) {
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    Array.prototype.forEach.call(doc.body.querySelectorAll("br, p, li, div, h2, h3, h4, blockquote"), function (e) {
      e.appendChild(doc.createTextNode("\n"));
    });
    return doc.body.textContent.replace(/\s*\n\s*/g, "\n").trim();
  }

  // A socket that reconnects (1 s, 2 s, … up to 10 s) unless the server closed it for good
  // (4403: removed, or not the host). After too many messages (4429) it waits the longest and
  // comes back: the phone keeps its token, so its player and score.
  function connect(root, path, handlers) {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var delay = 1000, socket = null, api = { send: null };
    function open() {
      socket = new WebSocket(scheme + location.host + path);
      socket.onopen = function () { delay = 1000; handlers.open(); };
      socket.onmessage = function (e) {
        var m; try { m = JSON.parse(e.data); } catch (err) { return; }
        if (handlers[m.type]) handlers[m.type](m);
      };
      socket.onclose = function (e) {
        if (e.code === 4403) return handlers.gone(e.code);
        if (e.code === 4429) delay = 10000;
        handlers.lost();
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    }
    api.send = function (m) {
      if (socket && socket.readyState === 1) { socket.send(JSON.stringify(m)); return true; }
      return false;
    };
    open();
    return api;
  }

  // The countdown: from what the server said is left, on this device's monotonic clock.
  function countdown(node, root, secondsLeft) {
    var end = performance.now() + secondsLeft * 1000;
    if (node._timer) clearInterval(node._timer);
    function tick() {
      var left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
      node.textContent = text(root, "seconds", { n: left });
      if (!left) clearInterval(node._timer);
    }
    tick();
    node._timer = setInterval(tick, 250);
  }
  function stopCountdown(node) { if (node._timer) clearInterval(node._timer); node.textContent = ""; }

  // The phone ---------------------------------------------------------------------------------
  function phone(root) {
    var KEY = "live-game-token", status = $("live-status"), form = $("join-form");
    var question = $("live-question"), choices = $("live-choices"), score = $("live-score");
    var current = null, stillIn = true, socket, waiting = null;

    function say(message, kind) {
      status.textContent = message;
      status.className = "message" + (kind ? " message-" + kind : "");
      show(status, !!message);
    }
    function answer(value) {
      if (!current) return;
      if (socket.send({ type: "answer", index: current.index, value: value })) {
        Array.prototype.forEach.call(choices.querySelectorAll("button, input"), function (b) { b.disabled = true; });
      } else {
        say(text(root, "lost"), "error");
      }
    }
    function showQuestion(q, answered) {
      current = q;
      show(form, false);
      $("live-question-number").textContent = text(root, "question", { n: q.number, count: q.count });
      $("live-stem").textContent = plain(q.stem);
      clear(choices);
      if (q.choices && q.choices.length && q.kind !== "multiple") {
        q.choices.forEach(function (c, i) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "live-choice live-choice-" + (i % 4);
          b.textContent = c.text;
          b.disabled = answered || !stillIn;
          b.addEventListener("click", function () { b.classList.add("live-picked"); answer(c.id); });
          choices.appendChild(b);
        });
      } else {
        var f = document.createElement("form"), ids = [];
        (q.choices || []).forEach(function (c) {
          var l = document.createElement("label"), box = document.createElement("input");
          box.type = "checkbox"; box.value = c.id; l.className = "live-check";
          l.appendChild(box); l.appendChild(document.createTextNode(" " + c.text)); f.appendChild(l);
          ids.push(box);
        });
        var input = null;
        if (!ids.length) { input = document.createElement("input"); input.className = "live-text"; input.setAttribute("aria-labelledby", "live-question-number"); f.appendChild(input); }
        var b = document.createElement("button"); b.type = "submit"; b.className = "button live-big"; b.textContent = text(root, "send");
        f.appendChild(b);
        f.addEventListener("submit", function (e) {
          e.preventDefault();
          answer(input ? input.value : ids.filter(function (x) { return x.checked; }).map(function (x) { return +x.value; }));
        });
        choices.appendChild(f);
        Array.prototype.forEach.call(f.querySelectorAll("button, input"), function (x) { x.disabled = answered || !stillIn; });
      }
      show(question, true);
      countdown($("live-countdown"), root, q.seconds_left != null ? q.seconds_left : q.seconds);
      say(answered ? text(root, "sent") : (stillIn ? "" : text(root, "out")));
    }
    function showYou(you) {
      if (!you) return;
      stillIn = you.still_in;
      score.textContent = you.place ? text(root, "place", { place: you.place, score: you.score }) : "";
      show(score, !!you.place);
    }

    socket = connect(root, root.getAttribute("data-socket"), {
      open: function () {
        var token = sessionStorage.getItem(KEY);
        if (token) socket.send({ type: "rejoin", token: token });
        else if (waiting) { socket.send(waiting); say(""); }
        else say("");
        waiting = null;
      },
      lost: function () { say(text(root, "lost"), "error"); },
      gone: function () { sessionStorage.removeItem(KEY); show(question, false); },
      joined: function (m) {
        sessionStorage.setItem(KEY, m.token);
        stillIn = m.you.still_in;
        show(form, false);
        $("live-title").textContent = m.game.title + " · " + m.you.nickname;
        // Come back mid-game (a reload, a lost link): the score so far, as before the break.
        if (m.game.state !== "lobby") {
          score.textContent = text(root, "score", { score: m.you.score });
          show(score, true);
        }
        if (m.question) showQuestion(m.question, m.answered);
        else if (m.game.state === "finished") say(text(root, "watching"));
        else if (!stillIn) say(text(root, "out"));
        else say(m.game.state === "lobby" ? text(root, "waiting") : text(root, "next"));
      },
      question: function (q) { showQuestion(q, false); },
      ack: function (m) { say(m.late ? text(root, "late") : text(root, "sent")); },
      closed: function (m) {
        current = null;
        stopCountdown($("live-countdown"));
        Array.prototype.forEach.call(choices.querySelectorAll("button, input"), function (b) { b.disabled = true; });
        var you = m.you;
        if (you) {
          var line = !you.answered ? text(root, "none") : you.right ? text(root, "right", { points: you.points }) : text(root, "wrong");
          showYou(you);
          say(line + (you.still_in ? "" : " " + text(root, "out")), you.right ? "" : "error");
        }
      },
      back_in: function () { stillIn = true; say(text(root, "back")); },
      finished: function (m) {
        current = null;
        show(question, false);
        show(score, false);  // the last line says the place and score
        sessionStorage.removeItem(KEY);
        if (m.you) say(text(root, "finished", { place: m.you.place, score: m.you.score }));
        else say(text(root, "watching"));
      },
      error: function (m) {
        if (m.code === "player_not_found" || m.code === "game_finished") sessionStorage.removeItem(KEY);
        if (m.code === "player_not_found" || m.code === "game_not_found" || m.code === "game_finished") show(form, true);
        if (current && m.code !== "already_answered") {
          Array.prototype.forEach.call(choices.querySelectorAll("button, input"), function (b) { b.disabled = !stillIn; });
        }
        say(m.message, "error");
      }
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var pin = $("pin").value.replace(/\D/g, "");
      var join = { type: "join", pin: pin, nickname: $("nickname").value };
      // Tapped before the link is up (a fast tap on a slow network): sent as soon as it is.
      if (!socket.send(join)) { waiting = join; say(text(root, "connecting")); }
    });
    say(text(root, "connecting"));
  }

  // The host's projector ----------------------------------------------------------------------
  function host(root) {
    var status = $("live-status"), players = $("live-players"), board = $("live-board");
    var count = 0, state = null, socket, question = null;
    var elimination = !!root.getAttribute("data-elimination");

    function say(message, kind) {
      status.textContent = message;
      status.className = "message" + (kind ? " message-" + kind : "");
      show(status, !!message);
    }
    function addPlayer(p) {
      if ($("player-" + p.id)) return;
      var li = document.createElement("li"), b = document.createElement("button");
      li.id = "player-" + p.id;
      li.textContent = p.nickname + " ";
      b.type = "button"; b.className = "live-remove"; b.textContent = "×";
      b.setAttribute("aria-label", text(root, "remove-who", { nickname: p.nickname }));
      b.addEventListener("click", function () { socket.send({ type: "remove", player_id: p.id }); });
      li.appendChild(b);
      players.appendChild(li);
      count += 1;
      $("live-player-count").textContent = text(root, "players", { n: count });
    }
    function showQuestion(q) {
      question = q;
      show($("live-lobby"), false);
      show($("live-board-section"), false);
      $("live-question-number").textContent = text(root, "question", { n: q.number, count: q.count });
      $("live-stem").textContent = plain(q.stem);
      var list = $("live-choices");
      clear(list);
      (q.choices || []).forEach(function (c, i) {
        var li = document.createElement("li");
        li.className = "live-choice live-choice-" + (i % 4);
        li.id = "choice-" + c.id;
        li.textContent = c.text;
        list.appendChild(li);
      });
      $("live-answered").textContent = text(root, "answered", { n: 0 });
      countdown($("live-countdown"), root, q.seconds_left != null ? q.seconds_left : q.seconds);
      show($("live-close"), true);
      show($("live-rescue"), false);
      $("live-next").disabled = true;
    }
    // Elimination ranks by who is still in and right answers, not points: show what it ranks by.
    function tally(r) {
      return elimination ? text(root, "right-answers", { n: r.right_answers }) : text(root, "points", { score: r.score });
    }
    function showBoard(rows, stillIn) {
      clear(board);
      rows.forEach(function (r) {
        var li = document.createElement("li");
        li.textContent = r.place + ". " + r.nickname + " · " + tally(r) + (r.still_in ? "" : " · " + text(root, "out"));
        board.appendChild(li);
      });
      $("live-still-in").textContent = elimination ? text(root, "still-in", { n: stillIn }) : "";
      show($("live-board-section"), true);
    }
    function showReveal(reveal) {
      var right = reveal.right_choice_ids || [];
      (reveal.choice_counts || []).forEach(function (c) {
        var li = $("choice-" + c.id);
        if (!li) return;
        li.setAttribute("data-count", c.count);
        li.textContent = li.textContent.replace(/ · \d+$/, "") + " · " + c.count;
        if (right.indexOf(c.id) >= 0) li.classList.add("live-right");
      });
      stopCountdown($("live-countdown"));
      show($("live-close"), false);
      show($("live-rescue"), elimination);
      var last = question && question.number === question.count;
      $("live-next").disabled = !!last;
      $("live-next").textContent = text(root, "next");
    }
    function showPodium(podium, rows) {
      var list = $("live-podium");
      clear(list);
      podium.forEach(function (r) {
        var li = document.createElement("li");
        li.className = "live-podium-" + r.place;
        li.textContent = r.place + ". " + r.nickname + " · " + tally(r);
        list.appendChild(li);
      });
      show($("live-podium-section"), true);
      show($("live-stage"), false);
      show($("live-lobby"), false);
      showBoard(rows, rows.filter(function (r) { return r.still_in; }).length);
      Array.prototype.forEach.call(root.querySelectorAll(".live-controls button"), function (b) { b.disabled = true; });
      stopCountdown($("live-countdown"));
    }

    socket = connect(root, root.getAttribute("data-socket"), {
      open: function () { say(""); },
      lost: function () { say(text(root, "lost"), "error"); },
      gone: function () { say(text(root, "lost"), "error"); },
      state: function (m) {
        state = m.game;
        clear(players); count = 0;
        $("live-player-count").textContent = text(root, "players", { n: 0 });
        m.players.forEach(addPlayer);
        $("live-lock").textContent = state.locked ? text(root, "unlock") : text(root, "lock");
        if (state.state !== "lobby") $("live-next").textContent = text(root, "next");
        if (m.question) {
          showQuestion(m.question);
          $("live-answered").textContent = text(root, "answered", { n: m.answered || 0 });
        }
        if (m.reveal) {
          question = { number: m.reveal.index + 1, count: state.question_count };
          showReveal(m.reveal);
        }
        if (m.leaderboard) showBoard(m.leaderboard, m.leaderboard.filter(function (r) { return r.still_in; }).length);
        if (state.state === "finished") showPodium(m.leaderboard.filter(function (r) { return r.place <= 3; }), m.leaderboard);
      },
      joined: function (m) { addPlayer(m.player); },
      question: showQuestion,
      answers: function (m) { $("live-answered").textContent = text(root, "answered", { n: m.count }); },
      closed: function (m) { showReveal(m.reveal); showBoard(m.leaderboard, m.still_in); },
      rescued: function (m) { say(text(root, "rescued", { n: m.player_ids.length })); showBoard(m.leaderboard, m.still_in); },
      locked: function (m) { $("live-lock").textContent = m.locked ? text(root, "unlock") : text(root, "lock"); if (state) state.locked = m.locked; },
      removed: function (m) {
        var li = $("player-" + m.player_id);
        if (li) { li.parentNode.removeChild(li); count -= 1; $("live-player-count").textContent = text(root, "players", { n: count }); }
      },
      finished: function (m) { showPodium(m.podium, m.leaderboard); },
      error: function (m) { say(m.message, "error"); }
    });

    root.addEventListener("click", function (e) {
      var b = e.target.closest("[data-command]");
      if (!b) return;
      var m = { type: b.getAttribute("data-command") };
      if (m.type === "rescue") {
        m.rule = b.getAttribute("data-rule");
        if (m.rule === "best") m.n = parseInt($("rescue-n").value, 10) || 0;
      }
      if (m.type === "lock") m.locked = !(state && state.locked);
      if (!socket.send(m)) say(text(root, "lost"), "error");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if ($("live-phone")) phone($("live-phone"));
    if ($("live-host")) host($("live-host"));
  });
})();
