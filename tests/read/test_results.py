"""What each call answers with (generator/read/results.py): one decision per path variant
from all the evidence its page gives, with the evidence that decided; evidence that
disagrees with itself is DC310 at its line.

Every doc set here is small and mutated on purpose: collection wordings, a link titled
like no type, an unlinked name, primitives, a page whose paths return one and many, an
extended-property page whose paths address different resources, an extension page that
states the extension's type for calls of the resources, example bodies and annotations,
delta functions, raw content, no content, a Location header, a property path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import Model, Result, TypeKind
from tests.read.graph_pages import api_page, read_tree, resource

RESOURCES = {
    "user": resource(
        "user",
        {"id": "String", "displayName": "String"},
        {
            "messages": "[message](message.md) collection",
            "events": "[event](event.md) collection",
            "photo": "[profilePhoto](profilephoto.md)",
            "mailboxSettings": "[mailboxSettings](mailboxsettings.md)",
        },
    ),
    "message": resource(
        "message",
        {"id": "String", "subject": "String"},
        {"extensions": "[extension](extension.md) collection"},
    ),
    "event": resource(
        "event",
        {"id": "String", "subject": "String"},
        {"extensions": "[extension](extension.md) collection"},
    ),
    "device": resource(
        "device",
        {"id": "String"},
        {"extensions": "[extension](extension.md) collection"},
    ),
    "extension": resource("extension", {"id": "String"}),
    "openTypeExtension": resource(
        "openTypeExtension", {"extensionName": "String"}, base="microsoft.graph.extension"
    ),
    "profilePhoto": resource("profilePhoto", {"id": "String", "height": "Int32"}),
    "mailboxSettings": resource(
        "mailboxSettings",
        {"timeZone": "String", "workingHours": "[workingHours](workinghours.md)"},
    ),
    "workingHours": resource("workingHours", {"startTime": "TimeOfDay"}),
    "widget": resource("widget", {"id": "String"}),
}


def api(title: str, lines: str, response: str, examples: str = "", labels: str = "") -> str:
    return api_page(
        title,
        lines,
        response,
        request=labels,
        body="Do not supply a request body for this method.",
        examples=examples,
        intro=f"{title}.",
        description=f"{title}.",
        namespace=True,
    )


def example(
    call: str, status: str = "200 OK", body: str = "", ann: str = "", head: str = ""
) -> str:
    """An example request and its response."""
    annotation = f'<!-- {{ "blockType": "response"{ann} }} -->'
    headers = head or ("Content-type: application/json" if body else "")
    response = f"HTTP/1.1 {status}\n{headers}\n\n{body}".rstrip()
    return (
        '<!-- { "blockType": "request", "name": "call" } -->\n'
        f"```http\n{call}\n```\n\n{annotation}\n```http\n{response}\n```\n\n"
    )


def ok(text: str) -> str:
    return f"If successful, this method returns a `200 OK` response code and {text}."


def read(tmp_path: Path, pages: dict[str, str]) -> Model:
    return read_tree(tmp_path, RESOURCES, pages)


def results(model: Model, page: str) -> dict[str, Result]:
    """``METHOD /template?query`` -> result, for the operations of ``api/page``."""
    found: dict[str, Result] = {}
    for op in model.operations:
        if op.source.file == f"api/{page}":
            for v in op.paths:
                assert v.result is not None
                key = f"{op.method} {v.template}" + (f"?{v.query}" if v.query else "")
                found[key] = v.result
    return found


def said(result: Result) -> tuple[str | None, bool]:
    return (result.type.name if result.type else None, result.collection)


USER = "microsoft.graph.user"
MESSAGE = "microsoft.graph.message"
EVENT = "microsoft.graph.event"


# --- the Response section's wording --------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "collection"),
    [
        ("a [user](../resources/user.md) object in the response body", False),
        ("a collection of [user](../resources/user.md) objects in the response body", True),
        ("a list of [user](../resources/user.md) objects in the response body", True),
        ("a [user](../resources/user.md) collection in the response body", True),
        ("[user](../resources/user.md) collection object in the response body", True),
        ("the requested [user](../resources/user.md) objects in the response body", True),
        ("all [user](../resources/user.md) items in the response body", True),
        ("a JSON representation of the [users](../resources/user.md)", True),
    ],
)
def test_collection_wordings(tmp_path: Path, wording: str, collection: bool) -> None:
    model = read(tmp_path, {"people.md": api("Find people", "GET /people", ok(wording))})
    (result,) = results(model, "people.md").values()
    assert said(result) == (USER, collection)
    assert (result.status, result.media_type, result.source) == (
        200,
        "application/json",
        "Response section",
    )


def test_a_link_title_is_not_the_type_an_unlinked_name_is(tmp_path: Path) -> None:
    titled = ok(
        "a **widget** object in the response body; see "
        "[the user guide](../resources/user.md) for the others"
    )
    coded = ok("a `widget` object in the response body")
    cased = ok("a `Widget` object and a `Location` header")  # not written as the type is
    model = read(
        tmp_path,
        {
            "titled.md": api("Titled", "GET /titled", titled),
            "coded.md": api("Coded", "GET /coded", coded),
            "cased.md": api("Cased", "GET /cased", cased),
        },
    )
    assert said(results(model, "titled.md")["GET /titled"]) == ("microsoft.graph.widget", False)
    assert said(results(model, "coded.md")["GET /coded"]) == ("microsoft.graph.widget", False)
    cased_result = results(model, "cased.md")["GET /cased"]
    assert cased_result.type is None
    assert cased_result.headers == ("Location",)


def test_primitives_in_prose(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        {
            "ids.md": api("Ids", "GET /ids", ok("a String collection in the response body")),
            "flag.md": api("Flag", "GET /flag", ok("a Boolean in the response body")),
        },
    )
    ids = results(model, "ids.md")["GET /ids"]
    assert ids.type is not None and ids.type.kind == TypeKind.PRIMITIVE
    assert said(ids) == ("Edm.String", True)
    assert said(results(model, "flag.md")["GET /flag"]) == ("Edm.Boolean", False)


# --- per path -----------------------------------------------------------------------------


LIST_BODY = '{\n  "value": [\n    { "id": "1", "subject": "Hi" }\n  ]\n}'
ONE_BODY = '{\n  "@odata.context": "https://x/$metadata#messages/$entity",\n  "id": "1"\n}'


def test_one_page_list_and_get(tmp_path: Path) -> None:
    """The variants of one page return one and many: each its own."""
    examples = example("GET https://graph.microsoft.com/v1.0/me/messages", body=LIST_BODY)
    examples += example("GET https://graph.microsoft.com/v1.0/me/messages/AAMk", body=ONE_BODY)
    page = api(
        "Get messages",
        "GET /me/messages\nGET /users/{id}/messages\n"
        "GET /me/messages/{id}\nGET /users/{id}/messages/{id}",
        ok("a [message](../resources/message.md) object in the response body"),
        examples,
    )
    found = results(read(tmp_path, {"message-get.md": page}), "message-get.md")
    assert {k: said(r) for k, r in found.items()} == {
        "GET /me/messages": (MESSAGE, True),  # its example is a collection
        "GET /users/{id}/messages": (MESSAGE, True),  # as the example of the same tail
        "GET /me/messages/{id}": (MESSAGE, False),
        "GET /users/{id}/messages/{id}": (MESSAGE, False),
    }
    # the prose says one object where the example is a collection: DC310 at the prose
    doubts = {(d.span.line, d.message) for r in found.values() for d in r.doubts}
    ((line, message),) = doubts
    assert message.startswith("the Response section says one message, but the example ")
    assert message.endswith("is a collection; the model follows the example")
    assert page.splitlines()[line - 1].startswith("If successful")  # at the prose


def test_a_key_at_the_end_outweighs_a_collection_example(tmp_path: Path) -> None:
    examples = example("GET https://graph.microsoft.com/v1.0/users/1", body=LIST_BODY)
    page = api(
        "Get user",
        "GET /users/{id}",
        ok("a [user](../resources/user.md) object in the response body"),
        examples,
    )
    model = read(tmp_path, {"user-get.md": page})
    (result,) = results(model, "user-get.md").values()
    assert said(result) == (USER, False)
    (doubt,) = result.doubts
    assert doubt.code == "DC310"
    assert doubt.span.line > 20  # at the example, the evidence the model does not follow
    assert doubt.message.endswith("the model follows the Response section and the path's key")
    found = lint(model, RULES, LintConfig(select=("DC310",))).findings
    assert [(d.code, d.span.line) for d in found] == [("DC310", doubt.span.line)]


EXTENDED = """Get a **message** instance:
```http
GET /me/messages/{id}?$expand=singleValueExtendedProperties
```

Get an **event** instance:
```http
GET /me/events/{id}?$expand=singleValueExtendedProperties
```

Get **event** instances:
```http
GET /me/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id}')
```
"""


def test_labels_name_what_each_block_of_paths_addresses(tmp_path: Path) -> None:
    """An extended-property page: the example is a message, the paths address messages
    and events, one and many; the labels say which."""
    examples = example(
        "GET https://graph.microsoft.com/v1.0/me/messages/AAMk?$expand=singleValueExtendedProperties",
        body=ONE_BODY,
        ann=', "@odata.type": "microsoft.graph.message"',
    )
    page = api(
        "Get extended property",
        "",
        "If successful, this method returns a `200 OK` response code.",
        examples,
        labels=EXTENDED,
    )
    found = results(read(tmp_path, {"ext-get.md": page}), "ext-get.md")
    assert {k.split("?")[0]: (said(r), r.source) for k, r in found.items()} == {
        "GET /me/messages/{id}": ((MESSAGE, False), "path label"),
        "GET /me/events/{id}": ((EVENT, False), "path label"),
        "GET /me/events": ((EVENT, True), "path label"),
    }


def test_a_page_wide_type_is_not_the_type_of_a_path_that_addresses_another(
    tmp_path: Path,
) -> None:
    """An extension page states the extension's type; its paths that expand a resource
    with the extension address the resource (as the doc set's types say)."""
    page = api(
        "Get open extension",
        "GET /devices/{id}/extensions/{extensionId}\n"
        "GET /users/{id}/events/{eventId}/extensions/{extensionId}\n"
        "GET /users/{id}/events/{eventId}?$expand=extensions\n"
        "GET /devices/{id}?$expand=extensions\n"
        "GET /users/{id}/messages?$expand=extensions",
        ok("an [openTypeExtension](../resources/opentypeextension.md) object in the body"),
    )
    found = results(read(tmp_path, {"ext.md": page}), "ext.md")
    assert {k: (said(r), r.source) for k, r in found.items()} == {
        "GET /devices/{id}/extensions/{extensionId}": (
            ("microsoft.graph.openTypeExtension", False),
            "Response section",
        ),
        "GET /users/{id}/events/{eventId}/extensions/{extensionId}": (
            ("microsoft.graph.openTypeExtension", False),
            "Response section",
        ),
        "GET /users/{id}/events/{eventId}?$expand=extensions": ((EVENT, False), "path"),
        "GET /devices/{id}?$expand=extensions": (("microsoft.graph.device", False), "path"),
        "GET /users/{id}/messages?$expand=extensions": ((MESSAGE, True), "path"),
    }


def test_one_page_one_subject_keeps_its_type(tmp_path: Path) -> None:
    """A page whose paths all end on the same thing keeps the type it states, even where
    a property of that name elsewhere in the doc set has another type."""
    page = api(
        "Get photo",
        "GET /me/photo\nGET /users/{id}/photo",
        ok("a [widget](../resources/widget.md) object in the response body"),
    )
    found = results(read(tmp_path, {"photo.md": page}), "photo.md")
    assert {said(r) for r in found.values()} == {("microsoft.graph.widget", False)}


def test_a_property_path_answers_with_the_property(tmp_path: Path) -> None:
    page = api(
        "Get mailbox settings",
        "GET /me/mailboxSettings\nGET /me/mailboxSettings/workingHours",
        ok("a [mailboxSettings](../resources/mailboxsettings.md) object"),
    )
    found = results(read(tmp_path, {"settings.md": page}), "settings.md")
    assert said(found["GET /me/mailboxSettings"]) == ("microsoft.graph.mailboxSettings", False)
    narrowed = found["GET /me/mailboxSettings/workingHours"]
    assert said(narrowed) == ("microsoft.graph.workingHours", False)
    assert narrowed.source == "property workingHours"


# --- example bodies and annotations --------------------------------------------------------


def test_example_bodies_decide_where_the_prose_names_nothing(tmp_path: Path) -> None:
    listed = example(
        "GET https://graph.microsoft.com/v1.0/listed",
        body='{"value": [{"@odata.type": "#microsoft.graph.user", "id": "1"}]}',
    )
    flag = example("POST https://graph.microsoft.com/v1.0/flag", body='{"value": true}')
    annotated = example(
        "GET https://graph.microsoft.com/v1.0/annotated",
        body='{"id": "1"}',
        ann=', "@odata.type": "microsoft.graph.user", "isCollection": true',
    )
    strings = example(
        "POST https://graph.microsoft.com/v1.0/strings",
        body='{"value": ["a", "b"]}',
        ann=', "@odata.type": "string"',
    )
    status = "If successful, this method returns a `200 OK` response code."
    model = read(
        tmp_path,
        {
            "listed.md": api("Listed", "GET /listed", status, listed),
            "flag.md": api("Flag", "POST /flag", status, flag),
            "annotated.md": api("Annotated", "GET /annotated", status, annotated),
            "strings.md": api("Strings", "POST /strings", status, strings),
        },
    )
    listed_result = results(model, "listed.md")["GET /listed"]
    assert (said(listed_result), listed_result.source) == ((USER, True), "example body")
    assert said(results(model, "flag.md")["POST /flag"]) == ("Edm.Boolean", False)
    # the annotation says a collection; the body one object: 1 against 2
    annotated_result = results(model, "annotated.md")["GET /annotated"]
    assert said(annotated_result) == (USER, False)
    assert annotated_result.source == "example response annotation"
    assert said(results(model, "strings.md")["POST /strings"]) == ("Edm.String", True)


def test_truncated_bodies_still_show_their_shape(tmp_path: Path) -> None:
    truncated = example(
        "GET https://graph.microsoft.com/v1.0/listed",
        body='{\n  "value": [\n    { "id": "1", ... }\n  ]\n}',
        ann=', "@odata.type": "microsoft.graph.user", "truncated": true',
    )
    status = "If successful, this method returns a `200 OK` response code."
    model = read(tmp_path, {"listed.md": api("Listed", "GET /listed", status, truncated)})
    assert said(results(model, "listed.md")["GET /listed"]) == (USER, True)


# --- the path: delta, content, count; statuses and headers ---------------------------------


def test_delta_functions_are_paged_collections(tmp_path: Path) -> None:
    page = api(
        "user: delta",
        "GET /users/delta\nGET /users/delta()",
        ok("a [user](../resources/user.md) object in the response body"),
    )
    found = results(read(tmp_path, {"user-delta.md": page}), "user-delta.md")
    assert {(said(r), r.delta) for r in found.values()} == {((USER, True), True)}


def test_raw_content_and_counts(tmp_path: Path) -> None:
    photo = example(
        "GET https://graph.microsoft.com/v1.0/me/photo/$value",
        body="binary",
        head="Content-Type: image/jpeg",
    )
    page = api(
        "Get photo",
        "GET /me/photo\nGET /me/photo/$value\nGET /me/messages/$count",
        ok("a [profilePhoto](../resources/profilephoto.md) object in the response body"),
        photo,
    )
    found = results(read(tmp_path, {"photo.md": page}), "photo.md")
    assert said(found["GET /me/photo"]) == ("microsoft.graph.profilePhoto", False)
    assert found["GET /me/photo"].media_type == "application/json"
    raw = found["GET /me/photo/$value"]
    assert (raw.type, raw.media_type, raw.source) == (None, "image/jpeg", "path")
    count = found["GET /me/messages/$count"]
    assert (said(count), count.media_type) == (("Edm.Int32", False), "text/plain")


def test_no_content_and_headers(tmp_path: Path) -> None:
    accepted = example(
        "POST https://graph.microsoft.com/v1.0/copy",
        status="202 Accepted",
        head="Location: https://graph.microsoft.com/v1.0/monitor/1",
    )
    model = read(
        tmp_path,
        {
            "delete.md": api(
                "Delete", "DELETE /me/messages/{id}", "If successful, returns `204 No Content`."
            ),
            "copy.md": api(
                "Copy",
                "POST /copy",
                "If successful, this method returns a `202 Accepted` response code and a "
                "`Operation-Location` header.",
                accepted,
            ),
        },
    )
    deleted = results(model, "delete.md")["DELETE /me/messages/{id}"]
    assert (deleted.status, deleted.type, deleted.media_type) == (204, None, None)
    copied = results(model, "copy.md")["POST /copy"]
    assert (copied.status, copied.type, copied.media_type) == (202, None, None)
    assert copied.headers == ("Location", "Operation-Location")


def test_no_type_and_no_body_is_no_content_except_for_a_get(tmp_path: Path) -> None:
    shown = example("POST https://graph.microsoft.com/v1.0/clear")
    model = read(
        tmp_path,
        {
            "clear.md": api(
                "Clear",
                "POST /clear",
                "If successful, this method returns `200 OK` response code. It does not "
                "return anything in the response body.",
                shown,
            ),
            "report.md": api("Report", "POST /report", ok("a Stream in the response body")),
            "thing.md": api("Thing", "GET /thing", "If successful, returns `200 OK`."),
        },
    )
    cleared = results(model, "clear.md")["POST /clear"]
    assert (cleared.status, cleared.type, cleared.media_type) == (200, None, None)
    report = results(model, "report.md")["POST /report"]
    assert (report.type, report.media_type) == (None, "application/octet-stream")
    thing = results(model, "thing.md")["GET /thing"]
    assert (thing.type, thing.media_type) == (None, "application/json")


def test_a_type_a_header_points_at_is_not_the_result(tmp_path: Path) -> None:
    """A type named in a header's clause (either side of it) is what the header points
    at; a type the same sentence says is returned, after a header the request sends,
    is the result."""
    model = read(
        tmp_path,
        {
            "archive.md": api(
                "Archive",
                "POST /me/archive",
                "If successful, this method returns a `202 Accepted` response code. The "
                "response will also contain a `Location` header, which contains the location "
                "of the [message](../resources/message.md) that was created.",
            ),
            "register.md": api(
                "Register",
                "POST /me/register",
                "If successful, this method returns a `202 Accepted` response code and a link "
                "to the associated [event](../resources/event.md) in the `Operation-Location` "
                "header.",
            ),
            "update.md": api(
                "Update",
                "PATCH /me/events/{id}",
                "If the request specifies the `Prefer` header with "
                "`return=representation`, then this method returns a "
                "`200 OK` response code and the updated [event](../resources/event.md) object "
                "in the response body.",
            ),
        },
    )
    for page, path in (("archive.md", "POST /me/archive"), ("register.md", "POST /me/register")):
        found = results(model, page)[path]
        assert (found.status, found.type, found.media_type) == (202, None, None), page
    updated = results(model, "update.md")["PATCH /me/events/{id}"]
    assert said(updated) == (EVENT, False)


def test_names_about_errors_or_an_empty_body_are_not_the_result(tmp_path: Path) -> None:
    model = read(
        tmp_path,
        {
            "decline.md": api(
                "Decline",
                "POST /me/events/{id}/decline",
                "If successful, this method returns `202 Accepted` response code. It does not "
                "return anything in the response body.\n\n"
                "This action returns HTTP 400 if the following occurs:\n\n"
                "- The **proposedNewTime** parameter is included but the **event** is past.",
            ),
            "accept.md": api(
                "Accept",
                "POST /me/events/{id}/accept",
                "If successful, this method returns `202 Accepted` and an empty response body, "
                "as the **event** it accepts is updated in place.",
            ),
        },
    )
    declined = results(model, "decline.md")["POST /me/events/{id}/decline"]
    assert (declined.status, declined.type, declined.media_type) == (202, None, None)
    accepted = results(model, "accept.md")["POST /me/events/{id}/accept"]
    assert (accepted.type, accepted.media_type, accepted.source) == (None, None, "Response section")
