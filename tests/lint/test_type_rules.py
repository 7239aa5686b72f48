"""DC501-DC504: OData type names in examples, response properties, resource pages."""

from __future__ import annotations

from pathlib import Path

from generator.lint.context import LintContext
from generator.lint.rules import (
    odata_type_case_mismatch,
    property_table_json_mismatch,
    undocumented_response_property,
    unknown_odata_type,
)
from generator.lint.rules.odata_names import key_lines, type_name
from generator.reader import read_docs
from tests.lint.conftest import RunRule

SEEDS = Path(__file__).resolve().parents[2] / "input_docs" / "seeds"


def resource(name: str, table: str, json_body: str, extra: str = "") -> str:
    return f"""---
title: "{name} resource type"
description: "A {name}."
doc_type: resourcePageType
---
# {name} resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
{table}
## JSON representation

<!-- {{
  "blockType": "resource",
  "@odata.type": "microsoft.graph.{name}"{extra}
}} -->
```json
{json_body}
```
"""


ENTITY = resource("entity", "|id|String|The identifier.|\n", '{\n  "id": "String (identifier)"\n}')
IDENTITY_SET = resource(
    "identitySet", "|displayName|String|The name.|\n", '{\n  "displayName": "String"\n}'
)
WIDGET = resource(
    "widget",
    "|size|Int32|The size.|\n|owner|[identitySet](identityset.md)|Who owns it.|\n",
    '{\n  "id": "String (identifier)",\n  "size": 1024,\n'
    '  "owner": {"@odata.type": "microsoft.graph.identitySet"}\n}',
    ',\n  "baseType": "microsoft.graph.entity"',
)
GADGET = resource(  # inheritance stated only in the row descriptions
    "gadget",
    "|id|String|Inherited from [entity](entity.md).|\n|color|String|The color.|\n",
    '{\n  "id": "String",\n  "color": "String"\n}',
)
TYPES = {
    "resources/entity.md": ENTITY,
    "resources/identityset.md": IDENTITY_SET,
    "resources/widget.md": WIDGET,
    "resources/gadget.md": GADGET,
}


def api(annotation: str, body: str) -> str:
    return f"""---
title: "Get widget"
description: "Get a widget."
doc_type: apiPageType
---
# Get widget

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
GET /widgets/{{id}}
```

## Example

### Request

<!-- {{ "blockType": "request", "name": "get_widget" }} -->
```http
GET https://graph.microsoft.com/v1.0/widgets/1
```

### Response

<!-- {annotation} -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{body}
```
"""


def line_of(text: str, needle: str) -> int:
    return next(n for n, ln in enumerate(text.split("\n"), 1) if needle in ln)


def docs(page: str) -> dict[str, str]:
    return {**TYPES, "api/widget-get.md": page}


# --- DC501 unknown-odata-type -------------------------------------------------------------


def test_unknown_odata_type(run_rule: RunRule) -> None:
    page = api('{ "blockType": "response", "@odata.type": "microsoft.graph.widgit" }', "{}")
    [finding] = run_rule(unknown_odata_type.RULE, docs(page))
    line = line_of(page, "microsoft.graph.widgit")
    assert (finding.code, finding.span.line, finding.span.end_line) == ("DC501", line, line)
    assert finding.message == (
        "@odata.type microsoft.graph.widgit names no type of the doc set (did you mean widget?)"
    )


def test_unknown_odata_type_skips_primitives_foreign_namespaces_and_known_types(
    run_rule: RunRule,
) -> None:
    for odata_type in (
        "microsoft.graph.widget",
        "Collection(microsoft.graph.widget)",
        "#microsoft.graph.widget",
        "string",
        "Edm.String",
        "Collection(Edm.String)",
        "stream",
        "requestBodyResourceFor.range_row",
    ):
        page = api(f'{{ "blockType": "response", "@odata.type": "{odata_type}" }}', "{}")
        assert run_rule(unknown_odata_type.RULE, docs(page)) == [], odata_type


def test_type_name_strips_collection_and_hash() -> None:
    named = type_name("collection( #microsoft.graph.widget )")
    assert named is not None
    assert (named.name, named.is_collection) == ("microsoft.graph.widget", True)
    assert type_name("Collection(Edm.String)") is None


# --- DC502 odata-type-case-mismatch ---------------------------------------------------------


def test_odata_type_case_mismatch_against_the_doc_set(run_rule: RunRule) -> None:
    page = api('{ "blockType": "response", "@odata.type": "microsoft.graph.Widget" }', "{}")
    [finding] = run_rule(odata_type_case_mismatch.RULE, docs(page))
    assert finding.code == "DC502"
    assert finding.message == (
        "@odata.type microsoft.graph.Widget differs only in case from the type "
        f"microsoft.graph.widget (resources/widget.md:{line_of(WIDGET, '```json')})"
    )
    assert run_rule(unknown_odata_type.RULE, docs(page)) == []


def test_odata_type_case_mismatch_against_the_body_alone(run_rule: RunRule) -> None:
    """No type page at all: the body's own @odata.type shows what was meant."""
    body = '{\n  "@odata.type": "#microsoft.graph.fooBar",\n  "id": "1"\n}'
    page = api('{ "blockType": "response", "@odata.type": "microsoft.graph.foobar" }', body)
    [finding] = run_rule(odata_type_case_mismatch.RULE, {"api/x.md": page})
    assert finding.message == (
        "@odata.type microsoft.graph.foobar differs only in case from the example body's "
        f"@odata.type #microsoft.graph.fooBar (line {line_of(page, '#microsoft.graph.fooBar')})"
    )
    assert run_rule(unknown_odata_type.RULE, {"api/x.md": page}) == []


def test_odata_type_case_mismatch_in_the_body(run_rule: RunRule) -> None:
    body = '{\n  "value": [\n    {"@odata.type": "#microsoft.graph.WIDGET", "size": 1}\n  ]\n}'
    page = api(
        '{ "blockType": "response", "@odata.type": "Collection(microsoft.graph.widget)" }', body
    )
    [finding] = run_rule(odata_type_case_mismatch.RULE, docs(page))
    assert finding.span.line == line_of(page, "#microsoft.graph.WIDGET")
    assert finding.message == (
        "the example body's @odata.type #microsoft.graph.WIDGET differs only in case from the "
        "type microsoft.graph.widget its annotation names"
    )


def test_odata_type_case_mismatch_quiet_when_names_agree(run_rule: RunRule) -> None:
    body = '{\n  "@odata.type": "#microsoft.graph.widget",\n  "size": 1\n}'
    page = api('{ "blockType": "response", "@odata.type": "microsoft.graph.widget" }', body)
    assert run_rule(odata_type_case_mismatch.RULE, docs(page)) == []


# --- DC503 undocumented-response-property ----------------------------------------------------


def test_undocumented_response_property(run_rule: RunRule) -> None:
    body = '{\n  "id": "1",\n  "size": 3,\n  "colour": "red",\n  "Size": 4\n}'
    annotation = (
        '{ "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.widget" }'
    )
    page = api(annotation, body)
    found = run_rule(undocumented_response_property.RULE, docs(page))
    assert [(d.code, d.span.line, d.message) for d in found] == [
        (
            "DC503",
            line_of(page, '"colour"'),
            "response property 'colour' is not a property of microsoft.graph.widget or its "
            "base types microsoft.graph.entity",
        ),
        (
            "DC503",
            line_of(page, '"Size"'),
            "response property 'Size' is not a property of microsoft.graph.widget or its "
            "base types microsoft.graph.entity (the type has 'size')",
        ),
    ]


def test_undocumented_response_property_in_collection_items(run_rule: RunRule) -> None:
    body = (
        '{\n  "@odata.context": "x",\n  "value": [\n    {"size": 1},\n'
        '    {\n      "size": 2,\n      "weight": 3\n    }\n  ]\n}'
    )
    page = api(
        '{ "blockType": "response", "@odata.type": "microsoft.graph.widget", '
        '"isCollection": true }',
        body,
    )
    [finding] = run_rule(undocumented_response_property.RULE, docs(page))
    assert finding.span.line == line_of(page, '"weight"')
    assert finding.message.startswith("response property 'weight' in value[1] is not")


def test_undocumented_response_property_wrapped_single_object(run_rule: RunRule) -> None:
    body = '{\n  "value": {\n    "size": 1\n  }\n}'
    page = api('{ "blockType": "response", "@odata.type": "microsoft.graph.widget" }', body)
    [finding] = run_rule(undocumented_response_property.RULE, docs(page))
    assert finding.message.endswith(
        "(a single object is returned as it is, not wrapped in 'value')"
    )


def test_undocumented_response_property_quiet_cases(run_rule: RunRule) -> None:
    quiet = [
        # inherited from the declared base type, instance annotations, @odata keys
        ("microsoft.graph.widget", '{"@odata.etag": "1", "id": "1", "owner@odata.bind": "x"}'),
        # a collection without isCollection: each item is judged
        ("microsoft.graph.widget", '{"value": [{"id": "1", "size": 2}]}'),
        # a derived type the item names itself
        (
            "Collection(microsoft.graph.entity)",
            '{"value": [{"@odata.type": "#microsoft.graph.widget", "size": 1}]}',
        ),
        # inheritance stated only in prose ("Inherited from entity")
        ("microsoft.graph.gadget", '{"id": "1", "color": "red"}'),
        # unknown type (DC501's), primitive, body not JSON
        ("microsoft.graph.nothing", '{"x": 1}'),
        ("Edm.String", '{"x": 1}'),
        ("microsoft.graph.widget", "not json"),
    ]  # fmt: skip
    for odata_type, body in quiet:
        page = api(f'{{ "blockType": "response", "@odata.type": "{odata_type}" }}', body)
        assert run_rule(undocumented_response_property.RULE, docs(page)) == [], body


def test_undocumented_response_property_skips_open_types(run_rule: RunRule) -> None:
    files = docs(
        api(
            '{ "blockType": "response", "@odata.type": "microsoft.graph.widget" }',
            '{"anything": 1}',
        )
    )
    files["resources/widget.md"] = WIDGET.replace('"baseType"', '"openType": true,\n  "baseType"')
    assert run_rule(undocumented_response_property.RULE, files) == []


def test_key_lines_reads_trailing_commas_and_nesting() -> None:
    text = '{\n  "a": {"b": 1},\n  "value": [\n    {"c": "x\\"y"},\n    {"d": 2,},\n  ],\n}'
    assert key_lines(text, 10) == {
        ("a",): 11,
        ("a", "b"): 11,
        ("value",): 12,
        ("value", 0, "c"): 13,
        ("value", 1, "d"): 14,
    }


# --- DC504 property-table-json-mismatch ----------------------------------------------------


def test_property_table_json_mismatch_each_kind(run_rule: RunRule) -> None:
    page = resource(
        "widget",
        "|size|Int32|The size.|\n|owner|[identitySet](identityset.md)|Who owns it.|\n"
        "|tags|String collection|Tags.|\n|weight|Double|Weight.|\n|printerID|String|Printer.|\n",
        '{\n  "id": "String (identifier)",\n  "size": "String",\n'
        '  "owner": {"@odata.type": "microsoft.graph.widget"},\n  "tags": "String",\n'
        '  "printerId": "String",\n  "colour": "String"\n}',
        ',\n  "baseType": "microsoft.graph.entity"',
    )
    files = {**TYPES, "resources/widget.md": page}
    found = run_rule(property_table_json_mismatch.RULE, files)
    fence = (line_of(page, "```json"), line_of(page, '"colour"') + 2)
    assert [(d.span.line, d.span.end_line, d.message) for d in found] == [
        (
            *fence,
            "the JSON representation of microsoft.graph.widget has 'colour', which its "
            "property tables do not list",
        ),
        (
            line_of(page, "|size|"),
            line_of(page, "|size|"),
            "property 'size' of microsoft.graph.widget: the table says Int32, the JSON "
            'representation shows "String"',
        ),
        (
            line_of(page, "|owner|"),
            line_of(page, "|owner|"),
            "property 'owner' of microsoft.graph.widget: the table says "
            "[identitySet](identityset.md), the JSON representation shows "
            '{"@odata.type": "microsoft.graph.widget"}',
        ),
        (
            line_of(page, "|tags|"),
            line_of(page, "|tags|"),
            "property 'tags' of microsoft.graph.widget: the table says String collection, the "
            'JSON representation shows "String" (a collection against one value)',
        ),
        (
            line_of(page, "|weight|"),
            line_of(page, "|weight|"),
            "property 'weight' of microsoft.graph.widget is missing from the JSON representation",
        ),
        (
            line_of(page, "|printerID|"),
            line_of(page, "|printerID|"),
            "property 'printerID' of microsoft.graph.widget is written 'printerId' in the JSON "
            "representation",
        ),
    ]


def test_property_table_json_mismatch_quiet_on_agreeing_pages(run_rule: RunRule) -> None:
    relationships = "\n## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n"
    relationships += "|parts|[entity](entity.md) collection|Parts.|\n\n## JSON representation"
    page = resource(
        "widget",
        "|size|Int64|The size.|\n|state|widgetState|The state.|\n|id|Guid|Key.|\n"
        "|created|DateTimeOffset|When.|\n|ratio|Double|Ratio.|\n",
        '{\n  "size": 1024,\n  "state": "String",\n  "id": "String",\n'
        '  "created": "String (timestamp)",\n  "ratio": 1,\n  "@odata.type": "x"\n}',
    ).replace("## JSON representation", relationships)
    enum_table = "\n### widgetState values\n\n|Member|Value|Description|\n|:--|:--|:--|\n"
    enum_table += "|on|0|On.|\n|off|1|Off.|\n\n## JSON representation"
    page = page.replace("\n## JSON representation", enum_table, 1)
    assert run_rule(property_table_json_mismatch.RULE, {"resources/widget.md": page}) == []


# --- the seeds on their own -------------------------------------------------------------------


def test_seeds_linted_on_their_own() -> None:
    ctx = LintContext(read_docs([SEEDS]))
    seed0, seed1, _ = sorted(p.path for p in ctx.model.pages)
    [unknown] = unknown_odata_type.RULE.check(ctx)
    assert (unknown.span.file, unknown.span.line, unknown.span.end_line) == (seed1, 42, 42)
    assert unknown.message == "@odata.type microsoft.graph.item names no type of the doc set"
    [case] = odata_type_case_mismatch.RULE.check(ctx)
    assert (case.span.file, case.span.line, case.span.end_line) == (seed0, 84, 84)
    assert case.message == (
        "@odata.type microsoft.graph.listitemversion differs only in case from the example "
        "body's @odata.type #microsoft.graph.listItemVersion (line 93)"
    )
    assert list(undocumented_response_property.RULE.check(ctx)) == []
    assert list(property_table_json_mismatch.RULE.check(ctx)) == []
