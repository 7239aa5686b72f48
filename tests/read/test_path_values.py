"""Paths hold parameters, not values (issue 23): a sample value written where a key or a
function argument belongs becomes that parameter, with the value kept as its example
(``PathVariant.samples``) and reported by DC309; a path that skips segments (``.../``)
declares nothing (DC010).  Small request lines and mutated pages written in tmp_path;
the corpus is checked in test_path_values_corpus.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.lint.context import LintContext
from generator.lint.rules import path_sample_value
from generator.model import Model, PathVariant, SegmentKind, Span
from generator.paths import (
    elided,
    foreign_name,
    parameterize,
    parse_path,
    sample_kind,
    split_request_line,
)
from generator.read import read_docs

SHARED = Path(__file__).resolve().parents[3] / "shared"
CSDL = SHARED / "metadata" / "graph-v1.0" / "cleanMetadata.xml"
SPAN = Span("api/x.md", 7, 7)


def declared(line: str) -> PathVariant:
    """What the reader makes of a declared request line (the path starts at column 5)."""
    split = split_request_line(line)
    assert split is not None, line
    return parameterize(parse_path(split[1], SPAN), line.index(split[1]) + 1)


# --- what a value is --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("acdefc6b-2dc6-4e71-b1e9-6d9810ab1793", "guid"),
        ("4A3407B5-88FC-4504-8B21-0AABD3412717", "guid"),
        ("contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A", "guid"),
        ("OPNSHFT_577b75d2-a927-48c0-a5d1-dc984894e7b8", "guid"),
        ("19:cf66807577b149cca1b7af0c32eec122@thread.v2", "thread-id"),
        ("19:...@thread.v2", "thread-id"),
        ("19%3Ad65713bc498c4a428c71ef9353e6ce20%40thread.v2", "thread-id"),
        ("19:meeting_M2IzYzczNTItYmY3OC00@thread.skype", "thread-id"),
        ("jdoe@contoso.com", "email"),
        ("AlexW@contoso.OnMicrosoft.com", "email"),
        ("42", "number"),
        ("1.0", "number"),
        ("2017-01-01", None),  # a date alone in a path segment is not a key shape
        ("gDbc8U7HGwADDZocJgAAAA==", "id"),
        ("AAMkAGI2THVSAAA=", "id"),
        ("AAMkADhMGAAAbcdefgh", "id"),
        ("01CYZLFJB6K563VVUU2ZC2FJBAHLSZZQXL", "id"),
        ("b!t18F8ybsHUq1z3LTz8xvZqP8zaSWjkFNhsME-Fepo75dTf9vQKfeRblBZjoSQrd7", "id"),
        ("4aade2547798441eab5188a7a2436bc1", "id"),
        ("fe6987415ace7X4e1eF866337", "id"),
        ("AAMk…", "truncated"),
        ("abc...", "truncated"),
    ],
)
def test_sample_kind_tells_values(text: str, kind: str | None) -> None:
    assert sample_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "me",
        "root",
        "users",
        "delta",
        "$ref",
        "$value",
        "$count",
        "microsoft.graph.group",
        "microsoft.graph.windowsInformationProtectionNetworkLearningSummary",
        "oauth2PermissionGrants",
        "fido2Methods",
        "b2xUserFlows",
        "getOffice365ActivationsUserDetail",
        "deviceCompliancePolicySettingStateSummaries",
        "v1.0",
        "Sheet1",  # a worksheet name: a value, but no shape tells it from a name
        "...",  # an elision, not a value: see elided()
        "…",
    ],
)
def test_names_are_no_values(text: str) -> None:
    assert sample_kind(text) is None


def test_no_name_the_service_defines_is_a_value() -> None:
    """Every name in the v1.0 CSDL (entity sets, singletons, navigation properties,
    functions, actions, parameters, types; namespace-qualified or not) is a name."""
    if not CSDL.is_file():
        pytest.skip(f"CSDL not found at {CSDL}")
    names: set[str] = set()
    for el in ET.parse(CSDL).getroot().iter():
        for attr in ("Name", "Type", "BaseType", "EntityType"):
            value = el.get(attr)
            if value:
                names.add(value.removeprefix("Collection(").removesuffix(")"))
    assert len(names) > 5000
    assert [n for n in sorted(names) if sample_kind(n)] == []


# --- request lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "template", "values"),
    [
        (
            "GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/"
            "cf6005fc-9e13-44a2-a6ac-a53322006454/rubric/$ref",
            "/education/classes/{class-id}/assignments/{assignment-id}/rubric/$ref",
            [
                ("class-id", "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793", "guid"),
                ("assignment-id", "cf6005fc-9e13-44a2-a6ac-a53322006454", "guid"),
            ],
        ),
        (
            "POST https://graph.microsoft.com/v1.0/chats/19:cf66807577b149cca1b7af0c32eec122"
            "@thread.v2/members",
            "/chats/{chat-id}/members",
            [("chat-id", "19:cf66807577b149cca1b7af0c32eec122@thread.v2", "thread-id")],
        ),
        (
            "PATCH /teams/(team-id)/channels/{channel-id}/messages/{message-id}",
            "/teams/{team-id}/channels/{channel-id}/messages/{message-id}",
            [("team-id", "team-id", "placeholder")],
        ),
        (
            "GET /me/messages('AAMkAGI2THVSAAA=')",
            "/me/messages('{message-id}')",
            [("message-id", "AAMkAGI2THVSAAA=", "id")],
        ),
        (
            "GET /sites/{site-id}/getActivitiesByInterval(startDateTime='2016-01-01',"
            "endDateTime='2017-05-20',interval='month')",
            "/sites/{site-id}/getActivitiesByInterval(startDateTime='{startDateTime}',"
            "endDateTime='{endDateTime}',interval='{interval}')",
            [
                ("startDateTime", "2016-01-01", "literal"),
                ("endDateTime", "2017-05-20", "literal"),
                ("interval", "month", "literal"),
            ],
        ),
        (
            "GET /me/drive/items/{id}/workbook/worksheets/{id}/charts/{name}/"
            'image(width=640, height=480, fittingMode="fit")',
            "/me/drive/items/{id}/workbook/worksheets/{id}/charts/{name}/"
            'image(width={width},height={height},fittingMode="{fittingMode}")',
            [
                ("width", "640", "number"),
                ("height", "480", "number"),
                ("fittingMode", "fit", "literal"),
            ],
        ),
        (
            "GET /me/drive/items/{id}/workbook/tables/{id}/range/rowsAbove(count=n)",
            "/me/drive/items/{id}/workbook/tables/{id}/range/rowsAbove(count={count})",
            [("count", "n", "placeholder")],
        ),
        (
            "GET /users/{id}/reminderView(startDateTime=startDateTime-value,"
            "endDateTime=endDateTime-value)",
            "/users/{id}/reminderView(startDateTime={startDateTime},endDateTime={endDateTime})",
            [
                ("startDateTime", "startDateTime-value", "placeholder"),
                ("endDateTime", "endDateTime-value", "placeholder"),
            ],
        ),
        (
            "GET /directoryRoles/roleTemplateId=4a5d8f65-41da-4de4-8968-e035b65339cf",
            "/directoryRoles/roleTemplateId={roleTemplateId}",
            [("roleTemplateId", "4a5d8f65-41da-4de4-8968-e035b65339cf", "guid")],
        ),
        (
            "GET /users/jdoe@contoso.com/messages/AAMk…/attachments",
            "/users/{user-id}/messages/{message-id}/attachments",
            [("user-id", "jdoe@contoso.com", "email"), ("message-id", "AAMk…", "truncated")],
        ),
        (  # two values in a row: the second has no name before it
            "GET /drives/b!t18F8ybsHUq1z3LTz8xvZqP8zaSWjkFNhsME/01CYZLFJB6K563VVUU2ZC2FJBAHLSZZQXL",
            "/drives/{drive-id}/{id}",
            [
                ("drive-id", "b!t18F8ybsHUq1z3LTz8xvZqP8zaSWjkFNhsME", "id"),
                ("id", "01CYZLFJB6K563VVUU2ZC2FJBAHLSZZQXL", "id"),
            ],
        ),
        (  # a name the path uses already gets a number
            "GET /sites/{site-id}/sites/contoso.com,2C712604-1370-44E7-A1F5-426573FDA80A",
            "/sites/{site-id}/sites/{site-id-2}",
            [("site-id-2", "contoso.com,2C712604-1370-44E7-A1F5-426573FDA80A", "guid")],
        ),
        (  # singular forms
            "GET /categories/1/addresses/2/statuses/3/boxes/4/aliases/5/status/6",
            "/categories/{category-id}/addresses/{address-id}/statuses/{status-id}/boxes/"
            "{box-id}/aliases/{aliase-id}/status/{status-id-2}",
            None,
        ),
    ],
)
def test_sample_values_become_parameters(
    line: str, template: str, values: list[tuple[str, str, str]] | None
) -> None:
    v = declared(line)
    assert v.template == template
    assert v.shape == parse_path(template, SPAN).shape
    assert v.params == parse_path(template, SPAN).params
    assert v.raw == line.split(" ", 1)[1]  # as written
    if values is not None:
        assert [(s.param, s.value, s.kind) for s in v.samples] == values
    for s in v.samples:  # each value found at its column
        assert s.span.line == SPAN.line
        assert line[s.span.column - 1 :].startswith(s.value)
        assert s.written in v.template


@pytest.mark.parametrize(
    "line",
    [
        "GET /me",
        "GET /me/drive/root:/{item-path}:/children",
        "GET /me/drive/root:/Documents/report.txt:/content",  # a colon path is a path
        "GET /drives/{drive-id}/items/{parent-id}:/{filename}:/content",
        "GET /sites/{hostname}:/{server-relative-path}",
        "GET /directory/deletedItems/microsoft.graph.group",
        "POST /groups/{id}/members/$ref",
        "GET /me/drive/items/{id}/workbook/worksheets/{id}/range(address='<address>')",
        "GET /reports/getEmailActivityCounts(period='{period_value}')",
        "GET /me/calendar/getSchedule",
        "GET /users/{id | userPrincipalName}/messages/{id}/$value",
        "GET /users?$filter=startswith(displayName,'a')&$top=5",  # the query is not the path
        "GET /users/{id}/oauth2PermissionGrants",
        "GET /reports/getOffice365ActivationsUserDetail",
    ],
)
def test_names_placeholders_and_colon_paths_are_untouched(line: str) -> None:
    split = split_request_line(line)
    assert split is not None
    plain = parse_path(split[1], SPAN)
    assert declared(line) is plain or declared(line) == plain
    assert declared(line).samples == ()


@pytest.mark.parametrize(
    ("line", "is_elided"),
    [
        ("GET /me/mailFolders/{id}/childFolders/{id}/.../messages/{id}", True),
        ("GET /me/contactFolders/{id}/childFolders/{id}/…/contacts", True),
        ("GET /me/contactFolders/{id}/childFolders/{id}/..../contacts", True),
        ("GET /chats/19:...@thread.v2/members", False),  # a truncated id: a value
        ("GET /me/drive/root:/a..b.txt:", False),
        ("GET /me/messages", False),
    ],
)
def test_elided_paths(line: str, is_elided: bool) -> None:
    split = split_request_line(line)
    assert split is not None
    assert elided(parse_path(split[1], SPAN)) is is_elided


def test_every_segment_kind_after_parameterize_is_a_name_or_a_parameter() -> None:
    v = declared("GET /teams/(team-id)/channels/19:abc@thread.skype/messages/1616963377068")
    assert [s.kind for s in v.segments] == [
        SegmentKind.LITERAL,
        SegmentKind.PARAM,
        SegmentKind.LITERAL,
        SegmentKind.PARAM,
        SegmentKind.LITERAL,
        SegmentKind.PARAM,
    ]
    assert v.template == "/teams/{team-id}/channels/{channel-id}/messages/{message-id}"


# --- pages ------------------------------------------------------------------------------------

PAGE = """---
title: "Get assignment"
description: "Get an assignment."
doc_type: apiPageType
---
# Get assignment

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/{assignment-id}
GET /me/mailFolders/{id}/childFolders/{id}/.../messages/{id}
GET /education/classes/{class-id}/assignments/{assignment-id}/reports/getX(period='D7')
```

## Response

If successful, this method returns a `200 OK` response code.

## Example

<!-- { "blockType": "request", "name": "get_assignment" } -->
```http
GET https://graph.microsoft.com/v1.0/education/classes/72a7baec-c3e9-4213-a850-f62de0adad5f/assignments/ad8afb28-c138-4ad7-b7f5-a6986c2655a8
```

<!-- { "blockType": "response" } -->
```http
HTTP/1.1 200 OK
```
"""


def read(tmp_path: Path, files: dict[str, str]) -> Model:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return read_docs([tmp_path])


def test_a_page_declares_parameters_and_no_elided_path(tmp_path: Path) -> None:
    model = read(tmp_path, {"api/get.md": PAGE})
    [op] = model.operations
    assert [v.template for v in op.paths] == [
        "/education/classes/{class-id}/assignments/{assignment-id}",
        "/education/classes/{class-id}/assignments/{assignment-id}/reports/getX(period='{period}')",
    ]
    first = op.paths[0]
    assert first.raw.startswith("/education/classes/acdefc6b-")  # as written
    [sample] = first.samples
    assert (sample.param, sample.value, sample.kind, sample.written) == (
        "class-id",
        "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793",
        "guid",
        "{class-id}",
    )
    assert (sample.span.file, sample.span.line, sample.span.column) == ("api/get.md", 12, 24)
    # the example's real ids fit the declared parameters: no DC301
    assert [d for ex in op.examples if ex.request for d in ex.request.defects] == []
    [elision] = [d for d in model.diagnostics if d.code == "DC010"]
    assert (elision.span.line, elision.span.column) == (13, 44)
    assert "skips segments with '...'" in elision.message
    assert "declares no path" in elision.message


def test_dc309_reports_each_declared_line_once(tmp_path: Path) -> None:
    model = read(tmp_path, {"api/get.md": PAGE})
    found = list(path_sample_value.RULE.check(LintContext(model)))
    assert [(f.code, f.span.line, f.span.column, f.severity.value) for f in found] == [
        ("DC309", 12, 24, "warning"),
        ("DC309", 14, 84, "warning"),
    ]
    assert found[0].message == (
        "request line holds a sample value where a key belongs: "
        "'acdefc6b-2dc6-4e71-b1e9-6d9810ab1793'; write {class-id}"
    )
    assert found[1].message == (
        "request line holds a sample value where a parameter belongs: 'D7'; write period='{period}'"
    )


def test_examples_are_where_values_belong(tmp_path: Path) -> None:
    """A page without an HTTP request section declares its examples' paths: their ids
    become parameters, recorded, but no finding; an annotated example inside the HTTP
    request section likewise."""
    page = PAGE.split("## HTTP request")[0] + PAGE.split("## Response")[1]
    in_section = PAGE.replace(
        '<!-- { "blockType": "ignored" } -->\n```http\nGET /education/classes/acdefc6b-2dc6-4e71-'
        "b1e9-6d9810ab1793/assignments/{assignment-id}\n",
        '<!-- { "blockType": "request", "name": "in_section" } -->\n```http\nGET /education/'
        "classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/1\n```\n\n"
        '<!-- { "blockType": "ignored" } -->\n```http\n',
    )
    for name, text in (("no-section", page), ("in-section", in_section)):
        model = read(tmp_path / name, {"api/get.md": text})
        templates = [v.template for op in model.operations for v in op.paths]
        assert "/education/classes/{class-id}/assignments/{assignment-id}" in templates, name
        assert all("acdefc6b" not in t and "72a7baec" not in t for t in templates), name
        found = list(path_sample_value.RULE.check(LintContext(model)))
        assert all(f.span.line != 12 for f in found), (name, found)


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("GET /users/42/items/42", [12, 21]),  # the same value twice
        ("GET /positions/{id}/lookup('os')", [29]),  # 'os' first stands in "positions"
        ("GET https://graph.microsoft.com/v1.0/chats/19:a1b2@thread.v2/members", [44]),
    ],
)
def test_each_value_is_found_in_its_own_segment(line: str, columns: list[int]) -> None:
    assert [s.span.column for s in declared(line).samples] == columns


def test_openapi_paths_hold_parameters_with_the_values_as_examples(tmp_path: Path) -> None:
    from generator.openapi import openapi_document

    doc = openapi_document(read(tmp_path, {"api/get.md": PAGE}))
    assert sorted(doc["paths"]) == [
        "/education/classes/{class-id}/assignments/{assignment-id}",
        "/education/classes/{class-id}/assignments/{assignment-id}/reports/getX(period='{period}')",
    ]
    item = doc["paths"]["/education/classes/{class-id}/assignments/{assignment-id}"]
    examples = {p["name"]: p.get("example") for p in item["get"]["parameters"] if p["in"] == "path"}
    assert examples == {"class-id": "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793", "assignment-id": None}


# --- dotted names outside the page's namespace (issue 24) -------------------------------------


@pytest.mark.parametrize(
    ("text", "namespace", "kind"),
    [
        ("contoso.com", "microsoft.graph", "dotted-name"),
        ("contoso.onmicrosoft.com", "microsoft.graph", "dotted-name"),
        ("report.csv", "microsoft.graph", "dotted-name"),
        ("microsoft.graph.user", "microsoft.graph", None),  # a cast
        ("Microsoft.Graph.user", "microsoft.graph", None),
        ("microsoft.graph.callRecords.session", "microsoft.graph.callRecords", None),
        ("microsoft.management.services.api.updatePriorities", "microsoft.graph", None),
        ("contoso.widget", "contoso.api", None),  # another service's own namespace
        ("contoso.com", None, None),  # a page that states no namespace: nothing to judge
        ("users", "microsoft.graph", None),
        ("$value", "microsoft.graph", None),
    ],
)
def test_a_dotted_name_outside_the_namespace_is_a_value(
    text: str, namespace: str | None, kind: str | None
) -> None:
    assert foreign_name(text, namespace) == kind


def test_a_domain_where_a_key_belongs_becomes_the_key(tmp_path: Path) -> None:
    """``/domains/contoso.com/serviceConfigurationRecords`` (a page of microsoft.graph)
    declares ``/domains/{domain-id}/...``; a cast on the same page stays a name; DC309
    reports the line; the SDK has no ``as_com`` member."""
    page = PAGE.replace(
        "GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/{assignment-id}",
        "GET /domains/contoso.com/serviceConfigurationRecords\n"
        "GET /directory/deletedItems/microsoft.graph.group",
    ).replace("# Get assignment\n", "# Get assignment\n\nNamespace: microsoft.graph\n")
    model = read(tmp_path, {"api/get.md": page})
    [op] = model.operations
    templates = [v.template for v in op.paths]
    assert "/domains/{domain-id}/serviceConfigurationRecords" in templates
    assert "/directory/deletedItems/microsoft.graph.group" in templates
    [sample] = [s for v in op.paths for s in v.samples if s.kind == "dotted-name"]
    assert (sample.param, sample.value, sample.written) == (
        "domain-id",
        "contoso.com",
        "{domain-id}",
    )
    found = list(path_sample_value.RULE.check(LintContext(model)))
    assert any("'contoso.com'; write {domain-id}" in f.message for f in found)
    from generator.sdk.routes import build_tree

    names = {step.member for step, _ in build_tree(model.operations).children.values()}
    domains = build_tree(model.operations).children["lit:domains"][1]
    assert [step.member for step, _ in domains.children.values()] == ["by_id"]
    assert "directory" in names
