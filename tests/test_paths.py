"""Tests for generator.paths: request lines, URLs, path segments and example matching.

Cases are the forms catalogued in conventions.md section 5 (``file:line`` relative to
``corpus/graph-v1.0/``); the corpus tests re-measure that section's figures.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.model import FunctionArg, PathVariant, Segment, SegmentKind, Span
from generator.paths import (
    HTTP_METHODS,
    example_matches,
    match_example,
    parse_path,
    split_request_line,
    split_url,
    text_after_path,
)
from generator.read import read_docs

CORPUS_API = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "graph-v1.0" / "api"
SPAN = Span("api/x.md", 1, 1)

L, P, F, C = SegmentKind.LITERAL, SegmentKind.PARAM, SegmentKind.FUNCTION, SegmentKind.COLON_PATH


def variant(line: str) -> PathVariant:
    split = split_request_line(line)
    assert split is not None, line
    return parse_path(split[1], SPAN)


# --- split_request_line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("GET /me/drive", ("GET", "/me/drive")),
        ("GET  /me/drive", ("GET", "/me/drive")),  # two spaces (section 4)
        ("POST\t/me/events", ("POST", "/me/events")),
        ("get /me", ("GET", "/me")),
        ("GET /me/drive  ", ("GET", "/me/drive")),  # trailing blank
        ("POST /me/calendar/getSchedule ", ("POST", "/me/calendar/getSchedule")),
        ("GET /me/drive HTTP/1.1", ("GET", "/me/drive")),
        ("GET /me/x?$filter=a eq 'b'", ("GET", "/me/x?$filter=a eq 'b'")),
        ("GET /me/x?$filter=a eq 'b' HTTP/1.1", ("GET", "/me/x?$filter=a eq 'b'")),
        (
            "GET /users/{id | userPrincipalName}/calendar",
            ("GET", "/users/{id | userPrincipalName}/calendar"),
        ),
        (
            "GET /me/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}')",
            (
                "GET",
                "/me/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}')",
            ),
        ),
        (
            "POST /me/x/resizedRange(deltaRows={n}, deltaColumns={n})",
            ("POST", "/me/x/resizedRange(deltaRows={n}, deltaColumns={n})"),
        ),
        (
            "GET /me/drive/search(q='Contoso Project')",
            ("GET", "/me/drive/search(q='Contoso Project')"),
        ),
        (
            "GET /drive/root:/{path and filename}:/content",
            ("GET", "/drive/root:/{path and filename}:/content"),
        ),
        ("GET auditLogs/signIns", ("GET", "auditLogs/signIns")),  # api/signin-list.md:39
        ("GET https://graph.microsoft.com/v1.0/me", ("GET", "https://graph.microsoft.com/v1.0/me")),
        ("DELETE users", ("DELETE", "users")),
        ("OPTIONS /me", ("OPTIONS", "/me")),
        ("HEAD /me", ("HEAD", "/me")),
        # an unclosed brace must not eat the rest of the line
        ("GET /users/{id/drive now", ("GET", "/users/{id/drive")),
        # api/chat-get-members.md:41: text after the path (outside a query) is dropped
        ("GET /users/{user-id} | user-principal-name/chats", ("GET", "/users/{user-id}")),
    ],
)
def test_split_request_line(line: str, expected: tuple[str, str]) -> None:
    assert split_request_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "GET",
        "GET ",
        "or",
        "Content-Type: application/json",
        "FETCH /me",
        "HTTP/1.1 200 OK",
        "Get the user's [mailboxSettings](../resources/mailboxsettings.md).",
        "POST to branding/localizations to create a new localization.",
        "Delete an [organizationalBrandingProperties](x.md) object.",
        "GET/me",
    ],
)
def test_split_request_line_rejects(line: str) -> None:
    assert split_request_line(line) is None


def test_http_methods() -> None:
    assert HTTP_METHODS == ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


# --- split_url ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://graph.microsoft.com/v1.0/me/drive?x=1",
            ("https://graph.microsoft.com", "v1.0", "/me/drive", "x=1"),
        ),
        ("/me/drive", (None, None, "/me/drive", "")),
        ("me/drive", (None, None, "/me/drive", "")),
        ("/v1.0/me", (None, "v1.0", "/me", "")),
        ("https://graph.microsoft.com/beta/me", ("https://graph.microsoft.com", "beta", "/me", "")),
        (
            "https://graph.microsoft.com/V1.0/chats/{id}",
            ("https://graph.microsoft.com", "V1.0", "/chats/{id}", ""),
        ),
        (
            "https://graph.microsoft.com/v1/teams/{teamId}/schedule",
            ("https://graph.microsoft.com", "v1", "/teams/{teamId}/schedule", ""),
        ),
        ("https://graph.microsoft.com/v1.0", ("https://graph.microsoft.com", "v1.0", "/", "")),
        ("https://bot.contoso.com/api/calls", ("https://bot.contoso.com", None, "/api/calls", "")),
        # seed 000 L65: backslash kept for the linter, "docs" is no version
        (
            "https://graph.microsoft.com/docs\\api/me/drive",
            ("https://graph.microsoft.com", None, "/docs\\api/me/drive", ""),
        ),
        ("/me/x?$filter=a eq 'b'", (None, None, "/me/x", "$filter=a eq 'b'")),
        ("/x(q='?')?a=b", (None, None, "/x(q='?')", "a=b")),
        ("", (None, None, "/", "")),
    ],
)
def test_split_url(url: str, expected: tuple[str | None, str | None, str, str]) -> None:
    assert split_url(url) == expected


# --- parse_path: the forms of conventions.md section 5 -------------------------------------------


@pytest.mark.parametrize(
    ("line", "template", "shape", "params"),
    [
        # relative / absolute (api/list-get.md:29)
        (
            "GET /sites/{site-id}/lists/{list-id}",
            "/sites/{site-id}/lists/{list-id}",
            "/sites/{}/lists/{}",
            ("site-id", "list-id"),
        ),
        (
            "GET https://graph.microsoft.com/v1.0/sites/{site-id}/lists",
            "/sites/{site-id}/lists",
            "/sites/{}/lists",
            ("site-id",),
        ),
        # no leading slash; trailing slash; trailing blank
        ("GET auditLogs/signIns", "/auditLogs/signIns", "/auditLogs/signIns", ()),
        (
            "POST /me/drive/root:/{item-path}:/workbook/worksheets/",
            "/me/drive/root:/{item-path}:/workbook/worksheets",
            "/me/drive/root:/{}:/workbook/worksheets",
            ("item-path",),
        ),
        (
            "POST /me/calendar/getSchedule ",
            "/me/calendar/getSchedule",
            "/me/calendar/getSchedule",
            (),
        ),
        # space inside the query
        (
            "GET /me/events/{id}?$filter={property} eq '{property-value}'",
            "/me/events/{id}",
            "/me/events/{}",
            ("id",),
        ),
        # {a | b} spaced and unspaced
        (
            "GET /users/{id | userPrincipalName}/calendar",
            "/users/{id | userPrincipalName}/calendar",
            "/users/{}/calendar",
            ("id | userPrincipalName",),
        ),
        (
            "GET /me/drive/items/{id}/workbook/worksheets/{id|name}/charts",
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/charts",
            "/me/drive/items/{}/workbook/worksheets/{}/charts",
            ("id", "id|name"),
        ),
        # repeated parameter name
        (
            "POST /groups/{id}/members/{id}/$ref",
            "/groups/{id}/members/{id}/$ref",
            "/groups/{}/members/{}/$ref",
            ("id", "id"),
        ),
        # <x> placeholders (seed 001: <id>)
        (
            "POST /drives/<id>/items/<id>/versions",
            "/drives/{id}/items/{id}/versions",
            "/drives/{}/items/{}/versions",
            ("id", "id"),
        ),
        (
            "GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')",
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')",
            "/me/drive/items/{}/workbook/worksheets/{}/range(address={})",
            ("id", "id|name", "address"),
        ),
        (
            "GET /me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range(<address>)",
            "/me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range({address})",
            "/me/drive/root:/{}:/workbook/worksheets/{}/range({})",
            ("item-path", "id|name", "address"),
        ),
        # colon addressing (api/driveitem-put-content.md)
        (
            "PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content",
            "/drives/{drive-id}/items/{parent-id}:/{filename}:/content",
            "/drives/{}/items/{}:/{}:/content",
            ("drive-id", "parent-id", "filename"),
        ),
        (
            "GET /drives/{drive-id}/root:/{item-path}",
            "/drives/{drive-id}/root:/{item-path}",
            "/drives/{}/root:/{}",
            ("drive-id", "item-path"),
        ),
        (
            "GET /sites/{hostname}:/{relative-path}",
            "/sites/{hostname}:/{relative-path}",
            "/sites/{}:/{}",
            ("hostname", "relative-path"),
        ),
        (
            "GET /drive/root:/{path and filename}:/content?format={format}",
            "/drive/root:/{path and filename}:/content",
            "/drive/root:/{}:/content",
            ("path and filename",),
        ),
        (
            "PUT /me/drive/root:/folder/file.txt:/content",
            "/me/drive/root:/folder/file.txt:/content",
            "/me/drive/root:/folder/file.txt:/content",
            (),
        ),
        # function parameters: quoted, unquoted, literal
        (
            "GET /reports/getEmailActivityUserDetail(period='{period_value}')",
            "/reports/getEmailActivityUserDetail(period='{period_value}')",
            "/reports/getEmailActivityUserDetail(period={})",
            ("period_value",),
        ),
        (
            "GET /reports/getEmailActivityUserDetail(date={date_value})",
            "/reports/getEmailActivityUserDetail(date={date_value})",
            "/reports/getEmailActivityUserDetail(date={})",
            ("date_value",),
        ),
        (
            "GET /me/reminderView(startDateTime={start-value},endDateTime={end-value})",
            "/me/reminderView(startDateTime={start-value},endDateTime={end-value})",
            "/me/reminderView(startDateTime={},endDateTime={})",
            ("start-value", "end-value"),
        ),
        (
            "GET /x/instances/{id}/decisions/filterByCurrentUser(on='reviewer')",
            "/x/instances/{id}/decisions/filterByCurrentUser(on='reviewer')",
            "/x/instances/{}/decisions/filterByCurrentUser(on='reviewer')",
            ("id",),
        ),
        (
            "POST /me/x/range/resizedRange(deltaRows={n}, deltaColumns={n})",
            "/me/x/range/resizedRange(deltaRows={n},deltaColumns={n})",
            "/me/x/range/resizedRange(deltaRows={},deltaColumns={})",
            ("n", "n"),
        ),
        (
            "GET /me/drive/search(q='Contoso Project')",
            "/me/drive/search(q='Contoso%20Project')",
            "/me/drive/search(q='Contoso%20Project')",
            (),
        ),
        # bare /delta; type cast; $value; $entity; $count
        ("GET /users/delta", "/users/delta", "/users/delta", ()),
        (
            "GET /directory/deleteditems/microsoft.graph.application",
            "/directory/deleteditems/microsoft.graph.application",
            "/directory/deleteditems/microsoft.graph.application",
            (),
        ),
        (
            "GET /me/messages/{id}/attachments/{id}/$value",
            "/me/messages/{id}/attachments/{id}/$value",
            "/me/messages/{}/attachments/{}/$value",
            ("id", "id"),
        ),
        ("PUT /x/{id}/$entity", "/x/{id}/$entity", "/x/{}/$entity", ("id",)),
        ("GET /users/$count", "/users/$count", "/users/$count", ()),
        # query with %20 and several parameters
        (
            "GET /me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}",
            "/me/calendarView",
            "/me/calendarView",
            (),
        ),
        # mixed literal and parameter
        (
            "GET /directoryRoles/roleTemplateId={roleTemplateId}",
            "/directoryRoles/roleTemplateId={roleTemplateId}",
            "/directoryRoles/roleTemplateId={}",
            ("roleTemplateId",),
        ),
        # { spaced } names are stripped
        ("GET /users/{ id }", "/users/{id}", "/users/{}", ("id",)),
        ("GET /", "/", "/", ()),
    ],
)
def test_parse_path_forms(line: str, template: str, shape: str, params: tuple[str, ...]) -> None:
    v = variant(line)
    assert (v.template, v.shape, v.params) == (template, shape, params)
    assert v.span == SPAN


def test_parse_path_keeps_raw_and_query() -> None:
    raw = "https://graph.microsoft.com/v1.0/me/events?$filter=a eq 'b'"
    v = parse_path(raw, SPAN)
    assert (v.raw, v.template, v.query) == (raw, "/me/events", "$filter=a eq 'b'")


def test_segments_literal_param_function_colon() -> None:
    v = variant(
        "GET /me/drive/root:/{item-path}:/workbook/worksheets/{id|name}/range(address='<address>')"
    )
    assert [(s.kind, s.name) for s in v.segments] == [
        (L, "me"),
        (L, "drive"),
        (C, "root:/{item-path}:"),
        (L, "workbook"),
        (L, "worksheets"),
        (P, "id|name"),
        (F, "range"),
    ]
    colon, fn = v.segments[2], v.segments[6]
    assert colon == Segment(C, "root:/{item-path}:", "root:/{item-path}:", ("item-path",))
    assert fn.text == "range(address='<address>')"
    assert fn.params == ("address",)
    assert fn.args == (FunctionArg("address", "address", None, True),)


@pytest.mark.parametrize(
    ("line", "args"),
    [
        (
            "GET /r/getX(period='{period_value}')",
            [FunctionArg("period", "period_value", None, True)],
        ),
        ("GET /r/getX(date={date_value})", [FunctionArg("date", "date_value", None, False)]),
        ("GET /r/getX(period='D7')", [FunctionArg("period", None, "D7", True)]),
        ("GET /r/x(on='reviewer')", [FunctionArg("on", None, "reviewer", True)]),
        ("GET /r/rowsBelow(count=n)", [FunctionArg("count", None, "n", False)]),
        ("GET /r/search(q='a, b=c')", [FunctionArg("q", None, "a, b=c", True)]),
        (
            "GET /me/supportedTimeZones(TimeZoneStandard=microsoft.graph.timeZoneStandard'{tz}')",
            [
                FunctionArg(
                    "TimeZoneStandard", "tz", "microsoft.graph.timeZoneStandard'{tz}'", False
                )
            ],
        ),
        (
            "GET /r/x(userId='{id}',startDateTime=<timestamp>)",
            [
                FunctionArg("userId", "id", None, True),
                FunctionArg("startDateTime", "timestamp", None, False),
            ],
        ),
        # key-like forms
        ("GET /me/events('AAMkAG=')", [FunctionArg("", None, "AAMkAG=", True)]),
        ("POST /w/worksheets({id})/createSession", [FunctionArg("", "id", None, False)]),
        ("GET /r/x()", []),
    ],
)
def test_function_args(line: str, args: list[FunctionArg]) -> None:
    functions = [s for s in variant(line).segments if s.kind is F]
    assert len(functions) == 1
    assert list(functions[0].args) == args


def test_nameless_parenthesized_segment_is_a_function() -> None:
    # api/chatmessage-update.md:27 writes (team-id) for {team-id}; a lint reports it
    seg = variant("PATCH /teams/(team-id)/channels/{channel-id}").segments[1]
    assert (seg.kind, seg.name, seg.args) == (F, "", (FunctionArg("", None, "team-id", False),))


def test_mixed_segment_is_a_param_keeping_its_literal_text() -> None:
    seg = variant("GET /directoryRoles/roleTemplateId={roleTemplateId}").segments[1]
    assert (seg.kind, seg.name, seg.params) == (P, "roleTemplateId", ("roleTemplateId",))
    assert seg.text == "roleTemplateId={roleTemplateId}"


def test_colon_path_binds_its_parameters() -> None:
    segs = variant("PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content").segments
    assert [s.kind for s in segs] == [L, P, L, C, L]
    assert segs[3].params == ("parent-id", "filename")


# --- example_matches / match_example --------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "declared"),
    [
        (
            "/me/drive/items/01ABC/versions/2/restoreVersion",
            "POST /me/drive/items/{item-id}/versions/{version-id}/restoreVersion",
        ),
        (
            "https://graph.microsoft.com/v1.0/me/drive/items/01ABC/versions/2/restoreVersion",
            "POST /me/drive/items/{item-id}/versions/{version-id}/restoreVersion",
        ),
        (
            "/drives/{drive-id}/items/{item-id}/versions/{version-id}/restoreVersion",  # seed 002
            "POST /drives/{driveId}/items/{itemId}/versions/{version-id}/restoreVersion",
        ),
        ("/USERS/a@b.com/Calendar/", "GET /users/{id | userPrincipalName}/calendar"),
        ("/groups/1/members/2/$ref", "DELETE /groups/{id}/members/{id}/$ref"),
        (
            "/me/drive/root:/Documents/Book1.xlsx:/workbook/worksheets/Sheet1",
            "GET /me/drive/root:/{item-path}:/workbook/worksheets/{id|name}",
        ),
        (
            "/drives/b!x/items/01AB:/new file.txt:/content",
            "PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content",
        ),
        ("/drives/b!x/root:/a/b/c.txt", "GET /drives/{drive-id}/root:/{item-path}"),
        ("/sites/contoso.sharepoint.com:/sites/hr", "GET /sites/{hostname}:/{relative-path}"),
        (
            "/reports/getEmailActivityUserDetail(period='D7')?$format=text/csv",
            "GET /reports/getEmailActivityUserDetail(period='{period_value}')",
        ),
        (
            "/me/drive/items/1/workbook/worksheets/S/range(address='A1:B2')",
            "GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')",
        ),
        (
            "/directoryRoles/roleTemplateId=62e90394",
            "GET /directoryRoles/roleTemplateId={roleTemplateId}",
        ),
        (
            "/directory/deletedItems/Microsoft.Graph.Application",
            "GET /directory/deleteditems/microsoft.graph.application",
        ),
    ],
)
def test_example_matches(example: str, declared: str) -> None:
    assert example_matches(example, variant(declared))


@pytest.mark.parametrize(
    ("example", "declared"),
    [
        (
            "/me/drive/items/01ABC/versions/2",
            "POST /me/drive/items/{item-id}/versions/{version-id}/restoreVersion",
        ),
        (
            "/me/drive/items/01ABC/versions/2/restore",
            "POST /me/drive/items/{item-id}/versions/{version-id}/restoreVersion",
        ),
        ("/me/calendar", "DELETE /me/calendars/{id}"),  # api/calendar-delete.md:57
        # seed 000 L65: backslash, no $ref
        (
            "/docs\\api/me/drive/items/{driveItemId}/listItem/versions",
            "POST /me/drive/items/{driveItemId}/listItem/versions/$ref",
        ),
        ("/me/drive/items/root:/a.txt:/content", "GET /me/drive/items/{item-id}/content"),
        ("/me/drive/items/x/content", "GET /me/drive/root:/{item-path}:/content"),
        ("/me/drive/special/approot:/a:/content", "GET /me/drive/root:/{item-path}:/content"),
        ("/reports/getX/period", "GET /reports/getX(period='{period_value}')"),
        ("/directoryRoles/62e90394", "GET /directoryRoles/roleTemplateId={roleTemplateId}"),
        ("/users", "GET /users/{id}"),
    ],
)
def test_example_does_not_match(example: str, declared: str) -> None:
    assert not example_matches(example, variant(declared))


def test_match_example_returns_first_match() -> None:
    variants = [
        variant(line)
        for line in (
            "GET /me/drive/items/{item-id}",
            "GET /users/{id}/drive",
            "GET /users/{user-id}/drive",
        )
    ]
    assert match_example("/users/42/drive", variants) is variants[1]
    assert match_example("/groups/42/drive", variants) is None
    assert match_example("/users/42/drive", []) is None


# --- totality --------------------------------------------------------------------------------


def exercise(text: str) -> None:
    """Call every public function on ``text`` and check the invariants that always hold."""
    split_url(text)
    target = split_request_line(text)
    v = parse_path(text if target is None else target[1], SPAN)
    assert v.template.startswith("/") and v.shape.startswith("/")
    assert len(v.template) == 1 or not v.template.endswith("/")
    assert v.params == tuple(p for s in v.segments for p in s.params)
    example_matches(text, v)
    match_example(v.template, [v])


NASTY = [
    "",
    " ",
    "\t",
    "\n",
    "\x00",
    "GET",
    "GET \n/x",
    "GET /{",
    "GET /}",
    "GET /<",
    "GET /(",
    "GET /)",
    "GET /'",
    'GET /"',
    "GET /{{{}}}",
    "GET /((((",
    "GET /))))",
    "GET /a:/b:/c:",
    "GET /:",
    "GET /::",
    "GET /root:",
    "GET //",
    "GET ///a///",
    "GET ?",
    "GET /?",
    "GET /a?b?c",
    "GET /(')/x y",
    "GET /x(a=)",
    "GET /x(=b)",
    "GET /x(,,,)",
    "GET /x('a'='b')",
    "GET /{a}(b)",
    "GET /x(b)c",
    "GET /x(a)(b)",
    "GET /\x00(\x00)",
    "GET https://",
    "GET https:///",
    "GET http://h",
    "GET /v1.0",
    "GET /v1.0/",
    "GET \\\\x\\y",
    "GET /<a{b>}",
    "GET /{a<b}>",
    "GET /" + "{" * 5000,
    "GET /" + "(" * 5000 + ")" * 5000,
    "GET /" + "a/" * 5000,
    "GET /root:/" + "{x}" * 200 + ":",
    "GET /a\u2028b",
    "GET /\u00a0x",
    "GET /x(q='a\u2029b')",
]


@pytest.mark.parametrize("text", NASTY)
def test_total_on_nasty_strings(text: str) -> None:
    exercise(text)


def test_total_on_random_strings() -> None:
    rng = random.Random(20210716)
    alphabet = "GETPOST /\\{}<>()'\":?=,|$.-_ \tab01\x00\n\u00a0"
    for _ in range(3000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        exercise(rng.choice(("GET /", "PUT ", "", "post x/")) + body)


def test_matching_does_not_backtrack() -> None:
    declared = variant("GET /x/{a}-{b}-{c}-{d}-{e}-{f}-{g}!/root:/{p}-{q}-{r}-{s}!")
    near_miss = "/x/" + "-" * 3000 + "/root:/" + "-" * 3000
    assert not example_matches(near_miss, declared)  # a naive regex takes minutes here
    assert example_matches("/x/" + "-" * 3000 + "!/root:/" + "-" * 3000 + "!", declared)


def test_total_hypothesis() -> None:
    """Fuzz with hypothesis when it is installed (it is optional for the suite)."""
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    texts = st.one_of(
        st.text(),
        st.text(alphabet=st.sampled_from("GET /\\{}<>()'\":?=,|$. \tx1"), max_size=60),
    )
    settings = hypothesis.settings(max_examples=1000, deadline=None, database=None)
    settings(hypothesis.given(texts)(exercise))()


# --- the corpus ------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TAB_HEADING = re.compile(r"^#\s*\[[^\]]*\]\(#tab/")
_HTTP_REQUEST = re.compile(r"http requests?\b", re.IGNORECASE)
_REQUEST_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)\s")


def corpus_request_lines() -> Iterator[tuple[str, int, str, bool]]:
    """(file, line number, line, under an HTTP-request heading) for every fence line
    matching ``^(GET|POST|PUT|PATCH|DELETE)\\s``.  Deliberately simple: fences toggle,
    a section ends at a heading of the same or a higher level, tab headings do not count.
    """
    if not CORPUS_API.is_dir():
        pytest.skip(f"corpus not found at {CORPUS_API}")
    for path in sorted(CORPUS_API.glob("*.md")):
        in_fence, section = False, 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _FENCE.match(line):
                in_fence = not in_fence
            elif in_fence:
                if _REQUEST_LINE.match(line):
                    yield path.name, number, line, section > 0
            elif (m := _HEADING.match(line)) and not _TAB_HEADING.match(line):
                level = len(m.group(1))
                if section and level <= section:
                    section = 0
                if _HTTP_REQUEST.match(m.group(2)):
                    section = level


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, int, str, PathVariant, bool]]:
    rows = []
    for name, number, line, under in corpus_request_lines():
        split = split_request_line(line)
        assert split is not None, f"{name}:{number}: {line!r}"
        rows.append(
            (name, number, split[0], parse_path(split[1], Span(name, number, number)), under)
        )
    return rows


_SPACE_OUTSIDE_BRACES = re.compile(r"\s(?![^{}]*\})")


def test_corpus_templates_are_clean(corpus: list[tuple[str, int, str, PathVariant, bool]]) -> None:
    assert len(corpus) > 6000
    for name, number, _, v, _ in corpus:
        where = f"{name}:{number}: {v.template}"
        assert "?" not in v.template, where
        assert not _SPACE_OUTSIDE_BRACES.search(v.template), where
        assert v.template.startswith("/") and (
            v.template == "/" or not v.template.endswith("/")
        ), where


def test_corpus_distinct_method_shapes(
    corpus: list[tuple[str, int, str, PathVariant, bool]],
) -> None:
    declared = [(method, v) for _, _, method, v, under in corpus if under]
    assert 3700 <= len(declared) <= 3800  # conventions.md: 3,747 lines
    distinct = {(method, v.shape) for method, v in declared}
    assert 2950 <= len(distinct) <= 3100  # conventions.md: 3,046


def test_corpus_examples_match_declared_paths(
    corpus: list[tuple[str, int, str, PathVariant, bool]],
) -> None:
    """Most example requests fit a path their page declares (conventions: 1,336 of 1,459)."""
    declared: dict[str, list[tuple[str, PathVariant]]] = {}
    for name, _, method, v, under in corpus:
        if under:
            declared.setdefault(name, []).append((method, v))
    examples = [(name, method, v) for name, _, method, v, under in corpus if not under]
    hits = sum(
        match_example(v.raw, [d for m, d in declared.get(name, []) if m == method]) is not None
        for name, method, v in examples
    )
    assert hits / len(examples) >= 0.85


@pytest.mark.parametrize(
    ("line", "tail"),
    [
        ("GET /users/{user-id} | user-principal-name/chats", "| user-principal-name/chats"),
        ("GET /users/{id | userPrincipalName}/chats", ""),  # inside braces: part of the path
        ("GET /me/messages?$filter=a eq 'b'", ""),  # a query runs to the end
        ("GET /me HTTP/1.1", ""),
        ("GET /me", ""),
    ],
)
def test_text_after_path(line: str, tail: str) -> None:
    assert text_after_path(line) == tail


def test_a_request_line_with_text_after_the_path_declares_no_shorter_path(tmp_path: Path) -> None:
    page = (
        "# Get chats\n\n## HTTP request\n\n"
        "```http\nGET /me/chats\nGET /users/{id} | upn/chats\n```\n"
    )
    (tmp_path / "get.md").write_text(page, encoding="utf-8")
    model = read_docs([tmp_path])
    assert [p.raw for op in model.operations for p in op.paths] == ["/me/chats"]
    [d] = [d for d in model.diagnostics if d.code == "DC010"]
    assert (d.span.line, d.message) == (
        7,
        "text after the path '/users/{id}': '| upn/chats'; the line declares no path",
    )
