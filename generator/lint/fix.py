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
_MOST_TO_LEAST = re.compile(r"\b(most)\b(.*?)\b(least)\b", re.IGNORECASE)
_LENGTH_VALUE = re.compile(r"^(\s*content-length\s*:\s*)(\S*)", re.IGNORECASE)
# Lines as the reader counts them (generator.read.sources): CRLF, CR or LF end a line, and
# nothing else does (str.splitlines would also split at form feeds, U+2028 and more,
# putting every later edit on the wrong line).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Edit:
    line: int  # 1-based
    text: str  # the whole new line, without its line ending


Lines = Sequence[str]  # a file's lines without line endings, index 0 = line 1
Fixer = Callable[[LintContext, Diagnostic, Lines], Iterable[Edit]]


def fixed_text(ctx: LintContext, findings: Sequence[Diagnostic], text: str) -> str:
    """``text`` (one file's content) with every fixable finding of that file fixed."""
    bom = _BOM if text.startswith(_BOM) else ""  # the reader drops it: so do the fixers
    kept = split_lines(text[len(bom) :])
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
    return bom + "".join(kept)


def split_lines(text: str) -> list[str]:
    """``text``'s lines with their line endings, split where the reader splits."""
    return _LINE.findall(text)


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        split_lines(before), split_lines(after), fromfile=path, tofile=path
    )
    # A last line without a line ending would run into the next one: mark it as diff does.
    return "".join(
        line if line.endswith(("\n", "\r")) else f"{line}\n\\ No newline at end of file\n"
        for line in lines
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
            body = part.body.text.replace("\r\n", "\n") if part.body is not None else ""
            length = len(body.encode("utf-8"))
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
    table = next(  # operations of one page share its tables: take the first that has it
        (
            t
            for op in ops
            if op.permissions is not None
            for t in op.permissions.tables
            if t.span.line == finding.span.line and t.stated_order == PermissionOrder.MOST_TO_LEAST
        ),
        None,
    )
    if table is not None:
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
        new_header = _MOST_TO_LEAST.sub(_swap_most_least, header, count=1)
        if new_header == header:  # the order is stated some other way: change nothing
            return
        yield Edit(table.span.line, new_header)
        yield from edits


def _swap_most_least(m: re.Match[str]) -> str:
    """``most ... least`` as ``least ... most``, each word in the case of the one it replaces."""

    def like(word: str, model: str) -> str:
        if model.isupper():
            return word.upper()
        return word.capitalize() if model[0].isupper() else word

    return f"{like('least', m.group(1))}{m.group(2)}{like('most', m.group(3))}"


FIXERS: dict[str, Fixer] = {
    "DC006": _strict_annotation,
    "DC304": _content_length,
    "DC405": _permission_order,
}
