"""Every lint rule, in one list.  Codes are stable: a rule that goes away leaves its code
unused rather than giving it to another rule."""

from __future__ import annotations

from generator.lint.rule import Rule
from generator.lint.rules import (
    annotation_detached,
    annotation_unknown,
    duplicate_name,
    front_matter_keys,
    front_matter_missing,
    heading_form,
    permission_empty,
    permission_order,
    permission_todo,
    permission_type_unknown,
    permissions_missing,
    reader_findings,
    request_unpaired,
    section_missing,
    unused_suppression,
)

RULES: tuple[Rule, ...] = (
    *reader_findings.RULES,
    # structure and front matter
    front_matter_missing.RULE,
    front_matter_keys.RULE,
    section_missing.RULE,
    heading_form.RULE,
    # annotations
    annotation_unknown.RULE,
    annotation_detached.RULE,
    request_unpaired.RULE,
    duplicate_name.RULE,
    # permissions
    permissions_missing.RULE,
    permission_todo.RULE,
    permission_empty.RULE,
    permission_type_unknown.RULE,
    permission_order.RULE,
    # meta
    unused_suppression.RULE,
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
assert len(BY_CODE) == len(RULES), "two rules share a code"
