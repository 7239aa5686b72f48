"""What the renderers (sdk/, stubs/, suite/) share: the templates and black.

This face is light (no Jinja, no black): commands check ``--templates`` before they
know whether anything has to be rendered."""

from __future__ import annotations

from pathlib import Path

PACKAGED = Path(__file__).resolve().parents[1] / "templates"
"""Where an installed wheel holds the built-in templates (setup.py copies the top-level
``templates/`` folder, their source, into the package as ``generator/templates``)."""
CHECKOUT = Path(__file__).resolve().parents[2] / "templates"
"""The source of the built-in templates, read in a checkout or an editable install."""


def builtin_templates() -> Path:
    """The built-in templates: those inside the installed package when there are, else
    the checkout's ``templates/``.  The one place that locates them: the renderers'
    folders (``BUILTIN / "sdk"``, ...) derive from it."""
    return PACKAGED if PACKAGED.is_dir() else CHECKOUT


BUILTIN = builtin_templates()
"""The built-in templates (``--templates DIR`` overrides them file by file)."""


def override_problems(override: Path, builtin: Path = BUILTIN) -> list[str]:
    """Why ``--templates DIR`` may not do what its author meant: not a folder, or files
    that override nothing (a misspelt name is otherwise silently ignored)."""
    if not override.is_dir():
        return [f"{override}: not a folder"]
    known = {p.relative_to(builtin).as_posix() for p in builtin.rglob("*") if p.is_file()}
    return [
        f"{override / rel}: no built-in template {rel} to override"
        for rel in sorted(
            p.relative_to(override).as_posix() for p in override.rglob("*") if p.is_file()
        )
        if rel not in known and not rel.rsplit("/", 1)[-1].startswith(".")
    ]
