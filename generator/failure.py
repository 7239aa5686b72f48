"""An internal error (a bug in docs2code, not in the docs) as a value.

Lint rules, renderers, serialization and comparison collect their failures as values and
go on with the other pages and items; commands print one line per failure, naming what
failed and where the docs define it, and the traceback only with ``--debug``.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model import ExampleRequest, Operation, Page, Span, TypeDef

Subject = Operation | TypeDef | Page | ExampleRequest


@dataclass(frozen=True, slots=True)
class Failure:
    what: str  # "operation api/user-get.get", "type microsoft.graph.user"
    span: Span | None  # where the docs define it; None: no one place
    error: str  # describe(exception)
    traceback: str

    @classmethod
    def of(cls, what: str, span: Span | None, exc: BaseException) -> Failure:
        return cls(what, span, describe(exc), traceback_of(exc))

    def line(self) -> str:
        """``operation api/a.get (api/a.md:3): TypeError: ...``"""
        where = f" ({self.span.file}:{self.span.line})" if self.span is not None else ""
        return f"{self.what}{where}: {self.error}"


def describe(exc: BaseException) -> str:
    """``Type: message``, the message on one line (it may quote doc text)."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def traceback_of(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def name_of(item: Subject) -> tuple[str, Span]:
    """How a failure names a model item, and where the docs define it."""
    if isinstance(item, Operation):
        return f"operation {item.id}", item.source
    if isinstance(item, TypeDef):
        return f"type {item.full_name}", item.source
    if isinstance(item, ExampleRequest):
        return f"example {item.method} {item.url[:80]}", item.span
    return f"page {item.path}", Span(item.path, 1, 1)


def failures_in(items: Iterable[Subject], work: Callable[[Subject], object]) -> list[Failure]:
    """``work`` done on each item; a failure for each it raised on.  What a command calls
    to say which items a whole-model step (serializing, say) failed on."""
    found: list[Failure] = []
    for item in items:
        try:
            work(item)
        except Exception as exc:  # the failing item is the answer
            found.append(Failure.of(*name_of(item), exc))
    return found
