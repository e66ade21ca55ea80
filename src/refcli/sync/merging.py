"""`ref sync --merge-cards`: the phone's second card for someone is folded into their first, so
the address book shows one card again. Every line of the second card that the first does not
have already (the same property with the same value: an email, a number, an address, a photo,
any X- property) is added to the first, as written, and the second card's file is removed. The
first card keeps its own UID, name and REV; the next sync reads what it gained into ref. Nothing
of the second card is lost: what the first already had is the only thing not copied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refcli.sync import cards, vdir
from refcli.sync import sync_sql as q
from refcli.sync.cardtext import CardText
from refcli.sync.writes import CardWrite

if TYPE_CHECKING:
    from refcli.store.writer import Writer

# What makes a card the card it is, not data on it: kept from the first card only.
OWN = frozenset({"BEGIN", "END", "VERSION", "UID", "FN", "N", "REV", "PRODID", "KIND", "X-ADDRESSBOOKSERVER-KIND"})


def union(first: bytes, second: bytes) -> bytes:
    """`first` with every line of `second` it lacks (by property and value, case-insensitively
    for the value), in the second card's order, before END."""
    kept = CardText(first.decode("utf-8", "surrogateescape"))
    other = CardText(second.decode("utf-8", "surrogateescape"))
    have = {(e.name, e.value.strip().casefold()) for e in kept.entries}
    end = next((i for i in range(len(kept.entries) - 1, -1, -1) if kept.entries[i].name == "END"), len(kept.entries))
    added = [e for e in other.entries if e.name not in OWN and (e.name, e.value.strip().casefold()) not in have]
    kept.entries[end:end] = added  # as written: lines, groups and parameters untouched
    return kept.text().encode("utf-8", "surrogateescape")


def merged_into(writer: Writer, data: bytes, card_of: dict[int, str]) -> str | None:
    """The card of the one person with a card who has this card's emails (after `ref merge`, the
    person kept has the merged one's addresses), or None."""
    keys = sorted({e.strip().lower() for e in cards.read_fields(data)[0].get("emails", [])})
    owners = {int(r["contact_id"]) for r in writer.rows(q.EMAIL_OWNERS, {"keys": keys})} if keys else set()
    return card_of.get(owners.pop()) if len(owners) == 1 else None


def fold(
    writes: list[CardWrite], merged: list[dict[str, str]], files: dict[str, vdir.CardFile], first: str, second: str
) -> bool:
    """Fold the second card into the first (`union`), on top of what this sync writes to the first
    already, and remove the second; whether it could (the first card is in the folder)."""
    if first not in files:
        return False
    pending = next((w for w in writes if w.href == first and w.data is not None), None)
    if pending is not None:
        pending.data = union(pending.data or b"", files[second].data)
    else:
        writes.append(CardWrite(first, union(files[first].data, files[second].data), files[first].etag, _nothing))
    writes.append(CardWrite(second, None, files[second].etag, _nothing))
    merged.append({"card": second, "into": first})
    return True


def _nothing() -> None:
    """A merged card that changed meanwhile needs no link put back: the next sync sees both again."""
