"""Turn the pinned Pyodide runtime into the site's runtime, which starts Python fast.

Stock Pyodide spends most of its start-up compiling the standard library from source, and
ships it as a zip that HTTP compression cannot shrink. The site's runtime instead holds:

- the standard library trimmed to what Pyodide imports at start-up plus the modules in
  `stdlib-modules.txt` (and the host's `extra.onward.runtime_modules`), each with all it
  imports, as bytecode compiled by this very Pyodide under Node, in a stored zip;
- the `worksheets` package with a `__pycache__` beside its sources: the sources stay, so a
  worksheet's traceback still shows its lines;
- `.br` and `.gz` siblings beside every runtime file, for hosts that serve those.

Building takes Node (for Pyodide) and, the first time on a machine, about a minute of
brotli; the results are cached under `.cache/onward-runtime/`, keyed by everything that
goes into them, so rebuilds (`mkdocs serve`) copy files. Nothing here imports MkDocs.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from io import BytesIO
from pathlib import Path
from typing import Any

from worksheets.builder import bundle, contract
from worksheets.builder.host_config import MODULE_NAME

# Raise when the layout or the way files are made changes: every cached result is rebuilt.
FORMAT = 1
MODULES_FILE = Path(__file__).with_name("stdlib-modules.txt")
NODE_SCRIPT = Path(__file__).with_name("compile_runtime.mjs")
CACHE_DIR = bundle.PACKAGE_ROOT.parent / ".cache" / "onward-runtime"
# What the browser downloads from the pinned runtime; the lock file's one needed part
# (its `info`) travels in site-config.js instead, and no package is ever loaded.
SHIPPED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
COMPRESSED_SUFFIXES = (".br", ".gz")
# How hard the `.br` and `.gz` siblings are compressed. "best" is what a published site
# ships: brotli's best costs about 40 CPU-seconds for the interpreter (once) and a few for
# each build's pages. "fast" decodes to the very same bytes, some 15 % larger, for the test
# suite, which builds over twenty sites and checks what files hold, never their size.
# ONWARD_COMPRESSION chooses; each level has its own cache (cache_dir), so a fast result
# never reaches a published build.
COMPRESSION = {"best": {"brotli": 11, "gzip": 9}, "fast": {"brotli": 5, "gzip": 6}}
# Cached results kept per kind; older ones are removed (a serve session makes many).
KEEP_CACHED = {"stdlib": 4, "package": 12}
NODE_TIMEOUT_S = 900
# MkDocs shows INFO lines of its own loggers while it builds (and hides them with -q).
LOG = logging.getLogger("mkdocs.plugins.onward")
HOW_TO_EXTEND = ("add it under `runtime_modules:` in the `extra: onward:` settings of "
                 "mkdocs.yml (see the README: What the build does to the Pyodide runtime)")


class RuntimeBuildError(bundle.RuntimeBundleError):
    """The site's runtime cannot be built; the message says what to do."""


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to the site's assets/onward/ folder
    source: Path


@dataclass(frozen=True)
class SiteRuntime:
    """What one build ships: files to copy, and what site-config.js tells the worker."""

    version: str
    stdlib_path: str
    package_path: str
    lock_info: dict[str, Any]
    files: tuple[SiteFile, ...] = field(default=())

    def site_config(self) -> dict[str, Any]:
        return {"stdlibPath": self.stdlib_path, "lockInfo": self.lock_info}

    def python_init(self) -> dict[str, Any]:
        """What the Python worker is started with, relative to the site's assets/onward/."""
        return {"pyodidePath": f"pyodide/{self.version}/", "packagePath": self.package_path,
                **self.site_config()}


# --- starting early ---------------------------------------------------------------------

EARLY_START = "python-start.js"
# What it imports: fetched beside it rather than after it, one round trip fewer.
EARLY_START_IMPORTS = ("python-client.js", "site-config.js")
_NEEDS_PYTHON = contract.NEEDS_PYTHON_HTML


def with_early_start(html: str, assets_url: str) -> str:
    """A page with a worksheet (or My plan) asks for Python from its first lines: a small
    async module, so the client need not wait for every other script of the page (on a
    slow link those cost a round trip per level of imports). It adopts the worker that
    `with_boot`'s script started, or starts one itself on a page reached by instant
    navigation. Other pages are unchanged.

    `assets_url` is the site's assets/onward/ folder, relative to the page."""
    if not _NEEDS_PYTHON.search(html):
        return html
    folder = escape(assets_url.rstrip("/") + "/")
    tags = [f'<link rel="modulepreload" href="{folder}{name}">' for name in EARLY_START_IMPORTS]
    tags.append(f'<script type="module" async src="{folder}{EARLY_START}"></script>')
    return "".join(tags) + "\n" + html


BOOT = "python-boot.js"
_BOOT_SLOT = "/* the build puts the runtime's addresses here */ null"


def boot_script(assets_url: str, python_init: dict[str, Any]) -> str:
    """python-boot.js with this page's addresses in place of its slot."""
    source = (bundle.ASSETS_DIR / BOOT).read_text(encoding="utf-8")
    if _BOOT_SLOT not in source:
        raise RuntimeBuildError(f"worksheets/assets/{BOOT} has lost the line the build fills "
                                f"in ({_BOOT_SLOT!r}); put it back as the value of `boot`.")
    config = {"assets": assets_url.rstrip("/") + "/", "worker": "python-worker.js",
              "init": contract.worker_init(python_init)}
    # "</" escaped, so no value can close the <script> element it is written into.
    data = json.dumps(config, separators=(",", ":")).replace("</", "<\\/")
    return source.replace(_BOOT_SLOT, data)


def with_boot(html: str, assets_url: str, python_init: dict[str, Any]) -> str:
    """A page with a worksheet starts Python's worker from an inline script at the end of its
    <head> (python-boot.js): at first paint, before any of the page's scripts arrive. In the
    head, Material's instant navigation never runs it again; a page reached that way uses
    the worker that is already running. The build's Content-Security-Policy hashes it."""
    end = html.find("</head>")
    if end < 0 or not _NEEDS_PYTHON.search(html):
        return html
    script = f"<script>{boot_script(assets_url, python_init)}</script>\n"
    return html[:end] + script + html[end:]


# --- the module list -----------------------------------------------------------------


def read_module_list(path: Path = MODULES_FILE) -> list[str]:
    """Module names, one a line; `#` starts a comment."""
    names = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not MODULE_NAME.match(name):
            raise RuntimeBuildError(f"{path}:{number}: {name!r} is not a module name; write "
                                    "one dotted name a line, like `json` or `email.utils`.")
        names.append(name)
    return names


# --- checking the package's imports against what ships -----------------------------------


@dataclass(frozen=True)
class Manifest:
    """What a trimmed standard library holds (written by compile_runtime.mjs)."""

    modules: frozenset[str]
    builtins: frozenset[str]
    available: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(frozenset(data["modules"]), frozenset(data["builtins"]),
                   frozenset(data["available"]))

    def ships(self, name: str) -> bool:
        return name in self.modules or name in self.builtins

    def knows(self, name: str) -> bool:
        top = name.split(".")[0]
        return top in self.available or top in self.builtins


def _imported_modules(tree: ast.Module, manifest: Manifest) -> Iterable[tuple[int, str]]:
    """(line, module) for every absolute import that runs: `if TYPE_CHECKING:` blocks
    never do, and relative imports stay inside the package. `from a import b` imports
    the module a.b too when the standard library has one."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for item in node.body for child in ast.walk(item))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                if f"{node.module}.{alias.name}" in manifest.available:
                    yield node.lineno, f"{node.module}.{alias.name}"


def import_problems(package: bytes, manifest: Manifest) -> list[str]:
    """Every import in the package's Python code that the trimmed runtime cannot satisfy,
    as `file:line: what is wrong and what to do`."""
    problems = []
    with zipfile.ZipFile(BytesIO(package)) as archive:
        for name in sorted(n for n in archive.namelist() if n.endswith(".py")):
            tree = ast.parse(archive.read(name), filename=name)
            for line, module in _imported_modules(tree, manifest):
                if module.split(".")[0] == "worksheets" or manifest.ships(module):
                    continue
                if manifest.knows(module):
                    problems.append(
                        f"{name}:{line}: imports `{module}`, a standard-library module the "
                        f"site's trimmed Python runtime leaves out: {HOW_TO_EXTEND}.")
                else:
                    problems.append(
                        f"{name}:{line}: imports `{module}`, which is not part of Python's "
                        "standard library in Pyodide; worksheet code runs in the visitor's "
                        "browser with the standard library only.")
    return sorted(set(problems))


# --- the cache -------------------------------------------------------------------------


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compression() -> str:
    """The compression level of this build (ONWARD_COMPRESSION, "best" unless set)."""
    level = os.environ.get("ONWARD_COMPRESSION") or "best"
    if level not in COMPRESSION:
        raise RuntimeBuildError(
            f"ONWARD_COMPRESSION={level!r} is not a level: leave it unset (or 'best') for a "
            "site you publish; 'fast' is for the tests and quick local checks.")
    return level


def cache_dir() -> Path:
    """`.cache/onward-runtime/` beside the project (ONWARD_CACHE_DIR moves it); a fast
    build keeps its results beside it, in `onward-runtime-fast/`."""
    override = os.environ.get("ONWARD_CACHE_DIR")
    root = Path(override) if override else CACHE_DIR
    level = compression()
    return root if level == "best" else root.with_name(f"{root.name}-{level}")


@dataclass
class _Job:
    """What one Node run must make; empty when the cache holds everything."""

    work: Path
    spec: dict[str, Any] = field(default_factory=dict)
    # (made in `work`, final place in the cache)
    moves: list[tuple[Path, Path]] = field(default_factory=list)

    def compress(self, source: Path, out: Path, after: bool = False) -> None:
        self.spec.setdefault("levels", COMPRESSION[compression()])
        self.spec.setdefault("compress", []).append(
            {"source": str(source), "out": str(out), "after": after})


def _run_node(job: _Job) -> None:
    job_file = job.work / "job.json"
    job_file.write_text(json.dumps(job.spec, indent=1), encoding="utf-8")
    node = shutil.which("node")
    if node is None:
        raise RuntimeBuildError("Node.js is needed to build the site's Python runtime (it runs "
                                "Pyodide to compile the standard library): install Node.js "
                                "18 or newer, which the README's set-up needs for npm anyway.")
    try:
        result = subprocess.run([node, str(NODE_SCRIPT), str(job_file)], capture_output=True,
                                text=True, timeout=NODE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise RuntimeBuildError(f"building the Python runtime took over {NODE_TIMEOUT_S} s "
                                f"and was stopped ({NODE_SCRIPT.name}).") from error
    if result.returncode != 0:
        raise RuntimeBuildError(_node_failure(result.stderr))


def compress_with_node(work: Path, items: Iterable[tuple[Path, Path]]) -> None:
    """Write `out.br` and `out.gz` for each (source, out), in one Node run, with the same
    settings as the runtime's own siblings (worksheets/builder/precompress.py uses this)."""
    job = _Job(work)
    for source, out in items:
        job.compress(source, out)
    _run_node(job)


def _cannot_include(names: str) -> str:
    return (f"the site's Python runtime cannot include {names}: check the name in "
            f"{MODULES_FILE.name} or under extra.onward.runtime_modules in mkdocs.yml; "
            "only standard-library modules can be added.")


def _check_standard_library(roots: Sequence[str], stdlib_zip: Path) -> None:
    """Names that are no standard-library module at all fail here, at once, not after
    Pyodide has started under Node. A name this Python knows but Pyodide's zip lacks (a
    module built into Pyodide's interpreter, or one it leaves out), or a private one (a
    newer Python's built-in), is left to Node."""
    with zipfile.ZipFile(stdlib_zip) as archive:
        known = {name.split("/", 1)[0].removesuffix(".py") for name in archive.namelist()}
    known |= set(sys.stdlib_module_names)
    unknown = [name for name in roots
               if not name.startswith("_") and name.split(".")[0] not in known]
    if unknown:
        raise RuntimeBuildError(_cannot_include(", ".join(unknown)))


def _node_failure(stderr: str) -> str:
    # Pyodide prints its whole minified source with some errors: keep the lines that say
    # what went wrong, never a screenful of JavaScript.
    lines = [line for line in stderr.splitlines() if len(line) < 400 and line.strip()]
    cannot = [line for line in lines if "cannot import:" in line]
    if cannot:
        return _cannot_include(cannot[-1].split("cannot import:", 1)[1].strip())
    detail = "\n".join(lines[-15:])
    return (f"building the site's Python runtime failed in {NODE_SCRIPT.name}:\n{detail}\n"
            "If node_modules is damaged, run `npm ci` in the project folder.")


def _commit(job: _Job) -> None:
    """Move each finished result into the cache in one rename; a build that raced us
    and got there first wins, and ours is dropped."""
    for made, final in job.moves:
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(made, final)
        except OSError:
            if not final.exists():
                raise


def _prune(root: Path, kind: str, keep_also: Path) -> None:
    entries = sorted(root.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_CACHED[kind]:]:
        if old != keep_also:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def _one_build_at_a_time(root: Path) -> Iterator[None]:
    """Builds started together on one machine (test workers, a CI matrix, `mkdocs serve`
    beside a build) make what the cache lacks once: the others wait for the first, then
    find it cached, instead of each compiling the same runtime for a minute."""
    try:
        import fcntl
    except ImportError:  # Windows: builds may still race; _commit keeps the first result
        yield
        return
    with open(root / ".lock", "a", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            LOG.info("Onward: waiting for another build preparing the Python runtime in %s",
                     root)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock ends when the file closes, or when this process does


def _touch(path: Path) -> None:
    # Marks a cache entry as recently used, for pruning.
    if path.exists():
        os.utime(path)


# --- building ---------------------------------------------------------------------------


def _plan_pinned(job: _Job, runtime: list[bundle.RuntimeFile], pins: bundle.RuntimePins,
                 root: Path) -> dict[str, Path]:
    """Compressed siblings of the pinned files, cached by content (they never change)."""
    folders = {}
    for item in runtime:
        if item.name not in SHIPPED:
            continue
        final = root / f"pinned-{pins.files[item.name][:32]}"  # verified just before
        folders[item.name] = final
        if not final.exists():
            made = job.work / final.name
            made.mkdir()
            job.compress(item.path, made / item.name)
            job.moves.append((made, final))
    return folders


def _plan_stdlib(job: _Job, source: Path, roots: list[str], final: Path) -> None:
    made = job.work / final.name
    made.mkdir()
    job.spec["stdlib"] = {"source": str(source), "roots": roots,
                          "out": str(made / "python_stdlib.zip"),
                          "manifest": str(made / "modules.json")}
    job.compress(made / "python_stdlib.zip", made / "python_stdlib.zip", after=True)
    job.moves.append((made, final))


def _plan_package(job: _Job, package: bytes, boot_stdlib: Path, final: Path) -> None:
    made = job.work / final.name
    made.mkdir()
    (made / "source.zip").write_bytes(package)
    job.spec["package"] = {"source": str(made / "source.zip"),
                           "out": str(made / "worksheets.zip"), "bootStdlib": str(boot_stdlib)}
    job.compress(made / "worksheets.zip", made / "worksheets.zip", after=True)
    job.moves.append((made, final))


def build_runtime(package: bytes, extra_modules: Sequence[str] = (),
                  runtime_dir: Path = bundle.RUNTIME_DIR) -> SiteRuntime:
    """Verify the pinned runtime, then make (or take from the cache) the site's runtime.

    `package` is the browser part of `worksheets` as bundle.package_zip() zips it."""
    made = _make_in_cache(package, extra_modules, runtime_dir)
    assert made.package_dir is not None  # asked for with a package
    manifest = Manifest.read(made.stdlib_dir / "modules.json")
    problems = import_problems(package, manifest)
    if problems:
        raise RuntimeBuildError("worksheet code imports what the browser cannot load:\n"
                                + "\n".join(problems))
    return _site_runtime(made.pins, made.by_name, made.pinned, made.stdlib_dir,
                         made.package_dir)


def prepare_shared_parts(extra_modules: Sequence[str] = (),
                         runtime_dir: Path = bundle.RUNTIME_DIR) -> None:
    """Make what every site's runtime shares whatever its worksheets: the pinned files'
    compressed siblings and the trimmed standard library, most of a first build's minute.
    `.ci/setup --test` runs this in the background while pip installs; a build started
    meanwhile waits on the cache's lock, then finds them made."""
    _make_in_cache(None, extra_modules, runtime_dir)


@dataclass(frozen=True)
class _Cached:
    pins: bundle.RuntimePins
    by_name: dict[str, Path]
    pinned: dict[str, Path]
    stdlib_dir: Path
    package_dir: Path | None


def _make_in_cache(package: bytes | None, extra_modules: Sequence[str],
                   runtime_dir: Path) -> _Cached:
    pins = bundle.load_pins()
    runtime = bundle.verify_runtime(runtime_dir, pins)
    by_name = {item.name: item.path for item in runtime}
    roots = sorted(set(read_module_list()) | set(extra_modules))
    _check_standard_library(roots, by_name["python_stdlib.zip"])
    script = _file_sha(NODE_SCRIPT)
    interpreter = pins.files["pyodide.asm.wasm"]
    root = cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    stdlib_dir = root / ("stdlib-" + _digest(FORMAT, pins.version, interpreter, script,
                                             pins.files["python_stdlib.zip"], roots)[:32])
    package_dir = None if package is None else root / (
        "package-" + _digest(FORMAT, pins.version, interpreter, script,
                             hashlib.sha256(package).hexdigest())[:32])
    # The lock covers deciding what is missing, making it and pruning: a build waiting
    # on it then finds everything cached.
    with _one_build_at_a_time(root), \
            tempfile.TemporaryDirectory(prefix="work-", dir=root) as work:
        job = _Job(Path(work))
        pinned = _plan_pinned(job, runtime, pins, root)
        job.spec["pyodide"] = f"{runtime_dir.resolve()}/"
        if not stdlib_dir.exists():
            _plan_stdlib(job, by_name["python_stdlib.zip"], roots, stdlib_dir)
        if package is not None and package_dir is not None and not package_dir.exists():
            _plan_package(job, package, by_name["python_stdlib.zip"], package_dir)
        if job.moves:
            _say_progress(job)
            _run_node(job)
            LOG.info("Onward: the Python runtime is ready (kept in %s for later builds)", root)
            for made, _ in job.moves:
                (made / "source.zip").unlink(missing_ok=True)
            _commit(job)
        for kind, current in (("stdlib", stdlib_dir), ("package", package_dir)):
            if current is not None:
                _touch(current)
                _prune(root, kind, current)
    return _Cached(pins, by_name, pinned, stdlib_dir, package_dir)


def _say_progress(job: _Job) -> None:
    """A first build is silent for a minute or more without this: say what takes the time."""
    if "stdlib" in job.spec or len(job.moves) > 1:
        LOG.info("Onward: Preparing the Python runtime, first build only, about a minute "
                 "(two or three on a slow machine)...")
    else:
        LOG.info("Onward: compiling the worksheets package for the browser...")


def _with_siblings(path: str, source: Path) -> list[SiteFile]:
    return [SiteFile(path, source)] + [
        SiteFile(path + suffix, source.with_name(source.name + suffix))
        for suffix in COMPRESSED_SUFFIXES]


def _site_runtime(pins: bundle.RuntimePins, by_name: dict[str, Path],
                  pinned: dict[str, Path], stdlib_dir: Path, package_dir: Path) -> SiteRuntime:
    folder = f"pyodide/{pins.version}/"
    files: list[SiteFile] = []
    for name in SHIPPED:
        files.append(SiteFile(folder + name, by_name[name]))
        files += [SiteFile(folder + name + suffix, pinned[name] / (name + suffix))
                  for suffix in COMPRESSED_SUFFIXES]
    stdlib = stdlib_dir / "python_stdlib.zip"
    stdlib_path = f"{folder}python_stdlib-{_file_sha(stdlib)[:12]}.zip"
    files += _with_siblings(stdlib_path, stdlib)
    package = package_dir / "worksheets.zip"
    package_path = f"worksheets-{_file_sha(package)[:12]}.zip"
    files += _with_siblings(package_path, package)
    lock = json.loads(by_name["pyodide-lock.json"].read_text(encoding="utf-8"))
    return SiteRuntime(version=pins.version, stdlib_path=stdlib_path,
                       package_path=package_path, lock_info=lock["info"], files=tuple(files))


if __name__ == "__main__":
    # `python -m worksheets.builder.runtime`: prepare_shared_parts, for set-up scripts.
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        prepare_shared_parts()
    except RuntimeBuildError as error:
        raise SystemExit(f"onward: {error}") from error
