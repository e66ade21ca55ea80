"""The one place that turns what a user types into a calendar date, and back.

Accepted: ISO `2026-03-14`; `today`, `yesterday`, `tomorrow`; signed offsets
`+3d -2w +1m +1y`; weekday names (`friday` or `next friday` is the next one,
`last friday` the previous one); month-name forms (`March 14 2026`, `14 Mar`).
Partial or ambiguous forms (`2014-01`, `03/04/2026`) are refused: dateutil alone
would silently guess them.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta

from refcli.errors import InvalidInput

ACCEPTED = (
    "use YYYY-MM-DD, today, yesterday, tomorrow, +3d/-2w/+1m/+1y, "
    "a weekday (friday, last friday) or a month name (March 14 2026)"
)

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ABBR = {d[:3]: i for i, d in enumerate(_WEEKDAYS)} | {d: i for i, d in enumerate(_WEEKDAYS)}
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_NAMES = {m: i + 1 for i, m in enumerate(_MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_NAMES["sept"] = 9

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_OFFSET = re.compile(r"^([+-])(\d{1,4})\s*([dwmy])$")
_WEEKDAY = re.compile(r"^(?:(next|last|this)\s+)?([a-z]+)$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^\d{4}$")


def today() -> date:
    """Today, unless REF_TODAY (an ISO date) says otherwise: tests and what-ifs use it."""
    override = os.environ.get("REF_TODAY", "").strip()
    if override:
        match = _ISO.match(override)
        if not match:
            raise InvalidInput(f"REF_TODAY={override!r} is not an ISO date", "use YYYY-MM-DD")
        try:
            return date.fromisoformat(override)
        except ValueError:
            raise InvalidInput(f"REF_TODAY={override!r} is not a real date") from None
    return date.today()


def parse_date(text: str, *, base: date | None = None, what: str = "date") -> date:
    """Parse a user's date; raise InvalidInput naming the accepted forms."""
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise InvalidInput(f"empty {what}", ACCEPTED)
    ref = base or today()

    iso = _ISO.match(text)
    if iso:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidInput(f"{what} {raw!r} is not a real calendar date", ACCEPTED) from None
    if text == "today":
        return ref
    if text == "yesterday":
        return ref - timedelta(days=1)
    if text == "tomorrow":
        return ref + timedelta(days=1)
    offset = _OFFSET.match(text)
    if offset:
        return _apply_offset(ref, offset.group(1), int(offset.group(2)), offset.group(3))
    weekday = _WEEKDAY.match(text)
    if weekday and weekday.group(2) in _WEEKDAY_ABBR:
        return _weekday(ref, _WEEKDAY_ABBR[weekday.group(2)], weekday.group(1) == "last")
    parsed = _month_name_form(text, ref)
    if parsed is not None:
        return parsed
    raise InvalidInput(f"cannot read {what} {raw!r}", ACCEPTED)


def _apply_offset(ref: date, sign: str, amount: int, unit: str) -> date:
    from dateutil.relativedelta import relativedelta

    n = amount if sign == "+" else -amount
    delta = {
        "d": relativedelta(days=n),
        "w": relativedelta(weeks=n),
        "m": relativedelta(months=n),
        "y": relativedelta(years=n),
    }[unit]
    try:
        result: date = ref + delta
    except (OverflowError, ValueError):
        raise InvalidInput(f"offset {sign}{amount}{unit} is out of range", ACCEPTED) from None
    return result


def _weekday(ref: date, target: int, last: bool) -> date:
    if last:
        back = (ref.weekday() - target) % 7 or 7
        return ref - timedelta(days=back)
    ahead = (target - ref.weekday()) % 7 or 7
    return ref + timedelta(days=ahead)


def _month_name_form(text: str, ref: date) -> date | None:
    """`March 14 2026`, `14 March 2026`, `Mar 14`: exactly one month name and one day."""
    tokens = [t for t in re.split(r"[\s,.]+", text) if t and t != "of"]
    month = [t for t in tokens if t in _MONTH_NAMES]
    days = [t for t in tokens if _DAY.match(t) and not _YEAR.match(t)]
    years = [t for t in tokens if _YEAR.match(t)]
    if len(month) != 1 or len(days) != 1 or len(years) > 1:
        return None
    if len(month) + len(days) + len(years) != len(tokens):
        return None
    day_match = _DAY.match(days[0])
    assert day_match is not None
    year = int(years[0]) if years else ref.year
    try:
        return date(year, _MONTH_NAMES[month[0]], int(day_match.group(1)))
    except ValueError:
        raise InvalidInput(f"{text!r} is not a real calendar date", ACCEPTED) from None


def check_year(year: int | None) -> int:
    """A goal's or report's year: this year by default, and a plausible one."""
    value = today().year if year is None else year
    if not 1900 <= value <= 2200:
        raise InvalidInput(f"year {value} is not a plausible year", "e.g. --year 2026")
    return value


def iso(value: date | str | None) -> str | None:
    """A day as ISO text, whether a date or the text a database returned (stdlib sqlite3 gives
    text, a server's driver a date), so days from either compare as plain strings."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def moment(value: object) -> str | None:
    """A stored UTC timestamp (a datetime, or the text SQLite returns) as ISO 8601 with a `T`
    and the zone offset, as every JSON output gives moments."""
    from datetime import UTC, datetime

    if value is None:
        return None
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    return stamp.isoformat()
