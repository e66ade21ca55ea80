"""A backup is untrusted input: the values of a restored row must pass the rules the CLI and the
importers hold typed and imported values to, so a crafted backup cannot bring in what no command
could write (a handle that is a path, an email that is two addresses, a name with a line break).
The first value that fails is named, and nothing is written."""

from __future__ import annotations

import re
from typing import Any

from refcli.errors import InvalidInput, RefError
from refcli.names import card_uid, check_handle

_CONTROL = re.compile("[\x00-\x1f\x7f]")  # in a one-line value: no line break, tab or other control
_NUL = "\x00"  # in any text: no database keeps it the same way, no file format carries it

# The text columns no command or import ever stores with a line break (each is collapsed to one
# line on the way in); the rest may hold line breaks (notes, addresses, a goal typed over lines).
ONE_LINE = {
    "contact": ("handle", "name", "name_key", "company", "title"),
    "channel": ("kind", "label"),
    "tag": ("name",),
    "tag_cadence": ("tag",),
}
_CRAFTED = "the backup is damaged or crafted: nothing was restored"
ONE_LINE_CHANNELS = ("email", "phone", "url")  # an address may run over lines; these never do


def check_row(table: str, row: dict[str, Any], where: str) -> None:
    """Raise InvalidInput naming the first value of `row` that no command could have written.
    A contact's UID that is unsafe to write into a card is replaced as the importer replaces one
    (a database written before that rule may hold one): the row is changed in place."""
    for column, value in row.items():
        if isinstance(value, str) and _NUL in value:
            raise InvalidInput(f"{where}: {column} holds a NUL character", _CRAFTED)
    for column in ONE_LINE.get(table, ()):
        value = row.get(column)
        if isinstance(value, str) and _CONTROL.search(value):
            raise InvalidInput(f"{where}: {column} holds a line break or control character ({value!r})")
    if table == "channel" and row.get("kind") in ONE_LINE_CHANNELS and _CONTROL.search(str(row.get("value"))):
        raise InvalidInput(f"{where}: value holds a line break or control character ({row.get('value')!r})")
    if table != "contact":
        return
    handle = row.get("handle")
    try:
        if not isinstance(handle, str) or check_handle(handle) != handle:
            raise InvalidInput(f"handle {handle!r} is not valid")
    except RefError as exc:
        raise InvalidInput(f"{where}: {exc.message}", _CRAFTED) from None
    if isinstance(row.get("uid"), str):
        row["uid"] = card_uid(row["uid"])
