"""Money as integer minor units plus a currency code: never a float.

`parse_money("$4,500.50")` gives `Money(450050, "USD")`. Negative, not-a-number,
more than two decimals and absurd sizes are refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from refcli.errors import InvalidInput

DEFAULT_CURRENCY = "USD"
MAX_MINOR = 10**13  # 100 billion in major units: beyond any referral's value
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")
_CODE = re.compile(r"^[A-Z]{3}$")
HINT = "use a plain amount like 4500, 4,500.50 or $4,500"


@dataclass(frozen=True)
class Money:
    minor: int
    currency: str

    def __str__(self) -> str:
        return format_money(self.minor, self.currency)


def parse_money(text: str, currency: str = DEFAULT_CURRENCY) -> Money:
    raw = text
    text = text.strip()
    if not text:
        raise InvalidInput("empty amount", HINT)
    if text.startswith("-") or text.startswith("(") or "-" in text:
        raise InvalidInput(f"amount {raw!r} is negative", "amounts are zero or more")
    if text[0] in _SYMBOLS:
        currency = _SYMBOLS[text[0]]
        text = text[1:].strip()
    parts = text.split()
    if len(parts) == 2 and _CODE.match(parts[1].upper()):
        currency, text = parts[1].upper(), parts[0]
    elif len(parts) == 2 and _CODE.match(parts[0].upper()):
        currency, text = parts[0].upper(), parts[1]
    match = _NUMBER.match(text)
    if not match:
        raise InvalidInput(f"cannot read amount {raw!r}", HINT)
    whole, _, cents = text.replace(",", "").partition(".")
    minor = int(whole) * 100 + int((cents + "00")[:2])
    if minor > MAX_MINOR:
        raise InvalidInput(f"amount {raw!r} is implausibly large", HINT)
    return Money(minor, currency)


def format_money(minor: int | None, currency: str = DEFAULT_CURRENCY) -> str:
    if minor is None:
        return ""
    major, cents = divmod(minor, 100)
    body = f"{major:,}" + (f".{cents:02d}" if cents else "")
    symbol = {v: k for k, v in _SYMBOLS.items()}.get(currency)
    return f"{symbol}{body}" if symbol else f"{body} {currency}"


class Amount(TypedDict):
    """A sum in one currency, in minor units (cents): the JSON shape of every money figure."""

    currency: str
    value_minor: int


def totals(amounts: Iterable[tuple[str, int]], home: str) -> list[Amount]:
    """Amounts summed per currency, never converted and never dropped: the configured currency
    first, then the others alphabetically. JSON shape: `{"currency": ..., "value_minor": ...}`."""
    summed: dict[str, int] = {}
    for currency, minor in amounts:
        summed[currency] = summed.get(currency, 0) + int(minor)
    order = sorted(summed, key=lambda c: (c != home, c))
    return [{"currency": c, "value_minor": summed[c]} for c in order if summed[c]]


def totals_text(values: Sequence[Mapping[str, Any]]) -> str:
    """`$10,500.50 + €1,000`, or empty when there is nothing."""
    return " + ".join(format_money(v["value_minor"], v["currency"]) for v in values)
