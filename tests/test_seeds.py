"""The three seed documents: every operation, path, permission state, status and example."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import (
    Model,
    Operation,
    PermissionOrder,
    PermissionState,
    SegmentKind,
)
from generator.read.docs import read_docs

SEEDS = Path(__file__).resolve().parents[1] / "input_docs" / "seeds"
SEED_000 = "000_e1ea5a682d426b77.md"
SEED_001 = "001_e5da68bd9bdbf1bf.md"
SEED_002 = "002_76d2f35a0160465c.md"


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([SEEDS])


def only_operation(model: Model, file: str) -> Operation:
    ops = [op for op in model.operations if op.source.file == file]
    assert len(ops) == 1, [op.id for op in ops]
    return ops[0]


def states(op: Operation) -> dict[str, tuple[PermissionState, tuple[str, ...]]]:
    assert op.permissions is not None
    return {
        e.permission_type: (e.state, e.scopes) for t in op.permissions.tables for e in t.entries
    }


# --- seed 000: "Add versions" ------------------------------------------------------------------


def test_seed_000_operation_and_path(model: Model) -> None:
    op = only_operation(model, SEED_000)
    assert op.id == "000_e1ea5a682d426b77.post"
    assert op.method == "POST"
    assert op.title == "Add versions"
    [path] = op.paths
    assert path.raw == "/me/drive/items/{driveItemId}/listItem/versions/$ref"
    assert path.template == "/me/drive/items/{driveItemId}/listItem/versions/$ref"
    assert path.params == ("driveItemId",)
    assert path.segments[-1].kind == SegmentKind.LITERAL
    assert path.segments[-1].name == "$ref"
    assert path.span.line == 29


def test_seed_000_permissions_todo_and_reversed_order(model: Model) -> None:
    op = only_operation(model, SEED_000)
    assert op.permissions is not None
    [table] = op.permissions.tables
    assert table.stated_order == PermissionOrder.MOST_TO_LEAST
    assert states(op) == {
        "delegated_work": (PermissionState.TODO, ()),
        "delegated_personal": (PermissionState.NOT_SUPPORTED, ()),
        "application": (PermissionState.TODO, ()),
    }
    assert [e.span.line for e in table.entries] == [19, 20, 21]


def test_seed_000_status_and_request_sections(model: Model) -> None:
    op = only_operation(model, SEED_000)
    assert [(r.status, r.reason) for r in op.responses] == [(201, "Created")]
    assert [h.name for h in op.request.headers] == ["Authorization", "Content-Type"]
    assert [p.name for p in op.request.body_params] == [
        "id",
        "lastModifiedBy",
        "lastModifiedDateTime",
        "publication",
    ]


def test_seed_000_example(model: Model) -> None:
    op = only_operation(model, SEED_000)
    [example] = op.examples
    assert example.name == "create_listitemversion_from_"
    req, resp = example.request, example.response
    assert req is not None and resp is not None
    assert req.method == "POST"
    assert req.url == (
        "https://graph.microsoft.com/docs\\api/me/drive/items/{driveItemId}/listItem/versions"
    )
    assert req.host == "https://graph.microsoft.com"
    assert req.version is None  # "docs\api" is not a version
    assert [(h.name, h.value, h.line) for h in req.headers] == [
        ("Content-type", "application/json", 66),
        ("Content-length", "205", 67),
    ]
    assert req.body is not None and req.body.line == 69
    assert req.body.json["publication"]["level"] == "Level value"
    assert resp.status == 201
    assert resp.annotation is not None
    assert resp.annotation.truncated is True
    assert resp.annotation.odata_type == "microsoft.graph.listitemversion"
    assert resp.body is not None and resp.body.json_error is None
    assert resp.body.json["@odata.type"] == "#microsoft.graph.listItemVersion"


# --- seed 001: "Create version" ----------------------------------------------------------------


def test_seed_001_without_front_matter(model: Model) -> None:
    op = only_operation(model, SEED_001)
    page = next(p for p in model.pages if p.path == SEED_001)
    assert page.front_matter is None
    assert page.doc_type is None
    assert op.title == "Create version"
    assert op.description == "Use this API to create a new version."


def test_seed_001_paths_with_angle_placeholders(model: Model) -> None:
    op = only_operation(model, SEED_001)
    assert op.method == "POST"
    assert [(p.raw, p.template, p.params) for p in op.paths] == [
        ("/drive/root/versions", "/drive/root/versions", ()),
        ("/drive/items/<id>/versions", "/drive/items/{id}/versions", ("id",)),
        ("/drives/<id>/root/versions", "/drives/{id}/root/versions", ("id",)),
    ]
    assert [p.span.line for p in op.paths] == [9, 10, 11]


def test_seed_001_prerequisites_without_scopes(model: Model) -> None:
    op = only_operation(model, SEED_001)
    assert op.permissions is not None
    assert op.permissions.heading == "Prerequisites"
    assert op.permissions.tables == ()
    assert op.permissions.prose_scopes == ()
    assert op.permissions.span.line == 4


def test_seed_001_status_comma_form_and_example(model: Model) -> None:
    op = only_operation(model, SEED_001)
    [status] = op.responses
    assert (status.status, status.reason, status.as_written) == (201, "Created", "201, Created")
    assert [h.name for h in op.request.headers] == ["X-Sample-Header"]
    [example] = op.examples
    assert example.name == "create_item_from_item"
    assert example.request is not None and example.response is not None
    assert example.request.version == "v1.0"
    assert example.request.path == "/drive/root/versions"
    assert example.request.body is None
    assert example.response.status == 201
    assert example.response.annotation is not None
    assert example.response.annotation.odata_type == "microsoft.graph.item"
    assert example.response.body is not None
    assert example.response.body.json["cTag"] == "cTag-value"


def test_seed_001_page_annotation_without_final_newline(model: Model) -> None:
    page = next(p for p in model.pages if p.path == SEED_001)
    [page_annotation] = [a for a in page.annotations if a.is_page]
    assert page_annotation.data["tocPath"] == ""
    assert page_annotation.span.end_line == 80


# --- seed 002: "Restore a previous version" -----------------------------------------------------


def test_seed_002_five_path_variants(model: Model) -> None:
    op = only_operation(model, SEED_002)
    assert op.method == "POST"
    assert [p.params for p in op.paths] == [
        ("driveId", "itemId", "version-id"),
        ("groupId", "itemId", "version-id"),
        ("item-id", "version-id"),
        ("siteId", "itemId", "version-id"),
        ("userId", "itemId", "version-id"),
    ]
    assert {p.shape for p in op.paths} >= {"/me/drive/items/{}/versions/{}/restoreVersion"}


def test_seed_002_permissions_least_to_most(model: Model) -> None:
    op = only_operation(model, SEED_002)
    assert op.permissions is not None
    assert op.permissions.tables[0].stated_order == PermissionOrder.LEAST_TO_MOST
    assert states(op) == {
        "delegated_work": (
            PermissionState.SCOPES,
            ("Files.ReadWrite", "Files.ReadWrite.All", "Sites.ReadWrite.All"),
        ),
        "delegated_personal": (PermissionState.SCOPES, ("Files.ReadWrite", "Files.ReadWrite.All")),
        "application": (PermissionState.SCOPES, ("Files.ReadWrite.All", "Sites.ReadWrite.All")),
    }


def test_seed_002_status_and_example(model: Model) -> None:
    op = only_operation(model, SEED_002)
    assert [(r.status, r.reason) for r in op.responses] == [(204, "No Content")]
    [example] = op.examples
    assert example.name == "restore-item-version"
    req, resp = example.request, example.response
    assert req is not None and resp is not None
    assert req.host is None
    assert req.path == "/drives/{drive-id}/items/{item-id}/versions/{version-id}/restoreVersion"
    assert req.annotation is not None
    assert req.annotation.scopes == ("files.readwrite",)
    assert req.annotation.target == "action"
    assert (resp.status, resp.reason, resp.body) == (204, "No Content", None)


def test_seed_002_reference_definition_is_a_link(model: Model) -> None:
    page = next(p for p in model.pages if p.path == SEED_002)
    refs = [lk for lk in page.links if lk.is_reference_definition]
    assert [(lk.text, lk.target, lk.span.line) for lk in refs] == [
        ("item-resource", "../resources/driveitem.md", 58)
    ]


def test_seeds_have_no_reader_errors(model: Model) -> None:
    """The seeds are messy but readable: their defects are for the linter to report."""
    assert [d for d in model.diagnostics if d.severity == "error"] == []
