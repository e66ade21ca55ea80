"""The one place that turns what a user types into a calendar date, and back.

Accepted (see ACCEPTED): ISO `2026-03-14`, also `2026/03/14` and `2026-3-4`; `today`,
`yesterday`, `tomorrow`, `day after tomorrow`, `day before yesterday`; signed offsets
`+3d -2w +1m +1y`; `3 weeks ago`, `in 2 weeks` (days, weeks, fortnights, months, years; a number
to twelve in words, "a" for one; `now` is today);
`next week`/`last week` (that week's Monday), `next month`/`last month` (its 1st); weekday
names (`friday` is the coming one, `last friday` the previous one, `next friday` the Friday of
next week, weeks running Monday to Sunday); month-name forms (`March 14 2026`, `14 Mar`).
A month and day without a year is the coming one for things that will happen and the last one
for things that happened. Partial or ambiguous forms (`2014-01`, `03/04/2026`) are refused:
dateutil alone would silently guess them.

Each date option says which way it points (`Tense`): things that happened (a one-on-one held,
a referral made, a thank-you, an outcome, a note) cannot be in the future; things that will
happen (a schedule, a reminder, a follow-up) cannot be in the past. `check_tense` is the one
rule and the one message.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from typing import Literal, overload

from refcli.errors import InvalidInput

ACCEPTED = (
    "use YYYY-MM-DD, today, yesterday, tomorrow, +3d/-2w/+1m, 3 weeks ago, in 2 weeks, next week, "
    "a weekday (friday, next friday, last friday) or a month name (March 14 2026)"
)
Tense = Literal["past", "future"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ABBR = (
    {d[:3]: i for i, d in enumerate(_WEEKDAYS)}
    | {d: i for i, d in enumerate(_WEEKDAYS)}
    | {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
)
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH_NAMES = {m: i + 1 for i, m in enumerate(_MONTHS)} | {m[:3]: i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_NAMES["sept"] = 9

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_COUNT = r"(\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AGO = re.compile(rf"^{_COUNT}\s+(day|week|fortnight|month|year)s?\s+ago$")
_IN = re.compile(rf"^in\s+{_COUNT}\s+(day|week|fortnight|month|year)s?$")
_COUNT_WORDS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
)} | {"a": 1, "an": 1}  # fmt: skip
_OFFSET = re.compile(r"^([+-])(\d{1,4})\s*([dwmy])$")
_WEEKDAY = re.compile(r"^(?:(next|last|this)\s+)?([a-z]+)$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_YEAR = re.compile(r"^\d{4}$")


def utcnow() -> datetime:
    """The moment now, in UTC: what `created_at` and the journal record."""
    return datetime.now(UTC)


def stored_moment(value: datetime) -> datetime:
    """A moment as the columns keep it: UTC, without a zone. A naive datetime is a bug (whose
    clock?) and is refused, by the models and the write path alike."""
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: ref stores moments in UTC")
    return value.astimezone(UTC).replace(tzinfo=None)


def new_uid() -> str:
    """A contact's identity outside ref (vCard UID, CardDAV): random, never reused."""
    import uuid

    return f"urn:uuid:{uuid.uuid4()}"


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


_WORDS = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1, "day after tomorrow": 2, "day before yesterday": -2}


def parse_date(text: str, *, base: date | None = None, what: str = "date", tense: Tense | None = None) -> date:
    """Parse a user's date; raise InvalidInput naming the accepted forms. `tense` picks the
    year of a month and day given without one (the next such day, or the last)."""
    raw = text
    text = " ".join(text.strip().lower().split())
    if not text:
        raise InvalidInput(f"empty {what}", ACCEPTED)
    ref = base or today()

    numeric = _ISO.match(text) or _NUMERIC.match(text)
    if numeric:
        try:
            return date(int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3)))
        except ValueError:
            raise InvalidInput(f"{what} {raw!r} is not a real calendar date", ACCEPTED) from None
    if text in _WORDS:
        return ref + timedelta(days=_WORDS[text])
    offset = _OFFSET.match(text)
    if offset:
        return _apply_offset(ref, offset.group(1), int(offset.group(2)), offset.group(3))
    spoken = _AGO.match(text) or _IN.match(text)
    if spoken:
        amount = _COUNT_WORDS[spoken.group(1)] if spoken.group(1) in _COUNT_WORDS else int(spoken.group(1))
        unit = spoken.group(2)
        if unit == "fortnight":  # two weeks
            amount, unit = amount * 2, "week"
        return _apply_offset(ref, "-" if text.endswith("ago") else "+", amount, unit[0])
    if text in ("next week", "last week"):
        monday = ref - timedelta(days=ref.weekday())
        return monday + timedelta(weeks=1 if text.startswith("next") else -1)
    if text in ("next month", "last month"):
        return _apply_offset(ref.replace(day=1), "+" if text.startswith("next") else "-", 1, "m")
    weekday = _WEEKDAY.match(text)
    if weekday and weekday.group(2) in _WEEKDAY_ABBR:
        return _weekday(ref, _WEEKDAY_ABBR[weekday.group(2)], weekday.group(1))
    parsed = _month_name_form(text, ref, tense)
    if parsed is not None:
        return parsed
    raise InvalidInput(f"cannot read {what} {raw!r}", ACCEPTED)


def check_tense(day: date, tense: Tense | None, what: str = "date") -> date:
    """The one rule for which way a date may point: what happened is not in the future, what
    will happen is not in the past (today is both)."""
    now = today()
    if tense == "past" and day > now:
        raise InvalidInput(
            f"{what} {day.isoformat()} ({day:%A}) is in the future: this records something that already happened",
            "give today or an earlier date",
        )
    if tense == "future" and day < now:
        raise InvalidInput(
            f"{what} {day.isoformat()} ({day:%A}) has passed: this is for something still to come",
            "give today or a later date",
        )
    if tense == "past" and day.year < EARLIEST_YEAR:  # a typo (1850 for 1985), not something you did
        raise InvalidInput(f"{what} {day.isoformat()} is before {EARLIEST_YEAR}", "check the year")
    if tense == "future" and day.year > now.year + FURTHEST_YEARS:
        raise InvalidInput(f"{what} {day.isoformat()} is more than {FURTHEST_YEARS} years away", "check the year")
    return day


EARLIEST_YEAR = 1900  # nothing you record happened before this (a birthday has its own rule)
FURTHEST_YEARS = 10  # nothing you plan is further away than this


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


def _weekday(ref: date, target: int, which: str | None) -> date:
    """`friday`/`this friday`: the coming one; `last friday`: the one before today; `next
    friday`: the Friday of next week (said on a Thursday, that is eight days away, not one)."""
    if which == "last":
        back = (ref.weekday() - target) % 7 or 7
        return ref - timedelta(days=back)
    if which == "next":
        return ref - timedelta(days=ref.weekday()) + timedelta(weeks=1, days=target)
    ahead = (target - ref.weekday()) % 7 or 7
    return ref + timedelta(days=ahead)


def _month_name_form(text: str, ref: date, tense: Tense | None = None) -> date | None:
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
        found = date(year, _MONTH_NAMES[month[0]], int(day_match.group(1)))
    except ValueError:
        raise InvalidInput(f"{text!r} is not a real calendar date", ACCEPTED) from None
    if not years and tense == "future" and found < ref:
        found = _apply_offset(found, "+", 1, "y")
    elif not years and tense == "past" and found > ref:
        found = _apply_offset(found, "-", 1, "y")
    return found


def check_year(year: int | None) -> int:
    """A goal's or report's year: this year by default, and a plausible one."""
    value = today().year if year is None else year
    if not 1900 <= value <= 2200:
        raise InvalidInput(f"year {value} is not a plausible year", "e.g. --year 2026")
    return value


@overload
def iso(value: None) -> None: ...
@overload
def iso(value: date | str) -> str: ...
def iso(value: date | str | None) -> str | None:
    """A day as ISO text, whether a date or the text a database returned (stdlib sqlite3 gives
    text, a server's driver a date), so days from either compare as plain strings."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def day(value: object) -> date:
    """A day as a database returned it (a date, or its ISO text), as a date."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def utc_moment(value: object) -> datetime:
    """A stored UTC timestamp (a datetime, or the text SQLite returns), as an aware datetime."""
    from datetime import UTC

    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def moment(value: object) -> str | None:
    """A stored timestamp as ISO 8601 with a `T` and the zone offset, as JSON gives moments."""
    return None if value is None else utc_moment(value).isoformat()


# --- rhythms and yearly days ------------------------------------------------------------------

_EVERY = re.compile(r"^(\d{1,4})\s*(d|days?|w|weeks?|m|months?|y|years?)?$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
EVERY_FORMS = "e.g. 2w, 30d, 3m, 1y (a month is 30 days, a year 365), or a number of days"
MAX_INTERVAL_DAYS = 3650  # a rhythm of more than ten years is not one


def interval(text: str) -> int:
    """How often, as a number of days: `2w`, `30d`, `3m`, `1y`, or `45` (days)."""
    found = _EVERY.match(" ".join(text.strip().lower().split()))
    days = int(found.group(1)) * _UNIT_DAYS[(found.group(2) or "d")[0]] if found else 0
    if not found or not 1 <= days <= MAX_INTERVAL_DAYS:
        raise InvalidInput(f"{text!r} is not a rhythm ref understands", f"{EVERY_FORMS}; at most 10 years")
    return days


def say_interval(days: int) -> str:
    """`every 2 weeks`, `every 3 months`, `every 45 days`: as a person would say it."""
    for unit, size in (("year", 365), ("month", 30), ("week", 7)):
        if days % size == 0:
            count = days // size
            return f"every {unit}" if count == 1 else f"every {count} {unit}s"
    return "every day" if days == 1 else f"every {days} days"


_YEARLY_FORMS = (
    re.compile(r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})$"),  # 1996-04-15, 19960415
    re.compile(r"^(?:--)?(?P<m>\d{2})-?(?P<d>\d{2})$"),  # 04-15, --04-15, --0415, 0415
)
YEARLY_FORMS = "use YYYY-MM-DD, or MM-DD (or --MM-DD, as vCard writes it) when the year is unknown"


def yearly(text: str, what: str = "birthday") -> str:
    """A birthday or anniversary as stored: `YYYY-MM-DD`, or `--MM-DD` without a year. Accepts
    the forms vCard writes (`19960415`, `--0415`) and month names (`April 15`, `15 Apr 1996`)."""
    raw = text.strip()
    for form in _YEARLY_FORMS:
        found = form.match(raw)
        if found:
            year = found.groupdict().get("y")
            return _checked_yearly(int(year) if year else None, int(found["m"]), int(found["d"]), raw, what)
    words = raw.replace(",", " ").lower().split()
    months = [w for w in words if w in _MONTH_NAMES]
    numbers = [int(w.rstrip("stndrh")) for w in words if w.rstrip("stndrh").isdecimal()]
    if len(months) == 1 and len(words) == len(numbers) + 1 and 1 <= len(numbers) <= 2:
        small = [n for n in numbers if n <= 31]
        year = next((n for n in numbers if n > 31), None)
        if len(small) == 1 and (len(numbers) == 1 or year is not None):
            return _checked_yearly(year, _MONTH_NAMES[months[0]], small[0], raw, what)
    raise InvalidInput(f"{what} {text!r} is not a day of the year", YEARLY_FORMS)


def read_yearly(text: str) -> str | None:
    """`yearly` for a file being read: None for what is not a day of the year (the importer
    keeps it as text), never an error."""
    try:
        return yearly(text)
    except InvalidInput:
        return None


_LOCAL_DAY = re.compile(r"^(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4}|\d{2})\.?$")


def read_local_yearly(text: str, day_first: bool) -> str | None:
    """`read_yearly`, and the numeric days spreadsheets write in their locale: 20.01.1991,
    20/01/1991, 1/20/91. A part over 12 says which is the day; otherwise `day_first` (the
    file's language: 4/7 is 4 July in German, April 7 in US English)."""
    stored = read_yearly(text)
    found = _LOCAL_DAY.match(text.strip())
    if stored is not None or found is None:
        return stored
    a, b, year = int(found["a"]), int(found["b"]), int(found["y"])
    if len(found["y"]) == 2:
        year += 1900 if year > today().year % 100 else 2000
    day_first = a > 12 or (day_first and b <= 12)
    month, day_ = (b, a) if day_first else (a, b)
    try:
        return _checked_yearly(year, month, day_, text, "day")
    except InvalidInput:
        return None


def _checked_yearly(year: int | None, month: int, day_: int, raw: str, what: str) -> str:
    try:
        date(year or 2000, month, day_)  # 2000 is a leap year: --02-29 is a real birthday
    except ValueError:
        raise InvalidInput(f"{what} {raw!r} is not a real day", YEARLY_FORMS) from None
    if year is not None and not 1850 <= year <= today().year:
        raise InvalidInput(f"{what} {raw!r} has an implausible year", YEARLY_FORMS)
    return f"{year:04d}-{month:02d}-{day_:02d}" if year else f"--{month:02d}-{day_:02d}"


def next_yearly(stored: str, as_of: date) -> date:
    """The next time a yearly day comes round, on or after `as_of`. February 29 falls on
    February 28 in the years that have no 29th."""
    month, day_ = int(stored[-5:-3]), int(stored[-2:])
    for year in (as_of.year, as_of.year + 1):
        try:
            when = date(year, month, day_)
        except ValueError:
            when = date(year, 2, 28)
        if when >= as_of:
            return when
    raise AssertionError("a day of the year comes round within a year")


def years_on(stored: str, when: date) -> int | None:
    """How many years on `when` (an age, or years married), where the year is known."""
    return None if stored.startswith("--") else when.year - int(stored[:4])
