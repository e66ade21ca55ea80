"""A card a sync will write or remove, checked against the file as it was read: shared by the
engine and `--merge-cards` (sync/merging.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class CardWrite:
    """A card to write (or remove, `data` None), only if its file is still as it was read
    (`expected`: its etag then, None for a new file); `restore` puts the link back as it was
    when the file changed meanwhile, so the next sync merges both changes."""

    href: str
    data: bytes | None
    expected: str | None
    restore: Callable[[], None]
