// SPOC Field service worker: makes the app shell load with no connection.
//
// - The shell (HTML, hashed JS/wasm/CSS, icons, manifest) is precached into a cache named after this
//   build's version; the build fills in both (tools/post-build.mjs).
// - A new version installs beside the old one and waits. The app offers the update and sends
//   "skip-waiting" only when the officer taps it, so nobody is reloaded in the middle of a capture.
// - Old caches are deleted only once the new version is active.
// - The API is never cached: captures live in IndexedDB, and a stale answer from the SPOC is worse than
//   none.
const SHELL_FILES = "__SHELL_FILES__";
const VERSION = "__SHELL_VERSION__";
const CACHE = `spoc-field-shell-${VERSION}`;
const CACHE_PREFIX = "spoc-field-shell-";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  // The desk's pages are a bundle of their own, for operators online at the SPOC: never from here.
  if (url.pathname === "/desk" || url.pathname.startsWith("/desk/")) return;
  if (request.mode === "navigate") {
    // Every route of the single-page app is the same shell.
    event.respondWith(fromCache("/index.html").then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(fromCache(url.pathname).then((hit) => hit || fetch(request)));
});

async function fromCache(path) {
  const cache = await caches.open(CACHE);
  return cache.match(path);
}
