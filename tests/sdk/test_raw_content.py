"""Raw content: a GET of a ``/$value`` path, or an operation whose documented responses
are all another media type than JSON, returns the body's bytes instead of parsing it
with the operation's JSON model; typed ``bytes`` for mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from generator.read.docs import read_docs
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from tests.packages import imported, write_plan

PACKAGE = "d2c_raw_sdk"
BIN = Path(sys.executable).parent
GRAPH = "https://graph.microsoft.com/v1.0"
PAGES = {
    "message-get.md": f"""---
title: Get message
---
# Get message

## HTTP request

```http
GET /me/messages/{{id}}
GET /me/messages/{{id}}/$value
```

## Response

If successful, this method returns a `200 OK` response code and a
[message](../resources/message.md) object in the response body.

## Example

<!-- {{ "blockType": "request", "name": "get_message" }} -->
```http
GET {GRAPH}/me/messages/m1
```

<!-- {{ "blockType": "response", "@odata.type": "microsoft.graph.message" }} -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{{"id": "m1", "subject": "Hi"}}
```
""",
    "report-get.md": f"""---
title: Get report
---
# Get report

## HTTP request

```http
GET /reports/getUsage
```

## Example

<!-- {{ "blockType": "request", "name": "get_report" }} -->
```http
GET {GRAPH}/reports/getUsage
```

<!-- {{ "blockType": "response", "@odata.type": "microsoft.graph.message" }} -->
```http
HTTP/1.1 200 OK
Content-Type: text/csv

Report Refresh Date,User Principal Name
```
""",
}
RESOURCE = """---
title: message resource type
---
# message resource type

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | Id. |
| subject | String | Subject. |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.message" } -->
```json
{"id": "String", "subject": "String"}
```
"""


@pytest.fixture(scope="module")
def sdk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    (docs / "api").mkdir()
    (docs / "resources").mkdir()
    for name, text in PAGES.items():
        (docs / "api" / name).write_text(text, encoding="utf-8")
    (docs / "resources" / "message.md").write_text(RESOURCE, encoding="utf-8")
    model = read_docs([docs])
    return write_plan(sdk_plan(model, SdkOptions(package=PACKAGE)), tmp_path_factory.mktemp("sdk"))


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    with imported(PACKAGE, sdk_dir) as module:
        yield module


def answer(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/$value"):
        return httpx.Response(200, content=b"MIME-Version: 1.0\r\n\r\n{not json")
    if request.url.path.endswith("getUsage"):
        return httpx.Response(200, content=b"a,b\n", headers={"Content-Type": "text/csv"})
    return httpx.Response(200, json={"id": "m1", "subject": "Hi"})


def test_value_paths_and_non_json_responses_return_bytes(sdk: ModuleType) -> None:
    with sdk.Client("t", transport=httpx.MockTransport(answer)) as client:
        message = client.me.messages.by_id("m1").get()
        assert type(message).__name__ == "Message" and message.subject == "Hi"
        assert client.me.messages.by_id("m1").value.get() == b"MIME-Version: 1.0\r\n\r\n{not json"
        assert client.reports.get_usage.get() == b"a,b\n"


def test_raw_results_are_typed_bytes(sdk_dir: Path) -> None:
    (sdk_dir / "use_raw.py").write_text(
        f"from {PACKAGE} import Client\n\n\n"
        "def mime(client: Client) -> bytes | None:\n"
        '    return client.me.messages.by_id("m1").value.get()\n',
        encoding="utf-8",
    )
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE, "use_raw.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
