"""``[tool.docs2code]``: every command's settings, found once, paths relative to the
settings file, every key checked, flags over settings over defaults."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cache import DEFAULT_CACHE_DIR
from generator.cli import main
from generator.cli.settings import (
    DEFAULT_DOCS,
    DEFAULT_OUTPUT,
    KEYS,
    Settings,
    SettingsError,
    find_settings,
    resolve,
)
from generator.lint.config import LintConfig
from generator.read import DEFAULT_LIMITS, Limits
from generator.render.options import DEFAULT_PACKAGE, BuildOptions
from generator.sdk.render import SdkOptions

PAGE = "---\ntitle: T\ndescription: D\n---\n\n# T\n"


def settings(tmp_path: Path, table: str) -> Settings:
    (tmp_path / "pyproject.toml").write_text(f"[tool.docs2code]\n{table}", encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    return find_settings(tmp_path / "docs")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_paths_are_relative_to_the_settings_file(tmp_path: Path) -> None:
    found = settings(
        tmp_path,
        'docs = ["docs", "more/docs"]\ntemplates = "tpl"\ncache_dir = ".c"\noutput = "out"\n'
        'package = "graph"\nmetadata = "m.xml"\ndocs_url = "https://x.example/"\n'
        '[tool.docs2code.lint]\nignore = ["DC405"]\n[tool.docs2code.limits]\ndepth = 9\n',
    )
    assert found.roots == (tmp_path / "docs", tmp_path / "more" / "docs")
    assert found.options == BuildOptions("graph", tmp_path / "tpl", "https://x.example/")
    assert (found.package, found.templates, found.docs_url) == (
        "graph",
        tmp_path / "tpl",
        "https://x.example/",
    )
    assert found.cache_dir == tmp_path / ".c"
    assert found.output == tmp_path / "out"
    assert found.metadata == (tmp_path / "m.xml",)
    assert found.lint.ignore == ("DC405",)
    assert found.lint.source == str(tmp_path / "pyproject.toml")
    assert found.limits == Limits(depth=9)
    assert found.source == tmp_path / "pyproject.toml"


def test_absent_keys_are_the_defaults(tmp_path: Path) -> None:
    found = settings(tmp_path, "")
    assert found == Settings(source=tmp_path / "pyproject.toml")
    assert Settings() == Settings(
        roots=(DEFAULT_DOCS,),
        output=DEFAULT_OUTPUT,
        options=BuildOptions(DEFAULT_PACKAGE),
        cache_dir=DEFAULT_CACHE_DIR,
        limits=DEFAULT_LIMITS,
        lint=LintConfig(),
        metadata=(),
        source=None,
    )


def test_the_default_package_is_defined_once() -> None:
    assert Settings().package == BuildOptions().package == SdkOptions().package == DEFAULT_PACKAGE


def test_docs2code_toml_uses_the_top_level(tmp_path: Path) -> None:
    (tmp_path / "docs2code.toml").write_text(
        'docs = ["d"]\n[lint]\nselect = ["DC1"]\n[limits]\ndepth = 5\n', encoding="utf-8"
    )
    found = find_settings(tmp_path)
    assert found.roots == (tmp_path / "d",)
    assert (found.lint.select, found.limits.depth) == (("DC1",), 5)


def test_flags_win_over_settings_over_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(tmp_path, 'package = "graph"\noutput = "out"\ndocs = ["docs"]\n')
    (tmp_path / "docs" / "a.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = resolve("build")
    assert (found.roots, found.output, found.package) == (
        (Path("docs"),),  # shown relative to the current folder
        tmp_path / "out",
        "graph",
    )
    flagged = resolve(
        "build",
        (Path("other"),),
        output=Path("o"),
        package="p",
        no_cache=True,
        docs_url="https://d.example/",
    )
    assert (flagged.roots, flagged.output, flagged.package, flagged.cache_dir) == (
        (Path("other"),),
        Path("o"),
        "p",
        None,
    )
    assert flagged.docs_url == "https://d.example/"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('docs = "docs"\n', "'docs' must be a list of folder names"),
        ("docs = [1]\n", "'docs' must be a list of folder names"),
        ("docs = []\n", "'docs' must name at least one folder"),
        ('docs = [""]\n', "'docs' must name at least one folder"),
        ("templates = 1\n", "'templates' must be a string, not 1"),
        ('templates = ""\n', "'templates' must name a folder"),
        ("cache_dir = true\n", "'cache_dir' must be a string, not True"),
        ('cache_dir = ""\n', "'cache_dir' must name a folder"),
        ("package = 3\n", "'package' must be a string, not 3"),
        ('package = "Not-Valid"\n', "'package' 'Not-Valid' is not a valid package name"),
        ("lint = 3\n", "[tool.docs2code.lint] must be a table"),
    ],
)
def test_bad_values_are_clear_errors(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)) as error:
        settings(tmp_path, table)
    assert str(tmp_path / "pyproject.toml") in str(error.value)


# --- unknown keys, at every level ------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('pakage = "x"\n', "unknown key 'pakage' in [tool.docs2code]; did you mean 'package'?"),
        ('doc = ["d"]\n', "unknown key 'doc' in [tool.docs2code]; did you mean 'docs'?"),
        (
            "cachedir = 'c'\n",
            "unknown key 'cachedir' in [tool.docs2code]; did you mean 'cache_dir'?",
        ),
        ("zzz = 1\n", "unknown key 'zzz' in [tool.docs2code]; known keys: " + ", ".join(KEYS)),
        (
            "[tool.docs2code.lint]\nignores = []\n",
            "unknown key 'ignores' in [tool.docs2code.lint]; did you mean 'ignore'?",
        ),
        (
            "[tool.docs2code.limits]\npages = 3\n",
            "unknown key 'pages' in [tool.docs2code.limits]; did you mean 'page_bytes'?",
        ),
        (
            "[tool.docs2code.limits]\ndeep = 3\n",
            "unknown key 'deep' in [tool.docs2code.limits]; did you mean 'depth'?",
        ),
    ],
)
def test_an_unknown_key_at_any_level_is_an_error(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(SettingsError) as error:
        settings(tmp_path, table)
    assert str(error.value) == f"{tmp_path / 'pyproject.toml'}: {message}"


def test_every_unknown_key_is_named_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "docs2code.toml").write_text(
        'pakage = "x"\n[lint]\nslect = []\n[limits]\ndepht = 3\n', encoding="utf-8"
    )
    with pytest.raises(SettingsError) as error:
        find_settings(tmp_path)
    toml = tmp_path / "docs2code.toml"
    assert str(error.value).splitlines() == [
        f"{toml}: unknown key 'pakage' in the top level; did you mean 'package'?",
        f"{toml}: unknown key 'slect' in [lint]; did you mean 'select'?",
        f"{toml}: unknown key 'depht' in [limits]; did you mean 'depth'?",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ("model",),
        ("openapi",),
        ("lint",),
        ("build", "--no-cache"),
        ("check", "--no-cache"),
        ("watch", "--no-cache"),
        ("serve",),
        ("diff", "docs", "docs"),
    ],
    ids=lambda c: c[0],
)
def test_a_misspelt_key_is_exit_2_for_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docs2code]\ndocs = ["docs"]\npakage = "graph"\n', encoding="utf-8"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"docs2code {command[0]}: {tmp_path / 'pyproject.toml'}: unknown key 'pakage' in "
        "[tool.docs2code]; did you mean 'package'?\n"
    )
    assert not (tmp_path / "generated").exists()


# --- found once, from the doc path as written ------------------------------------------


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose ``docs`` is a link to a folder elsewhere (no settings there)."""
    elsewhere = tmp_path / "elsewhere" / "docs"
    elsewhere.mkdir(parents=True)
    (elsewhere / "a.md").write_text("# No front matter\n", encoding="utf-8")  # one DC101
    project = tmp_path / "project"
    project.mkdir()
    (project / "docs").symlink_to(elsewhere, target_is_directory=True)
    (project / "pyproject.toml").write_text(
        '[tool.docs2code]\ndocs = ["docs"]\n[tool.docs2code.lint]\nignore = ["DC1"]\n'
        "[tool.docs2code.limits]\npage_bytes = 5\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    return project


@pytest.mark.parametrize("docs", [(), ("docs",), ("docs/",)])
def test_a_linked_docs_folder_finds_the_settings_beside_the_link(
    linked: Path, docs: tuple[str, ...]
) -> None:
    found = resolve("lint", tuple(map(Path, docs)))
    assert found.source == linked / "pyproject.toml"
    assert found.lint.ignore == ("DC1",)
    assert found.limits.page_bytes == 5
    lint = invoke("lint", "--format", "json", *docs)
    assert [f["code"] for f in json.loads(lint.stdout)["findings"]] == ["DC015"]
    model = invoke("model", *docs)
    assert [d["code"] for d in json.loads(model.stdout)["diagnostics"]] == ["DC015"]


def test_one_lint_run_reads_the_settings_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings(tmp_path, 'metadata = []\n[tool.docs2code.lint]\nignore = ["DC1"]\n')
    (tmp_path / "docs" / "a.md").write_text(PAGE, encoding="utf-8")
    reads: list[str] = []
    real = Path.read_text

    def counted(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "pyproject.toml":
            reads.append(os.fspath(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counted)
    result = invoke("lint", tmp_path / "docs")
    assert result.exit_code == 0, result.output
    assert reads == [str(tmp_path / "pyproject.toml")]
