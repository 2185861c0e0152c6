// Offline support, page side: registers this copy's service worker (scoped to the site's
// own folder) and, when a newer version of the guide took over, says so once. The worker
// saves pages for every visitor; Python's runtime only once a page that runs Python asks
// it to (keepPythonOffline), so a visitor who only reads never downloads the runtime.

import { siteConfig } from "./site-config.js";

const UPDATED_TEXT = "This guide was updated since your last visit. Your saved answers are " +
  "kept.";

const { marks, offlineCachePrefix } = siteConfig.contract;
const PYTHON_READY = marks.pythonReady;
// If Python never starts on this page (blocked, failed), save the offline copy anyway.
const PYTHON_WAIT_LIMIT_MS = 30000;

// On a page that runs Python, the offline copy (megabytes) waits until Python is ready, so
// it never competes with Python's own start for bandwidth or CPU.
function pythonSettled() {
  // My plan starts Python only when it has answers to summarise: wait only if it did.
  const runsPython = document.querySelector("form[data-worksheet]")
    || (document.querySelector("[data-onward-plan]")
      && performance.getEntriesByName(marks.pythonStart).length);
  if (!runsPython || performance.getEntriesByName(PYTHON_READY).length) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(PYTHON_READY).length) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: "mark" });
    setTimeout(resolve, PYTHON_WAIT_LIMIT_MS);
  });
}

function whenLoaded(action) {
  // After the page's own files, so saving the offline copy never slows the first view.
  const afterLoad = () => pythonSettled().then(action);
  if (document.readyState === "complete") afterLoad();
  else addEventListener("load", afterLoad, { once: true });
}

function askWorker(worker, op) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data || {});
    worker.postMessage({ op }, [channel.port2]);
  });
}

function showUpdated() {
  const content = document.querySelector(".md-content__inner") || document.body;
  if (content.querySelector(".onward-updated")) return;
  const note = document.createElement("p");
  note.className = "onward-updated";
  note.setAttribute("role", "status");
  note.textContent = UPDATED_TEXT;
  content.prepend(note);
}

// The worker knows when it moved to a newer version (it keeps that with the site's offline
// copy, not with the answers), and tells the first page after that, once.
async function noteUpdate() {
  const controller = navigator.serviceWorker.controller;
  if (!controller) return;
  const { updated } = await askWorker(controller, "updated");
  if (updated) showUpdated();
}

async function forget(scope) {
  // Offline turned off (or `mkdocs serve`): a worker from an earlier build must not keep
  // serving old pages, and its saved copy (named as service-worker.js names it) goes too.
  const path = new URL(scope).pathname;
  const registration = await navigator.serviceWorker.getRegistration(scope);
  if (registration && new URL(registration.scope).pathname === path) {
    await registration.unregister();
  }
  for (const name of await caches.keys()) {
    if (name.startsWith(`${offlineCachePrefix}${path}:`)) await caches.delete(name);
  }
}

let offlineOn = false; // set by startOffline: this copy saves itself for offline use
let runtimeAsked = false; // once per document: the worker keeps it for later versions

// The browser's data saver (Save-Data): nothing heavy in the background. Worksheets then
// work online; offline they work once a page with one was opened without the saver.
function savingData() {
  return Boolean(navigator.connection && navigator.connection.saveData);
}

// Called on each page that runs Python, with its start: once Python is up (or failed, so
// its files came anyway), the offline copy adds the runtime. The browser already has the
// files then, so the worker's revalidation costs a "not modified" each, not megabytes.
export function keepPythonOffline(pythonStarted) {
  if (!offlineOn || runtimeAsked || savingData()) return;
  runtimeAsked = true;
  const settled = Promise.resolve(pythonStarted).catch(() => {});
  settled
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => askWorker(registration.active, "runtime"))
    .then((answer) => {
      if (answer.error) console.warn("Onward: Python not saved for offline use:", answer.error);
    })
    .catch((error) => console.warn("Onward: Python not saved for offline use", error));
}

export function startOffline(siteRoot, { enabled }) {
  if (!("serviceWorker" in navigator) || !globalThis.isSecureContext) return;
  offlineOn = enabled;
  const scope = siteRoot.href;
  whenLoaded(() => {
    if (!enabled) {
      forget(scope).catch((error) => console.warn("Onward: offline copy not removed", error));
      return;
    }
    navigator.serviceWorker.register(new URL("service-worker.js", siteRoot), { scope })
      .catch((error) => console.warn("Onward: the guide cannot be saved for offline use", error));
    noteUpdate().catch((error) => console.warn("Onward: update check failed", error));
  });
}
