"""The space black puts before a token: ``black.nodes.whitespace`` for the subset of
:mod:`.syntax` (no slices, stars, unary operators, comparisons or f-strings)."""

from __future__ import annotations

from generator.render.stable.syntax import CLOSING, OPENING, Leaf, preceding_leaf

_NO_SPACE = CLOSING | {","}


def whitespace(leaf: Leaf) -> str:
    """What black writes between the previous token and ``leaf`` on one line."""
    t, p = leaf.type, leaf.parent
    if t in _NO_SPACE:
        return ""
    if t == "COMMENT":
        return "  "
    assert p is not None
    if t == ":":
        return ""  # no slices in the subset
    prev = leaf.prev_sibling
    if prev is None:
        prevp = preceding_leaf(p)
        if prevp is None or prevp.type in OPENING:
            return ""
        if prevp.type == "=" and prevp.parent is not None:
            if prevp.parent.type in ("arglist", "argument", "parameters", "varargslist"):
                return ""
            if prevp.parent.type == "typedargslist":
                return prevp.prefix
        elif prevp.type == "@" and p.parent is not None and p.parent.type == "decorator":
            return ""
    elif prev.type in OPENING:
        return ""
    pt = p.type
    if pt in ("parameters", "arglist"):
        if prev is None or prev.type != ",":
            return ""
    elif pt == "varargslist":
        if prev is not None and prev.type != ",":
            return ""
    elif pt == "typedargslist":
        if prev is None:
            return ""
        if t == "=":
            if prev.type != "tname":
                return ""
        elif isinstance(prev, Leaf) and prev.type == "=":
            return prev.prefix
        elif prev.type != ",":
            return ""
    elif pt == "tname":
        if prev is None:
            prevp = preceding_leaf(p)
            if prevp is None or prevp.type != ",":
                return ""
    elif pt == "trailer":
        if t in ("(", ")"):
            return ""
        if prev is None:
            if t in (".", "["):
                return ""
        elif prev.type != ",":
            return ""
    elif pt == "argument":
        if t == "=":
            return ""
        if prev is None:
            prevp = preceding_leaf(p)
            if prevp is None or prevp.type == "(":
                return ""
        elif prev.type == "=":
            return ""
    elif pt == "decorator":
        return ""
    elif pt == "dotted_name":
        if prev is not None:
            return ""
        prevp = preceding_leaf(p)
        if prevp is None or prevp.type in ("@", "."):
            return ""
    elif pt == "classdef":
        if t == "(" or (prev is not None and prev.type == "("):
            return ""
    elif pt == "atom":
        if prev is not None and t == ".":
            return ""
    elif pt == "import_from":
        if t == ".":
            if prev is not None and prev.type == ".":
                return ""
        elif t == "NAME":
            if leaf.value == "import":
                return " "
            if prev is not None and prev.type == ".":
                return ""
    return " "
