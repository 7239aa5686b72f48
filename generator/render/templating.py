"""Jinja environments for every renderer, with user overrides (``--templates DIR``).

``DIR`` mirrors the built-in ``templates/`` folder: ``DIR/sdk/models_module.py.jinja``
replaces ``templates/sdk/models_module.py.jinja``, ``DIR/stubs/app.py`` replaces
``templates/stubs/app.py``.  A template ``DIR`` does not have comes from the
built-in folder, so an override holds only the files it changes; includes and macro
imports (``{% from "_macros.jinja" ... %}``) are looked up the same way.  Static
modules (``sdk/_runtime.py``) are plain ``.py`` files, looked up the same way and copied
as they are (:func:`static_source`), so editors, ruff and mypy read them as source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined


def template_environment(
    builtin: Path,
    override: Path | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
) -> Environment:
    """The environment for one renderer's templates.  ``builtin`` is its folder
    (``templates/sdk``); ``override`` is the user's ``--templates DIR``, searched first
    in ``DIR/<builtin.name>`` (``DIR/sdk``).  None: built-in templates only."""
    loaders: list[BaseLoader] = []
    if override is not None:
        loaders.append(FileSystemLoader(str(override / builtin.name)))
    loaders.append(FileSystemLoader(str(builtin)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        autoescape=False,
    )
    env.filters.update(filters or {})
    return env


def static_source(env: Environment, name: str) -> str:
    """The text of the file ``name`` (an override's, else the built-in one), not rendered."""
    assert env.loader is not None
    source: str = env.loader.get_source(env, name)[0]
    return source


