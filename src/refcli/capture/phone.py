"""An Android call and message log as "SMS Backup & Restore" writes it (calls.xml, sms.xml) as
touches: a call by call, a text or MMS by message. A missed, rejected or blocked call never
counts (call them back: that call counts)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from refcli.capture.items import Item, Skip

CALL_IN, CALL_OUT, VOICEMAIL = "1", "2", "4"  # the app's call types; 3 missed, 5 rejected, 6 blocked
MESSAGE_IN, MESSAGE_OUT = "1", "2"  # an SMS's type, an MMS's msg_box


def is_phone_log(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<calls" in head or b"<smses" in head


def items(path: Path) -> Iterator[Item | Skip]:
    """The calls and messages of one backup file."""
    import xml.etree.ElementTree as ElementTree

    try:
        for _, element in ElementTree.iterparse(path, events=("end",)):
            if element.tag in ("call", "sms", "mms"):
                yield _item(element.tag, element.attrib, f"{path} {element.tag}")
                element.clear()
    except ElementTree.ParseError as exc:
        yield Skip(str(path), f"not a readable call or message log ({exc})")


def _item(tag: str, attrib: dict[str, Any], where: str) -> Item | Skip:
    raw_time = str(attrib.get("date", ""))
    if not raw_time.isdecimal():
        return Skip(where, "no time")
    moment = datetime.fromtimestamp(int(raw_time) / 1000, tz=UTC).astimezone()
    direction: str | None
    numbers: tuple[str, ...]
    if tag == "call":
        kind = str(attrib.get("type", ""))
        if kind not in (CALL_IN, CALL_OUT, VOICEMAIL):
            return Skip(where, "a missed, rejected or blocked call")
        number = str(attrib.get("number", "")).strip()
        direction = "out" if kind == CALL_OUT else "in"
        via, source = "call", "calls"
        numbers = (number,)
    else:
        box = str(attrib.get("type" if tag == "sms" else "msg_box", ""))
        direction = "out" if box == MESSAGE_OUT else "in" if box == MESSAGE_IN else None
        numbers = tuple(n.strip() for n in str(attrib.get("address", "")).split("~") if n.strip())
        via, source = "message", "messages"
    if not numbers:
        return Skip(where, "no number")
    return Item(
        key=f"{tag}:{raw_time}:{'~'.join(numbers)}",
        day=moment.date(),
        via=via,
        source=source,
        numbers=numbers,
        direction=direction,
        crowd=len(numbers),
        names={n: str(attrib["contact_name"]) for n in numbers if attrib.get("contact_name")},
    )
