"""Route patterns of the stub server, and the path normalization it matches requests by.

A route's pattern is a full-match regex over the request path as the app reads it
(:func:`route_path`): percent-decoded segment by segment, an encoded slash kept as
``%2F`` so that it stays inside its segment.  The app (``templates/stubs/app.py``)
does the same with a few lines of its own; :func:`first_match` mirrors its dispatch, so
the generator knows which route will answer each documented example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from generator.model import PathVariant, Segment, SegmentKind
from generator.paths import parse_path

_PARAM = re.compile(r"\{([^{}]*)\}")
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_ENCODED_SLASH = re.compile("%2f", re.IGNORECASE)


def safe_name(name: str, taken: set[str]) -> str:
    """An identifier for a path parameter, unique among ``taken`` (which it joins)."""
    base = re.sub(r"\W", "_", name.encode("ascii", "replace").decode("ascii")).strip("_")
    base = base.lower() or "param"
    if not re.match(r"[a-z]", base):
        base = f"p_{base}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def route_path(raw: str) -> str:
    """A raw (percent-encoded) path as routes match it: each segment decoded, an encoded
    slash kept as ``%2F``: ``/me/activities/%2Fa%3F1`` -> ``/me/activities/%2Fa?1``."""
    return "/".join(unquote(_ENCODED_SLASH.sub("%252F", seg)) for seg in raw.split("/"))


def plain(path: str) -> str:
    """A route path for comparing example paths: case folded, no trailing slash."""
    return path.casefold().rstrip("/") or "/"


def first_segment(path: str) -> str:
    """The index key of a path: its first segment, case folded."""
    return path.lstrip("/").split("/", 1)[0].casefold()


@dataclass(frozen=True, slots=True)
class CompiledPath:
    template: str  # as the request log shows it
    pattern: str  # a full-match regex with one named group per parameter
    params: tuple[tuple[str, str], ...]  # (group name, parameter name as documented)

    @property
    def shape(self) -> str:
        """The pattern without its group names: routes of one shape match the same paths."""
        return _GROUP_NAME.sub("(", self.pattern).lower()

    @property
    def key(self) -> str | None:
        """The first segment when it is literal, else None (the route may match any)."""
        first = first_segment(self.template)
        return None if "{" in first else first

    def regex(self) -> re.Pattern[str]:
        """As the app compiles it: case-blind, an optional trailing slash."""
        return re.compile(self.pattern + "/?", re.IGNORECASE)


def _function_text(segment: Segment) -> str:
    """A function segment with every argument a placeholder: a literal value
    (``on='parameterValue'``) becomes one named after its argument."""
    args = []
    for i, arg in enumerate(segment.args):
        slot = "{" + (arg.param or arg.name or f"arg{i + 1}") + "}"
        value = f"'{slot}'" if arg.quoted else slot
        args.append(f"{arg.name}={value}" if arg.name else value)
    return f"{segment.name}({','.join(args)})"


def placeholder_arguments(variant: PathVariant) -> PathVariant:
    """``variant`` with OData function arguments declared as literal values turned into
    placeholders: docs write ``getActivitiesByInterval(startDateTime='2017-01-01',...)``
    for a function that takes any date."""
    if not any(a.value is not None for s in variant.segments for a in s.args):
        return variant
    texts = [
        _function_text(s) if s.kind is SegmentKind.FUNCTION else s.text for s in variant.segments
    ]
    return parse_path("/" + "/".join(texts), variant.span)


def compile_path(declared: PathVariant) -> CompiledPath:
    """Regex for a template.  Parameters inside an OneDrive colon path
    (``root:/{item-path}:``) may hold slashes; all others match one path segment."""
    variant = placeholder_arguments(declared)
    spanning = {p for s in variant.segments if s.kind == SegmentKind.COLON_PATH for p in s.params}
    template = variant.template
    taken: set[str] = set()
    params: list[tuple[str, str]] = []
    regex: list[str] = []
    last = 0
    for m in _PARAM.finditer(template):
        regex.append(re.escape(route_path(template[last : m.start()])))
        name = safe_name(m.group(1), taken)
        params.append((name, m.group(1)))
        regex.append(f"(?P<{name}>{'.*' if m.group(1) in spanning else '[^/]+'})")
        last = m.end()
    regex.append(re.escape(route_path(template[last:])))
    return CompiledPath(template=template, pattern="".join(regex), params=tuple(params))


def exact_path(path: str) -> CompiledPath:
    """A route for one documented example path (a route path, see :func:`route_path`)."""
    return CompiledPath(template=path, pattern=re.escape(path), params=())


class RouteIndex:
    """Compiled routes in dispatch order, indexed by literal first segment, so that a
    request is tried against the routes that can match it only."""

    def __init__(self, paths: Iterable[CompiledPath]) -> None:
        self.paths: list[CompiledPath] = []
        self.regexes: list[re.Pattern[str]] = []
        self.by_key: dict[str | None, list[int]] = {}
        for path in paths:
            self.add(path)

    def add(self, path: CompiledPath) -> int:
        self.paths.append(path)
        self.regexes.append(path.regex())
        self.by_key.setdefault(path.key, []).append(len(self.paths) - 1)
        return len(self.paths) - 1

    def matches(self, path: str) -> list[tuple[int, re.Match[str]]]:
        """(position, match) of every route matching ``path``, in dispatch order."""
        found = [
            (i, m)
            for i in sorted(self.by_key.get(first_segment(path), []) + self.by_key.get(None, []))
            if (m := self.regexes[i].fullmatch(path)) is not None
        ]
        return found


def first_match(
    index: RouteIndex, methods: Sequence[str], method: str, path: str
) -> tuple[int, dict[str, str]] | None:
    """The route the app answers ``method path`` with (``methods[i]`` is route i's), and
    the parameter values (decoded) it reads from the path."""
    for i, m in index.matches(path):
        if methods[i] == method:
            return i, {k: unquote(v) for k, v in m.groupdict().items()}
    return None
