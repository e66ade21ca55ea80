"""Taking your network anywhere: a complete backup, CSV, vCard, a calendar, a graph.

Each format is produced as text here; `cli/interop.py` writes it to a file
atomically (temp file and rename, 0600) or to stdout.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from refcli import dates
from refcli.db import Location, Reader, open_reader
from refcli.services import followups, profiles

FORMATS = ("backup", "csv", "vcard", "ics", "dot")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "handle", "name", "company", "title", "business", "ideal_referral", "emails", "phones", "websites",
    "other_channels", "offerings", "tags", "met_on", "met_at", "introduced_by", "trust", "archived",
]  # fmt: skip


def backup(loc: Location) -> Iterator[str]:
    from refcli.interop import backup as fmt

    return fmt.dump_chunks(loc)


def neutralise(cell: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _everyone(reader: Reader) -> list[dict[str, Any]]:
    return profiles.list_contacts(reader, limit=None) + profiles.list_contacts(reader, archived=True, limit=None)


def contacts_csv(reader: Reader) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in _everyone(reader):
        others = [f"{x['kind']}: {x['value']}" for x in c["channels"] if x["kind"] not in ("email", "phone", "url")]
        row = {
            **c,
            "emails": "; ".join(c["emails"]),
            "phones": "; ".join(c["phones"]),
            "websites": "; ".join(c["websites"]),
            "other_channels": "; ".join(others),
            "offerings": "; ".join(c["offerings"]),
            "tags": "; ".join(c["tags"]),
            "archived": "yes" if c["archived"] else "",
        }
        writer.writerow([neutralise(row[k]) for k in CSV_COLUMNS])
    return out.getvalue()


def vcards(reader: Reader, version: int = 4) -> str:
    from refcli.interop import vcard

    return vcard.write(_everyone(reader), version)


def calendar(reader: Reader) -> str:
    """Open follow-ups as VTODOs on their due date, scheduled one-on-ones as all-day VEVENTs.
    UIDs come from the items' stable ids, so importing again updates instead of duplicating."""
    from icalendar import Calendar, Event, Todo

    from refcli.services import meetings

    cal = Calendar()
    cal.add("prodid", "-//ref//keep track, don't keep score//EN")
    cal.add("version", "2.0")
    today = dates.today()
    for item in followups.due(reader, as_of=today, everything=True, limit=None):
        if item.kind == "oneonone":
            continue
        todo = Todo()
        todo.add("uid", f"{item.id}@ref")
        todo.add("summary", item.text)
        todo.add("due", item.due_on)
        todo.add("dtstamp", _stamp())
        if item.context:
            todo.add("description", item.context + "\n" + item.command)
        cal.add_component(todo)
    for m in meetings.list_meetings(reader, upcoming=True, limit=None):
        event = Event()
        day = dates.parse_date(str(m["on"]))
        event.add("uid", f"meeting-{m['id']}@ref")
        event.add("summary", f"One-on-one with {m['name']}")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", _stamp())
        if m["where"]:
            event.add("location", m["where"])
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def _stamp() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0)


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def graph(reader: Reader) -> str:
    """Graphviz: who knows whom (grey), who introduced you to whom (dashed), referrals (weighted)."""
    people = {r["id"]: r for r in reader.rows("SELECT id, handle, name FROM contact WHERE archived_at IS NULL")}
    edges: list[tuple[int | str, int | str, str]] = []
    for r in reader.rows("SELECT contact_id, other_id FROM acquaintance"):
        edges.append((r["contact_id"], r["other_id"], "color=grey, label=knows"))
    for r in reader.rows("SELECT id, introduced_by_id FROM contact WHERE introduced_by_id IS NOT NULL"):
        edges.append((r["introduced_by_id"], r["id"], "style=dashed, label=introduced"))
    for r in reader.rows(_GIVEN):
        n = int(r["n"])
        label = f"{n} referral{'s' if n != 1 else ''}"
        edges.append((r["prospect_id"], r["partner_id"], f'color=darkgreen, penwidth={min(1 + n, 6)}, label="{label}"'))
    for r in reader.rows(_RECEIVED):
        n = int(r["n"])
        edges.append((r["partner_id"], "you", f'color=navy, penwidth={min(1 + n, 6)}, label="{n} to you"'))
    kept = [(a, b, style) for a, b, style in edges if (a in people or a == "you") and (b in people or b == "you")]
    used = sorted({x for a, b, _ in kept for x in (a, b) if x != "you"}, key=str)
    lines = ["digraph ref {", "  rankdir=LR;", "  you [shape=doublecircle];"]
    lines += [f"  c{cid} [label={_dot_text(people[cid]['name'])}];" for cid in used]
    lines += [f"  {_node(a)} -> {_node(b)} [{style}];" for a, b, style in kept]
    return "\n".join(lines) + "\n}\n"


_GIVEN = (
    "SELECT partner_id, prospect_id, count(*) AS n FROM referral WHERE direction = 'given' "
    "AND prospect_id IS NOT NULL GROUP BY partner_id, prospect_id"
)
_RECEIVED = "SELECT partner_id, count(*) AS n FROM referral WHERE direction = 'received' GROUP BY partner_id"


def _node(cid: int | str) -> str:
    return "you" if cid == "you" else f"c{cid}"


def export(loc: Location, fmt: str, vcard_version: int = 4) -> Iterator[str]:
    """The export as chunks of text (the backup streams; the others are built whole)."""
    if fmt == "backup":
        return backup(loc)
    with open_reader(loc) as reader:
        if fmt == "csv":
            return iter([contacts_csv(reader)])
        if fmt == "vcard":
            return iter([vcards(reader, vcard_version)])
        if fmt == "ics":
            return iter([calendar(reader)])
        return iter([graph(reader)])
