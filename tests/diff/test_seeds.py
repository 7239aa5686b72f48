"""The seed docs (input_docs/) edited the way doc writers edit them, one edit at a time
and all together: each edit must give exactly the change it makes, at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff.change import Change, Level, Side
from tests.diff.docs import (
    breaking,
    compare_roots,
    drop_line,
    edit,
    kinds,
    line_of,
    seed_copy,
)

B, N = Level.BREAKING, Level.NON_BREAKING
LIST = "api/driveitem-list-versions.md"
GET = "api/driveitemversion-get.md"
ADD = "seeds/000_e1ea5a682d426b77.md"
VERSION = "resources/driveItemVersion.md"
FACET = "resources/publicationfacet.md"

GROUPS_PATH = "GET /groups/{group-id}/drive/items/{item-id}/versions\n"
PERSONAL_ROW = "|Delegated (personal Microsoft account) | Files.Read, "
REQUIRED_ROW = "|comment|String|Required. Why this version is added.|\n"
SIZE_ROW = "| **size**  "
QUERY_SECTION = (
    "## Optional query parameters\n\n"
    "|Name|Type|Description|\n|:---|:---|:---|\n"
    "|$top|Int32|Optional. How many versions to return.|\n\n"
)
FACET_ROW = "| **checkedOutBy** | [IdentitySet](../resources/identityset.md) | Who. Read-only. |\n"


@pytest.fixture
def seeds(tmp_path: Path) -> tuple[Path, Path]:
    return seed_copy(tmp_path / "old"), seed_copy(tmp_path / "new")


def _where(c: Change) -> tuple[Side, str, int]:
    assert c.span is not None
    return (c.side, c.span.file, c.span.line)


def test_the_seeds_against_themselves(seeds: tuple[Path, Path]) -> None:
    assert compare_roots(*seeds) == ()


def test_a_path_line_removed(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    edit(new / LIST, GROUPS_PATH, "")
    (c,) = compare_roots(old, new)
    assert (c.kind, c.severity, c.subject) == (
        "path-removed",
        B,
        "GET /groups/{}/drive/items/{}/versions",
    )
    assert _where(c) == (Side.OLD, LIST, line_of(old / LIST, GROUPS_PATH.strip()))


def test_a_required_body_property_added(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    edit(new / ADD, "|publication|", REQUIRED_ROW + "|publication|")
    (c,) = compare_roots(old, new)
    assert (c.kind, c.severity) == ("body-property-added", B)
    assert c.subject == "POST /me/drive/items/{}/listItem/versions/$ref body property comment"
    assert _where(c) == (Side.NEW, ADD, line_of(new / ADD, "|comment|"))


def test_files_read_changed_to_files_readwrite_all(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    edit(new / GET, PERSONAL_ROW, "|Delegated (personal Microsoft account) | Files.ReadWrite.All, ")
    changes = compare_roots(old, new)
    assert kinds(changes) == [("permission-raised", B)]
    (c,) = changes
    assert c.subject == "GET /drives/{}/items/{}/versions/{} permission delegated (personal)"
    assert "from Files.Read to Files.ReadWrite;" in c.reason  # the least now listed
    assert _where(c) == (Side.NEW, GET, line_of(new / GET, "(personal Microsoft account)"))


def test_a_whole_permission_cell_raised(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    edit(
        new / GET,
        "Files.Read, Files.ReadWrite, Files.Read.All, Files.ReadWrite.All    |",
        "Files.ReadWrite.All |",
    )
    (c,) = compare_roots(old, new)
    assert (c.kind, c.severity) == ("permission-raised", B)
    assert "from Files.Read to Files.ReadWrite.All" in c.reason


def test_a_property_row_removed(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    drop_line(new / VERSION, SIZE_ROW)  # the JSON representation still shows "size"
    (c,) = compare_roots(old, new)
    assert (c.kind, c.severity, c.subject) == (
        "property-removed",
        B,
        "microsoft.graph.driveItemVersion.size",
    )
    assert _where(c) == (Side.OLD, VERSION, line_of(old / VERSION, SIZE_ROW))


def test_an_optional_query_parameter_and_a_property_added(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    edit(new / LIST, "## Response", QUERY_SECTION + "## Response")
    edit(new / FACET, "| **versionId**", FACET_ROW + "| **versionId**")
    changes = compare_roots(old, new)
    assert [(c.kind, c.severity, c.subject) for c in changes] == [
        ("query-parameter-added", N, "GET /drives/{}/items/{}/versions query parameter $top"),
        ("property-added", N, "microsoft.graph.publicationFacet.checkedOutBy"),
    ]
    assert _where(changes[1]) == (Side.NEW, FACET, line_of(new / FACET, "checkedOutBy"))


def test_item_id_renamed_to_id_changes_nothing(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    for page in sorted((new / "api").glob("*.md")):
        if "{item-id}" in page.read_text(encoding="utf-8"):
            edit(page, "{item-id}", "{id}", count=0)
    assert "{item-id}" not in (new / LIST).read_text(encoding="utf-8")
    assert compare_roots(old, new) == ()


def test_all_edits_together(seeds: tuple[Path, Path]) -> None:
    old, new = seeds
    edit(new / LIST, GROUPS_PATH, "")
    edit(new / LIST, "## Response", QUERY_SECTION + "## Response")
    edit(new / ADD, "|publication|", REQUIRED_ROW + "|publication|")
    edit(new / GET, PERSONAL_ROW, "|Delegated (personal Microsoft account) | Files.ReadWrite.All, ")
    edit(new / FACET, "| **versionId**", FACET_ROW + "| **versionId**")
    edit(new / "api/driveitemversion-restore.md", "{item-id}", "{id}", count=0)
    changes = compare_roots(old, new)
    assert [c.kind for c in breaking(changes)] == [  # sorted by subject
        "permission-raised",  # GET /drives/...
        "path-removed",  # GET /groups/...
        "body-property-added",  # POST /me/...
    ]
    assert len(changes) == 5
