"""The committed JSON Schema is the one derived from the model, and real output fits it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.model import SCHEMA_VERSION
from generator.read.docs import read_docs
from generator.schema import model_schema, schema_json
from generator.serialize import model_to_json

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "generator" / "schema" / "model.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current() -> None:
    """Regenerate with: docs2code schema > generator/schema/model.schema.json"""
    assert COMMITTED.read_text(encoding="utf-8") == schema_json()


def test_input_docs_model_validates(validator: jsonschema.Draft202012Validator) -> None:
    data = json.loads(model_to_json(read_docs([ROOT / "input_docs"])))
    assert data["schema_version"] == SCHEMA_VERSION
    assert list(data) == sorted(data)
    validator.validate(data)


def test_schema_rejects_what_the_model_cannot_hold(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data: dict[str, Any] = json.loads(model_to_json(read_docs([ROOT / "input_docs"])))
    data["operations"][0]["method"] = 7
    assert not validator.is_valid(data)
    data = json.loads(model_to_json(read_docs([ROOT / "input_docs"])))
    data["operations"][0]["unexpected"] = True
    assert not validator.is_valid(data)


def test_every_model_class_is_defined() -> None:
    defs = model_schema()["$defs"]
    for name in ("Operation", "PathVariant", "Permission", "Example", "TypeDef", "Diagnostic"):
        assert defs[name]["additionalProperties"] is False
    assert defs["Operation"]["required"] == sorted(
        [
            "id",
            "title",
            "description",
            "method",
            "paths",
            "permissions",
            "request",
            "responses",
            "examples",
            "namespace",
            "source",
            "response_paragraphs",
            "intro_paragraphs",
        ]
    )
