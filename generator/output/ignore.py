"""``OUT/.docs2code-ignore``: files in the output folder that the user owns.

Gitignore-like, as ``.openapi-generator-ignore`` is: one glob per line; blank lines and
lines starting with ``#`` are skipped; ``!`` re-includes; ``*`` and ``?`` stay within one
path segment, ``**`` spans any number of them; a pattern with a ``/`` (other than a final
one) is anchored at the output folder, one without matches at any depth; a trailing ``/``
matches folders only; a pattern that matches a folder covers everything under it.  The
last matching line wins.  A matched file is never written, never deleted, never stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.output.layout import IGNORE
from generator.output.verify import Problem


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    negated: bool
    folders_only: bool


@dataclass(frozen=True, slots=True)
class IgnoreRules:
    rules: tuple[Rule, ...] = ()

    def ignores(self, rel: str) -> bool:
        """Whether the file ``rel`` (relative, ``/``-separated) belongs to the user."""
        parts = rel.split("/")
        candidates = [("/".join(parts[:n]), True) for n in range(1, len(parts))]
        candidates.append((rel, False))
        ignored = False
        for rule in self.rules:
            for path, is_folder in candidates:
                if (is_folder or not rule.folders_only) and rule.pattern.fullmatch(path):
                    ignored = not rule.negated
                    break
        return ignored


def parse_ignore(text: str) -> IgnoreRules:
    rules: list[Rule] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line.removeprefix("!")
        if line.startswith(("\\#", "\\!")):
            line = line[1:]
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        line = line.lstrip("/")
        if not line:
            continue
        body = _glob(line)
        regex = body if anchored else f"(?:.*/)?{body}"
        rules.append(Rule(re.compile(regex, re.DOTALL), negated, folders_only))
    return IgnoreRules(tuple(rules))


def load_ignore(out: Path) -> IgnoreRules | Problem:
    path = out / IGNORE
    try:
        return parse_ignore(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return IgnoreRules()
    except (OSError, UnicodeDecodeError) as exc:
        return Problem(IGNORE, f"cannot read the ignore file: {exc}")


def _glob(pattern: str) -> str:
    """A glob as a regular expression over a ``/``-separated path."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            inner = pattern[i + 1 : end]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)
