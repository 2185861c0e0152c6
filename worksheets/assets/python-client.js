// Python client: one Web Worker running Pyodide, started on the first page that needs it,
// right after that page is painted, and kept for the whole visit (Material's instant
// navigation never reloads this module).

import { siteConfig as site } from "./site-config.js";

const MARKS = site.contract.marks;

let worker = null;
let ready = null;
let isReady = false;
let nextId = 1;
const pending = new Map();

function settleAll(error) {
  for (const { reject } of pending.values()) reject(error);
  pending.clear();
}

function onMessage(resolveReady, rejectReady, { data }) {
  if (data.op === "ready") {
    performance.mark(MARKS.pythonReady);
    isReady = true;
    resolveReady(data.python);
  } else if (data.op === "failed") {
    const error = new Error(data.error);
    rejectReady(error);
    settleAll(error);
  } else if (pending.has(data.id)) {
    const { resolve, reject } = pending.get(data.id);
    pending.delete(data.id);
    if (data.ok) resolve(data.result);
    else reject(new Error(data.error));
  }
}

// The page shows first: the worker is created in the next frame the page paints, from
// requestAnimationFrame, which runs just before that paint. Creating it takes the main
// thread about a millisecond, and that frame is already laid out; a task queued after
// the paint would instead wait behind the page's own scripts (Material's bundle). A
// hidden tab paints nothing: at once.
function atNextPaint(action) {
  if (document.visibilityState === "hidden") setTimeout(action, 0);
  else requestAnimationFrame(action);
}

function listen(resolve, reject, onError) {
  worker.addEventListener("message", (event) => onMessage(resolve, reject, event));
  worker.addEventListener("error", onError);
}

function failed(reject, event) {
  const error = new Error(event.message || "the Python worker could not start");
  reject(error);
  settleAll(error);
}

function launch(siteConfig, resolve, reject) {
  performance.mark(MARKS.pythonStart); // what bench/ measures start-up from
  worker = new Worker(new URL("./python-worker.js", import.meta.url),
    { type: "module", name: "onward-python" });
  listen(resolve, reject, (event) => failed(reject, event));
  worker.postMessage(siteConfig.workerInit); // the worker's `init` message, made by the build
}

// The worker python-boot.js starts at first paint, if the page has it: take it over, with
// what it said meanwhile. If it fails before Python is up (a browser or policy that
// refuses workers made from a blob), start one from its file instead.
function adopt(adopted, held, siteConfig, resolve, reject) {
  worker = adopted;
  adopted.onmessage = null;
  adopted.onerror = null;
  const onError = (event) => {
    if (worker !== adopted) return;
    if (isReady) {
      failed(reject, event);
      return;
    }
    adopted.terminate();
    begin(siteConfig, resolve, reject);
  };
  listen(resolve, reject, onError);
  for (const event of held.splice(0)) {
    if (event.type === "error") onError(event);
    else onMessage(resolve, reject, event);
  }
}

function begin(siteConfig, resolve, reject) {
  try {
    launch(siteConfig, resolve, reject);
  } catch (error) {
    reject(error); // a browser or policy that refuses module workers
  }
}

// Callers may ask for Python at once: `ready` exists from the first call, and requests
// wait on it while the worker has not been created yet.
export function startPython(siteConfig) {
  if (ready) return ready;
  const boot = self.onwardPython;
  ready = new Promise((resolve, reject) => {
    if (!boot) {
      atNextPaint(() => begin(siteConfig, resolve, reject));
      return;
    }
    boot.worker.then((booted) => {
      if (booted) adopt(booted, boot.held, siteConfig, resolve, reject);
      else begin(siteConfig, resolve, reject);
    });
  });
  // A failed start is reported by each caller; keep it from being an unhandled rejection.
  ready.catch(() => {});
  return ready;
}

export function pythonReady() {
  return isReady;
}

export async function callPython(op, payload) {
  if (!ready) throw new Error("Python was not started on this page");
  await ready;
  const id = nextId;
  nextId += 1;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ op, id, payload });
  });
}
