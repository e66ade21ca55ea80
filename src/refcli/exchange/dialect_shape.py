"""What a CSV dialect is (exchange/dialects.py lists them): the program that wrote a file, the
headers that give it away, and what each of its columns holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dialect:
    program: str  # who wrote the file: "Outlook"
    family: str  # what `ref import --format` calls it: outlook, google...
    signs: tuple[str, ...]  # headers only this program writes; one of them claims the file
    columns: dict[str, str]  # header (normalised) -> meaning
    defaults: frozenset[str] = field(default_factory=frozenset)  # cell values that mean "nothing"
    day_first: bool = True  # 4/7/1990 is 4 July (False: April 7, as US English writes it)
    variant: str = ""  # a language or an older layout of the same program: "German", "before 2020"

    @property
    def name(self) -> str:
        """As the import report says it: "Outlook (German)"."""
        return f"{self.program} ({self.variant})" if self.variant else self.program


def norm(header: str) -> str:
    """A header as the maps spell it: lower case, single spaces, numbers as `#`."""
    text = " ".join(header.strip().strip("\ufeff").lower().replace("_", " ").split())
    return re.sub(r"\d+", "#", text)
