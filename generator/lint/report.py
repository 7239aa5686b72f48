"""Lint findings as text, JSON, SARIF 2.1.0 or GitHub workflow commands.

Paths are shown as the user named them (``display``), so that an editor, GitHub code
scanning or a workflow annotation can find the file from the repository root.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from generator import __version__
from generator.lint.rule import Rule
from generator.model import Diagnostic, Severity

Display = Callable[[str], str]
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_COLOUR = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def summary(findings: Sequence[Diagnostic]) -> str:
    if not findings:
        return "No findings."
    counts = Counter(d.code for d in findings)
    per_code = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
    noun = "finding" if len(findings) == 1 else "findings"
    return f"{len(findings)} {noun} ({per_code})"


def as_text(findings: Sequence[Diagnostic], display: Display, colour: bool) -> str:
    lines = []
    for d in findings:
        code = f"{_COLOUR[d.severity]}{d.code}\033[0m" if colour else d.code
        lines.append(f"{display(d.span.file)}:{d.span.line}:{d.span.column}: {code} {d.message}")
    lines.append(summary(findings))
    return "\n".join(lines) + "\n"


def as_json(findings: Sequence[Diagnostic], display: Display) -> str:
    data = {
        "findings": [
            {
                "code": d.code,
                "severity": d.severity.value,
                "file": display(d.span.file),
                "line": d.span.line,
                "end_line": d.span.end_line,
                "column": d.span.column,
                "message": d.message,
            }
            for d in findings
        ],
        "counts": dict(sorted(Counter(d.code for d in findings).items())),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_sarif(findings: Sequence[Diagnostic], rules: Sequence[Rule], display: Display) -> str:
    ordered = sorted(rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(ordered)}
    results: list[dict[str, Any]] = []
    for d in findings:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(display(d.span.file))},
                        "region": {
                            "startLine": d.span.line,
                            "startColumn": d.span.column,
                            "endLine": max(d.span.end_line, d.span.line),
                        },
                    }
                }
            ],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docs2code",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/docs2code/",
                        "rules": [_sarif_rule(r) for r in ordered],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A path as a relative URI reference: spaces, ``#``, ``%`` and ``:`` percent-encoded,
    so that ``my file.md`` or ``a#b.md`` is not read as a fragment or a scheme."""
    return quote(path, safe="/")


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": rule.explanation},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    }


def as_github(findings: Sequence[Diagnostic], display: Display) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    kind = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = [
        f"::{kind[d.severity]} file={_prop(display(d.span.file))},line={d.span.line},"
        f"endLine={max(d.span.end_line, d.span.line)},col={d.span.column},"
        f"title={_prop(d.code)}::{_data(d.message)}"
        for d in findings
    ]
    lines.append(summary(findings))
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
