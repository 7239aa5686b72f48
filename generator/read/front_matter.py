"""YAML front matter, read with python-frontmatter's handler and a loader that refuses aliases.

Aliases are refused because a few lines of anchors can expand to gigabytes once the
value is walked (the "billion laughs" bomb); no real doc page needs them.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from generator.diagnostics import diag
from generator.model import Diagnostic, Span
from generator.read.limits import DEFAULT_LIMITS

_BOUNDARY = re.compile(r"^-{3,}[ \t]*$")
# A key of the top-level mapping: at the start of its line, quoted or not, then ':'.
_TOP_KEY = re.compile(r"""^(?:"([^"\\]*)"|'([^']*)'|([\w.][^:#]*?))[ \t]*:(?:[ \t]|$)""")


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _TooDeep(yaml.MarkedYAMLError):
    """Nesting beyond the limit: DC016, not a YAML error (DC003)."""


def _load(text: str, max_depth: int) -> Any:
    """Refuse aliases and deep nesting before building anything: scanning events is
    cheap and bounded by the text's size, whereas constructing an alias bomb is not, and
    building (and later walking) thousands of nested collections recurses too deep.
    Text without ``*`` has no alias, and one with fewer lines and brackets than the
    limit cannot nest that deep: it is loaded without the scan (nearly every page)."""
    if "*" not in text and text.count("\n") + text.count("[") + text.count("{") < max_depth:
        return YAMLHandler().load(text, Loader=_Loader)
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="YAML aliases are not allowed in front matter",
                problem_mark=event.start_mark,  # type: ignore[arg-type]  # C and Python marks
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise _TooDeep(
                    problem=f"front matter nests deeper than the nesting limit of {max_depth} "
                    "levels; not read",
                    problem_mark=event.start_mark,  # type: ignore[arg-type]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return YAMLHandler().load(text, Loader=_Loader)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    data: dict[str, Any] | None  # None when the page has no (readable) front matter
    end_line: int  # last line of the front matter block, 0 when there is none
    body: str  # the text with the front matter lines blanked, so line numbers stay true
    key_lines: tuple[tuple[str, int], ...] = ()  # (top-level key, file line) of ``data``


def read_front_matter(
    text: str, file: str, max_depth: int = DEFAULT_LIMITS.depth
) -> tuple[FrontMatter, list[Diagnostic]]:
    lines = text.split("\n")
    if not lines or not _BOUNDARY.match(lines[0]):
        return FrontMatter(None, 0, text), []
    close = next((i for i in range(1, len(lines)) if _BOUNDARY.match(lines[i])), None)
    if close is None:
        return FrontMatter(None, 0, text), [
            diag("DC003", Span(file, 1, 1), "front matter opened with '---' is never closed")
        ]
    body = "\n" * (close + 1) + "\n".join(lines[close + 1 :])
    yaml_text = "\n".join(lines[1:close])
    try:
        data = _load(yaml_text, max_depth)
    except _TooDeep as exc:
        line = 2 + _error_line(exc, yaml_text)
        return FrontMatter(None, close + 1, body), [
            diag("DC016", Span(file, line, line), str(exc.problem))
        ]
    except yaml.YAMLError as exc:
        line = 2 + _error_line(exc, yaml_text)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        at = Span(file, line, line, _error_column(exc, yaml_text, line - 2))
        return FrontMatter(None, close + 1, body), [
            diag("DC003", at, f"front matter is not valid YAML: {problem}")
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(None, close + 1, body), [
            diag(
                "DC003",
                Span(file, 2, close),
                f"front matter is a {type(data).__name__}, not a mapping of keys",
            )
        ]
    plain = {str(k): _plain(v) for k, v in data.items()}
    return FrontMatter(plain, close + 1, body, _key_lines(lines[1:close], plain)), []


def _key_lines(lines: list[str], data: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    """The file line of each top-level key (the front matter's first line is line 2)."""
    found: dict[str, int] = {}
    for n, line in enumerate(lines):
        m = _TOP_KEY.match(line)
        if m is None:
            continue
        double, single, bare = m.groups()
        key = next(k for k in (bare, single, double) if k is not None).strip()
        if key in data:
            found.setdefault(key, n + 2)
    return tuple(found.items())


def _error_line(exc: yaml.YAMLError, text: str) -> int:
    """The 0-based line of ``text`` a YAML error is about."""
    if isinstance(exc, yaml.reader.ReaderError):  # a bad character: no mark, a position
        if _Loader is yaml.SafeLoader:
            return text.count("\n", 0, exc.position)
        return text.encode("utf-8").count(b"\n", 0, exc.position)  # libyaml counts bytes
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return 0
    context = getattr(exc, "context_mark", None)
    if mark.index >= len(text) and context is not None:
        mark = context  # the text ended early: point at what was left open
    return min(int(mark.line), text.count("\n"))


def _error_column(exc: yaml.YAMLError, text: str, line: int) -> int:
    """The 1-based column a YAML error points at on its line, when the error has a mark
    on that line (1 otherwise)."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None or int(mark.line) != line or mark.index >= len(text):
        return 1
    return int(mark.column) + 1


def _plain(value: Any) -> Any:
    """Keep front matter JSON-serializable: dates, ``.nan``, ``.inf`` and other YAML
    scalars that JSON has no value for become strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, _dt.date | _dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
