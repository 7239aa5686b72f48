"""Formatting generated Python with black, a piece at a time.

Black formats each top-level statement on its own and puts exactly two blank lines
around a top-level ``class`` or ``def`` that has at least two already, so a module can
be cut there, the pieces formatted apart (in parallel, and each remembered by the
format cache, so editing one type re-formats one class), and joined with two blank
lines: the result is black's output for the whole file, which the tests check on every
file generated for input_docs and for the corpus.

The templates write black's style, so black would mostly change nothing; a piece that
:func:`generator.render.stable.unchanged` proves black would leave as it is skips
black (its cost was most of a build's), the others are formatted as before.  The proof
follows one black release (``stable.FOLLOWS``): with any other black installed it is
off and black formats every piece.  Black gets a piece without its surrounding blank
lines: it formats text it would change twice (to settle trailing commas) and text it
would not, once.
"""

from __future__ import annotations

import ast
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Protocol, TypeVar

import black

from generator import faults
from generator.progress import Progress, counted, phase
from generator.render import stable
from generator.workers import worker_pool

BLACK_MODE = black.Mode(line_length=100)
PARALLEL_BYTES = 1_000_000  # below this, starting worker processes costs more than they save
_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
_T = TypeVar("_T")
_R = TypeVar("_R")


class FormatCache(Protocol):
    """Black's output by its input (generator.cache.formats.FormatStore)."""

    def lookup(self, text: str) -> str | None: ...

    def store(self, text: str, formatted: str) -> None: ...


def pieces(text: str) -> list[str]:
    """``text`` cut before each top-level definition (with its decorators and the comment
    lines right above it, which black keeps with it) and after each; the statements
    between definitions stay together.  Text that does not parse is one piece, for black
    to report."""
    try:
        body = ast.parse(text).body
    except SyntaxError:
        return [text]
    lines = text.splitlines(keepends=True)
    cuts: list[int] = []  # 0-based indexes of the lines where a piece starts
    previous_end = 0  # 1-based last line of the previous statement
    previous_was_definition = False
    for node in body:
        is_definition = isinstance(node, _DEFINITIONS)
        if previous_end and (is_definition or previous_was_definition):
            decorators = getattr(node, "decorator_list", [])
            start = min([node.lineno, *(d.lineno for d in decorators)]) - 1
            while start > previous_end and lines[start - 1].lstrip().startswith("#"):
                start -= 1
            cuts.append(start)
        previous_end = node.end_lineno or node.lineno
        previous_was_definition = is_definition
    # Where the text already has two empty lines, black puts exactly two; elsewhere it may
    # keep fewer (a stub class after a stub class), so the text is not cut there.
    cuts = [c for c in cuts if c >= 2 and not lines[c - 1].strip() and not lines[c - 2].strip()]
    bounds = [0, *cuts, len(lines)]
    return ["".join(lines[a:b]) for a, b in itertools.pairwise(bounds)]


def format_piece(text: str) -> str:
    """Black's output for one piece (the piece itself when black would change nothing),
    proven to compile (unlike ast.parse, compile sees duplicate arguments); a top-level
    statement compiles alone iff it does in its module."""
    bare = text.strip("\n")
    if stable.unchanged(bare):
        formatted = bare
    else:
        formatted = black.format_str(bare + "\n", mode=BLACK_MODE).strip("\n")
    compile(formatted, "<generated>", "exec", dont_inherit=True)
    return formatted


def join(formatted: Iterable[str]) -> str:
    return "\n\n\n".join(p for p in formatted if p) + "\n"


def format_python(text: str) -> str:
    """Black's output for ``text``, proven to compile."""
    return join(format_piece(p) for p in pieces(text))


def finish(path: str, text: str, cache: FormatCache | None = None) -> str:
    """Format Python with black and prove it still parses; other files pass through (as
    does a file black fails on while a build collects failures: the build then fails)."""
    return finish_all({path: text}, cache).get(path, text)


def finish_all(
    plan: dict[str, str], cache: FormatCache | None = None, progress: Progress | None = None
) -> dict[str, str]:
    """Every ``.py`` file of ``plan`` formatted.  With ``cache``, a file seen before is not
    even cut, and of the others only pieces not seen before are formatted; a large
    remainder is formatted in worker processes.  ``progress`` counts the pieces black
    formats (default: the running command's, :func:`generator.progress.reporting`)."""
    with Formatting(cache) as formatting:
        return formatting.finish(formatting.start(plan), progress)


@dataclass(slots=True)
class Started:
    """A plan whose formatting has begun (:meth:`Formatting.start`).  The Python files
    to format are kept only in pieces (joined, they are the file), and all of it is
    dropped once :meth:`Formatting.finish` has the result: a build's parts are rendered
    before any is finished, so each copy counted (issue 25: memory on 8,000 pages)."""

    result: dict[str, str]  # what needs no formatting: other files, files in the cache
    cut: dict[str, list[str]]  # the other Python files, in pieces
    done: dict[str, str]  # pieces in the cache
    todo: list[str]  # the pieces to format
    running: Iterator[str | Exception] | None  # their outcomes, from the workers


class Formatting:
    """The formatting of a build's parts with one pool of worker processes, started for
    the first part that is large enough: :meth:`start` sends a part's pieces to the
    workers as soon as the part is rendered, so that they format it while the next part
    renders, and :meth:`finish` waits for a part's result."""

    def __init__(self, cache: FormatCache | None = None) -> None:
        self.cache = cache
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Formatting:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def start(self, plan: dict[str, str]) -> Started:
        cache = self.cache
        result = {p: t for p, t in plan.items() if not p.endswith(".py")}
        cut: dict[str, list[str]] = {}
        for path, text in plan.items():
            if path.endswith(".py"):
                hit = cache.lookup(text) if cache is not None else None
                if hit is None:
                    cut[path] = pieces(text)
                else:
                    result[path] = hit
        done: dict[str, str] = {}
        todo: list[str] = []
        for piece in dict.fromkeys(p for ps in cut.values() for p in ps):
            hit = cache.lookup(piece) if cache is not None else None
            if hit is None:
                todo.append(piece)
            else:
                done[piece] = hit
        running = None
        jobs = os.cpu_count() or 1
        if todo and jobs >= 2 and (self._pool or sum(map(len, todo)) >= PARALLEL_BYTES):
            if self._pool is None:
                self._pool = worker_pool(jobs)
            running = self._pool.map(_attempt, todo, chunksize=16)  # submitted now
        return Started(result, cut, done, todo, running)

    def also(self, work: Callable[[_T], _R], items: Iterable[_T]) -> Iterator[_R] | None:
        """``work`` on each item in the pool's workers, queued after the pieces sent so
        far (a build checks its files there: generator.pipeline.plan); None when no pool
        runs.  The results, in order, must be taken before the pool is shut down."""
        if self._pool is None:
            return None
        return self._pool.map(work, items, chunksize=8)

    def finish(self, started: Started, progress: Progress | None = None) -> dict[str, str]:
        """The part's files, formatted; a file black fails on is named (render.faults)
        and left out, the others are still formatted."""
        todo, result, cut, running = started.todo, started.result, started.cut, started.running
        outcomes: dict[str, str | Exception] = dict(started.done)
        started.result, started.cut, started.done, started.todo = {}, {}, {}, []  # ours now
        started.running = None
        with phase("formatting", len(todo), progress) as advance:
            running = running if running is not None else map(_attempt, todo)
            outcomes.update(zip(todo, counted(running, advance), strict=True))
        for path, parts in cut.items():
            failed = next((o for p in parts if isinstance(o := outcomes[p], Exception)), None)
            if failed is not None:
                with faults.named(f"generated file {path}"):
                    raise failed
                continue
            result[path] = join(str(outcomes[p]) for p in parts)
        if self.cache is not None:
            for piece in todo:
                if isinstance(formatted := outcomes[piece], str):
                    self.cache.store(piece, formatted)
            for path, parts in cut.items():
                if path in result:
                    self.cache.store("".join(parts), result[path])  # the file as rendered
        return {p: result[p] for p in sorted(result)}


def _attempt(piece: str) -> str | Exception:
    """Black's output for ``piece``, or why there is none (returned, not raised, so that
    one bad piece does not stop the pool)."""
    try:
        return format_piece(piece)
    except Exception as exc:  # reported by finish_all with the file it belongs to
        return exc
