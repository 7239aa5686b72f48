"""Indented JSON text, as ``json.dumps`` writes it, a subtree at a time.

With ``indent``, Python's encoder is the pure-Python one, which collects every piece of
the text in one list before joining it: for a large document (the corpus's
``openapi.json`` is 27 MB) that list costs several times the text.  Encoding the members
of the outer containers one by one keeps only one member's pieces alive, and gives the
same bytes: a member's text is moved to its depth by indenting its line breaks, which
is exact because the encoder escapes every line break inside a string.
"""

from __future__ import annotations

import json
from typing import Any

SPLIT_DEPTH = 2  # containers this deep and shallower are written member by member


def dumps(value: Any, indent: int, *, sort_keys: bool = False, ensure_ascii: bool = True) -> str:
    """``json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)``."""
    encoder = json.JSONEncoder(indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    parts: list[str] = []
    _write(value, encoder, " " * indent, 0, sort_keys, parts)
    return "".join(parts)


def _write(
    value: Any, encoder: json.JSONEncoder, pad: str, depth: int, sort: bool, out: list[str]
) -> None:
    if depth >= SPLIT_DEPTH or not isinstance(value, dict | list | tuple) or not value:
        out.append(encoder.encode(value).replace("\n", "\n" + pad * depth))
        return
    inner = "\n" + pad * (depth + 1)
    if isinstance(value, dict):
        items = sorted(value.items()) if sort else list(value.items())
        out.append("{")
        for i, (key, member) in enumerate(items):
            out.append(f"{',' if i else ''}{inner}{encoder.encode(_key(key))}: ")
            _write(member, encoder, pad, depth + 1, sort, out)
        out.append("\n" + pad * depth + "}")
        return
    out.append("[")
    for i, member in enumerate(value):
        out.append(f"{',' if i else ''}{inner}")
        _write(member, encoder, pad, depth + 1, sort, out)
    out.append("\n" + pad * depth + "]")


def _key(key: Any) -> str:
    """A key as json.dumps writes it: str as is, other scalars as their JSON text."""
    if isinstance(key, str):
        return key
    if key is True or key is False or key is None:
        return json.dumps(key)
    if isinstance(key, float):
        return json.JSONEncoder().encode(key)
    if isinstance(key, int):
        return str(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
