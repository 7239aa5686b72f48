"""``docs2code lint --fix``: mechanical fixes that cannot change what a page means.

Each fixer turns one finding into line edits of the file as it is on disk; line endings,
a BOM and every other line stay as they were.  Nothing is written here: the command
shows the result as a diff or writes it atomically.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.lint.context import LintContext
from generator.model import (
    Diagnostic,
    ExampleRequest,
    ExampleResponse,
    PermissionOrder,
    PermissionState,
)

_PLAIN_SCOPES = re.compile(r"^[\w.\s,]+$")
_MOST_TO_LEAST = re.compile(r"most\s+to\s+least", re.IGNORECASE)
_LENGTH_VALUE = re.compile(r"^(\s*content-length\s*:\s*)(\S*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Edit:
    line: int  # 1-based
    text: str  # the whole new line, without its line ending


Lines = Sequence[str]  # a file's lines without line endings, index 0 = line 1
Fixer = Callable[[LintContext, Diagnostic, Lines], Iterable[Edit]]


def fixed_text(ctx: LintContext, findings: Sequence[Diagnostic], text: str) -> str:
    """``text`` (one file's content) with every fixable finding of that file fixed."""
    kept = text.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in kept]
    edits: dict[int, str] = {}
    for finding in findings:
        fixer = FIXERS.get(finding.code)
        if fixer is None:
            continue
        for edit in fixer(ctx, finding, bare):
            if 1 <= edit.line <= len(bare):
                edits.setdefault(edit.line, edit.text)
    for line, new in edits.items():
        old = kept[line - 1]
        kept[line - 1] = new + old[len(old.rstrip("\r\n")) :]
    return "".join(kept)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=path,
            tofile=path,
        )
    )


def _strict_annotation(ctx: LintContext, finding: Diagnostic, lines: Lines) -> Iterable[Edit]:
    """Rewrite the annotation's JSON strictly, keeping its lines and the comment markers.

    The lenient reader already knows the value; writing it back with one key per line
    (or on one line when the comment is one line) keeps the line count when it can."""
    page = ctx.pages.get(finding.span.file)
    ann = next(
        (
            a
            for a in (page.annotations if page else ())
            if a.span.line <= finding.span.line <= a.span.end_line
        ),
        None,
    )
    if ann is None or not isinstance(ann.data, dict):
        return
    first, last = ann.span.line, ann.span.end_line
    original = "\n".join(lines[first - 1 : last])
    opener = original[: original.index("<!--") + 4] if "<!--" in original else "<!--"
    closer = original[original.rindex("-->") :] if "-->" in original else "-->"
    if first == last:
        yield Edit(first, f"{opener} {json.dumps(ann.data, ensure_ascii=False)} {closer}")
        return
    body = json.dumps(ann.data, indent=2, ensure_ascii=False).split("\n")
    room = last - first + 1
    new = [f"{opener} {body[0]}", *body[1:-1], f"{body[-1]} {closer}"]
    if len(new) > room:  # too long for the lines the comment had: one line of JSON
        new = [f"{opener} {json.dumps(ann.data, ensure_ascii=False)} {closer}"]
    new[-1:-1] = [""] * (room - len(new))  # pad inside the comment, keep line numbers
    for offset, text in enumerate(new):
        yield Edit(first + offset, text)


def _content_length(ctx: LintContext, finding: Diagnostic, lines: Lines) -> Iterable[Edit]:
    """Set the value to the UTF-8 length of the body as written (LF line ends)."""
    line = finding.span.line
    for part in _messages(ctx, finding.span.file):
        if any(h.line == line and h.name.lower() == "content-length" for h in part.headers):
            length = len(part.body.text.encode("utf-8")) if part.body is not None else 0
            m = _LENGTH_VALUE.match(lines[line - 1])
            if m:
                yield Edit(line, f"{m.group(1)}{length}{lines[line - 1][m.end() :]}")
            return


def _messages(ctx: LintContext, file: str) -> Iterable[ExampleRequest | ExampleResponse]:
    for op in ctx.operations_by_page.get(file, ()):
        for ex in op.examples:
            if ex.request is not None:
                yield ex.request
            if ex.response is not None:
                yield ex.response


def _permission_order(ctx: LintContext, finding: Diagnostic, lines: Lines) -> Iterable[Edit]:
    """Say "least to most" in the header and reverse each plain comma-separated cell.

    The model's scopes are already least to most; a cell with markup or prose is left
    alone, and then the header is too, so the table never claims an order it lacks."""
    ops = ctx.operations_by_page.get(finding.span.file, [])
    tables = [
        t
        for op in ops[:1]
        if op.permissions is not None
        for t in op.permissions.tables
        if t.span.line == finding.span.line and t.stated_order == PermissionOrder.MOST_TO_LEAST
    ]
    for table in tables:
        edits: list[Edit] = []
        for entry in table.entries:
            if entry.state != PermissionState.SCOPES or len(entry.scopes) < 2:
                continue
            cell = entry.raw.strip()
            row = lines[entry.span.line - 1]
            if not _PLAIN_SCOPES.match(cell) or row.count(cell) != 1:
                return
            edits.append(Edit(entry.span.line, row.replace(cell, ", ".join(entry.scopes))))
        header = lines[table.span.line - 1]
        yield Edit(table.span.line, _MOST_TO_LEAST.sub("least to most", header, count=1))
        yield from edits


FIXERS: dict[str, Fixer] = {
    "DC006": _strict_annotation,
    "DC304": _content_length,
    "DC405": _permission_order,
}
