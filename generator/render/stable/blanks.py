"""The empty lines black puts between lines: black.lines.EmptyLineTracker (not .pyi,
no ``fmt: off``, no stub bodies), over the lines of one piece before any is split."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shape:
    """What the tracker needs to know of a line."""

    depth: int
    before: int  # empty lines above it in the text
    first: str  # its first token ("" for a comment line)
    last: str  # its last token
    is_comment: bool = False
    is_docstring: bool = False
    is_lone_string: bool = False  # the line is one string (a docstring's only leaf)
    is_import: bool = False

    @property
    def is_decorator(self) -> bool:
        return self.first == "@"

    @property
    def is_def(self) -> bool:
        return self.first == "def"

    @property
    def is_class(self) -> bool:
        return self.first == "class"

    @property
    def opens_block(self) -> bool:
        return self.last == ":"


@dataclass(slots=True)
class Block:
    previous: Block | None
    line: Shape
    before: int = 0
    after: int = 0


class EmptyLines:
    def __init__(self) -> None:
        self.previous_line: Shape | None = None
        self.previous_block: Block | None = None
        self.previous_defs: list[Shape] = []
        self.semantic_leading_comment: Block | None = None

    def block(self, line: Shape) -> Block:
        """maybe_empty_lines: the line's block; a later line may still change the
        ``before`` of an earlier comment's block (comments above a definition)."""
        before, after = self._empty_lines(line)
        previous_after = self.previous_block.after if self.previous_block else 0
        before = max(0, before - previous_after)
        if self._after_module_docstring(line):
            before = 1
        block = Block(self.previous_block, line, before, after)
        if line.is_comment:
            previous = self.previous_line
            if previous is None or (
                not previous.is_decorator
                and (not previous.is_comment or before)
                and (self.semantic_leading_comment is None or before)
            ):
                self.semantic_leading_comment = block
        elif not line.is_decorator or before:
            self.semantic_leading_comment = None
        self.previous_line = line
        self.previous_block = block
        return block

    def _after_module_docstring(self, line: Shape) -> bool:
        block = self.previous_block
        if block is None:
            return False
        if (
            not block.line.is_lone_string
            or not block.line.is_docstring
            or block.line.depth != 0
            or line.is_class
            or line.is_def
        ):
            return False
        while (block := block.previous) is not None:
            if not block.line.is_comment:
                return False
        return True

    def _empty_lines(self, line: Shape) -> tuple[int, int]:
        before = min(line.before, 2 if line.depth == 0 else 1)
        user_had_newline = bool(before)
        depth = line.depth
        previous_def = None
        while self.previous_defs and self.previous_defs[-1].depth >= depth:
            previous_def = self.previous_defs.pop()
        if line.is_def or line.is_class:
            self.previous_defs.append(line)
        previous = self.previous_line
        if previous is None:
            return 0, 0
        if line.is_docstring:
            if previous.is_class:
                return 0, 1
            if previous.opens_block and previous.is_def:
                return 0, 0
        if previous_def is not None:
            if depth or (
                previous_def.depth
                and line.last == ":"
                and line.first not in ("with", "try", "for", "while", "if", "match")
            ):
                before = 1
            else:
                before = 2
        if line.is_decorator or line.is_def or line.is_class:
            return self._for_class_or_def(line, before, user_had_newline)
        if previous.is_import and previous.depth == 0 and depth == 0 and not line.is_import:
            return 1, 0
        if previous.is_import and not line.is_import and depth == previous.depth:
            return before or 1, 0
        return before, 0

    def _for_class_or_def(
        self, line: Shape, before: int, user_had_newline: bool
    ) -> tuple[int, int]:
        previous = self.previous_line
        assert previous is not None
        if previous.is_decorator:
            return 0, 0
        if previous.depth < line.depth and (previous.is_class or previous.is_def):
            return (1 if user_had_newline else 0), 0
        comment_to_add_newlines: Block | None = None
        if previous.is_comment and previous.depth == line.depth and before == 0:
            slc = self.semantic_leading_comment
            if (
                slc is not None
                and slc.previous is not None
                and not slc.previous.line.is_class
                and not slc.previous.line.opens_block
                and slc.before <= 1
            ):
                comment_to_add_newlines = slc
            else:
                return 0, 0
        newlines = 1 if line.depth else 2
        if comment_to_add_newlines is not None:
            previous_block = comment_to_add_newlines.previous
            if previous_block is not None:
                comment_to_add_newlines.before = (
                    max(comment_to_add_newlines.before, newlines) - previous_block.after
                )
                newlines = 0
        return newlines, 0
