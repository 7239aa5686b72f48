"""The rules table in docs/rules.md, generated from the registry.

Regenerate with ``python -m generator.lint.docs > docs/rules.md``; a test checks it.
"""

from __future__ import annotations

from generator.lint.registry import RULES


def rules_markdown() -> str:
    lines = [
        "# Lint rules",
        "",
        "Generated from `generator/lint/registry.py` by "
        "`python -m generator.lint.docs > docs/rules.md`. "
        "`docs2code lint --explain CODE` prints the same text for one rule.",
        "",
        "| code | name | severity | fix | summary |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        fix = "yes" if rule.fixable else ""
        lines.append(
            f"| {rule.code} | {rule.name} | {rule.severity.value} | {fix} | {rule.summary} |"
        )
    lines.append("")
    for rule in RULES:
        lines += [f"## {rule.code} {rule.name}", "", rule.explanation, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(rules_markdown(), end="")
