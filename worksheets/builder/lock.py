"""The definitions lock: each worksheet's version and its fields' ids and types, as last
accepted, committed beside the definitions (`definitions.lock.json`).

Visitors' answers are stored by field id and carried forward by version. A definition
that changes its fields without raising `version`, or raises it without saying where a
removed field's answers go, would strand answers silently; with the lock the build knows
what the previous definitions were, and stops with `file:line` and what to write.

Refresh a lock after an accepted change (the README's "Change a worksheet"):

    .venv/bin/python -m worksheets.builder.lock --update             # the package's own
    .venv/bin/python -m worksheets.builder.lock --update FOLDER ...  # a host's folder
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from worksheets.builder.loader import DefinitionError, load_definitions
from worksheets.builder.model import Worksheet
from worksheets.builder.registry import DEFINITIONS_DIR, PROJECT_ROOT, definition_files, shown_path

LOCK_NAME = "definitions.lock.json"
LOCK_FORMAT = 1
COMMAND = ".venv/bin/python -m worksheets.builder.lock --update"
_VERSION_LINE = re.compile(r"^version\s*:", re.MULTILINE)


class LockOutdated(DefinitionError):
    """The definitions changed safely (a field added, a version raised with its
    migrations, a worksheet added or removed): only the lock file needs refreshing."""


def command_for(folder: Path) -> str:
    """The exact command that refreshes the lock of `folder`."""
    if folder.resolve() == DEFINITIONS_DIR.resolve():
        return COMMAND
    return f"{COMMAND} {shown_path(folder)}"


def field_types(worksheet: Worksheet) -> dict[str, str]:
    """Every path an answer is stored under (`id`, or `rows.sub` in rows) and its type."""
    types: dict[str, str] = {}
    for field in worksheet.fields:
        types[field.id] = field.type
        for sub in field.fields:
            types[f"{field.id}.{sub.id}"] = sub.type
    return types


def lock_data(worksheets: Iterable[Worksheet]) -> dict[str, object]:
    entries = {w.id: {"version": w.version, "fields": field_types(w)}
               for w in sorted(worksheets, key=lambda w: w.id)}
    return {"format": LOCK_FORMAT, "worksheets": entries}


def lock_text(worksheets: Iterable[Worksheet]) -> str:
    return json.dumps(lock_data(worksheets), indent=2, sort_keys=True) + "\n"


def _version_line(worksheet: Worksheet) -> int:
    """The line of `version:` in the definition, where a fix usually starts."""
    path = Path(worksheet.source)
    path = path if path.is_absolute() else PROJECT_ROOT / path
    try:
        match = _VERSION_LINE.search(path.read_text(encoding="utf-8"))
    except OSError:
        return worksheet.line
    return worksheet.line if match is None else match.string.count("\n", 0, match.start()) + 1


def _fail(worksheet: Worksheet, problem: str, line: int | None = None) -> DefinitionError:
    return DefinitionError(worksheet.source, line or _version_line(worksheet), "version",
                           problem)


def _outdated(worksheet: Worksheet, problem: str) -> LockOutdated:
    return LockOutdated(worksheet.source, _version_line(worksheet), "version", problem)


def _handled_paths(worksheet: Worksheet, since: int) -> set[str]:
    """Old field paths whose answers a migration from `since` on moves (rename) or lets go
    to Earlier answers on purpose (drop)."""
    handled: set[str] = set()
    for migration in worksheet.migrations:
        if migration.from_version >= since:
            handled.update(migration.rename)
            handled.update(migration.drop)
    return handled


def _describe_changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    removed = sorted(set(old) - set(new))
    added = sorted(set(new) - set(old))
    retyped = sorted(p for p in set(old) & set(new) if old[p] != new[p])
    parts = [f"removed {', '.join(removed)}"] if removed else []
    parts += [f"added {', '.join(added)}"] if added else []
    parts += [f"{p} changed type from {old[p]} to {new[p]}" for p in retyped]
    return parts


def check_worksheet(worksheet: Worksheet, locked: dict[str, object], command: str) -> None:
    """Raise DefinitionError when `worksheet` moved away from its lock entry unsafely."""
    old_version = int(locked["version"])  # type: ignore[call-overload]
    old_fields: dict[str, str] = dict(locked["fields"])  # type: ignore[call-overload]
    new_fields = field_types(worksheet)
    version = worksheet.version
    if version < old_version:
        raise _fail(worksheet, f"version went down from {old_version} to {version}; a "
                    f"version only goes up (answers stored at version {old_version} would "
                    f"never move). Set `version: {old_version + 1}` or higher")
    changes = _describe_changes(old_fields, new_fields)
    if version == old_version:
        if not changes:
            return
        only_added = set(old_fields) <= set(new_fields) and all(
            old_fields[p] == new_fields[p] for p in old_fields)
        if only_added:
            raise _outdated(worksheet, f"fields {', '.join(changes)}; adding a field needs no new "
                        f"version: run `{command}` to record it in the lock file")
        raise _fail(worksheet, f"the fields changed ({'; '.join(changes)}) but `version` is "
                    f"still {version}, so answers already stored would lose their place. "
                    f"Set `version: {version + 1}`, add a migration from_version {version} "
                    f"for each renamed or removed field, then run `{command}`")
    missing = sorted(p for p in set(old_fields) - set(new_fields)
                     if p not in _handled_paths(worksheet, old_version))
    if missing:
        example = missing[0]
        raise _fail(worksheet, f"version went from {old_version} to {version}, but no "
                    f"migration says where the answers to {', '.join(missing)} go. Under "
                    f"`migrations:` write `- from_version: {old_version}` with "
                    f"`rename: {{{example}: <new field id>}}` if it was renamed, or "
                    f"`drop: [{example}]` if it was removed (its answers stay as Earlier "
                    f"answers); then run `{command}`")
    raise _outdated(worksheet, f"version {version} is not in the lock file yet (it records "
                f"{old_version}); the migrations cover every removed field, so run "
                f"`{command}` to record it")


def check_folder(folder: Path, worksheets: dict[str, Worksheet], *, required: bool) -> bool:
    """Check the worksheets defined in `folder` against its lock. Returns False when the
    folder has no lock and none is required (a host's folder; see the README)."""
    path = folder / LOCK_NAME
    command = command_for(folder)
    mine = {wid: w for wid, w in worksheets.items() if _folder_of(w) == folder.resolve()}
    if not path.is_file():
        if required:
            raise DefinitionError(shown_path(path), 1, LOCK_NAME,
                                  f"the lock file is missing; run `{command}` and commit it")
        return False
    try:
        locked = json.loads(path.read_text(encoding="utf-8"))["worksheets"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DefinitionError(shown_path(path), 1, LOCK_NAME, f"cannot be read ({error}); "
                              f"restore it from version control, or run `{command}`") from error
    for wid, worksheet in sorted(mine.items()):
        if wid not in locked:
            raise LockOutdated(worksheet.source, worksheet.line, "id",
                                  f"{wid!r} is a new worksheet: run `{command}` to add it "
                                  "to the lock file")
        check_worksheet(worksheet, locked[wid], command)
    gone = sorted(set(locked) - set(mine))
    if gone:
        raise LockOutdated(shown_path(path), 1, LOCK_NAME,
                              f"lists {', '.join(gone)}, which no longer has a definition; "
                              "answers visitors stored for it stay in their browsers and in "
                              f"their backups. If removing it is intended, run `{command}`")
    return True


def _folder_of(worksheet: Worksheet) -> Path:
    path = Path(worksheet.source)
    return (path if path.is_absolute() else PROJECT_ROOT / path).resolve().parent


def check_all(worksheets: dict[str, Worksheet], host_folders: Iterable[Path] = ()) -> list[Path]:
    """The package's lock is required; a host folder is checked when it has one. Returns
    the host folders that have none, for the build to mention."""
    check_folder(DEFINITIONS_DIR, worksheets, required=True)
    return [folder for folder in host_folders
            if not check_folder(folder, worksheets, required=False)]


def update(folder: Path, *, force: bool = False) -> Path:
    """Write the lock of `folder` from its definitions as they are now. Refuses a change
    that would strand stored answers (the build's own error), unless `force`: for a
    worksheet no visitor has used yet."""
    worksheets = load_definitions(definition_files([folder]), shown_path)
    path = folder / LOCK_NAME
    if path.is_file() and not force:
        locked = json.loads(path.read_text(encoding="utf-8")).get("worksheets", {})
        for wid, worksheet in sorted(worksheets.items()):
            if wid in locked:
                with contextlib.suppress(LockOutdated):  # exactly what an update is for
                    check_worksheet(worksheet, locked[wid], command_for(folder))
    path.write_text(lock_text(worksheets.values()), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worksheets.builder.lock",
                                     description="Check or refresh definitions.lock.json.")
    parser.add_argument("--update", action="store_true",
                        help="rewrite the lock from the definitions as they are now")
    parser.add_argument("--force", action="store_true",
                        help="with --update: accept even a change that strands stored answers "
                        "(only for worksheets no visitor has used yet)")
    parser.add_argument("folders", nargs="*", type=Path,
                        help="definition folders (default: the package's own)")
    args = parser.parse_args(argv)
    folders = args.folders or [DEFINITIONS_DIR]
    try:
        for folder in folders:
            if args.update:
                print(f"wrote {shown_path(update(folder, force=args.force))}")
            else:
                found = load_definitions(definition_files([folder]), shown_path)
                check_folder(folder, found, required=True)
                print(f"{shown_path(folder / LOCK_NAME)}: matches the definitions")
    except DefinitionError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
