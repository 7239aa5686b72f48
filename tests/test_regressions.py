"""Regression tests over real corpus pages: the hard cases of conventions.md section 12.

``tests/fixtures/graph`` holds unchanged copies of Graph v1.0 pages (see its
``SOURCE.md``).  The folder is read once, as the CLI reads a doc root, and each test
pins what one page is about: an odd layout the reader must get through, or a value it
must get right.  Line numbers are those of the fixture files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.model import (
    Annotation,
    Diagnostic,
    Example,
    FunctionArg,
    Model,
    Operation,
    Page,
    PageRole,
    PermissionOrder,
    PermissionState,
    SegmentKind,
    Severity,
    TypeDef,
)
from generator.paths import match_example
from generator.read.blocks import parse_blocks
from generator.read.docs import read_docs
from generator.read.front_matter import read_front_matter
from generator.read.page import DocPage, build_page

FIXTURES = Path(__file__).parent / "fixtures" / "graph"
CORPUS = Path(
    os.environ.get("DOCS2CODE_CORPUS")
    or Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0"
)

PAGES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.md"))
DOC_PAGES = [p for p in PAGES if p.startswith(("api/", "resources/"))]


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model() -> Model:
    return read_docs([FIXTURES])


def op(model: Model, op_id: str) -> Operation:
    found = [o for o in model.operations if o.id == op_id]
    assert len(found) == 1, f"{op_id}: {[o.id for o in model.operations]}"
    return found[0]


def typedef(model: Model, full_name: str) -> TypeDef:
    found = [t for t in model.types if t.full_name == full_name]
    assert len(found) == 1, f"{full_name}: {[t.full_name for t in model.types]}"
    return found[0]


def page(model: Model, path: str) -> Page:
    return next(p for p in model.pages if p.path == path)


def diags(model: Model, path: str) -> list[Diagnostic]:
    return [d for d in model.diagnostics if d.span.file == path]


def templates(operation: Operation) -> list[str]:
    return [v.template for v in operation.paths]


def pairs(operation: Operation) -> list[tuple[int | None, int | None]]:
    """Each example as (request fence line, response fence line)."""
    return [
        (
            ex.request.span.line if ex.request else None,
            ex.response.span.line if ex.response else None,
        )
        for ex in operation.examples
    ]


def doc_page(rel: str) -> DocPage:
    """The reader's internal view of one fixture page (to see annotation attachment)."""
    text = (FIXTURES / rel).read_text(encoding="utf-8")
    fm, _ = read_front_matter(text, rel)
    blocks, _ = parse_blocks(fm.body, rel)
    built, _ = build_page(rel, fm.data, blocks, text.count("\n") + 1)
    return built


def attached(rel: str) -> dict[int, int]:
    """Annotation line -> line of the fence it describes."""
    built = doc_page(rel)
    return {ann.span.line: built.elements[i].line for i, ann in built.fence_annotations.items()}


def section_lines(rel: str, start: str, end: str) -> list[str]:
    """The fixture's lines after the line ``start`` up to the line ``end``."""
    lines = (FIXTURES / rel).read_text(encoding="utf-8").split("\n")
    first = lines.index(start)
    last = lines.index(end, first)
    return lines[first + 1 : last]


# --- the fixture set as a whole ----------------------------------------------------------------


@pytest.mark.parametrize("rel", DOC_PAGES)
def test_fixture_is_an_unchanged_corpus_copy(rel: str) -> None:
    original = CORPUS / rel
    if not original.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    assert (FIXTURES / rel).read_bytes() == original.read_bytes()


def test_every_page_is_read(model: Model) -> None:
    assert sorted(p.path for p in model.pages) == PAGES
    assert not [d for d in model.diagnostics if d.code == "DC000"]


def test_diagnostics_are_exactly_the_known_defects(model: Model) -> None:
    found = {(d.code, d.severity, d.span.file, d.span.line) for d in model.diagnostics}
    assert found == {
        ("DC006", Severity.WARNING, "api/rangeformat-update.md", 573),
        ("DC006", Severity.WARNING, "api/user-getmailtips.md", 100),
        ("DC006", Severity.WARNING, "resources/itemactivitystat.md", 46),
        ("DC007", Severity.ERROR, "api/userteamwork-delete-installedapps.md", 98),
        # the annotation's blockType, which calls the request a response (155: the fence)
        ("DC011", Severity.WARNING, "api/channel-post-messagereply.md", 151),
        # /childFolders/{id}/.../messages: a path that skips folders declares no path
        ("DC010", Severity.WARNING, "api/attachment-get.md", 120),
        ("DC010", Severity.WARNING, "api/attachment-get.md", 123),
    }


EXPECTED_PAIRS: dict[str, list[tuple[int | None, int | None]]] = {
    "api/attachment-get.get": [
        (172, 202),
        (232, 261),
        (288, 317),
        (399, 411),
        (503, 532),
        (559, 573),  # examples 6-9: "ignored" request/response pairs, paired by name
        (591, 603),
        (640, 652),
        (720, 735),
    ],
    "api/calendar-get.get": [(71, 99)],
    "api/channel-post-messagereply.post": [(63, 102), (155, 183)],
    "api/directory-deleteditems-list.get": [(92, 104)],
    # one response whose annotation names all five requests
    "api/drive-get.get": [(40, 226), (74, 226), (112, 226), (150, 226), (188, 226)],
    "api/driveitem-createuploadsession.post": [
        (98, 122),
        (153, 170),
        (None, 190),  # an "ignored" second response to the same request
        (225, 235),
        (249, 256),
        (None, 273),  # unannotated 409 in "Handling upload conflicts"
        (299, 309),
        (327, 335),
        (362, 382),
    ],
    "api/driveitem-put-content.put": [(67, 80), (100, 127)],
    "api/driveitem-unfollow.delete": [],
    "api/driveitem-unfollow.post": [(55, 81)],
    "api/driveitemversion-restore.post": [(50, 78)],
    "api/insights-list-used.get": [(100, 132), (175, 204)],
    "api/intune-cirrus-officeclientconfigurationassignment-get.get": [(57, 63)],
    "api/listitem-list-versions.get": [(53, 81)],
    "api/rangeformat-update.patch": [
        (73, 109),
        (131, 166),
        (189, 222),
        (239, 276),
        (298, 332),
        (355, 388),
        (406, 443),
        (465, 500),
        (523, 556),
    ],
    "api/reportroot-getemailactivityuserdetail.get": [(91, 106), (None, 116)],
    "api/singlevaluelegacyextendedproperty-get.get": [
        (277, 307),
        (353, None),  # requests 2-4: "ignored" blocks whose responses are prose only
        (376, None),
        (404, None),
        (416, None),
    ],
    "api/user-getmailtips.post": [(63, 102)],
    "api/user-update-mailboxsettings.patch": [(96, 142), (176, 240)],
    "api/userteamwork-delete-installedapps.delete": [(59, 90)],
}


def test_operations_and_example_pairing(model: Model) -> None:
    """Resource pages give no operations; every example pairs as the page means it."""
    assert {o.id: pairs(o) for o in model.operations} == EXPECTED_PAIRS


@pytest.mark.parametrize("rel", [p for p in DOC_PAGES if p.startswith("api/")])
def test_every_annotated_example_block_is_an_example(model: Model, rel: str) -> None:
    annotated = {
        a.span.line for a in page(model, rel).annotations if a.block_type in ("request", "response")
    }
    used = {
        part.annotation.span.line
        for o in model.operations
        if o.source.file == rel
        for ex in o.examples
        for part in (ex.request, ex.response)
        if part is not None and part.annotation is not None
    }
    assert annotated <= used


def _names(ann: Annotation | None) -> list[str]:
    if ann is None or not isinstance(ann.data, dict):
        return []
    value = ann.data.get("name")
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def test_named_pairs_agree(model: Model) -> None:
    """Where both halves of an example are named, the response names the request, and a
    response always follows its request."""
    checked = 0
    for o in model.operations:
        for ex in o.examples:
            if ex.request is None or ex.response is None:
                continue
            assert ex.request.span.line < ex.response.span.line, o.id
            asked, answered = _names(ex.request.annotation), _names(ex.response.annotation)
            if asked and answered:
                assert asked[0] in answered, (o.id, asked, answered)
                checked += 1
            assert ex.name == next(iter(asked or answered), None), o.id
    assert checked == 5 + 9 + 2  # drive-get, attachment-get 1-9, mailbox settings


# --- 1. calendar-get: annotation, prose, then several fences ----------------------------------


def test_calendar_get_annotation_before_prose_and_fences(model: Model) -> None:
    rel = "api/calendar-get.md"
    assert attached(rel)[32] == 34  # "ignored" annotation, a prose line, then the fence
    calendar = op(model, "api/calendar-get.get")
    assert templates(calendar) == [
        "/me/calendar",
        "/users/{id | userPrincipalName}/calendar",
        "/groups/{id}/calendar",
        "/me/calendars/{id}",
        "/users/{id | userPrincipalName}/calendars/{id}",
        "/me/calendarGroups/{id}/calendars/{id}",
        "/users/{id | userPrincipalName}/calendarGroups/{id}/calendars/{id}",
    ]
    assert [v.span.line for v in calendar.paths] == [35, 36, 37, 41, 42, 46, 47]
    assert calendar.paths[1].params == ("id | userPrincipalName",)
    assert not [d for d in diags(model, rel) if d.code == "DC010"]


def test_calendar_get_permission_matrix(model: Model) -> None:
    perms = op(model, "api/calendar-get.get").permissions
    assert perms is not None and len(perms.tables) == 1
    table = perms.tables[0]
    assert table.stated_order is PermissionOrder.UNSTATED
    cells = {(e.resource, e.permission_type): (e.state, e.scopes) for e in table.entries}
    both = (PermissionState.SCOPES, ("Calendars.Read", "Calendars.ReadWrite"))
    group = (PermissionState.SCOPES, ("Group.Read.All", "Group.ReadWrite.All"))
    assert cells == {
        ("user calendar", "delegated_work"): both,
        ("user calendar", "delegated_personal"): both,
        ("user calendar", "application"): both,
        ("group calendar", "delegated_work"): group,
        ("group calendar", "delegated_personal"): (PermissionState.NOT_SUPPORTED, ()),
        ("group calendar", "application"): (PermissionState.NOT_SUPPORTED, ()),
    }


# --- 2. insights-list-used: annotations and fences indented in a list -------------------------


def test_insights_list_used_indented_annotations(model: Model) -> None:
    rel = "api/insights-list-used.md"
    links = attached(rel)
    assert {k: links[k] for k in (35, 41, 49)} == {35: 36, 41: 42, 49: 50}
    # annotations before inline code spans describe no fence
    assert not {60, 64, 70} & set(links)
    used = op(model, "api/insights-list-used.get")
    assert templates(used) == [
        "/me/insights/used",
        "/users/{id | userPrincipalName}/insights/used",
        "/me/insights/used/{id}/resource",
        "/users/{id | userPrincipalName}/insights/used/{id}/resource",
    ]
    first, second = used.examples
    assert (first.name, second.name) == (
        "get_mymodifieddocuments",
        "get_mymodifiedandvieweddocuments",
    )
    assert second.request is not None
    assert second.request.query == "$orderby=LastUsed/LastAccessedDateTime desc"
    assert second.title is not None and second.title.startswith("Example 2")
    for ex in used.examples:
        assert ex.response is not None and ex.response.annotation is not None
        assert ex.response.annotation.odata_type == "microsoft.graph.usedInsight"


# --- 3. singlevaluelegacyextendedproperty-get: 19 fences, 60 path lines ------------------------


def test_singlevalue_all_path_lines_are_variants(model: Model) -> None:
    rel = "api/singlevaluelegacyextendedproperty-get.md"
    section = section_lines(rel, "## HTTP request", "## Path parameters")
    declared = [line[4:] for line in section if line.startswith("GET ")]
    assert len(declared) == 60
    assert sum(line.startswith("```http") for line in section) == 19
    get = op(model, "api/singlevaluelegacyextendedproperty-get.get")
    # every line is a variant; the 6 lines repeated verbatim count once
    assert len(set(declared)) == 54
    assert len(get.paths) == 54
    assert {v.raw for v in get.paths} == set(declared)
    assert len({(v.template, v.query) for v in get.paths}) == 54
    for v in get.paths:
        assert " " not in v.template and "?" not in v.template, v.template
    assert not [d for d in diags(model, rel) if d.code == "DC010"]


def test_singlevalue_filter_with_spaces_keeps_its_query(model: Model) -> None:
    get = op(model, "api/singlevaluelegacyextendedproperty-get.get")
    at = {v.span.line: v for v in get.paths}
    numeric = at[137]
    assert numeric.template == "/users/{id|userPrincipalName}/messages"
    assert numeric.params == ("id|userPrincipalName",)  # placeholders in the query are not
    assert numeric.query == (
        "$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}' "
        "and ep/value eq '{property_value}')"
    )
    # the same path with a string filter is a variant of its own
    string = at[198]
    assert string.template == numeric.template
    assert "contains(ep/value, '{property_value}')" in string.query
    expand = at[72]
    assert (expand.template, expand.params) == ("/me/messages/{id}", ("id",))
    assert expand.query == "$expand=singleValueExtendedProperties($filter=id eq '{id_value}')"


def test_singlevalue_examples(model: Model) -> None:
    get = op(model, "api/singlevaluelegacyextendedproperty-get.get")
    first = get.examples[0]
    assert first.name == "get_singlevaluelegacyextendedproperty_1"
    assert first.request is not None
    assert first.request.path == "/me/messages/AAMkAGE1M2_bs88AACHsLqWAAA="
    assert first.request.query.startswith("$expand=singleValueExtendedProperties(")
    matched = match_example(first.request.path, get.paths)
    assert matched is not None and matched.template == "/me/messages/{id}"
    # requests 2-4 are "ignored" blocks: still example requests, raw spaces kept
    third = get.examples[2].request
    assert third is not None and third.annotation is not None
    assert third.annotation.block_type == "ignored"
    assert (third.path, third.version) == ("/Me/messages", "v1.0")
    assert "eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color'" in third.query
    perms = get.permissions
    assert perms is not None
    assert [len(t.entries) for t in perms.tables] == [27]  # 9 resources x 3 columns
    assert {e.resource for e in perms.tables[0].entries} >= {"group post", "mailFolder"}


# --- 4. drive-get: five "### HTTP request" sections under topical H2s --------------------------


def test_drive_get_sections_and_paths(model: Model) -> None:
    headings = page(model, "api/drive-get.md").headings
    owners = []
    current = ""
    for level, text, _ in headings:
        if level == 2:
            current = text
        if text == "HTTP request":
            assert level == 3
            owners.append(current)
    assert owners == [
        "Get current user's OneDrive",
        "Get a user's OneDrive",
        "Get the document library associated with a group",
        "Get the document library for a site",
        "Get a drive by ID",
    ]
    drive = op(model, "api/drive-get.get")
    assert templates(drive) == [
        "/me/drive",
        "/users/{idOrUserPrincipalName}/drive",
        "/groups/{groupId}/drive",
        "/sites/{siteId}/drive",
        "/drives/{drive-id}",
    ]
    assert [v.span.line for v in drive.paths] == [41, 75, 113, 151, 189]


def test_drive_get_requests_share_one_response(model: Model) -> None:
    drive = op(model, "api/drive-get.get")
    assert [ex.name for ex in drive.examples] == [
        "get-drive-default",
        "get-drive-by-user",
        "get-drive-by-group",
        "get-drive-by-site-id",
        "get-drive-by-id",
    ]
    responses = {id(ex.response) for ex in drive.examples}
    assert len(responses) == 1
    response = drive.examples[0].response
    assert response is not None and response.status == 200
    assert response.body is not None and response.body.json["driveType"] == "business"
    for ex in drive.examples:
        assert ex.request is not None and ex.request.host is None
        assert ex.request.annotation is not None and ex.request.annotation.scopes


# --- 5. driveitem-put-content: "HTTP request (...)" headings, colon paths --------------------


def test_put_content_parenthesized_headings_and_colon_paths(model: Model) -> None:
    put = op(model, "api/driveitem-put-content.put")
    assert len(put.paths) == 10
    assert [v.span.line for v in put.paths] == [34, 35, 36, 37, 38, 46, 47, 48, 49, 50]
    colon = put.paths[5]
    assert colon.template == "/drives/{drive-id}/items/{parent-id}:/{filename}:/content"
    assert [(s.kind, s.text) for s in colon.segments] == [
        (SegmentKind.LITERAL, "drives"),
        (SegmentKind.PARAM, "{drive-id}"),
        (SegmentKind.LITERAL, "items"),
        (SegmentKind.COLON_PATH, "{parent-id}:/{filename}:"),
        (SegmentKind.LITERAL, "content"),
    ]
    assert colon.segments[3].params == ("parent-id", "filename")
    assert colon.params == ("drive-id", "parent-id", "filename")


def test_put_content_text_body(model: Model) -> None:
    first = op(model, "api/driveitem-put-content.put").examples[0]
    assert first.title == "Example (upload a new file)"
    req = first.request
    assert req is not None and req.method == "PUT"
    assert req.path == "/me/drive/root:/FolderA/FileB.txt:/content"
    assert [(h.name, h.value) for h in req.headers] == [("Content-Type", "text/plain")]
    assert req.body is not None
    assert req.body.text == "The contents of the file goes here."
    assert (req.body.json, req.body.json_error) == (None, "not JSON")
    assert first.response is not None and first.response.status == 201


# --- 6. driveitem-createuploadsession: resource block on an API page, foreign hosts ------------


def test_upload_session_resource_block_declares_no_type(model: Model) -> None:
    """The request body's JSON representation (``blockType: resource``, line 57) on an API
    page: only resource and enum pages declare types (docs/model.md, "Page roles"), so
    the page declares its operation and no type; the corpus defines
    driveItemUploadableProperties on its resource page."""
    page = next(p for p in model.pages if p.path == "api/driveitem-createuploadsession.md")
    assert page.role is PageRole.API and page.role_doubt is None
    assert any(a.block_type == "resource" and a.span.line == 57 for a in page.annotations)
    assert op(model, "api/driveitem-createuploadsession.post").method == "POST"
    assert not any(t.name == "driveItemUploadableProperties" for t in model.types)


def test_upload_session_foreign_hosts(model: Model) -> None:
    upload = op(model, "api/driveitem-createuploadsession.post")
    foreign = [
        ex.request
        for ex in upload.examples
        if ex.request is not None and ex.request.host == "https://sn3302.up.1drv.com"
    ]
    assert [(r.method, r.annotation.name if r.annotation else None) for r in foreign] == [
        ("PUT", "upload-fragment-piece"),
        ("PUT", "upload-fragment-final"),
        ("POST", "commit-upload"),
        ("DELETE", "upload-fragment-cancel"),
        ("GET", "upload-fragment-resume"),
    ]
    for r in foreign:
        assert r.version is None and r.path.startswith("/up/fe6987415ace7X4e1eF866337")
    piece = foreign[0]
    assert [h.name for h in piece.headers] == ["Content-Length", "Content-Range"]
    assert piece.body is not None and piece.body.json is None
    # the declared paths come from the HTTP request section, not from these URLs
    assert all(v.template.endswith("/createUploadSession") for v in upload.paths)
    assert len(upload.paths) == 5


# --- 7. attachment-get: paths hidden in comments, $value, resource matrix ----------------------


def test_attachment_get_comment_paths_are_not_declared(model: Model) -> None:
    get = op(model, "api/attachment-get.get")
    assert len(get.paths) == 26  # 28 lines, 2 of them skip folders with .../ (DC010)
    hidden = ("/groups/{id}/events/{id}/attachments/{id}", "/groups/{id}/calendar/events/")
    for v in get.paths:
        assert not v.template.startswith(hidden), v.template
    assert not [line for v in get.paths for line in (84, 85, 86, 87) if v.span.line == line]


def test_attachment_get_value_paths(model: Model) -> None:
    get = op(model, "api/attachment-get.get")
    values = [v for v in get.paths if v.template.endswith("/$value")]
    assert len(values) == 13  # and a 14th that skips folders with .../ (DC010)
    for v in values:
        last = v.segments[-1]
        assert (last.kind, last.text) == (SegmentKind.LITERAL, "$value")
    assert "/me/events/{id}/attachments/{id}/$value" in templates(get)


def test_attachment_get_permission_matrix(model: Model) -> None:
    perms = op(model, "api/attachment-get.get").permissions
    assert perms is not None
    (table,) = perms.tables
    cells = {(e.resource, e.permission_type): (e.state, e.scopes) for e in table.entries}
    assert cells[("event", "application")] == (PermissionState.SCOPES, ("Calendars.Read",))
    assert cells[("message", "delegated_personal")] == (PermissionState.SCOPES, ("Mail.Read",))
    assert cells[("post", "application")] == (PermissionState.NOT_SUPPORTED, ())
    assert len(cells) == 9


def test_attachment_get_ignored_examples_pair_by_name(model: Model) -> None:
    get = op(model, "api/attachment-get.get")
    raw = get.examples[5:]
    assert [ex.name for ex in raw] == [
        "get_value_file_attachment",
        "get_value_contact_attachment",
        "get_value_event_attachment",
        "get_value_message_attachment",
    ]
    for ex in raw:
        assert ex.request is not None and ex.request.path.endswith("/$value")
        assert ex.response is not None and ex.response.status == 200
        assert ex.response.annotation is not None
        assert ex.response.annotation.block_type == "ignored"
    file_body = raw[0].response.body if raw[0].response else None
    assert file_body is not None and file_body.text == "{Raw bytes of the file}"
    assert file_body.json is None and file_body.json_error is not None
    # MIME bodies after the blank line start with "Name:value" lines: not headers
    starts = ["{Raw", "BEGIN:VCARD\nPROFILE:VCARD", "BEGIN:VCALENDAR\n", "From: Megan Bowen"]
    for ex, start in zip(raw, starts, strict=True):
        assert ex.response is not None and ex.response.headers == ()
        assert ex.response.body is not None and ex.response.body.text.startswith(start)
    assert raw[1].response is not None and raw[1].response.body is not None
    assert raw[1].response.body.line == 606


# --- 8-10. annotations that are not strict JSON -------------------------------------------------


def test_getmailtips_unquoted_key(model: Model) -> None:
    rel = "api/user-getmailtips.md"
    (warning,) = diags(model, rel)
    assert warning.code == "DC006" and "unquoted key" in warning.message
    ann = next(a for a in page(model, rel).annotations if a.block_type == "response")
    assert ann.deviations == ("unquoted key",)
    assert ann.is_collection is True and ann.odata_type == "microsoft.graph.mailTips"
    (ex,) = op(model, "api/user-getmailtips.post").examples
    assert ex.response is not None and ex.response.annotation == ann


def test_userteamwork_unreadable_page_annotation(model: Model) -> None:
    rel = "api/userteamwork-delete-installedapps.md"
    (error,) = diags(model, rel)
    assert (error.code, error.severity, error.span.line) == ("DC007", Severity.ERROR, 98)
    assert "unterminated string" in error.message
    anns = page(model, rel).annotations
    assert [a.span.line for a in anns] == [27, 54, 85]
    assert not [a for a in anns if a.is_page]
    delete = op(model, "api/userteamwork-delete-installedapps.delete")
    assert templates(delete) == [
        "/users/{user-id | user-principal-name}/teamwork/installedApps/{app-installation-id}"
    ]
    assert delete.permissions is not None and len(delete.permissions.tables) == 1
    assert [(r.status, r.reason) for r in delete.responses] == [(204, "No Content")]
    assert pairs(delete) == [(59, 90)]


def test_rangeformat_raw_newline_in_suppression(model: Model) -> None:
    rel = "api/rangeformat-update.md"
    (warning,) = diags(model, rel)
    assert warning.code == "DC006" and warning.span.line == 573
    assert "raw newline" in warning.message
    page_ann = page(model, rel).annotations[-1]
    assert page_ann.is_page and page_ann.deviations == ("raw newline in string",)
    assert page_ann.suppressions == (
        "Error: update_rangeformat_font_three/underline: Expected type String but actual "
        "was Single. Property: underline, actual value: 'Single'",
    )
    update = op(model, "api/rangeformat-update.patch")
    assert len(update.paths) == 6 and len(update.examples) == 9
    ranged = update.paths[2]
    fn = ranged.segments[-2]
    assert fn.kind is SegmentKind.FUNCTION and fn.name == "range"
    assert fn.args == (FunctionArg(name="address", param="address", value=None, quoted=True),)
    assert ranged.template.endswith("/range(address='{address}')/format")


# --- 11. itemactivitystat: trailing comma and @type in a resource annotation -----------------


def test_itemactivitystat_lenient_resource_annotation(model: Model) -> None:
    rel = "resources/itemactivitystat.md"
    (warning,) = diags(model, rel)
    assert (warning.code, warning.span.line) == ("DC006", 46)
    assert "trailing comma" in warning.message
    t = typedef(model, "microsoft.graph.itemActivityStat")
    assert t.base == "microsoft.graph.entity"
    assert [p.name for p in t.properties] == [
        "incompleteData",
        "isTrending",
        "startDateTime",
        "endDateTime",
        "create",
        "edit",
        "delete",
        "move",
        "access",
        "activities",
    ]
    props = {p.name: p for p in t.properties}
    assert props["isTrending"].type.name == "Edm.Boolean" and props["isTrending"].read_only
    assert props["create"].type.link == "itemactionstat.md"  # a [x][] reference link
    activities = props["activities"]
    assert activities.is_relationship and activities.type.is_collection
    assert not props["access"].is_relationship


# --- 12. channel-post-messagereply: a "response" annotation on a request -------------------


def test_messagereply_response_annotation_on_a_request(model: Model) -> None:
    rel = "api/channel-post-messagereply.md"
    (warning,) = diags(model, rel)
    assert (warning.code, warning.span.line, warning.span.column) == ("DC011", 151, 3)
    assert "annotated as a response" in warning.message
    reply = op(model, "api/channel-post-messagereply.post")
    imported = reply.examples[1]
    assert imported.title == "Example 2: Import messages"
    req = imported.request
    assert req is not None and req.method == "POST"
    assert req.annotation is not None and req.annotation.block_type == "response"
    assert req.path.endswith("/messages/1590776551682/replies")
    assert req.body is not None and req.body.json["from"]["user"]["displayName"] == "Joh Doe"
    assert imported.response is not None and imported.response.status == 200


# --- 13. user-update-mailboxsettings: NBSP in a JSON body -------------------------------------


def test_mailboxsettings_nbsp_body(model: Model) -> None:
    second = op(model, "api/user-update-mailboxsettings.patch").examples[1]
    assert second.name == "update_mailboxsettings_2"
    assert second.request is not None
    body = second.request.body
    assert body is not None
    assert "\u00a0" in body.text  # kept as written
    assert body.json_error is not None and "line 182" in body.json_error
    assert body.json["workingHours"]["daysOfWeek"] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ]
    assert body.json["workingHours"]["timeZone"]["bias"] == -300
    first = op(model, "api/user-update-mailboxsettings.patch").examples[0]
    assert first.request is not None and first.request.body is not None
    assert first.request.body.json_error is None


# --- 14. intune: Prerequisites, most-to-least, TODO cells ------------------------------------


def test_intune_prerequisites_todo_cells(model: Model) -> None:
    get = op(model, "api/intune-cirrus-officeclientconfigurationassignment-get.get")
    perms = get.permissions
    assert perms is not None and perms.heading == "Prerequisites"
    (table,) = perms.tables
    assert table.stated_order is PermissionOrder.MOST_TO_LEAST
    assert [(e.permission_type, e.state, e.scopes) for e in table.entries] == [
        ("delegated_work", PermissionState.TODO, ()),
        ("delegated_personal", PermissionState.NOT_SUPPORTED, ()),
        ("application", PermissionState.TODO, ()),
    ]
    assert table.entries[0].raw == "**TODO: Determine scopes **"
    (ex,) = get.examples
    assert ex.request is not None and ex.request.annotation is None  # unannotated pair
    assert (ex.request.host, ex.request.version) == ("https://graph.microsoft.com", "beta")
    assert ex.response is not None and ex.response.status == 200


# --- 15. reportroot-getemailactivityuserdetail: function segments ----------------------------


def test_report_function_segments(model: Model) -> None:
    rel = "api/reportroot-getemailactivityuserdetail.md"
    assert attached(rel)[33] == 35  # the "samples" block is the HTTP request block
    report = op(model, "api/reportroot-getemailactivityuserdetail.get")
    period, date = report.paths
    assert period.template == "/reports/getEmailActivityUserDetail(period='{period_value}')"
    assert date.template == "/reports/getEmailActivityUserDetail(date={date_value})"
    for variant, arg in (
        (period, FunctionArg(name="period", param="period_value", value=None, quoted=True)),
        (date, FunctionArg(name="date", param="date_value", value=None, quoted=False)),
    ):
        fn = variant.segments[-1]
        assert fn.kind is SegmentKind.FUNCTION
        assert fn.name == "getEmailActivityUserDetail"
        assert fn.args == (arg,)
        assert variant.params == (arg.param,)
    assert [p.name for p in report.request.query_params] == ["period", "date"]
    assert [(r.status, r.reason) for r in report.responses] == [(302, "Found")]
    example = report.examples[0]
    assert example.name == "reportroot_getemailactivityuserdetail"
    assert example.request is not None and example.request.path.endswith("(period='D7')")
    assert example.response is not None and example.response.status == 302


# --- 16. directory-deleteditems-list: type casts, three permission tables --------------------


def test_deleted_items_type_cast_segments(model: Model) -> None:
    listed = op(model, "api/directory-deleteditems-list.get")
    casts = [v.segments[-1] for v in listed.paths]
    assert [(s.kind, s.text) for s in casts] == [
        (SegmentKind.LITERAL, "microsoft.graph.application"),
        (SegmentKind.LITERAL, "microsoft.graph.group"),
        (SegmentKind.LITERAL, "microsoft.graph.user"),
        (SegmentKind.LITERAL, "microsoft.graph.device"),
    ]
    assert all(v.params == () for v in listed.paths)
    assert listed.paths[0].template == "/directory/deleteditems/microsoft.graph.application"


def test_deleted_items_three_permission_tables(model: Model) -> None:
    listed = op(model, "api/directory-deleteditems-list.get")
    perms = listed.permissions
    assert perms is not None
    assert [t.heading for t in perms.tables] == [
        "For applications:",
        "For users:",
        "For groups:",
    ]
    assert all(t.stated_order is PermissionOrder.LEAST_TO_MOST for t in perms.tables)
    assert perms.tables[1].entries[2].scopes == (
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
    )
    # the "OData cast | Properties supporting $orderBy | Example" table lists no parameters
    assert listed.request.query_params == ()
    assert [h.name for h in listed.request.headers] == ["Authorization", "Accept"]


# --- 17-20. resource pages with table traps -------------------------------------------------


def test_parentalcontrol_no_leading_pipe_and_html_table(model: Model) -> None:
    t = typedef(model, "microsoft.graph.parentalControlSettings")
    countries, rule = t.properties
    assert countries.name == "countriesBlockedForMinors"
    assert (countries.type.name, countries.type.is_collection) == ("Edm.String", True)
    assert (rule.name, rule.type.name, rule.span.line) == ("legalAgeGroupRule", "Edm.String", 21)
    assert "BlockMinors" in rule.description and "<table>" not in rule.description


def test_externalconnectors_pipe_in_code_span(model: Model) -> None:
    t = typedef(model, "microsoft.graph.externalConnectors.property")
    assert (t.namespace, t.name) == ("microsoft.graph.externalConnectors", "property")
    types = {p.name: (p.type.name, p.type.is_collection) for p in t.properties}
    assert types == {
        "aliases": ("Edm.String", True),
        "isQueryable": ("Edm.Boolean", False),
        "isRefinable": ("Edm.Boolean", False),
        "isRetrievable": ("Edm.Boolean", False),
        "isSearchable": ("Edm.Boolean", False),
        "labels": ("microsoft.graph.externalConnectors.label", True),
        "name": ("Edm.String", False),
        "type": ("microsoft.graph.externalConnectors.propertyType", False),
    }
    # the row after the split one is read from its own line
    assert [p.span.line for p in t.properties] == list(range(21, 29))
    assert t.properties[0].description.startswith("A set of aliases")


@pytest.mark.xfail(
    strict=True,
    reason="GFM splits a table row at a pipe inside a code span (blocks.py, markdown-it): "
    "the description loses its tail",
)
def test_externalconnectors_description_after_code_span_pipe(model: Model) -> None:
    t = typedef(model, "microsoft.graph.externalConnectors.property")
    assert t.properties[0].description.endswith("Optional.")


def test_driveitem_wrapped_annotation_and_commented_json(model: Model) -> None:
    t = typedef(model, "microsoft.graph.driveItem")
    assert t.source.line == 124
    assert (t.base, t.key_property, t.open_type) == ("microsoft.graph.baseItem", "id", True)
    assert len(t.optional_properties) == 20
    assert t.optional_properties[:2] == ("cTag", "children")
    assert t.optional_properties[-1] == "sharepointIds"
    rep = t.json_representation
    assert isinstance(rep, dict) and len(rep) == 44  # /* ... */ comments skipped
    assert rep["versions"] == [{"@odata.type": "microsoft.graph.driveItemVersion"}]
    props = {p.name: p for p in t.properties}
    assert len(props) == 43
    children = props["children"]
    assert children.type.name == "microsoft.graph.driveItem"  # resolved: defined here
    assert children.type.is_collection and children.is_relationship
    assert props["size"].type.name == "Edm.Int64" and not props["size"].is_relationship
    assert not [p for p in t.properties if p.name.startswith("@")]
    ann = page(model, "resources/driveitem.md").annotations[0]
    assert ann.span.line == 116 and ann.span.end_line == 122
    assert ann.odata_type == "microsoft.graph.driveItem" and "@type.aka" in ann.data


def test_userattributevaluesitem_backslash_link_is_a_page_link(model: Model) -> None:
    links = [lk for lk in page(model, "resources/userattributevaluesitem.md").links]
    (link,) = [lk for lk in links if lk.span.line == 14]
    assert link.text == "identityUserFlowAttributeAssignment"
    assert link.target.endswith("identityuserflowattributeassignment.md")
    assert link.target.startswith("..")


def test_userattributevaluesitem_backslash_link_kept_as_written(model: Model) -> None:
    links = page(model, "resources/userattributevaluesitem.md").links
    assert "..\\resources\\identityuserflowattributeassignment.md" in [lk.target for lk in links]


# --- 21. the seeds' family: listItem versions, driveItem version restore, unfollow ------------


def test_listitem_list_versions(model: Model) -> None:
    listed = op(model, "api/listitem-list-versions.get")
    assert templates(listed) == [
        "/sites/{site-id}/items/{item-id}/versions",
        "/sites/{site-id}/lists/{list-id}/items/{item-id}/versions",
    ]
    perms = listed.permissions
    assert perms is not None
    states = [(e.permission_type, e.state) for e in perms.tables[0].entries]
    assert states[1] == ("delegated_personal", PermissionState.NOT_APPLICABLE)
    (spec,) = listed.responses
    assert spec.status == 200 and spec.type is not None and spec.type.is_collection
    (ex,) = listed.examples
    assert ex.request is not None and ex.request.annotation is not None
    assert ex.request.annotation.scopes == ("files.read", "sites.read.all")
    assert ex.response is not None and ex.response.annotation is not None
    assert ex.response.annotation.odata_type == "Collection(microsoft.graph.listItemVersion)"


def test_driveitemversion_restore(model: Model) -> None:
    restore = op(model, "api/driveitemversion-restore.post")
    assert [v.params for v in restore.paths] == [
        ("driveId", "itemId", "version-id"),
        ("groupId", "itemId", "version-id"),
        ("item-id", "version-id"),
        ("siteId", "itemId", "version-id"),
        ("userId", "itemId", "version-id"),
    ]
    assert restore.request.body_prose == "No request body is required."
    assert [(r.status, r.reason) for r in restore.responses] == [(204, "No Content")]
    (ex,) = restore.examples
    req = ex.request
    assert req is not None and (req.host, req.version) == (None, None)
    assert req.annotation is not None and req.annotation.target == "action"
    # the example writes {drive-id} where the declaration says {driveId}
    assert match_example(req.path, restore.paths) == restore.paths[0]
    assert ex.response is not None and (ex.response.status, ex.response.body) == (204, None)


def test_unfollow_examples_go_to_their_method(model: Model) -> None:
    delete = op(model, "api/driveitem-unfollow.delete")
    post = op(model, "api/driveitem-unfollow.post")
    assert templates(delete) == [
        "/me/drive/following/{item-id}",
        "/users/{user-id}/drive/following/{item-id}",
    ]
    assert templates(post) == [
        "/me/drive/items/{item-id}/unfollow",
        "/users/{user-id}/drive/items/{item-id}/unfollow",
    ]
    assert delete.examples == ()
    (ex,) = post.examples
    assert isinstance(ex, Example) and ex.name == "unfollow-item"
    assert ex.request is not None and ex.request.method == "POST"
