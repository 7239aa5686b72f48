"""Every lint rule, in one list.  Codes are stable: a rule that goes away leaves its code
unused rather than giving it to another rule."""

from __future__ import annotations

from generator.lint.rule import Rule
from generator.lint.rules import (
    annotation_detached,
    annotation_unknown,
    body_not_json,
    broken_anchor,
    broken_link,
    content_length_mismatch,
    duplicate_name,
    example_calls_nothing,
    example_url_no_path,
    example_value_type,
    front_matter_keys,
    front_matter_missing,
    heading_form,
    include_missing,
    invalid_http_method,
    link_case_mismatch,
    link_outside_roots,
    metadata_base_type,
    metadata_enum_members,
    metadata_paths,
    metadata_property_type,
    metadata_property_undocumented,
    metadata_property_unknown,
    metadata_type_unknown,
    odata_type_case_mismatch,
    page_annotation,
    page_role,
    permission_empty,
    permission_order,
    permission_todo,
    permission_type_unknown,
    permissions_missing,
    placeholder_header_row,
    property_table_json_mismatch,
    reader_findings,
    request_unpaired,
    rule_crashed,
    section_missing,
    status_disagrees_with_prose,
    undocumented_response_property,
    unknown_odata_type,
    unused_reference_definition,
    unused_suppression,
    url_backslash_space,
)

RULES: tuple[Rule, ...] = (
    *reader_findings.RULES,
    # structure and front matter
    front_matter_missing.RULE,
    front_matter_keys.RULE,
    section_missing.RULE,
    heading_form.RULE,
    page_role.RULE,
    page_annotation.MISSING,
    page_annotation.KEYS,
    # annotations
    annotation_unknown.RULE,
    annotation_detached.RULE,
    request_unpaired.RULE,
    duplicate_name.RULE,
    # HTTP and examples
    example_url_no_path.RULE,
    url_backslash_space.RULE,
    invalid_http_method.RULE,
    content_length_mismatch.RULE,
    body_not_json.RULE,
    status_disagrees_with_prose.RULE,
    placeholder_header_row.RULE,
    example_calls_nothing.RULE,
    # permissions
    permissions_missing.RULE,
    permission_todo.RULE,
    permission_empty.RULE,
    permission_type_unknown.RULE,
    permission_order.RULE,
    # types
    unknown_odata_type.RULE,
    odata_type_case_mismatch.RULE,
    undocumented_response_property.RULE,
    property_table_json_mismatch.RULE,
    example_value_type.RULE,
    # links
    broken_link.RULE,
    link_case_mismatch.RULE,
    broken_anchor.RULE,
    unused_reference_definition.RULE,
    include_missing.RULE,
    link_outside_roots.RULE,
    # against the service's metadata (--metadata)
    metadata_type_unknown.RULE,
    metadata_property_unknown.RULE,
    metadata_property_undocumented.RULE,
    metadata_property_type.RULE,
    metadata_base_type.RULE,
    metadata_enum_members.UNKNOWN,
    metadata_enum_members.UNDOCUMENTED,
    metadata_paths.NOT_NAVIGABLE,
    metadata_paths.METHOD,
    metadata_paths.PARAMETERS,
    # meta
    unused_suppression.RULE,
    rule_crashed.RULE,
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
assert len(BY_CODE) == len(RULES), "two rules share a code"
