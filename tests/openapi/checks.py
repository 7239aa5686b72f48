"""Checks of an OpenAPI export shared by the tests: every documented example against the
schema of the media type it stands under (jsonschema, JSON Schema 2020-12, formats as
annotations, enums as their ``x-docs2code-*`` extensions say the service reads them), and
which examples the linter reports."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.model import Model

DOC_URI = "urn:docs2code:openapi"
# What the linter says about an example body's values or JSON, or about the call it
# makes (DC301: a path the page does not declare, so another call's body; DC312: what
# the page says the call takes disagrees with itself): such a body may not fit.
BODY_CODES = frozenset({"DC301", "DC305", "DC312", "DC505"})


@dataclass(frozen=True, slots=True)
class Checked:
    where: str  # METHOD path: request body / status, media type, example name
    source: str  # page:line of the example's first line
    error: str | None  # why it does not validate; None when it does


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _contents(doc: dict[str, Any]) -> Iterator[tuple[str, tuple[str, ...], dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {})
            for media, entry in body.get("content", {}).items():
                where = f"{method.upper()} {path} request {media}"
                yield where, ("paths", path, method, "requestBody", "content", media), entry
            for status, response in op["responses"].items():
                for media, entry in response.get("content", {}).items():
                    where = f"{method.upper()} {path} {status} {media}"
                    parts = ("paths", path, method, "responses", status, "content", media)
                    yield where, parts, entry


_META = frozenset("\\^$.|?*+()[]{}/")


def _insensitive(name: str) -> str:
    """A regex for ``name`` in any case."""
    out: list[str] = []
    for c in name:
        low, up = c.lower(), c.upper()
        if low != up and len(low) == len(up) == 1:
            out.append(f"[{low}{up}]")
        else:
            out.append("\\" + c if c in _META else c)
    return "".join(out)


def as_the_service_reads(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with each enum that says it is read in any case
    (``x-docs2code-case-insensitive``) and as comma-separated members
    (``x-docs2code-comma-separated``) made to accept what it says: an ``anyOf`` of the
    enum and a pattern."""
    out = copy.copy(doc)
    schemas = dict(doc["components"]["schemas"])
    for name, schema in schemas.items():
        members = schema.get("enum")
        if not members or not schema.get("x-docs2code-case-insensitive"):
            continue
        one = "|".join(_insensitive(m) for m in members)
        pattern = f"^\\s*(?:{one})\\s*$"
        if schema.get("x-docs2code-comma-separated"):
            pattern = f"^\\s*(?:{one})\\s*(?:,\\s*(?:{one})\\s*)*$"
        rest = {k: v for k, v in schema.items() if k != "enum"}
        schemas[name] = {**rest, "anyOf": [{"enum": members}, {"pattern": pattern}]}
    out["components"] = {**doc["components"], "schemas": schemas}
    return out


def _given(value: Any) -> Any:
    """``value`` without the properties an example leaves out (``""``, ``"..."``), as the
    linter reads them (DC505): a value left out is not a wrong one."""
    if isinstance(value, dict):
        return {
            k: _given(v)
            for k, v in value.items()
            if not (isinstance(v, str) and (not v.strip() or "..." in v or "\u2026" in v))
        }
    if isinstance(value, list):
        return [_given(v) for v in value]
    return value


def check_examples(doc: dict[str, Any]) -> Iterator[Checked]:
    """Every example with a JSON value, validated against its media type's schema (the
    enums as the service reads them: :func:`as_the_service_reads`)."""
    doc = as_the_service_reads(doc)
    resource = Resource(contents=doc, specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(DOC_URI, resource)
    for where, parts, entry in _contents(doc):
        media = parts[-1]
        if not (media == "application/json" or media.endswith("+json")):
            continue
        schema = {"$ref": f"{DOC_URI}#/{_pointer(*parts, 'schema')}"}
        validator = Draft202012Validator(schema, registry=registry)
        for name, example in entry.get("examples", {}).items():
            if "value" not in example:
                continue
            error = next(iter(validator.iter_errors(_given(example["value"]))), None)
            message = None
            if error is not None:
                at = "/".join(map(str, error.absolute_path))
                message = f"at /{at}: {error.message[:200]}"
            yield Checked(f"{where} {name}", example["x-docs2code-source"], message)


def reported_blocks(model: Model, codes: frozenset[str] = BODY_CODES) -> dict[str, set[str]]:
    """``page:line`` (as in ``x-docs2code-source``) of every example whose request or
    response block has a finding of ``codes`` in it -> those codes."""
    from generator.lint.config import LintConfig
    from generator.lint.engine import lint
    from generator.lint.registry import RULES

    lines: dict[str, list[tuple[int, str]]] = {}
    for finding in lint(model, RULES, LintConfig()).findings:
        if finding.code in codes:
            lines.setdefault(finding.span.file, []).append((finding.span.line, finding.code))
    found: dict[str, set[str]] = {}
    for op in model.operations:
        for ex in op.examples:
            for block in (ex.request, ex.response):
                if block is None:
                    continue
                span = block.span
                hits = {c for n, c in lines.get(span.file, ()) if span.line <= n <= span.end_line}
                if hits:
                    first = ex.request or block
                    key = f"{first.span.file}:{first.span.first_content_line().line}"
                    found.setdefault(key, set()).update(hits)
    return found
