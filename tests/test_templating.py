"""``--templates DIR``: a file there replaces the built-in template of the same name."""

from __future__ import annotations

from pathlib import Path

from generator.model import Model
from generator.read.docs import read_docs
from generator.render import BUILTIN, override_problems
from generator.render.templating import template_environment
from generator.sdk.plan import sdk_plan
from generator.sdk.render import SdkOptions
from generator.stubs.render import render_stubs

ROOT = Path(__file__).resolve().parents[1]


def model() -> Model:
    return read_docs([ROOT / "input_docs" / "api" / "driveitemversion-get.md"])


def test_an_override_replaces_only_its_own_template(tmp_path: Path) -> None:
    (tmp_path / "sdk").mkdir()
    (tmp_path / "sdk" / "pyproject.toml.jinja").write_text(
        "# custom for {{ package }}\n", encoding="utf-8"
    )
    (tmp_path / "sdk" / "_runtime.py").write_text(  # static: copied, not rendered
        '"""Runtime of {{ package }}."""\nX = 1\n', encoding="utf-8"
    )
    doc_model = model()
    default = sdk_plan(doc_model, SdkOptions())
    custom = sdk_plan(doc_model, SdkOptions(templates=tmp_path))
    assert custom["pyproject.toml"] == "# custom for docs2code_sdk\n"
    assert custom["docs2code_sdk/_runtime.py"] == '"""Runtime of {{ package }}."""\n\nX = 1\n'
    changed = {p for p in default if default[p] != custom[p]}
    assert changed == {"pyproject.toml", "docs2code_sdk/_runtime.py"}


def test_a_missing_override_falls_back_to_the_built_in_template(tmp_path: Path) -> None:
    doc_model = model()
    assert sdk_plan(doc_model, SdkOptions(templates=tmp_path)) == sdk_plan(doc_model, SdkOptions())
    empty = tmp_path / "nothing-here"
    assert render_stubs(doc_model, templates=empty) == render_stubs(doc_model)


def test_overrides_reach_macros_and_the_stubs(tmp_path: Path) -> None:
    (tmp_path / "stubs").mkdir()
    (tmp_path / "stubs" / "package_init.py.jinja").write_text(
        '"""Stubs: {{ package }}."""\n', encoding="utf-8"
    )
    stubs = render_stubs(model(), templates=tmp_path)
    assert stubs["docs2code_stubs/__init__.py"] == '"""Stubs: docs2code_stubs."""\n'
    (tmp_path / "sdk").mkdir()
    (tmp_path / "sdk" / "_macros.jinja").write_text(
        "{% macro member(m) %}{% endmacro %}{% macro operation(op) %}OVERRIDDEN{% endmacro %}",
        encoding="utf-8",
    )
    env = template_environment(BUILTIN / "sdk", tmp_path)
    assert (
        "OVERRIDDEN"
        in env.from_string('{% from "_macros.jinja" import operation %}{{ operation(1) }}').render()
    )


def test_problems_name_files_that_override_nothing(tmp_path: Path) -> None:
    (tmp_path / "sdk").mkdir()
    (tmp_path / "sdk" / "models_module.py.jinja").write_text("", encoding="utf-8")
    (tmp_path / "sdk" / "modles.py.jinja").write_text("", encoding="utf-8")
    assert override_problems(tmp_path) == [
        f"{tmp_path / 'sdk' / 'modles.py.jinja'}: no built-in template sdk/modles.py.jinja "
        "to override"
    ]
    assert override_problems(tmp_path / "absent") == [f"{tmp_path / 'absent'}: not a folder"]
