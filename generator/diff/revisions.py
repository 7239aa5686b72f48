"""A diff argument as a folder to read: a path as it is, or ``REV:FOLDER`` from git.

An argument that names an existing file or folder is read in place.  Otherwise
``REV:FOLDER`` (``HEAD~1:input_docs``, ``v1.2:docs/api``) is the folder as it was at git
revision REV, FOLDER relative to the current directory (not to the repository root, unlike
``git show``).  It is exported with ``git archive`` into a temporary folder that is removed
afterwards; git runs in the nearest existing folder of FOLDER, so a folder deleted since
REV can still be read.  ``export-ignore`` attributes apply, as they do to ``git archive``.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class RevisionError(Exception):
    """The argument names no folder and no readable git revision of one."""


@dataclass(frozen=True, slots=True)
class DocRoot:
    path: Path  # what to read: a folder, or an absolute file (named in the model by its name)
    label: str  # the argument as given
    prefix: str  # put before a file of the model to name it as the user can find it


def split_revision(arg: str) -> tuple[str, str] | None:
    """``(REV, FOLDER)`` when ``arg`` is no existing path but has the ``REV:FOLDER`` form."""
    if os.path.lexists(arg) or ":" not in arg:
        return None
    rev, _, folder = arg.partition(":")
    return rev, folder or "."


@contextmanager
def doc_root(arg: str) -> Iterator[DocRoot]:
    """The docs ``arg`` names, on disk for as long as the context lasts."""
    found = split_revision(arg)
    if found is None:
        if not os.path.lexists(arg):
            raise RevisionError(
                f"{arg}: no such file or folder (a git revision is written REV:FOLDER)"
            )
        yield _root(Path(arg), arg, "")
        return
    rev, folder = found
    with tempfile.TemporaryDirectory(prefix="docs2code-diff-") as tmp:
        yield _root(export(rev, Path(folder), Path(tmp)), arg, f"{rev}:", Path(folder))


def _root(path: Path, label: str, rev: str, shown: Path | None = None) -> DocRoot:
    """A folder's files are named relative to it; a file is read by its absolute path
    so that the model names it by its name alone, whichever revision it comes from."""
    shown = path if shown is None else shown
    if path.is_dir():
        return DocRoot(path, label, rev + _folder(shown))
    return DocRoot(path.absolute(), label, rev + _folder(shown.parent))


def _folder(path: Path) -> str:
    text = path.as_posix()
    return "" if text == "." else f"{text}/"


def export(rev: str, folder: Path, into: Path) -> Path:
    """Write ``folder`` as of ``rev`` under ``into``; return where it now is."""
    if not rev or rev.startswith("-"):
        raise RevisionError(f"{rev or '(empty)'}:{folder}: not a git revision")
    git = shutil.which("git")
    if git is None:
        raise RevisionError("git is not installed; it is needed to read REV:FOLDER")
    base, inside = _existing(Path(os.path.abspath(folder)))
    pathspec = inside.as_posix() if inside.parts else "."
    try:
        done = subprocess.run(
            [git, "-C", str(base), "archive", "--format=tar", rev, "--", pathspec],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise RevisionError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise RevisionError(f"{rev}:{folder}: git archive failed: {message}")
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout), mode="r:") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise RevisionError(f"{rev}:{folder}: cannot unpack the archive: {exc}") from exc
    return into / inside


def _existing(folder: Path) -> tuple[Path, Path]:
    """The nearest existing folder at or above ``folder``, and the rest of the path.
    git archive, run there, names the files relative to it."""
    base, rest = folder, Path()
    while not base.is_dir() and base != base.parent:
        base, rest = base.parent, Path(base.name) / rest
    return base, rest
