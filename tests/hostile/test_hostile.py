"""The hostile doc set (tests/hostile/docs, one small page per case; see README.md there):
every command gets through it with findings, never an internal error; the findings are
the pinned ones; the generated code compiles, imports and runs its tests without creating
a file anywhere.  Cases too big or too system-specific to commit (a huge page, symbolic
links) are made here in tmp_path.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.pipeline.plan import build_plan
from generator.read import read_docs
from generator.render.options import BuildOptions
from tests.packages import imported, write_plan

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
PINNED = HERE / "expected-lint.txt"
DOCS_ARG = DOCS.relative_to(ROOT).as_posix()  # as the pinned findings name the pages


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("at_root")
def test_lint_reports_the_pinned_findings_and_no_internal_error() -> None:
    """Regenerate with ``.venv/bin/docs2code lint tests/hostile/docs >
    tests/hostile/expected-lint.txt`` from the repository root, and review the diff."""
    result = run("lint", DOCS_ARG)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == PINNED.read_text(encoding="utf-8")
    assert "internal error" not in result.output


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_lint_in_every_format(fmt: str) -> None:
    """Exit 1: findings; a rule that crashed (DC902) would make it 2."""
    result = run("lint", DOCS_ARG, "--format", fmt)
    assert result.exit_code == 1, result.stderr
    assert "DC016" in result.stdout


def test_model_and_build_exit_0_or_1(tmp_path: Path) -> None:
    model = run("model", str(DOCS), "-o", str(tmp_path / "model.json"))
    assert model.exit_code in (0, 1), model.output
    assert "internal error" not in model.output
    build = run("build", str(DOCS), "-o", str(tmp_path / "out"))
    assert build.exit_code in (0, 1), build.output
    assert "internal error" not in build.output
    assert (tmp_path / "out" / "sdk" / "docs2code_sdk" / "models" / "__init__.py").is_file()


@pytest.fixture(scope="module")
def plan() -> dict[str, str]:
    return build_plan(read_docs([DOCS]), BuildOptions())


def test_every_generated_python_file_compiles(plan: dict[str, str]) -> None:
    sources = {path: text for path, text in plan.items() if path.endswith(".py")}
    assert len(sources) > 10
    for path, text in sources.items():
        compile(text, path, "exec", dont_inherit=True)


def test_no_doc_text_becomes_code(plan: dict[str, str]) -> None:
    """The pages put ``__import__("os").system(...)`` in every name slot: it reaches the
    generated code only inside string literals, never as a call."""
    for path, text in plan.items():
        if not path.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call):
                func = node.func
                assert not (isinstance(func, ast.Name) and func.id == "__import__"), path
                assert not (isinstance(func, ast.Attribute) and func.attr == "system"), path


def test_client_members_never_shadow_its_own_methods(plan: dict[str, str], tmp_path: Path) -> None:
    """``GET /request/...`` must not replace ``client.request``, the escape hatch."""
    out = write_plan(plan, tmp_path)
    with imported("docs2code_sdk", out / "sdk") as sdk:
        client = sdk.Client()
        assert callable(client.request) and not hasattr(client.request, "core")
        node = client.request_.core.self_.class_
        assert node.path == "/request/_core/self/class"


def snapshot(*folders: Path) -> set[Path]:
    return {p for folder in folders for p in folder.rglob("*")}


def test_generated_packages_import_and_test_without_creating_files(
    plan: dict[str, str], tmp_path: Path
) -> None:
    out = write_plan(plan, tmp_path / "out")
    home, tmp, cwd = (tmp_path / name for name in ("home", "tmp", "cwd"))
    for folder in (home, tmp, cwd):
        folder.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join([str(out / "sdk"), str(out / "stubs")]),
    }
    before = snapshot(out, home, tmp, cwd)
    imports = (
        "import importlib, docs2code_sdk, docs2code_sdk.models; "
        "docs2code_sdk.Client(); docs2code_sdk.AsyncClient(); "
        "print(len(importlib.import_module('docs2code_stubs.app').ROUTES))"
    )
    done = subprocess.run(
        [sys.executable, "-c", imports], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 5
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(out / "tests")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    # 1: some documented examples fail against the stub (they contradict their types);
    # 2 or more would be a collection or internal error.
    assert tests.returncode in (0, 1), tests.stdout[-3000:] + tests.stderr[-3000:]
    assert " passed" in tests.stdout
    assert snapshot(out, home, tmp, cwd) == before


# --- cases made at test time ------------------------------------------------------------------


def page(title: str, body: str = "") -> str:
    front = f'---\ntitle: "{title}"\ndescription: "{title}."\ndoc_type: apiPageType\n---\n'
    return f"{front}# {title}\n{body}"


@pytest.fixture
def linked(tmp_path: Path) -> Iterator[Path]:
    """A doc root with symbolic links: inside it, out of it (a file, a folder, the
    password file) and in a loop."""
    root, outside = tmp_path / "docs", tmp_path / "outside"
    (root / "api").mkdir(parents=True)
    outside.mkdir()
    (root / "api" / "real.md").write_text(page("Real page"), encoding="utf-8")
    secret = "TOP-SECRET-OUTSIDE-TEXT"
    (outside / "secret.md").write_text(page(secret, f"\n{secret}\n"), encoding="utf-8")
    (root / "api" / "inside.md").symlink_to(root / "api" / "real.md")
    (root / "api" / "out-file.md").symlink_to(outside / "secret.md")
    (root / "out-folder").symlink_to(outside, target_is_directory=True)
    if Path("/etc/passwd").is_file():
        (root / "api" / "passwd.md").symlink_to("/etc/passwd")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "api" / "self.md").symlink_to(root / "api" / "self.md")
    yield root


def test_symbolic_links_out_of_the_root_are_reported_and_not_followed(
    linked: Path, tmp_path: Path
) -> None:
    lint = run("lint", str(linked), "--format", "json")
    assert lint.exit_code == 1, lint.output
    assert "DC014" in lint.stdout
    model = run("model", str(linked))
    assert model.exit_code == 1, model.output
    assert "TOP-SECRET" not in model.stdout and "root:" not in model.stdout
    assert '"inside.md"' in model.stdout or "api/inside.md" in model.stdout
    build = run("build", str(linked), "-o", str(tmp_path / "out"))
    assert build.exit_code in (0, 1), build.output
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "TOP-SECRET" not in text and "/bin/bash" not in text, path


def test_a_huge_page_is_skipped_unread(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    huge = page("Huge page", "\n" + "|a|b|\n" * 5_000_000)  # 30 MB
    (root / "huge.md").write_text(huge, encoding="utf-8")
    (root / "small.md").write_text(page("Small page"), encoding="utf-8")
    for command in ("lint", "model"):
        result = run(command, str(root))
        assert result.exit_code == 1, result.output
        assert "DC015" in result.output
    build = run("build", str(root), "-o", str(tmp_path / "out"))
    assert build.exit_code in (0, 1), build.output
