"""Find documents and read them as text, turning every I/O or encoding problem into a diagnostic."""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import diag
from generator.model import Diagnostic, Span
from generator.read.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True, slots=True)
class Source:
    """A document to read: ``rel`` names it in the model (posix, relative to the doc set's
    base, see :class:`Layout`); ``root`` is the root argument it was found under; ``real``
    is the real path checked to lie inside the doc roots, the one opened."""

    path: Path
    rel: str
    root: Path
    real: Path | None = None


@dataclass(frozen=True, slots=True)
class Text:
    text: str  # LF line endings, no BOM
    had_bom: bool
    had_crlf: bool


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a doc set's roots stand.  A doc set is the union of its roots: every page is
    named relative to one ``base``, the deepest folder that holds every root (a folder
    root, or a file root's folder), so ``lint tree`` and ``lint tree/api tree/resources``
    name a page the same way (``api/x.md``), links between the roots resolve, and two
    roots may hold the same relative path.  One folder root is its own base.

    ``base`` is absolute but not resolved (symbolic links kept, as the user named it);
    ``roots`` pairs each root argument as given with its path relative to ``base``
    (posix; ``.`` for the base itself, a file root's own path for a file)."""

    base: Path
    roots: tuple[tuple[Path, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The roots relative to the base, sorted, each once (``Model.roots``)."""
        return tuple(sorted({name for _, name in self.roots}))

    def rel(self, path: Path) -> str:
        """The model name of ``path``, a file under a root."""
        return Path(os.path.abspath(path)).relative_to(self.base).as_posix()

    def root_of(self, rel: str) -> str | None:
        """The innermost root that holds the model path ``rel``, relative to the base."""
        return root_of(self.names, rel)

    def shown(self, rel: str) -> str:
        """``rel`` as the user can open it: joined to the root argument it lies under, as
        the user gave it (the first root argument, when two hold it); as it is when no
        such file exists (a root argument that could not be read, named as given)."""
        inner = self.root_of(rel)
        for given, name in self.roots:
            if name == inner:
                rest = rel if name == "." else rel[len(name) + 1 :]
                joined = given / rest if rest else given
                return joined.as_posix() if os.path.lexists(joined) else rel
        return rel


def root_of(roots: Sequence[str], rel: str) -> str | None:
    """The longest of ``roots`` (model paths, ``.`` the base) that is ``rel`` or holds it."""
    inside = [r for r in roots if r in (".", rel) or rel.startswith(r + "/")]
    return max(inside, key=lambda r: (r != ".", len(r)), default=None)


def layout(args: Sequence[str | Path]) -> Layout:
    """The :class:`Layout` of the root arguments that exist (a folder or another file)."""
    given: list[tuple[Path, Path, bool]] = []
    for arg in args:
        path = Path(arg)
        try:
            mode = os.stat(path).st_mode
        except (OSError, ValueError):
            continue
        if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
            given.append((path, Path(os.path.abspath(path)), stat.S_ISDIR(mode)))
    folders = [full if is_dir else full.parent for _, full, is_dir in given]
    base = Path(os.path.commonpath(folders)) if folders else Path(os.path.abspath("."))
    roots = tuple(
        (path, posixpath.normpath(full.relative_to(base).as_posix())) for path, full, _ in given
    )
    return Layout(base, roots)


def discover(args: Sequence[str | Path]) -> tuple[list[Source], list[Diagnostic]]:
    """Directories are searched for ``*.md`` (following links inside the doc roots, once
    each); files are read whatever their extension.  Every page is named relative to the
    roots' common base (:func:`layout`), so the roots make one doc set.  The result is
    sorted by ``rel`` so the order of arguments and of the file system never changes the
    output: a file reached twice (a root inside another, a link) is read once, and should
    two different files get the same ``rel``, the one whose path sorts first is read and
    the other is reported.

    Confinement: the doc roots are the real paths of the arguments; a link found under a
    root whose real path lies outside every root is reported (DC014) and not followed."""
    candidates: list[Source] = []
    diagnostics: list[Diagnostic] = []
    roots = _Roots()
    given: list[tuple[Path, int]] = []
    for arg in args:
        path = Path(arg)
        try:
            mode = os.stat(path).st_mode
        except (OSError, ValueError) as exc:
            diagnostics.append(_unreadable_arg(path, exc))
            continue
        given.append((path, mode))
        roots.add(Path(os.path.realpath(path)), is_dir=stat.S_ISDIR(mode))
    where = layout([path for path, _ in given])
    for path, mode in given:
        if stat.S_ISDIR(mode):
            candidates.extend(_walk(path, where.rel(path), roots, diagnostics))
        elif stat.S_ISREG(mode):
            rel = where.rel(path)
            candidates.append(Source(path, rel, path, Path(os.path.realpath(path))))
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


def has_pages(args: Sequence[str | Path]) -> bool:
    """Whether :func:`discover` has anything to read under ``args``: a path that is not a
    folder (a file is read whatever its name), or a folder holding a ``*.md`` somewhere
    below it.  Stops at the first one found, so it costs little on a large doc set."""
    for arg in args:
        if not os.path.isdir(arg):
            return True
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(arg, followlinks=True):
            try:
                st = os.stat(dirpath)
            except OSError:
                dirnames[:] = []
                continue
            if (st.st_dev, st.st_ino) in seen:  # a link loop
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            if any(name.endswith(".md") for name in filenames):
                return True
    return False


class _Roots:
    """The real paths docs2code may read: under a folder root, or a file root itself."""

    def __init__(self) -> None:
        self.folders: list[Path] = []
        self.files: set[Path] = set()

    def add(self, real: Path, is_dir: bool) -> None:
        (self.folders.append(real) if is_dir else self.files.add(real))

    def contain(self, real: Path) -> bool:
        return real in self.files or any(real.is_relative_to(f) for f in self.folders)


def confined(path: Path, roots: Sequence[str | Path]) -> Path | None:
    """The real path of ``path`` when it lies inside the doc ``roots`` as :func:`discover`
    confines them, else None: what a command that writes a page (``lint --fix``) may open."""
    allowed = _Roots()
    for root in roots:
        allowed.add(Path(os.path.realpath(root)), is_dir=os.path.isdir(root))
    real = Path(os.path.realpath(path))
    return real if allowed.contain(real) else None


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


def _walk(root: Path, named: str, roots: _Roots, diagnostics: list[Diagnostic]) -> Iterable[Source]:
    """The ``*.md`` files under ``root`` (``named`` relative to the doc set's base), in a
    stable order.  Links are followed only when their real path is inside the roots; a
    folder reached twice (a loop) is read once."""

    def rel_of(where: Path) -> str:
        if not where.is_relative_to(root):
            return where.as_posix()
        return posixpath.normpath(posixpath.join(named, where.relative_to(root).as_posix()))

    def report(exc: OSError) -> None:
        rel = rel_of(Path(exc.filename) if exc.filename else root)
        reason = exc.strerror or type(exc).__name__
        diagnostics.append(diag("DC001", Span(rel, 1, 1), f"cannot read folder {rel}: {reason}"))

    def inside(path: Path, what: str) -> Path | None:
        """The real path of ``path`` when the roots contain it; else reported."""
        real = Path(os.path.realpath(path))
        if roots.contain(real):
            return real
        rel = rel_of(path)
        try:
            written = os.readlink(path)
        except OSError:
            written = "?"
        message = f"symbolic link {rel} -> {written} leads to a {what} outside the doc roots"
        diagnostics.append(diag("DC014", Span(rel, 1, 1), f"{message}; not followed"))
        return None

    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, onerror=report, followlinks=True):
        folder = Path(dirpath)
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
        dirnames[:] = sorted(
            d for d in dirnames if not (folder / d).is_symlink() or inside(folder / d, "folder")
        )
        real_folder = Path(os.path.realpath(folder))
        for name in sorted(filenames):
            if not name.endswith(".md"):
                continue
            path = folder / name
            real = inside(path, "file") if path.is_symlink() else real_folder / name
            if real is not None:
                yield Source(path, rel_of(path), root, real)


class _NotRegular(OSError):
    pass


class _TooLarge(Exception):
    pass


def open_page(source: Source) -> int:
    """A descriptor for the page's checked real path, never through a link swapped in
    since discovery (``O_NOFOLLOW``), never blocking on a FIFO (``O_NONBLOCK``)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if source.real is not None:
        return os.open(source.real, flags | getattr(os, "O_NOFOLLOW", 0))
    return os.open(source.path, flags)


def _read_bytes(source: Source, limit: int) -> bytes:
    """Read a regular file of at most ``limit`` bytes; anything else (a FIFO, a device, a
    folder) is refused before reading, since reading a FIFO would wait forever for a
    writer, and so is a larger file: it is never read whole, not even if it grows."""
    with os.fdopen(open_page(source), "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise _NotRegular(errno.EINVAL, "not a regular file")
        if st.st_size > limit:
            raise _TooLarge
        data = handle.read(limit + 1)
        if len(data) > limit:
            raise _TooLarge
        return data


def read_text(
    source: Source, limits: Limits = DEFAULT_LIMITS
) -> tuple[Text | None, list[Diagnostic]]:
    """Decode as UTF-8 (bad bytes replaced and reported), drop a BOM, normalise line ends."""
    try:
        data = _read_bytes(source, limits.page_bytes)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [diag("DC001", Span(source.rel, 1, 1), f"cannot read {source.rel}: {reason}")]
    except _TooLarge:
        limit = f"{limits.page_bytes:,} bytes"
        message = f"page is larger than the page size limit of {limit}; not read"
        return None, [diag("DC015", Span(source.rel, 1, 1), message)]
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
