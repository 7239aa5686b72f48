"""Read type references from table cells and JSON representations (conventions.md section 9).

Only the shape of a reference is decided here.  A link names a type of the doc set
(``COMPLEX``); a known Edm name is ``PRIMITIVE``; any other bare or namespaced name is
``UNKNOWN`` because only the resolver, which sees every page, can tell a complex type
from an enum.  Names stay as written (``identitySet``, ``callRecords.endpoint``); the
resolver qualifies them.  Nothing here raises: odd input gives ``UNKNOWN`` with the
cell's ``raw`` for the linter.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.model import TypeKind, TypeRef
from generator.read.inline import Inline

__all__ = ["parse_type_cell", "primitive_name", "type_from_json_value"]

_EDM = (
    *("Binary", "Boolean", "Byte", "Date", "DateTimeOffset", "Decimal", "Double", "Duration"),
    *("Guid", "Int16", "Int32", "Int64", "SByte", "Single", "Stream", "String", "TimeOfDay"),
    "Untyped",
)
_PRIMITIVES = {name.lower(): f"Edm.{name}" for name in _EDM}
_ALIASES = {
    # Names writers use for Edm types; OData v4 has no DateTime, so it means an offset.
    "bool": "Edm.Boolean",
    "int": "Edm.Int32",
    "integer": "Edm.Int32",
    "long": "Edm.Int64",
    "float": "Edm.Single",
    "number": "Edm.Double",
    "datetime": "Edm.DateTimeOffset",
    "timestamp": "Edm.DateTimeOffset",
    "url": "Edm.String",
    "uri": "Edm.String",
}
# "String (timestamp)" in a JSON representation stands for the Edm type it serializes.
_STRING_FORMATS = (
    ("timestamp", "Edm.DateTimeOffset"),
    ("datetime", "Edm.DateTimeOffset"),
    ("date time", "Edm.DateTimeOffset"),
    ("duration", "Edm.Duration"),
    ("time of day", "Edm.TimeOfDay"),
    ("timeofday", "Edm.TimeOfDay"),
    ("binary", "Edm.Binary"),
    ("base64", "Edm.Binary"),
    ("date", "Edm.Date"),
)
_INT32 = range(-(2**31), 2**31)


def primitive_name(text: str) -> str | None:
    """The Edm name for a primitive as writers spell it, else None.

    Case is ignored (``string``, ``Edm.int32``, ``GUID``); a few informal names
    (``int``, ``bool``, ``DateTime``) are accepted without the ``Edm.`` prefix only.
    """
    name = text.strip().strip("`").strip().lower()
    if name.startswith("edm."):
        return _PRIMITIVES.get(name[4:])
    return _PRIMITIVES.get(name) or _ALIASES.get(name)


# --- text helpers -------------------------------------------------------------------

_COLLECTION = re.compile(r"\bcollection\b", re.IGNORECASE)
_WRAPPED = re.compile(r"collection\s*\((.*?)\)?\s*", re.IGNORECASE | re.DOTALL)
_COLLECTION_OF = re.compile(r"collection\s+of\s+(.*)", re.IGNORECASE | re.DOTALL)
_PAREN = re.compile(r"\(([^()]*)\)")
_LINK_SOURCE = re.compile(r"\[(?P<name>[^\[\]]+)\](?:\((?P<target>[^()\s]*)\)|\[[^\[\]]*\]|\()")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_EMBEDDED_EDM = re.compile(r"\bEdm\.([A-Za-z0-9]+)")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _clean(text: str) -> str:
    """Emphasis and code marks removed, whitespace collapsed."""
    return " ".join(text.replace("*", "").replace("`", "").split())


def _unwrap_collection(text: str) -> str:
    """The element type of ``Collection(x)``, ``Collection of x`` or ``x collection``."""
    for pattern in (_WRAPPED, _COLLECTION_OF):
        match = pattern.fullmatch(text)
        if match:
            return match.group(1).strip()
    return " ".join(_COLLECTION.sub(" ", text).split())


def _first_word(text: str, separators: str) -> str:
    """The leading name, without parenthesized notes such as ``(identifier)``."""
    words = re.split(separators, _PAREN.sub(" ", text).strip(), maxsplit=1)
    return words[0].strip(".,;:") if words else ""


def _string_format(text: str) -> str:
    """The Edm type a ``String (...)`` note asks for; ``Edm.String`` when none does."""
    notes = " ".join(_PAREN.findall(text)).lower()
    for word, edm in _STRING_FORMATS:
        if re.search(rf"\b{word}\b", notes):  # "(update)" is no date
            return edm
    return "Edm.String"


def _primitive(name: str, is_collection: bool, raw: str, link: str | None = None) -> TypeRef:
    return TypeRef(name, TypeKind.PRIMITIVE, is_collection, raw, link)


def _unknown(name: str, is_collection: bool, raw: str) -> TypeRef:
    return TypeRef(name, TypeKind.UNKNOWN, is_collection, raw)


# --- table cells --------------------------------------------------------------------


def _cell_link(cell: Inline) -> tuple[str, str | None] | None:
    """(name, target) of the first link, parsed or left literal by the Markdown parser.

    ``[identitySet][]`` with no definition in reach and the unclosed ``[x](x.md`` are
    plain text to markdown-it; they still name a type, but carry no target.
    """
    if cell.links:
        first = cell.links[0]
        return _clean(first.text), first.target or None
    match = _LINK_SOURCE.search(cell.raw or cell.text)
    if match is None:
        return None
    return _clean(match.group("name")), match.group("target") or None


def parse_type_cell(cell: Inline) -> TypeRef:
    """The type a ``Type`` column cell names.

    ``is_collection`` is set by any ``collection`` word or wrapper.  For
    ``[a](a.md) or [b](b.md)`` the first link wins; ``raw`` keeps the rest.  Notes in
    parentheses (``String (identifier)``) are dropped: the table states the type.
    """
    raw = (cell.raw or cell.text).strip()
    text = _clean(cell.text or cell.raw)
    is_collection = _COLLECTION.search(text) is not None
    link = _cell_link(cell)
    if link is not None:
        name, target = link
        edm = primitive_name(name)
        if edm is not None:
            return _primitive(edm, is_collection, raw, target)
        return TypeRef(name, TypeKind.COMPLEX, is_collection, raw, target)
    body = _unwrap_collection(text)
    if len(body.split()) > 1 and cell.code:  # "** Unknown Type `ns.x` **": the code names it
        body = _unwrap_collection(_clean(cell.code[0]))
    name = _first_word(body, r"[\s,|]+")
    edm = primitive_name(name.split("/", 1)[0])  # "string/number", not "application/json"
    if edm is not None:
        return _primitive(edm, is_collection, raw)
    return _unknown(name, is_collection, raw)


# --- JSON representation values ---------------------------------------------------------


def _json_text(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _from_odata_type(value: str, raw: str) -> TypeRef:
    """``{"@odata.type": "#microsoft.graph.x"}``: an object of a named type."""
    text = value.strip().lstrip("#")
    is_collection = _WRAPPED.fullmatch(text) is not None
    name = _unwrap_collection(text).lstrip("#") if is_collection else text
    edm = primitive_name(name)
    if edm is not None:
        return _primitive(edm, is_collection, raw)
    return TypeRef(name, TypeKind.COMPLEX, is_collection, raw)


def _from_enum_members(text: str) -> TypeRef:
    """``incoming | outgoing`` lists members: an enum whose name only the table gives.

    ``ENUM`` with an empty name rather than ``Edm.String``, so that a check against
    the property table sees an enum, not a string; the members stay in ``raw``.
    """
    first = text.split("|", 1)[0].strip()
    edm = primitive_name(first)
    if edm is not None:  # "String | null"
        return _primitive(edm, False, text)
    return TypeRef("", TypeKind.ENUM, False, text)


def _from_example_value(text: str) -> TypeRef:
    """A sample value rather than a type name: guess from its look, default string."""
    if _ISO_DATETIME.fullmatch(text):
        return _primitive("Edm.DateTimeOffset", False, text)
    if _GUID.fullmatch(text):
        return _primitive("Edm.Guid", False, text)
    return _primitive("Edm.String", False, text)


def _from_json_string(value: str) -> TypeRef:
    """A string value: a type name (``String (timestamp)``, ``microsoft.graph.x``),
    enum members, or a sample value.  Not cached here: a TypeRef shared across pages
    would make a page's pickle, and so its result digest, depend on the pages read
    before it in the same process."""
    text = value.strip()
    if not text:
        return _unknown("", False, value)
    if "|" in text:
        return _from_enum_members(text)
    body = re.sub(r"^@odata\.type\s*:\s*", "", text).lstrip("#")
    is_collection = _COLLECTION.search(body) is not None
    body = _unwrap_collection(body).lstrip("#")
    name = _first_word(body, r"\s+")
    edm = primitive_name(name)
    if edm == "Edm.String":
        edm = _string_format(body)
    if edm is not None:
        return _primitive(edm, is_collection, value)
    embedded = _EMBEDDED_EDM.search(body)
    if embedded and (edm := primitive_name(embedded.group(1))) is not None:
        return _primitive(edm, is_collection, value)
    if _IDENTIFIER.fullmatch(_PAREN.sub("", body).strip()):
        return _unknown(name, is_collection, value)
    return _from_example_value(text)


def type_from_json_value(value: Any) -> TypeRef:
    """The type a value of a resource's JSON representation stands for.

    Strings are read as type names first (``"String (identifier)"``, ``"Int32"``);
    a ``String (...)`` note naming a format gives that Edm type (``String
    (timestamp)`` is ``Edm.DateTimeOffset``).  Other JSON values give their natural
    primitive; an object without ``@odata.type`` is ``COMPLEX`` with an empty name;
    an array is a collection of its first element's type.
    """
    if isinstance(value, str):
        return _from_json_string(value)
    raw = _json_text(value)
    if isinstance(value, bool):
        return _primitive("Edm.Boolean", False, raw)
    if isinstance(value, int):
        return _primitive("Edm.Int32" if value in _INT32 else "Edm.Int64", False, raw)
    if isinstance(value, float):
        return _primitive("Edm.Double", False, raw)
    if isinstance(value, list):
        element = type_from_json_value(value[0]) if value else _unknown("", False, raw)
        return TypeRef(element.name, element.kind, True, raw, element.link)
    if isinstance(value, dict):
        odata = value.get("@odata.type", value.get("@type"))
        if isinstance(odata, str) and odata.strip():
            return _from_odata_type(odata, raw)
        return TypeRef("", TypeKind.COMPLEX, False, raw)
    return _unknown("", False, raw)
