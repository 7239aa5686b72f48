"""Incremental builds equal cold builds of the same tree, file for file, after random
single-page edits of the kinds writers make (issue 25): a sentence into an operation's
description (before ``## HTTP request``: the SDK docstring, the OpenAPI export and the
tests show it), a table cell, a value in an example's body, a type's property
description.  Each edit is built through the cache that the previous builds filled and
compared with a build without any cache; seeded, so a failure names an edit that can be
replayed.  The fast run covers input_docs and tests/fixtures; the corpus run, the Graph
v1.0 corpus (marked ``corpus``)."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.pipeline import cached_build_plan
from generator.render.options import BuildOptions

from ..conftest import corpus_root

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = BuildOptions()
HTTP_REQUEST = "\n## HTTP request"
_FRONT_DESCRIPTION = re.compile(r'^(description:\s*"?)(?=\w)', re.MULTILINE)
_FENCE = re.compile(r"^```")
_STRING_VALUE = re.compile(r'^(\s*"[A-Za-z@.]+"\s*:\s*")([^"\\]{1,80})(")')
_TABLE_ROW = re.compile(r"^\|(.+)\|\s*$")
_SEPARATOR = re.compile(r"^\|[\s:|-]+\|\s*$")

Edit = Callable[[str, random.Random], str | None]


def description_sentence(text: str, rng: random.Random) -> str | None:
    """A sentence at the start of the paragraph right under the page's title, before
    ``## HTTP request``: the operation's description."""
    end = text.find(HTTP_REQUEST)
    title = re.search(r"^# .+$", text[: max(end, 0)], re.MULTILINE)
    if end < 0 or title is None:
        return None
    head = text[title.end() : end]
    paragraphs = re.finditer(r"\n\n([A-Z][^\n<>|#`\[]{8,})", head)
    paragraph = next((p for p in paragraphs if not p[1].startswith("Namespace:")), None)
    if paragraph is None:
        return None
    at = title.end() + paragraph.start(1)
    sentence = f"Edited sentence {rng.randrange(10**6)}. "
    edited = f"{text[:at]}{sentence}{text[at:]}"
    # the front matter's description, when there is one, is the operation's: writers
    # keep the two the same
    return _FRONT_DESCRIPTION.sub(lambda m: m[1] + sentence, edited, count=1)


def _table_rows(text: str) -> list[int]:
    """The body rows of the tables: under another row or the separator, not one."""
    lines = text.split("\n")
    return [
        n
        for n in range(1, len(lines))
        if _TABLE_ROW.match(lines[n])
        and _TABLE_ROW.match(lines[n - 1])
        and not _SEPARATOR.match(lines[n])
    ]


def table_cell(text: str, rng: random.Random) -> str | None:
    """A word added to the last cell of a table's body row (a property's, a parameter's
    or a header's description)."""
    rows = _table_rows(text)
    if not rows:
        return None
    lines = text.split("\n")
    n = rng.choice(rows)
    cells = lines[n].rstrip().rstrip("|").split("|")
    if len(cells) < 3:
        return None
    cells[-1] = f"{cells[-1].rstrip()} Edited {rng.randrange(1000)}. "
    lines[n] = "|".join(cells) + "|"
    return "\n".join(lines)


def property_description(text: str, rng: random.Random) -> str | None:
    """A table cell of a resource page's properties table."""
    return table_cell(text, rng) if "## Properties" in text else None


def example_value(text: str, rng: random.Random) -> str | None:
    """A string value in a JSON body of an example (request or response) changed."""
    lines = text.split("\n")
    inside, found = False, []
    for n, line in enumerate(lines):
        if _FENCE.match(line.strip()):
            inside = not inside
            continue
        if inside and _STRING_VALUE.match(line):
            found.append(n)
    if not found:
        return None
    n = rng.choice(found)
    lines[n] = _STRING_VALUE.sub(lambda m: f"{m[1]}{m[2]}-edited{m[3]}", lines[n], count=1)
    return "\n".join(lines)


EDITS: dict[str, Edit] = {
    "description": description_sentence,
    "table cell": table_cell,
    "example value": example_value,
    "property description": property_description,
}


def random_edit(docs: Path, rng: random.Random) -> str:
    """One edit of one page, its kind and page chosen by ``rng``; returns what it did."""
    pages = sorted(docs.rglob("*.md"))
    for _ in range(200):
        kind = rng.choice(sorted(EDITS))
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        changed = EDITS[kind](text, rng)
        if changed is not None and changed != text:
            page.write_text(changed, encoding="utf-8")
            return f"{kind} in {page.relative_to(docs)}"
    raise AssertionError("no page could be edited")


def assert_incremental_equals_cold(docs: Path, folder: Path, seed: int, edits: int) -> list[str]:
    """Builds ``docs`` through a cache, then ``edits`` times: one random edit, an
    incremental build (a new cache object, as a new process) equal to a cold build
    without the cache; returns the edits made."""
    rng = random.Random(seed)
    first = cached_build_plan([docs], OPTIONS, Cache(folder))
    assert first.plan
    made: list[str] = []
    before = first.plan
    for _ in range(edits):
        made.append(random_edit(docs, rng))
        incremental = cached_build_plan([docs], OPTIONS, Cache(folder))
        cold = cached_build_plan([docs], OPTIONS, None)
        assert sorted(incremental.plan) == sorted(cold.plan), made[-1]
        different = [p for p in cold.plan if incremental.plan[p] != cold.plan[p]]
        assert not different, f"seed {seed}, {made[-1]}: {different[:5]}"
        assert incremental.diagnostics == cold.diagnostics, made[-1]
        shown = sum(1 for p in cold.plan if before.get(p) != cold.plan[p])
        made[-1] += f" ({shown} files changed)"
        before = cold.plan
    return made


@pytest.mark.parametrize("source", ["input_docs", "tests/fixtures/graph"])
def test_random_single_page_edits_build_as_cold(source: str, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / source, docs)
    made = assert_incremental_equals_cold(docs, tmp_path / "cache", seed=25, edits=4)
    assert len(made) == 4
    assert any(not m.endswith("(0 files changed)") for m in made), made  # not all unseen


def test_the_edits_change_what_they_say(tmp_path: Path) -> None:
    """Each kind of edit finds its text on the pages it is meant for (else the test above
    would prove nothing about it)."""
    rng = random.Random(1)
    api = (ROOT / "input_docs" / "api" / "driveitem-list-versions.md").read_text("utf-8")
    resource = (ROOT / "input_docs" / "resources" / "driveItemVersion.md").read_text("utf-8")
    edited = description_sentence(api, rng)
    assert edited is not None and edited.index("Edited sentence") < edited.index(HTTP_REQUEST)
    for edit, text in [(table_cell, api), (example_value, api), (property_description, resource)]:
        changed = edit(text, rng)
        assert changed is not None and changed != text, edit.__name__
    assert property_description(api, rng) is None


@pytest.mark.corpus
def test_random_single_page_edits_of_the_corpus_build_as_cold(tmp_path: Path) -> None:
    root = corpus_root()
    if not root.is_dir():
        pytest.skip(f"corpus not found at {root}")
    docs = tmp_path / "docs"
    shutil.copytree(root, docs)
    assert_incremental_equals_cold(docs, tmp_path / "cache", seed=2025, edits=2)


def test_a_description_edit_renders_only_openapi(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operation's description is shown only by openapi.json: the sdk/, stubs/ and
    tests/ parts come from the parts cache; a property's description (models) renders them."""
    import generator.pipeline.plan as planning

    rendered: list[str] = []
    for name in ("sdk_files", "stub_files", "suite_files", "openapi_pieces"):

        def counted(*args: object, _name: str = name, _real: object = getattr(planning, name)):
            rendered.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(planning, name, counted)
    docs, folder = tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(ROOT / "input_docs", docs)
    before = cached_build_plan([docs], OPTIONS, Cache(folder)).plan
    assert sorted(rendered) == ["openapi_pieces", "sdk_files", "stub_files", "suite_files"]
    page = docs / "api" / "driveitemversion-get.md"
    page.write_text(description_sentence(page.read_text("utf-8"), random.Random(2)) or "")
    rendered.clear()
    after = cached_build_plan([docs], OPTIONS, Cache(folder)).plan
    assert rendered == ["openapi_pieces"]
    assert after == cached_build_plan([docs], OPTIONS, None).plan
    assert [p for p in after if after[p] != before[p]] == ["openapi.json"]
    resource = docs / "resources" / "identity.md"
    text = resource.read_text("utf-8")
    assert "Unique identifier" in text
    resource.write_text(text.replace("Unique identifier", "The unique identifier"), "utf-8")
    rendered.clear()
    again = cached_build_plan([docs], OPTIONS, Cache(folder)).plan
    assert "sdk_files" in rendered
    assert again == cached_build_plan([docs], OPTIONS, None).plan
