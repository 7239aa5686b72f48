"""Every rule is documented, and docs/rules.md is the table the registry generates."""

from __future__ import annotations

import re
from pathlib import Path

from generator.lint.docs import rules_markdown
from generator.lint.registry import BY_CODE, RULES

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_is_current() -> None:
    """Regenerate with: python -m generator.lint.docs > docs/rules.md"""
    assert RULES_MD.read_text(encoding="utf-8") == rules_markdown()


def test_every_rule_is_documented_once() -> None:
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"DC\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.summary and "\n" not in rule.summary
        assert len(rule.explanation) > 40, rule.code
        assert BY_CODE[rule.code] is rule


def test_fixable_rules_have_fixers() -> None:
    from generator.lint.fix import FIXERS

    assert {r.code for r in RULES if r.fixable} == set(FIXERS)
