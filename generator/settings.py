"""Project settings for every command: ``[tool.docs2code]`` in a pyproject.toml, or the
top level of a docs2code.toml, the nearest one at or above the doc root.

Only settings the commands share live here; ``lint`` has its own table (lint/config.py).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SettingsError(Exception):
    """A settings file that cannot be used; commands exit 2 with this message."""


@dataclass(frozen=True, slots=True)
class Settings:
    package: str | None = None  # import name of the generated SDK
    output: str | None = None  # output folder, relative to the settings file
    source: Path | None = None


def find_settings(start: Path) -> Settings:
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name, keys in (("docs2code.toml", ()), ("pyproject.toml", ("tool", "docs2code"))):
            path = folder / name
            if path.is_file():
                table = _table(path, keys)
                if table is not None:
                    return _settings(table, path)
    return Settings()


def _table(path: Path, keys: tuple[str, ...]) -> dict[str, Any] | None:
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else None


def _settings(table: dict[str, Any], path: Path) -> Settings:
    values: dict[str, str | None] = {}
    for key in ("package", "output"):
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise SettingsError(f"{path}: '{key}' must be a string, not {value!r}")
        values[key] = value
    output = values["output"]
    return Settings(
        package=values["package"],
        output=str(path.parent / output) if output else None,
        source=path,
    )
