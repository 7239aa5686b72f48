"""The DC7xx findings over a doc set and its metadata, as Markdown: counts per rule and a
seeded sample of each rule's findings to check by hand.

    .venv/bin/python scripts/metadata_report.py [--sample N] [--seed S] [CORPUS METADATA]

Defaults: the shared Graph v1.0 corpus and its CSDL metadata next to the repository.
Also prints the model's property precision and recall against the metadata.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from generator.lint.config import LintConfig
from generator.lint.engine import lint
from generator.lint.registry import RULES
from generator.metadata.csdl import read_metadata
from generator.metadata.fidelity import property_fidelity
from generator.model import Diagnostic
from generator.read import read_docs

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "graph-v1.0"
METADATA = SHARED / "metadata" / "graph-v1.0" / "cleanMetadata.xml"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    corpus, metadata_file = args.paths if len(args.paths) == 2 else (CORPUS, METADATA)
    start = time.perf_counter()
    model = read_docs([corpus])
    metadata = read_metadata(metadata_file)
    rules = [r for r in RULES if r.needs_metadata]
    result = lint(model, rules, LintConfig(), metadata)
    seconds = time.perf_counter() - start
    by_code: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.findings:
        by_code[d.code].append(d)
    fidelity = property_fidelity(model.types, metadata)
    print(f"{len(model.pages):,} pages, {len(metadata.types):,} metadata types; {seconds:.1f} s\n")
    print(
        f"Property precision {fidelity.precision:.4f}, recall {fidelity.recall:.4f} "
        f"({fidelity.matched:,} of {fidelity.documented:,} documented, "
        f"{fidelity.expected:,} in the metadata, over {fidelity.types:,} types)\n"
    )
    print("| code | name | severity | findings | files |")
    print("|---|---|---|---:|---:|")
    for rule in rules:
        found = by_code.get(rule.code, [])
        files = len({d.span.file for d in found})
        print(f"| {rule.code} | {rule.name} | {rule.severity.value} | {len(found):,} | {files:,} |")
    rng = random.Random(args.seed)
    for rule in rules:
        found = by_code.get(rule.code, [])
        sample = sorted(
            rng.sample(found, min(args.sample, len(found))),
            key=lambda d: (d.span.file, d.span.line),
        )
        print(f"\n### {rule.code} {rule.name}: {len(sample)} of {len(found)}\n")
        for d in sample:
            print(f"- `{d.span.file}:{d.span.line}` {d.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
