"""A third-party generator can use the export: openapi-python-client generates a client
from ``generated/openapi.json`` (no warnings), the client imports, and one call of it,
in process against the generated stub server, returns the documented example, parsed
into the models it generated from ``components.schemas``; the export's enums become
enum classes (the doc set of :mod:`tests.openapi.widgets`, as ``input_docs`` has none)."""

from __future__ import annotations

import asyncio
import enum
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from generator.openapi import openapi_document, openapi_text
from generator.read import read_docs
from tests.openapi.widgets import write_widgets
from tests.packages import imported

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
PACKAGE = "docs_api_client"
PATH = "/me/drive/items/{item-id}/versions"
CONFIG = f"""\
project_name_override: docs-api-client
package_name_override: {PACKAGE}
post_hooks: []
"""


def generate(
    out: Path, spec: Path = GENERATED / "openapi.json"
) -> subprocess.CompletedProcess[str]:
    config = out.parent / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    command = [
        *(sys.executable, "-m", "openapi_python_client", "generate"),
        *("--path", str(spec), "--config", str(config)),
        *("--meta", "none", "--output-path", str(out / PACKAGE)),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


def test_openapi_python_client_generates_a_client_that_gets_the_example(tmp_path: Path) -> None:
    done = generate(tmp_path / "client")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr

    doc = json.loads((GENERATED / "openapi.json").read_text(encoding="utf-8"))
    op = doc["paths"][PATH]["get"]
    documented = op["responses"]["200"]["content"]["application/json"]["examples"]
    [(_, example)] = documented.items()
    module = re.sub(r"\W+", "_", op["operationId"]).lower()
    tag = op["tags"][0]

    with (
        imported(f"{PACKAGE}.api.{tag}.{module}", tmp_path / "client") as call,
        imported("docs2code_stubs.app", GENERATED / "stubs") as stub,
    ):
        client_module = sys.modules[f"{PACKAGE}.client"]
        client = client_module.AuthenticatedClient(base_url="http://stub.test/v1.0", token="t")
        transport = httpx.ASGITransport(app=stub.app)
        client.set_async_httpx_client(
            httpx.AsyncClient(transport=transport, base_url="http://stub.test/v1.0")
        )

        async def main() -> Any:
            async with client:
                return await call.asyncio_detailed(item_id="my-item", client=client)

        response = asyncio.run(main())
        parsed = response.parsed
        dumped = parsed.to_dict()  # imports models lazily: while the package is importable

    assert response.status_code == 200
    assert json.loads(response.content) == example["value"]
    assert type(parsed).__name__.endswith("Response200")
    first, documented_first = parsed.value[0], example["value"]["value"][0]
    assert type(first).__name__ == "MicrosoftGraphDriveItemVersion"
    assert (first.id, first.size) == (documented_first["id"], documented_first["size"])
    assert first.last_modified_date_time.isoformat().startswith("2017-09-14T12:34:53")
    assert dumped["value"][0]["id"] == documented_first["id"]


def test_the_exports_enums_are_enum_classes(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(openapi_text(openapi_document(read_docs([write_widgets(tmp_path / "docs")]))))
    done = generate(tmp_path / "client", spec)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    models = f"{PACKAGE}.models"
    with imported(models, tmp_path / "client") as generated:
        color = generated.MicrosoftGraphWidgetColor
        widget = generated.MicrosoftGraphWidget.from_dict({"id": "1", "color": "green"})
        members = sorted(m.value for m in color)
        assert issubclass(color, enum.Enum) and issubclass(color, str)
        assert widget.color is color.GREEN
    assert members == ["green", "red", "unknownFutureValue"]
