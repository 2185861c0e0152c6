// Python boot: inlined by the build into the <head> of each page with a worksheet (it is
// not served as a file). It starts the Python worker the moment the page has first been
// painted, before any of the page's own scripts arrive: on a slow link those come only
// after the stylesheets, and a worker script is one more round trip before the runtime's
// 3.8 MB can start. Here the worker is a small module made from a blob, so its first act
// is to ask for the WebAssembly and the standard library, while python-worker.js (which
// it then imports) is still on its way. python-client.js adopts the worker; if this
// script never ran, or the browser refused the blob, the client starts its own.
(() => {
  const boot = /* the build puts the runtime's addresses here */ null;
  if (!boot || self.onwardPython) return;
  const assets = new URL(boot.assets, document.baseURI);
  const url = (path) => new URL(path, assets).href;

  // Runs inside the worker, from the blob: `early` downloads start at once, and messages
  // that arrive before python-worker.js is running wait for it in `held`.
  function stub(early, workerUrl) {
    self.onwardEarly = new Map(early.map((address) =>
      [address, fetch(address, { credentials: "same-origin" })]));
    const held = [];
    const hold = (event) => held.push(event);
    self.addEventListener("message", hold);
    self.onwardHeld = { held, hold };
    import(workerUrl).catch((error) => {
      self.postMessage({ op: "failed", error: `the Python worker could not load (${error.message})` });
    });
  }

  const held = []; // what the worker says before python-client.js listens
  let made;
  const worker = new Promise((resolve) => { made = resolve; });
  // My plan with nothing saved in this browser has nothing for Python to do: no runtime,
  // no worker competing with the page (onward.js starts Python there once it is needed).
  // Any "onward:" key may be an answer; only a page without one is sure to need nothing.
  function planWithoutAnswers() {
    if (!document.querySelector("[data-onward-plan]")) return false;
    if (document.querySelector("form[data-worksheet]")) return false;
    try {
      return ![localStorage, sessionStorage].some((storage) => Object.keys(storage)
        .some((key) => key.startsWith("onward:") && key !== "onward:probe"));
    } catch {
      return false; // storage refused: start as on any page
    }
  }

  let started = false;
  function start() {
    if (started) return;
    started = true;
    if (planWithoutAnswers()) {
      made(null);
      return;
    }
    const early = [url(`${boot.init.pyodidePath}pyodide.asm.wasm`), url(boot.init.stdlibPath)];
    const source = `(${stub})(${JSON.stringify(early)}, ${JSON.stringify(url(boot.worker))});`;
    try {
      performance.mark(boot.init.marks.pythonStart); // what bench/ measures start-up from
      const created = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })),
        { type: "module", name: "onward-python" });
      created.onmessage = (event) => held.push(event);
      created.onerror = (event) => held.push(event);
      created.postMessage(boot.init); // the worker's `init` message, made by the build
      made(created);
    } catch {
      // A policy without `worker-src blob:` (an older copy of the host's headers): the
      // client starts the worker from its own file instead.
      made(null);
    }
  }
  // python-start.js asks the same question through `nothingToDo`, rather than a copy.
  self.onwardPython = { worker, held, nothingToDo: planWithoutAnswers };

  // At the first paint that shows content. A hidden tab paints nothing: at once, also when
  // the tab is hidden before it painted.
  const hidden = () => document.visibilityState === "hidden";
  if (hidden()) {
    start();
    return;
  }
  document.addEventListener("visibilitychange", () => hidden() && start(), { once: true });
  new PerformanceObserver((list, observer) => {
    if (!list.getEntriesByName("first-contentful-paint").length) return;
    observer.disconnect();
    start();
  }).observe({ type: "paint", buffered: true });
})();
