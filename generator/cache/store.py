"""The cache folder: values by (section, key), one file each, checked before use.

An entry is a header, the sha256 of its payload, and the payload (a pickle).  Entries are
written atomically (temporary file, then ``os.replace``), so a reader sees a whole entry
or none; an entry that is truncated, altered or unreadable is ignored and rebuilt, never
trusted.  The cache only ever saves time: every failure to read or write it is silent,
and the first failure to write is kept in ``problems`` for the command to report.

With ``remember``, entries used recently are kept in memory too (``docs2code watch``
rebuilds in one process; a single build would only grow by them).  The folder is pruned,
least recently used first, past ``max_bytes``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

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

    def put(self, section: str, key: str, value: object, payload: bytes | None = None) -> None:
        """Store ``value``; ``payload``, when given, is its pickle already made."""
        sha = None
        try:
            if payload is None:
                payload = dumps(value)
            sha = hashlib.sha256(payload).digest()
            self._ensure_root()
            _write_bytes(self._path(section, key), MAGIC + sha + payload)
            self._written = True
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            if not self.problems:
                self.problems.append(f"cache not written to {self.root}: {_reason(exc)}")
        finally:
            if self.remember:
                self._current[(section, key)] = (value, None if sha is None else sha.hex())

    def end_build(self) -> None:
        """Keep in memory only what this build used; prune the folder if it grew."""
        self._previous, self._current = self._current, {}
        if self._written:
            self._written = False
            self.prune()

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

    def _ensure_root(self) -> None:
        """Create the folder, ignored by git as .ruff_cache and .mypy_cache are."""
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, "# Created by docs2code: a build cache, safe to delete.\n*\n")


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


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:16]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
