"""Generated packages as tests use them: a plan written out, then imported and forgotten."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType


def write_plan(plan: Mapping[str, str], out: Path) -> Path:
    """Write a build plan (relative path -> text) under ``out``; returns ``out``."""
    for rel, text in plan.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return out


@contextmanager
def imported(module: str, folder: Path) -> Iterator[ModuleType]:
    """``module`` imported from ``folder``, then removed from ``sys.path`` and
    ``sys.modules``, so that another test can import another build under the same name."""
    package = module.split(".", 1)[0]

    def forget() -> None:
        for name in [n for n in sys.modules if n == package or n.startswith(f"{package}.")]:
            del sys.modules[name]

    forget()  # a module of that name imported before (another test, another build)
    importlib.invalidate_caches()
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(module)
    finally:
        sys.path.remove(str(folder))
        forget()
