"""The names docs2code keeps for itself at the top of an output folder.

Everything docs2code needs to know about an output folder lives in it, under names that
start with ``.docs2code-``; no plan may write there.
"""

from __future__ import annotations

STATE_PREFIX = ".docs2code-"
MANIFEST = ".docs2code-manifest.json"  # what the last build generated, with hashes
IGNORE = ".docs2code-ignore"  # files the user owns (written by the user, read only)
STAGING = ".docs2code-staging"  # new files of a build in progress
JOURNAL = ".docs2code-journal.json"  # a committed build still being applied
