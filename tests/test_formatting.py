"""Formatting a module one top-level definition at a time gives black's output for the
whole module: checked on every file docs2code generates (and on the corpus's)."""

from __future__ import annotations

import re
from pathlib import Path

import black
import pytest

from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.read.docs import read_docs
from generator.render.formatting import BLACK_MODE, finish_all, format_python, pieces
from generator.render.options import BuildOptions
from generator.sdk.models import model_names, render_models
from generator.sdk.render import SdkOptions, render_sdk

ROOT = Path(__file__).resolve().parents[1]


def raw_modules(model: Model) -> dict[str, str]:
    """Rendered, unformatted Python: the SDK's builders and models."""
    raw = render_sdk(model, SdkOptions(), model_names(model.types))
    raw.update({f"models/{name}": text for name, text in render_models(model.types).items()})
    return {p: t for p, t in raw.items() if p.endswith(".py")}


def spread(text: str) -> str:
    """Formatted code with every run of empty lines made four: black must take some out."""
    return re.sub(r"\n(\s*\n)+", "\n\n\n\n\n", text)


def assert_same_as_black(texts: dict[str, str]) -> None:
    for path, text in texts.items():
        assert format_python(text) == black.format_str(text, mode=BLACK_MODE), path


def test_pieces_cut_before_definitions_with_their_decorators_and_comments() -> None:
    text = (
        '"""Doc."""\nimport x\nY = 1\n# about A\n@dataclass\nclass A:\n    pass\n'
        "def f():\n    return 1\nZ = 2\nW = 3\n"
    ).replace("\n", "\n\n\n")
    assert [p.strip() for p in pieces(text)] == [
        '"""Doc."""\n\n\nimport x\n\n\nY = 1\n\n\n# about A',
        "@dataclass\n\n\nclass A:\n\n\n    pass",
        "def f():\n\n\n    return 1",
        "Z = 2\n\n\nW = 3",
    ]
    assert "".join(pieces(text)) == text
    assert pieces("def broken(:\n") == ["def broken(:\n"]
    assert len(pieces("class A: ...\nclass B: ...\n")) == 1  # black may keep these close
    attached = pieces("X = 1\n\n\n# about f\ndef f(): ...\n")
    assert attached == ["X = 1\n\n\n", "# about f\ndef f(): ...\n"]


def test_every_generated_file_is_formatted_as_black_formats_it_whole() -> None:
    model = read_docs([ROOT / "input_docs"])
    assert_same_as_black(raw_modules(model))
    plan = build_plan(model, BuildOptions())
    python = {p: t for p, t in plan.items() if p.endswith(".py")}
    assert len(python) > 20
    assert_same_as_black({p: spread(t) for p, t in python.items()})
    assert finish_all(python) == python  # the plan is black-stable


def test_invalid_python_is_refused() -> None:
    with pytest.raises(black.InvalidInput):
        finish_all({"x.py": "def f(:\n    pass\n"})
    with pytest.raises(SyntaxError):
        finish_all({"x.py": "def f(a, a):\n    pass\n"})  # parses, does not compile


@pytest.mark.corpus
def test_the_corpus_sdk_is_formatted_as_black_formats_it_whole(corpus_model: Model) -> None:
    raw = raw_modules(corpus_model)
    big = dict(sorted(raw.items(), key=lambda kv: -len(kv[1]))[:3])  # the three largest
    assert_same_as_black(big)
