"""Small Graph-style pages for the reader's tests: resource pages, and a doc set of
resource pages under ``resources/`` and API pages under ``api/``, read as one root."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from generator.model import Model
from generator.read import read_docs

FRONT = '---\ntitle: "{title}"\ndescription: "{title}."\ndoc_type: {doc_type}\n---\n'


def resource(
    name: str,
    properties: dict[str, str],
    relationships: dict[str, str] | None = None,
    base: str = "microsoft.graph.entity",
) -> str:
    rows = "".join(f"|{k}|{v}|The {k}.|\n" for k, v in properties.items())
    rels = "".join(f"|{k}|{v}|The {k}.|\n" for k, v in (relationships or {}).items())
    rel_section = (
        f"\n## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n{rels}"
        if rels
        else ""
    )
    keys = ", ".join(f'"{k}": "String"' for k in properties)
    return (
        FRONT.format(title=f"{name} resource type", doc_type="resourcePageType")
        + f"# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n"
        + f"## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}"
        + rel_section
        + "\n## JSON representation\n\n"
        + f'<!-- {{ "blockType": "resource", "@odata.type": "microsoft.graph.{name}", '
        + f'"baseType": "{base}" }} -->\n```json\n{{ {keys} }}\n```\n'
    )


def api_page(
    title: str,
    lines: str,
    response: str,
    *,
    body: str | None = None,
    examples: str = "",
    request: str = "",
    intro: str = "",
    extra: str = "",
    description: str = "",
    namespace: bool = False,
) -> str:
    """An API page: ``title`` (as YAML and Markdown), ``intro``, the HTTP request section
    (``lines`` in an http fence, or ``request`` as written), ``extra`` sections, a Request
    body section when ``body`` is given, the Response section and an Example section of
    ``examples`` when given: the layout the tests' pages share, each with its own text."""
    said = f"description: {json.dumps(description)}\n" if description else ""
    front = f"---\ntitle: {json.dumps(title)}\n{said}doc_type: apiPageType\n---\n"
    head = f"# {title}\n\n" + ("Namespace: microsoft.graph\n\n" if namespace else "")
    request = request or f"```http\n{lines}\n```\n"
    return (
        front
        + head
        + (f"{intro}\n\n" if intro else "")
        + f"## HTTP request\n\n{request}\n{extra}"
        + (f"## Request body\n\n{body}\n\n" if body is not None else "")
        + f"## Response\n\n{response}\n"
        + (f"\n## Example\n\n{examples}\n" if examples else "")
    )


def read_tree(root: Path, resources: Mapping[str, str], pages: Mapping[str, str]) -> Model:
    """``resources`` (by type name) as ``resources/<name>.md``, ``pages`` (by file name)
    under ``api/``, read as one doc set."""
    (root / "resources").mkdir(exist_ok=True)
    (root / "api").mkdir(exist_ok=True)
    for name, text in resources.items():
        (root / "resources" / f"{name.lower()}.md").write_text(text, encoding="utf-8")
    for name, text in pages.items():
        (root / "api" / name).write_text(text, encoding="utf-8")
    return read_docs([root])
