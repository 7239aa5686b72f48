"""An example request written as a call through the generated client's builders.

The SDK folds every documented path variant into builder classes (``generator.sdk.routes``);
this module walks the same folded tree for the variant an example request matches, takes
each path parameter's value from the example's URL, and splits the query into the SDK's
typed OData keywords and ``params``.  Whatever cannot be said that way (no matching
variant, a method the builder lacks, a body on a method without one, a query that is no
``key=value`` list) yields None: the suite sends such a request through
``client.request`` instead.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from generator.model import (
    BodyKind,
    ExampleRequest,
    Operation,
    PathVariant,
    Segment,
    SegmentKind,
    TypeDef,
)
from generator.paths import HTTP_METHODS, match_example, parse_path, split_url
from generator.sdk.routes import Folded, NodeClass, Step, build_tree, fold, step_for

# The SDK's typed OData keywords (``CallOptions`` in its ``_node``), in the order it sends them.
ODATA = ("select", "expand", "filter", "orderby", "search", "top", "skip", "count")
_LISTS = frozenset({"select", "expand", "orderby"})
_INTS = frozenset({"top", "skip"})
_DIGITS = re.compile(r"0|[1-9][0-9]{0,17}")
_LITERAL_SAFE = "$:()=',@!*+;&"  # as the SDK's _node writes literal segments
_COLON_END = re.compile(r":(?=/|$)")

Literal = str | int | bool | tuple[str, ...]
Calls = tuple[tuple[Operation, PathVariant], ...]  # one method's calls on a builder


@dataclass(frozen=True, slots=True)
class Link:
    """One builder step: ``.member`` (a property) or ``.member(*args)``."""

    member: str
    args: tuple[str, ...] | None  # None: a property


@dataclass(frozen=True, slots=True)
class BuilderCall:
    links: tuple[Link, ...]
    method: str  # the operation attribute: get, post, ...
    keywords: tuple[tuple[str, Literal], ...]  # typed OData keywords, in the SDK's order
    params: tuple[tuple[str, str], ...]  # the rest of the query, in documented order
    body: bool  # the call passes the example's body

    @property
    def params_dict(self) -> dict[str, str]:
        return dict(self.params)


@dataclass(frozen=True, slots=True)
class Routes:
    """The folded builder tree, indexed by step key."""

    entries: dict[str, tuple[Step, str]]  # top-level key -> (step, class name)
    classes: dict[str, NodeClass]
    root_methods: Mapping[str, Calls]

    @classmethod
    def of(cls, operations: Sequence[Operation], types: Sequence[TypeDef] = ()) -> Routes:
        """The SDK's builders for ``operations``, named with the doc set's ``types``
        (pass the model's, as the SDK does, or the names differ)."""
        folded: Folded = fold(build_tree(operations, types=types))
        return cls(
            entries={e.step.key: (e.step, e.cls.name) for e in folded.entries},
            classes={c.name: c for f in folded.files for c in f.classes},
            root_methods=dict(folded.root_operations),
        )

    def walk(self, variant: PathVariant) -> tuple[list[Step], Mapping[str, Calls]] | None:
        """The steps (named as the SDK names them) to ``variant``, and the calls of its
        methods (the page that speaks for each first)."""
        steps: list[Step] = []
        node: NodeClass | None = None
        for segment in variant.segments:
            key = step_for(segment).key
            if node is None:
                found = self.entries.get(key)
                if found is None:
                    return None
                step, target = found
            else:
                member = next((m for m in node.members if m.step.key == key), None)
                if member is None:
                    return None
                step, target = member.step, member.target
            steps.append(step)
            node = self.classes[target]
        methods = self.root_methods if node is None else dict(node.operations)
        return steps, methods


def builder_call(request: ExampleRequest, op: Operation, routes: Routes) -> BuilderCall | None:
    """The builder chain for ``request``, or None when it cannot be written as one."""
    variant = match_example(request.path, op.paths)
    if variant is None or request.method not in HTTP_METHODS:
        return None
    walked = routes.walk(variant)
    if walked is None or request.method not in walked[1]:
        return None
    has_body = request.body is not None and bool(request.body.text.strip())
    if has_body and not _takes_body(walked[1][request.method]):
        return None  # the SDK's call takes no body (the page that speaks says none)
    query = split_query(request.query)
    if query is None:
        return None
    example = parse_path(request.path, request.span).segments
    links: list[Link] = []
    sent: list[str] = []
    for step, declared, given in zip(walked[0], variant.segments, example, strict=True):
        if step.is_property:
            links.append(Link(step.member, None))
            sent.append(quote(step.text, safe=_LITERAL_SAFE))
            continue
        values = step_values(step, declared, given)
        if values is None:
            return None
        links.append(Link(step.member, values))
        sent.append(_formatted(step, values))
    if _plain("/" + "/".join(sent)) != _plain(split_url(request.path)[2]):
        return None  # the builders cannot write this URL as documented
    keywords, params = query
    return BuilderCall(tuple(links), request.method.lower(), keywords, params, has_body)


def _takes_body(calls: Calls) -> bool:
    """Whether the SDK's call has a body argument: as ``generator.sdk.render`` decides,
    unless the first path's decision (the page that speaks for the call) is no body."""
    first = calls[0][1].body if calls else None
    return first is None or first.kind is not BodyKind.NONE


def _formatted(step: Step, values: tuple[str, ...]) -> str:
    """The segment the SDK's ``Node._format`` writes for ``values``."""
    encoded = []
    for value in values:
        text = value.replace("'", "''") if step.quote_doubling else value
        encoded.append("%2E" * len(text) if text in {".", ".."} else quote(text, safe=step.safe))
    return step.template.format(*encoded)


def _plain(path: str) -> str:
    """A path as the server reads it, for comparison: decoded, case folded, without a
    trailing slash or the optional closing colon of a colon path."""
    return _COLON_END.sub("", unquote(path).casefold()).rstrip("/")


# --- path parameters -------------------------------------------------------------------------


def step_values(step: Step, declared: Segment, given: Segment) -> tuple[str, ...] | None:
    """The values to pass ``step`` so that it writes the example's segment ``given``:
    unescaped, since the SDK percent-encodes (and in OData literals doubles quotes)."""
    values: tuple[str, ...] | None
    if declared.kind is SegmentKind.FUNCTION and declared.args:
        values = _function_values(declared, given)
    else:
        values = _template_values(step.template, given.text, declared.kind)
    if values is None or len(values) != len(step.params) or not all(values):
        return None
    return values


def _function_values(declared: Segment, given: Segment) -> tuple[str, ...]:
    """Each declared argument's value from the example's argument of the same name (or
    position); the declared literal or placeholder when the example lacks it."""
    named = {a.name.casefold(): a for a in given.args if a.name}
    values: list[str] = []
    for i, arg in enumerate(declared.args):
        found = named.get(arg.name.casefold()) if arg.name else None
        if found is None and not arg.name and i < len(given.args):
            found = given.args[i]
        if found is None:
            value = arg.value if arg.value is not None else f"{{{arg.param}}}"
        elif found.value is not None:
            value = found.value.replace("''", "'") if found.quoted else found.value
        else:
            value = f"{{{found.param}}}"
        values.append(unquote(value))
    return tuple(values)


def _template_values(template: str, text: str, kind: SegmentKind) -> tuple[str, ...] | None:
    """Match ``text`` against a segment template (``{0}``, ``root:/{0}:``,
    ``key={0}``) and return the text each placeholder stands for."""
    pattern: list[str] = []
    for literal, field, _, _ in string.Formatter().parse(template):
        pattern.append(re.escape(literal))
        if field is not None:
            pattern.append("(.+?)")
    regex = "".join(pattern)
    if kind is SegmentKind.COLON_PATH:  # the closing colon is optional, as in matching
        regex, text = regex.removesuffix(":"), text.rstrip(":")
    m = re.fullmatch(regex, text, flags=re.IGNORECASE | re.DOTALL)
    return None if m is None else tuple(unquote(v) for v in m.groups())


# --- the query -------------------------------------------------------------------------------


def split_query(
    query: str,
) -> tuple[tuple[tuple[str, Literal], ...], tuple[tuple[str, str], ...]] | None:
    """``$select=id,name&$top=5&x=1`` -> ((select, (id, name)), (top, 5)), ((x, 1),).

    The documented order is kept: an OData option becomes a typed keyword only while
    the options so far come in the order the SDK sends keywords in; everything after
    goes to ``params``.  None when the query is not a list of distinct ``key=value``.
    """
    pairs: list[tuple[str, str]] = []
    for part in query.split("&") if query.strip() else []:
        key, eq, value = part.partition("=")
        key = unquote(key).strip()
        if not eq or not key or any(k == key for k, _ in pairs):
            return None
        pairs.append((key, unquote(value)))
    keywords: list[tuple[str, Literal]] = []
    rank = -1
    for i, (key, value) in enumerate(pairs):
        name = key.removeprefix("$")
        typed = _typed(name, value) if key.startswith("$") and name in ODATA else None
        if typed is None or ODATA.index(name) <= rank:
            return tuple(keywords), tuple(pairs[i:])
        keywords.append((name, typed))
        rank = ODATA.index(name)
    return tuple(keywords), ()


def _typed(name: str, value: str) -> Literal | None:
    """The keyword's value as the SDK types it, when it writes back as ``value``."""
    if name in _LISTS:
        return tuple(_split_top(value)) if value else None
    if name in _INTS:
        return int(value) if _DIGITS.fullmatch(value) else None
    if name == "count":
        return {"true": True, "false": False}.get(value)
    return value


def _split_top(text: str) -> list[str]:
    """Split on commas outside parentheses: ``a,b($select=c,d)`` -> [a, b($select=c,d)].
    Joined with commas again (as the SDK does) it is ``text`` exactly."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
