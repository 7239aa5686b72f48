"""One statement as black's parser (blib2to3) would build it, for a subset of Python.

The subset is what generated code uses: names, numbers, strings, calls, attributes,
subscripts, ``|`` unions, lambdas of plain names, tuples, lists, dicts and sets;
``class``, ``def`` and decorator lines, ``if``/``elif``/``else`` headers, ``return``,
imports, ``pass`` and single-target assignments.  Anything else raises
:class:`Unsupported`, and the piece goes to black.

Nodes mirror blib2to3's: the same type names, and a node of one child is that child.
Black's layout rules read node types (what a bracket belongs to, whether an ``=`` is a
keyword argument), so the tree must be black's for the rules to be black's.  Parentheses
black adds (invisible, empty ``value``) or hides are applied here as black's
``normalize_invisible_parens`` does for these statements.
"""

from __future__ import annotations

import keyword
from collections.abc import Sequence

OPENING = frozenset("([{")
CLOSING = frozenset(")]}")
BRACKETS = OPENING | CLOSING
MATCHING = {"(": ")", "[": "]", "{": "}"}
KEYWORDS = frozenset(keyword.kwlist) - {"True", "False", "None"}


class Unsupported(Exception):
    """Outside the subset: black decides."""


class Leaf:
    """A token: ``type`` is NAME, NUMBER, STRING or the operator itself (``(``, ``,``)."""

    __slots__ = (
        "bracket_depth",
        "next_sibling",
        "opening_bracket",
        "parent",
        "prefix",
        "prev_sibling",
        "type",
        "value",
    )

    def __init__(self, type: str, value: str) -> None:
        self.type = type
        self.value = value
        self.prefix = ""
        self.parent: Node | None = None
        self.prev_sibling: Leaf | Node | None = None
        self.next_sibling: Leaf | Node | None = None
        self.opening_bracket: Leaf | None = None
        self.bracket_depth = 0

    def __str__(self) -> str:
        return self.prefix + self.value

    def leaves(self) -> list[Leaf]:
        return [self]


class Node:
    __slots__ = ("children", "next_sibling", "parent", "prev_sibling", "type")

    def __init__(self, type: str, children: Sequence[Leaf | Node]) -> None:
        self.type = type
        self.children = list(children)
        self.parent: Node | None = None
        self.prev_sibling: Leaf | Node | None = None
        self.next_sibling: Leaf | Node | None = None
        self._link()

    def _link(self) -> None:
        previous: Leaf | Node | None = None
        for child in self.children:
            child.parent = self
            child.prev_sibling = previous
            child.next_sibling = None
            if previous is not None:
                previous.next_sibling = child
            previous = child

    def set_child(self, index: int, child: Leaf | Node) -> None:
        self.children[index] = child
        self._link()

    def leaves(self) -> list[Leaf]:
        out: list[Leaf] = []
        for child in self.children:
            out.extend(child.leaves())
        return out


Tree = Leaf | Node


def node(type: str, children: list[Tree]) -> Tree:
    """A node, or its only child (as blib2to3 collapses them)."""
    return children[0] if len(children) == 1 else Node(type, children)


def first_leaf(tree: Tree) -> Leaf:
    while isinstance(tree, Node):
        tree = tree.children[0]
    return tree


def last_leaf(tree: Tree) -> Leaf:
    while isinstance(tree, Node):
        tree = tree.children[-1]
    return tree


def preceding_leaf(tree: Tree | None) -> Leaf | None:
    while tree is not None:
        previous = tree.prev_sibling
        if previous is not None:
            return last_leaf(previous)
        tree = tree.parent
    return None


# --- the parser --------------------------------------------------------------------------------


class Parser:
    """Recursive descent over ``(kind, text)`` tokens of one logical line."""

    def __init__(self, tokens: Sequence[tuple[str, str]]) -> None:
        self.kinds = [kind for kind, _ in tokens] + ["END", "END"]
        self.texts: list[str | None] = [text for _, text in tokens] + [None, None]
        self.end = len(tokens)
        self.at = 0

    def peek(self, offset: int = 0) -> str | None:
        """The next token's text; None at the end."""
        return self.texts[self.at + offset]

    def kind(self, offset: int = 0) -> str:
        return self.kinds[self.at + offset]

    def take(self, text: str | None = None) -> Leaf:
        at = self.at
        value = self.texts[at]
        if value is None or (text is not None and value != text):
            raise Unsupported(f"expected {text!r}, got {value!r}")
        self.at = at + 1
        kind = self.kinds[at]
        return Leaf(value if kind == "OP" else kind, value)

    def name(self) -> Leaf:
        if self.kind() != "NAME" or self.peek() in KEYWORDS:
            raise Unsupported(f"expected a name, got {self.peek()!r}")
        return self.take()

    def done(self) -> None:
        if self.at != self.end:
            raise Unsupported(f"unexpected {self.peek()!r}")

    # expressions

    def test(self) -> Tree:
        if self.peek() == "lambda" and self.kind() == "NAME":
            return self.lambdef()
        operands: list[Tree] = [self.power()]
        while self.peek() == "|":
            operands.append(self.take())
            operands.append(self.power())
        return node("expr", operands)

    def lambdef(self) -> Tree:
        children: list[Tree] = [self.take("lambda")]
        if self.peek() != ":":
            names: list[Tree] = [self.name()]
            while self.peek() == ",":
                names.append(self.take())
                names.append(self.name())
            children.append(node("varargslist", names))
        children.append(self.take(":"))
        children.append(self.test())
        return Node("lambdef", children)

    def power(self) -> Tree:
        atom = self.atom()
        trailers: list[Tree] = []
        while self.peek() in ("(", "[", "."):
            if isinstance(atom, Leaf) and atom.type == "NUMBER":
                raise Unsupported("attribute of a number")  # black adds parentheses
            trailers.append(self.trailer())
        return Node("power", [atom, *trailers]) if trailers else atom

    def trailer(self) -> Tree:
        text = self.peek()
        if text == ".":
            return Node("trailer", [self.take(), self.name()])
        if text == "(":
            opening = self.take()
            inner = [] if self.peek() == ")" else [self.arglist()]
            return Node("trailer", [opening, *inner, self.take(")")])
        opening = self.take("[")
        if self.peek() == "]":
            raise Unsupported("empty subscript")
        return Node("trailer", [opening, self.sequence("subscriptlist", "]"), self.take("]")])

    def arglist(self) -> Tree:
        items: list[Tree] = [self.argument()]
        while self.peek() == ",":
            items.append(self.take())
            if self.peek() == ")":
                break
            items.append(self.argument())
        return node("arglist", items)

    def argument(self) -> Tree:
        if self.kind() == "NAME" and self.peek(1) == "=":
            return Node("argument", [self.name(), self.take("="), self.test()])
        if self.peek() in ("*", "**"):
            raise Unsupported("unpacking")
        return self.test()

    def sequence(self, type: str, closing: str) -> Tree:
        """``test (',' test)* [',']`` up to ``closing``."""
        items: list[Tree] = [self.test()]
        while self.peek() == ",":
            items.append(self.take())
            if self.peek() == closing:
                break
            items.append(self.test())
        return node(type, items)

    def atom(self) -> Tree:
        kind, text = self.kind(), self.peek()
        if kind == "STRING":
            strings: list[Tree] = [self.take()]
            while self.kind() == "STRING":
                strings.append(self.take())
            return node("atom", strings)
        if kind == "NUMBER":
            return self.take()
        if kind == "NAME":
            if text in KEYWORDS:
                raise Unsupported(f"keyword {text!r}")
            return self.take()
        if text == "(":
            opening = self.take()
            if self.peek() == ")":
                return Node("atom", [opening, self.take()])
            inner = self.sequence("testlist_gexp", ")")
            return Node("atom", [opening, inner, self.take(")")])
        if text == "[":
            opening = self.take()
            if self.peek() == "]":
                return Node("atom", [opening, self.take()])
            inner = self.sequence("listmaker", "]")
            if isinstance(inner, Node) and inner.type == "atom" and inner.children[0].type == "(":
                raise Unsupported("a list of one parenthesized item")  # black unwraps it
            return Node("atom", [opening, inner, self.take("]")])
        if text == "{":
            opening = self.take()
            if self.peek() == "}":
                return Node("atom", [opening, self.take()])
            return Node("atom", [opening, self.dictsetmaker(), self.take("}")])
        raise Unsupported(f"unexpected {text!r}")

    def dictsetmaker(self) -> Tree:
        first = self.test()
        if self.peek() != ":":
            items: list[Tree] = [first]
            while self.peek() == ",":
                items.append(self.take())
                if self.peek() == "}":
                    break
                items.append(self.test())
            lone = len(items) == 1 and isinstance(first, Node) and first.type == "atom"
            if lone and isinstance(first, Node) and first.children[0].type == "(":
                raise Unsupported("a set of one parenthesized item")
            return node("dictsetmaker", items)
        entries: list[Tree] = [first, self.take(":"), self.test()]
        while self.peek() == ",":
            entries.append(self.take())
            if self.peek() == "}":
                break
            entries.extend([self.test(), self.take(":"), self.test()])
        return Node("dictsetmaker", entries)

    # statements

    def statement(self) -> Tree:
        """The statement, or a compound statement's header up to its colon."""
        text, kind = self.peek(), self.kind()
        if text == "@" and kind == "OP":
            tree: Tree = Node("decorator", [self.take(), self.test()])
        elif kind == "NAME" and text == "class":
            tree = self.classdef()
        elif kind == "NAME" and text == "def":
            tree = self.funcdef()
        elif kind == "NAME" and text in ("if", "elif"):
            tree = Node("if_stmt", [self.take(), self.test(), self.take(":")])
            parenthesize(tree, 1)
        elif kind == "NAME" and text == "else":
            tree = Node("if_stmt", [self.take(), self.take(":")])
        elif kind == "NAME" and text == "return":
            tree = self.return_stmt()
        elif kind == "NAME" and text == "from":
            tree = self.import_from()
        elif kind == "NAME" and text == "import":
            tree = self.import_name()
        elif kind == "NAME" and text in ("pass", "break", "continue"):
            tree = self.take()
        else:
            tree = self.expr_stmt()
        self.done()
        return tree

    def classdef(self) -> Tree:
        children: list[Tree] = [self.take("class"), self.name()]
        if self.peek() == "(":
            children.append(self.take())
            if self.peek() == ")":
                raise Unsupported("empty class parentheses")  # black removes them
            children.append(self.arglist())
            children.append(self.take(")"))
        children.append(self.take(":"))
        return Node("classdef", children)

    def funcdef(self) -> Tree:
        children: list[Tree] = [self.take("def"), self.name(), self.parameters()]
        if self.peek() == "->":
            children.extend([self.take(), self.test()])
        children.append(self.take(":"))
        tree = Node("funcdef", children)
        if len(children) == 6:
            parenthesize(tree, 4)  # visit_funcdef: the return annotation
        return tree

    def parameters(self) -> Tree:
        opening = self.take("(")
        if self.peek() == ")":
            return Node("parameters", [opening, self.take()])
        items: list[Tree] = [self.parameter()]
        while self.peek() == ",":
            items.append(self.take())
            if self.peek() == ")":
                break
            items.append(self.parameter())
        flat: list[Tree] = []
        for item in items:
            flat.extend(
                item.children if isinstance(item, Node) and item.type == "_default" else [item]
            )
        return Node("parameters", [opening, node("typedargslist", flat), self.take(")")])

    def parameter(self) -> Tree:
        """``name [: annotation] [= default]``; a default is spliced into the list."""
        if self.peek() in ("*", "**", "/"):
            raise Unsupported("special parameters")
        name: Tree = self.name()
        if self.peek() == ":":
            name = Node("tname", [name, self.take(), self.test()])
            annotation = name.children[2]
            if isinstance(annotation, Node) and annotation.type in ("atom", "expr"):
                if annotation.type == "atom":
                    raise Unsupported("parenthesized annotation")
                parenthesize(name, 2)  # visit_tname: a union gets invisible parentheses
        if self.peek() == "=":
            return Node("_default", [name, self.take(), self.test()])
        return name

    def return_stmt(self) -> Tree:
        keyword_leaf = self.take("return")
        if self.at == self.end:
            return keyword_leaf
        tree = Node("return_stmt", [keyword_leaf, self.test()])
        parenthesize(tree, 1)
        return tree

    def import_from(self) -> Tree:
        children: list[Tree] = [self.take("from")]
        dots = 0
        while self.peek() == ".":
            children.append(self.take())
            dots += 1
        if self.peek() != "import":
            children.append(self.dotted_name())
        elif not dots:
            raise Unsupported("from import without a module")
        children.append(self.take("import"))
        if self.peek() == "(":
            opening = self.take()
            names = self.import_as_names(")")
            closing = self.take(")")
            opening.value = closing.value = ""  # _normalize_import_from hides them
            children.extend([opening, names, closing])
        else:
            children.extend([Leaf("(", ""), self.import_as_names(None), Leaf(")", "")])
        return Node("import_from", children)

    def import_as_names(self, closing: str | None) -> Tree:
        items: list[Tree] = [self.import_as_name()]
        while self.peek() == ",":
            items.append(self.take())
            if self.peek() == closing:
                break
            items.append(self.import_as_name())
        return node("import_as_names", items)

    def import_as_name(self) -> Tree:
        if self.peek() == "*":
            raise Unsupported("star import")
        imported = self.name()
        if self.peek() == "as":
            return Node("import_as_name", [imported, self.take(), self.name()])
        return imported

    def import_name(self) -> Tree:
        children: list[Tree] = [self.take("import"), self.dotted_name()]
        if self.peek() is not None:
            raise Unsupported("import of several modules or with as")
        return Node("import_name", children)

    def dotted_name(self) -> Tree:
        parts: list[Tree] = [self.name()]
        while self.peek() == ".":
            parts.append(self.take())
            parts.append(self.name())
        return node("dotted_name", parts)

    def expr_stmt(self) -> Tree:
        target = self.test()
        text = self.peek()
        if text == ":":
            annassign: list[Tree] = [self.take(), self.test()]
            if self.peek() == "=":
                annassign.extend([self.take(), self.test()])
            ann = Node("annassign", annassign)
            parenthesize(ann, 1)
            if len(ann.children) == 4:
                parenthesize(ann, 3)
            tree: Tree = Node("expr_stmt", [target, ann])
        elif text == "=":
            tree = Node("expr_stmt", [target, self.take(), self.test()])
            if self.peek() == "=":
                raise Unsupported("chained assignment")
            parenthesize(tree, 2)
        else:
            return target
        if not _simple_target(target):
            raise Unsupported("assignment target")
        return tree


def _simple_target(target: Tree) -> bool:
    """A name or an attribute/subscript of one: black normalizes nothing there."""
    if isinstance(target, Leaf):
        return target.type == "NAME"
    return target.type == "power" and target.children[0].type == "NAME"


def parenthesize(parent: Node, index: int) -> None:
    """Black's ``normalize_invisible_parens`` for the child at ``index`` (after ``=``,
    an annotation's ``:``, ``return``, ``if``, ``->``): wrapped in invisible
    parentheses, or, when it is already parenthesized, those made invisible unless
    they are needed (an empty or one-element tuple, a tuple)."""
    child = parent.children[index]
    if isinstance(child, Node) and child.type == "atom" and child.children[0].type == "(":
        if len(child.children) == 2:  # ()
            return
        middle = child.children[1]
        if isinstance(middle, Node) and middle.type == "testlist_gexp":
            return  # a tuple: the parentheses stay
        if isinstance(middle, Node) and middle.type == "atom" and middle.children[0].type == "(":
            raise Unsupported("nested parentheses")
        for bracket in (child.children[0], child.children[-1]):
            assert isinstance(bracket, Leaf)
            bracket.value = ""
        return
    if isinstance(child, Leaf) and child.type == "STRING" and is_multiline_string(child):
        return
    parent.set_child(index, Node("atom", [Leaf("(", ""), child, Leaf(")", "")]))


def is_multiline_string(leaf: Leaf) -> bool:
    value = leaf.value.lstrip("furbFURB")
    return value[:3] in ('"""', "'''") and "\n" in value
