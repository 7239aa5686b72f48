"""Python names from doc names, made once here so templates never build names.

Doc text is untrusted: every name that reaches generated code goes through
:func:`identifier` or :func:`class_name`, which only ever return ASCII identifiers
that are not keywords, so no doc can inject code through a name.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|\d+")
_RESERVED = (
    frozenset(keyword.kwlist)
    | frozenset(keyword.softkwlist)
    | {
        "self",
        "cls",
        "None",
        "True",
        "False",
    }
)


def words(text: str) -> list[str]:
    """Split camelCase, kebab-case, snake_case and spaced text into lower-case words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [w.lower() for w in _WORDS.findall(ascii_text)]


def identifier(text: str, fallback: str = "value") -> str:
    """snake_case Python identifier: ``driveItemId`` -> ``drive_item_id``."""
    name = "_".join(words(text)) or fallback
    if name[0].isdigit():
        name = f"n{name}"
    if name in _RESERVED or keyword.iskeyword(name):
        name = f"{name}_"
    return name


def class_name(text: str, fallback: str = "Model") -> str:
    """PascalCase class name: ``listItemVersion`` -> ``ListItemVersion``."""
    name = "".join(w[:1].upper() + w[1:] for w in words(text)) or fallback
    if name[0].isdigit():
        name = f"N{name}"
    if keyword.iskeyword(name):
        name = f"{name}_"
    return name


def is_plain_identifier(text: str) -> bool:
    """Whether ``text`` may stand as a public Python name as written: an ASCII
    identifier, no keyword or reserved name, not private (no leading underscore)."""
    return (
        text.isascii()
        and text.isidentifier()
        and not text.startswith("_")
        and text not in _RESERVED
        and not keyword.iskeyword(text)
    )


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... when already taken; records the result."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}_{n}"
    taken.add(candidate)
    return candidate
