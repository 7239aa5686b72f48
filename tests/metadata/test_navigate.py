"""Walking documented paths through the metadata."""

from __future__ import annotations

import pytest

from generator.metadata.csdl import TypeRef, parse_metadata
from generator.metadata.navigate import Failure, Position, navigate
from generator.model import Span
from generator.paths import parse_path
from tests.metadata.csdl_sample import SAMPLE

MD = parse_metadata(SAMPLE, "sample.xml")


def walk(path: str) -> Position | Failure:
    return navigate(MD, parse_path(path, Span("x.md", 1, 1)).segments)


@pytest.mark.parametrize(
    ("path", "type_"),
    [
        ("/users", TypeRef("microsoft.graph.user", True)),
        ("/users/{id}", TypeRef("microsoft.graph.user")),
        ("/Users/{id}/Messages", TypeRef("microsoft.graph.message", True)),  # any case
        ("/me/messages/{id}/tags", TypeRef("Edm.String", True)),
        ("/users/{id}/microsoft.graph.specialUser/level", TypeRef("Edm.Int32")),
        ("/me/drive/root:/{item-path}:/children", TypeRef("microsoft.graph.driveItem", True)),
        ("/me/drive/items/{parent-id}:/{name}:/content", TypeRef("Edm.Stream")),
        ("/me/messages/delta()", TypeRef("microsoft.graph.message", True)),
        ("/me/drive/root/range(address='A1')", TypeRef("microsoft.graph.driveItem")),
        ("/now()", TypeRef("Edm.DateTimeOffset")),
        ("/users/someone@contoso.com/messages", TypeRef("microsoft.graph.message", True)),
    ],
)
def test_paths_that_navigate(path: str, type_: TypeRef) -> None:
    result = walk(path)
    assert isinstance(result, Position), result
    assert result.type == type_


def test_terminal_segments_and_the_ellipsis_end_the_walk() -> None:
    ends = (
        "/me/messages/$count",
        "/me/messages/{id}/$value",
        "/me/drive/items/.../x",
        "/me/{property-name}",
    )  # a placeholder for any property
    for path in ends:
        assert walk(path) == Position(None)


@pytest.mark.parametrize(
    ("path", "index", "reason"),
    [
        ("/people", 0, "'people' is not an entity set, singleton or function/action import"),
        ("/me/mesages", 1, "'mesages' is not a property, navigation property, cast or bound"),
        ("/me/{id}", 1, "a key cannot follow a single microsoft.graph.user"),
        ("/me/displayName/x", 2, "Edm.String is a primitive value"),
        ("/me/messages/{id}/send/x", 4, "nothing can follow the operation"),
    ],
)
def test_paths_that_do_not_navigate_name_the_segment(path: str, index: int, reason: str) -> None:
    result = walk(path)
    assert isinstance(result, Failure)
    assert result.index == index and result.reason.startswith(reason)


def test_the_last_hop_and_the_invoked_operation_are_known() -> None:
    calendar = walk("/me/calendar")
    assert isinstance(calendar, Position) and calendar.via == "microsoft.graph.user/calendar"
    send = walk("/me/messages/{id}/send")
    assert isinstance(send, Position) and send.operation is not None
    assert send.operation.name == "microsoft.graph.send"
    assert walk("/users/{id}") == Position(
        TypeRef("microsoft.graph.user"), "microsoft.graph.GraphService/users"
    )
