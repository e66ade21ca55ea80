"""`ref stats` on a terminal: the year's table, the bar chart, the deepest relationships and what
suggestions became, fitted to the window. Below `WIDE` columns the table keeps the counts and
the closed business comes as lines under it (the figure that matters most is never the one a
narrow window drops); the chart's bars shrink to fit any width from 40 columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcli.tracking.stats import YearReport

BAR = 20  # the chart's widest bar, in a window wide enough for it
WIDE = 96  # the whole table fits from here


def show(report: YearReport) -> None:
    from refcli import render

    width = render.terminal_width()
    narrow = width is not None and width < WIDE
    _table(report, narrow)
    render.line("")
    render.line("referrals by month: given ▇  received ░")
    bar = BAR if width is None else max(4, min(BAR, (width - 19) // 2))  # month, two bars, two counts
    peak = max([max(m["given"], m["received"]) for m in report["months"]] + [1])
    for m in report["months"]:
        given = "▇" * round(bar * m["given"] / peak)
        got = "░" * round(bar * m["received"] / peak)
        render.line(f"{m['month']}  {given:<{bar}} {m['given']:>3}  {got:<{bar}} {m['received']:>3}")
    if report["deepest"]:
        render.line("")
        render.line("Your deepest relationships (by depth, not by money):")
        for d in report["deepest"]:
            render.line(f"  {d['name']} ({d['handle']}): {d['score']}/14, {d['level']}")
    _suggested(report)


def _table(report: YearReport, narrow: bool) -> None:
    from refcli import render
    from refcli.money import format_money, totals_text

    def closed(values: Any) -> str:
        return totals_text(values) or format_money(0, report["currency"])

    t = report["totals"]
    counts = [(m["month"], m["given"], m["received"], m["meetings"], m["introductions"]) for m in report["months"]]
    counts.append((str(report["year"]), t["given"], t["received"], t["meetings"], t["introductions"]))
    if narrow:
        rows = [[month, *(n or "" for n in figures)] for month, *figures in counts]
        render.table(["month", "given", "received", "one-on-ones", "intros"], rows, spare=("intros", "one-on-ones"))
        render.line("")
        render.line("closed business (given; received):")
        for m in report["months"]:
            if m["closed_given"] or m["closed_received"]:
                render.item(f"{m['month']}  {closed(m['closed_given'])}; {closed(m['closed_received'])}", hang=9)
        render.item(f"{report['year']}  {closed(t['closed_given'])}; {closed(t['closed_received'])}", hang=9)
        return
    rows = [
        [m["month"], m["given"] or "", m["received"] or "", totals_text(m["closed_given"]),
         totals_text(m["closed_received"]), m["meetings"] or "", m["introductions"] or ""]
        for m in report["months"]
    ]  # fmt: skip
    rows.append(
        [str(report["year"]), t["given"], t["received"], closed(t["closed_given"]), closed(t["closed_received"]),
         t["meetings"], t["introductions"]]
    )  # fmt: skip
    render.table(
        ["month", "given", "received", "closed (given)", "closed (received)", "one-on-ones", "introductions"], rows
    )


def _suggested(report: YearReport) -> None:
    from refcli import render
    from refcli.money import format_money, totals_text

    if (taken := report["suggested"])["introductions"]:
        closed = totals_text(taken["closed"]) or format_money(0, report["currency"])
        render.line("")
        render.item(
            f"From `ref suggest`: {taken['introductions']} introductions made, {taken['won']} won, {closed} closed"
        )
