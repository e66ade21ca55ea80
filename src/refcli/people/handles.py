"""A person's handle, the short name they are typed by: chosen from their name (`jose`,
`jose-nunez`, `jose-nunez-2`...), or checked when the user gives one."""

from __future__ import annotations

from refcli.errors import Conflict
from refcli.names import HANDLE_RE, handle_candidates, like_escape
from refcli.people import contacts_sql as q
from refcli.store import Reader


def assign_handle(reader: Reader, name: str) -> str:
    """`jose`, then `jose-nunez`, then `jose-nunez-2`...; `contact-N` without Latin letters."""
    candidates = handle_candidates(name)
    for candidate in candidates:
        if reader.row("SELECT 1 AS x FROM contact WHERE handle = :h", {"h": candidate}) is None:
            return candidate
    base = candidates[-1] if candidates else "contact"
    taken = {r["handle"] for r in reader.rows(q.HANDLES_LIKE, {"base": base, "pattern": like_escape(base) + "-%"})}
    n = 2 if candidates else 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


class HandleAllocator:
    """assign_handle for many people at once (imports): all handles loaded once, kept in memory."""

    def __init__(self, reader: Reader) -> None:
        self.taken = {str(handle) for (handle,) in reader.stream("SELECT handle FROM contact")}
        self.next_number: dict[str, int] = {}

    def allocate(self, name: str, wish: str | None = None) -> str:
        """A free handle for `name`; `wish` first when it is a valid handle nobody has (a handle
        ref's own export carried)."""
        if wish and HANDLE_RE.match(wish) and wish not in self.taken:
            self.taken.add(wish)
            return wish
        candidates = handle_candidates(name)
        for candidate in candidates:
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        base = candidates[-1] if candidates else "contact"
        n = self.next_number.get(base, 2 if candidates else 1)
        while f"{base}-{n}" in self.taken:
            n += 1
        self.next_number[base] = n + 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


def check_handle_free(reader: Reader, handle: str, exclude: int | None = None) -> None:
    row = reader.row("SELECT id, name FROM contact WHERE handle = :h", {"h": handle})
    if row and row["id"] != exclude:
        raise Conflict(f"handle {handle!r} is already taken by {row['name']}", "choose another --handle")
