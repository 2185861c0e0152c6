// Python worker: loads the self-hosted Pyodide and the worksheets package, then answers
// requests. Runs off the main thread, so starting Python never blocks the page.

// Marks in this worker's timeline (read by bench/ through the "timings" request): worker
// running, WebAssembly instantiated (Python initialises next), Python up, worksheets
// package imported. Their names come with the `init` message (contract.py's MARKS); the
// first is noted now and marked, at this time, when they arrive.
const workerStart = performance.now();

let runner = null;
// My plan's module (worksheets/compute/plan_request.py), imported when My plan first asks.
let planRequest = null;
let importPython = null;
let startup = null;

async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the worksheets package answered HTTP ${response.status}`);
  return response.arrayBuffer();
}

// Pyodide asks for its WebAssembly and standard library only once pyodide.mjs has loaded
// and run. Asking at once, beside it, saves that wait (a round trip or two on a slow
// link); Pyodide's own requests for those URLs then get these responses, each once.
function fetchEarly(urls) {
  const original = self.fetch;
  // Started by python-boot.js's stub when it made this worker: taken over, not asked twice.
  const started = self.onwardEarly || new Map();
  const early = new Map(urls.map((url) => [url,
    started.get(url) || original(url, { credentials: "same-origin" })]));
  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input, self.location.href).href;
    const response = early.get(url);
    if (!response) return original(input, init);
    early.delete(url);
    return response;
  };
  return function restore() {
    self.fetch = original;
    for (const [url, response] of early) {
      console.warn(`Onward: Pyodide did not ask for ${url}; the early download was wasted`);
      response.then((unused) => unused.body && unused.body.cancel()).catch(() => {});
    }
  };
}

// The site's runtime (worksheets/builder/runtime.py): a precompiled, trimmed standard library
// at `stdlibPath`, and the lock file's `info` instead of the lock file, with no packages:
// Pyodide then has nothing it could fetch from anywhere but this folder. The paths are
// relative to assets/onward/, this file's folder.
async function start({ pyodidePath, stdlibPath, packagePath, lockInfo, marks }) {
  performance.mark(marks.workerStart, { startTime: workerStart });
  const here = (path) => new URL(path, import.meta.url).href;
  const [pyodideUrl, stdlibUrl, packageUrl] = [pyodidePath, stdlibPath, packagePath].map(here);
  // The package is needed only once Python is up: it downloads while Python initialises
  // (a third of a second or more), leaving the link to what Python needs first. On a slow
  // link that brings Python up sooner by the package's own download time.
  let packageZip = null;
  const fetchPackage = () => {
    packageZip = download(packageUrl);
    packageZip.catch(() => {}); // reported below, once Pyodide is up
  };
  const restoreFetch = fetchEarly([`${pyodideUrl}pyodide.asm.wasm`, stdlibUrl]);
  import(`${pyodideUrl}pyodide.asm.mjs`).catch(() => {}); // the same module Pyodide imports
  let pyodide;
  try {
    const { loadPyodide } = await import(`${pyodideUrl}pyodide.mjs`);
    pyodide = await loadPyodide({
      indexURL: pyodideUrl,
      stdLibURL: stdlibUrl,
      lockFileContents: { info: lockInfo, packages: {} },
      packages: [],
      fsInit: () => {
        performance.mark(marks.pythonInit);
        fetchPackage();
      },
    });
  } finally {
    restoreFetch();
  }
  performance.mark(marks.pyodideLoaded);
  // Where compile_runtime.mjs compiled the package's bytecode for: keep the two the same.
  const target = "/home/pyodide/onward";
  if (!packageZip) fetchPackage(); // a Pyodide that skipped fsInit
  pyodide.unpackArchive(await packageZip, "zip", { extractDir: target });
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(target)})`);
  runner = pyodide.pyimport("worksheets.compute.runner");
  importPython = (name) => pyodide.pyimport(name);
  performance.mark(marks.runnerImported);
  return pyodide.runPython("import sys; sys.version.split()[0]");
}

// This worker's marks and downloads, in milliseconds since the epoch (the page converts
// them to its own clock): how bench/ shows where start-up time goes.
function workerTimings() {
  const origin = performance.timeOrigin;
  return performance.getEntries()
    .filter((entry) => entry.entryType === "mark" || entry.entryType === "resource")
    .map((entry) => ({ type: entry.entryType, name: entry.name,
      start: origin + entry.startTime, end: origin + entry.startTime + entry.duration }));
}

function handle({ op, payload }) {
  if (op === "compute") return JSON.parse(runner.run_json(JSON.stringify(payload)));
  if (op === "plan") {
    planRequest ??= importPython("worksheets.compute.plan_request");
    return JSON.parse(planRequest.plan_json(JSON.stringify(payload)));
  }
  if (op === "ping") return { pong: payload };
  if (op === "timings") return workerTimings();
  throw new Error(`unknown request ${op}`);
}

// Pyodide 314 logs a failed wasm download or compile and then waits forever instead of
// rejecting. Watching WebAssembly's own promises in this worker turns that into a failed
// start the page can explain. Only this worker's global scope is touched.
function startupFailure() {
  return new Promise((_, reject) => {
    for (const name of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
      const original = WebAssembly[name];
      if (typeof original !== "function") continue;
      WebAssembly[name] = (...args) => original.apply(WebAssembly, args).catch((error) => {
        reject(new Error(`Python's runtime could not be loaded (${error.message})`));
        throw error;
      });
    }
  });
}

async function onMessage({ data }) {
  if (data.op === "init") {
    startup = Promise.race([start(data), startupFailure()]);
    try {
      self.postMessage({ op: "ready", python: await startup });
    } catch (error) {
      self.postMessage({ op: "failed", error: String(error && error.message || error) });
    }
    return;
  }
  try {
    await startup;
    self.postMessage({ id: data.id, ok: true, result: handle(data) });
  } catch (error) {
    self.postMessage({ id: data.id, ok: false, error: String(error && error.message || error) });
  }
}

self.addEventListener("message", onMessage);
// Made by python-boot.js, this module arrived after the page's first messages: answer them.
if (self.onwardHeld) {
  self.removeEventListener("message", self.onwardHeld.hold);
  for (const event of self.onwardHeld.held.splice(0)) onMessage(event);
}
