"""Small filesystem steps that survive a crash: created files and directory entries are
fsynced, so what a journal points to is on disk before the journal is."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.output.faults import step


def default_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def fsync_dir(path: Path) -> None:
    """Make renames, creations and deletions in ``path`` durable (a no-op on Windows,
    which cannot open a folder)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new(path: Path, data: bytes, mode: int, *, sync: bool = True) -> None:
    """Create ``path`` (it must not exist), write ``data``, give it ``mode``; fsync it
    unless ``sync`` is false (then :func:`fsync_files` must, before anything relies on it)."""
    step()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.chmod(path, mode)
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def fsync_all(paths: list[Path]) -> None:
    """fsync many files or folders at once: one after another costs a disk flush each
    (seconds for thousands of files); from threads the filesystem commits them together."""
    if not paths:
        return
    with ThreadPoolExecutor(max_workers=min(16, len(paths))) as pool:
        for _ in pool.map(_fsync, paths):
            pass


def _fsync(path: Path) -> None:
    if path.is_dir():
        fsync_dir(path)
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: Path) -> list[Path]:
    """``mkdir -p``, one counted step per folder created; returns the folders whose
    entries changed, for the caller to fsync."""
    missing: list[Path] = []
    while not path.is_dir():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        step()
        folder.mkdir()
    return [path, *reversed(missing)] if missing else []
