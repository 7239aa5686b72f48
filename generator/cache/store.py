"""The cache folder: values by (section, key), one file each, checked before use.

An entry is a header, the sha256 of its payload, and the payload (a pickle).  Entries are
written atomically (temporary file, then ``os.replace``), so a reader sees a whole entry
or none; an entry that is truncated, altered or unreadable is ignored and rebuilt, never
trusted.  The cache only ever saves time: every failure to read or write it is silent,
and the first failure to write is kept in ``problems`` for the command to report.  Pages'
results (thousands of small files: seconds of system time on a loaded machine) are written
by a background thread while the command goes on, done by ``end_build``.

With ``remember``, entries used recently are kept in memory too (``docs2code watch``
rebuilds in one process; a single build would only grow by them).  The folder is pruned,
least recently used first, past ``max_bytes``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import queue
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from generator.output.atomic import write_atomic
from generator.pickling import dumps, loads

MAGIC = b"docs2code-cache-1\n"
DIGEST_SIZE = 32
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
KEEP_AFTER_PRUNE = 0.75  # prune to this share of max_bytes, so it is not due every build


class Store:
    def __init__(
        self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES, remember: bool = False
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.remember = remember
        self.problems: list[str] = []
        # (section, key) -> (value, sha256 of its pickle), with ``remember``
        self._current: dict[tuple[str, str], tuple[object, str | None]] = {}
        self._previous: dict[tuple[str, str], tuple[object, str | None]] = {}
        self._written = False
        self._writer: _Writer | None = None

    def get(self, section: str, key: str) -> object | None:
        """The value stored under ``key``, or None when absent or not intact."""
        found = self.get_pickled(section, key)
        return None if found is None else found[0]

    def get_pickled(self, section: str, key: str) -> tuple[object, str | None] | None:
        """The value stored under ``key`` and the sha256 (hex) of its pickle, the bytes
        stored (None for a value kept in memory that did not pickle); None when absent or
        not intact."""
        name = (section, key)
        if name in self._current:
            return self._current[name]
        if name in self._previous:
            found = self._current[name] = self._previous.pop(name)
            return found
        payload = self._writer.unwritten(section, key) if self._writer is not None else None
        if payload is not None:  # still being written
            return loads(payload), hashlib.sha256(payload).hexdigest()
        path = self._path(section, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        decoded = _decode(data)
        if decoded is not None:
            if self.remember:
                self._current[name] = decoded
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: pruned last
        return decoded

    def put(
        self,
        section: str,
        key: str,
        value: object,
        payload: bytes | None = None,
        later: bool = False,
    ) -> None:
        """Store ``value``; ``payload``, when given, is its pickle already made.  ``later``:
        written by a background thread (pages' results, thousands of small files, are
        written while the command goes on), served from memory until written; every
        write is done when :meth:`end_build` returns."""
        sha = None
        try:
            if payload is None and not (later or self.remember):  # a whole plan: no copy
                self._ensure_root()
                _write_pickled(self._path(section, key), value)
                self._written = True
                return
            if payload is None:
                payload = dumps(value)
            if self.remember:
                sha = hashlib.sha256(payload).hexdigest()
            self._ensure_root()
            if later:
                self._background().write(section, key, self._path(section, key), payload)
            else:
                _write_bytes(self._path(section, key), _entry(payload))
            self._written = True
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            self._problem(exc)
        finally:
            if self.remember:
                self._current[(section, key)] = (value, sha)

    def end_build(self) -> None:
        """Finish the background writes; keep in memory only what this build used; prune
        the folder if it grew."""
        self.flush()
        self._previous, self._current = self._current, {}
        if self._written:
            self._written = False
            self.prune()

    def flush(self) -> None:
        """Wait for the background writes (:meth:`put` ``later``)."""
        if self._writer is not None:
            failure = self._writer.finish()
            self._writer = None
            if failure is not None:
                self._problem(failure)

    def prune(self) -> None:
        """Delete least recently used entries until the folder is well under its limit."""
        entries: list[tuple[float, int, Path]] = []
        for section in _folders(self.root):
            for path in _files(section):
                with contextlib.suppress(OSError):
                    st = path.stat()
                    entries.append((st.st_mtime, st.st_size, path))
        total = sum(size for _, size, _ in entries)
        if total <= self.max_bytes:
            return
        for _, size, path in sorted(entries):
            if total <= self.max_bytes * KEEP_AFTER_PRUNE:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size

    def _path(self, section: str, key: str) -> Path:
        return self.root / section / key

    def _background(self) -> _Writer:
        if self._writer is None:
            self._writer = _Writer()
            self._writer.start()
        return self._writer

    def _problem(self, exc: Exception) -> None:
        if not self.problems:
            self.problems.append(f"cache not written to {self.root}: {_reason(exc)}")

    def _ensure_root(self) -> None:
        """Create the folder, ignored by git as .ruff_cache and .mypy_cache are."""
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, "# Created by docs2code: a build cache, safe to delete.\n*\n")


class _Writer(threading.Thread):
    """Writes entries in the order given, off the command's thread (the file system's
    calls let it run); the entries not yet written are kept for :meth:`Store.get`."""

    def __init__(self) -> None:
        super().__init__(name="docs2code-cache-writer", daemon=True)
        self.todo: queue.SimpleQueue[tuple[tuple[str, str], Path, bytes] | None]
        self.todo = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.pending: dict[tuple[str, str], bytes] = {}
        self.failure: OSError | None = None

    def write(self, section: str, key: str, path: Path, payload: bytes) -> None:
        with self.lock:
            self.pending[(section, key)] = payload
        self.todo.put(((section, key), path, payload))

    def unwritten(self, section: str, key: str) -> bytes | None:
        with self.lock:
            return self.pending.get((section, key))

    def finish(self) -> OSError | None:
        """Wait for every write; the first failure, if any."""
        self.todo.put(None)
        self.join()
        return self.failure

    def run(self) -> None:
        while (item := self.todo.get()) is not None:
            name, path, payload = item
            try:
                _write_bytes(path, _entry(payload))
            except OSError as exc:
                self.failure = self.failure or exc
            with self.lock:
                if self.pending.get(name) is payload:
                    del self.pending[name]


def _entry(payload: bytes) -> bytes:
    return MAGIC + hashlib.sha256(payload).digest() + payload


def _decode(data: bytes) -> tuple[object, str] | None:
    """The entry's value and the sha256 (hex) of its payload, if it is intact."""
    head = len(MAGIC) + DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    payload = data[head:]
    sha = hashlib.sha256(payload).digest()
    if sha != data[len(MAGIC) : head]:
        return None
    try:
        value = loads(payload)  # our own folder, and the digest matched
    except Exception:  # an entry from an incompatible build of the tool: rebuild it
        return None
    return value, sha.hex()


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A file to write beside ``path``, renamed over it when the block ends without error
    (removed when it does not): a reader sees a whole entry or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:16]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_bytes(path: Path, data: bytes) -> None:
    with _replacing(path) as handle:
        handle.write(data)


def _write_pickled(path: Path, value: object) -> None:
    """The entry of ``value``, pickled straight into its file and hashed as it is written
    (the digest filled in last): a large value (a whole plan, 72 MB of text on 8,000
    pages) is never also held as its pickle and the entry's bytes (issue 25)."""
    with _replacing(path) as handle:
        handle.write(MAGIC + bytes(DIGEST_SIZE))
        hashing = _Hashing(handle)
        pickle.Pickler(hashing, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        handle.seek(len(MAGIC))
        handle.write(hashing.sha.digest())


class _Hashing:
    """A file that hashes what is written to it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle, self.sha = handle, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.handle.write(data)


def _folders(root: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(root) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _files(folder: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(folder) if e.is_file(follow_symlinks=False)]
    except OSError:
        return []


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or f"{type(exc).__name__}: {exc}"
