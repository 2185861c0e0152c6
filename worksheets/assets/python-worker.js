// Python worker: loads the self-hosted Pyodide and the worksheets package, then answers
// requests. Runs off the main thread, so starting Python never blocks the page.

let runner = null;
let startup = null;

async function start({ pyodideUrl, packageUrl }) {
  const { loadPyodide } = await import(`${pyodideUrl}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL: pyodideUrl });
  const response = await fetch(packageUrl);
  if (!response.ok) throw new Error(`the worksheets package answered HTTP ${response.status}`);
  const target = "/home/pyodide/onward";
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: target });
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(target)})`);
  runner = pyodide.pyimport("worksheets.compute.runner");
  return pyodide.runPython("import sys; sys.version.split()[0]");
}

function handle({ op, payload }) {
  if (op === "compute") return JSON.parse(runner.run_json(JSON.stringify(payload)));
  if (op === "plan") return JSON.parse(runner.plan_json(JSON.stringify(payload)));
  if (op === "ping") return { pong: payload };
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

self.addEventListener("message", async ({ data }) => {
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
});
