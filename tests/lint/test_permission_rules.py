"""DC401-DC405: permissions."""

from __future__ import annotations

from generator.lint.rules import (
    permission_empty,
    permission_order,
    permission_todo,
    permission_type_unknown,
    permissions_missing,
)
from tests.lint.conftest import API_PAGE, RunRule

WORK = "|Delegated (work or school account)|Files.Read, Files.ReadWrite|"


def test_permissions_section_without_table(run_rule: RunRule) -> None:
    start = API_PAGE.index("|Permission type|")
    end = API_PAGE.index("## HTTP request")
    page = API_PAGE[:start] + "The following **scopes** are required: \n\n" + API_PAGE[end:]
    [finding] = run_rule(permissions_missing.RULE, {"api/get.md": page})
    assert (finding.span.line, finding.message) == (
        8,
        "'Permissions' section has no permissions table and names no scopes",
    )


def test_prose_scopes_count_as_permissions(run_rule: RunRule) -> None:
    start = API_PAGE.index("|Permission type|")
    end = API_PAGE.index("## HTTP request")
    page = API_PAGE[:start] + "One of these scopes is required: `Files.Read`\n\n" + API_PAGE[end:]
    assert run_rule(permissions_missing.RULE, {"api/get.md": page}) == []


def test_todo_cell(run_rule: RunRule) -> None:
    page = API_PAGE.replace(
        WORK, "|Delegated (work or school account)|**TODO: Determine scopes **|"
    )
    [finding] = run_rule(permission_todo.RULE, {"api/get.md": page})
    assert finding.span.line == 12
    assert "TODO: Determine scopes" in finding.message


def test_no_todo_is_quiet(run_rule: RunRule) -> None:
    assert run_rule(permission_todo.RULE, {"api/get.md": API_PAGE}) == []


def test_empty_cell(run_rule: RunRule) -> None:
    page = API_PAGE.replace(WORK, "|Delegated (work or school account)| |")
    [finding] = run_rule(permission_empty.RULE, {"api/get.md": page})
    assert finding.message == "'Delegated (work or school account)' names no permission scope"


def test_filled_cells_are_quiet(run_rule: RunRule) -> None:
    assert run_rule(permission_empty.RULE, {"api/get.md": API_PAGE}) == []


def test_unknown_permission_type(run_rule: RunRule) -> None:
    page = API_PAGE.replace("|Application|Files.Read.All|", "|App only|Files.Read.All|")
    [finding] = run_rule(permission_type_unknown.RULE, {"api/get.md": page})
    assert finding.message == "unknown permission type 'App only'"


def test_known_permission_types_are_quiet(run_rule: RunRule) -> None:
    assert run_rule(permission_type_unknown.RULE, {"api/get.md": API_PAGE}) == []


def test_most_to_least_order(run_rule: RunRule) -> None:
    page = API_PAGE.replace("from least to most", "from most to least")
    [finding] = run_rule(permission_order.RULE, {"api/get.md": page})
    assert finding.span.line == 10
    assert finding.severity == "info"
    assert finding.message == (
        "the header says permissions are listed from most to least privileged (line 12 "
        "lists 'Files.Read' first, then 'Files.ReadWrite'); the convention is least to most"
    )


def test_most_to_least_header_with_single_scope_cells(run_rule: RunRule) -> None:
    """With no cell of two scopes only the header states an order: the message says so
    (13 of the corpus's 19 findings)."""
    page = API_PAGE.replace("from least to most", "from most to least").replace(
        WORK, "|Delegated (work or school account)|Files.ReadWrite|"
    )
    [finding] = run_rule(permission_order.RULE, {"api/get.md": page})
    assert finding.message == (
        "the header says permissions are listed from most to least privileged; the "
        "convention is least to most (no cell lists two scopes: only the header changes)"
    )


def test_least_to_most_is_quiet(run_rule: RunRule) -> None:
    assert run_rule(permission_order.RULE, {"api/get.md": API_PAGE}) == []
