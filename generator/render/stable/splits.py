"""How black splits a line that is too long or has a magic trailing comma: its
``transform_line`` with ``left_hand_split``, ``right_hand_split`` (optional parentheses
included), ``delimiter_split`` and the trailers it may omit (black.linegen), for the
subset: no comments inside brackets, no multiline strings, no ``**`` (so no power
hugging).  Black's second opinion on a split (``FORCE_OPTIONAL_PARENTHESES``) is not
reproduced: a line that would need it raises :class:`Unsupported`.

The functions follow black's step by step, side effects included (a split that is
tried makes invisible parentheses visible for good), because black's output depends
on them."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.render.stable.lines import (
    COMMA_PRIORITY,
    DOT_PRIORITY,
    LINE_LENGTH,
    Line,
    is_line_short_enough,
    leaves_inside_matching_brackets,
    line_to_string,
    one_sequence_between,
    set_prefix,
    set_value,
)
from generator.render.stable.syntax import (
    BRACKETS,
    CLOSING,
    OPENING,
    Leaf,
    Unsupported,
    is_multiline_string,
)


class CannotSplit(Exception):
    """black.linegen.CannotSplit (and CannotTransform): try the next transform."""


Transform = Callable[[Line], Iterator[Line]]


def transform_line(line: Line) -> Iterator[Line]:
    line_str = line_to_string(line)
    transformers: list[Transform]
    if not line.should_split_rhs and not line.magic_trailing_comma and is_line_short_enough(line):
        transformers = []
    elif line.is_def and not _split_funcdef_with_rhs(line):
        transformers = [left_hand_split]
    elif line.inside_brackets:
        transformers = [delimiter_split, right_hand_split_with_omits]
    else:
        transformers = [right_hand_split_with_omits]
    for transform in transformers:
        try:
            result = run_transformer(line, transform, line_str)
        except CannotSplit:
            continue
        yield from result
        return
    yield line


def _split_funcdef_with_rhs(line: Line) -> bool:
    """black's should_split_funcdef_with_rhs: a magic trailing comma in the return
    annotation, or one starting with a string; such lines are not in the subset."""
    arrow = next((i for i, leaf in enumerate(line.leaves) if leaf.type == "->"), None)
    if arrow is None:
        return False
    annotation = line.leaves[arrow + 1 : -1]
    visible = next((leaf for leaf in annotation if leaf.value), None)
    if visible is not None and visible.type == "STRING":
        raise Unsupported("string return annotation")
    if any(a.type == "," and b.type in CLOSING for a, b in itertools.pairwise(annotation)):
        raise Unsupported("magic trailing comma in a return annotation")
    return False


def run_transformer(line: Line, transform: Transform, line_str: str) -> list[Line]:
    optional_parens = [b for b in line.bracket_tracker.invisible if b.bracket_depth == 0]
    result: list[Line] = []
    for transformed in transform(line):
        if line_to_string(transformed) == line_str:
            raise CannotSplit("unchanged")
        result.extend(transform_line(transformed))
    if (
        transform is not right_hand_split_with_omits
        or not line.bracket_tracker.invisible
        or any(bracket.value for bracket in optional_parens)
        or line.contains_multiline_strings()
        or is_line_short_enough(result[0])
        or any(leaf.parent is None for leaf in line.leaves)
    ):
        return result
    raise Unsupported("black would take a second opinion on this split")


# --- left and right hand splits ----------------------------------------------------------------


def left_hand_split(line: Line) -> Iterator[Line]:
    """For ``def`` lines: split at the parameters' parentheses (else a ``[``)."""
    head: list[Leaf] = []
    body: list[Leaf] = []
    tail: list[Leaf] = []
    matching: Leaf | None = None
    for leaf_type in ("(", "["):
        head, body, tail = [], [], []
        current = head
        matching = None
        depth = 0
        for index, leaf in enumerate(line.leaves):
            if index == 2 and leaf.type == "[":
                depth += 1  # type parameters
            elif depth > 0:
                if leaf.type == "[":
                    depth += 1
                elif leaf.type == "]":
                    depth -= 1
            if (
                current is body
                and leaf.type in CLOSING
                and leaf.opening_bracket is matching
                and matching is not None
                and not (leaf_type == "(" and depth > 0)
            ):
                ensure_visible(leaf)
                ensure_visible(matching)
                current = tail if body else head
            current.append(leaf)
            if current is head and leaf.type == leaf_type and not (leaf_type == "(" and depth > 0):
                matching = leaf
                current = body
        if matching is not None and tail:
            break
    if matching is None or not tail:
        raise CannotSplit("no brackets found")
    lines = (
        build_line(head, line, matching, "head"),
        build_line(body, line, matching, "body"),
        build_line(tail, line, matching, "tail"),
    )
    split_succeeded_or_raise(*lines)
    yield from (result for result in lines if result)


@dataclass
class RHSResult:
    head: Line
    body: Line
    tail: Line
    opening_bracket: Leaf
    closing_bracket: Leaf


def right_hand_split(line: Line, omit: frozenset[Leaf] = frozenset()) -> Iterator[Line]:
    yield from _maybe_split_omitting_optional_parens(
        _first_right_hand_split(line, omit), line, omit
    )


def right_hand_split_with_omits(line: Line) -> Iterator[Line]:
    prefix_lengths: dict[Leaf, int] = {}
    length = 4 * line.depth
    for leaf in line.leaves:
        prefix_lengths[leaf] = length
        length += len(leaf.prefix) + len(leaf.value)
    first_lines: list[Line] | None = None
    for omit in generate_trailers_to_omit(line):
        if omit:
            target = next(
                (
                    leaf.opening_bracket
                    for leaf in reversed(line.leaves)
                    if leaf.type in CLOSING and leaf not in omit
                ),
                None,
            )
            if target is not None and target.value and prefix_lengths.get(target, 0) > LINE_LENGTH:
                continue
        lines = list(right_hand_split(line, frozenset(omit)))
        if first_lines is None and not omit:
            first_lines = lines
        if is_line_short_enough(lines[0]):
            yield from lines
            return
    if first_lines is not None:
        yield from first_lines
    else:
        yield from right_hand_split(line)


def _first_right_hand_split(line: Line, omit: frozenset[Leaf] = frozenset()) -> RHSResult:
    tail: list[Leaf] = []
    body: list[Leaf] = []
    head: list[Leaf] = []
    current = tail
    opening: Leaf | None = None
    closing: Leaf | None = None
    for leaf in reversed(line.leaves):
        if current is body and leaf is opening:
            current = head if body else tail
        current.append(leaf)
        if current is tail and leaf.type in CLOSING and leaf not in omit:
            opening = leaf.opening_bracket
            closing = leaf
            current = body
    if not (opening and closing and head):
        raise CannotSplit("no brackets found")
    tail.reverse()
    body.reverse()
    head.reverse()
    return RHSResult(
        build_line(head, line, opening, "head"),
        build_line(body, line, opening, "body"),
        build_line(tail, line, opening, "tail"),
        opening,
        closing,
    )


def _maybe_split_omitting_optional_parens(
    rhs: RHSResult, line: Line, omit: frozenset[Leaf] = frozenset()
) -> Iterator[Line]:
    if (
        rhs.opening_bracket.type == "("
        and not rhs.opening_bracket.value
        and rhs.closing_bracket.type == ")"
        and not rhs.closing_bracket.value
        and not line.is_import
        and can_omit_invisible_parens(rhs)
    ):
        omit = frozenset({rhs.closing_bracket, *omit})
        try:
            rhs_oop = _first_right_hand_split(line, omit)
            if _prefer_split_rhs_oop_over_rhs(rhs_oop, rhs):
                yield from _maybe_split_omitting_optional_parens(rhs_oop, line, omit)
                return
        except CannotSplit:
            if line.is_chained_assignment:
                pass
            elif (
                (not can_be_split(rhs.body) and not is_line_short_enough(rhs.body))
                or rhs.head.contains_multiline_strings()
                or rhs.tail.contains_multiline_strings()
            ):
                raise
    ensure_visible(rhs.opening_bracket)
    ensure_visible(rhs.closing_bracket)
    for result in (rhs.head, rhs.body, rhs.tail):
        if result:
            yield result


def _prefer_split_rhs_oop_over_rhs(rhs_oop: RHSResult, rhs: RHSResult) -> bool:
    if not (len(rhs.head.leaves) >= 2 and rhs.head.leaves[-2].type == "="):
        return True
    if not any(leaf.type in BRACKETS for leaf in rhs.head.leaves[:-1]):
        return True
    if not is_line_short_enough(rhs.head, LINE_LENGTH - 1):
        return True
    if rhs.head.magic_trailing_comma is not None:
        return True
    rhs_head_equals = sum(1 for leaf in rhs.head.leaves if leaf.type == "=")
    oop_head_equals = sum(1 for leaf in rhs_oop.head.leaves if leaf.type == "=")
    if rhs_head_equals > 1 and rhs_head_equals > oop_head_equals:
        return False
    closing_after_assign = False
    for leaf in reversed(rhs_oop.head.leaves):
        if leaf.type == "=":
            break
        if leaf.type in CLOSING:
            closing_after_assign = True
            break
    return closing_after_assign or (
        any(leaf.type == "=" for leaf in rhs_oop.head.leaves) and is_line_short_enough(rhs_oop.head)
    )


def can_omit_invisible_parens(rhs: RHSResult) -> bool:
    line = rhs.body
    bt = line.bracket_tracker
    if not bt.delimiters:
        return True
    max_priority = bt.max_delimiter_priority()
    if bt.delimiter_count_with_priority(max_priority) > 1:
        return False
    if max_priority == DOT_PRIORITY:
        return True
    first, second = line.leaves[0], line.leaves[1]
    if (
        first.type in OPENING
        and second.type not in CLOSING
        and _can_omit_opening_paren(line, first)
    ):
        return True
    penultimate, last = line.leaves[-2], line.leaves[-1]
    if (
        last.type == ")"
        or last.type == "}"
        or (last.type == "]" and last.parent is not None and last.parent.type != "trailer")
    ):
        if penultimate.type in OPENING:
            return False
        if first.type == "STRING" and is_multiline_string(first):
            return True
        if _can_omit_closing_paren(line, last):
            return True
    return False


def _can_omit_opening_paren(line: Line, first: Leaf) -> bool:
    remainder = False
    length = 4 * line.depth
    _index = -1
    for _index, leaf, leaf_length in line.enumerate_with_length():
        if leaf.type in CLOSING and leaf.opening_bracket is first:
            remainder = True
        if remainder:
            length += leaf_length
            if length > LINE_LENGTH:
                break
            if leaf.type in OPENING:
                remainder = False
    else:
        if len(line.leaves) == _index + 1:
            return True
    return False


def _can_omit_closing_paren(line: Line, last: Leaf) -> bool:
    length = 4 * line.depth
    seen_other_brackets = False
    for _, leaf, leaf_length in line.enumerate_with_length():
        length += leaf_length
        if leaf is last.opening_bracket:
            if seen_other_brackets or length <= LINE_LENGTH:
                return True
        elif leaf.type in OPENING:
            seen_other_brackets = True
    return False


def can_be_split(line: Line) -> bool:
    """black.lines.can_be_split: False only when the line cannot be split for sure."""
    leaves = line.leaves
    if len(leaves) < 2:
        return False
    if leaves[0].type == "STRING" and leaves[1].type == ".":
        calls = dots = 0
        following = leaves[-1]  # black never moves it along: the same test each time
        for leaf in leaves[-2::-1]:
            if leaf.type in OPENING:
                if following.type not in CLOSING:
                    return False
                calls += 1
            elif leaf.type == ".":
                dots += 1
            elif leaf.type == "NAME":
                if not (following.type == "." or following.type in OPENING):
                    return False
            elif leaf.type not in CLOSING:
                return False
            if dots > 1 and calls > 1:
                return False
    return True


def split_succeeded_or_raise(head: Line, body: Line, tail: Line) -> None:
    tail_len = len(str(tail).strip())
    if not body:
        if tail_len == 0:
            raise CannotSplit("splitting brackets produced the same line")
        if tail_len < 3:
            raise CannotSplit("splitting brackets on an empty body is not worth it")


def ensure_visible(leaf: Leaf) -> None:
    if leaf.type == "(":
        set_value(leaf, "(")
    elif leaf.type == ")":
        set_value(leaf, ")")


def build_line(leaves: list[Leaf], original: Line, opening: Leaf, component: str) -> Line:
    """black's bracket_split_build_line."""
    result = Line(original.depth)
    if component == "body":
        result.inside_brackets = True
        result.depth += 1
        if _ensure_trailing_comma(leaves, original, opening):
            for i in range(len(leaves) - 1, -1, -1):
                if leaves[i].type != ",":
                    leaves.insert(i + 1, Leaf(",", ","))
                break
    track = leaves_inside_matching_brackets(leaves) if component == "head" else set()
    for leaf in leaves:
        result.append(leaf, preformatted=True, track_bracket=leaf in track)
    if component == "body" and should_split_line(result, opening):
        result.should_split_rhs = True
    return result


def _ensure_trailing_comma(leaves: list[Leaf], original: Line, opening: Leaf) -> bool:
    if not leaves:
        return False
    if original.is_import:
        return True
    if not original.is_def or opening.value != "(":
        return False
    if any(leaf.type == "," and annotation_type(leaf) is None for leaf in leaves):
        return False
    with_parent = next((leaf for leaf in leaves if leaf.parent is not None), None)
    if with_parent is None:
        return True
    if annotation_type(with_parent) == "return":
        return False
    parent = with_parent.parent  # not a PEP 604 union's member
    return parent is None or parent.next_sibling is None or parent.next_sibling.type != "|"


def annotation_type(leaf: Leaf) -> str | None:
    """black.nodes.get_annotation_type: ``return``, ``param`` or None."""
    ancestor = leaf.parent
    while ancestor is not None:
        if ancestor.prev_sibling is not None and ancestor.prev_sibling.type == "->":
            return "return"
        if ancestor.parent is not None and ancestor.parent.type == "tname":
            return "param"
        ancestor = ancestor.parent
    return None


def should_split_line(line: Line, opening: Leaf) -> bool:
    """Should the body of a split be split at its commas right away?"""
    if not (opening.parent is not None and opening.value in "[{("):
        return False
    trailing_comma = False
    exclude: Leaf | None = None
    try:
        last = line.leaves[-1]
        if last.type == ",":
            trailing_comma = True
            exclude = last
        max_priority = line.bracket_tracker.max_delimiter_priority(exclude)
    except (IndexError, ValueError):
        return False
    return max_priority == COMMA_PRIORITY and (
        trailing_comma or opening.parent.type in ("atom", "import_from")
    )


def generate_trailers_to_omit(line: Line) -> Iterator[set[Leaf]]:
    omit: set[Leaf] = set()
    if not line.magic_trailing_comma:
        yield omit
    length = 4 * line.depth
    opening: Leaf | None = None
    closing: Leaf | None = None
    inner: set[Leaf] = set()
    for index, leaf, leaf_length in line.enumerate_with_length(is_reversed=True):
        length += leaf_length
        if length > LINE_LENGTH:
            break
        if opening is not None:
            if leaf is opening:
                opening = None
            elif leaf.type in CLOSING:
                prev = line.leaves[index - 1] if index > 0 else None
                if (
                    prev is not None
                    and prev.type == ","
                    and leaf.opening_bracket is not None
                    and not one_sequence_between(leaf.opening_bracket, leaf, line.leaves)
                ):
                    break
                inner.add(leaf)
        elif leaf.type in CLOSING:
            prev = line.leaves[index - 1] if index > 0 else None
            if prev is not None and prev.type in OPENING:
                inner.add(leaf)
                continue
            if closing is not None:
                omit.add(closing)
                omit.update(inner)
                inner.clear()
                yield omit
            if (
                prev is not None
                and prev.type == ","
                and leaf.opening_bracket is not None
                and not one_sequence_between(leaf.opening_bracket, leaf, line.leaves)
            ):
                break
            if leaf.value:
                opening = leaf.opening_bracket
                closing = leaf


# --- delimiter split ---------------------------------------------------------------------------


def delimiter_split(line: Line) -> Iterator[Line]:
    """Split at the delimiters of the highest priority (commas, dots, string joins, ``|``);
    black's ``dont_increase_indentation`` strips each line's first prefix."""
    for split in _delimiter_split(line):
        set_prefix(split.leaves[0], "")
        yield split


def _delimiter_split(line: Line) -> Iterator[Line]:
    if not line.leaves:
        raise CannotSplit("line empty")
    last_leaf = line.leaves[-1]
    bt = line.bracket_tracker
    try:
        priority = bt.max_delimiter_priority(exclude=last_leaf)
    except ValueError:
        raise CannotSplit("no delimiters") from None
    if priority == DOT_PRIORITY and bt.delimiter_count_with_priority(priority) == 1:
        raise CannotSplit("splitting a single attribute from its owner looks wrong")
    current = Line(line.depth, line.inside_brackets)
    for leaf in line.leaves:
        current.append(leaf, preformatted=True)
        if bt.delimiters.get(leaf) == priority:
            yield current
            current = Line(line.depth, line.inside_brackets)
    if current:
        if priority == COMMA_PRIORITY and current.leaves[-1].type != ",":
            current.append(Leaf(",", ","))
        yield current
