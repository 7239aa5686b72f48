"""Lint configuration: ``[tool.docs2code.lint]`` in a pyproject.toml, or ``[lint]`` in a
docs2code.toml, found from the doc root upwards.  Codes match by prefix, as in ruff:
``DC3`` means every DC3xx rule."""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.model import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used; the CLI exits 2 with this message."""


@dataclass(frozen=True, slots=True)
class LintConfig:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    source: str | None = None  # the file it came from

    def is_selected(self, code: str) -> bool:
        chosen = not self.select or any(code.startswith(p) for p in self.select)
        return chosen and not any(code.startswith(p) for p in self.ignore)

    def is_ignored(self, code: str, file: str) -> bool:
        """Per-path ignores: ``file`` is the page's path relative to its doc root (as in
        the model, e.g. ``api/user-get.md``), matched with fnmatch, where ``*`` also
        crosses ``/``."""
        return any(
            fnmatch.fnmatchcase(file, glob) and any(code.startswith(c) for c in codes)
            for glob, codes in self.per_path_ignores
        )

    def severity_of(self, code: str) -> Severity | None:
        """The configured severity for ``code``: the longest matching prefix wins, so
        ``DC4 = "warning"`` with ``DC402 = "error"`` leaves DC402 an error."""
        matches = [prefix for prefix in self.severity if code.startswith(prefix)]
        return self.severity[max(matches, key=len)] if matches else None

    def codes(self) -> tuple[str, ...]:
        """Every code or prefix the configuration names, to check they exist."""
        per_path = tuple(c for _, codes in self.per_path_ignores for c in codes)
        return self.select + self.ignore + per_path + tuple(self.severity)

    def overridden(self, select: Sequence[str] | None, ignore: Sequence[str] | None) -> LintConfig:
        """Command-line ``--select`` replaces the configured list; ``--ignore`` adds to it."""
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
        )


_FILES = (("docs2code.toml", ("lint",)), ("pyproject.toml", ("tool", "docs2code", "lint")))


def find_config(start: Path) -> LintConfig:
    """The nearest docs2code.toml or pyproject.toml (with a docs2code table) at or above
    ``start``; defaults when there is none."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name, keys in _FILES:
            candidate = folder / name
            if candidate.is_file():
                table = _table(candidate, keys)
                if table is not None:
                    return parse_config(table, str(candidate))
    return LintConfig()


def read_config(path: Path) -> LintConfig:
    """Settings from one named file (``--config``); a file without the table is an error."""
    keys = dict(_FILES).get(path.name, ("tool", "docs2code", "lint"))
    table = _table(path, keys)
    if table is None:
        raise ConfigError(f"{path}: no [{'.'.join(keys)}] table")
    return parse_config(table, str(path))


def _table(path: Path, keys: Sequence[str]) -> Mapping[str, Any] | None:
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [{'.'.join(keys)}] must be a table")
    return data


def parse_config(table: Mapping[str, Any], source: str) -> LintConfig:
    known = {"select", "ignore", "per-path-ignores", "severity"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown lint setting(s): {', '.join(unknown)}")
    per_path = table.get("per-path-ignores", {})
    severity = table.get("severity", {})
    if not isinstance(per_path, dict) or not isinstance(severity, dict):
        raise ConfigError(f"{source}: per-path-ignores and severity must be tables")
    try:
        levels = {
            str(code).strip().upper(): Severity(str(level).strip().lower())
            for code, level in severity.items()
        }
    except ValueError as exc:
        raise ConfigError(f"{source}: severity must be error, warning or info: {exc}") from exc
    return LintConfig(
        select=_codes(table.get("select", []), source),
        ignore=_codes(table.get("ignore", []), source),
        per_path_ignores=tuple(
            (str(glob), _codes(codes, source)) for glob, codes in sorted(per_path.items())
        ),
        severity=levels,
        source=source,
    )


def _codes(value: Any, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: rule codes must be a list of strings, not {value!r}")
    return tuple(v.strip().upper() for v in value if v.strip())
