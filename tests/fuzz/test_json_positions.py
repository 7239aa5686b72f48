"""Every JSON type in every position a declared type gives meaning to (issue 12).

One small doc set declares a property of each Edm type, an enum, a complex type and
collections of them; each case gives all of them, in a request body, a response body,
the resource's JSON representation and the example annotations, one value of another
type.  Reader, every rule and the build must take it, and the output must compile.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.mutations import Pairs, Raw, dumps
from tests.fuzz.pipeline import MemoryFormatCache, check_docs

PRIMITIVES = [
    "Boolean",
    "Int32",
    "Int64",
    "Byte",
    "Double",
    "Single",
    "Decimal",
    "String",
    "Guid",
    "DateTimeOffset",
    "Date",
    "Duration",
    "TimeOfDay",
    "Binary",
    "Stream",
    "Edm.Untyped",
    "Json",
]
TABLE = "".join(f"|p{t.split('.')[-1]}|{t}|A {t}.|\n" for t in PRIMITIVES)
TABLE += "|pEnum|probeState|An enum.|\n|pComplex|[probePart](probepart.md)|A part.|\n"
TABLE += "|pStrings|String collection|Strings.|\n|pParts|[probePart](probepart.md) collection|.|\n"
NAMES = [row.split("|")[1] for row in TABLE.splitlines()]

VALUES = {
    "object": {"a": 1, "@odata.type": "#microsoft.graph.probePart"},
    "empty object": {},
    "empty array": [],
    "mixed array": [1, "a", None, True, {"b": []}, [1.5]],
    "null": None,
    "huge integer": 10**400,
    "too long integer": Raw("1" + "0" * 5000),
    "overflowing float": Raw("1e999"),
    "NaN literal": Raw("NaN"),
    "NaN-like strings": "NaN",
    "Infinity": "-Infinity",
    "boolean": True,
    "empty string": "",
    "template syntax": '{{ x }}{% if %}"""\\',
    "duplicate keys": Pairs((("a", 1), ("a", {"b": 2}), ("@odata.type", 3))),
}


def resource(name: str, table: str, body: str, annotation: str) -> str:
    return (
        f'---\ntitle: "{name} resource type"\ndescription: "A {name}."\n'
        f"doc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\n"
        f"## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{table}\n"
        f"## JSON representation\n\n<!-- {annotation} -->\n```json\n{body}\n```\n"
    )


def api(method: str, request: str, response: str, annotation: str) -> str:
    status = "201 Created" if method == "POST" else "200 OK"
    return f"""---
title: "{method} probe"
description: "A probe."
doc_type: apiPageType
---
# {method} probe

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
{method} /probes/{{id}}
```

## Request body

In the request body, supply a JSON representation of a [probe](../resources/probe.md) object.

## Response

If successful, this method returns a `{status}` response code and a
[probe](../resources/probe.md) object in the response body.

## Example

### Request

<!-- {annotation} -->
```http
{method} https://graph.microsoft.com/v1.0/probes/1
Content-type: application/json

{request}
```

### Response

<!-- {{ "blockType": "response", "@odata.type": "microsoft.graph.probe" }} -->
```http
HTTP/1.1 {status}
Content-type: application/json

{response}
```
"""


ENUMS = """---
title: "Enum types"
description: "Enums."
doc_type: enumPageType
---
# Enum types

Namespace: microsoft.graph

### probeState values

|Member|Value|Description|
|:---|:---|:---|
|on|0|On.|
|off|1|Off.|
"""


def docs(value: object) -> dict[str, str]:
    body = dumps(Pairs(tuple((name, value) for name in NAMES)))
    listed = dumps({"value": [Raw(body)], "@odata.nextLink": value})
    annotation = dumps(
        Pairs(
            (
                ("blockType", "request"),
                ("name", value),
                ("@odata.type", value),
                ("truncated", value),
                ("isCollection", value),
                ("scopes", value),
                ("suppressions", value),
            )
        )
    )
    resource_annotation = dumps(
        Pairs(
            (
                ("blockType", "resource"),
                ("@odata.type", "microsoft.graph.probe"),
                ("baseType", value),
                ("openType", value),
                ("keyProperty", value),
                ("optionalProperties", value),
            )
        )
    )
    part = resource("probePart", "|a|Int32|A.|\n", dumps({"a": value}), resource_annotation)
    return {
        "resources/probe.md": resource("probe", TABLE, body, resource_annotation),
        "resources/probepart.md": part.replace(
            'microsoft.graph.probe"', 'microsoft.graph.probePart"'
        ),
        "resources/enums.md": ENUMS,
        "api/probe-post.md": api("POST", body, body, annotation),
        "api/probe-update.md": api("PATCH", body, body, annotation),
        "api/probe-list.md": api("GET", dumps(value), listed, annotation),
    }


CACHE = MemoryFormatCache()


@pytest.mark.parametrize("case", list(VALUES))
def test_every_json_type_in_every_declared_position(case: str, tmp_path: Path) -> None:
    for rel, text in docs(VALUES[case]).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    problems, plan = check_docs(tmp_path, CACHE)
    assert problems == []
    assert "sdk/docs2code_sdk/models/__init__.py" in plan
