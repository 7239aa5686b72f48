"""Findings per lint rule over a doc set, as a Markdown table.

    .venv/bin/python scripts/lint_counts.py [CORPUS]

Reads the doc set once (default: the shared Graph v1.0 corpus next to the repository),
runs every registered rule with the default configuration, and prints one row per rule:
code, name, severity, findings and the number of files they are in.  Rules with no
findings are listed too.  A rule whose findings are not all at its own severity
(DC302 reports raw blanks as warnings) shows the others after it.  Read and lint times
go last.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.read import read_docs

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "graph-v1.0"


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: python scripts/lint_counts.py [CORPUS]", file=sys.stderr)
        return 2
    corpus = Path(argv[0]) if argv else DEFAULT.resolve()
    if not corpus.exists():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    model = read_docs([corpus])
    read_time = time.perf_counter() - start
    start = time.perf_counter()
    result = lint(model, RULES, LintConfig())
    lint_time = time.perf_counter() - start

    findings = Counter(d.code for d in result.findings)
    files: dict[str, set[str]] = {}
    levels: dict[str, Counter[str]] = {}
    for d in result.findings:
        files.setdefault(d.code, set()).add(d.span.file)
        levels.setdefault(d.code, Counter())[d.severity.value] += 1
    shown = os.path.relpath(corpus) if corpus.is_absolute() else str(corpus)
    print(f"Corpus: `{shown}` ({len(model.pages):,} pages)\n")
    print("| code | name | severity | findings | files |")
    print("|---|---|---|---:|---:|")
    for rule in result.rules:
        n = findings.get(rule.code, 0)
        f = len(files.get(rule.code, ()))
        others = sorted((lvl, k) for lvl, k in levels.get(rule.code, Counter()).items())
        extra = "".join(f"; {k:,} {lvl}" for lvl, k in others if lvl != rule.severity.value)
        print(f"| {rule.code} | {rule.name} | {rule.severity.value}{extra} | {n:,} | {f:,} |")
    total_files = len({d.span.file for d in result.findings})
    print(f"| **total** | | | **{len(result.findings):,}** | **{total_files:,}** |")
    print(f"\nRead {read_time:.1f} s, lint {lint_time:.1f} s, total {read_time + lint_time:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
