"""Codes for what the reader itself notices while building the model.

Reader codes are ``DC0xx``; lint rules (their own modules) use ``DC1xx`` and up.
A reader diagnostic means the model may be incomplete for that spot; it never stops
the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Diagnostic, Severity, Span


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    summary: str


READER_CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("DC000", Severity.ERROR, "internal error while reading a page"),
        Code("DC001", Severity.ERROR, "file cannot be read"),
        Code("DC002", Severity.WARNING, "file is not valid UTF-8"),
        Code("DC003", Severity.ERROR, "front matter is not valid YAML"),
        Code("DC004", Severity.ERROR, "fenced code block is never closed"),
        Code("DC005", Severity.ERROR, "HTML comment is never closed"),
        Code("DC006", Severity.WARNING, "annotation is not strict JSON"),
        Code("DC007", Severity.ERROR, "annotation cannot be read as JSON"),
        Code("DC008", Severity.INFO, "file is empty"),
        Code("DC009", Severity.WARNING, "duplicate type definition"),
        Code("DC010", Severity.WARNING, "HTTP request line cannot be read"),
        Code("DC011", Severity.WARNING, "example block cannot be read"),
        Code("DC012", Severity.INFO, "file starts with a byte-order mark"),
        Code("DC013", Severity.ERROR, "path is not a readable document"),
        Code("DC014", Severity.ERROR, "symbolic link leads outside the doc roots"),
        Code("DC015", Severity.ERROR, "page is larger than the page size limit"),
        Code("DC016", Severity.WARNING, "value nests deeper than the nesting limit"),
        Code("DC017", Severity.WARNING, "table is larger than the table limits"),
        Code("DC018", Severity.WARNING, "annotation is larger than the annotation size limit"),
        Code("DC019", Severity.WARNING, "page has more Markdown elements than the element limit"),
    )
}


def diag(code: str, span: Span, message: str) -> Diagnostic:
    """Build a reader diagnostic with the code's registered severity."""
    return Diagnostic(code, READER_CODES[code].severity, span, message)
