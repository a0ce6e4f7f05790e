/* Học Bình Đẳng service worker (cms/offline.py). Only GET requests of the public site pass here:
   the back office, the teacher, judge and reach spaces, the API, sign-in and the pupil's own pages
   go straight to the network, and nothing of theirs is ever kept. */
"use strict";
var CONFIG = {{ config|safe }};
var SHELL = "hbd-shell-" + CONFIG.version;
// Matches ignore Vary: pages vary on Cookie, which a worker's requests never show.

function isPrivate(path) {
  path = path.replace(/^\/en(?=\/)/, "");
  return CONFIG.private.some(function (prefix) { return path.indexOf(prefix) === 0; });
}

// The shell is fetched without cookies: help and offline pages as anyone sees them, no name in.
function keepPublic(cache, url) {
  return fetch(url, { credentials: "omit" }).then(function (response) {
    if (response.ok && !response.redirected) return cache.put(url, response);
  }).catch(function () {});
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return Promise.all(CONFIG.shell.map(function (url) { return keepPublic(cache, url); }));
  }).then(function () { return self.skipWaiting(); }));
  if (event.addRoutes) {  // where the browser can, private addresses never even start the worker
    event.waitUntil(event.addRoutes(CONFIG.private.map(function (prefix) {
      return { condition: { urlPattern: new URLPattern({ pathname: prefix + "*" }) }, source: "network" };
    })).catch(function () {}));
  }
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("hbd-") === 0 && name !== SHELL && name !== CONFIG.saved;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// Pages: a saved one at once, then refreshed from the network for the next visit
// (stale-while-revalidate); any other from the network, with the offline page when there is none.
function page(event) {
  var request = event.request;
  var path = new URL(request.url).pathname;
  // (Matched through caches.match: opening the saved cache would make it again after sign-out.)
  return caches.match(request, { cacheName: CONFIG.saved, ignoreVary: true }).then(function (hit) {
    var fresh = fetch(request).then(function (response) {
      if (!hit || !response.ok || response.type !== "basic") return response;
      return caches.open(CONFIG.saved).then(function (saved) { return saved.put(request, response.clone()); })
        .then(function () { return response; });
    });
    if (hit) { event.waitUntil(fresh.catch(function () {})); return hit; }
    if (CONFIG.help.indexOf(path) !== -1) {
      event.waitUntil(caches.open(SHELL).then(function (shell) { return keepPublic(shell, request.url); }));
    }
    return fresh.catch(function () { return fallback(request, path); });
  });
}

function fallback(request, path) {
  return caches.open(SHELL).then(function (shell) {
    return shell.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || shell.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (same) {
        if (same && CONFIG.help.indexOf(path) !== -1) return same;
        return shell.match(/^\/en\//.test(path) ? CONFIG.offline.en : CONFIG.offline.vi);
      });
    });
  });
}

// Files: what is kept first; a lesson image at another width than the saved one will do offline.
var RENDITION = /^(\/media\/images\/.+\.width-)\d+(\.\w+)$/;
function file(request) {
  return caches.match(request, { ignoreVary: true }).then(function (hit) {
    return hit || fetch(request).catch(function (error) {
      var parts = new URL(request.url).pathname.match(RENDITION);
      if (!parts) throw error;
      return caches.has(CONFIG.saved).then(function (kept) {
        return kept ? caches.open(CONFIG.saved).then(function (saved) { return saved.keys(); }) : [];
      }).then(function (keys) {
        var other = keys.find(function (key) {
          var found = new URL(key.url).pathname.match(RENDITION);
          return found && found[1] === parts[1] && found[2] === parts[2];
        });
        if (!other) throw error;
        return caches.match(other, { ignoreVary: true });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || isPrivate(url.pathname)) return;
  if (request.mode === "navigate") { event.respondWith(page(event)); return; }
  if (/^\/(static|media|documents)\//.test(url.pathname)) event.respondWith(file(request));
});

// The pupil's ward on the help page, asked for by the page: kept like the other help pages.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep-help" || !Array.isArray(data.urls)) return;
  var urls = data.urls.filter(function (url) { return CONFIG.help.indexOf(new URL(url, self.location).pathname) !== -1; });
  event.waitUntil(caches.open(SHELL).then(function (shell) {
    return Promise.all(urls.map(function (url) { return keepPublic(shell, url); }));
  }));
});
