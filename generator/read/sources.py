"""Find documents and read them as text, turning every I/O or encoding problem into a diagnostic."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import diag
from generator.model import Diagnostic, Span


@dataclass(frozen=True, slots=True)
class Source:
    """A document to read: ``rel`` names it in the model (posix, relative to its root)."""

    path: Path
    rel: str
    root: Path


@dataclass(frozen=True, slots=True)
class Text:
    text: str  # LF line endings, no BOM
    had_bom: bool
    had_crlf: bool


def discover(args: Sequence[str | Path]) -> tuple[list[Source], list[Diagnostic]]:
    """Directories are searched for ``*.md`` (following links, once each); files are read
    whatever their extension.  The result is sorted by ``rel`` so the order of arguments
    and of the file system never changes the output: when two different files would get
    the same ``rel`` (``model a b`` with ``a/x.md`` and ``b/x.md``), the one whose path
    sorts first is read and the other is reported."""
    candidates: list[Source] = []
    diagnostics: list[Diagnostic] = []
    for arg in args:
        path = Path(arg)
        try:
            mode = os.stat(path).st_mode
        except (OSError, ValueError) as exc:
            diagnostics.append(_unreadable_arg(path, exc))
            continue
        if stat.S_ISDIR(mode):
            candidates.extend(
                Source(f, f.relative_to(path).as_posix(), path) for f in _walk(path, diagnostics)
            )
        elif stat.S_ISREG(mode):
            rel = path.name if path.is_absolute() else path.as_posix()
            candidates.append(Source(path, rel, path.parent))
        else:
            diagnostics.append(
                diag("DC013", Span(path.as_posix(), 1, 1), f"not a regular file or folder: {path}")
            )
    found: dict[str, Source] = {}
    for source in sorted(candidates, key=lambda s: (s.rel, s.path.as_posix())):
        first = found.setdefault(source.rel, source)
        if first is not source and not _same_file(first.path, source.path):
            diagnostics.append(
                diag(
                    "DC013",
                    Span(source.path.as_posix(), 1, 1),
                    f"{source.path.as_posix()} is not read: {first.path.as_posix()} "
                    f"is already read as {source.rel}",
                )
            )
    return [found[k] for k in sorted(found)], diagnostics


def _unreadable_arg(path: Path, exc: OSError | ValueError) -> Diagnostic:
    if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
        reason = "broken symbolic link" if os.path.lexists(path) else "no such file or directory"
    elif isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
    else:  # an embedded NUL byte
        reason = str(exc)
    return diag("DC013", Span(path.as_posix(), 1, 1), f"{reason}: {path}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _walk(root: Path, diagnostics: list[Diagnostic]) -> Iterable[Path]:
    def report(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        rel = where.relative_to(root).as_posix() if where.is_relative_to(root) else where.as_posix()
        reason = exc.strerror or type(exc).__name__
        diagnostics.append(diag("DC001", Span(rel, 1, 1), f"cannot read folder {rel}: {reason}"))

    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, onerror=report, followlinks=True):
        try:
            st = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop, or the same folder reached twice
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                yield Path(dirpath) / name


class _NotRegular(OSError):
    pass


def _read_bytes(path: Path) -> bytes:
    """Read a regular file; anything else (a FIFO, a device, a folder) is refused
    before reading, since reading a FIFO would wait forever for a writer."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _NotRegular(errno.EINVAL, "not a regular file")
        return handle.read()


def read_text(source: Source) -> tuple[Text | None, list[Diagnostic]]:
    """Decode as UTF-8 (bad bytes replaced and reported), drop a BOM, normalise line ends."""
    try:
        data = _read_bytes(source.path)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [diag("DC001", Span(source.rel, 1, 1), f"cannot read {source.rel}: {reason}")]
    diagnostics: list[Diagnostic] = []
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
        diagnostics.append(diag("DC012", Span(source.rel, 1, 1), "file starts with a UTF-8 BOM"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8")) + 1  # in characters
        diagnostics.append(
            diag(
                "DC002",
                Span(source.rel, line, line, column),
                f"invalid UTF-8 byte 0x{data[exc.start]:02x}; bad bytes read as U+FFFD",
            )
        )
        text = data.decode("utf-8", errors="replace")
    had_crlf = "\r" in text
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        diagnostics.append(diag("DC008", Span(source.rel, 1, 1), "file is empty"))
    return Text(text, had_bom, had_crlf), diagnostics
