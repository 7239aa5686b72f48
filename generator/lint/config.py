"""Lint configuration: the ``[tool.docs2code.lint]`` table of a pyproject.toml, or
``[lint]`` of a docs2code.toml, as found and checked by the command's settings
(``generator/cli/settings.py``).  Codes match by prefix, as in ruff: ``DC3`` means every
DC3xx rule."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
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


KEYS = ("select", "ignore", "per-path-ignores", "severity")
"""The keys of the lint table; the settings reject any other, naming the closest."""


def parse_config(table: Mapping[str, Any], source: str) -> LintConfig:
    """The lint table's values (its keys are among :data:`KEYS`), checked."""
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
