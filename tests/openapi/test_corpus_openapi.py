"""The OpenAPI export of the whole Graph v1.0 corpus (``../shared/corpus/graph-v1.0``, or
``DOCS2CODE_CORPUS``): openapi-spec-validator accepts it, and every documented example
validates against the schema the export gives it, except bodies the linter reports
(DC505: a value of another type than declared; DC305: not the JSON it should be).
The counts are printed with ``[openapi]`` in front."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from openapi_spec_validator import validate

from generator.model import Model
from generator.openapi import openapi_document
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
