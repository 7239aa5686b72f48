"""Whole-build atomicity: a build killed at any moment leaves the output folder as it was
before or as it is after, never half-written.

1. Stage: every new file (and the new manifest) is written to ``OUT/.docs2code-staging/``
   under a numbered name and fsynced; the folder is fsynced.
2. Commit: the journal (which staged file goes to which path, which files to delete with
   the hash they had, and that the manifest comes last) is written to the staging folder,
   fsynced, and renamed to ``OUT/.docs2code-journal.json``.  That rename is the commit
   point.
3. Apply: deletions (only of files still holding the hash in the journal), removal of
   folders they left empty, then one ``os.replace`` per staged file, the manifest last.
   Each step can be done again, or finds it already done.  The folders are fsynced.
4. Finish: remove the journal, then the empty staging folder.

Why a journal rather than renaming one folder over another: OUT also holds files that are
not ours (``model.json``, the user's notes, ignored files), so the build cannot swap the
whole folder; it has to change files one by one, and the journal makes that sequence
one decision.

:func:`recover` runs before any command reads or writes the folder: a journal means a
committed build, rolled forward by step 3; a staging folder without a journal means a
build killed before its commit point, discarded.  Either way the folder is then exactly
as before or as after.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.output.durable import fsync_all, fsync_dir, make_dirs, write_new
from generator.output.faults import step
from generator.output.layout import JOURNAL, MANIFEST, STAGING
from generator.output.manifest import sha256
from generator.output.verify import Problem, escapes, path_problem

FORMAT = 1
_PENDING = "journal.pending"


@dataclass(frozen=True, slots=True)
class Write:
    path: str  # relative to the output folder
    data: bytes
    mode: int


@dataclass(frozen=True, slots=True)
class Journal:
    moves: tuple[tuple[str, str], ...]  # (staged name, relative path), the manifest last
    deletes: tuple[tuple[str, str], ...]  # (relative path, sha256 it had when planned)


def commit(out: Path, writes: tuple[Write, ...], deletes: tuple[tuple[str, str], ...]) -> None:
    """Stage ``writes`` (the manifest among them, last), commit, apply, finish.  An
    ``OSError`` before the commit point leaves a staging folder that :func:`recover`
    discards; after it, a journal that :func:`recover` completes."""
    staging = out / STAGING
    step()
    staging.mkdir()
    moves = []
    for number, write in enumerate(writes):
        name = f"{number:06d}"
        write_new(staging / name, write.data, write.mode, sync=False)
        moves.append((name, write.path))
    fsync_all([staging / name for name, _ in moves])
    journal = Journal(tuple(moves), deletes)
    write_new(staging / _PENDING, _dump(journal), 0o644)
    fsync_dir(staging)
    step()
    os.replace(staging / _PENDING, out / JOURNAL)  # the commit point
    fsync_dir(out)
    _apply(out, journal)


def recover(out: Path) -> str | Problem | None:
    """Finish or discard a build that was stopped; a note saying which, or None when
    there was nothing to do."""
    journal_path = out / JOURNAL
    if os.path.lexists(journal_path):
        journal = _load(journal_path)
        if isinstance(journal, Problem):
            return journal
        _apply(out, journal)
        return "finished a build that was interrupted after its commit point"
    if os.path.lexists(out / STAGING):
        _discard(out / STAGING)
        fsync_dir(out)
        return "discarded a build that was interrupted before its commit point"
    return None


def _apply(out: Path, journal: Journal) -> None:
    staging = out / STAGING
    for rel, digest in journal.deletes:
        target = out / rel
        if target.is_file() and not target.is_symlink() and sha256(target.read_bytes()) == digest:
            step()
            target.unlink()
    # Every time, not only after a deletion made now: a run killed between its deletions
    # and its pruning leaves the folders for the next run to prune.
    touched = {(out / rel).parent for rel, _ in journal.deletes}
    for folder in sorted(touched, key=lambda p: len(p.parts), reverse=True):
        touched.add(_prune(out, folder))
    for name, rel in journal.moves:
        source, target = staging / name, out / rel
        if source.exists():
            touched.update(make_dirs(target.parent))
            step()
            os.replace(source, target)
            touched.add(target.parent)
    fsync_all(sorted(f for f in touched | {out, staging} if f.is_dir()))
    step()
    (out / JOURNAL).unlink()
    fsync_dir(out)
    _discard(staging)


def _prune(out: Path, folder: Path) -> Path:
    """Remove ``folder`` and its parents below ``out`` while they are empty; returns the
    first folder kept."""
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        step()
        folder.rmdir()
        folder = folder.parent
    return folder


def _discard(staging: Path) -> None:
    if not os.path.lexists(staging):
        return
    if staging.is_symlink() or not staging.is_dir():
        step()
        staging.unlink()
        return
    for root, folders, files in os.walk(staging, topdown=False):
        for name in files:
            step()
            os.unlink(os.path.join(root, name))
        for name in folders:
            path = os.path.join(root, name)
            step()
            if os.path.islink(path):
                os.unlink(path)
            else:
                os.rmdir(path)
    step()
    staging.rmdir()


def _dump(journal: Journal) -> bytes:
    data = {
        "deletes": [{"path": rel, "sha256": digest} for rel, digest in journal.deletes],
        "format": FORMAT,
        "moves": [{"path": rel, "staged": name} for name, rel in journal.moves],
    }
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()


def _load(path: Path) -> Journal | Problem:
    """The journal, checked as strictly as a plan: it names the files a recovery moves
    and deletes, so a bad one must not send them anywhere outside the folder."""
    out = path.parent
    try:
        data: Any = json.loads(path.read_bytes())
        moves = tuple((m["staged"], m["path"]) for m in data["moves"])
        deletes = tuple((d["path"], d["sha256"]) for d in data["deletes"])
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}")
        if not all(isinstance(s, str) for pair in (*moves, *deletes) for s in pair):
            raise ValueError("a path or hash is not a string")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Problem(JOURNAL, f"cannot read the journal of an interrupted build: {exc}")
    for name, rel in moves:
        if rel != MANIFEST and (path_problem(rel) or escapes(out, rel)):
            return Problem(JOURNAL, f"the journal moves a file to an unsafe path: {rel!r}")
        if path_problem(name) or "/" in name:
            return Problem(JOURNAL, f"the journal names an unsafe staged file: {name!r}")
    for rel, _ in deletes:
        if path_problem(rel) or escapes(out, rel):
            return Problem(JOURNAL, f"the journal deletes a file at an unsafe path: {rel!r}")
    return Journal(moves, deletes)
