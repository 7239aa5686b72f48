"""Names from meaning in the generated SDK (issue 24): builder members and classes are
told apart by what differs (the colon form, a function's parameters, the spelling, the
path), never by a number; one spelling per segment; no name from a value.  Small doc sets
provoke each case; the corpus is checked in test_names_corpus.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.model import Model
from generator.sdk.models import model_names
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.sdk.routes import (
    RESERVED_MEMBERS,
    Folded,
    NameCollision,
    NodeClass,
    Step,
    build_tree,
    class_names,
    fold,
    member_names,
)
from tests.packages import imported, write_plan
from tests.read.graph_pages import FRONT, read_tree, resource

NUMBERED = re.compile(r".*_\d+$")


def api(title: str, *lines: str) -> str:
    """An API page whose HTTP request section declares ``lines``."""
    block = "\n".join(lines)
    return (
        FRONT.format(title=title, doc_type="apiPageType")
        + f"# {title}\n\nNamespace: microsoft.graph\n\n{title}.\n\n"
        + f'## HTTP request\n\n<!-- {{ "blockType": "ignored" }} -->\n```http\n{block}\n```\n\n'
        + "## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
    )


def model(tmp_path: Path, pages: Mapping[str, str], resources: Mapping[str, str] = {}) -> Model:
    tmp_path.mkdir(parents=True, exist_ok=True)
    return read_tree(tmp_path, resources, pages)


def folded(m: Model) -> Folded:
    return fold(build_tree(m.operations, m.speakers(), m.types))


def classes(f: Folded) -> dict[str, NodeClass]:
    return {c.name: c for file in f.files for c in file.classes}


def node(f: Folded, path: str) -> NodeClass:
    """The class at ``path``: member names from the root, joined by '.'."""
    first, *rest = path.split(".")
    by_name = classes(f)
    found = next(e for e in f.entries if e.step.member == first).cls
    for name in rest:
        found = by_name[next(m.target for m in found.members if m.step.member == name)]
    return found


def members(f: Folded, path: str) -> dict[str, Step]:
    """Member name -> step of the class at ``path``."""
    return {m.step.member: m.step for m in node(f, path).members}


def all_names(f: Folded) -> list[str]:
    names = [e.step.member for e in f.entries]
    for c in classes(f).values():
        names.append(c.name)
        names.extend(m.step.member for m in c.members)
    return names


# --- the colon form ------------------------------------------------------------------------------


def test_a_colon_path_with_and_without_its_closing_colon_is_one_member(tmp_path: Path) -> None:
    m = model(
        tmp_path,
        {
            "get.md": api("Get item", "GET /me/drive/root:/{item-path}"),
            "content.md": api("Get content", "GET /me/drive/root:/{item-path}:/content"),
            "children.md": api("List children", "GET /drives/{drive-id}/items/{parent-id}:/{name}"),
            "upload.md": api("Upload", "PUT /drives/{drive-id}/items/{parent-id}:/{name}:/content"),
        },
    )
    f = folded(m)
    drive = members(f, "me.drive")
    assert sorted(drive) == ["root_path"]
    step = drive["root_path"]
    assert step.template == "root:/{0}:"  # the colon the segments after it need
    item = node(f, "me.drive.root_path")
    assert [method for method, _ in item.operations] == ["GET"]
    assert [mm.step.member for mm in item.members] == ["content"]
    assert sorted(members(f, "drives.by_id.items")) == ["by_path"]
    assert not [n for n in all_names(f) if NUMBERED.match(n)]


def test_the_merged_colon_path_builds_both_urls(tmp_path: Path) -> None:
    m = model(
        tmp_path,
        {
            "get.md": api("Get item", "GET /me/drive/root:/{item-path}"),
            "content.md": api("Get content", "GET /me/drive/root:/{item-path}:/content"),
        },
    )
    out = write_plan(sdk_plan(m, SdkOptions(package="d2c_names_colon")), tmp_path / "out")
    with imported("d2c_names_colon", out) as sdk:
        client = sdk.Client(token="t")
        item = client.me.drive.root_path("Docs/a b.txt")
        assert item.path == "/me/drive/root:/Docs/a%20b.txt:"
        assert item.content.path == "/me/drive/root:/Docs/a%20b.txt:/content"
        assert callable(item.get)


# --- functions, literals, reserved names -------------------------------------------------------


def test_functions_of_one_name_are_told_apart_by_their_parameters(tmp_path: Path) -> None:
    chart = "GET /workbook/charts/{name}"
    sheet = "GET /workbook/worksheets/{id}"
    m = model(
        tmp_path,
        {
            "image.md": api(
                "Get image",
                f"{chart}/image",
                f"{chart}/image(width={{width}})",
                f"{chart}/image(width={{width}},height={{height}})",
                f"{chart}/image(width={{width}},height={{height}},fittingMode='{{fittingMode}}')",
            ),
            "range.md": api(
                "Get range",
                f"{sheet}/range",
                f"{sheet}/range(<address>)",
                f"{sheet}/range(address='<address>')",
            ),
            "report.md": api(
                "Get report",
                "GET /reports/getUserDetail(period='{period_value}')",
                "GET /reports/getUserDetail(date={date_value})",
                "GET /reports/getUserCounts(period='{period_value}')",
            ),
        },
    )
    f = folded(m)
    assert sorted(members(f, "workbook.charts.by_id")) == [
        "image",
        "image_with_width",
        "image_with_width_and_height",
        "image_with_width_and_height_and_fitting_mode",
    ]
    assert sorted(members(f, "workbook.worksheets.by_id")) == [
        "range",
        "range_by_address",  # range(<address>): an argument without a name, as a key
        "range_with_address",
    ]
    reports = members(f, "reports")
    assert sorted(reports) == [
        "get_user_counts",  # alone: no qualifier
        "get_user_detail_with_date",
        "get_user_detail_with_period",
    ]
    assert reports["get_user_detail_with_date"].template == "getUserDetail(date={0})"
    assert not [n for n in all_names(f) if NUMBERED.match(n)]


def test_a_function_with_and_without_parentheses_is_one_member(tmp_path: Path) -> None:
    m = model(
        tmp_path,
        {
            "delta.md": api("Delta", "GET /users/delta"),
            "delta2.md": api("Delta again", "GET /users/delta()"),
        },
    )
    assert sorted(members(folded(m), "users")) == ["delta"]


def test_a_segment_named_like_a_builder_method_takes_a_trailing_underscore(
    tmp_path: Path,
) -> None:
    m = model(
        tmp_path,
        {
            "delete.md": api("Delete range", "POST /workbook/names/{name}/range/delete"),
            "request.md": api("Request", "GET /request/{id}", "GET /path"),
        },
    )
    f = folded(m)
    assert sorted(members(f, "workbook.names.by_id.range")) == ["delete_"]
    assert {e.step.member for e in f.entries} == {"path_", "request_", "workbook"}
    assert not set(all_names(f)) & set(RESERVED_MEMBERS)


# --- one spelling per segment --------------------------------------------------------------------


def test_a_segment_is_spelled_as_its_type_declares_it_everywhere(tmp_path: Path) -> None:
    user = resource(
        "user",
        {"displayName": "String"},
        {
            "calendarGroups": "[calendarGroup](calendargroup.md) collection",
            "oauth2PermissionGrants": "[oAuth2PermissionGrant](grant.md) collection",
        },
    )
    m = model(
        tmp_path,
        {
            "a.md": api("List groups", "GET /me/calendargroups"),
            "b.md": api("List groups of a user", "GET /users/{id}/calendarGroups"),
            "c.md": api("List grants", "GET /oAuth2Permissiongrants"),
            "d.md": api("List my grants", "GET /me/oauth2PermissionGrants"),
            "e.md": api("List rooms", "GET /places/microsoft.graph.roomlist"),
            "f.md": api("Update", "POST /config/microsoft.management.api.updatePriorities"),
        },
        {
            "user": user,
            "roomList": resource("roomList", {"emailAddress": "String"}),
        },
    )
    f = folded(m)
    me = members(f, "me")
    assert sorted(me) == ["calendar_groups", "oauth2_permission_grants"]
    assert me["calendar_groups"].text == "calendarGroups"  # the URL is spelled so too
    assert sorted(members(f, "users.by_id")) == ["calendar_groups"]
    top = {e.step.member: e.step for e in f.entries}
    assert "oauth2_permission_grants" in top  # the user's relationship, not o_auth2_...
    assert top["oauth2_permission_grants"].text == "oauth2PermissionGrants"
    # a cast is spelled as its type; a qualified action is no cast
    assert sorted(members(f, "places")) == ["as_room_list"]
    assert sorted(members(f, "config")) == ["update_priorities"]


def test_the_spelling_with_the_most_word_boundaries_wins(tmp_path: Path) -> None:
    """The docs lose capitals, they do not add them: a lower-cased relationship table
    (``openshifts``) loses to the request lines' ``openShifts``, as lower-cased request
    lines (``mailfolders``, twice) lose to ``mailFolders`` written once; where no
    spelling has more capitals, the declared one wins, then the most frequent."""
    schedule = resource("schedule", {"id": "String"}, {"openshifts": "[openShift](o.md)"})
    m = model(
        tmp_path,
        {
            "a.md": api("A", "GET /teams/{id}/schedule/openShifts"),
            "b.md": api("B", "GET /me/mailFolders", "GET /users/{id}/mailfolders"),
            "c.md": api("C", "GET /groups/{id}/mailfolders", "GET /groups/{id}/Threads"),
            "d.md": api("D", "GET /me/threads", "GET /users/{id}/threads"),
        },
        {"schedule": schedule},
    )
    f = folded(m)
    assert sorted(members(f, "teams.by_id.schedule")) == ["open_shifts"]
    for path in ("me", "users.by_id"):
        assert "mail_folders" in members(f, path), path
    groups = members(f, "groups.by_id")
    assert sorted(groups) == ["mail_folders", "threads"]
    assert groups["mail_folders"].text == "mailFolders"
    assert groups["threads"].text == "threads"  # no capital after the first: the frequent one


def test_spellings_that_snake_case_alike_keep_their_own(tmp_path: Path) -> None:
    m = model(
        tmp_path,
        {
            "a.md": api("A", "GET /fooBar/{id}"),
            "b.md": api("B", "GET /foo_bar/{id}"),
        },
    )
    f = folded(m)
    assert {e.step.member for e in f.entries} == {"fooBar", "foo_bar"}
    names = [c.name for c in classes(f).values()]
    assert len(names) == len(set(names))


def test_a_model_class_is_spelled_as_the_docs_name_the_type(tmp_path: Path) -> None:
    """``@odata.type: microsoft.graph.orgcontact`` on a page every other place calls
    ``orgContact``: ``OrgContact``."""
    contact = resource("orgcontact", {"displayName": "String"})
    refs = {"contact": "[orgContact](orgcontact.md)", "owner": "[orgContact](orgcontact.md)"}
    holder = resource("holder", {"id": "String"}, refs)
    m = model(
        tmp_path, {"a.md": api("A", "GET /holders")}, {"orgcontact": contact, "holder": holder}
    )
    assert model_names(m.types, m.operations)["microsoft.graph.orgcontact"] == "OrgContact"
    assert model_names(m.types)["microsoft.graph.orgcontact"] == "OrgContact"
    alone = resource("orgcontact", {"displayName": "String"})
    m2 = model(tmp_path / "alone", {"a.md": api("A", "GET /x")}, {"orgcontact": alone})
    assert model_names(m2.types)["microsoft.graph.orgcontact"] == "Orgcontact"  # as declared


# --- class names ---------------------------------------------------------------------------------


def test_classes_are_named_by_the_shortest_run_of_steps_no_other_class_has(
    tmp_path: Path,
) -> None:
    m = model(
        tmp_path,
        {
            "a.md": api("A", "GET /drives/{id}/items/{id}/versions"),
            "b.md": api("B", "GET /sites/{id}/lists/{id}/items/{id}/fields"),
            "c.md": api("C", "GET /me/drive/items/{id}/children"),
            "d.md": api("D", "GET /me/drive/items/{id}/versions"),
        },
    )
    f = folded(m)
    names = sorted(classes(f))
    assert not [n for n in names if NUMBERED.match(n)]
    assert len(names) == len(set(names))
    assert "Me" in names and "Drives" in names  # one step, alone
    by_path = {c.example_path: c.name for c in classes(f).values()}
    assert by_path["drives/{id}/items/{id}"] == "DrivesByIdItemsById"
    assert by_path["sites/{id}/lists/{id}/items/{id}"] == "ListsByIdItemsById"
    assert by_path["me/drive/items/{id}"] == "DriveItemsById"


def test_class_names_grow_until_they_differ() -> None:
    labels = [("a", "by_id"), ("b", "by_id"), ("x", "a", "by_id"), ("node",), ("n", "node")]
    # ById x3 grow to AById, BById, AById; the whole path a/by_id keeps it, x/a/by_id
    # grows; node is _node's Node: node/ grows where it can, else it is NodeBuilder.
    assert class_names(labels) == ["AById", "BById", "XAById", "NodeBuilder", "NNode"]


# --- what still collides is a bug, said loudly ---------------------------------------------------


def test_members_that_nothing_tells_apart_raise() -> None:
    steps = [
        Step("lit:foo-bar", "foo_bar", "foo-bar", (), "", False, "foo-bar"),
        Step("lit:foo_bar", "foo_bar", "foo_bar", (), "", False, "foo_bar"),
    ]
    with pytest.raises(NameCollision, match="foo_bar"):
        member_names(steps, "/x")


def test_classes_that_nothing_tells_apart_raise() -> None:
    assert class_names([("foo_bar",), ("fooBar",)]) == ["Foo_bar", "FooBar"]  # as spelled
    with pytest.raises(NameCollision, match="FooBar, fooBar"):
        class_names([("FooBar",), ("fooBar",)])
