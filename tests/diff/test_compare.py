"""Classification of operation and path changes on small before/after doc pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff.change import Change, Level, Side
from tests.diff.docs import (
    APP,
    PERMISSIONS,
    PERSONAL,
    RETURNS_ITEM,
    WORK,
    api_page,
    breaking,
    diff,
    enum_page,
    kinds,
    resource_page,
)

B, N = Level.BREAKING, Level.NON_BREAKING
TWO_PATHS = ("/me/items/{id}", "/drives/{drive-id}/items/{id}")


def test_identical_docs_have_no_changes(tmp_path: Path) -> None:
    page = {"api/get.md": api_page(paths=TWO_PATHS, query=(("$select", "String", "Fields."),))}
    assert diff(tmp_path, page, page) == ()


def test_a_removed_path_is_breaking_and_points_at_the_old_line(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"api/get.md": api_page(paths=TWO_PATHS)},
        {"api/get.md": api_page(paths=TWO_PATHS[:1])},
    )
    assert kinds(changes) == [("path-removed", B)]
    (c,) = changes
    assert c.subject == "GET /drives/{}/items/{}"
    assert (c.side, c.span and c.span.file) == (Side.OLD, "api/get.md")
    old_text = api_page(paths=TWO_PATHS).split("\n")
    assert c.span and old_text[c.span.line - 1] == "GET /drives/{drive-id}/items/{id}"


def test_an_added_path_is_non_breaking(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"api/get.md": api_page(paths=TWO_PATHS[:1])},
        {"api/get.md": api_page(paths=TWO_PATHS)},
    )
    assert kinds(changes) == [("path-added", N)]
    assert changes[0].side is Side.NEW


def test_renamed_path_parameters_are_the_same_path(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"api/get.md": api_page(paths=("/drives/{drive-id}/items/{item-id}",))},
        {"api/get.md": api_page(paths=("/drives/{driveId}/items/{id}",))},
    )
    assert changes == ()


def test_path_case_is_not_a_change(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"api/get.md": api_page(paths=("/me/items/{id}/restoreVersion",))},
        {"api/get.md": api_page(paths=("/me/items/{id}/restoreversion",))},
    )
    assert changes == ()


def test_a_renamed_literal_segment_is_a_removed_and_an_added_path(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"api/get.md": api_page(paths=("/me/items/{id}",))},
        {"api/get.md": api_page(paths=("/me/entries/{id}",))},
    )
    assert kinds(changes) == [("path-removed", B), ("path-added", N)]


def test_a_removed_page_is_one_operation_removal(tmp_path: Path) -> None:
    get = api_page(paths=TWO_PATHS)
    delete = api_page(method="DELETE", paths=TWO_PATHS)
    changes = diff(tmp_path, {"api/get.md": get, "api/delete.md": delete}, {"api/get.md": get})
    assert kinds(changes) == [("operation-removed", B)]
    assert changes[0].subject == "DELETE /me/items/{}"
    assert "2 paths" in changes[0].reason


def test_a_new_page_is_one_operation_addition(tmp_path: Path) -> None:
    get = api_page(paths=TWO_PATHS)
    delete = api_page(method="DELETE", paths=TWO_PATHS)
    changes = diff(tmp_path, {"api/get.md": get}, {"api/get.md": get, "api/delete.md": delete})
    assert kinds(changes) == [("operation-added", N)]


def test_a_moved_page_is_the_same_operation(tmp_path: Path) -> None:
    query = (("$top", "Int32", "How many."), ("$skip", "Int32", "How many to skip."))
    changes = diff(
        tmp_path,
        {"api/item-get.md": api_page(query=query)},
        {"api/items/get-item.md": api_page(query=query[:1])},
    )
    # matched by its path, so the lost parameter is found, not an operation removal
    assert kinds(changes) == [("query-parameter-removed", B)]


def test_another_method_on_the_same_path_is_another_operation(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"api/item.md": api_page(method="GET")},
        {"api/item.md": api_page(method="PATCH")},
    )
    assert kinds(changes) == [("operation-removed", B), ("operation-added", N)]


# --- parameters and bodies ------------------------------------------------------------


def test_query_parameters(tmp_path: Path) -> None:
    old = (("$select", "String", "Fields."), ("$top", "Int32", "How many."))
    new = (("$top", "String", "How many."), ("$expand", "String", "Related."))
    changes = diff(tmp_path, {"a.md": api_page(query=old)}, {"a.md": api_page(query=new)})
    assert sorted((c.kind, c.severity, c.subject.rsplit(" ", 1)[1]) for c in changes) == [
        ("query-parameter-added", N, "$expand"),
        ("query-parameter-removed", B, "$select"),
        ("query-parameter-type-changed", B, "$top"),
    ]


def test_a_table_replaced_by_prose_removes_nothing(tmp_path: Path) -> None:
    """``signin-list.md`` replaced its query table by "supports $top, $skiptoken and
    $filter": the docs stopped listing, the API did not change."""
    query = (("$top", "Int32", "How many."), ("$skiptoken", "String", "Paging."))
    changes = diff(tmp_path, {"a.md": api_page(query=query)}, {"a.md": api_page(query=())})
    assert changes == ()


def test_a_string_retyped_as_an_enum_or_guid_is_not_breaking(tmp_path: Path) -> None:
    """Enum values and Guids are JSON strings: the wire form is the same."""
    old = (("from", "String", "Who."), ("id", "String", "Id."), ("size", "Int32", "Size."))
    new = (("from", "allowInvitesFrom", "Who."), ("id", "Guid", "Id."), ("size", "String", "S."))
    pages = {"resources/allowinvitesfrom.md": enum_page("allowInvitesFrom", ["none", "everyone"])}
    changes = diff(
        tmp_path,
        {**pages, "a.md": api_page(method="PATCH", body=old)},
        {**pages, "a.md": api_page(method="PATCH", body=new)},
    )
    assert sorted((c.subject.rsplit(" ", 1)[1], c.kind, c.severity) for c in changes) == [
        ("from", "body-property-type-changed", N),
        ("id", "body-property-type-changed", N),
        ("size", "body-property-type-changed", B),
    ]
    assert "both are JSON strings" in next(c.reason for c in changes if c.severity is N)


def test_an_input_another_new_page_still_lists_is_not_removed(tmp_path: Path) -> None:
    """Intune split ``PATCH /deviceManagement`` into a page per workload."""
    body = (("intuneBrand", "String", "Brand."), ("subscriptionState", "String", "State."))
    old = {"api/dm-update.md": api_page(method="PATCH", paths=("/deviceManagement",), body=body)}
    new = {
        "api/devices-dm-update.md": api_page(
            method="PATCH", paths=("/deviceManagement",), body=body[1:]
        ),
        "api/onboarding-dm-update.md": api_page(
            method="PATCH", paths=("/deviceManagement",), body=body[:1]
        ),
    }
    assert breaking(diff(tmp_path, old, new)) == []
    del new["api/onboarding-dm-update.md"]
    assert kinds(breaking(diff(tmp_path / "alone", old, new))) == [("body-property-removed", B)]


# The types the call tests name, defined as a doc set defines them: the diff compares the
# types the reader decides a call takes and answers with, and a name the doc set does not
# define is no type (the SDK types it Any).
TYPES = {
    "resources/item.md": resource_page("item", (("name", "String", "The name."),)),
    "resources/folder.md": resource_page("folder", (("size", "Int64", "Bytes."),)),
    "resources/photo.md": resource_page("photo", (("width", "Int32", "Pixels."),), base="item"),
}


def test_a_body_type_another_old_page_already_gave_is_no_change(tmp_path: Path) -> None:
    """The old docs contradicted themselves: a get page wrongly listed the list path
    ``GET /schools`` (one school), the list page said a collection; the new docs agree
    with the list page."""
    one = RETURNS_ITEM
    many = RETURNS_ITEM.replace("an [item]", "a collection of [item]")
    old = {
        **TYPES,
        "api/get.md": api_page(paths=("/schools", "/me/schools"), response=one),
        "api/list.md": api_page(paths=("/schools",), response=many),
    }
    new = {**TYPES, "api/list.md": api_page(paths=("/schools", "/me/schools"), response=many)}
    assert [c.kind for c in breaking(diff(tmp_path, old, new))] == []
    del old["api/list.md"]
    assert [c.kind for c in breaking(diff(tmp_path / "alone", old, new))] == [
        "response-type-changed"
    ]


def test_a_new_required_body_property_is_breaking(tmp_path: Path) -> None:
    old = (("name", "String", "The name."),)
    new = (*old, ("comment", "String", "Required. Why."), ("note", "String", "A note."))
    changes = diff(
        tmp_path,
        {"a.md": api_page(method="POST", body=old)},
        {"a.md": api_page(method="POST", body=new)},
    )
    assert kinds(changes) == [("body-property-added", B), ("body-property-added", N)]
    assert changes[0].subject == "POST /me/items/{} body property comment"
    assert "not marked required" in changes[1].reason


def test_a_body_property_becoming_required_is_breaking(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"a.md": api_page(method="POST", body=(("name", "String", "Optional. The name."),))},
        {"a.md": api_page(method="POST", body=(("name", "String", "Required. The name."),))},
    )
    assert kinds(changes) == [("body-property-now-required", B)]


def test_a_body_property_becoming_optional_is_not(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"a.md": api_page(method="POST", body=(("name", "String", "Required. The name."),))},
        {"a.md": api_page(method="POST", body=(("name", "String", "Optional. The name."),))},
    )
    assert kinds(changes) == [("body-property-now-optional", N)]


def test_headers_match_whatever_their_case(tmp_path: Path) -> None:
    old = (("Authorization", "Bearer {token}. Required."),)
    new = (("authorization", "Bearer {token}. Required."), ("Prefer", "Required. A hint."))
    changes = diff(tmp_path, {"a.md": api_page(headers=old)}, {"a.md": api_page(headers=new)})
    assert kinds(changes) == [("header-added", B)]
    assert changes[0].subject.endswith("header Prefer")


def _body(tmp_path: Path, old: str, new: str) -> tuple[Change, ...]:
    """A call to a path the doc set addresses nothing at (``POST /things``: no page
    lists things), whose Request body says ``old``, then ``new``."""

    def docs(prose: str) -> dict[str, str]:
        return {**TYPES, "api/a.md": api_page(method="POST", paths=("/things",), body_prose=prose)}

    return diff(tmp_path, docs(old), docs(new))


def test_a_changed_body_type_is_breaking(tmp_path: Path) -> None:
    prose = "In the request body, supply a JSON representation of a [{0}](../resources/{0}.md)."
    changes = _body(tmp_path, prose.format("item"), prose.format("folder"))
    assert kinds(changes) == [("body-type-changed", B)]
    assert changes[0].subject == "POST /things body"
    assert "from microsoft.graph.item to microsoft.graph.folder" in changes[0].reason


def test_a_body_turned_into_an_array_is_breaking(tmp_path: Path) -> None:
    """The SDK then takes a list: what the reader decides, not the section's first link."""
    one = "In the request body, supply a JSON representation of an [item](../resources/item.md)."
    many = "In the request body, supply an array of [item](../resources/item.md) objects."
    changes = _body(tmp_path, one, many)
    assert kinds(changes) == [("body-type-changed", B)]
    assert "to Collection(microsoft.graph.item)" in changes[0].reason


def test_a_body_the_path_decides_is_not_the_first_link(tmp_path: Path) -> None:
    """A create takes what its path addresses (``GET /items`` lists items): a section
    that links another type (the old raw first link of the section) changes nothing the
    SDK sends; lint reports the link (DC312)."""
    listed = api_page(paths=("/items",), response=RETURNS_ITEM.replace("an [item]", "a [item]"))
    prose = "In the request body, supply a JSON representation of a [{0}](../resources/{0}.md)."

    def docs(name: str) -> dict[str, str]:
        created = api_page(method="POST", paths=("/items",), body_prose=prose.format(name))
        return {**TYPES, "api/list.md": listed, "api/create.md": created}

    assert diff(tmp_path, docs("item"), docs("folder")) == ()


# --- responses --------------------------------------------------------------------------


def test_a_changed_success_status_is_breaking(tmp_path: Path) -> None:
    created = "If successful, this method returns a `201 Created` response code."
    changes = diff(tmp_path, {"a.md": api_page()}, {"a.md": api_page(response=created)})
    assert kinds(changes) == [("response-status-changed", B)]
    assert "200" in changes[0].reason and "201" in changes[0].reason


def test_an_added_status_is_not_breaking(tmp_path: Path) -> None:
    both = "If successful, this method returns `200 OK` or `202 Accepted`."
    only = "If successful, this method returns `200 OK`."
    assert kinds(
        diff(tmp_path, {"a.md": api_page(response=only)}, {"a.md": api_page(response=both)})
    ) == [("response-status-added", N)]


def test_a_response_turned_into_a_collection_is_breaking(tmp_path: Path) -> None:
    collection = (
        "If successful, this method returns a `200 OK` response code and a collection of "
        "[item](../resources/item.md) objects in the response body."
    )
    changes = diff(
        tmp_path,
        {**TYPES, "api/a.md": api_page(paths=("/me/items",))},
        {**TYPES, "api/a.md": api_page(paths=("/me/items",), response=collection)},
    )
    assert kinds(changes) == [("response-type-changed", B)]
    assert changes[0].subject == "GET /me/items response 200"
    assert "to Collection(microsoft.graph.item)" in changes[0].reason


def test_a_response_of_a_derived_type_is_not_breaking(tmp_path: Path) -> None:
    photo = RETURNS_ITEM.replace(
        "an [item](../resources/item.md)", "a [photo](../resources/photo.md)"
    )
    changes = diff(
        tmp_path,
        {**TYPES, "api/a.md": api_page()},
        {**TYPES, "api/a.md": api_page(response=photo)},
    )
    assert kinds(changes) == [("response-type-changed", N)]
    assert "derives from" in changes[0].reason


def test_the_decided_result_not_the_first_link(tmp_path: Path) -> None:
    """A Response section whose link names no type (an error page) and an example
    response: the result is what the example shows, before and after."""
    errors = (
        "If successful, this method returns a `200 OK` response code and an "
        "[item](../resources/item.md) object. See [error responses](errors.md)."
    )
    assert (
        diff(
            tmp_path,
            {**TYPES, "api/a.md": api_page()},
            {**TYPES, "api/a.md": api_page(response=errors)},
        )
        == ()
    )


# --- permissions ------------------------------------------------------------------------


Rows = tuple[tuple[str, ...], ...]


def _perms(tmp_path: Path, old: Rows, new: Rows) -> tuple[Change, ...]:
    return diff(tmp_path, {"a.md": api_page(permissions=old)}, {"a.md": api_page(permissions=new)})


def _with(row: tuple[str, str]) -> Rows:
    return tuple(row if r[0] == row[0] else r for r in PERMISSIONS)


def test_a_raised_least_privilege_is_breaking(tmp_path: Path) -> None:
    changes = _perms(tmp_path, PERMISSIONS, _with((WORK, "Files.ReadWrite.All")))
    # Files.ReadWrite went too, but it ranks below the new least: one change says it all
    assert kinds(changes) == [("permission-raised", B)]
    assert "from Files.Read to Files.ReadWrite.All" in changes[0].reason
    assert changes[0].subject == "GET /me/items/{} permission delegated (work or school)"


def test_a_removed_alternative_of_the_same_rank_is_breaking(tmp_path: Path) -> None:
    old = _with((APP, "Files.Read.All, Sites.Read.All"))
    changes = _perms(tmp_path, old, _with((APP, "Files.Read.All")))
    assert kinds(changes) == [("permission-removed", B)]
    assert changes[0].reason.startswith("Sites.Read.All no longer allows application calls")


def test_an_added_alternative_is_not_breaking(tmp_path: Path) -> None:
    changes = _perms(tmp_path, PERMISSIONS, _with((APP, "Files.Read.All, Sites.Read.All")))
    assert kinds(changes) == [("permission-added", N)]


def test_a_scope_now_needed_together_with_another_is_breaking(tmp_path: Path) -> None:
    # api/serviceprincipal-post-approleassignedto.md:30 between the two Graph snapshots
    old = _with((APP, "AppRoleAssignment.ReadWrite.All, Directory.ReadWrite.All"))
    new = _with(
        (
            APP,
            "AppRoleAssignment.ReadWrite.All and Application.Read.All, "
            "AppRoleAssignment.ReadWrite.All and Directory.Read.All, Directory.ReadWrite.All",
        )
    )
    changes = _perms(tmp_path, old, new)
    assert kinds(changes) == [("permission-required-together", B)]
    assert changes[0].reason.startswith(
        "AppRoleAssignment.ReadWrite.All now needs Application.Read.All or Directory.Read.All "
        "with it: a client granted only AppRoleAssignment.ReadWrite.All can no longer make "
        "application calls"
    )
    # and back: one scope alone is a new way to call, which breaks no one
    changes = _perms(tmp_path / "back", new, old)
    assert kinds(changes) == [("permission-added", N)]
    assert _perms(tmp_path / "same", new, new) == ()


def test_a_pair_that_no_longer_suffices_is_removed(tmp_path: Path) -> None:
    old = _with((APP, "Files.Read.All and Sites.Read.All, Files.ReadWrite.All"))
    new = _with((APP, "Files.Read.All and Sites.Read.All and User.Read.All, Files.ReadWrite.All"))
    changes = _perms(tmp_path, old, new)
    assert kinds(changes) == [("permission-required-together", B)]
    assert "Files.Read.All and Sites.Read.All now needs User.Read.All with it" in changes[0].reason


def test_a_pair_made_one_scope_is_not_breaking(tmp_path: Path) -> None:
    old = _with((APP, "Files.Read.All and Sites.Read.All"))
    changes = _perms(tmp_path, old, _with((APP, "Files.Read.All")))
    assert kinds(changes) == [("permission-added", N)]
    assert changes[0].reason == "Files.Read.All now also allows application calls."


def test_a_lowered_least_privilege_is_not_breaking(tmp_path: Path) -> None:
    changes = _perms(tmp_path, _with((WORK, "Files.ReadWrite")), PERMISSIONS)
    assert kinds(changes) == [("permission-lowered", N)]


def test_reordering_scopes_is_not_a_change(tmp_path: Path) -> None:
    assert _perms(tmp_path, PERMISSIONS, _with((WORK, "Files.ReadWrite, files.read"))) == ()


@pytest.mark.parametrize(
    ("row", "kind", "level"),
    [
        ((WORK, "Not supported."), "permission-not-supported", B),
        ((PERSONAL, "Files.Read"), "permission-type-added", N),
        ((APP, "TODO: Determine scopes"), None, None),
    ],
)
def test_permission_type_states(
    tmp_path: Path, row: tuple[str, str], kind: str | None, level: Level | None
) -> None:
    changes = _perms(tmp_path, PERMISSIONS, _with(row))
    assert kinds(changes) == ([(kind, level)] if kind and level else [])


def test_a_removed_permission_row_is_breaking_but_a_removed_section_is_not_compared(
    tmp_path: Path,
) -> None:
    changes = _perms(tmp_path, PERMISSIONS, PERMISSIONS[:2])
    assert kinds(changes) == [("permission-type-removed", B)]
    assert changes[0].side is Side.OLD
    no_section = diff(tmp_path / "2", {"a.md": api_page()}, {"a.md": api_page(permissions=None)})
    assert no_section == ()


def test_changes_are_sorted_breaking_first(tmp_path: Path) -> None:
    changes = diff(
        tmp_path,
        {"a.md": api_page(paths=("/b/{id}", "/c/{id}"))},
        {"a.md": api_page(paths=("/a/{id}", "/b/{id}")), "z.md": api_page(paths=("/z",))},
    )
    assert [c.severity for c in changes] == [B, N, N]
    assert [c.subject for c in changes[1:]] == ["GET /a/{}", "GET /z"]
    assert len(breaking(changes)) == 1
