"""The privilege rank of scope names: it must agree with how permission tables order them."""

from __future__ import annotations

import pytest

from generator.diff.privilege import least, rank


@pytest.mark.parametrize(
    "ascending",
    [
        ("Files.Read", "Files.ReadWrite", "Files.Read.All", "Files.ReadWrite.All"),
        ("User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All"),
        ("Calendars.Read", "Calendars.Read.Shared", "Calendars.Read.All"),
        ("Sites.Read.All", "Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All"),
        ("openid", "User.Read", "Mail.Send", "Application.ReadWrite.OwnedBy"),
    ],
)
def test_tables_least_to_most_are_ascending(ascending: tuple[str, ...]) -> None:
    ranks = [rank(s) for s in ascending]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_the_resource_does_not_matter_and_case_does_not_either() -> None:
    assert rank("Files.Read.All") == rank("Sites.Read.All") == rank("files.read.all")


def test_least_is_ranked_not_taken_from_the_order_written() -> None:
    assert least(("Files.ReadWrite.All", "Files.Read", "Files.ReadWrite")) == "Files.Read"
    assert least(("Sites.Read.All", "Files.Read.All")) == "Sites.Read.All"  # first of equals
