"""Action bodies are models (issue 23): what each call sends is typed as the reader decided
it (``PathVariant.body``): a create takes its type's model, an action a request model of
its parameters (names, types, required), a ``$ref`` call the reference model, an array a
list, a call without a body no body argument.  On a small doc set, then the generated
package driven through an httpx mock transport and type-checked with mypy --strict."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.model import Model
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.sdk.requests import differing_name, request_names
from tests.packages import imported, write_plan
from tests.read.graph_pages import api_page, read_tree
from tests.sdk.test_pages import declarations

PACKAGE = "d2c_request_sdk"
BIN = Path(sys.executable).parent


def resource(name: str, rows: str, relationships: str = "") -> str:
    rels = (
        f"\n## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n{relationships}"
        if relationships
        else ""
    )
    return f"""---
title: {name} resource type
doc_type: resourcePageType
---
# {name} resource type

## Properties

|Property|Type|Description|
|:---|:---|:---|
{rows}{rels}
## JSON representation

<!-- {{ "blockType": "resource", "@odata.type": "microsoft.graph.{name}" }} -->
```json
{{"id": "String"}}
```
"""


def api(title: str, lines: str, body: str, returns: str = "") -> str:
    answer = f"a `200 OK` response code and {returns}" if returns else "`204 No Content`"
    said = f"If successful, this method returns {answer} in the response body."
    return api_page(title, lines, said, body=body)


PARAMS = "|Parameter|Type|Description|\n|:---|:---|:---|\n"
RESOURCES = {
    "user": resource(
        "user",
        "|id|String|The id.|\n|displayName|String|The name.|\n",
        "|messages|[message](message.md) collection|Messages.|\n"
        "|charts|[chart](chart.md) collection|Charts.|\n"
        "|names|[namedItem](nameditem.md) collection|Names.|\n",
    ),
    "message": resource("message", "|id|String|The id.|\n|subject|String|The subject.|\n"),
    "chart": resource("chart", "|id|String|The id.|\n|type|String|The type.|\n"),
    "namedItem": resource("namedItem", "|id|String|The id.|\n|formula|String|The formula.|\n"),
}
PAGES = {
    "user-get.md": api("Get user", "GET /me", "", "a [user](../resources/user.md) object"),
    "user-sendmail.md": api(
        "Send mail",
        "POST /me/sendMail",
        "Provide a JSON object with the following parameters.\n\n"
        + PARAMS
        + "|message|[message](../resources/message.md)|The message to send. Required.|\n"
        "|saveToSentItems|Boolean|Whether to save it. Optional.|\n",
    ),
    "user-post-messages.md": api(
        "Create message",
        "POST /me/messages",
        "Supply a JSON representation of a [message](../resources/message.md) object.",
        "a [message](../resources/message.md) object",
    ),
    "chart-add.md": api(
        "Add chart", "POST /me/charts/add", PARAMS + "|type|String|The chart type. Required.|\n"
    ),
    "nameditem-add.md": api(
        "Add name", "POST /me/names/add", PARAMS + "|formula|String|The formula. Required.|\n"
    ),
    # a second page of the same call (a workload's copy): the general page speaks for it
    "nameditem-addformulalocal.md": api(
        "Add name with a local formula",
        "POST /me/names/add",
        PARAMS + "|formulaLocal|String|The formula, localized. Required.|\n",
    ),
    "user-post-manager.md": api(
        "Assign manager", "PUT /me/manager/$ref", "Supply the id of a user object."
    ),
    "user-resetcount.md": api(
        "Reset count", "POST /me/resetCount", "Do not supply a request body for this method."
    ),
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    return read_tree(tmp_path_factory.mktemp("docs"), RESOURCES, PAGES)


@pytest.fixture(scope="module")
def sdk_dir(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(sdk_plan(model, SdkOptions(package=PACKAGE)), tmp_path_factory.mktemp("sdk"))


def test_each_call_declares_what_it_sends(sdk_dir: Path) -> None:
    declared = sorted(d for d in declarations(sdk_dir, PACKAGE).values() if "Op[" in d)
    assert declared == sorted(
        [
            "Op[models.User]",  # GET /me
            "BodyOp[None, models.SendMailRequest]",  # an action: its parameters
            "BodyOp[models.Message, models.Message]",  # a create: the type
            "BodyOp[None, models.ChartsAddRequest]",  # two actions named add: by owner
            "BodyOp[None, models.NamesAddRequest]",  # the page that speaks; no union
            "BodyOp[None, models.ODataReference]",  # PUT .../$ref
            "Op[None]",  # "Do not supply a request body": no body argument
        ]
    )


def test_request_models_of_one_action_documented_otherwise_are_named_by_what_differs(
    model: Model,
) -> None:
    """Two pages document ``names/add`` with other parameters: each model is named, the
    second by the parameter only it has, never by a number; the same names typed
    otherwise are named by their page."""
    names = request_names(model.operations, {})
    assert sorted(n for n in names.values() if n.startswith("NamesAdd")) == [
        "NamesAddRequest",
        "NamesAddWithFormulaLocalRequest",
    ]
    first = ("add", ("formula", "Edm.String", False, True))
    other = ("add", ("formula", "Edm.Int32", False, True))
    assert differing_name("AddRequest", other, {"AddRequest": first}, "api/x-add") == "XAddRequest"
    fewer = ("add",)
    assert differing_name("AddRequest", fewer, {"AddRequest": first}, "api/y") == (
        "AddWithoutFormulaRequest"
    )


def test_request_models_have_the_documented_names_types_and_required(sdk_dir: Path) -> None:
    folder = sdk_dir / PACKAGE / "models"
    send = (folder / "send_mail_request.py").read_text(encoding="utf-8")
    send = send[send.index("class SendMailRequest(GraphModel):") :]
    assert "    message: models.Message\n" in send  # required: no default
    assert "    save_to_sent_items: bool | None = None\n" in send
    ref = (folder / "o_data_reference.py").read_text(encoding="utf-8")
    assert (
        '    odata_id: str = Field(validation_alias="@odata.id", serialization_alias="@odata.id")'
        in ref
    )
    # request models are not resource types: MODELS lists only the types
    init = (folder / "__init__.py").read_text(encoding="utf-8")
    registry = init[init.index("MODELS: Final") :]
    assert "SendMailRequest" not in registry


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    with imported(PACKAGE, sdk_dir) as module:
        yield module


def test_a_request_model_is_sent_by_its_wire_names(sdk: Any) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    client = sdk.Client("t", transport=httpx.MockTransport(handler))
    models = sdk.models
    body = models.SendMailRequest(message=models.Message(subject="Hi"), save_to_sent_items=False)
    assert client.me.send_mail.post(body) is None
    client.me.manager.ref.put(models.ODataReference(odata_id="https://x/users/1"))
    assert [json.loads(r.content) for r in sent] == [
        {"message": {"subject": "Hi"}, "saveToSentItems": False},
        {"@odata.id": "https://x/users/1"},
    ]
    with pytest.raises(Exception, match="message"):
        models.SendMailRequest.model_validate({"saveToSentItems": True})  # required


USAGE = """
from typing import assert_type

from {package} import Client, models

client = Client(token="t")
mail = models.SendMailRequest(message=models.Message(subject="Hi"))
assert_type(client.me.send_mail.post(mail), None)
assert_type(client.me.messages.post(models.Message(subject="Hi")), models.Message)
client.me.charts.add.post(models.ChartsAddRequest(type="pie"))
client.me.manager.ref.put(models.ODataReference(odata_id="https://x/users/1"))
client.me.reset_count.post()
client.me.send_mail.post({{"message": {{}}}})  # any mapping too
"""


def test_request_models_type_check(sdk_dir: Path) -> None:
    (sdk_dir / "usage_requests.py").write_text(USAGE.format(package=PACKAGE), encoding="utf-8")
    mypy = subprocess.run(
        [BIN / "mypy", "--strict", "--no-incremental", PACKAGE, "usage_requests.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout
