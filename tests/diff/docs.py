"""Helpers for the diff tests: small API and resource pages, writing two revisions of a
doc set, copying the seed docs, and comparing."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import main
from generator.diff.change import Change, Level
from generator.diff.compare import compare
from generator.diff.surface import surface
from generator.read.docs import read_docs

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "input_docs"

Row = tuple[str, ...]

WORK = "Delegated (work or school account)"
PERSONAL = "Delegated (personal Microsoft account)"
APP = "Application"
PERMISSIONS: tuple[Row, ...] = (
    (WORK, "Files.Read, Files.ReadWrite"),
    (PERSONAL, "Not supported."),
    (APP, "Files.Read.All"),
)
RETURNS_ITEM = (
    "If successful, this method returns a `200 OK` response code and an "
    "[item](../resources/item.md) object in the response body."
)


def _table(header: Row, rows: Sequence[Row]) -> str:
    lines = ["|" + "|".join(header) + "|", "|" + "|".join(":---" for _ in header) + "|"]
    lines += ["|" + "|".join(row) + "|" for row in rows]
    return "\n".join(lines)


def api_page(
    *,
    method: str = "GET",
    paths: Sequence[str] = ("/me/items/{id}",),
    permissions: Sequence[Row] | None = PERMISSIONS,
    headers: Sequence[Row] = (),
    query: Sequence[Row] = (),
    body: Sequence[Row] = (),
    body_prose: str = "Do not supply a request body for this method.",
    response: str = RETURNS_ITEM,
) -> str:
    """An API page; ``query`` and ``body`` rows are (name, type, description),
    ``headers`` rows (name, description)."""
    parts = ['---\ntitle: "Item"\ndoc_type: apiPageType\n---\n# Item\n\nAn operation on an item.\n']
    if permissions is not None:
        header = ("Permission type", "Permissions (from least to most privileged)")
        parts.append("## Permissions\n\n" + _table(header, permissions) + "\n")
    lines = "\n".join(f"{method} {p}" for p in paths)
    parts.append(
        f'## HTTP request\n\n<!-- {{ "blockType": "ignored" }} -->\n```http\n{lines}\n```\n'
    )
    if query:
        parts.append(
            "## Optional query parameters\n\n"
            + _table(("Name", "Type", "Description"), query)
            + "\n"
        )
    if headers:
        parts.append("## Request headers\n\n" + _table(("Name", "Description"), headers) + "\n")
    parts.append("## Request body\n\n" + body_prose + "\n")
    if body:
        parts.append(_table(("Property", "Type", "Description"), body) + "\n")
    parts.append("## Response\n\n" + response + "\n")
    return "\n".join(parts)


def resource_page(
    name: str,
    properties: Sequence[Row],
    *,
    base: str | None = None,
    json_keys: Sequence[str] | None = None,
) -> str:
    """A resource page for ``microsoft.graph.<name>``; ``properties`` rows are
    (name, type, description); the JSON representation names ``json_keys`` (default:
    the properties)."""
    keys = [p[0] for p in properties] if json_keys is None else list(json_keys)
    body = ",\n".join(f'  "{k}": "string"' for k in keys)
    base_key = f'"baseType": "microsoft.graph.{base}", ' if base else ""
    annotation = f'{{ "blockType": "resource", {base_key}"@odata.type": "microsoft.graph.{name}" }}'
    return (
        f'---\ntitle: "{name} resource type"\ndoc_type: resourcePageType\n---\n'
        f"# {name} resource type\n\n"
        f"## JSON representation\n\n"
        f"<!-- {annotation} -->\n"
        f"```json\n{{\n{body}\n}}\n```\n\n"
        f"## Properties\n\n" + _table(("Property", "Type", "Description"), properties) + "\n"
    )


def enum_page(name: str, members: Sequence[str]) -> str:
    rows = [(m, f"The {m} value.") for m in members]
    return (
        f'---\ntitle: "{name} enum"\ndoc_type: enumPageType\n---\n# {name} enum\n\n'
        f"## {name} values\n\n" + _table(("Member", "Description"), rows) + "\n"
    )


def write(root: Path, files: Mapping[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


def diff(tmp_path: Path, old: Mapping[str, str], new: Mapping[str, str]) -> tuple[Change, ...]:
    """Write both revisions under ``tmp_path`` and compare them."""
    before = write(tmp_path / "old", old)
    after = write(tmp_path / "new", new)
    return compare_roots(before, after)


def compare_roots(old: Path, new: Path) -> tuple[Change, ...]:
    return compare(surface(read_docs([old])), surface(read_docs([new])))


def kinds(changes: Sequence[Change]) -> list[tuple[str, Level]]:
    return [(c.kind, c.severity) for c in changes]


def breaking(changes: Sequence[Change]) -> list[Change]:
    return [c for c in changes if c.severity is Level.BREAKING]


def seed_copy(root: Path) -> Path:
    """The seed doc set, copied so that a test can edit it."""
    shutil.copytree(SEED, root)
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must be there) by ``new`` in ``path``; ``count=0``: all."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count if count else -1), encoding="utf-8")


def drop_line(path: Path, needle: str) -> None:
    """Remove the one line of ``path`` that contains ``needle``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if needle not in line]
    assert len(kept) == len(lines) - 1, f"{needle!r} is not on exactly one line of {path}"
    path.write_text("\n".join(kept), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def invoke(*args: str | Path) -> Result:
    """``docs2code diff ARGS``; ``result.stdout`` and ``result.stderr`` are separate."""
    return CliRunner().invoke(main, ["diff", *map(str, args)])
