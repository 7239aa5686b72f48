"""openapi.json from cached pieces (issue 25): after random single-page edits of the kinds
writers make (a sentence in an operation's description, a value in an example, a row
added to a properties table, a page removed), the document assembled from the pieces a
previous build left in the cache (a new store each time, as a new process) is the
document rendered without them, byte for byte, and only the pieces that show the edit
are rendered again.  Seeded, so a failure names an edit that can be replayed."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

from generator.cache.parts import PartStore
from generator.cache.store import Store
from generator.model import Model
from generator.openapi import FILE, OpenApiOptions, openapi_pieces, render_openapi
from generator.openapi.pieces import Encoded, Members, MemoryPieces, document_text, encoded
from generator.pipeline.plan import fingerprints, projection
from generator.read.docs import read_docs

from ..cache.test_incremental_render import description_sentence, example_value
from ..conftest import corpus_root

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = OpenApiOptions(docs_url="https://learn.example/graph/")
_PROPERTY_ROW = re.compile(r"^\|\s*[*`]*([A-Za-z][A-Za-z0-9]*)[*`]*\s*\|[^\n]*\|[ \t]*$", re.M)


def property_row(text: str, rng: random.Random) -> str | None:
    """A row added under a properties table's row: a new property of the same type."""
    head = text.find("## Properties")
    end = text.find("\n#", head + 1)
    rows = list(_PROPERTY_ROW.finditer(text, head, end if end >= 0 else len(text)))
    rows = [r for r in rows if head >= 0 and r[1].lower() != "property"]
    if not rows:
        return None
    row = rng.choice(rows)
    added = row[0].replace(row[1], f"added{rng.randrange(1000)}", 1)
    return f"{text[: row.end()]}\n{added}{text[row.end() :]}"


EDITS = {
    "description": description_sentence,
    "example value": example_value,
    "property row": property_row,
}


def random_edit(docs: Path, rng: random.Random) -> tuple[str, str]:
    """One edit of one page, or a page removed; returns (kind, page)."""
    pages = sorted(docs.rglob("*.md"))
    if rng.random() < 0.2:
        page = rng.choice(pages)
        page.unlink()
        return "page removed", page.relative_to(docs).as_posix()
    for _ in range(500):
        kind = rng.choice(sorted(EDITS))
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        changed = EDITS[kind](text, rng)
        if changed is not None and changed != text:
            page.write_text(changed, encoding="utf-8")
            return kind, page.relative_to(docs).as_posix()
    raise AssertionError("no page could be edited")


def through_pieces(model: Model, folder: Path) -> tuple[str, int, int]:
    """openapi.json as a build renders it with its cache in ``folder``: (text, pieces
    rendered again, pieces from the cache)."""
    parts = PartStore(Store(folder), ["test"])
    pieces = parts.openapi(fingerprints(model, projection(model))[1])
    text = render_openapi(model, OPTIONS, pieces)[FILE]
    parts.commit()
    return text, pieces.misses, pieces.hits


def assert_pieces_equal_cold(docs: Path, folder: Path, seed: int, edits: int) -> list[str]:
    rng = random.Random(seed)
    model = read_docs([docs])
    text, rendered, _ = through_pieces(model, folder)
    assert text == render_openapi(model, OPTIONS)[FILE]
    assert text == document_text(openapi_pieces(model, OPTIONS))  # a build without a cache
    assert rendered > 0
    made: list[str] = []
    for _ in range(edits):
        kind, page = random_edit(docs, rng)
        made.append(f"{kind} in {page}")
        model = read_docs([docs])
        text, rendered, cached = through_pieces(model, folder)
        assert text == render_openapi(model, OPTIONS)[FILE], f"seed {seed}: {made}"
        if kind == "description":  # the operations of that page, each on its paths
            variants = sum(len(op.paths) for op in model.operations if op.source.file == page)
            assert rendered <= variants, (made[-1], rendered, variants)
        elif kind != "page removed":
            assert cached > rendered, (made[-1], rendered, cached)
        made[-1] += f" ({rendered} pieces rendered, {cached} cached)"
    return made


@pytest.mark.parametrize("source", ["input_docs", "tests/fixtures/graph"])
def test_random_single_page_edits_render_as_cold(source: str, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / source, docs)
    made = assert_pieces_equal_cold(docs, tmp_path / "cache", seed=25, edits=8)
    assert {m.split(" in ")[0] for m in made} >= {"description", "page removed"}, made


@pytest.mark.corpus
def test_random_single_page_edits_of_the_corpus_render_as_cold(tmp_path: Path) -> None:
    root = corpus_root()
    if not (root / "api").is_dir():
        pytest.skip(f"corpus not found at {root}")
    docs = tmp_path / "docs"
    shutil.copytree(root, docs)
    assert_pieces_equal_cold(docs, tmp_path / "cache", seed=2025, edits=3)


def test_the_property_row_edit_adds_a_property(tmp_path: Path) -> None:
    page = ROOT / "input_docs" / "resources" / "driveItemVersion.md"
    edited = property_row(page.read_text("utf-8"), random.Random(1))
    assert edited is not None
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "input_docs", docs)
    (docs / "resources" / "driveItemVersion.md").write_text(edited, "utf-8")
    before, after = (
        sum(len(t.properties) for t in read_docs([d]).types) for d in (ROOT / "input_docs", docs)
    )
    assert after == before + 1


def test_a_cached_piece_is_the_rendered_one() -> None:
    """A second render with every piece cached renders none and gives the same text."""
    model = read_docs([ROOT / "input_docs"])
    pieces = MemoryPieces()
    first = render_openapi(model, OPTIONS, pieces)[FILE]
    rendered = pieces.misses
    again = render_openapi(model, OPTIONS, pieces)[FILE]
    assert again == first == render_openapi(model, OPTIONS)[FILE]
    assert pieces.misses == rendered and pieces.hits == rendered


@pytest.mark.parametrize(
    "value",
    [
        {"a": "line\nbreak", "é": ["x", {"y": None, "z": [1.5, True]}], "b": {}, "c": []},
        {"nested": {"deeper": {"deepest": "\u2028 \\n \t"}}, "empty": ""},
    ],
)
def test_document_text_is_json_dumps(value: dict[str, object]) -> None:
    """Pieces at any depth, in members written one at a time, give json.dumps' bytes."""
    expected = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
    assert document_text(value) == expected
    members = Members({k: encoded(v) for k, v in value.items()})
    assert document_text({"outer": {"inner": members}}) == (
        json.dumps({"outer": {"inner": value}}, indent=2, sort_keys=True) + "\n"
    )
    with pytest.raises(TypeError):
        document_text({"deep": [Encoded("{}")]})
