"""Turn the JSON inside a ``<!-- { ... } -->`` comment into an :class:`Annotation`.

Annotations are hand-written, so they are read leniently: each repair becomes a DC006
warning at the file line it concerns, and only text that cannot be read at all (DC007)
loses the annotation.  Values are normalized here once, so that no later stage has to
know that ``@type`` means ``@odata.type`` or that ``"true"`` means ``True``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any

from generator.diagnostics import diag
from generator.model import Annotation, Diagnostic, Span
from generator.read.json_positions import Positions, line_and_column, positions
from generator.read.lenient_json import Deviation, loads_lenient
from generator.read.limits import DEFAULT_LIMITS, Limits

PAGE_ANNOTATION = "#page.annotation"
_LIST_SEPARATORS = re.compile(r"[\s,]+")


def parse_annotation(
    comment: str, span: Span, limits: Limits = DEFAULT_LIMITS, columns: Sequence[int] = ()
) -> tuple[Annotation | None, list[Diagnostic]]:
    """Read one comment body; ``(None, [])`` when it is not JSON-like at all.

    ``comment`` is the text between ``<!--`` and ``-->``; ``span.line`` is the file line
    of ``<!--``, which is also line 0 of ``comment``, and ``span.column`` its column.
    ``columns``: the 0-based file column at which each line of ``comment`` starts (by
    default, line 0 right after ``<!--``, the others at the start of their line), so
    that :attr:`Annotation.key_lines` give each key's column.  A comment over the size
    or the nesting limit is reported and not read.
    """
    if not comment.lstrip().startswith("{"):
        return None, []
    if len(comment) > limits.annotation_bytes or (
        len(comment.encode("utf-8", "surrogatepass")) > limits.annotation_bytes
    ):
        message = (
            f"annotation is larger than the annotation size limit of "
            f"{limits.annotation_bytes:,} bytes; not read"
        )
        return None, [diag("DC018", _at(span, 0), message)]
    result = loads_lenient(comment, limits.depth)
    if result.too_deep:
        message = (
            f"annotation nests deeper than the nesting limit of {limits.depth} levels; not read"
        )
        return None, [diag("DC016", _at(span, result.error_line), message)]
    if not result.ok:
        where = _at(span, result.error_line)
        return None, [diag("DC007", where, f"annotation cannot be read as JSON: {result.error}")]
    if not isinstance(result.value, dict):
        kind = type(result.value).__name__
        return None, [diag("DC007", _at(span, 0), f"annotation is a JSON {kind}, not an object")]
    diagnostics = [_deviation_diag(dev, span) for dev in result.deviations]
    whole = Span(span.file, span.line, span.line + comment.count("\n"), span.column)
    kinds = tuple(dev.kind for dev in result.deviations)
    annotation = _build(result.value, whole, kinds)
    key_lines = Where(comment, span, columns).keys(result.value)
    return replace(annotation, key_lines=key_lines), diagnostics


class Where:
    """File lines and columns of the keys of an annotation comment and of the strings of
    their array values (``suppressions``), so that findings point at the key itself."""

    def __init__(self, comment: str, span: Span, columns: Sequence[int] = ()) -> None:
        self.comment = comment
        self.span = span
        self.columns = columns

    @cached_property
    def found(self) -> Positions:
        return positions(self.comment)

    def span_at(self, offset: int) -> Span:
        line, column = self.at(offset)
        return Span(self.span.file, line, line, column)

    def at(self, offset: int) -> tuple[int, int]:
        """The file line and 1-based column of an offset into the comment."""
        line, column = line_and_column(self.comment, offset)
        if line < len(self.columns):
            start = self.columns[line]
        else:
            start = self.span.column - 1 + len("<!--") if line == 0 else 0
        return self.span.line + line, start + column + 1

    def keys(self, data: dict[str, Any]) -> tuple[tuple[str, int, int], ...]:
        found: list[tuple[str, int, int]] = []
        for key in data:
            offset = self.found.keys.get(key)
            if offset is not None:
                found.append((key, *self.at(offset)))
        return tuple(found)

    def items(self, key: str) -> tuple[tuple[str, Span], ...]:
        """The strings of ``key``'s array value (or its one string), each with its span."""
        return tuple((text, self.span_at(offset)) for text, offset in self.found.items.get(key, ()))


def _at(span: Span, offset: int) -> Span:
    """The file line ``offset`` lines into the comment."""
    line = span.line + offset
    return Span(span.file, line, line, span.column if offset == 0 else 1)


def _deviation_diag(dev: Deviation, span: Span) -> Diagnostic:
    message = f"annotation is not strict JSON: {dev.kind} {dev.detail}"
    return diag("DC006", _at(span, dev.line), message)


def _build(data: dict[str, Any], span: Span, deviations: tuple[str, ...]) -> Annotation:
    """Normalize the keys the tool understands; keep everything in ``data``."""
    odata_type = _text(data.get("@odata.type"))
    return Annotation(
        span=span,
        block_type=_text(data.get("blockType")),
        is_page=data.get("type") == PAGE_ANNOTATION,
        name=_text(data.get("name")),
        odata_type=odata_type if odata_type is not None else _text(data.get("@type")),
        truncated=_flag(data.get("truncated")),
        is_collection=_flag(data.get("isCollection")),
        scopes=_words(data.get("scopes", data.get("scope"))),
        target=_text(data.get("target")),
        base_type=_text(data.get("baseType")),
        key_property=_text(data.get("keyProperty")),
        open_type=_flag(data.get("openType")),
        optional_properties=_words(data.get("optionalProperties")),
        suppressions=_suppressions(data.get("suppressions")),
        data=data,
        deviations=deviations,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _flag(value: Any) -> bool:
    """Booleans, and the strings ``"true"``/``"false"`` some annotations use instead."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() == "true"


def _strings(value: Any) -> list[str]:
    """A string or a list of them (anything else is ignored)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _words(value: Any) -> tuple[str, ...]:
    """Names given as a list or as one space- or comma-separated string."""
    return tuple(word for item in _strings(value) for word in _LIST_SEPARATORS.split(item) if word)


def _suppressions(value: Any) -> tuple[str, ...]:
    """Suppression texts with whitespace runs (often raw newlines) collapsed to one space."""
    return tuple(text for text in (" ".join(item.split()) for item in _strings(value)) if text)
