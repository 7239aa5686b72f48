"""Run every stage on a doc folder in process and say what broke, as values.

The stages are called the way the commands call them, but rules one by one, so that an
exception in a rule is seen here even where the lint engine would turn it into a finding.
A :class:`Problem` is a bug in docs2code, never a finding about the docs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings

from generator.faults import RenderError
from generator.lint.config import LintConfig
from generator.lint.context import LintContext
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.read import read_docs
from generator.render.options import BuildOptions
from generator.serialize import model_to_json

# Hypothesis settings of the default run: replayed as is (derandomized), never shrunk
# (shrinking a build takes minutes); the `fuzz` runs raise max_examples.
QUICK = settings(
    max_examples=20,
    phases=(Phase.explicit, Phase.generate),
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

INTERNAL_READER_CODES = ("DC000",)  # a page the reader gave up on because of a bug
INTERNAL_LINT_CODES = ("DC902",)  # a rule that crashed on a page


@dataclass(frozen=True, slots=True)
class Problem:
    stage: str  # "read", "model", "lint DC505", "build", "compile", "json"
    where: str  # a page or generated file
    error: str  # exception type and message

    @property
    def kind(self) -> str:
        """What groups problems in a report: stage and exception type."""
        return f"{self.stage}: {self.error.split(':', 1)[0]}"


class MemoryFormatCache:
    """Black's output by input, kept for one process: unchanged files format once."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def lookup(self, text: str) -> str | None:
        return self.texts.get(text)

    def store(self, text: str, formatted: str) -> None:
        self.texts[text] = formatted


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def check_docs(
    root: Path, cache: MemoryFormatCache | None = None, build: bool = True
) -> tuple[list[Problem], dict[str, str]]:
    """Read, serialize, lint (each rule, then the engine) and plan the build of the doc
    folder ``root``; compile every generated ``.py`` and parse every ``.json``.  Returns
    the problems and the plan (empty when it was not made)."""
    try:
        model = read_docs([root], jobs=1)
    except Exception as exc:
        return [Problem("read", str(root), _error(exc))], {}
    problems = [
        Problem("read", d.span.file, d.message)
        for d in model.diagnostics
        if d.code in INTERNAL_READER_CODES
    ]
    problems += _model_json(model)
    problems += _lint(model)
    if not build:
        return problems, {}
    try:
        plan = build_plan(model, BuildOptions(), cache)
    except RenderError as exc:
        return [*problems, *(Problem("build", f.what, f.error) for f in exc.failures)], {}
    except Exception as exc:
        return [*problems, Problem("build", str(root), _error(exc))], {}
    return problems + generated_problems(plan), plan


def _model_json(model: Model) -> list[Problem]:
    try:
        strict_json(model_to_json(model))
    except Exception as exc:
        return [Problem("model", "model.json", _error(exc))]
    return []


def _lint(model: Model) -> list[Problem]:
    problems: list[Problem] = []
    ctx = LintContext(model)
    for rule in RULES:
        try:
            list(rule.check(ctx))
        except Exception as exc:
            where = ", ".join(sorted({p.path for p in model.pages})[:3])
            problems.append(Problem(f"lint {rule.code}", where, _error(exc)))
    try:
        result = lint(model, RULES, LintConfig())
    except Exception as exc:
        return [*problems, Problem("lint engine", "", _error(exc))]
    problems += [
        Problem("lint engine", f"{d.span.file}:{d.span.line}", d.message)
        for d in result.findings
        if d.code in INTERNAL_LINT_CODES
    ]
    return problems


def generated_problems(plan: dict[str, str]) -> list[Problem]:
    """Generated Python that does not compile, generated JSON that is not strict JSON."""
    problems: list[Problem] = []
    for path, text in plan.items():
        try:
            if path.endswith(".py"):
                compile(text, path, "exec", dont_inherit=True)
            elif path.endswith(".json"):
                strict_json(text)
        except Exception as exc:  # SyntaxError, RecursionError, MemoryError's cousins
            stage = "compile" if path.endswith(".py") else "json"
            problems.append(Problem(stage, path, _error(exc)))
    return problems


def strict_json(text: str) -> object:
    """``json.loads`` that refuses ``NaN`` and ``Infinity``, which other tools cannot read."""

    def refuse(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)
