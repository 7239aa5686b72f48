"""The rules table in docs/rules.md, generated from the registry.

Regenerate with ``python -m generator.lint.docs > docs/rules.md``; a test checks it.
"""

from __future__ import annotations

from generator.lint.registry import RULES
from generator.lint.rule import Rule

_CONVENTIONS = {
    "both": "runs on every doc set",
    "graph": "runs only on doc sets in the Graph convention (YAML front matter)",
    "apidoctor": "runs only on doc sets in the ApiDoctor convention (page annotations, "
    "no front matter)",
}


def convention_line(rule: Rule) -> str:
    """Which doc sets the rule runs on, as ``--explain`` and docs/rules.md say it."""
    return f"Convention: {rule.convention}; {_CONVENTIONS[rule.convention]}."


def rules_markdown() -> str:
    lines = [
        "# Lint rules",
        "",
        "Generated from `generator/lint/registry.py` by "
        "`python -m generator.lint.docs > docs/rules.md`. "
        "`docs2code lint --explain CODE` prints the same text for one rule.",
        "",
        "A rule's convention says which doc sets it runs on: `both`, or only those in the "
        "`graph` or the `apidoctor` convention (how a doc set's convention is decided: "
        "[model.md](model.md#conventions)).",
        "",
        "| code | name | severity | convention | fix | summary |",
        "|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        fix = "yes" if rule.fixable else ""
        lines.append(
            f"| {rule.code} | {rule.name} | {rule.severity.value} | {rule.convention} | {fix} "
            f"| {rule.summary} |"
        )
    lines.append("")
    for rule in RULES:
        heading = f"## {rule.code} {rule.name}"
        lines += [heading, "", convention_line(rule), "", rule.explanation, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(rules_markdown(), end="")
