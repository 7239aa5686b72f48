"""Classification of resource and enum type changes."""

from __future__ import annotations

from pathlib import Path

from generator.diff.change import Level, Side
from tests.diff.docs import api_page, diff, enum_page, kinds, resource_page

B, N = Level.BREAKING, Level.NON_BREAKING
ID = ("id", "String", "The identifier. Read-only.")
NAME = ("name", "String", "The name.")
SIZE = ("size", "Int64", "The size in bytes.")


def item(*rows: tuple[str, str, str], base: str | None = None) -> dict[str, str]:
    return {"resources/item.md": resource_page("item", rows, base=base)}


def test_a_removed_property_is_breaking(tmp_path: Path) -> None:
    changes = diff(tmp_path, item(ID, NAME, SIZE), item(ID, NAME))
    assert kinds(changes) == [("property-removed", B)]
    (c,) = changes
    assert c.subject == "microsoft.graph.item.size"
    assert c.side is Side.OLD and c.span is not None
    old_lines = resource_page("item", (ID, NAME, SIZE)).split("\n")
    assert old_lines[c.span.line - 1].startswith("|size|")


def test_a_row_removed_from_the_table_is_removed_even_if_the_example_shows_it(
    tmp_path: Path,
) -> None:
    old = {"resources/item.md": resource_page("item", (ID, SIZE))}
    new = {"resources/item.md": resource_page("item", (ID,), json_keys=("id", "size"))}
    assert kinds(diff(tmp_path, old, new)) == [("property-removed", B)]


def test_an_added_property_is_not_breaking(tmp_path: Path) -> None:
    changes = diff(tmp_path, item(ID, NAME), item(ID, NAME, SIZE))
    assert kinds(changes) == [("property-added", N)]
    assert "Edm.Int64" in changes[0].reason


def test_a_retyped_property_is_breaking(tmp_path: Path) -> None:
    changes = diff(tmp_path, item(ID, SIZE), item(ID, ("size", "Int32", "The size.")))
    assert kinds(changes) == [("property-type-changed", B)]
    assert "Edm.Int64 to Edm.Int32" in changes[0].reason


def test_a_property_made_read_only_is_breaking_and_back_is_not(tmp_path: Path) -> None:
    read_only = ("name", "String", "The name. Read-only.")
    assert kinds(diff(tmp_path / "1", item(NAME), item(read_only))) == [
        ("property-now-read-only", B)
    ]
    assert kinds(diff(tmp_path / "2", item(read_only), item(NAME))) == [
        ("property-now-writable", N)
    ]


def test_a_property_moved_to_the_base_type_is_not_removed(tmp_path: Path) -> None:
    old = {
        "resources/entity.md": resource_page("entity", (ID,)),
        "resources/item.md": resource_page("item", (NAME,), base="entity"),
    }
    new = {
        "resources/entity.md": resource_page("entity", (ID, NAME)),
        "resources/item.md": resource_page("item", (), base="entity"),
    }
    changes = diff(tmp_path, old, new)
    # the base type gains it; the derived type still has it
    assert [(c.kind, c.subject) for c in changes] == [
        ("property-added", "microsoft.graph.entity.name")
    ]


def test_types_removed_and_added(tmp_path: Path) -> None:
    old = {"resources/item.md": resource_page("item", (ID,))}
    new = {"resources/folder.md": resource_page("folder", (ID,))}
    changes = diff(tmp_path, old, new)
    assert [(c.kind, c.severity, c.subject) for c in changes] == [
        ("type-removed", B, "microsoft.graph.item"),
        ("type-added", N, "microsoft.graph.folder"),
    ]


def test_a_dropped_base_type_is_breaking_an_inserted_one_is_not(tmp_path: Path) -> None:
    entity = {"resources/entity.md": resource_page("entity", (ID,))}
    middle = {"resources/base.md": resource_page("baseItem", (ID,), base="entity")}
    old = {**entity, **middle, **item(NAME, base="entity")}
    inserted = {**entity, **middle, **item(NAME, base="baseItem")}
    assert kinds(diff(tmp_path / "1", old, inserted)) == [("base-type-added", N)]
    dropped = {**entity, **middle, **item(ID, NAME)}
    assert kinds(diff(tmp_path / "2", old, dropped)) == [("base-type-removed", B)]


def test_enum_members(tmp_path: Path) -> None:
    old = {"resources/color.md": enum_page("color", ("red", "green"))}
    new = {"resources/color.md": enum_page("color", ("red", "blue"))}
    changes = diff(tmp_path, old, new)
    assert [(c.kind, c.severity, c.subject) for c in changes] == [
        ("enum-member-removed", B, "microsoft.graph.color.green"),
        ("enum-member-added", N, "microsoft.graph.color.blue"),
    ]


def test_a_relationship_a_path_still_goes_through_is_unlisted_not_removed(
    tmp_path: Path,
) -> None:
    """``educationUser.assignments`` left its table while ``GET /education/users/{id}/
    assignments`` stayed documented: the API keeps it."""
    props = [("id", "String", "Id."), ("assignments", "educationAssignment collection", "A.")]
    get_user = api_page(
        paths=("/education/users/{id}",),
        response="If successful, this method returns a `200 OK` response code and an "
        "[educationUser](../resources/educationuser.md) object in the response body.",
    )
    assignments = api_page(paths=("/education/users/{id}/assignments",))
    old = {"resources/educationuser.md": resource_page("educationUser", props)}
    new = {
        "resources/educationuser.md": resource_page("educationUser", props[:1]),
        "api/educationuser-get.md": get_user,
        "api/educationuser-list-assignments.md": assignments,
    }
    changes = [c for c in diff(tmp_path, {**new, **old}, new) if "assignments" in c.subject]
    assert [(c.kind, c.severity) for c in changes] == [("property-unlisted", N)]
    del new["api/educationuser-list-assignments.md"]
    changes = [c for c in diff(tmp_path / "gone", {**new, **old}, new) if "assign" in c.subject]
    assert [(c.kind, c.severity) for c in changes] == [("property-removed", B)]


def test_a_property_retyped_to_a_derived_type_is_not_breaking(tmp_path: Path) -> None:
    """``chatMessage.from``: identitySet -> chatMessageFromIdentitySet, which derives
    from identitySet and so has every property a client reads."""
    base = {"resources/identityset.md": resource_page("identitySet", [NAME])}
    derived = {
        "resources/fromset.md": resource_page("fromSet", [NAME], base="identitySet"),
        "resources/otherset.md": resource_page("otherSet", [NAME]),
    }
    old = {**base, **derived, **item(ID, ("from", "identitySet", "Who."))}
    changes = diff(tmp_path, old, {**base, **derived, **item(ID, ("from", "fromSet", "Who."))})
    assert kinds(changes) == [("property-type-changed", N)]
    assert "derives from microsoft.graph.identitySet" in changes[0].reason
    changes = diff(tmp_path / "b", old, {**base, **derived, **item(ID, ("from", "otherSet", "W."))})
    assert kinds(changes) == [("property-type-changed", B)]
