"""Changes as text, JSON or Markdown (for a pull-request comment).

Locations are shown as the user named the revisions: ``input_docs/api/x.md:12`` or
``HEAD~1:input_docs/api/x.md:12``; removals point into the old revision.  Markdown
escapes every doc-derived text, so a ``|`` in a path cannot break the table and an
``@name`` or ``<tag>`` is shown, not acted on.
"""

from __future__ import annotations

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


def as_markdown(changes: Sequence[Change], labels: Labels) -> str:
    between = f"{code(labels.old)} → {code(labels.new)}"
    out = ["## API changes", ""]
    if not changes:
        return "\n".join([*out, f"No API changes: {between}.", ""])
    n = counts(changes)
    out += [f"**{n[Level.BREAKING]} breaking**, {n[Level.NON_BREAKING]} non-breaking: {between}."]
    for level, title in ((Level.BREAKING, "Breaking"), (Level.NON_BREAKING, "Non-breaking")):
        rows = [c for c in changes if c.severity is level]
        if not rows:
            continue
        out += ["", f"### {title} ({len(rows)})", ""]
        out += ["| Change | Subject | Reason | Location |", "| --- | --- | --- | --- |"]
        for c in rows:
            where = labels.where(c)
            cells = (code(c.kind), code(c.subject), escape(c.reason), code(where) if where else "")
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


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
