// Offline copy of the guide: precaches every page, asset and the Python runtime listed in
// OFFLINE (prepended at build time, with a content hash per file), answers from that cache
// first, and moves to a new version of the site only when the next page is opened.
/* global OFFLINE */

const SCOPE = self.registration.scope;
// One cache per version of this copy; the scope in the name keeps two copies on one origin
// apart, so neither ever deletes or serves the other's files.
const PREFIX = `onward-offline:${new URL(SCOPE).pathname}:`;
const CACHE = `${PREFIX}${OFFLINE.version}`;
// Written last during install: a cache that has it is complete.
const COMPLETE = new URL("__onward-offline-complete__", SCOPE).href;
// Set when this version replaced an older one; the next page says so once, then clears it.
const UPDATED = new URL("__onward-offline-updated__", SCOPE).href;
const PARALLEL_DOWNLOADS = 4;
const TYPES = { ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript" };

const absolute = (url) => new URL(url, SCOPE).href;

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Files whose content did not change are copied from the version being replaced, so an
// update downloads only what changed (the 12 MB runtime usually did not).
async function previousCopies() {
  const bySha = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const complete = await cache.match(COMPLETE);
    if (!complete) continue;
    for (const [url, sha] of await complete.json()) bySha.set(sha, { cache, url: absolute(url) });
  }
  return bySha;
}

function typed(url, body, contentType) {
  const suffix = Object.keys(TYPES).find((ending) => new URL(url).pathname.endsWith(ending));
  // A server that sends .wasm with the wrong type would stop Python's fast start offline.
  const type = suffix ? TYPES[suffix] : contentType || "application/octet-stream";
  return new Response(body, { status: 200, headers: { "Content-Type": type } });
}

async function download(url, sha) {
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const actual = hex(await crypto.subtle.digest("SHA-256", body));
  if (actual !== sha) {
    // Half-uploaded site or a server that rewrites files: keep the old version rather
    // than store a mixture. The site still works online; the next visit tries again.
    throw new Error(`${url} is not the file this version lists (sha256 ${actual}, ` +
      `expected ${sha}); the site may be in the middle of an upload`);
  }
  return typed(url, body, response.headers.get("Content-Type"));
}

async function precache() {
  const cache = await caches.open(CACHE);
  const previous = await previousCopies();
  const queue = [...OFFLINE.files];
  async function next() {
    while (queue.length) {
      const [url, sha] = queue.shift();
      const key = absolute(url);
      if (await cache.match(key)) continue; // an earlier, interrupted install got it
      const old = previous.get(sha);
      const response = old ? await old.cache.match(old.url) : null;
      await cache.put(key, response || await download(key, sha));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, next));
  await cache.put(COMPLETE, new Response(JSON.stringify(OFFLINE.files),
    { headers: { "Content-Type": "application/json" } }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().catch((error) => {
    console.error("Onward: this version could not be saved for offline use:", error.message);
    throw error;
  }));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    let replaced = false;
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) replaced = await caches.delete(name);
    }
    if (replaced) await (await caches.open(CACHE)).put(UPDATED, new Response("1"));
    await self.clients.claim();
  })());
});

// Whether the guide was updated since the visitor's last page: true once per update.
async function takeUpdatedFlag() {
  const cache = await caches.open(CACHE);
  return cache.delete(UPDATED);
}

self.addEventListener("message", (event) => {
  const { op } = event.data || {};
  if (op === "activate") self.skipWaiting();
  if (op === "updated" && event.ports[0]) {
    event.waitUntil(takeUpdatedFlag().then((updated) => event.ports[0].postMessage({ updated })));
  }
});

// A new version waits until a page is opened while no other tab of this copy is open; then
// it takes over before that page is served, so no page ever mixes two versions.
function swapOnNavigation() {
  const waiting = self.registration.waiting;
  if (!waiting) return null;
  return self.clients.matchAll({ type: "window" }).then((windows) => {
    if (windows.length > 1) return null;
    // It cannot finish taking over while this request is open (the browser waits for the
    // old version's requests first), so don't wait here: ask the browser to load the
    // same address again, which the new version then answers.
    waiting.postMessage({ op: "activate" });
    return new Response("", { status: 200,
      headers: { Refresh: "0", "Content-Type": "text/html", "Cache-Control": "no-store" } });
  });
}

function cacheKey(url) {
  const clean = new URL(url);
  clean.search = "";
  clean.hash = "";
  if (clean.pathname.endsWith("/index.html")) clean.pathname = clean.pathname.slice(0, -10);
  return clean.href;
}

async function respond(request) {
  if (request.mode === "navigate") {
    const swapped = await swapOnNavigation();
    if (swapped) return swapped;
  }
  const cache = await caches.open(CACHE);
  const cached = await cache.match(cacheKey(request.url));
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    const missing = request.mode === "navigate" ? await cache.match(absolute("404.html")) : null;
    if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Only this copy's own files: another copy on the same origin has its own worker.
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(respond(request));
});
