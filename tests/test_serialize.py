"""The model JSON is streamed item by item, and its bytes are those of one ``json.dumps`` of
the whole model's data (the way it was written before it was streamed); ``docs2code model``
prints or writes nothing when serializing fails."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import serialize
from generator.cli import main
from generator.model import Model, Page, TypeDef
from generator.output.atomic import replacing
from generator.read import read_docs
from generator.serialize import dump_model, model_to_json, to_data
from tests.conftest import corpus_root

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "input_docs"
CORPUS_SAMPLE = 60  # pages, spread evenly over the sorted corpus


def whole(model: Model) -> str:
    """The reference: the whole model converted, then encoded in one call."""
    return json.dumps(to_data(model), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def page(path: str, front_matter: Any) -> Page:
    return Page(path, None, front_matter, None, (), (), ())


def test_input_docs_stream_as_one_dump() -> None:
    model = read_docs([DOCS])
    assert model.operations and model.types and model.pages and model.diagnostics
    assert model_to_json(model) == whole(model)


def test_corpus_pages_stream_as_one_dump(tmp_path: Path) -> None:
    corpus = corpus_root()
    if not (corpus / "api").is_dir():
        pytest.skip(f"corpus not found at {corpus}")
    pages = sorted(corpus.rglob("*.md"))
    for source in pages[:: len(pages) // CORPUS_SAMPLE]:
        target = tmp_path / source.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    model = read_docs([tmp_path])
    assert len(model.pages) >= CORPUS_SAMPLE and model.operations and model.types
    assert model_to_json(model) == whole(model)


def test_values_that_could_break_the_indenting_stream_exactly() -> None:
    """Line breaks inside strings and keys (escaped, so never re-indented), nesting, empty
    containers, non-ASCII, non-string keys (``str`` of them, sorted after conversion) and
    the float spellings only Python's encoder has."""
    front = {
        "multi\nline": "a\nb\r\nc\u2028d",
        "nested": {"list": [[], {}, [1, [2.5, {"z": None, "a": True}]]], "empty": {}},
        "ünïcödé": "日本語 \u2019quoted\u2019 😀",
        2: "int key",
        True: "bool key",
        None: "none key",
        "floats": [float("nan"), float("inf"), -float("inf"), 1e300, -0.0],
    }
    model = Model(
        operations=(),
        types=(),
        pages=(page("a.md", front), page("b.md", None), page("c.md", [])),
    )
    text = model_to_json(model)
    assert text == whole(model)
    assert '"multi\\nline": "a\\nb\\r\\nc\u2028d"' in text and '"None": "none key"' in text


def test_an_empty_model_streams_as_one_dump() -> None:
    model = Model(operations=(), types=(), pages=())
    assert model_to_json(model) == whole(model)
    assert json.loads(model_to_json(model)) == {
        "convention": "graph",
        "diagnostics": [],
        "linked_files": [],
        "operations": [],
        "pages": [],
        "roots": ["."],
        "schema_version": 1,
        "shared_endpoints": [],
        "types": [],
    }


def test_replacing_keeps_the_old_file_when_the_block_fails(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError), replacing(out) as handle:
        handle.write("half")
        raise ValueError("stop")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]  # no temporary file left
    with replacing(out) as handle:
        dump_model(Model(operations=(), types=(), pages=()), handle)
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


@pytest.fixture
def broken_type(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serializing one type of input_docs fails, after earlier items were written."""
    real = serialize.to_data

    def to_data(value: Any) -> Any:
        if isinstance(value, TypeDef) and value.full_name == "microsoft.graph.publicationFacet":
            raise OverflowError("int too large to convert")
        return real(value)

    monkeypatch.setattr(serialize, "to_data", to_data)
    monkeypatch.setattr("generator.cli.to_data", to_data)


@pytest.mark.usefixtures("broken_type")
def test_model_to_stdout_prints_nothing_when_serializing_fails() -> None:
    result = CliRunner().invoke(main, ["model", str(DOCS), "-q"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "docs2code model: internal error in serializing type microsoft.graph.publicationFacet "
        "(resources/publicationfacet.md:24): OverflowError: int too large to convert"
    ]


@pytest.mark.usefixtures("broken_type")
def test_model_to_a_file_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    out.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(main, ["model", str(DOCS), "-q", "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]


def test_model_prints_and_writes_the_same_bytes_as_one_dump(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    assert CliRunner().invoke(main, ["model", str(DOCS), "-q", "-o", str(out)]).exit_code == 0
    printed = CliRunner().invoke(main, ["model", str(DOCS), "-q"])
    assert printed.stdout_bytes == out.read_bytes() == whole(read_docs([DOCS])).encode("utf-8")


@pytest.fixture
def tiny_spool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Printed JSON spools to a file after its first byte, not after a MB."""
    real = tempfile.SpooledTemporaryFile

    def spool(_max_size: int, *args: Any, **kwargs: Any) -> Any:
        return real(1, *args, **kwargs)

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", spool)


@pytest.mark.usefixtures("tiny_spool")
def test_model_printed_through_a_spool_file_is_the_same() -> None:
    printed = CliRunner().invoke(main, ["model", str(DOCS), "-q"])
    assert printed.exit_code == 0
    assert printed.stdout_bytes == whole(read_docs([DOCS])).encode("utf-8")


@pytest.mark.usefixtures("tiny_spool")
def test_model_without_a_place_to_spool_exits_2_printing_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    result = CliRunner().invoke(main, ["model", str(DOCS), "-q"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "docs2code: cannot write a temporary file: No such file or directory\n"
