// bench/snapshot.py's worker: starts the site's Python runtime as python-worker.js does,
// either from a warm cache or from a snapshot of Python's memory (Pyodide's private
// `_makeSnapshot` / `_loadSnapshot` options), and reports when each phase ended. It is a
// measurement, not part of the site: the site never makes or reads a snapshot.

const begun = performance.now();
const stamps = {};
const stamp = (name) => {
  stamps[name] = performance.timeOrigin + performance.now(); // the page converts to its clock
};
const SNAPSHOT = "/bench-snapshot"; // its key in this profile's Cache Storage
const TARGET = "/home/pyodide/onward"; // as python-worker.js unpacks the package

// When WebAssembly is instantiated: Pyodide calls instantiateStreaming once, for its module.
function watchInstantiation() {
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const result = await original.apply(WebAssembly, args);
    stamp("instantiated");
    return result;
  };
}

async function readSnapshot(cache, gzip) {
  const stored = await cache.match(SNAPSHOT);
  if (!stored) throw new Error("no snapshot stored yet: run a `make` start first");
  const body = gzip ? stored.body.pipeThrough(new DecompressionStream("gzip")) : stored.body;
  const bytes = await new Response(body).arrayBuffer();
  stamp("snapshot read");
  return bytes;
}

async function storeSnapshot(cache, bytes, gzip) {
  let body = new Blob([bytes]).stream();
  if (gzip) body = body.pipeThrough(new CompressionStream("gzip"));
  const stored = await new Response(body).blob();
  await cache.put(SNAPSHOT, new Response(stored));
  stamp("snapshot stored");
  return stored.size;
}

async function start({ assets, mode, gzip }) {
  stamps["worker running"] = performance.timeOrigin + begun;
  const { siteConfig: site } = await import(`${assets}site-config.js`);
  const here = (path) => new URL(path, assets).href;
  const cache = await caches.open("onward-bench-snapshot");
  // Read beside the runtime's scripts, as a site would: both are on the critical path.
  const snapshot = mode === "restore" ? readSnapshot(cache, gzip) : null;
  watchInstantiation();
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([
    import(`${here(site.pyodidePath)}pyodide.mjs`),
    import(`${here(site.pyodidePath)}pyodide.asm.mjs`)]);
  stamp("runtime scripts loaded");
  const pyodide = await loadPyodide({
    indexURL: here(site.pyodidePath), stdLibURL: here(site.stdlibPath), createPyodideModule,
    lockFileContents: { info: site.lockInfo, packages: {} }, packages: [],
    fsInit: () => stamp("Python initialising"),
    _makeSnapshot: mode === "make", ...(snapshot ? { _loadSnapshot: snapshot } : {}),
  });
  stamp("Python up");
  const zip = await (await fetch(here(site.packagePath))).arrayBuffer();
  pyodide.unpackArchive(zip, "zip", { extractDir: TARGET });
  // From a snapshot the path and the runner are in memory already; the files are not.
  if (mode !== "restore") pyodide.runPython(`import sys\nsys.path.insert(0, "${TARGET}")`);
  const fromMemory = pyodide.runPython("import sys; 'worksheets.compute.runner' in sys.modules");
  pyodide.pyimport("worksheets.compute.runner");
  stamp("package imported");
  // A module imported later, from the unpacked files: a restored Python still finds them.
  pyodide.pyimport("worksheets.compute.plan_request");
  const result = { stamps, fromMemory };
  if (mode === "make") {
    const bytes = pyodide.makeMemorySnapshot();
    stamp("snapshot made");
    result.bytes = bytes.length;
    result.stored = await storeSnapshot(cache, bytes, gzip);
  }
  return result;
}

self.addEventListener("message", async ({ data }) => {
  try {
    self.postMessage({ ok: true, ...(await start(data)) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error && error.stack || error) });
  }
});
