/* Học Bình Đẳng: modules saved for reading without a connection. The server lists a module's
   files (courses/offline.py); this keeps them in the saved cache the service worker reads from,
   with a record per module on the phone (size, files) that sign-out clears. Words come from the
   page's data attributes, translated there. */
(function () {
  "use strict";
  var status = document.getElementById("offline-status");
  if (!status || !window.caches || !("serviceWorker" in navigator)) return;
  var CACHE = status.getAttribute("data-saved-cache");
  var RECORDS = "hbd-saved";
  var PAGE_BYTES = 30000;  // a lesson page, before it is fetched

  function records() {
    try { return JSON.parse(localStorage.getItem(RECORDS) || "{}"); } catch (e) { return {}; }
  }
  function keep(all) {
    try { localStorage.setItem(RECORDS, JSON.stringify(all)); } catch (e) { /* storage off */ }
  }
  function sizeText(bytes) {
    var lang = document.documentElement.lang;
    if (bytes < 1048576) return Math.max(1, Math.round(bytes / 1024)).toLocaleString(lang) + " KB";
    return (bytes / 1048576).toLocaleString(lang, { maximumFractionDigits: 1 }) + " MB";
  }
  function say(node, text) { if (node) node.textContent = text; }

  // The width the browser will take from the lesson image's srcset: the page is at most 60rem.
  function pick(candidates) {
    var need = Math.min(window.innerWidth, 960) * (window.devicePixelRatio || 1);
    var sorted = candidates.slice().sort(function (a, b) { return a.width - b.width; });
    return sorted.find(function (c) { return c.width >= need; }) || sorted[sorted.length - 1];
  }

  // Resolves to the module's record; rejects "budget" when it would pass the budget written on
  // `from` (the button's box) and nobody agreed, or no one could be asked (`ask` false).
  function save(filesUrl, from, ask) {
    return fetch(filesUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("list");
      return response.json();
    }).then(function (files) {
      var wanted = files.pages.map(function (url) { return { url: url, bytes: PAGE_BYTES }; })
        .concat(files.images.map(pick), files.documents);
      var all = records();
      var used = Object.keys(all).reduce(function (sum, id) {
        return sum + (String(id) === String(files.module.id) ? 0 : all[id].size);
      }, 0);
      var estimate = wanted.reduce(function (sum, f) { return sum + (f.bytes || 0); }, 0);
      var budget = parseInt(from.getAttribute("data-budget"), 10);
      if (used + estimate > budget && !(ask && window.confirm(from.getAttribute("data-too-big")))) {
        throw new Error("budget");
      }
      return caches.open(CACHE).then(function (cache) {
        return Promise.all(wanted.map(function (file) {
          // `Purpose: prefetch`: saving a lesson is not reading it (courses/pages.py).
          return fetch(file.url, { credentials: "same-origin", headers: { Purpose: "prefetch" } }).then(function (response) {
            if (!response.ok || response.redirected) throw new Error("file");
            return response.clone().blob().then(function (blob) {
              return cache.put(file.url, response).then(function () { return blob.size; });
            });
          });
        }));
      }).then(function (sizes) {
        var record = {
          id: files.module.id, title: files.module.title, url: files.module.url,
          size: sizes.reduce(function (a, b) { return a + b; }, 0),
          urls: wanted.map(function (f) { return f.url; }), at: Date.now()
        };
        all = records();
        all[record.id] = record;
        keep(all);
        return record;
      });
    });
  }

  function remove(id) {
    var all = records();
    var gone = all[id];
    delete all[id];
    keep(all);
    if (!gone) return Promise.resolve();
    var still = {};
    Object.keys(all).forEach(function (other) { all[other].urls.forEach(function (u) { still[u] = true; }); });
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(gone.urls.filter(function (u) { return !still[u]; }).map(function (u) { return cache.delete(u); }));
    });
  }

  // The module page: the save button and what it says.
  var box = document.querySelector("[data-offline-module]");
  if (box) {
    var said = box.querySelector("[data-save-status]");
    var mine = records()[box.getAttribute("data-module-id")];
    box.hidden = false;
    if (mine) say(said, box.getAttribute("data-saved").replace("{size}", sizeText(mine.size)));
    box.querySelector("[data-save-module]").addEventListener("click", function (event) {
      var button = event.currentTarget;
      button.disabled = true;
      say(said, box.getAttribute("data-saving"));
      save(box.getAttribute("data-files-url"), box, true).then(function (record) {
        say(said, box.getAttribute("data-saved").replace("{size}", sizeText(record.size)));
      }, function (error) {
        say(said, error.message === "budget" ? "" : box.getAttribute("data-failed"));
      }).then(function () { button.disabled = false; });
    });
  }

  // The pupil's home and the offline page: what is saved, with its size and a remove button.
  var list = document.querySelector("[data-saved-modules]");
  function render() {
    if (!list) return;
    var all = records();
    var ul = list.querySelector("[data-saved-list]");
    var item = list.querySelector("template[data-saved-item]");
    ul.textContent = "";
    Object.keys(all).forEach(function (id) {
      var record = all[id];
      var li = item.content.firstElementChild.cloneNode(true);
      var link = li.querySelector("[data-link]");
      link.href = record.url;
      link.textContent = record.title;
      say(li.querySelector("[data-size]"), sizeText(record.size));
      var button = li.querySelector("[data-remove]");
      button.setAttribute("aria-label", list.getAttribute("data-remove-label").replace("{title}", record.title));
      button.addEventListener("click", function () {
        remove(id).then(function () {
          render();
          say(list.querySelector("[data-saved-status]"), list.getAttribute("data-removed").replace("{title}", record.title));
        });
      });
      ul.appendChild(li);
    });
    list.querySelector("[data-saved-empty]").hidden = Object.keys(all).length > 0;
    list.hidden = false;
  }
  render();

  // Work the pupil's class was given: saved by itself on Wi-Fi, offered with a button otherwise
  // (a mobile link is paid for by the megabyte; never spent without asking).
  var connection = navigator.connection;
  var unmetered = !!connection && (connection.type === "wifi" || connection.type === "ethernet") && !connection.saveData;
  document.querySelectorAll("[data-assigned-module]").forEach(function (node) {
    if (records()[node.getAttribute("data-module-id")]) return;
    var url = node.getAttribute("data-assigned-module");
    var offer = list && list.querySelector("template[data-offer]");
    if (!offer) return;
    if (unmetered && navigator.onLine) { save(url, list, false).then(render, function () {}); return; }
    var button = offer.content.firstElementChild.cloneNode(true);
    button.addEventListener("click", function () {
      button.disabled = true;
      save(url, list, true).then(function () { button.remove(); render(); }, function () { button.disabled = false; });
    });
    node.appendChild(document.createTextNode(" "));
    node.appendChild(button);
  });

  // The help page for the pupil's ward (trusted addresses near home), kept by the worker.
  var help = Array.prototype.map.call(document.querySelectorAll("[data-keep-help]"), function (node) {
    return node.getAttribute("data-keep-help");
  });
  if (help.length) {
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ type: "keep-help", urls: help });
    });
  }
})();
