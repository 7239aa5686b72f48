"""Black's ``Line`` and ``BracketTracker`` (black.lines, black.brackets) for the subset:
a line's leaves, their bracket depths and pairs, the delimiters black may split at and
their priorities, the magic trailing comma, and how the line is written."""

from __future__ import annotations

from collections.abc import Iterator

from black.strings import str_width

from generator.render.stable.syntax import (
    BRACKETS,
    CLOSING,
    MATCHING,
    OPENING,
    Leaf,
    is_multiline_string,
)

LINE_LENGTH = 100
COMMA_PRIORITY = 18
STRING_PRIORITY = 12
VBAR_PRIORITY = 9  # the only operator of the subset
DOT_PRIORITY = 1


class BracketTracker:
    __slots__ = ("bracket_match", "delimiters", "depth", "invisible", "lambdas", "previous")

    def __init__(self) -> None:
        self.depth = 0
        self.bracket_match: dict[tuple[int, str], Leaf] = {}
        self.delimiters: dict[Leaf, int] = {}
        self.previous: Leaf | None = None
        self.lambdas: list[int] = []
        self.invisible: list[Leaf] = []

    def mark(self, leaf: Leaf) -> None:
        if leaf.type == "COMMENT":
            return
        if self.depth == 0 and leaf.type in CLOSING and (0, leaf.type) not in self.bracket_match:
            return
        if self.lambdas and self.lambdas[-1] == self.depth and leaf.type == ":":
            self.depth -= 1
            self.lambdas.pop()
        if leaf.type in CLOSING:
            self.depth -= 1
            leaf.opening_bracket = self.bracket_match.pop((self.depth, leaf.type))
            if not leaf.value:
                self.invisible.append(leaf)
        leaf.bracket_depth = self.depth
        if self.depth == 0:
            priority = _split_before(leaf, self.previous)
            if priority and self.previous is not None:
                self.delimiters[self.previous] = priority
            elif leaf.type == ",":
                self.delimiters[leaf] = COMMA_PRIORITY
        if leaf.type in OPENING:
            self.bracket_match[self.depth, MATCHING[leaf.type]] = leaf
            self.depth += 1
            if not leaf.value:
                self.invisible.append(leaf)
        self.previous = leaf
        if leaf.type == "NAME" and leaf.value == "lambda":
            self.depth += 1
            self.lambdas.append(self.depth)

    def any_open_brackets(self) -> bool:
        return bool(self.bracket_match)

    def max_delimiter_priority(self, exclude: Leaf | None = None) -> int:
        """Raises ValueError when there is none (as black's does)."""
        return max(v for k, v in self.delimiters.items() if k is not exclude)

    def delimiter_count_with_priority(self, priority: int) -> int:
        return sum(1 for p in self.delimiters.values() if p == priority)


def _split_before(leaf: Leaf, previous: Leaf | None) -> int:
    """black.brackets.is_split_before_delimiter, for the subset."""
    if leaf.type == ".":
        parent = leaf.parent
        attribute = parent is not None and parent.type not in ("import_from", "dotted_name")
        after_call = previous is None or previous.type in CLOSING
        return DOT_PRIORITY if attribute and after_call else 0
    if leaf.type == "|":
        return VBAR_PRIORITY
    if leaf.type == "STRING" and previous is not None and previous.type == "STRING":
        return STRING_PRIORITY
    return 0


class Edits:
    """Counts changes to leaves after they joined lines (black's splits make parentheses
    visible and drop a line's first space): a line's cached text is stale after one."""

    count = 0


def set_value(leaf: Leaf, value: str) -> None:
    if leaf.value != value:
        leaf.value = value
        Edits.count += 1


def set_prefix(leaf: Leaf, prefix: str) -> None:
    if leaf.prefix != prefix:
        leaf.prefix = prefix
        Edits.count += 1


class Line:
    __slots__ = (
        "_text",
        "_text_key",
        "bracket_tracker",
        "depth",
        "inside_brackets",
        "leaves",
        "magic_trailing_comma",
        "should_split_rhs",
    )

    def __init__(self, depth: int = 0, inside_brackets: bool = False) -> None:
        self.depth = depth
        self.leaves: list[Leaf] = []
        self.bracket_tracker = BracketTracker()
        self.inside_brackets = inside_brackets
        self.should_split_rhs = False
        self.magic_trailing_comma: Leaf | None = None
        self._text = ""
        self._text_key = (-1, -1)

    def append(self, leaf: Leaf, preformatted: bool = False, track_bracket: bool = False) -> None:
        """Leaves arrive with their spacing (``prefix``) already set."""
        if self.inside_brackets or not preformatted or track_bracket:
            self.bracket_tracker.mark(leaf)
            after_comma = self.leaves and self.leaves[-1].type == ","
            if after_comma and leaf.type in CLOSING and self.has_magic_trailing_comma(leaf):
                self.magic_trailing_comma = leaf
        self.leaves.append(leaf)

    def has_magic_trailing_comma(self, closing: Leaf) -> bool:
        if not (closing.type in CLOSING and self.leaves and self.leaves[-1].type == ","):
            return False
        if closing.type == "}":
            return True
        opening = closing.opening_bracket
        if closing.type == "]":
            parent = closing.parent
            subscript = parent is not None and parent.type == "trailer" and opening is not None
            return not (
                subscript
                and opening is not None
                and one_sequence_between(opening, closing, self.leaves, ("[", "]"))
            )
        if self.is_import:
            return True
        return opening is not None and not one_sequence_between(opening, closing, self.leaves)

    @property
    def is_def(self) -> bool:
        return bool(self.leaves) and self.leaves[0].type == "NAME" and self.leaves[0].value == "def"

    @property
    def is_import(self) -> bool:
        if not self.leaves:
            return False
        first = self.leaves[0]
        parent = first.parent.type if first.parent is not None else None
        return first.type == "NAME" and (
            (first.value == "import" and parent == "import_name")
            or (first.value == "from" and parent == "import_from")
        )

    @property
    def is_chained_assignment(self) -> bool:
        return sum(1 for leaf in self.leaves if leaf.type == "=") > 1

    def contains_multiline_strings(self) -> bool:
        return any(leaf.type == "STRING" and is_multiline_string(leaf) for leaf in self.leaves)

    def enumerate_with_length(self, is_reversed: bool = False) -> Iterator[tuple[int, Leaf, int]]:
        indexes = range(len(self.leaves) - 1, -1, -1) if is_reversed else range(len(self.leaves))
        for index in indexes:
            leaf = self.leaves[index]
            if "\n" in leaf.value:
                return
            yield index, leaf, len(leaf.prefix) + len(leaf.value)

    def __str__(self) -> str:
        return self.text() + "\n"

    def text(self) -> str:
        """The line as black writes it, without the line end."""
        leaves = self.leaves
        key = (len(leaves), Edits.count)
        if key != self._text_key:
            if not leaves:
                self._text = ""
            else:
                first = leaves[0]
                rest = "".join([leaf.prefix + leaf.value for leaf in leaves[1:]])
                self._text = f"{first.prefix}{'    ' * self.depth}{first.value}{rest}"
            self._text_key = key
        return self._text

    def __bool__(self) -> bool:
        return bool(self.leaves)


def one_sequence_between(
    opening: Leaf, closing: Leaf, leaves: list[Leaf], brackets: tuple[str, str] = ("(", ")")
) -> bool:
    """black.nodes.is_one_sequence_between: at most one item (``(a,)``, ``f(a)``)."""
    if (opening.type, closing.type) != brackets:
        return False
    depth = closing.bracket_depth + 1
    try:
        start = next(i for i, leaf in enumerate(leaves) if leaf is opening) + 1
    except StopIteration:
        return False
    commas = 0
    for leaf in leaves[start:]:
        if leaf is closing:
            break
        if leaf.bracket_depth == depth and leaf.type == ",":
            commas += 1
            if leaf.parent is not None and leaf.parent.type in ("arglist", "typedargslist"):
                commas += 1
                break
    return commas < 2


def line_to_string(line: Line) -> str:
    return line.text()


def is_line_short_enough(line: Line, line_length: int = LINE_LENGTH) -> bool:
    """Lines with multiline strings never get here (the subset leaves them out)."""
    return str_width(line_to_string(line)) <= line_length


def leaves_inside_matching_brackets(leaves: list[Leaf]) -> set[Leaf]:
    """black.brackets.get_leaves_inside_matching_brackets."""
    start = next((i for i, leaf in enumerate(leaves) if leaf.type in OPENING), None)
    if start is None:
        return set()
    ids: set[Leaf] = set()
    stack: list[tuple[str, list[Leaf]]] = []
    for leaf in leaves[start:]:
        if leaf.type in OPENING:
            stack.append((MATCHING[leaf.type], [leaf]))
        elif leaf.type in CLOSING:
            if stack and leaf.type == stack[-1][0]:
                _, level = stack.pop()
                level.append(leaf)
                ids.update(level)
            else:
                break
        elif stack:
            stack[-1][1].append(leaf)
    return ids


__all__ = ["BRACKETS", "LINE_LENGTH", "Line"]
