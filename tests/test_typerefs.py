"""Type references from Type cells and JSON representations, on forms found in the corpus."""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it import MarkdownIt

from generator.model import TypeKind, TypeRef
from generator.read.inline import Inline, InlineLink, plain
from generator.read.typerefs import parse_type_cell, primitive_name, type_from_json_value

P, C, E, U = TypeKind.PRIMITIVE, TypeKind.COMPLEX, TypeKind.ENUM, TypeKind.UNKNOWN


def md_cell(raw: str) -> Inline:
    """A cell as markdown-it-py renders it: text, link texts and targets, code spans."""
    tokens = MarkdownIt("commonmark").parseInline(raw)
    text: list[str] = []
    links: list[InlineLink] = []
    code: list[str] = []
    href: str | None = None
    start = 0
    for token in tokens[0].children or [] if tokens else []:
        if token.type in ("text", "code_inline"):
            text.append(token.content)
        if token.type == "code_inline":
            code.append(token.content)
        elif token.type == "link_open":
            href, start = str(token.attrs.get("href", "")), len(text)
        elif token.type == "link_close" and href is not None:
            links.append(InlineLink("".join(text[start:]), href))
            href = None
    return Inline("".join(text).strip(), raw, tuple(links), tuple(code))


# --- primitive_name -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", "Edm.String"),
        ("String", "Edm.String"),
        ("Edm.int32", "Edm.Int32"),
        ("EDM.STRING", "Edm.String"),
        ("dateTimeOffset", "Edm.DateTimeOffset"),
        ("DateTimeOffSet", "Edm.DateTimeOffset"),
        ("GUID", "Edm.Guid"),
        (" `Boolean` ", "Edm.Boolean"),
        ("DateTime", "Edm.DateTimeOffset"),
        ("int", "Edm.Int32"),
        ("Integer", "Edm.Int32"),
        ("bool", "Edm.Boolean"),
        ("Edm.int", None),  # informal names only without the prefix
        ("Edm.Foo", None),
        ("identitySet", None),
        ("String (identifier)", None),  # a name, not a cell
        ("", None),
    ],
)
def test_primitive_name(text: str, expected: str | None) -> None:
    assert primitive_name(text) == expected


@pytest.mark.parametrize(
    "name",
    [
        *("Binary", "Boolean", "Byte", "Date", "DateTimeOffset", "Decimal", "Double"),
        *("Duration", "Guid", "Int16", "Int32", "Int64", "SByte", "Single", "Stream"),
        *("String", "TimeOfDay"),
    ],
)
def test_every_edm_name(name: str) -> None:
    assert primitive_name(name) == primitive_name(f"Edm.{name}") == f"Edm.{name}"


# --- parse_type_cell ------------------------------------------------------------------------

CELLS: list[Any] = [
    # Edm names, any case, with or without prefix or notes
    ("String", "Edm.String", P, False, None),
    ("string", "Edm.String", P, False, None),
    ("Int32", "Edm.Int32", P, False, None),
    ("Edm.Int32", "Edm.Int32", P, False, None),
    ("boolean", "Edm.Boolean", P, False, None),
    ("Stream", "Edm.Stream", P, False, None),
    ("String (identifier)", "Edm.String", P, False, None),
    ("string (url)", "Edm.String", P, False, None),
    ("String (optional)", "Edm.String", P, False, None),
    ("(Optional) String", "Edm.String", P, False, None),
    ("string (timestamp)", "Edm.String", P, False, None),  # the table says string
    ("string/number", "Edm.String", P, False, None),
    ("`string`", "Edm.String", P, False, None),
    ("`Edm.DateTimeOffset`", "Edm.DateTimeOffset", P, False, None),
    ("Untyped JSON object", "Edm.Untyped", P, False, None),
    # collections of primitives
    ("String collection", "Edm.String", P, True, None),
    ("string collection", "Edm.String", P, True, None),
    ("Collection(String)", "Edm.String", P, True, None),
    ("collection(string)", "Edm.String", P, True, None),
    ("`collection(string)`", "Edm.String", P, True, None),
    ("Collection of String", "Edm.String", P, True, None),
    ("GUID collection", "Edm.Guid", P, True, None),
    # links: a type of the doc set
    ("[identitySet](identityset.md)", "identitySet", C, False, "identityset.md"),
    (
        "[mimeContent](../resources/intune-shared-mimecontent.md)",
        "mimeContent",
        C,
        False,
        "../resources/intune-shared-mimecontent.md",
    ),
    (
        "[directoryObject](directoryobject.md) collection",
        "directoryObject",
        C,
        True,
        "directoryobject.md",
    ),
    ("Collection([recipient](recipient.md))", "recipient", C, True, "recipient.md"),
    (
        "collection([changeNotification](changenotification.md))",
        "changeNotification",
        C,
        True,
        "changenotification.md",
    ),
    (
        "[windowsInformationProtectionResourceCollection](../resources/x.md)",
        "windowsInformationProtectionResourceCollection",
        C,
        False,
        "../resources/x.md",
    ),
    (
        "[microsoft.graph.callRecords.endpoint](callrecords-endpoint.md)",
        "microsoft.graph.callRecords.endpoint",
        C,
        False,
        "callrecords-endpoint.md",
    ),
    (
        "[teamVisibilityType](../resources/teamvisibilitytype.md) (optional)",
        "teamVisibilityType",
        C,
        False,
        "../resources/teamvisibilitytype.md",
    ),
    (
        "[educationOutcome](educationOutcome.md) collection. Holds grades, feedback",
        "educationOutcome",
        C,
        True,
        "educationOutcome.md",
    ),
    # reference links with no definition in reach: literal text, no target
    ("[identitySet][]", "identitySet", C, False, None),
    ("[IdentitySet][]", "IdentitySet", C, False, None),
    ("[identitySet][] collection", "identitySet", C, True, None),
    ("Collection([columnDefinition][])", "columnDefinition", C, True, None),
    ("[**driveItem**][driveItem]", "driveItem", C, False, None),
    ("[**driveItem**][driveItem] collection", "driveItem", C, True, None),
    ("[itemAnalytics][] resource", "itemAnalytics", C, False, None),
    # unclosed link (resources/invitation.md:37)
    (
        "[invitedUserMessageInfo](invitedusermessageinfo.md",
        "invitedUserMessageInfo",
        C,
        False,
        None,
    ),
    # names the resolver must decide on
    ("onenotePatchActionType", "onenotePatchActionType", U, False, None),
    ("**enum**", "enum", U, False, None),
    ("**dateTimeTimeZone**", "dateTimeTimeZone", U, False, None),
    ("`contactRelationship`", "contactRelationship", U, False, None),
    ("callRecords.modality", "callRecords.modality", U, False, None),
    (
        "microsoft.graph.callRecords.modality collection",
        "microsoft.graph.callRecords.modality",
        U,
        True,
        None,
    ),
    ("Recipient collection", "Recipient", U, True, None),
    ("Json", "Json", U, False, None),
    ("application/json", "application/json", U, False, None),
    (
        "** Unknown Type `microsoft.management.services.models.operation` ** collection",
        "microsoft.management.services.models.operation",
        U,
        True,
        None,
    ),
    ("", "", U, False, None),
]


CELL_IDS = [case[0] or "empty" for case in CELLS]


@pytest.mark.parametrize(("raw", "name", "kind", "is_collection", "link"), CELLS, ids=CELL_IDS)
def test_parse_type_cell(
    raw: str, name: str, kind: TypeKind, is_collection: bool, link: str | None
) -> None:
    ref = parse_type_cell(md_cell(raw))
    assert (ref.name, ref.kind, ref.is_collection) == (name, kind, is_collection)
    assert ref.raw == raw.strip()
    assert ref.link == link


PLAIN_CELLS = [case for case in CELLS if "Unknown Type" not in case[0]]  # needs its code span


@pytest.mark.parametrize(("raw", "name", "kind", "is_collection", "link"), PLAIN_CELLS)
def test_parse_type_cell_without_markdown_parsing(
    raw: str, name: str, kind: TypeKind, is_collection: bool, link: str | None
) -> None:
    """A cell built with no link or code information still gives the same type."""
    ref = parse_type_cell(plain(raw))
    assert (ref.name, ref.kind, ref.is_collection) == (name, kind, is_collection)


def test_link_or_link_takes_the_first_and_keeps_raw() -> None:
    raw = "[appHostedMediaConfig](apphostedmediaconfig.md) or [serviceHostedMediaConfig](s.md)"
    assert parse_type_cell(md_cell(raw)) == TypeRef(
        "appHostedMediaConfig", C, False, raw, "apphostedmediaconfig.md"
    )


def test_resolved_reference_link_keeps_its_target() -> None:
    cell = Inline(
        "identitySet",
        "[identitySet][]",
        (InlineLink("identitySet", "../resources/identityset.md"),),
    )
    assert parse_type_cell(cell) == TypeRef(
        "identitySet", C, False, "[identitySet][]", "../resources/identityset.md"
    )


def test_link_to_a_primitive_is_primitive() -> None:
    ref = parse_type_cell(md_cell("[String](https://example.org/string)"))
    assert (ref.name, ref.kind, ref.link) == ("Edm.String", P, "https://example.org/string")


# --- type_from_json_value ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name", "kind", "is_collection"),
    [
        ("String", "Edm.String", P, False),
        ("string", "Edm.String", P, False),
        ("String (identifier)", "Edm.String", P, False),
        ("string (identifier)", "Edm.String", P, False),
        ("Int32", "Edm.Int32", P, False),
        ("Boolean", "Edm.Boolean", P, False),
        ("url", "Edm.String", P, False),
        ("String (URL)", "Edm.String", P, False),
        ("String (timestamp)", "Edm.DateTimeOffset", P, False),
        ("String(timestamp)", "Edm.DateTimeOffset", P, False),
        ("timestamp", "Edm.DateTimeOffset", P, False),
        ("String (ISO 8601 duration)", "Edm.Duration", P, False),
        ("String (time of day)", "Edm.TimeOfDay", P, False),
        ("String (binary)", "Edm.Binary", P, False),
        ("String (update)", "Edm.String", P, False),
        ("incoming | outgoing", "", E, False),
        ("notStarted | running | completed | failed", "", E, False),
        ("String | null", "Edm.String", P, False),
        ("microsoft.graph.mimeContent", "microsoft.graph.mimeContent", U, False),
        ("#microsoft.graph.user", "microsoft.graph.user", U, False),
        ("resourceReference", "resourceReference", U, False),
        (
            "collection(microsoft.graph.permissionGrantConditionSet)",
            "microsoft.graph.permissionGrantConditionSet",
            U,
            True,
        ),
        (
            "@odata.type: microsoft.graph.processIntegrityLevel",
            "microsoft.graph.processIntegrityLevel",
            U,
            False,
        ),
        ("<Unknown Primitive Type Edm.Stream>", "Edm.Stream", P, False),
        ("2016-01-01T15:20:01.125Z", "Edm.DateTimeOffset", P, False),
        ("c5d0c76b-80c4-481c-be50-923cd8d680a1", "Edm.Guid", P, False),
        ("String-value", "Edm.String", P, False),
        ("4.2", "Edm.String", P, False),
        ("=[Column1]+[Column2]", "Edm.String", P, False),
        ("", "", U, False),
        ({"@odata.type": "microsoft.graph.identitySet"}, "microsoft.graph.identitySet", C, False),
        ({"@odata.type": "#microsoft.graph.identitySet"}, "microsoft.graph.identitySet", C, False),
        ({"@type": "microsoft.graph.accessAction"}, "microsoft.graph.accessAction", C, False),
        ({"@odata.type": "Collection(microsoft.graph.x)"}, "microsoft.graph.x", C, True),
        ({"@odata.type": "Edm.Stream"}, "Edm.Stream", P, False),
        ({"@odata.type": "microsoft.graph.x", "iPad": True}, "microsoft.graph.x", C, False),
        ({"city": "String"}, "", C, False),
        ({}, "", C, False),
        ([{"@odata.type": "microsoft.graph.recipient"}], "microsoft.graph.recipient", C, True),
        (["String"], "Edm.String", P, True),
        (["Integer"], "Edm.Int32", P, True),
        ([], "", U, True),
        (True, "Edm.Boolean", P, False),
        (False, "Edm.Boolean", P, False),
        (1024, "Edm.Int32", P, False),
        (2**40, "Edm.Int64", P, False),
        (1024.13, "Edm.Double", P, False),
        (None, "", U, False),
    ],
    ids=repr,
)
def test_type_from_json_value(value: Any, name: str, kind: TypeKind, is_collection: bool) -> None:
    ref = type_from_json_value(value)
    assert (ref.name, ref.kind, ref.is_collection) == (name, kind, is_collection)


def test_json_raw_keeps_the_value() -> None:
    assert type_from_json_value("incoming | outgoing").raw == "incoming | outgoing"
    assert type_from_json_value(["String"]).raw == '["String"]'
    assert type_from_json_value(True).raw == "true"


def test_json_odd_values_never_raise() -> None:
    assert type_from_json_value(object()).kind is U
    assert type_from_json_value({"@odata.type": 5}).kind is C
    assert type_from_json_value([[["String"]]]).name == "Edm.String"
