"""DC501-DC505: OData type names in examples, response properties, resource pages, example
values."""

from __future__ import annotations

from pathlib import Path

from generator.lint.context import LintContext
from generator.lint.rules import (
    example_value_type,
    odata_type_case_mismatch,
    property_table_json_mismatch,
    undocumented_response_property,
    unknown_odata_type,
)
from generator.lint.rules.odata_names import key_lines, type_name
from generator.model import Diagnostic
from generator.read.docs import read_docs
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
        # where the type is named: its resource annotation's @odata.type
        f"microsoft.graph.widget (resources/widget.md:{line_of(WIDGET, 'microsoft.graph.widget')})"
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
    key = (line_of(page, '"colour"'), line_of(page, '"colour"'))  # the key, not the fence
    assert [(d.span.line, d.span.end_line, d.message) for d in found] == [
        (
            *key,
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


# --- DC505 example-value-type-mismatch -------------------------------------------------------

GIZMO = resource(
    "gizmo",
    "|isOn|Boolean|On or off.|\n|count|Int32|How many.|\n|label|String|The label.|\n"
    "|created|DateTimeOffset|When.|\n|tags|String collection|Tags.|\n"
    "|state|gizmoState|The state.|\n|owner|[identitySet](identityset.md)|Who owns it.|\n"
    "|helpers|[identitySet](identityset.md) collection|Who helps.|\n"
    "|extra|Edm.Untyped|Anything.|\n",
    '{\n  "id": "String",\n  "isOn": true,\n  "count": 1,\n  "label": "String",\n'
    '  "created": "String (timestamp)",\n  "tags": ["String"],\n  "state": "String",\n'
    '  "owner": {"@odata.type": "microsoft.graph.identitySet"},\n'
    '  "helpers": [{"@odata.type": "microsoft.graph.identitySet"}],\n  "extra": {}\n}',
    ',\n  "baseType": "microsoft.graph.entity"',
)
SUPER_GIZMO = resource(
    "superGizmo",
    "|power|Int64|How strong.|\n",
    '{\n  "power": 1\n}',
    ',\n  "baseType": "microsoft.graph.gizmo"',
)
ENUMS = """---
title: "Enum types"
description: "Enums."
doc_type: enumPageType
---
# Enum types

Namespace: microsoft.graph

### gizmoState values

|Member|Value|Description|
|:---|:---|:---|
|on|0|On.|
|off|1|Off.|
"""
GIZMO_TYPES = {
    **TYPES,
    "resources/gizmo.md": GIZMO,
    "resources/supergizmo.md": SUPER_GIZMO,
    "resources/enums.md": ENUMS,
}
GIZMO_ROW = {name: line_of(GIZMO, f"|{name}|") for name in ("isOn", "count", "label", "state")}


def gizmo_response(body: str, odata_type: str = "microsoft.graph.gizmo") -> dict[str, str]:
    page = api(f'{{ "blockType": "response", "@odata.type": "{odata_type}" }}', body)
    return {**GIZMO_TYPES, "api/gizmo-get.md": page}


def action(request_body: str, body_section: str) -> str:
    return f"""---
title: "Update gizmo"
description: "Update a gizmo."
doc_type: apiPageType
---
# Update gizmo

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
PATCH /gizmos/{{id}}
```

## Request body

{body_section}

## Response

If successful, this method returns a `204 No Content` response code.

## Example

### Request

<!-- {{ "blockType": "request", "name": "update_gizmo" }} -->
```http
PATCH https://graph.microsoft.com/v1.0/gizmos/1
Content-type: application/json

{request_body}
```

### Response

<!-- {{ "blockType": "response" }} -->
```http
HTTP/1.1 204 No Content
```
"""


def messages(found: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.span.line, d.message) for d in found]


def test_example_value_type_each_kind(run_rule: RunRule) -> None:
    body = (
        '{\n  "id": 5,\n  "isOn": "true",\n  "count": "3",\n  "label": {"text": "x"},\n'
        '  "created": "datetime-value",\n  "tags": "red",\n  "state": "dimmed",\n'
        '  "owner": "Alice",\n  "helpers": {"displayName": "Bob"}\n}'
    )
    files = gizmo_response(body)
    page = files["api/gizmo-get.md"]
    found = run_rule(example_value_type.RULE, files)
    assert all(d.code == "DC505" and d.span.file == "api/gizmo-get.md" for d in found)
    gizmo = "resources/gizmo.md"
    assert messages(found) == [
        (
            line_of(page, '"id"'),
            "property 'id' of microsoft.graph.entity is Edm.String (resources/entity.md:"
            f"{line_of(ENTITY, '|id|')}), but the example gives a number: 5",
        ),
        (
            line_of(page, '"isOn"'),
            f"property 'isOn' of microsoft.graph.gizmo is Edm.Boolean ({gizmo}:"
            f'{GIZMO_ROW["isOn"]}), but the example gives a string: "true"',
        ),
        (
            line_of(page, '"count"'),
            f"property 'count' of microsoft.graph.gizmo is Edm.Int32 ({gizmo}:"
            f'{GIZMO_ROW["count"]}), but the example gives a string: "3"',
        ),
        (
            line_of(page, '"label"'),
            f"property 'label' of microsoft.graph.gizmo is Edm.String ({gizmo}:"
            f'{GIZMO_ROW["label"]}), but the example gives an object: {{"text": "x"}}',
        ),
        (
            line_of(page, '"created"'),
            f"property 'created' of microsoft.graph.gizmo is Edm.DateTimeOffset ({gizmo}:"
            f'{line_of(GIZMO, "|created|")}), but the example gives a string: "datetime-value"',
        ),
        (
            line_of(page, '"tags"'),
            f"property 'tags' of microsoft.graph.gizmo is Collection(Edm.String) ({gizmo}:"
            f'{line_of(GIZMO, "|tags|")}), but the example gives a string: "red"',
        ),
        (
            line_of(page, '"state"'),
            f"property 'state' of microsoft.graph.gizmo is microsoft.graph.gizmoState ({gizmo}:"
            f'{GIZMO_ROW["state"]}), but the example gives a string: "dimmed", which is not '
            "one of its members (on, off)",
        ),
        (
            line_of(page, '"owner"'),
            f"property 'owner' of microsoft.graph.gizmo is microsoft.graph.identitySet ({gizmo}:"
            f'{line_of(GIZMO, "|owner|")}), but the example gives a string: "Alice"',
        ),
        (
            line_of(page, '"helpers"'),
            "property 'helpers' of microsoft.graph.gizmo is Collection(microsoft.graph."
            f"identitySet) ({gizmo}:{line_of(GIZMO, '|helpers|')}), but the example gives an "
            'object: {"displayName": "Bob"}',
        ),
    ]


def test_example_value_type_numbers(run_rule: RunRule) -> None:
    body = '{\n  "count": 1.5,\n  "isOn": 1\n}'
    found = run_rule(example_value_type.RULE, gizmo_response(body))
    assert [m.split(", but ")[1] for _, m in messages(found)] == [
        "the example gives a number: 1.5",
        "the example gives a number: 1",
    ]


def test_example_value_type_any_json_type_for_a_float(run_rule: RunRule) -> None:
    """Issue 12: an object where a Double is declared used to stop the whole lint run
    (``value in _FLOAT_WORDS`` hashed the dict); every JSON type is now judged."""
    meter = resource("meter", "|weight|Double|The weight.|\n", '{\n  "weight": 1.5\n}')
    wrong = {'{"a": 1}': "an object", "[1.5]": "an array", '"heavy"': "a string"}
    wrong["true"] = "a boolean"
    for value in [*wrong, '"NaN"', '"-INF"', "null", "1" + "0" * 400, "-0.5"]:
        annotation = '{ "blockType": "response", "@odata.type": "microsoft.graph.meter" }'
        page = api(annotation, f'{{"weight": {value}}}')
        found = run_rule(example_value_type.RULE, {"resources/meter.md": meter, "api/m.md": page})
        gives = [m.split(", but the example gives ")[1].split(":")[0] for _, m in messages(found)]
        assert gives == ([wrong[value]] if value in wrong else []), value


def test_example_value_type_nested_and_collection_items(run_rule: RunRule) -> None:
    body = (
        '{\n  "value": [\n    {\n      "owner": {\n        "displayName": 42\n      },\n'
        '      "helpers": [\n        {"displayName": "Ann"},\n        {"displayName": true}\n'
        '      ],\n      "tags": ["a", 7]\n    }\n  ]\n}'
    )
    files = gizmo_response(body, "Collection(microsoft.graph.gizmo)")
    page = files["api/gizmo-get.md"]
    found = run_rule(example_value_type.RULE, files)
    name_row = line_of(IDENTITY_SET, "|displayName|")
    assert messages(found) == [
        (
            line_of(page, '"displayName": 42'),
            "property 'displayName' of microsoft.graph.identitySet is Edm.String "
            f"(resources/identityset.md:{name_row}), but the example gives a number: 42",
        ),
        (
            line_of(page, '"displayName": true'),
            "property 'displayName' of microsoft.graph.identitySet is Edm.String "
            f"(resources/identityset.md:{name_row}), but the example gives a boolean: true",
        ),
        (
            line_of(page, '"tags"'),
            "property 'tags' of microsoft.graph.gizmo is Collection(Edm.String) "
            f"(resources/gizmo.md:{line_of(GIZMO, '|tags|')}), but the example gives a number "
            "in item 1: 7",
        ),
    ]


def test_example_value_type_own_odata_type_and_base_types(run_rule: RunRule) -> None:
    """An item naming a derived type is judged as that type, its base types included."""
    body = (
        '{\n  "value": [\n    {\n      "@odata.type": "#microsoft.graph.superGizmo",\n'
        '      "power": "high",\n      "isOn": "yes"\n    }\n  ]\n}'
    )
    files = gizmo_response(body, "Collection(microsoft.graph.entity)")
    page = files["api/gizmo-get.md"]
    found = run_rule(example_value_type.RULE, files)
    assert messages(found) == [
        (
            line_of(page, '"power"'),
            "property 'power' of microsoft.graph.superGizmo is Edm.Int64 "
            f"(resources/supergizmo.md:{line_of(SUPER_GIZMO, '|power|')}), but the example "
            'gives a string: "high"',
        ),
        (
            line_of(page, '"isOn"'),
            "property 'isOn' of microsoft.graph.gizmo is Edm.Boolean "
            f'(resources/gizmo.md:{GIZMO_ROW["isOn"]}), but the example gives a string: "yes"',
        ),
    ]


def test_example_value_type_quiet_cases(run_rule: RunRule) -> None:
    quiet = [
        '{"isOn": null, "count": null, "tags": null, "owner": null, "state": null}',
        '{"isOn": "...", "count": "…", "created": "", "owner": "...", "tags": ["..."]}',
        '{"@odata.etag": "1", "owner@odata.bind": "x", "count@odata.type": "#Int32"}',
        '{"label": "42", "created": "2020-01-01T00:00:00Z", "tags": ["a", "b"]}',
        '{"state": "OFF", "helpers": [{"displayName": "x"}]}',  # enum case is style
        '{"state": "on,off"}',  # flags
        '{"state": "unknownFutureValue"}',  # evolvable enums
        '{"extra": "anything", "unknown": 3, "isOn": true, "count": 2}',
        # an object naming a type the doc set does not define is not judged
        '{"owner": {"@odata.type": "#microsoft.graph.elsewhere", "displayName": 1}}',
        '{"value": [{"isOn": true}], "@odata.nextLink": "x"}',  # collection without isCollection
    ]  # fmt: skip
    for body in quiet:
        assert run_rule(example_value_type.RULE, gizmo_response(body)) == [], body
    for odata_type in ("Edm.String", "microsoft.graph.nothing"):
        assert run_rule(example_value_type.RULE, gizmo_response('{"isOn": "x"}', odata_type)) == []


def test_example_value_type_skips_types_defined_twice(run_rule: RunRule) -> None:
    files = gizmo_response('{"isOn": "true"}')
    files["resources/gizmo-again.md"] = GIZMO
    assert run_rule(example_value_type.RULE, files) == []


def test_example_value_type_response_type_from_prose(run_rule: RunRule) -> None:
    page = api('{ "blockType": "response" }', '{\n  "isOn": "false"\n}').replace(
        "## Example",
        "## Response\n\nIf successful, this method returns a `200 OK` response code and a "
        "[gizmo](../resources/gizmo.md) object in the response body.\n\n## Example",
    )
    found = run_rule(example_value_type.RULE, {**GIZMO_TYPES, "api/gizmo-get.md": page})
    assert [line for line, _ in messages(found)] == [line_of(page, '"isOn"')]


def test_example_value_type_request_body_parameters(run_rule: RunRule) -> None:
    table = (
        "|Parameter|Type|Description|\n|:---|:---|:---|\n"
        "|notify|Boolean|Send a notice.|\n|state|gizmoState|The new state.|\n"
    )
    page = action('{\n  "notify": "true",\n  "state": "on",\n  "other": 1\n}', table)
    found = run_rule(example_value_type.RULE, {**GIZMO_TYPES, "api/gizmo-update.md": page})
    assert messages(found) == [
        (
            line_of(page, '"notify"'),
            "request body parameter 'notify' is Edm.Boolean "
            f"(api/gizmo-update.md:{line_of(page, '|notify|')}), but the example gives a "
            'string: "true"',
        )
    ]


def test_example_value_type_request_body_of_a_declared_type(run_rule: RunRule) -> None:
    prose = "In the request body, supply a JSON representation of [gizmo](../resources/gizmo.md)."
    page = action('{\n  "isOn": "true"\n}', prose)
    [finding] = run_rule(example_value_type.RULE, {**GIZMO_TYPES, "api/gizmo-update.md": page})
    assert finding.message.startswith("property 'isOn' of microsoft.graph.gizmo is Edm.Boolean")


def test_example_value_type_request_body_of_another_type(run_rule: RunRule) -> None:
    prose = "In the request body, supply a JSON representation of [gizmo](../resources/gizmo.md)."
    body = '{\n  "@odata.type": "x",\n  "subject": "Lunch",\n  "Start": {"dateTime": "x"}\n}'
    page = action(body, prose)
    files = {**GIZMO_TYPES, "api/gizmo-update.md": page}
    assert messages(run_rule(example_value_type.RULE, files)) == [
        (
            line_of(page, '"subject"'),
            "none of the request body's properties ('subject', 'Start') is a property of "
            "microsoft.graph.gizmo, the type the request body is declared to be",
        )
    ]
    # one known property (case ignored), or a type with fewer than three properties: quiet
    known = action('{\n  "subject": "Lunch",\n  "ISON": true\n}', prose)
    assert run_rule(example_value_type.RULE, {**files, "api/gizmo-update.md": known}) == []
    small = action(body, prose.replace("gizmo", "identitySet"))
    assert run_rule(example_value_type.RULE, {**files, "api/gizmo-update.md": small}) == []


DOOHICKEY = resource(  # link texts that name other types than the pages they link to
    "doohickey",
    "|principals|[servicePrincipal](identityset.md) collection|Who runs it.|\n"
    "|boss|[manager](identityset.md)|Who decides.|\n",
    '{\n  "principals": [{"@odata.type": "microsoft.graph.identitySet"}],\n'
    '  "boss": {"@odata.type": "microsoft.graph.identitySet"}\n}',
)


def test_example_value_type_collection_of_a_type_named_otherwise(run_rule: RunRule) -> None:
    """Whatever type a cell's link text means, a collection of it is an array and one
    value of it is not; the values inside are not judged against the guessed type."""
    body = '{\n  "principals": {"displayName": 1},\n  "boss": [{"displayName": "Ann"}]\n}'
    page = api('{ "blockType": "response", "@odata.type": "microsoft.graph.doohickey" }', body)
    files = {**TYPES, "resources/doohickey.md": DOOHICKEY, "api/widget-get.md": page}
    found = run_rule(example_value_type.RULE, files)
    row = line_of(DOOHICKEY, "|principals|")
    assert messages(found) == [
        (
            line_of(page, '"principals"'),
            "property 'principals' of microsoft.graph.doohickey is Collection(microsoft.graph."
            f"identitySet) (resources/doohickey.md:{row}), but the example gives an object: "
            '{"displayName": 1}',
        ),
        (
            line_of(page, '"boss"'),
            "property 'boss' of microsoft.graph.doohickey is microsoft.graph.identitySet "
            f"(resources/doohickey.md:{line_of(DOOHICKEY, '|boss|')}), but the example gives "
            'an array: [{"displayName": "Ann"}]',
        ),
    ]
    quiet = '{\n  "principals": [{"displayName": 1}],\n  "boss": {"displayName": 2}\n}'
    files["api/widget-get.md"] = api(
        '{ "blockType": "response", "@odata.type": "microsoft.graph.doohickey" }', quiet
    )
    assert run_rule(example_value_type.RULE, files) == []


def gizmo_get(type_text: str = "[gizmo](../resources/gizmo.md) object") -> str:
    """A GET of /gizmos/{id} whose Response section names the type it returns."""
    page = api('{ "blockType": "response" }', '{\n  "isOn": true\n}')
    return page.replace("/widgets/", "/gizmos/").replace(
        "## Example",
        "## Response\n\nIf successful, this method returns a `200 OK` response code and a "
        f"{type_text} in the response body.\n\n## Example",
    )


def test_example_value_type_patch_body_of_another_type_than_get_returns(
    run_rule: RunRule,
) -> None:
    """A PATCH declaring no body type or parameters updates what a GET of its path
    returns: a body none of whose properties that type has is another type's."""
    prose = "In the request body, supply the values for relevant fields to update."
    body = '{\n  "subject": "Lunch",\n  "reminderMinutes": 15,\n  "isReminderOn": true\n}'
    page = action(body, prose)
    files = {**GIZMO_TYPES, "api/gizmo-update.md": page, "api/gizmo-get.md": gizmo_get()}
    assert messages(run_rule(example_value_type.RULE, files)) == [
        (
            line_of(page, '"subject"'),
            "none of the request body's properties ('subject', 'reminderMinutes', "
            "'isReminderOn') is a property of microsoft.graph.gizmo, the type a GET of the "
            "same path returns (the resource this PATCH updates)",
        )
    ]
    # one property of the type, no GET of the path, or a GET of a collection: quiet
    known = action('{\n  "subject": "Lunch",\n  "label": "x"\n}', prose)
    assert run_rule(example_value_type.RULE, {**files, "api/gizmo-update.md": known}) == []
    del files["api/gizmo-get.md"]
    assert run_rule(example_value_type.RULE, files) == []
    listed = gizmo_get("collection of [gizmo](../resources/gizmo.md) objects")
    assert run_rule(example_value_type.RULE, {**files, "api/gizmo-get.md": listed}) == []
