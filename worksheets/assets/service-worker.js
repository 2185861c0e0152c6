// Offline copy of the guide. Saves every page and asset listed in offline-manifest.json
// (written by the build, with a content hash for each file), answers from that copy first,
// and moves to a newer version only when the next page is opened while no other tab of
// this copy is open. A page never mixes two versions' files.
//
// Python's runtime (the list's `runtime` group, about 3.8 MB) is saved only once a page
// that runs Python asks for it ("runtime" below): a visitor who only reads never
// downloads it. From then on each new version is saved with it. Under the browser's
// data saver (navigator.connection.saveData) nothing of it is downloaded in the
// background: worksheets then work online only, unless unchanged files can be copied.
//
// The version in use is a record in a small "state" cache, not this script: a new build
// changes the manifest, not the worker, so switching needs no worker hand-over.

const SCOPE = self.registration.scope;
// A classic worker cannot import site-config.js: the build writes contract.py's prefix here.
const CACHE_PREFIX = /* the build puts the offline cache prefix here */ null;
// The scope in every name keeps two copies on one origin apart.
const PREFIX = `${CACHE_PREFIX}${new URL(SCOPE).pathname}:`;
const STATE_CACHE = `${PREFIX}state`;
const MANIFEST = new URL("offline-manifest.json", SCOPE).href;
// Written last into a version's cache: a cache that has it is complete.
const COMPLETE = new URL("__onward-offline-complete__", SCOPE).href;
// The same for the runtime group, which a version's cache holds only once asked for.
const RUNTIME_COMPLETE = new URL("__onward-offline-runtime-complete__", SCOPE).href;
// The version's list, kept with it: the runtime can be added to a version saved earlier.
const SAVED_MANIFEST = new URL("__onward-offline-manifest__", SCOPE).href;
const PARALLEL_DOWNLOADS = 4;
const TYPES = { ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript" };

const absolute = (url) => new URL(url, SCOPE).href;
const versionCache = (version) => `${PREFIX}v:${version}`;

// --- state: which version is in use, which one is ready next, and whether to say so ---

let state = null; // read once per worker start, then kept in step with the cache

async function readState() {
  if (state) return state;
  const response = await (await caches.open(STATE_CACHE)).match(absolute("__state__"));
  state = response ? await response.json()
    : { current: null, next: null, updated: false, runtime: false };
  return state;
}

async function writeState(changes) {
  state = { ...(await readState()), ...changes };
  await (await caches.open(STATE_CACHE)).put(absolute("__state__"),
    new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } }));
  return state;
}

// --- saving a version ---

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Files whose content did not change are copied from a version already saved, so an
// update downloads only what changed (the 12 MB runtime usually did not).
async function savedCopies() {
  const bySha = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}v:`)) continue;
    const cache = await caches.open(name);
    for (const marker of [COMPLETE, RUNTIME_COMPLETE]) {
      const complete = await cache.match(marker);
      if (!complete) continue;
      for (const [url, sha] of await complete.json()) bySha.set(sha, { cache, url: absolute(url) });
    }
  }
  return bySha;
}

function json(data) {
  return new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json" } });
}

// The browser's data saver: no megabytes in the background.
function savingData() {
  return Boolean(self.navigator.connection && self.navigator.connection.saveData);
}

function typed(url, body, contentType) {
  const suffix = Object.keys(TYPES).find((ending) => new URL(url).pathname.endsWith(ending));
  // A server that sends .wasm with the wrong type would stop Python's fast start offline.
  const type = suffix ? TYPES[suffix] : contentType || "application/octet-stream";
  return new Response(body, { status: 200, headers: { "Content-Type": type } });
}

async function fetchFile(url, cacheMode) {
  const response = await fetch(url, { cache: cacheMode, credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const sha = hex(await crypto.subtle.digest("SHA-256", body));
  return { body, sha, type: response.headers.get("Content-Type") };
}

async function download(url, sha) {
  // Revalidating costs only a "not modified" for a file the browser already has.
  let file = await fetchFile(url, "no-cache");
  // A validator that cannot tell two uploads apart (a Last-Modified to the second, an
  // mtime-and-size ETag) answers "not modified" for a changed file: ask for the file itself.
  if (file.sha !== sha) file = await fetchFile(url, "reload");
  if (file.sha !== sha) {
    // Half-uploaded site, or a server that rewrites files: keep what is saved rather than
    // store a mixture. The site still works online; the next page load tries again.
    throw new Error(`${url} is not the file this version lists (sha256 ${file.sha}, ` +
      `expected ${sha}); the site may be in the middle of an upload`);
  }
  return typed(url, file.body, file.type);
}

// One group of files into a version's cache, then its marker. `mayDownload` false: only
// copies of files already saved; nothing is saved if any file would need a download.
async function saveGroup(cache, files, marker, mayDownload = true) {
  const copies = await savedCopies();
  if (!mayDownload && files.some(([, sha]) => !copies.has(sha))) return false;
  const queue = [...files];
  async function next() {
    while (queue.length) {
      const [url, sha] = queue.shift();
      const key = absolute(url);
      if (await cache.match(key)) continue; // an earlier, interrupted attempt got it
      const copy = copies.get(sha);
      const response = copy ? await copy.cache.match(copy.url) : null;
      await cache.put(key, response || await download(key, sha));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, next));
  await cache.put(marker, json(files));
  return true;
}

async function save(manifest) {
  const cache = await caches.open(versionCache(manifest.version));
  await cache.put(SAVED_MANIFEST, json(manifest));
  await saveGroup(cache, manifest.files, COMPLETE);
  // A visitor who uses worksheets keeps them offline across versions: unchanged runtime
  // files are copied; changed ones downloaded, except under the data saver.
  if ((await readState()).runtime) await saveRuntime(manifest.version);
}

// Adds the runtime group to a saved version (a no-op when it has it, or has no list).
async function saveRuntime(version) {
  if (!version) return false;
  const cache = await caches.open(versionCache(version));
  if (await cache.match(RUNTIME_COMPLETE)) return true;
  const saved = await cache.match(SAVED_MANIFEST);
  if (!saved) return false; // saved by an earlier worker, which kept the runtime with it
  const { runtime = [] } = await saved.json();
  return saveGroup(cache, runtime, RUNTIME_COMPLETE, !savingData());
}

let keeping = null; // the runtime being saved for the versions kept, if it is

// A page that runs Python asks for it once Python is ready there: from now on this
// visitor's offline copy holds the runtime, for the version in use and the one next.
function keepRuntime() {
  keeping = keeping || (async () => {
    await writeState({ runtime: true });
    const { current, next } = await readState();
    const saved = await saveRuntime(current);
    await saveRuntime(next);
    return { saved };
  })().finally(() => { keeping = null; });
  return keeping;
}

// Offline use switched off by the host: remove every saved file and this worker.
async function retire() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX)) await caches.delete(name);
  }
  state = null;
  await self.registration.unregister();
}

let saving = null; // the version being saved by this worker, if any

async function checkForUpdate() {
  const response = await fetch(MANIFEST, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${MANIFEST} answered HTTP ${response.status}`);
  const manifest = await response.json();
  if (manifest.retired) return retire();
  const { current, next } = await readState();
  if (manifest.version === current || manifest.version === next || manifest.version === saving) {
    return null;
  }
  saving = manifest.version;
  try {
    await save(manifest);
    await writeState(current ? { next: manifest.version } : { current: manifest.version });
  } finally {
    saving = null;
  }
  return cleanUp();
}

// Only the version in use and the one ready next are kept.
async function cleanUp() {
  const { current, next } = await readState();
  const keep = new Set([STATE_CACHE, versionCache(current), versionCache(next)]);
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
  }
}

function logged(promise) {
  return promise.catch((error) => {
    console.error("Onward: the guide could not be saved for offline use:", error.message);
  });
}

self.addEventListener("install", (event) => {
  // The first version is saved before the worker takes charge. A newer worker script takes
  // over at once: the saved versions and their state are the same for it.
  event.waitUntil((async () => {
    if (!(await readState()).current) await checkForUpdate();
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

// --- answering ---

// A page being opened while a newer version is ready, and no other tab of this copy is
// open, is the moment to move to it: nothing on screen is running on the old files.
async function versionFor(request) {
  const { current, next } = await readState();
  if (request.mode !== "navigate" || !next) return current;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  if (windows.filter((client) => client.url.startsWith(SCOPE)).length > 1) return current;
  await writeState({ current: next, next: null, updated: true });
  await caches.delete(versionCache(current));
  return next;
}

function cacheKey(url) {
  const clean = new URL(url);
  clean.search = "";
  clean.hash = "";
  if (clean.pathname.endsWith("/index.html")) clean.pathname = clean.pathname.slice(0, -10);
  return clean.href;
}

async function respond(event, request) {
  const version = await versionFor(request);
  // Each page opened checks, in the background, whether the site has a newer version.
  if (request.mode === "navigate") event.waitUntil(logged(checkForUpdate()));
  const cache = version ? await caches.open(versionCache(version)) : null;
  const cached = cache ? await cache.match(cacheKey(request.url)) : null;
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    const missing = cache && request.mode === "navigate"
      ? await cache.match(absolute("404.html")) : null;
    if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  // Only this copy's own files (another copy on the origin has its own worker), and never
  // the manifest, which must come from the server to tell of a new version.
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.url.split(/[?#]/)[0] === MANIFEST) return;
  event.respondWith(respond(event, request));
});

// --- what pages may ask ---

const QUESTIONS = {
  // Whether the guide changed since this browser last showed it: true once per update.
  async updated() {
    const { updated } = await readState();
    if (updated) await writeState({ updated: false });
    return { updated };
  },
  async status() {
    const { current, next, runtime } = await readState();
    const cache = current ? await caches.open(versionCache(current)) : null;
    const runtimeSaved = Boolean(cache && await cache.match(RUNTIME_COMPLETE));
    return { current, next, runtime, runtimeSaved };
  },
  // Save Python's runtime with the offline copy (see keepRuntime).
  async runtime() {
    return keepRuntime();
  },
};

self.addEventListener("message", (event) => {
  const ask = QUESTIONS[event.data && event.data.op];
  if (ask && event.ports[0]) {
    // A failure is answered too, so the page never waits on a reply that cannot come.
    event.waitUntil(ask().catch((error) => ({ error: String(error && error.message || error) }))
      .then((answer) => event.ports[0].postMessage(answer)));
  }
});
