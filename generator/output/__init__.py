"""Writing generated output so that it can be trusted.

A build renders everything to an in-memory plan, verifies it (:mod:`.verify`), compares
it with the output folder through the manifest of the previous build (:mod:`.manifest`,
:mod:`.ignore`, :mod:`.sync`), and applies the difference all at once (:mod:`.journal`).
``check`` runs the same code with writing switched off.
"""

from __future__ import annotations

from generator.output.sync import (
    Change,
    Kind,
    Reason,
    Refusal,
    SyncResult,
    recover_output,
    sync_output,
)

__all__ = ["Change", "Kind", "Reason", "Refusal", "SyncResult", "recover_output", "sync_output"]
