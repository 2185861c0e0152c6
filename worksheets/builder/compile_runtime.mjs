// Build-time helper for worksheets/builder/runtime.py, run under Node: turns the pinned
// Pyodide runtime into the site's runtime. Pyodide itself compiles the bytecode, so the
// .pyc files match its CPython build exactly, whatever Python runs MkDocs.
//
//   node compile_runtime.mjs job.json
//
// job.json (every path absolute; every part optional):
//   pyodide:  the pinned runtime folder (node_modules/pyodide/)
//   stdlib:   { source, roots, out, manifest } trim the standard library to what Pyodide
//             imports at start-up plus the closure of `roots`, compiled lean (below), as a
//             stored zip; the manifest lists the modules it holds
//   package:  { source, out, bootStdlib } add __pycache__/*.pyc beside every .py of the
//             package zip (the sources stay, for tracebacks), as a stored zip; bootStdlib
//             is the pinned standard library Pyodide starts from to compile it
//   compress: [{ source, out }] write out.br (brotli) and out.gz (gzip)
//   levels:   { brotli, gzip } the compression levels (runtime.py's COMPRESSION)
// Nothing here touches the network: Pyodide loads from the folder, with no packages.

import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import zlib from "node:zlib";

// The same path the browser mounts the standard library at (/lib/python3XY.zip), so the
// file names compiled into stdlib code objects match what tracebacks would show.
const TRIM_AND_COMPILE = `
import importlib
import importlib.util
import io
import json
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

EPOCH = (2020, 1, 1, 0, 0, 0)
STDLIB = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"


# Pyodide's own packages keep their docstrings and asserts: only CPython's standard library,
# which CPython tests under -OO, is compiled without them.
KEEP_DOCSTRINGS = ("_pyodide/", "pyodide/")


def pyc(source: bytes, filename: str, optimize: int = 0) -> bytes:
    # Unchecked hash-based pycs: valid without their source, never re-validated.
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), False))


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.external_attr = 0o644 << 16
    return info


def stdlib_files() -> dict[str, str]:
    """Every module loaded from the standard-library zip, by name: its file in the zip."""
    found = {}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(STDLIB + "/"):
            found[name] = path[len(STDLIB) + 1:]
    return found


def trim_stdlib(roots: list[str]) -> tuple[bytes, dict]:
    startup = sorted(stdlib_files())
    missing = []
    for root in roots:
        try:
            importlib.import_module(root)
        except ImportError as error:
            missing.append(f"{root} ({error})")
    if missing:
        raise SystemExit("cannot import: " + ", ".join(missing))
    files = stdlib_files()
    source = zipfile.ZipFile(STDLIB)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(set(files.values())):
            data = source.read(path)
            optimize = 0 if path.startswith(KEEP_DOCSTRINGS) else 2
            archive.writestr(entry(path + "c"), pyc(data, f"{STDLIB}/{path}", optimize))
    manifest = {
        "python": sys.version.split()[0],
        "cache_tag": sys.implementation.cache_tag,
        "startup": startup,
        "modules": sorted(files),
        "builtins": sorted(sys.builtin_module_names),
        "available": sorted({n[:-3].replace("/", ".").removesuffix(".__init__")
                             for n in source.namelist() if n.endswith(".py")}),
    }
    return buffer.getvalue(), manifest


def compile_package(data: bytes, home: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    tag = sys.implementation.cache_tag
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(source.namelist()):
            content = source.read(name)
            archive.writestr(entry(name), content)
            if name.endswith(".py"):
                folder, _, file = name.rpartition("/")
                cached = f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc".lstrip("/")
                archive.writestr(entry(cached), pyc(content, f"{home}/{name}"))
    return buffer.getvalue()
`;

// Where the worker unpacks the package zip (python-worker.js): the names compiled into
// the package's code objects. Python corrects them on import anyway (_fix_co_filename).
const PACKAGE_HOME = "/home/pyodide/onward";

// The standard library is compiled lean, for a smaller download: docstrings and asserts
// out (optimize=2, as `python -OO` does), and line numbers without column ranges (as
// PYTHONNODEBUGRANGES does; a compiler setting, hence its own interpreter). Tracebacks
// through it keep their line numbers; that drops 0.4 MB of the 1.1 MB it weighed with
// brotli. The worksheets package keeps everything, for the clearest tracebacks.
const LEAN = { PYTHONNODEBUGRANGES: "1" };

async function boot(pyodideDir, stdLibURL, env = {}) {
  const { loadPyodide } = await import(`${pyodideDir}pyodide.mjs`);
  const lockFileContents = await readFile(`${pyodideDir}pyodide-lock.json`, "utf8");
  const info = JSON.parse(lockFileContents).info;
  // No package index: nothing can ever be fetched, here or in the browser.
  const pyodide = await loadPyodide({
    indexURL: pyodideDir, stdLibURL, packages: [], env,
    lockFileContents: { info, packages: {} },
    stdout: (line) => process.stderr.write(`${line}\n`),
  });
  pyodide.runPython(TRIM_AND_COMPILE);
  return pyodide;
}

async function trimStdlib(pyodide, { roots, out, manifest }) {
  pyodide.globals.set("roots_json", JSON.stringify(roots));
  const result = pyodide.runPython(`
zipped, listing = trim_stdlib(json.loads(roots_json))
(zipped, json.dumps(listing, indent=1))`);
  const [zipped, listing] = result.toJs();
  result.destroy();
  await writeFile(out, zipped);
  await writeFile(manifest, listing);
}

async function compilePackage(pyodide, { source, out }) {
  pyodide.FS.writeFile("/tmp/package.zip", await readFile(source));
  pyodide.globals.set("package_home", PACKAGE_HOME);
  const zipped = pyodide.runPython(
    "compile_package(open('/tmp/package.zip', 'rb').read(), package_home)");
  await writeFile(out, zipped.toJs());
  zipped.destroy();
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Brotli at its best setting is slow (half a minute for the wasm) but runs once per
// input: runtime.py caches the result. The calls run on libuv's thread pool, in parallel.
async function compress({ source, out }, levels) {
  const data = await readFile(source);
  const params = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: levels.brotli,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
  };
  const [br, gz] = await Promise.all([
    brotli(data, { params }), gzip(data, { level: levels.gzip })]);
  await Promise.all([writeFile(`${out}.br`, br), writeFile(`${out}.gz`, gz)]);
}

async function main() {
  const job = JSON.parse(await readFile(process.argv[2], "utf8"));
  if (job.compress && !job.levels) throw new Error("job.json: `compress` needs `levels`");
  const compressEach = (items) => items.map((item) => compress(item, job.levels));
  // Compression of inputs that already exist starts at once, beside the compiling.
  const pending = compressEach((job.compress || []).filter((item) => !item.after));
  if (job.stdlib) await trimStdlib(await boot(job.pyodide, job.stdlib.source, LEAN), job.stdlib);
  if (job.package) {
    await compilePackage(await boot(job.pyodide, job.package.bootStdlib), job.package);
  }
  pending.push(...compressEach((job.compress || []).filter((item) => item.after)));
  await Promise.all(pending);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack || error}\n`);
  process.exit(1);
});
