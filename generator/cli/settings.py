"""Project settings for every command: ``[tool.docs2code]`` in a pyproject.toml, or the
top level of a docs2code.toml, the nearest one at or above the doc root.

Only settings the commands share live here; ``lint`` has its own table (lint/config.py).
The reader's limits are the ``limits`` table (``[tool.docs2code.limits]``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.read import DEFAULT_LIMITS, Limits

MAX_DEPTH = 100  # deeper values would reach Python's recursion and nesting limits downstream


class SettingsError(Exception):
    """A settings file that cannot be used; commands exit 2 with this message."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths are already joined to the settings file's folder, so they mean the same
    whatever the current folder."""

    package: str | None = None  # import name of the generated SDK
    output: str | None = None  # output folder
    docs: tuple[Path, ...] = ()  # doc roots, used when the command names none
    templates: Path | None = None  # template overrides (--templates)
    cache_dir: Path | None = None  # build cache (--cache-dir)
    source: Path | None = None
    limits: Limits = DEFAULT_LIMITS  # what the reader takes on ([tool.docs2code.limits])
    metadata: tuple[Path, ...] = ()  # the service's CSDL schema (lint --metadata)
    docs_url: str | None = None  # the published docs, for absolute links in openapi.json


def find_settings(start: Path) -> Settings:
    try:
        here = start.resolve()
        if here.is_file():
            here = here.parent
    except OSError:  # a name too long for the system: reading it reports that
        here = Path.cwd()
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
    strings = {key: _string(table, key, path) for key in ("package", "output", "templates")}
    cache_dir = _string(table, "cache_dir", path)
    output, templates = strings["output"], strings["templates"]
    return Settings(
        package=strings["package"],
        output=str(path.parent / output) if output else None,
        docs=tuple(path.parent / d for d in _docs(table, path)),
        templates=path.parent / templates if templates else None,
        cache_dir=path.parent / cache_dir if cache_dir else None,
        source=path,
        limits=_limits(table.get("limits"), path),
        metadata=tuple(path.parent / m for m in _paths(table, "metadata", path)),
        docs_url=_string(table, "docs_url", path) or None,
    )


def _limits(value: Any, path: Path) -> Limits:
    """Each key a field of :class:`Limits`, each value a positive integer."""
    if value is None:
        return DEFAULT_LIMITS
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: 'limits' must be a table, such as [tool.docs2code.limits]")
    known = Limits.names()
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise SettingsError(
            f"{path}: unknown limit(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise SettingsError(f"{path}: limit '{key}' must be a positive integer, not {number!r}")
    if value.get("depth", 0) > MAX_DEPTH:
        raise SettingsError(f"{path}: limit 'depth' must be at most {MAX_DEPTH}")
    return replace(DEFAULT_LIMITS, **value)


def _string(table: dict[str, Any], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise SettingsError(f"{path}: '{key}' must be a string, not {value!r}")
    if value == "" and key in ("templates", "cache_dir"):
        raise SettingsError(f"{path}: '{key}' must name a folder, not be empty")
    return value


def _paths(table: dict[str, Any], key: str, path: Path) -> list[str]:
    """A file name or a list of them."""
    value = table.get(key)
    if value is None:
        return []
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise SettingsError(f"{path}: '{key}' must be a file name or a list of them, not {value!r}")
    return names


def _docs(table: dict[str, Any], path: Path) -> list[str]:
    value = table.get("docs")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
        raise SettingsError(
            f"{path}: 'docs' must be a list of folder names, "
            f'such as docs = ["input_docs"], not {value!r}'
        )
    if not value or "" in value:
        raise SettingsError(f"{path}: 'docs' must name at least one folder, and no empty one")
    return value


DEFAULT_DOCS = Path("input_docs")


def doc_limits(roots: Sequence[Path]) -> Limits:
    """The reader's limits: those of the settings at or above the first doc root."""
    return find_settings(roots[0] if roots else Path.cwd()).limits


def doc_roots(given: tuple[Path, ...]) -> tuple[Path, ...]:
    """The doc roots a command reads: those named on its command line, else ``docs`` from
    the settings at or above the current folder (shown relative to it, as the user would
    name them), else ``input_docs``."""
    if given:
        return given
    here = Path.cwd()
    return tuple(
        p.relative_to(here) if p.is_relative_to(here) else p for p in find_settings(here).docs
    ) or (DEFAULT_DOCS,)


def doc_metadata(roots: Sequence[Path]) -> tuple[Path, ...]:
    """The metadata files of the settings at or above the first doc root."""
    return find_settings(roots[0] if roots else Path.cwd()).metadata


def doc_url(roots: Sequence[Path]) -> str | None:
    """Where the docs are published (``docs_url``), from the settings at or above the
    first doc root."""
    return find_settings(roots[0] if roots else Path.cwd()).docs_url
