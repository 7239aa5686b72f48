"""Pass rate of the generated example tests on a doc set, with the failures explained.

    .venv/bin/python scripts/suite_pass_rate.py [CORPUS] [-o OUT]

Reads the doc set once (default: the shared Graph v1.0 corpus next to the repository),
writes everything ``docs2code build`` generates to OUT (default: a new temporary folder),
runs the generated suite there with pytest (``pytest -q -p no:cacheprovider OUT/tests``)
and lints the same model.  Prints, as Markdown: the outcome counts; each failure's
category (from its message) with the lint codes on that example's lines that explain it
(``CATEGORIES``: e.g. DC505 or DC305 for a body the SDK or the stub rejects); the
failures by explaining code, and how many no finding explains; each failure; and the
reasons for the skips (and for expected failures, if any).
tests/suite/test_corpus_suite.py asserts that no failure is unexplained.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.model import Model
from generator.pipeline.plan import build_plan
from generator.read import read_docs
from generator.render.options import BuildOptions

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "graph-v1.0"

# (category, pattern over the first line of the failure message, lint codes that explain
# it when reported on the example's lines), first match wins.  A failure is explained when
# the linter reports one of its category's codes on the example (request and response).
BODY_CODES = frozenset({"DC305", "DC505"})  # a body that is not JSON, or contradicts types
CATEGORIES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("the SDK's model rejects the documented response body", r"ValidationError", BODY_CODES),
    # the SDK's DecodeError (issue 24), chained to json's JSONDecodeError
    (
        "the documented response body is not JSON",
        r"JSONDecodeError|DecodeError: .*is not JSON",
        BODY_CODES,
    ),
    (
        "the stub has no route for the URL the client sends (404/405)",
        r": 40[45] from ",
        frozenset({"DC301", "DC302"}),
    ),
    ("the stub refuses the documented request body (400)", r": 400 from ", BODY_CODES),
    ("the stub answers with another status", r": \d{3} from ", frozenset({"DC306"})),
    ("the stub answers with another example's body", r"^(AssertionError: )?assert ", BODY_CODES),
    # a page's example answers the call with one object (``"value": {...}``) where the
    # page that speaks for the endpoint returns a collection; DC503 reports the ``value``
    # the example's own type does not have
    (
        "the documented response body is not the collection the call returns",
        r"not a collection body",
        BODY_CODES | {"DC503"},
    ),
)


def outcomes(junit: Path) -> dict[str, tuple[str, str]]:
    """Test name -> (outcome, first line of its message)."""
    found: dict[str, tuple[str, str]] = {}
    for case in ET.parse(junit).iter("testcase"):
        name = case.get("name", "")
        outcome, message = "passed", ""
        for tag in ("failure", "error", "skipped"):
            node = case.find(tag)
            if node is not None:
                message = (node.get("message") or "").split("\n")[0]
                outcome = {"failure": "failed", "skipped": "skipped"}.get(tag, tag)
                if node.get("type") == "pytest.xfail":
                    outcome = "xfailed"
                break
        found[name.removeprefix("test_")] = (outcome, message)
    return found


def category(message: str) -> tuple[str, frozenset[str]]:
    """The failure's category and the lint codes that explain it."""
    return next(((c, r) for c, p, r in CATEGORIES if re.search(p, message)), ("other", frozenset()))


def explaining_codes(message: str, codes: set[str]) -> set[str]:
    """Of the codes reported on a failing example's lines, those that explain it."""
    return codes & category(message)[1]


def findings_by_line(model: Model) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for d in lint(model, RULES, LintConfig()).findings:
        found[d.span.file].append((d.span.line, d.code))
    return found


def report(examples: dict[str, Any], results: dict[str, tuple[str, str]], model: Model) -> str:
    counts = Counter(outcome for outcome, _ in results.values())
    total = sum(counts.values())
    ran = counts["passed"] + counts["failed"] + counts["error"]
    lines = [
        f"Examples: {total}; passed {counts['passed']}, failed {counts['failed']}, "
        f"errors {counts['error']}, expected failures {counts['xfailed']}, "
        f"skipped {counts['skipped']}.",
        "",
        f"Pass rate: {counts['passed'] / total:.1%} of all examples, "
        f"{counts['passed'] / max(ran, 1):.1%} of those that run (not skipped).",
        "",
        "| Failure category | Tests | Explained by (lint codes on those examples) |",
        "|---|---:|---|",
    ]
    lint_lines = findings_by_line(model)
    by_category: dict[str, list[tuple[str, set[str], set[str]]]] = defaultdict(list)
    by_code: Counter[str] = Counter()
    for key, (outcome, message) in sorted(results.items()):
        if outcome not in ("failed", "error"):
            continue
        ex = examples[key]
        first, last = ex["lines"]
        here = {c for line, c in lint_lines.get(ex["page"], []) if first <= line <= last}
        explaining = explaining_codes(message, here)
        by_category[category(message)[0]].append((key, explaining, here))
        by_code.update(explaining or {"none"})
    ranked = sorted(by_category.items(), key=lambda kv: -len(kv[1]))
    for cat, found in ranked:
        codes = Counter(c for _, explaining, _ in found for c in explaining or {"none"})
        shown = ", ".join(f"{c} ({n})" for c, n in sorted(codes.items()))
        lines.append(f"| {cat} | {len(found)} | {shown} |")
    failures = counts["failed"] + counts["error"]
    lines += ["", "| Lint code explaining the failure | Tests |", "|---|---:|"]
    lines += [f"| {code} | {n} |" for code, n in sorted(by_code.items())]
    lines += [
        "",
        f"Failures explained by a lint finding on the example: {failures - by_code['none']}; "
        f"unexplained: {by_code['none']}.  (A test counts once per code it is explained by.)",
        "",
        "Failures:",
        "",
    ]
    for cat, found in ranked:
        for key, explaining, here in found:
            ex = examples[key]
            shown = ", ".join(sorted(explaining)) or "none"
            other = ", ".join(sorted(here - explaining))
            also = f" (also {other})" if other else ""
            lines.append(f"- {ex['page']}:{ex['line']} `{key}` {cat}; explained by: {shown}{also}")
    for outcome in ("xfailed", "skipped"):
        if not counts[outcome]:
            continue
        reasons = Counter(_reason(m) for o, m in results.values() if o == outcome)
        lines += ["", f"{outcome.capitalize()} ({counts[outcome]}):", ""]
        lines += [f"- {n} {reason}" for reason, n in reasons.most_common()]
    return "\n".join(lines)


def _reason(message: str) -> str:
    """A skip or xfail message without the example-specific part."""
    message = message.removeprefix("xfail").strip(" :")
    message = re.sub(r"request line: (DC\d+).*", r"request line: \1 ...", message)
    return re.sub(r"goes to [^,\s]+", "goes to another host", message)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT.resolve())
    parser.add_argument("-o", "--output", type=Path, help="build folder [default: a temp folder]")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    out: Path = args.output or Path(tempfile.mkdtemp(prefix="suite_pass_rate_"))
    start = time.perf_counter()
    model = read_docs([args.corpus])
    for rel, text in build_plan(model, BuildOptions()).items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    built = time.perf_counter() - start
    junit = out / "suite-junit.xml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            "tests",
        ],
        cwd=out,
        capture_output=True,
        check=False,
    )
    examples = json.loads((out / "tests" / "examples.json").read_text(encoding="utf-8"))
    print(report(examples["examples"], outcomes(junit), model))
    print(f"\nBuilt in {built:.0f} s, tested in {time.perf_counter() - start - built:.0f} s: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
