"""Find documents and read them as text, turning every I/O or encoding problem into a diagnostic."""

from __future__ import annotations

import os
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
    and of the file system never changes the output."""
    found: dict[str, Source] = {}
    diagnostics: list[Diagnostic] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            for file in _walk(path):
                rel = file.relative_to(path).as_posix()
                found.setdefault(rel, Source(file, rel, path))
        elif path.is_file():
            rel = path.name if path.is_absolute() else path.as_posix()
            found.setdefault(rel, Source(path, rel, path.parent))
        else:
            diagnostics.append(
                diag("DC013", Span(path.as_posix(), 1, 1), f"no such file or directory: {path}")
            )
    return [found[k] for k in sorted(found)], diagnostics


def _walk(root: Path) -> Iterable[Path]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
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


def read_text(source: Source) -> tuple[Text | None, list[Diagnostic]]:
    """Decode as UTF-8 (bad bytes replaced and reported), drop a BOM, normalise line ends."""
    try:
        data = source.path.read_bytes()
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
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
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
