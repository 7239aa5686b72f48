"""verify -> write: the last steps of ``build`` and ``watch``; ``check`` takes them with
writing switched off, so "check passes" means "build would write nothing"."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.output.sync import SyncResult, sync_output


def sync(output: Path, plan: Mapping[str, str], *, write: bool, force: bool = False) -> SyncResult:
    """Verify ``plan``, then make ``output`` hold it, all at once (``write`` False: only
    say what that would change); see :func:`generator.output.sync.sync_output`."""
    return sync_output(output, plan, write=write, force=force)
