"""The thresholds behind follow-ups and balance signals, and how you sign introductions, with
their defaults.

Defaults live here; `ref config KEY VALUE` stores only what the user changed.
Every value is validated when set, and read back typed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from refcli.errors import InvalidInput
from refcli.store import Reader

if TYPE_CHECKING:
    from refcli.store.writer import Writer


@dataclass(frozen=True)
class Spec:
    default: Any
    kind: type
    low: int
    high: int
    help: str


def _setting(default: int | str, low: int, high: int, help: str) -> Any:
    """A field of Settings that carries its own default, range and help (read by SPECS)."""
    return field(default=default, metadata={"spec": Spec(default, type(default), low, high, help)})


@dataclass(frozen=True)
class Settings:
    """Every setting, typed: what features read (`config.followup_days`), never a string key."""

    followup_days: int = _setting(7, 1, 365, "days after an introduction or lead to check in if nobody reported back")
    payforward_days: int = _setting(60, 1, 3650, "days after receiving a referral to look for one to give back")
    imbalance_min_given: int = _setting(3, 1, 1000, "referrals given (at least one won) before an imbalance is raised")
    imbalance_months: int = _setting(18, 1, 120, "months of receiving nothing back before it is worth a conversation")
    meeting_cadence_days: int = _setting(
        90, 1, 3650, "days without contact of any kind before someone is due (unless they or a tag have a rhythm)"
    )
    birthday_notice_days: int = _setting(7, 0, 60, "days before a birthday or anniversary that it appears in followups")
    currency: str = _setting("USD", 0, 0, "currency code for amounts typed without one")
    name: str = _setting("", 0, 120, "your name, to sign introduction messages")
    signature: str = _setting("", 0, 1000, "lines under your name in introduction messages (\\n starts a line)")
    sync_folder: str = _setting("", 0, 1000, "the address-book folder (a vdir) `ref sync` uses when given none")
    my_addresses: str = _setting(
        "", 0, 2000, "your own email addresses, comma-separated: `ref capture` knows mail from them is yours"
    )

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


SPECS: dict[str, Spec] = {f.name: f.metadata["spec"] for f in fields(Settings)}
TEXT_SETTINGS = frozenset({"name", "signature", "sync_folder", "my_addresses"})  # free text; `currency` is a code


def check(key: str, raw: str) -> Any:
    spec = SPECS.get(key)
    if spec is None:
        raise InvalidInput(f"unknown setting {key!r}", "settings: " + ", ".join(SPECS))
    text = raw.strip()
    if spec.kind is int:
        if not re.fullmatch(r"\d{1,6}", text):
            raise InvalidInput(f"{key} takes a whole number, not {raw!r}", f"e.g. ref config {key} {spec.default}")
        value = int(text)
        if not spec.low <= value <= spec.high:
            raise InvalidInput(f"{key} must be between {spec.low} and {spec.high}")
        return value
    if key in TEXT_SETTINGS:
        return _text(key, raw, spec)
    if not re.fullmatch(r"[A-Za-z]{3}", text):
        raise InvalidInput(f"currency {raw!r} is not a three-letter code", "e.g. USD, EUR, GBP")
    return text.upper()


def _text(key: str, raw: str, spec: Spec) -> str:
    """Free text, kept as typed but trimmed; a typed `\\n` starts a new line (for a signature)."""
    lines = [line.rstrip() for line in raw.replace("\\n", "\n").strip().splitlines()]
    text = "\n".join(lines) if key == "signature" else " ".join(" ".join(lines).split())
    if len(text) > spec.high:
        raise InvalidInput(f"{key} is {len(text)} characters long; at most {spec.high}")
    return text


def load(reader: Reader) -> Settings:
    """Every setting, the user's value where set, else the default."""
    values = {
        row["key"]: check(row["key"], str(row["value"]))
        for row in reader.rows("SELECT key, value FROM setting")
        if row["key"] in SPECS
    }
    return Settings(**values)


def save(writer: Writer, key: str, raw: str) -> Any:
    """Set a setting (checked as `check` does); the value as it is now stored, typed."""
    value = check(key, raw)
    if writer.update("setting", key, {"value": str(value)}, key="key") == 0:
        writer.insert_keyed("setting", {"key": key, "value": str(value)})
    return value


def reset(writer: Writer, key: str) -> Any:
    """Back to the default (the user's value is forgotten); the default."""
    if key not in SPECS:
        raise InvalidInput(f"unknown setting {key!r}", "settings: " + ", ".join(SPECS))
    writer.execute("DELETE FROM setting WHERE key = :key", {"key": key})
    return SPECS[key].default
