"""The model as JSON: sorted keys, stable order, no absolute paths or timestamps."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from typing import Any

from generator.model import Model, TypeDef

_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def to_data(value: Any) -> Any:
    """Dataclasses become objects (``TypeDef`` also gets its ``full_name``), tuples lists."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    data = {name: to_data(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, TypeDef):
        data["full_name"] = value.full_name
    return data


def model_to_json(model: Model) -> str:
    data = to_data(model)
    ordered = {"schema_version": data.pop("schema_version"), **data}
    return json.dumps(ordered, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
