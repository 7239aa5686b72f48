"""JSON Schema of the model JSON, derived from the dataclasses so the two cannot drift.

The committed copy (``generator/schema/model.schema.json``) is what other tools read;
a test checks it equals what this module derives and that real output validates.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from typing import Any

from generator import model

SCHEMA_ID = "https://docs2code.invalid/schema/model.schema.json"


def model_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(model.Model, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "docs2code model",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    return json.dumps(model_schema(), indent=2, sort_keys=True) + "\n"


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(model))
    props = {f.name: _schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    if cls is model.Model:
        props["schema_version"] = {"const": model.SCHEMA_VERSION}
    if cls is model.TypeDef:
        props["full_name"] = {"type": "string"}
    return {
        "type": "object",
        "properties": props,
        "required": sorted(props),
        "additionalProperties": False,
    }


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp is Any:
        return {}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return {"anyOf": [_schema(a, defs) for a in args]}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema(args[0], defs)}
        return {
            "type": "array",
            "prefixItems": [_schema(a, defs) for a in args],
            "items": False,
        }
    if tp is type(None):
        return {"type": "null"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder: recursive references stay finite
            defs[tp.__name__] = _object(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    simple = {str: "string", int: "integer", bool: "boolean", float: "number"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"no JSON Schema for {tp!r}")
