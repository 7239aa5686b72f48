"""docs2code as a package that installs: its sdist and wheel carry everything a command
reads at run time (the templates, the schema), and the wheel, installed with its
dependencies in a fresh virtualenv and run from outside the checkout, builds exactly
the committed ``generated/`` folder, whose SDK then builds as a wheel and imports.

And the black shortcut as a declared contract (generator.render.stable): it is used only
with the black release it follows; with another one (black 24.10.0, the oldest
pyproject.toml allows) every piece is formatted by black and the build still works.

The venvs get the dependency versions of the environment running the tests (pip
constraints), so that the installed wheel renders with the same black and Jinja as the
checkout that made ``generated/``.  Needs the network (PyPI) or a warm pip cache.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import black
import pytest

from generator.render import formatting, stable

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
INPUT = ROOT / "input_docs"
GOLDEN_LINT = ROOT / "tests" / "golden" / "lint-input_docs.txt"
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "generator", "templates")
"""What the sdist is built from (copied, so that no build/ lands in the checkout)."""
RUNTIME_FILES = (
    "generator/py.typed",
    "generator/schema/model.schema.json",
    "generator/templates/sdk/models_init.py.jinja",
    "generator/templates/sdk/_models_base.py",
    "generator/templates/sdk/_runtime.py",
    "generator/templates/stubs/app.py",
    "generator/templates/suite/test_module.py.jinja",
)
OLD_BLACK = "24.10.0"
QUIET = ("--disable-pip-version-check", "-q")


# --- helpers -------------------------------------------------------------------------------


def run(args: Sequence[str | Path], cwd: Path, ok: Sequence[int] = (0,), **env: str) -> str:
    """Run a command outside the checkout's environment; its stdout."""
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**environ, **env},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode in ok, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def pip(python: Path, *args: str | Path, cwd: Path) -> str:
    """This environment's pip working on another interpreter's environment (``--python``),
    so that the test venvs need no pip of their own."""
    return run([sys.executable, "-m", "pip", "--python", python, *args, *QUIET], cwd)


def build_wheel(source: Path, into: Path, name: str) -> Path:
    """pip's wheel of ``source`` (a folder or an sdist), in ``into``."""
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *QUIET, source, "-w", into], into.parent
    )
    (built,) = into.glob(f"{name}-*.whl")
    return built


def new_venv(folder: Path) -> Path:
    """A fresh virtualenv without pip; its python."""
    run([sys.executable, "-m", "venv", "--without-pip", folder], folder.parent)
    return folder / "bin" / "python"


def constraints(folder: Path, leave_out: Sequence[str] = ()) -> Path:
    """Every distribution of the running environment at its version, as pip constraints."""
    skip = {"docs2code", *leave_out}
    lines = sorted(
        {
            f"{name}=={dist.version}"
            for dist in importlib.metadata.distributions()
            if (name := dist.metadata["Name"]) and name.lower() not in skip
        }
    )
    path = folder / "constraints.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def files(root: Path, leave_out: Sequence[str] = ()) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.name not in leave_out
    }


def assert_same_files(built: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(built) == sorted(expected)
    differ = [rel for rel in expected if built[rel] != expected[rel]]
    assert not differ, f"differ from generated/: {differ}"


# --- the packages --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs2code's wheel, built by pip from the sdist, itself built by the build backend
    pyproject.toml declares (as ``python -m build`` does)."""
    tmp = tmp_path_factory.mktemp("dist")
    src = tmp / "src"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, src / name, ignore=ignore)
        else:
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    backend = new_venv(tmp / "backend")
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["build-system"]
    pip(backend, "install", *requires["requires"], cwd=tmp)
    hook = f"from setuptools import build_meta as b; print(b.build_sdist({str(tmp)!r}))"
    sdist = Path(run([backend, "-c", hook], src).splitlines()[-1])
    with tarfile.open(tmp / sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert {"setup.py", "templates/sdk/models_module.py.jinja", "templates/stubs/app.py"} <= names
    return build_wheel(tmp / sdist, tmp, "docs2code")


def test_the_wheel_carries_what_commands_read(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    templates = ROOT / "templates"
    expected = {
        f"generator/templates/{p.relative_to(templates).as_posix()}"
        for p in templates.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected <= names
    assert set(RUNTIME_FILES) <= names
    assert not any(n.startswith("templates/") for n in names)  # inside the package only


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel (not the checkout) and its dependencies; its bin."""
    tmp = tmp_path_factory.mktemp("venv")
    python = new_venv(tmp / "venv")
    pip(python, "install", "-c", constraints(tmp), wheel, cwd=tmp)
    return python.parent


@pytest.fixture(scope="module")
def work(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the checkout holding a copy of input_docs/."""
    tmp = tmp_path_factory.mktemp("work")
    shutil.copytree(INPUT, tmp / "input_docs")
    return tmp


@pytest.fixture(scope="module")
def built(venv: Path, work: Path) -> Path:
    """``docs2code build`` of input_docs by the installed wheel."""
    run([venv / "docs2code", "build", "input_docs", "-o", "out"], work)
    return work / "out"


def test_installed_commands_run_from_the_installed_package(venv: Path, work: Path) -> None:
    version = run([venv / "docs2code", "--version"], work)
    assert importlib.metadata.version("docs2code") in version
    where = run(
        [venv / "python", "-c", "import generator.render as r; print(r.__file__, r.BUILTIN)"],
        work,
    ).split()
    site = venv.parent / "lib"
    assert all(Path(w).is_relative_to(site) for w in where), where
    assert run([venv / "docs2code", "lint", "--explain", "DC601"], work).strip()


def test_installed_model_is_generated_model(venv: Path, work: Path) -> None:
    run([venv / "docs2code", "model", "input_docs", "-o", "model.json"], work, ok=(0, 1))
    assert (work / "model.json").read_bytes() == (GENERATED / "model.json").read_bytes()


def test_installed_lint_is_golden(venv: Path, work: Path) -> None:
    found = run([venv / "docs2code", "lint", "input_docs"], work, ok=(0, 1))
    assert found == GOLDEN_LINT.read_text(encoding="utf-8")


def test_installed_build_is_generated(built: Path) -> None:
    assert_same_files(files(built), files(GENERATED, leave_out=["model.json"]))


def test_installed_openapi_is_generated(venv: Path, work: Path) -> None:
    run([venv / "docs2code", "openapi", "input_docs", "-o", "openapi.json"], work)
    assert (work / "openapi.json").read_bytes() == (GENERATED / "openapi.json").read_bytes()


def test_generated_packages_install_and_import(venv: Path, built: Path, work: Path) -> None:
    """The SDK and the stub server build as wheels, install, and import from the venv
    (not from the build folder)."""
    python = venv / "python"
    wheels = work / "generated-wheels"
    sdk = build_wheel(built / "sdk", wheels, "docs2code_sdk")
    stubs = build_wheel(built / "stubs", wheels, "docs2code_stubs")
    pip(python, "install", "-c", constraints(work), sdk, stubs, cwd=work)
    check = (
        "import docs2code_sdk, docs2code_sdk.models, docs2code_stubs, importlib.resources as r;"
        "from docs2code_sdk.models import ListItemVersion as V;"
        "assert V.__module__ == 'docs2code_sdk.models.list_item_version';"
        "assert r.files('docs2code_stubs').joinpath('stubs.json').is_file();"
        "print(docs2code_sdk.__file__); print(docs2code_stubs.__file__)"
    )
    for where in run([python, "-c", check], work).split():
        assert Path(where).is_relative_to(venv.parent / "lib")


def test_build_with_another_black_formats_every_piece(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """With black 24.10.0 the shortcut is off (its private modules are not even imported)
    and the build works: black formats every piece, and every file compiles."""
    tmp = tmp_path_factory.mktemp("old-black")
    python = new_venv(tmp / "venv")
    pinned = constraints(tmp, leave_out=["black"])
    pip(python, "install", "-c", pinned, wheel, f"black=={OLD_BLACK}", cwd=tmp)
    probe = (
        "import sys, black; from generator.render import formatting, stable;"
        "assert formatting.format_python('x = ( 1, )') == 'x = (1,)\\n';"
        "print(black.__version__, stable.active_proof(),"
        " 'generator.render.stable.proof' in sys.modules)"
    )
    assert run([python, "-c", probe], tmp).split() == [OLD_BLACK, "None", "False"]
    shutil.copytree(INPUT, tmp / "input_docs")
    run([python.parent / "docs2code", "build", "input_docs", "-o", "out"], tmp)
    assert len(list((tmp / "out").rglob("*.py"))) > 20
    run([python, "-m", "compileall", "-q", "out"], tmp)


# --- the gate, in this environment ---------------------------------------------------------


@pytest.fixture
def fresh_gate() -> Iterator[None]:
    stable.active_proof.cache_clear()
    yield
    stable.active_proof.cache_clear()


@pytest.mark.usefixtures("fresh_gate")
def test_gate_takes_black_for_a_release_it_does_not_follow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(black, "__version__", OLD_BLACK)
    formatted: list[str] = []
    format_str = black.format_str

    def counted(text: str, *, mode: black.Mode) -> str:
        formatted.append(text)
        return format_str(text, mode=mode)

    monkeypatch.setattr(black, "format_str", counted)
    assert stable.active_proof() is None
    assert not stable.unchanged("x = 1\n")
    assert formatting.format_piece("x = 1") == "x = 1"
    assert formatted == ["x = 1\n"]  # black ran, though the piece was already its own


@pytest.mark.usefixtures("fresh_gate")
def test_gate_takes_the_shortcut_for_the_release_it_follows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(black, "__version__", stable.FOLLOWS)
    monkeypatch.setattr(black, "format_str", None)  # not called
    assert stable.active_proof() is not None
    assert stable.unchanged("x = 1\n")
    assert formatting.format_piece("x = 1") == "x = 1"


def test_gate_is_off_when_the_proof_does_not_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "generator.render.stable.proof", None)  # ImportError
    assert stable.proof_for(stable.FOLLOWS) is None
    assert stable.proof_for("0.0") is None


def test_dev_environment_has_the_followed_black() -> None:
    """generated/ and the tests assume the shortcut is on (pyproject's dev extra pins it)."""
    assert getattr(black, "__version__", None) == stable.FOLLOWS
