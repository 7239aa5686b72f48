"""The OpenAPI export of the whole Graph v1.0 corpus (``../shared/corpus/graph-v1.0``, or
``DOCS2CODE_CORPUS``): openapi-spec-validator accepts it, and every documented example
validates against the schema the export gives it, except bodies the linter reports
(DC505: a value of another type than declared; DC305: not the JSON it should be).
Each operation says what generators and mock servers need (issue 23): plain enums, one
version in ``servers``, no required empty request body, ``Location`` headers, bytes for
content endpoints, pageable collections, the documented query options, typed success
schemas.  The counts are printed with ``[openapi]`` in front."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from openapi_spec_validator import validate

from generator.model import BodyKind, Model, Operation, PathVariant, TypeKind
from generator.openapi import openapi_document
from generator.openapi.schemas import Components
from tests.openapi.checks import check_examples, reported_blocks

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def model(corpus_model: Model) -> Model:
    return corpus_model


@pytest.fixture(scope="module")
def doc(model: Model) -> dict[str, Any]:
    return openapi_document(model)


def test_corpus_export_is_valid_openapi(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    validate(doc)
    operations = [op for item in doc["paths"].values() for op in item.values()]
    documented = {(op.id, v.raw) for op in model.operations for v in op.paths}
    exported = {(d["id"], d["path"]) for op in operations for d in op["x-docs2code-operations"]}
    left_out = {(d["id"], d["path"]) for d in doc.get("x-docs2code-left-out", [])}
    with capsys.disabled():
        print(
            f"\n[openapi] {len(doc['paths'])} paths, {len(operations)} operations for "
            f"{len(documented)} documented (operation, path) pairs, "
            f"{len(doc['components']['schemas'])} schemas, {len(left_out)} left out"
        )
    assert exported | left_out == documented
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))


def test_corpus_examples_validate_against_their_schemas(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    checked = list(check_examples(doc))
    reported = reported_blocks(model)
    invalid = [c for c in checked if c.error is not None]
    unreported = [c for c in invalid if c.source not in reported]
    counts = Counter("request" if " request " in c.where else "response" for c in checked)
    codes = Counter(code for c in invalid for code in reported.get(c.source, {"none"}))
    with capsys.disabled():
        print(
            f"\n[openapi] {len(checked)} example bodies checked ({counts['request']} requests, "
            f"{counts['response']} responses): {len(checked) - len(invalid)} valid, "
            f"{len(invalid)} invalid; the invalid ones by the linter's findings in their "
            f"example: {dict(sorted(codes.items()))}; {len(unreported)} invalid and not reported"
        )
        for c in unreported[:20]:
            print(f"[openapi]   {c.source} {c.where}: {c.error}")
    assert len(checked) > 2000
    assert unreported == []


# --- what generators and mock servers need of each operation (issue 23) -----------------

_CONTENT = ("/$value", "/content")
_POSITIVE_OPTION = re.compile(r"\$(?:select|expand|filter|orderby|top|skip|count|search)\b")
_SUPPORTS = re.compile(r"\bsupports?\b.*\bquery\s+param", re.IGNORECASE)
_NOT = re.compile(r"\bnot\b|n't\b", re.IGNORECASE)


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op) for path, item in doc["paths"].items() for method, op in item.items()
    ]


def _json_success(op: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [
        (int(status), entry["schema"])
        for status, answer in op["responses"].items()
        if status.isdigit() and 200 <= int(status) < 300
        for media, entry in answer.get("content", {}).items()
        if media == "application/json"
    ]


def test_corpus_enums_are_plain_and_servers_one_version(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    schemas = doc["components"]["schemas"]
    enums = [s for s in schemas.values() if "enum" in s]
    patterned = [s for s in schemas.values() if any("pattern" in a for a in s.get("anyOf", []))]
    members = sum(1 for t in model.types if t.kind == TypeKind.ENUM and t.members)
    with capsys.disabled():
        print(f"\n[openapi] {len(enums)} enums, plain; servers {doc['servers']}")
    assert patterned == []
    assert len(enums) == members > 300
    assert all(s["x-docs2code-case-insensitive"] is True for s in enums)
    assert doc["info"]["version"] == "v1.0"
    assert doc["servers"] == [{"url": "https://graph.microsoft.com/v1.0"}]


def _speaking(op: dict[str, Any], ops: dict[str, Operation]) -> list[PathVariant]:
    """The paths of the page that speaks for an exported operation (the first of
    ``x-docs2code-operations``) that it documents there."""
    listed = op["x-docs2code-operations"]
    first = ops[listed[0]["id"]]
    raws = {d["path"] for d in listed if d["id"] == first.id}
    return [v for v in first.paths if v.raw in raws]


def test_corpus_request_bodies_only_where_documented(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """No required body with an empty schema; no body where the page that speaks for the
    call decides none (``BodyKind.NONE``: a GET, "Do not supply a request body"); one
    body schema, the speaking page's, never an ``anyOf`` of the pages'."""
    ops = {op.id: op for op in model.operations}
    required_empty: list[str] = []
    undocumented: list[str] = []
    unions: list[str] = []
    none = bodies = 0
    for path, method, op in _operations(doc):
        where = f"{method.upper()} {path}"
        body = op.get("requestBody")
        decided = [v.body for v in _speaking(op, ops) if v.body is not None]
        if decided and all(b.kind is BodyKind.NONE for b in decided):
            none += 1
            if body is not None:
                undocumented.append(where)
        if body is None:
            continue
        bodies += 1
        schemas = [entry.get("schema") for entry in body["content"].values()]
        if body.get("required") and not all(schemas):
            required_empty.append(where)
        if any("anyOf" in (schema or {}) for schema in schemas):
            unions.append(where)
    with capsys.disabled():
        print(
            f"\n[openapi] {bodies} request bodies; {none} operations whose page decides no "
            f"body take none ({len(undocumented)} do); {len(unions)} anyOf bodies"
        )
    assert required_empty == []
    assert undocumented == []
    assert unions == []
    assert none > 1500


def test_corpus_secondary_pages_keep_their_permissions(model: Model, doc: dict[str, Any]) -> None:
    """Every page merged into an operation besides the one that speaks is listed in
    ``x-docs2code-also-documented-by`` with its own permission table."""
    ops = {op.id: op for op in model.operations}
    merged = 0
    for _, _, op in _operations(doc):
        ids = list(dict.fromkeys(d["id"] for d in op["x-docs2code-operations"]))
        also = op.get("x-docs2code-also-documented-by", [])
        assert [a["id"] for a in also] == ids[1:]
        for entry in also:
            permissions = ops[entry["id"]].permissions
            if permissions is None:
                assert entry["permissions"] is None
                continue
            tables = entry["permissions"]["tables"]
            assert [len(t["entries"]) for t in tables] == [
                len(t.entries) for t in permissions.tables
            ]
            assert entry["permissions"]["source"].startswith(entry["id"].rsplit(".", 1)[0])
        merged += bool(also)
    assert merged > 200


def test_corpus_location_headers(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    shown = {
        (op.id, str(ex.response.status or 200))
        for op in model.operations
        for ex in op.examples
        if ex.response is not None
        and any(h.name.strip().casefold() == "location" for h in ex.response.headers)
    }
    missing: list[tuple[str, str, str]] = []
    kept = 0
    for path, method, op in _operations(doc):
        ids = {d["id"] for d in op["x-docs2code-operations"]}
        for op_id, status in shown:
            if op_id in ids:
                if "Location" in op["responses"][status].get("headers", {}):
                    kept += 1
                else:
                    missing.append((method, path, status))
    with capsys.disabled():
        print(f"\n[openapi] {kept} responses with a Location header ({len(shown)} documented)")
    assert missing == []
    assert kept >= len(shown) > 80


def test_corpus_content_endpoints_are_bytes(doc: dict[str, Any]) -> None:
    binary = {"type": "string", "format": "binary"}
    downloads = uploads = 0
    for path, method, op in _operations(doc):
        if not path.endswith(_CONTENT):
            continue
        if method == "get":
            for status, answer in op["responses"].items():
                if status.startswith("2") and "content" in answer:
                    downloads += 1
                    assert answer["content"]["application/octet-stream"]["schema"] == binary
        if method == "put":
            uploads += 1
            body = op["requestBody"]
            assert body["required"] is True
            assert body["content"]["application/octet-stream"]["schema"] == binary
    assert downloads > 25 and uploads > 15


def test_corpus_collections_are_pageable(
    doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    pageable = 0
    for _, _, op in _operations(doc):
        collection = any(
            "value" in s.get("properties", {}) and "@odata.nextLink" in s.get("properties", {})
            for _, schema in _json_success(op)
            for s in schema.get("anyOf", [schema])
        )
        assert ("x-ms-pageable" in op) == collection
        pageable += collection
    with capsys.disabled():
        print(f"\n[openapi] {pageable} operations answer a collection, marked pageable")
    assert pageable > 500


def test_corpus_documented_query_options(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every GET whose page says it supports OData query options (names one in a sentence
    that says no "not", or "supports ... query parameters") takes some."""
    ops = {op.id: op for op in model.operations}

    def documents(op_id: str) -> bool:
        sentences = re.split(r"(?<=[.!?])\s+|\n+", ops[op_id].request.query_prose)
        return any(
            (_POSITIVE_OPTION.search(s) or _SUPPORTS.search(s)) and not _NOT.search(s)
            for s in sentences
        )

    gets = [op for _, method, op in _operations(doc) if method == "get"]
    documented = [
        op for op in gets if any(documents(d["id"]) for d in op["x-docs2code-operations"])
    ]
    with_options = [op for op in gets if any(p["name"].startswith("$") for p in op["parameters"])]
    missing = [op["operationId"] for op in documented if op not in with_options]
    with capsys.disabled():
        print(
            f"\n[openapi] {len(with_options)} of {len(gets)} GETs take OData query options; "
            f"{len(documented)} GETs' pages say they support some"
        )
    assert missing == []
    assert len(documented) > 800


def test_corpus_success_schemas_typed_where_the_docs_name_one_type(
    model: Model, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every 2xx JSON schema has a type where the result the reader decided for the
    speaking page's paths (``PathVariant.result``) names a type the doc set defines;
    ``{}`` nowhere a page names one for that status (its Response section or an example
    annotation); and no ``anyOf`` but where the speaking page's own paths of the
    operation answer different types (the other pages merged in never add one)."""
    components = Components(model.types)
    ops = {op.id: op for op in model.operations}

    def names_a_type(op_id: str, status: int) -> bool:
        op = ops[op_id]
        said = [r.type.name for r in op.responses if r.status == status and r.type is not None]
        said += [
            ex.response.annotation.odata_type
            for ex in op.examples
            if ex.response is not None
            and (ex.response.status or 200) == status
            and ex.response.annotation is not None
            and ex.response.annotation.odata_type
        ]
        return any(components.find(_bare(name)) is not None for name in said)

    typed = 0
    untyped: list[str] = []
    unnamed: list[str] = []
    unions: list[str] = []
    for path, method, op in _operations(doc):
        if method == "get" and path.endswith(_CONTENT):
            continue
        ids = [d["id"] for d in op["x-docs2code-operations"]]
        speaking = _speaking(op, ops)
        results = [v.result for v in speaking if v.result is not None]
        defined = {
            (r.type.name, r.collection)
            for r in results
            if r.type is not None and components.find(r.type.name) is not None
        }
        for status, schema in _json_success(op):
            where = f"{method.upper()} {path} {status}"
            if defined:
                typed += 1
                if not schema:
                    untyped.append(where)
            if not schema and any(names_a_type(i, status) for i in ids):
                unnamed.append(where)
            if "anyOf" in schema and len(defined) < 2:
                unions.append(where)
    with capsys.disabled():
        print(
            f"\n[openapi] success schemas: {typed} where the decided result names a type "
            f"the doc set defines, {len(untyped)} of them any value; {len(unnamed)} any "
            f"value where a page names a type; {len(unions)} anyOf not from one page"
        )
    assert untyped == []
    assert unnamed == []
    assert unions == []
    assert typed > 2000


def _bare(name: str | None) -> str:
    name = (name or "").strip().lstrip("#")
    if name.startswith("Collection(") and name.endswith(")"):
        name = name[len("Collection(") : -1].strip().lstrip("#")
    return name
