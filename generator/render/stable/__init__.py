"""Whether black would leave a piece of generated Python as it is, decided without black:
the shortcut that lets a build skip black, as a declared contract with one black release.

The proof (:mod:`.proof` and the modules it uses) is a port of black's line layout, and
it reads black's private modules (``black.strings``, ``black.comments``), which change
from one release to the next.  So it is used only when the installed black is exactly
:data:`FOLLOWS`, checked at run time, and only then are its modules (and black's private
ones) imported; if that import fails all the same, the shortcut is off.  With any other
black, :func:`unchanged` answers "no" for every piece and black formats each of them:
slower, never broken, and the output is that black's.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

import black

FOLLOWS = "26.10.1"
"""The black release the proof is a port of (``black.__version__``)."""


def unchanged(piece: str) -> bool:
    """True when ``black.format_str(piece)`` is ``piece`` without its surrounding line
    ends; False when it is not, or when this cannot tell (black then formats it, so
    the proof failing in any way never fails a build), which is always the case with a
    black other than :data:`FOLLOWS`."""
    proof = active_proof()
    return proof is not None and proof(piece)


@cache
def active_proof() -> Callable[[str], bool] | None:
    """The proof, for the installed black; None (black formats every piece) when that
    black is not :data:`FOLLOWS` or the proof cannot be imported against it."""
    return proof_for(getattr(black, "__version__", None))


def proof_for(version: str | None) -> Callable[[str], bool] | None:
    """The proof if ``version`` is :data:`FOLLOWS` and it imports, else None."""
    if version != FOLLOWS:
        return None
    try:
        module = importlib.import_module("generator.render.stable.proof")
        proof: Callable[[str], bool] = module.unchanged
    except (ImportError, AttributeError):  # black's private modules moved: no shortcut
        return None
    return proof
