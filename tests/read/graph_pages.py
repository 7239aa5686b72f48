"""Small Graph-style pages for the reader's tests: resource pages, and a doc set of
resource pages under ``resources/`` and API pages under ``api/``, read as one root."""

from __future__ import annotations

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
