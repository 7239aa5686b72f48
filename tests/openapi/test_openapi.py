"""The OpenAPI export of input_docs: valid OpenAPI 3.1 (openapi-spec-validator), what maps
to what, every documented example valid against its schema, deterministic, written by
``build`` and by ``docs2code openapi`` (JSON or YAML)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openapi_spec_validator import validate

from generator.cli import main
from generator.model import Model
from generator.openapi import OpenApiOptions, openapi_document, openapi_text
from generator.pipeline.plan import build_plan
from generator.read import read_docs
from generator.render.options import BuildOptions
from tests.openapi.checks import check_examples, reported_blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "input_docs"
RESTORE = "/drives/{drive-id}/items/{item-id}/versions/{version-id}/restoreVersion"


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([DOCS])


@pytest.fixture(scope="module")
def doc(model: Model) -> dict[str, Any]:
    return openapi_document(model)


def test_valid_openapi_3_1(doc: dict[str, Any]) -> None:
    validate(doc)
    assert doc["openapi"] == "3.1.0"
    assert doc["servers"] == [{"url": "https://graph.microsoft.com/v1.0"}]


def test_every_documented_variant_is_an_operation(model: Model, doc: dict[str, Any]) -> None:
    documented = {(op.id, v.raw) for op in model.operations for v in op.paths}
    exported = {
        (d["id"], d["path"])
        for item in doc["paths"].values()
        for op in item.values()
        for d in op["x-docs2code-operations"]
    }
    assert exported == documented
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids)) == 30
    assert "driveitem-list-versions.get" in ids and "driveitem-list-versions.get.5" in ids


def test_one_path_per_hierarchy_and_two_pages_of_one_api_are_one_operation(
    doc: dict[str, Any],
) -> None:
    shapes = [p.replace("{", "\0").split("\0")[0] for p in doc["paths"]]
    assert len(doc["paths"]) == 30 and len(shapes) == len(doc["paths"])
    restore = doc["paths"][RESTORE]["post"]
    assert [d["id"] for d in restore["x-docs2code-operations"]] == [
        "api/driveitemversion-restore.post",
        "seeds/002_76d2f35a0160465c.post",
    ]
    names = [(p["name"], p.get("description")) for p in restore["parameters"]]
    assert names == [
        ("drive-id", "Documented as `{driveId}`"),
        ("item-id", "Documented as `{itemId}`"),
        ("version-id", None),
    ]
    assert restore["responses"]["204"] == {"description": "No Content"}
    assert restore["responses"]["default"] == {"$ref": "#/components/responses/error"}


def test_responses_schemas_and_examples(doc: dict[str, Any]) -> None:
    listed = doc["paths"]["/me/drive/items/{item-id}/versions"]["get"]
    content = listed["responses"]["200"]["content"]["application/json"]
    value = content["schema"]["properties"]["value"]
    assert value == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/microsoft.graph.driveItemVersion"},
    }
    [(name, example)] = content["examples"].items()
    assert name == "get-previous-versions"
    assert example["x-docs2code-source"] == "api/driveitem-list-versions.md:58"
    assert example["value"]["value"][0]["id"] == "3.0"
    assert listed["tags"] == ["driveitem"]
    assert listed["summary"] == "Listing versions of a DriveItem"


def test_security_and_the_full_permission_table(doc: dict[str, Any]) -> None:
    op = doc["paths"]["/sites/{site-id}/items/{item-id}/versions"]["get"]
    assert op["security"] == [
        {"delegated": ["Sites.Read.All"]},
        {"delegated": ["Sites.ReadWrite.All"]},
        {"application": ["Sites.Read.All"]},
        {"application": ["Sites.ReadWrite.All"]},
    ]
    entries = op["x-docs2code-permissions"]["tables"][0]["entries"]
    assert [(e["type"], e["state"]) for e in entries] == [
        ("delegated_work", "scopes"),
        ("delegated_personal", "not_applicable"),
        ("application", "scopes"),
    ]
    schemes = doc["components"]["securitySchemes"]
    assert schemes["delegated"]["flows"]["authorizationCode"]["scopes"]["Files.Read"]
    assert "Files.Read" not in schemes["application"]["flows"]["clientCredentials"]["scopes"]
    # seed 000: every row TODO or not supported: no usable requirement, the table kept
    seed = doc["paths"]["/me/drive/items/{item-id}/listItem/versions/$ref"]["post"]
    assert "security" not in seed
    states = [e["state"] for e in seed["x-docs2code-permissions"]["tables"][0]["entries"]]
    assert states == ["todo", "not_supported", "todo"]


def test_schemas_from_types(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    base = schemas["microsoft.graph.baseItemVersion"]
    assert base["discriminator"]["propertyName"] == "@odata.type"
    assert base["discriminator"]["mapping"]["#microsoft.graph.driveItemVersion"] == (
        "#/components/schemas/microsoft.graph.driveItemVersion"
    )
    drive = schemas["microsoft.graph.driveItemVersion"]
    assert drive["allOf"][0] == {"$ref": "#/components/schemas/microsoft.graph.baseItemVersion"}
    own = drive["allOf"][1]["properties"]
    assert own["size"]["type"] == ["integer", "null"] and own["size"]["format"] == "int64"
    assert "id" not in own  # inherited
    modified = base["properties"]["lastModifiedDateTime"]
    assert modified["format"] == "date-time" and modified["readOnly"] is True


def test_every_example_validates_against_its_schema(model: Model, doc: dict[str, Any]) -> None:
    checked = list(check_examples(doc))
    reported = reported_blocks(model)
    invalid = [c for c in checked if c.error is not None and c.source not in reported]
    assert len(checked) >= 7
    assert invalid == []


def test_deterministic_and_yaml_is_the_same_document(model: Model) -> None:
    first = openapi_text(openapi_document(model))
    again = openapi_text(openapi_document(read_docs([DOCS])))
    assert first == again
    assert yaml.safe_load(openapi_text(openapi_document(model), as_yaml=True)) == json.loads(first)


def test_links_absolute_only_with_a_docs_url(model: Model) -> None:
    link = "See [the item](../resources/driveItemVersion.md#properties), [x](https://a.b/c)."
    restore = next(op for op in model.operations if op.id == "api/driveitemversion-restore.post")
    linked = replace(model, operations=(replace(restore, description=link),))
    path = "/drives/{driveId}/items/{itemId}/versions/{version-id}/restoreVersion"
    plain = openapi_document(linked)["paths"][path]["post"]
    assert plain["description"] == link and "externalDocs" not in plain
    placed = openapi_document(linked, OpenApiOptions(docs_url="https://learn.example/graph/"))
    op = placed["paths"][path]["post"]
    assert op["description"] == (
        "See [the item](https://learn.example/graph/resources/driveItemVersion#properties), "
        "[x](https://a.b/c)."
    )
    assert op["externalDocs"] == {"url": "https://learn.example/graph/api/driveitemversion-restore"}


def test_build_writes_it(model: Model) -> None:
    plan = build_plan(model, BuildOptions())
    assert plan["openapi.json"] == openapi_text(openapi_document(model))
    committed = (ROOT / "generated" / "openapi.json").read_text(encoding="utf-8")
    assert committed == plan["openapi.json"]


def test_the_command(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["openapi", str(DOCS)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["openapi"] == "3.1.0"
    for name in ("api.json", "api.yaml", "api.yml"):
        target = tmp_path / name
        result = runner.invoke(main, ["openapi", str(DOCS), "-o", str(target)])
        assert result.exit_code == 0, result.output
        text = target.read_text(encoding="utf-8")
        data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        assert data == json.loads(out.stdout)
        assert "30 OpenAPI operations" in result.stderr
    if name.endswith(".yml"):
        assert not text.lstrip().startswith("{")


def test_the_console_script_matches_build() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "openapi", str(DOCS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "generated" / "openapi.json").read_text(encoding="utf-8")


def test_hostile_docs_give_a_valid_export() -> None:
    """Names, paths and texts made to break generators (tests/hostile): still valid
    OpenAPI, and the YAML reads as the same document."""
    hostile = openapi_document(read_docs([ROOT / "tests" / "hostile" / "docs"]))
    validate(hostile)
    assert yaml.safe_load(openapi_text(hostile, as_yaml=True)) == json.loads(openapi_text(hostile))
    assert not [p for p in hostile["paths"] if "{{" in p or "}}" in p]


def test_docs_url_from_the_settings(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(DOCS / "api", tmp_path / "docs" / "api")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docs2code]\ndocs_url = "https://learn.example/graph"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["openapi", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.output
    op = json.loads(result.stdout)["paths"]["/me/drive/items/{item-id}/versions"]["get"]
    assert op["externalDocs"] == {"url": "https://learn.example/graph/api/driveitem-list-versions"}
