"""Changes as text, JSON or Markdown (for a pull-request comment).

Locations are shown as the user named the revisions: ``input_docs/api/x.md:12`` or
``HEAD~1:input_docs/api/x.md:12``; removals point into the old revision.  Markdown
escapes every doc-derived text, so a ``|`` in a path cannot break the table and an
``@name`` or ``<tag>`` is shown, not acted on.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.diff.change import Change, Level, Side


@dataclass(frozen=True, slots=True)
class Labels:
    """How the two revisions are named (the arguments as given), and what goes before a
    file of each to name it as the user can find it (``input_docs/``, ``HEAD~1:docs/``)."""

    old: str
    new: str
    old_prefix: str = ""
    new_prefix: str = ""

    def where(self, c: Change) -> str | None:
        if c.span is None:
            return None
        prefix = self.old_prefix if c.side is Side.OLD else self.new_prefix
        return f"{prefix}{c.span.file}:{c.span.line}"


def counts(changes: Sequence[Change]) -> dict[str, int]:
    return {level.value: sum(c.severity is level for c in changes) for level in Level}


def summary(changes: Sequence[Change]) -> str:
    if not changes:
        return "No API changes."
    n = counts(changes)
    noun = "change" if len(changes) == 1 else "changes"
    return f"{n[Level.BREAKING]} breaking, {n[Level.NON_BREAKING]} non-breaking {noun}."


def as_text(changes: Sequence[Change], labels: Labels) -> str:
    lines = []
    for c in changes:
        where = labels.where(c)
        prefix = f"{where}: " if where else ""
        lines.append(f"{prefix}{c.severity.value} {c.kind}: {_line(c.subject)}: {_line(c.reason)}")
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def as_json(changes: Sequence[Change], labels: Labels) -> str:
    data = {
        "old": labels.old,
        "new": labels.new,
        "counts": counts(changes),
        "changes": [
            {
                "kind": c.kind,
                "severity": c.severity.value,
                "subject": c.subject,
                "reason": c.reason,
                "side": c.side.value,
                "location": labels.where(c),
                "file": c.span.file if c.span else None,
                "line": c.span.line if c.span else None,
            }
            for c in changes
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FOLD = 10  # a page with more changes than this is folded (``<details>``)
FOLD_LEVEL = 50  # a level with more changes than this is folded whole, breaking never
BUDGET = 60_000  # characters: a GitHub comment holds 65,536; past this, pages are left out


def as_markdown(changes: Sequence[Change], labels: Labels, budget: int = BUDGET) -> str:
    """For a pull-request comment: breaking changes first, each level grouped by page (in
    path order), pages with many changes and long non-breaking lists folded, and no more
    than ``budget`` characters (the pages left out are counted), so that thousands of
    changes still read as a short list of what breaks."""
    between = f"{code(labels.old)} → {code(labels.new)}"
    out = ["## API changes", ""]
    if not changes:
        return "\n".join([*out, f"No API changes: {between}.", ""])
    n = counts(changes)
    out += [f"**{n[Level.BREAKING]} breaking**, {n[Level.NON_BREAKING]} non-breaking: {between}."]
    used = sum(len(line) + 1 for line in out)
    full = False  # a level was cut: the later ones are left out whole
    for level, title in ((Level.BREAKING, "Breaking"), (Level.NON_BREAKING, "Non-breaking")):
        rows = [c for c in changes if c.severity is level]
        if not rows:
            continue
        out += ["", f"### {title} ({len(rows)})", ""]
        pages = _by_page(rows, labels)
        section: list[str] = []
        left_out = sum(len(items) for _, items in pages) if full else 0
        for page, items in [] if full else pages:
            block = _page_block(page, items)
            size = sum(len(line) + 1 for line in block)
            if left_out or used + size > budget:  # nothing after the first page left out
                left_out += len(items)
                continue
            section += block
            used += size
        if left_out:
            full = True
            section += [
                f"*{left_out} more {title.lower()} changes are not shown here (a comment's "
                "size limit): `docs2code diff` lists them all.*",
                "",
            ]
        if level is Level.NON_BREAKING and len(rows) > FOLD_LEVEL and left_out < len(rows):
            summary_text = f"{len(rows)} non-breaking changes on {len(pages)} pages"
            section = [
                "<details>",
                f"<summary>{summary_text}</summary>",
                "",
                *section,
                "</details>",
            ]
        out += section
    return "\n".join(out).rstrip("\n") + "\n"


def _by_page(rows: Sequence[Change], labels: Labels) -> list[tuple[str, list[Change]]]:
    """Changes by the page they cite, as the user can find it (``HEAD~1:docs/api/x.md``)."""
    pages: dict[str, list[Change]] = {}
    for c in rows:
        where = labels.where(c)
        page = where.rsplit(":", 1)[0] if where else "(no page)"
        pages.setdefault(page, []).append(c)
    return sorted(pages.items())


def _page_block(page: str, items: Sequence[Change]) -> list[str]:
    table = ["| Change | Subject | Reason | Line |", "| --- | --- | --- | ---: |"]
    for c in items:
        line = str(c.span.line) if c.span else ""
        cells = (code(c.kind), code(c.subject), escape(c.reason), line)
        table.append("| " + " | ".join(cells) + " |")
    if len(items) > FOLD:
        summary_text = f"<code>{html.escape(_line(page))}</code> ({len(items)})"
        return ["<details>", f"<summary>{summary_text}</summary>", "", *table, "", "</details>", ""]
    return [f"{code(page)} ({len(items)})", "", *table, ""]


_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#@&!$])")


def escape(text: str) -> str:
    """Plain text for a Markdown table cell: every character Markdown (or GitHub, for
    ``@``, ``#`` and ``$`` math) could act on is backslash-escaped; line breaks become
    spaces."""
    return _SPECIAL.sub(r"\\\1", _line(text))


def code(text: str) -> str:
    """A code span that holds any text: a fence longer than any backtick run inside,
    and ``|`` escaped as GitHub tables require even in code."""
    text = _line(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _line(text: str) -> str:
    return " ".join(text.split())
