"""A GET path that is another path of its operation plus a property name
(``/me/mailboxSettings/workingHours`` beside ``/me/mailboxSettings``) returns that
property's type, not the operation's."""

from __future__ import annotations

from pathlib import Path

from generator.read.docs import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions

PAGE = """---
title: Get mailbox settings
---
# Get mailbox settings

## HTTP request

```http
GET /me/mailboxSettings
GET /me/mailboxSettings/workingHours
GET /me/mailboxSettings/timeZone
GET /me/mailboxSettings/unknown
```

## Example

<!-- { "blockType": "request", "name": "get_settings" } -->
```http
GET https://graph.microsoft.com/v1.0/me/mailboxSettings
```

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.mailboxSettings" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{"timeZone": "UTC"}
```
"""


def resource(name: str, rows: str) -> str:
    return f"""---
title: {name} resource type
---
# {name} resource type

Namespace: microsoft.graph

## Properties

|Property|Type|Description|
|:---|:---|:---|
{rows}
## JSON representation

<!-- {{ "blockType": "resource", "@odata.type": "microsoft.graph.{name}" }} -->
```json
{{}}
```
"""


def test_property_paths_return_the_property_type(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "resources").mkdir()
    (tmp_path / "api" / "settings-get.md").write_text(PAGE, encoding="utf-8")
    rows = "|timeZone|String|The zone.|\n|workingHours|[workingHours](workinghours.md)|Hours.|\n"
    for name, text in {
        "mailboxsettings.md": resource("mailboxSettings", rows),
        "workinghours.md": resource("workingHours", "|startTime|String|Start.|\n"),
    }.items():
        (tmp_path / "resources" / name).write_text(text, encoding="utf-8")
    plan = sdk_plan(read_docs([tmp_path]), SdkOptions(package="d2c_prop_sdk"))
    text = "\n".join(v for k, v in plan.items() if "/_paths/" in k)
    declared = [
        line.split(":", 1)[1].split("=")[0].strip()
        for line in text.splitlines()
        if line.strip().startswith("get: ")
    ]
    assert sorted(declared) == sorted(
        [
            "Op[models.MailboxSettings]",  # /me/mailboxSettings
            "Op[models.WorkingHours]",  # a complex property
            "Op[Any]",  # a string property
            "Op[models.MailboxSettings]",  # not a property: the operation's type
        ]
    ), text
