"""A command's settings, resolved once: its flags, over the settings file, over the
defaults, into one frozen :class:`Settings` that every part of the command reads (the
reader its limits, the renderers their :class:`BuildOptions`, the linter its
:class:`LintConfig`).

The settings file is found once, from the first doc path as the user wrote it (made
absolute, symbolic links not resolved: a ``docs`` that links to a folder elsewhere still
finds the project's settings beside it), else from the current folder: the nearest
folder at or above it that holds a ``docs2code.toml`` (its top level) or a
``pyproject.toml`` with a ``[tool.docs2code]`` table, ``docs2code.toml`` first.  Paths in
it are relative to its folder.  Every key at every level is checked: an unknown one is an
error naming the file, the table and the key, with the closest known key.  Every key is
documented in docs/configuration.md.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.cache import DEFAULT_CACHE_DIR
from generator.exits import fail
from generator.lint.config import KEYS as LINT_KEYS
from generator.lint.config import ConfigError, LintConfig, parse_config
from generator.model import Convention
from generator.read import DEFAULT_LIMITS, Limits, has_pages
from generator.render.options import DEFAULT_PACKAGE, BuildOptions

DEFAULT_DOCS = Path("input_docs")
DEFAULT_OUTPUT = Path("generated")
MAX_DEPTH = 100  # deeper values would reach Python's recursion and nesting limits downstream
PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")  # an import name the SDK and stubs can take

KEYS = (
    "docs",
    "output",
    "package",
    "templates",
    "cache_dir",
    "metadata",
    "docs_url",
    "convention",
    "lint",
    "limits",
)
"""The keys of ``[tool.docs2code]`` (the top level of a docs2code.toml)."""

# (file name, where its table is): docs2code.toml first in a folder
_FILES = (("docs2code.toml", ()), ("pyproject.toml", ("tool", "docs2code")))


class SettingsError(Exception):
    """A settings file that cannot be used (one line per problem); commands exit 2."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What a command does and where: flags over the settings file over the defaults.
    Paths from the file are joined to its folder, so they mean the same whatever the
    current folder."""

    roots: tuple[Path, ...] = (DEFAULT_DOCS,)  # the doc roots read
    output: Path = DEFAULT_OUTPUT  # build/check/serve/watch output folder
    options: BuildOptions = field(default_factory=BuildOptions)  # package, templates, docs_url
    cache_dir: Path | None = DEFAULT_CACHE_DIR  # the build cache; None: --no-cache
    limits: Limits = DEFAULT_LIMITS  # what the reader takes on ([tool.docs2code.limits])
    lint: LintConfig = field(default_factory=LintConfig)  # the lint table, or --config FILE
    metadata: tuple[Path, ...] = ()  # the service's CSDL schema (lint --metadata)
    convention: Convention | None = None  # the doc set's; None ("auto"): from the pages
    source: Path | None = None  # the settings file; None: there is none

    @property
    def package(self) -> str:
        return self.options.package

    @property
    def templates(self) -> Path | None:
        return self.options.templates

    @property
    def docs_url(self) -> str | None:
        return self.options.docs_url


def resolve(
    command: str,
    docs: Sequence[Path] | None = (),
    *,
    output: Path | None = None,
    package: str | None = None,
    templates: Path | None = None,
    cache_dir: Path | None = None,
    no_cache: bool = False,
    docs_url: str | None = None,
    metadata: Sequence[Path] = (),
    lint_config: Path | None = None,
    pages: bool = True,
) -> Settings:
    """The command's settings, from its flags over the settings file over the defaults;
    a configuration or usage error is one line per problem on stderr and exit 2.

    ``docs``: the doc paths on the command line (empty: ``docs`` of the settings, else
    ``input_docs``); each must exist, and with ``pages`` at least one page must be found
    under them.  None: the command reads no doc roots (``serve``, ``diff``): the settings
    are searched from the current folder and no root is checked."""
    try:
        found = find_settings(docs[0] if docs else Path.cwd())
        lint = read_lint_config(lint_config) if lint_config is not None else found.lint
    except SettingsError as exc:
        fail(command, str(exc))
    if package is not None and not PACKAGE.fullmatch(package):
        fail(command, f"{package!r} is not a valid package name")
    settings = replace(
        found,
        roots=tuple(docs) if docs else found.roots,
        output=output or found.output,
        options=BuildOptions(
            package or found.package,
            templates or found.templates,
            docs_url or found.docs_url,
        ),
        cache_dir=None if no_cache else cache_dir or found.cache_dir,
        lint=lint,
        metadata=tuple(metadata) or found.metadata,
    )
    if docs is not None:
        check_roots(command, settings.roots, pages)
    return settings


def check_roots(command: str, roots: Sequence[Path], pages: bool = True) -> None:
    """Exit 2 when a doc root does not exist, or (``pages``) when none holds a page."""
    missing = [problem for problem in map(_missing, roots) if problem is not None]
    if missing:
        fail(command, "\n".join(missing))
    if pages and not has_pages(roots):
        names, them = ", ".join(str(r) for r in roots), "them" if len(roots) > 1 else "it"
        fail(command, f"no pages in {names}: no *.md file under {them}; nothing to do")


def _missing(root: Path) -> str | None:
    """Why ``root`` does not exist, or None (other errors are the reader's to report)."""
    try:
        os.stat(root)
    except ValueError:  # an embedded NUL byte
        return f"no such file or folder: {root!r}"
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            link = " (a broken symbolic link)" if os.path.lexists(root) else ""
            return f"no such file or folder: {root}{link}"
        if exc.errno in (errno.ENAMETOOLONG, errno.ELOOP):
            return f"no such file or folder: {root} ({exc.strerror})"
    return None


# --- the settings file -------------------------------------------------------------


def find_settings(start: Path) -> Settings:
    """The settings file at or above ``start`` (taken as written: absolute, links not
    resolved; a file's folder), over the defaults; :class:`Settings` when there is none."""
    here = Path(os.path.abspath(start))
    if not os.path.isdir(here):
        here = here.parent
    for folder in (here, *here.parents):
        for name, keys in _FILES:
            path = folder / name
            if os.path.isfile(path):
                table = _table(path, keys)
                if table is not None:
                    return _settings(table, path, keys)
    return Settings()


def read_lint_config(path: Path) -> LintConfig:
    """The lint table of one named file (``lint --config FILE``): ``[lint]`` of a
    docs2code.toml, else ``[tool.docs2code.lint]``; a file without it is an error."""
    keys = dict(_FILES).get(path.name, ("tool", "docs2code"))
    table = _table(path, keys)
    where = _where(keys, "lint")
    lint = None if table is None else table.get("lint")
    if lint is None:
        raise SettingsError(f"{path}: no {where} table")
    return _lint(lint, path, where)


def _table(path: Path, keys: tuple[str, ...]) -> Mapping[str, Any] | None:
    """The docs2code table of the file at ``path``; None when it has none."""
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read configuration: {exc}") from exc
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: {_where(keys)} must be a table")
    return data


def _where(keys: tuple[str, ...], sub: str = "") -> str:
    """How the user names a table: ``[tool.docs2code.lint]``, ``[lint]``, ``the top level``."""
    name = ".".join((*keys, sub) if sub else keys)
    return f"[{name}]" if name else "the top level"


def _settings(table: Mapping[str, Any], path: Path, keys: tuple[str, ...]) -> Settings:
    _check_keys(table, path, keys)
    base = path.parent
    package = _string(table, "package", path)
    if package is not None and not PACKAGE.fullmatch(package):
        raise SettingsError(f"{path}: 'package' {package!r} is not a valid package name")
    output, templates = _string(table, "output", path), _string(table, "templates", path)
    cache_dir = _string(table, "cache_dir", path)
    lint = table.get("lint")
    here = Path.cwd()
    docs = tuple(base / d for d in _docs(table, path))
    return Settings(
        roots=tuple(p.relative_to(here) if p.is_relative_to(here) else p for p in docs)
        or (DEFAULT_DOCS,),
        output=base / output if output else DEFAULT_OUTPUT,
        options=BuildOptions(
            package or DEFAULT_PACKAGE,
            base / templates if templates else None,
            _string(table, "docs_url", path) or None,
        ),
        cache_dir=base / cache_dir if cache_dir else DEFAULT_CACHE_DIR,
        limits=_limits(table.get("limits"), path),
        lint=LintConfig() if lint is None else _lint(lint, path, _where(keys, "lint")),
        metadata=tuple(base / m for m in _paths(table, "metadata", path)),
        convention=_convention(table, path),
        source=path,
    )


def _check_keys(table: Mapping[str, Any], path: Path, keys: tuple[str, ...]) -> None:
    """Every unknown key of the table and of its lint and limits tables, one line each."""
    problems = _unknown(table, KEYS, path, _where(keys))
    for sub, known in (("lint", LINT_KEYS), ("limits", Limits.names())):
        inner = table.get(sub)
        if isinstance(inner, dict):
            problems += _unknown(inner, known, path, _where(keys, sub))
    if problems:
        raise SettingsError("\n".join(problems))


def _unknown(table: Mapping[str, Any], known: Sequence[str], path: Path, where: str) -> list[str]:
    problems = []
    for key in sorted(set(table) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        problems.append(f"{path}: unknown key '{key}' in {where}; {hint}")
    return problems


def _lint(value: Any, path: Path, where: str) -> LintConfig:
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: {where} must be a table")
    unknown = _unknown(value, LINT_KEYS, path, where)
    if unknown:
        raise SettingsError("\n".join(unknown))
    try:
        return parse_config(value, str(path))
    except ConfigError as exc:
        raise SettingsError(str(exc)) from exc


def _limits(value: Any, path: Path) -> Limits:
    """Each key a field of :class:`Limits` (checked with the others), each value a
    positive integer."""
    if value is None:
        return DEFAULT_LIMITS
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: 'limits' must be a table, such as [tool.docs2code.limits]")
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise SettingsError(f"{path}: limit '{key}' must be a positive integer, not {number!r}")
    if value.get("depth", 0) > MAX_DEPTH:
        raise SettingsError(f"{path}: limit 'depth' must be at most {MAX_DEPTH}")
    return replace(DEFAULT_LIMITS, **value)


def _convention(table: Mapping[str, Any], path: Path) -> Convention | None:
    """``"auto"`` (the default: decided from the pages, None), ``"graph"`` or ``"apidoctor"``."""
    value = table.get("convention", "auto")
    known = ("auto", *(c.value for c in Convention))
    if isinstance(value, str) and value in known:
        return None if value == "auto" else Convention(value)
    close = difflib.get_close_matches(value, known, n=1) if isinstance(value, str) else []
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise SettingsError(
        f"{path}: 'convention' must be one of {', '.join(map(repr, known))}, not {value!r}{hint}"
    )


def _string(table: Mapping[str, Any], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise SettingsError(f"{path}: '{key}' must be a string, not {value!r}")
    if value == "" and key in ("templates", "cache_dir"):
        raise SettingsError(f"{path}: '{key}' must name a folder, not be empty")
    return value


def _paths(table: Mapping[str, Any], key: str, path: Path) -> list[str]:
    """A file name or a list of them."""
    value = table.get(key)
    if value is None:
        return []
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise SettingsError(f"{path}: '{key}' must be a file name or a list of them, not {value!r}")
    return names


def _docs(table: Mapping[str, Any], path: Path) -> list[str]:
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
