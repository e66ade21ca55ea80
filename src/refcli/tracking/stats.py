"""`ref stats`: the givers-gain report for a year. Counts and closed value both ways per
month, the year's totals, and the partners with the deepest relationships (by depth,
never by money)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TypedDict, cast

from refcli import dates, money, settings
from refcli.meetings import depth
from refcli.store import Reader
from refcli.tracking import stats_sql as q


class Month(TypedDict):
    """One month of `ref stats`: counts, and what closed per currency."""

    month: str
    given: int
    received: int
    closed_given: list[money.Amount]
    closed_received: list[money.Amount]
    meetings: int
    introductions: int


MEASURES = tuple(key for key in Month.__annotations__ if key != "month")  # the one list: Month's keys
MONEY = ("closed_given", "closed_received")  # totals per currency: [{"currency", "value_minor"}]
MONTHS = range(1, 13)
TOP_DEEPEST = 5
POOL = 200  # candidates for the deepest relationships, from meetings and your own answers


class Deepest(TypedDict):
    handle: str
    name: str
    score: int
    level: str


class Suggested(TypedDict):
    """What the year's introductions made from `ref suggest` became."""

    introductions: int
    won: int
    closed: list[money.Amount]


class YearReport(TypedDict):
    """`ref stats`: a year month by month, its totals, the deepest relationships, and what
    suggestions became."""

    year: int
    currency: str
    months: list[Month]
    totals: dict[str, Any]  # each measure's total: a count, or amounts per currency
    deepest: list[Deepest]
    suggested: Suggested


def year_report(reader: Reader, year: int | None = None) -> YearReport:
    the_year = dates.check_year(year)
    config = settings.load(reader)
    params: dict[str, Any] = {"start": date(the_year, 1, 1).isoformat(), "end": date(the_year + 1, 1, 1).isoformat(),
                              "yes": True}  # fmt: skip
    home = config.currency
    keys = [f"{the_year}-{m:02d}" for m in MONTHS]
    series: dict[str, list[Any]] = {}
    for name, sql in q.monthly().items():
        rows = reader.rows(sql, params)
        if name in MONEY:  # one row per month and currency: per month, a total per currency
            series[name] = [
                money.totals([(r["currency"], int(r["n"] or 0)) for r in rows if r["month"] == key], home)
                for key in keys
            ]
        else:
            counted = {r["month"]: int(r["n"]) for r in rows}
            series[name] = [counted.get(key, 0) for key in keys]
    months = [cast(Month, {"month": key, **{name: series[name][n] for name in MEASURES}}) for n, key in enumerate(keys)]
    totals = {
        name: money.totals([(v["currency"], v["value_minor"]) for month in series[name] for v in month], home)
        if name in MONEY
        else sum(series[name])
        for name in MEASURES
    }
    year_ago = dates.today() - timedelta(days=365)
    params_pool = {"year_ago": year_ago.isoformat(), "pool": POOL, "yes": True}
    pool = [int(r["contact_id"]) for r in reader.rows(q.DEEPEST_CANDIDATES, params_pool)]
    scored = depth.for_ids(reader, pool).values()
    deepest: list[Deepest] = [
        {"handle": r["handle"], "name": r["name"], "score": r["score"], "level": r["level"]}
        for r in sorted(scored, key=lambda r: (-r["score"], r["name"].casefold()))[:TOP_DEEPEST]
        if r["score"] > 0
    ]
    return {"year": the_year, "currency": config.currency, "months": months, "totals": totals, "deepest": deepest,
            "suggested": _suggested(reader, params, home)}  # fmt: skip


def _suggested(reader: Reader, params: dict[str, Any], home: str) -> Suggested:
    rows = reader.rows(q.SUGGESTED, params)
    won = [r for r in rows if r["status"] == "won"]
    return {
        "introductions": sum(int(r["n"]) for r in rows),
        "won": sum(int(r["n"]) for r in won),
        "closed": money.totals([(r["currency"], int(r["value"] or 0)) for r in won], home),
    }
