"""What each call takes (generator/read/bodies.py): one decision per path variant from all
the evidence of the docs, with the evidence that decided; self-contradicting evidence is
DC312 at its line.

Every doc set here is small and mutated on purpose: a body named only in prose, an array
body, an extended-property page listing the creates of whole resources, an action whose
one parameter wraps the table's rows, a type linked from a sentence about a header, an
Intune-style create page with a property table and no type name, no body at all, raw
content, a reference, a function's parameters in its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import BodyKind, Model, Operation, RequestBody, TypeKind
from tests.read.graph_pages import api_page, read_tree, resource


def api(
    title: str,
    lines: str,
    body: str = "",
    example: str = "",
    response: str = "If successful, this method returns `204 No Content`.",
    extra: str = "",
    intro: str = "",
) -> str:
    examples = f"### Request\n\n{example}" if example else ""
    return api_page(
        title,
        lines,
        response,
        body=body,
        examples=examples,
        intro=intro or f"{title}.",
        extra=extra,
        description=f"{title}.",
        namespace=True,
    )


def request(lines: str, body: str = "", headers: str = "Content-Type: application/json") -> str:
    block = f"{lines}\n{headers}\n\n{body}" if body else lines
    return f'<!-- {{ "blockType": "request", "name": "example" }} -->\n```http\n{block}\n```\n'


TABLE = "|Property|Type|Description|\n|:---|:---|:---|\n"

RESOURCES = {
    "user": resource(
        "user",
        {"id": "String", "displayName": "String"},
        {
            "messages": "[message](message.md) collection",
            "events": "[event](event.md) collection",
            "mailFolders": "[mailFolder](mailfolder.md) collection",
        },
    ),
    "message": resource(
        "message",
        {"id": "String", "subject": "String"},
        {
            "singleValueExtendedProperties": "[singleValueLegacyExtendedProperty]"
            "(singlevaluelegacyextendedproperty.md) collection",
            "extensions": "[extension](extension.md) collection",
        },
    ),
    "event": resource(
        "event",
        {"id": "String", "subject": "String"},
        {
            "singleValueExtendedProperties": "[singleValueLegacyExtendedProperty]"
            "(singlevaluelegacyextendedproperty.md) collection"
        },
    ),
    "mailFolder": resource(
        "mailFolder",
        {"id": "String", "displayName": "String"},
        {
            "childFolders": "[mailFolder](mailfolder.md) collection",
            "singleValueExtendedProperties": "[singleValueLegacyExtendedProperty]"
            "(singlevaluelegacyextendedproperty.md) collection",
        },
    ),
    "singleValueLegacyExtendedProperty": resource(
        "singleValueLegacyExtendedProperty", {"id": "String", "value": "String"}
    ),
    "extension": resource("extension", {"id": "String"}),
    "openTypeExtension": resource(
        "openTypeExtension", {"extensionName": "String"}, base="microsoft.graph.extension"
    ),
    "passwordCredential": resource(
        "passwordCredential",
        {"displayName": "String", "endDateTime": "DateTimeOffset", "secretText": "String"},
    ),
    "application": resource("application", {"id": "String", "displayName": "String"}),
    "recipient": resource("recipient", {"emailAddress": "String"}),
    "deviceManagement": resource(
        "deviceManagement",
        {"id": "String"},
        {"deviceConfigurations": "[deviceConfiguration](deviceconfiguration.md) collection"},
    ),
    "deviceConfiguration": resource(
        "deviceConfiguration", {"id": "String", "displayName": "String", "version": "Int32"}
    ),
    "iosCustomConfiguration": resource(
        "iosCustomConfiguration",
        {"payloadName": "String", "payload": "Binary"},
        base="microsoft.graph.deviceConfiguration",
    ),
    "driveItem": resource("driveItem", {"id": "String", "name": "String"}),
}

GETS = {
    "user-get.md": api(
        "Get user",
        "GET /me\nGET /users/{id}",
        response="If successful, this method returns a `200 OK` response code and a "
        "[user](../resources/user.md) object in the response body.",
    ),
    "application-get.md": api(
        "Get application",
        "GET /applications/{id}",
        response="If successful, this method returns a `200 OK` response code and an "
        "[application](../resources/application.md) object in the response body.",
    ),
    "devicemanagement-get.md": api(
        "Get deviceManagement",
        "GET /deviceManagement",
        response="If successful, this method returns a `200 OK` response code and a "
        "[deviceManagement](../resources/devicemanagement.md) object in the response body.",
    ),
}


def write(root: Path, pages: dict[str, str]) -> Model:
    return read_tree(root, RESOURCES, {**GETS, **pages})


def op_of(model: Model, page: str, method: str | None = None) -> Operation:
    return next(
        op
        for op in model.operations
        if op.source.file == f"api/{page}" and method in (None, op.method)
    )


def body(
    model: Model, page: str, template: str | None = None, method: str | None = None
) -> RequestBody:
    op = op_of(model, page, method)
    variant = next(v for v in op.paths if template is None or v.template == template)
    assert variant.body is not None
    return variant.body


def type_of(found: RequestBody) -> str | None:
    return found.type.name if found.type is not None else None


def dc312(root: Path, model: Model) -> list[tuple[str, int, str]]:
    report = lint(model, RULES, LintConfig())
    return [(d.span.file, d.span.line, d.message) for d in report.findings if d.code == "DC312"]


# --- creates and updates ------------------------------------------------------------------


def test_a_type_named_in_prose_without_a_link_is_the_body(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "message-post.md": api(
                "Create message",
                "POST /me/messages",
                "In the request body, supply a JSON representation for the message object.",
            ),
            "message-put.md": api(
                "Update message",
                "PATCH /me/messages/{id}",
                "In the request body, supply a JSON representation of message.",
            ),
        },
    )
    created = body(model, "message-post.md")
    assert (created.kind, type_of(created), created.media_type) == (
        BodyKind.OBJECT,
        "microsoft.graph.message",
        "application/json",
    )
    assert created.source == "Request body prose"
    assert created.span is not None and created.span.file == "api/message-post.md"
    assert type_of(body(model, "message-put.md")) == "microsoft.graph.message"


def test_an_array_of_a_type_is_an_array(tmp_path: Path) -> None:
    array = '[{ "emailAddress": "a@contoso.com" }]'
    model = write(
        tmp_path,
        {
            "user-post-recipients.md": api(
                "Add recipients",
                "POST /me/addRecipients",
                "In the request body, supply an array of [recipient](../resources/recipient.md) "
                "objects.",
                request("POST https://graph.microsoft.com/v1.0/me/addRecipients", array),
            ),
        },
    )
    found = body(model, "user-post-recipients.md")
    assert found.kind is BodyKind.ARRAY
    assert found.type is not None and found.type.is_collection
    assert type_of(found) == "microsoft.graph.recipient"
    assert not found.doubts  # the example sends the array the docs promise


def test_an_example_object_where_an_array_is_promised_is_dc312(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "user-post-recipients.md": api(
                "Add recipients",
                "POST /me/addRecipients",
                "Supply an array of recipient objects.",
                request(
                    "POST https://graph.microsoft.com/v1.0/me/addRecipients",
                    '{ "emailAddress": "a@contoso.com" }',
                ),
            ),
        },
    )
    found = body(model, "user-post-recipients.md")
    assert found.kind is BodyKind.ARRAY
    (doubt,) = found.doubts
    assert doubt.code == "DC312" and "one object where the docs say an array" in doubt.message
    assert [(f, m) for f, _, m in dc312(tmp_path, model)] == [
        ("api/user-post-recipients.md", doubt.message)
    ]


def test_an_extended_property_page_creates_whole_resources(tmp_path: Path) -> None:
    """The extension type the section links is carried by a property of what each path
    creates: the body is the message, the event, the mail folder."""
    section = (
        "Provide a JSON body of each [singleValueLegacyExtendedProperty]"
        "(../resources/singlevaluelegacyextendedproperty.md) object in the "
        "**singleValueExtendedProperties** collection property of the resource instance.\n\n"
        + TABLE
        + "|singleValueExtendedProperties|[singleValueLegacyExtendedProperty]"
        "(../resources/singlevaluelegacyextendedproperty.md) collection|Properties.|\n"
        "|id|String|The id.|\n|value|String|The value.|\n\n"
        "When creating an extended property in a new resource instance, provide a JSON "
        "representation of that resource instance (that is, a [message](../resources/message.md), "
        "[mailFolder](../resources/mailfolder.md), [event](../resources/event.md), etc.)"
    )
    model = write(
        tmp_path,
        {
            "singlevaluelegacyextendedproperty-post.md": api(
                "Create single-value extended property",
                "POST /me/messages\nPOST /me/events\nPOST /me/mailFolders\n"
                "POST /me/messages/{id}/singleValueExtendedProperties",
                section,
            ),
        },
    )
    page = "singlevaluelegacyextendedproperty-post.md"
    assert type_of(body(model, page, "/me/messages")) == "microsoft.graph.message"
    assert type_of(body(model, page, "/me/events")) == "microsoft.graph.event"
    assert type_of(body(model, page, "/me/mailFolders")) == "microsoft.graph.mailFolder"
    own = body(model, page, "/me/messages/{id}/singleValueExtendedProperties")
    assert type_of(own) == "microsoft.graph.singleValueLegacyExtendedProperty"
    assert [
        d.message for v in op_of(model, page).paths for d in body(model, page, v.template).doubts
    ] == []


def test_an_open_extension_is_carried_by_a_property_of_its_base(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "opentypeextension-post.md": api(
                "Create open extension",
                "POST /me/messages\nPOST /me/messages/{id}/extensions",
                "Provide a JSON body of an [openTypeExtension](../resources/opentypeextension.md).",
            ),
        },
    )
    page = "opentypeextension-post.md"
    assert type_of(body(model, page, "/me/messages")) == "microsoft.graph.message"
    derived = body(model, page, "/me/messages/{id}/extensions")
    assert type_of(derived) == "microsoft.graph.openTypeExtension"  # derived from extension
    assert not body(model, page, "/me/messages").doubts


def test_a_property_table_without_a_type_name_is_the_created_entity(tmp_path: Path) -> None:
    """Intune's create pages: a table of the properties, the type named nowhere; the path
    creates deviceConfigurations; an example's @odata.type names a derived type."""
    table = TABLE + "|displayName|String|The name.|\n|version|Int32|The version.|\n"
    derived = TABLE + "|displayName|String|The name.|\n|payloadName|String|The payload.|\n"
    example = request(
        "POST https://graph.microsoft.com/v1.0/deviceManagement/deviceConfigurations",
        '{ "@odata.type": "#microsoft.graph.iosCustomConfiguration", "payloadName": "p" }',
    )
    model = write(
        tmp_path,
        {
            "deviceconfiguration-create.md": api(
                "Create deviceConfiguration",
                "POST /deviceManagement/deviceConfigurations",
                "The following table shows the properties that are required.\n\n" + table,
            ),
            "ioscustomconfiguration-create.md": api(
                "Create iosCustomConfiguration",
                "POST /deviceManagement/deviceConfigurations",
                derived,
                example,
            ),
        },
    )
    plain = body(model, "deviceconfiguration-create.md")
    assert type_of(plain) == "microsoft.graph.deviceConfiguration"
    assert plain.source == (
        "POST /deviceManagement/deviceConfigurations creates a microsoft.graph.deviceConfiguration"
    )
    ios = body(model, "ioscustomconfiguration-create.md")
    assert (type_of(ios), ios.source) == (
        "microsoft.graph.iosCustomConfiguration",
        "example request @odata.type",
    )


def test_a_named_type_the_path_does_not_take_is_dc312_and_the_path_wins(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "event-post.md": api(
                "Create event",
                "POST /me/events",
                "In the request body, supply a JSON representation of a "
                "[message](../resources/message.md) object.",
            ),
        },
    )
    found = body(model, "event-post.md")
    assert type_of(found) == "microsoft.graph.event"
    (doubt,) = found.doubts
    assert doubt.span.file == "api/event-post.md"
    assert "names microsoft.graph.message" in doubt.message
    assert "read as microsoft.graph.event" in doubt.message
    findings = dc312(tmp_path, model)
    assert [(f, line) for f, line, _ in findings] == [("api/event-post.md", doubt.span.line)]


def test_a_type_in_a_sentence_about_a_header_is_not_the_body(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "user-post-messages.md": api(
                "Create message",
                "POST /me/messages",
                "The Location header of the answer points at the new "
                "[event](../resources/event.md). Supply a JSON representation of the "
                "[message](../resources/message.md) object.",
            ),
        },
    )
    found = body(model, "user-post-messages.md")
    assert (type_of(found), found.source) == ("microsoft.graph.message", "Request body link")
    assert not found.doubts


# --- actions ------------------------------------------------------------------------------


def test_an_action_takes_its_table_and_the_examples_other_keys(tmp_path: Path) -> None:
    table = (
        "|Parameter|Type|Description|\n|:---|:---|:---|\n"
        "|message|[message](../resources/message.md)|The message. Required.|\n"
        "|saveToSentItems|Boolean|Whether to save it. Optional.|\n"
    )
    example = request(
        "POST https://graph.microsoft.com/v1.0/me/sendMail",
        '{ "message": { "subject": "Hi" }, "saveToSentItems": false, "comment": "x" }',
    )
    model = write(
        tmp_path,
        {
            "user-sendmail.md": api(
                "Send mail",
                "POST /me/sendMail\nPOST /users/{id}/sendMail",
                "Provide a JSON object with the following parameters.\n\n" + table,
                example,
            ),
        },
    )
    found = body(model, "user-sendmail.md", "/users/{id}/sendMail")
    assert found.kind is BodyKind.OBJECT and found.type is None
    names = [(p.name, p.type.name if p.type else None, p.required) for p in found.parameters]
    assert names == [
        ("message", "microsoft.graph.message", True),
        ("saveToSentItems", "Edm.Boolean", False),
        ("comment", "Edm.String", None),  # only the example shows it
    ]
    assert found.source == "the parameters of sendMail: the table, and keys of the example"


def test_an_action_with_one_object_parameter_lists_the_parameter(tmp_path: Path) -> None:
    """addPassword: the table lists a passwordCredential's properties, the example wraps
    them in ``passwordCredential``: that is the one parameter."""
    table = TABLE + "|displayName|String|A name. Optional.|\n|endDateTime|DateTimeOffset|E.|\n"
    example = request(
        "POST https://graph.microsoft.com/v1.0/applications/{id}/addPassword",
        '{ "passwordCredential": { "displayName": "Password friendly name" } }',
    )
    model = write(
        tmp_path,
        {
            "application-addpassword.md": api(
                "Add password",
                "POST /applications/{id}/addPassword",
                "In the request body, provide an optional `passwordCredential` object with the "
                "following properties.\n\n" + table,
                example,
            ),
        },
    )
    found = body(model, "application-addpassword.md")
    (param,) = found.parameters
    assert param.name == "passwordCredential"
    assert param.type is not None and param.type.name == "microsoft.graph.passwordCredential"
    assert param.type.kind is TypeKind.COMPLEX and not param.type.is_collection
    assert not found.required  # "an optional passwordCredential"


def test_a_page_that_lists_an_action_beside_other_calls_borrows_its_parameters(
    tmp_path: Path,
) -> None:
    reply_table = "|Parameter|Type|Description|\n|:---|:---|:---|\n|comment|String|A comment.|\n"
    extension_table = TABLE + "|id|String|The id.|\n|value|String|The value.|\n"
    model = write(
        tmp_path,
        {
            "message-reply.md": api(
                "Reply", "POST /me/messages/{id}/reply", "Provide:\n\n" + reply_table
            ),
            "extendedproperty-post.md": api(
                "Create extended property",
                "POST /me/messages\nPOST /me/messages/{id}/reply",
                "Provide a JSON body of each [singleValueLegacyExtendedProperty]"
                "(../resources/singlevaluelegacyextendedproperty.md) object.\n\n" + extension_table,
            ),
        },
    )
    borrowed = body(model, "extendedproperty-post.md", "/me/messages/{id}/reply")
    assert [p.name for p in borrowed.parameters] == ["comment"]
    assert "api/message-reply.md, the call's own page" in borrowed.source


def test_a_parameter_named_in_prose_is_a_parameter(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "user-archive.md": api(
                "Archive",
                "POST /me/archive",
                "In the request, you may optionally include the `shouldArchiveAll` parameter "
                "in a JSON body.",
            ),
        },
    )
    found = body(model, "user-archive.md")
    assert [(p.name, p.required) for p in found.parameters] == [("shouldArchiveAll", False)]


def test_a_parameter_the_intro_names_joins_the_table_beside_mime_content(
    tmp_path: Path,
) -> None:
    """The page documents JSON parameters in its intro and table, and MIME content in an
    example: the body is the JSON object, MIME an alternative; the table's gap is DC312."""
    mime = request(
        "POST https://graph.microsoft.com/v1.0/me/messages/{id}/forward",
        "RnJvbTogQWxleA==",
        headers="Content-Type: text/plain",
    )
    intro = (
        "Forward a message in JSON or MIME format.\n\n"
        "- Specify either a comment or the **body** property of the `message` parameter.\n"
        "- Set the `toRecipients` parameter, or the `driveId` and `id` parameters of a "
        "`folder` parameter's target, never the `{id}` parameter."
    )
    model = write(
        tmp_path,
        {
            "message-forward.md": api(
                "message: forward",
                "POST /me/messages/{id}/forward",
                "When using JSON format, provide these parameters.\n\n"
                "|Parameter|Type|Description|\n|:---|:---|:---|\n|comment|String|A comment.|\n\n"
                "When specifying the body in MIME format, provide the MIME content.",
                mime,
                response="If successful, this method returns `202 Accepted`. The `$select` "
                "parameter and the `reason` parameter are ignored.",
                intro=intro,
            ),
        },
    )
    found = body(model, "message-forward.md")
    assert found.kind is BodyKind.OBJECT and found.media_type == "application/json"
    names = [p.name for p in found.parameters]
    assert names == ["comment", "message", "toRecipients", "folder"]
    assert found.alternatives == ("text/plain",)
    intro_line = 10  # the front matter's 6 lines, the title, Namespace, the first sentence
    assert [(line, message.split(",")[0]) for _, line, message in dc312(tmp_path, model)] == [
        (intro_line + 2, "the prose names the `message` parameter"),
        (intro_line + 3, "the prose names the `folder` parameter"),
        (intro_line + 3, "the prose names the `toRecipients` parameter"),
    ]


# --- no body, content, references, functions ----------------------------------------------


def test_no_body_said_is_no_body_unless_an_example_sends_one(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "user-renew.md": api("Renew", "POST /me/renew", "Do not supply a request body."),
            "user-sync.md": api(
                "Sync",
                "POST /me/sync",
                "Do not supply a request body for this method.",
                request("POST https://graph.microsoft.com/v1.0/me/sync", '{ "force": true }'),
            ),
        },
    )
    renew = body(model, "user-renew.md")
    assert (renew.kind, renew.source) == (
        BodyKind.NONE,
        "the Request body section says there is none",
    )
    sync = body(model, "user-sync.md")
    assert sync.kind is BodyKind.OBJECT and not sync.required
    assert [p.name for p in sync.parameters] == ["force"]
    (doubt,) = sync.doubts
    assert "says the call takes no body, but the example" in doubt.message


def test_content_paths_and_non_json_examples_take_raw_content(tmp_path: Path) -> None:
    html = request(
        "POST https://graph.microsoft.com/v1.0/me/notes",
        "<html><body>Hi</body></html>",
        headers="Content-Type: text/html",
    )
    model = write(
        tmp_path,
        {
            "driveitem-put-content.md": api(
                "Upload", "PUT /me/drive/items/{id}/content", "The contents of the file."
            ),
            "notes-post.md": api("Create page", "POST /me/notes", "Supply the HTML.", html),
        },
    )
    upload = body(model, "driveitem-put-content.md")
    assert (upload.kind, upload.media_type) == (BodyKind.CONTENT, "application/octet-stream")
    page = body(model, "notes-post.md")
    assert (page.kind, page.media_type) == (BodyKind.CONTENT, "text/html")


def test_a_ref_path_takes_a_reference(tmp_path: Path) -> None:
    model = write(
        tmp_path,
        {
            "user-post-manager.md": api(
                "Assign manager",
                "PUT /users/{id}/manager/$ref\nDELETE /users/{id}/manager/$ref",
                "Supply the id of a user object.",
            ),
        },
    )
    found = body(model, "user-post-manager.md", method="PUT")
    assert body(model, "user-post-manager.md", method="DELETE").kind is BodyKind.NONE
    assert (found.kind, found.media_type, found.type) == (
        BodyKind.REFERENCE,
        "application/json",
        None,
    )


def test_a_functions_parameters_come_from_its_path(tmp_path: Path) -> None:
    table = (
        "|Parameter|Type|Description|\n|:---|:---|:---|\n|period|String|The period. Required.|\n"
    )
    model = write(
        tmp_path,
        {
            "reports-get.md": api(
                "Get counts",
                "GET /reports/getEmailActivityCounts(period='{period_value}')",
                extra="## Function parameters\n\n" + table + "\n",
            ),
        },
    )
    found = body(model, "reports-get.md")
    assert found.kind is BodyKind.NONE
    (param,) = found.parameters
    assert (param.name, param.required) == ("period", True)
    assert param.type is not None and param.type.name == "Edm.String"


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_methods_without_a_body_take_none(tmp_path: Path, method: str) -> None:
    model = write(tmp_path, {"user-x.md": api("X", f"{method} /me/messages/{{id}}")})
    assert body(model, "user-x.md").kind is BodyKind.NONE
