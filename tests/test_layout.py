"""The folder tree is the design: parser -> model -> renderers and checks -> output; the
commands on top.  These tests keep the packages' boundaries where docs/architecture.md
says they are."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import generator.read

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
PARSER_MODULES = {p.stem for p in (PACKAGE / "read").glob("*.py")} - {"__init__"}
RENDERERS = ("generator.sdk", "generator.stubs", "generator.suite", "generator.openapi")
CONDUCTORS = ("generator.pipeline", "generator.cache", "generator.cli")  # what runs a build


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every module ``path`` imports, ``from X import y`` as
    ``X.y`` too, so that importing a submodule by name is seen."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def modules(under: Path = PACKAGE) -> list[Path]:
    return sorted(under.rglob("*.py"))


def test_the_parser_is_imported_only_through_its_face() -> None:
    inside = PACKAGE / "read"
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in modules()
        if inside not in path.parents
        for line, name in imports(path)
        if name.startswith("generator.read.") and name.split(".")[2] in PARSER_MODULES
    ]
    assert offences == []


def test_the_face_exports_what_it_lists() -> None:
    face = generator.read
    for name in face.__all__:  # the reader proper is imported on first use
        getattr(face, name)
    assert sorted(face.__all__) == sorted(
        n for n in vars(face) if not n.startswith("_") and n not in PARSER_MODULES
    )


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        # the parser fills the model; it knows nothing of what reads the model
        (
            "read",
            (
                "generator.sdk",
                "generator.stubs",
                "generator.suite",
                "generator.lint",
                "generator.diff",
                "generator.output",
                "generator.cache",
                "generator.cli",
                "generator.render",
                "generator.openapi",
            ),
        ),
        # the renderers' toolbox (templates, black) uses none of them, nor what runs them
        ("render", (*RENDERERS, *CONDUCTORS, "generator.lint", "generator.diff")),
        # renderers and checks only read the model; none runs a command or a build
        ("sdk", (*CONDUCTORS, "generator.read", "generator.lint", "generator.diff")),
        ("stubs", (*CONDUCTORS, "generator.read", "generator.lint", "generator.diff")),
        ("suite", (*CONDUCTORS, "generator.read", "generator.diff")),
        (
            "openapi",
            (
                *CONDUCTORS,
                "generator.read",
                "generator.lint",
                "generator.diff",
                "generator.render",
                "generator.sdk",
                "generator.stubs",
                "generator.suite",
            ),
        ),
        ("lint", (*CONDUCTORS, "generator.sdk", "generator.stubs", "generator.suite")),
        (
            "diff",
            (
                *CONDUCTORS,
                "generator.render",
                "generator.sdk",
                "generator.stubs",
                "generator.suite",
            ),
        ),
        # the cache is a store the pipeline consults: it neither renders nor builds
        (
            "cache",
            (
                *RENDERERS,
                "generator.pipeline",
                "generator.cli",
                "generator.render",
                "generator.lint",
            ),
        ),
        # the pipeline runs builds; the commands run it
        # (a lint run through the cache is a pipeline too: generator/pipeline/lint.py)
        ("pipeline", ("generator.cli", "generator.diff")),
        ("output", ("generator.cli", "generator.read", "generator.render", "generator.sdk")),
    ],
)
def test_packages_depend_only_downwards(package: str, forbidden: tuple[str, ...]) -> None:
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in modules(PACKAGE / package)
        for line, name in imports(path)
        if name.startswith(forbidden)
    ]
    assert offences == []


def test_the_test_renderer_reads_the_model_not_the_linter() -> None:
    """Generated tests word their skip reasons from what the reader recorded on the
    request line (``ExampleRequest.defects``, ``foreign``), never by running lint."""
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in modules(PACKAGE / "suite")
        for line, name in imports(path)
        if name == "generator.lint" or name.startswith("generator.lint.")
    ]
    assert offences == []


def test_the_model_imports_nothing_of_the_tool() -> None:
    names = [name for _, name in imports(PACKAGE / "model.py")]
    assert not [n for n in names if n.startswith("generator")]


def test_commands_import_only_what_they_run() -> None:
    """A build whose plan is in the cache must not pay for the parser, black, Jinja or
    the renderers; importing the command line loads none of them."""
    code = (
        "import sys, generator.cli, generator.cli.build\n"
        "heavy = ('markdown_it', 'black', 'jinja2', 'yaml', 'generator.pipeline.plan',"
        " 'generator.sdk', 'generator.stubs', 'generator.suite', 'generator.openapi',"
        " 'generator.lint.registry')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_exit_codes_are_defined_and_used_in_one_place() -> None:
    """``generator/exits.py`` defines the exit codes and ends the process; no other module
    defines an ``EXIT_*`` constant, calls ``sys.exit`` or raises ``SystemExit`` with a
    number of its own."""
    offences = []
    for path in modules():
        if path == PACKAGE / "exits.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                if node.id.startswith("EXIT_"):
                    offences.append(f"{where}: defines {node.id}")
            elif isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                literal = any(
                    isinstance(a, ast.Constant) and isinstance(a.value, int) for a in node.args
                )
                if name in ("sys.exit", "exit") or (name == "SystemExit" and literal):
                    offences.append(f"{where}: {ast.unparse(node)}")
    assert offences == []
