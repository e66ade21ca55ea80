"""What you know about a person beyond their card: offerings, family, goals,
traits (pluses, minuses, deal-breakers) and who they know. Written in SQL through the Writer."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from refcli import dates
from refcli.errors import Conflict, InvalidInput, NotFound
from refcli.names import collapse, fold, name_key
from refcli.people.contacts import add_offerings, split_offers
from refcli.people.resolve import Person

if TYPE_CHECKING:
    from refcli.store.writer import Writer

TRAIT_KINDS = ("plus", "minus", "dealbreaker")
GOAL_KINDS = ("business", "personal")


def _required(text: str, what: str) -> str:
    cleaned = collapse(text)
    if not cleaned:
        raise InvalidInput(f"{what} cannot be empty")
    return cleaned


# --- offerings ---------------------------------------------------------------------


def add_offering(writer: Writer, person: Person, text: str) -> tuple[Person, list[str]]:
    """Each offering in `text` (comma-separated) the person lacks: the one rule of adding an
    offering (`contacts.add_offerings`), as add-contact, edit and the importers use it."""
    return person, add_offerings(writer, person.id, split_offers([text]) or [_required(text, "an offering")])


def remove_offering(writer: Writer, person: Person, text: str) -> Person:
    gone = writer.execute(
        "DELETE FROM offering WHERE contact_id = :id AND text_key = :key", {"id": person.id, "key": fold(text)}
    )
    if not gone:
        raise NotFound(f"{person.name} has no offering {text!r}", f"see `ref show {person.handle}`")
    return person


# --- family ------------------------------------------------------------------------

_FAMILY = "SELECT * FROM family_member WHERE contact_id = :id AND name_key = :key"


def _family_member(writer: Writer, person: Person, name: str) -> dict[str, Any]:
    found = writer.row(_FAMILY, {"id": person.id, "key": name_key(name)})
    if found is None:
        raise NotFound(f"{person.name} has no family member called {name!r}", f"see `ref family list {person.handle}`")
    return found


def add_family(
    writer: Writer,
    person: Person,
    name: str,
    relation: str | None,
    met: bool,
    birthday: str | None = None,
    anniversary: str | None = None,
) -> Person:
    from refcli.people.contacts import yearly_or_none

    name = _required(name, "a family member's name")
    if writer.row(_FAMILY, {"id": person.id, "key": name_key(name)}) is not None:
        raise Conflict(
            f"{name} is already recorded as family of {person.name}", f"use `ref family met {person.handle} {name}`"
        )
    writer.insert(
        "family_member",
        {
            "contact_id": person.id,
            "name": name,
            "name_key": name_key(name),
            "relation": collapse(relation or "") or None,
            "met": met,
            "birthday": yearly_or_none(birthday, "--birthday"),
            "anniversary": yearly_or_none(anniversary, "--anniversary"),
        },
    )
    return person


def family_met(writer: Writer, person: Person, name: str) -> Person:
    member = _family_member(writer, person, name)
    writer.update("family_member", member["id"], {"met": True})
    return person


def edit_family(
    writer: Writer,
    person: Person,
    name: str,
    *,
    rename: str | None,
    relation: str | None,
    met: bool | None,
    birthday: str | None = None,
    anniversary: str | None = None,
) -> Person:
    """Correct a family member's name, relation, birthday or anniversary ("" clears one) or
    whether you have met them."""
    from refcli.people.contacts import yearly_or_none

    member = _family_member(writer, person, name)
    changes: dict[str, Any] = {}
    if birthday is not None:
        changes["birthday"] = yearly_or_none(birthday, "--birthday")
    if anniversary is not None:
        changes["anniversary"] = yearly_or_none(anniversary, "--anniversary")
    if rename is None and relation is None and met is None and birthday is None and anniversary is None:
        raise InvalidInput("nothing to change", f"e.g. ref family edit {person.handle} {name} --relation daughter")
    if rename is not None:
        new = _required(rename, "a family member's name")
        if name_key(new) != member["name_key"] and writer.row(_FAMILY, {"id": person.id, "key": name_key(new)}):
            raise Conflict(
                f"{new} is already recorded as family of {person.name}", f"see `ref family list {person.handle}`"
            )
        changes.update(name=new, name_key=name_key(new))
    if relation is not None:
        changes["relation"] = collapse(relation) or None
    if met is not None:
        changes["met"] = met
    writer.update("family_member", member["id"], changes)
    return person


def remove_family(writer: Writer, person: Person, name: str) -> Person:
    member = _family_member(writer, person, name)
    writer.execute("DELETE FROM family_member WHERE id = :id", {"id": member["id"]})
    return person


# --- goals -------------------------------------------------------------------------


def add_goal(writer: Writer, person: Person, text: str, year: int | None, kind: str) -> tuple[Person, int]:
    goal = {"contact_id": person.id, "year": dates.check_year(year), "kind": kind, "text": _required(text, "a goal")}
    return person, writer.insert("goal", goal)


def _owned(writer: Writer, table: str, person: Person, record_id: int, kind: str, listing: str) -> dict[str, Any]:
    """One of the person's records by its id, or a NotFound naming the listing of the ids."""
    found = writer.row(
        f"SELECT * FROM {table} WHERE id = :id AND contact_id = :who", {"id": record_id, "who": person.id}
    )
    if found is None:
        raise NotFound(f"{person.name} has no {kind} #{record_id}", f"see `{listing} {person.handle}`")
    return found


def goal_done(writer: Writer, person: Person, goal_id: int, on: date | None = None) -> Person:
    _owned(writer, "goal", person, goal_id, "goal", "ref goal list")
    writer.update("goal", goal_id, {"achieved_on": on or dates.today()})
    return person


def edit_goal(
    writer: Writer, person: Person, goal_id: int, *, text: str | None, year: int | None, kind: str | None
) -> Person:
    """Correct a goal's text, year or kind (business, personal)."""
    _owned(writer, "goal", person, goal_id, "goal", "ref goal list")
    if text is None and year is None and kind is None:
        raise InvalidInput("nothing to change", f'e.g. ref goal edit {person.handle} {goal_id} --text "TEXT"')
    changes: dict[str, Any] = {}
    if text is not None:
        changes["text"] = _required(text, "a goal")
    if year is not None:
        changes["year"] = dates.check_year(year)
    if kind is not None:
        changes["kind"] = kind
    writer.update("goal", goal_id, changes)
    return person


def remove_goal(writer: Writer, person: Person, goal_id: int) -> Person:
    _owned(writer, "goal", person, goal_id, "goal", "ref goal list")
    writer.execute("DELETE FROM goal WHERE id = :id", {"id": goal_id})
    return person


# --- traits ------------------------------------------------------------------------


def _trait_kind(kind: str) -> str:
    if kind not in TRAIT_KINDS:
        raise InvalidInput(f"unknown trait kind {kind!r}", "use plus, minus or dealbreaker")
    return kind


def add_trait(writer: Writer, person: Person, kind: str, text: str) -> tuple[Person, int]:
    trait = {"contact_id": person.id, "kind": _trait_kind(kind), "text": _required(text, "a trait")}
    return person, writer.insert("trait", trait)


def edit_trait(writer: Writer, person: Person, trait_id: int, *, text: str | None, kind: str | None) -> Person:
    """Correct a trait's text, or what kind it is (plus, minus, dealbreaker)."""
    _owned(writer, "trait", person, trait_id, "trait", "ref trait list")
    if text is None and kind is None:
        raise InvalidInput("nothing to change", f'e.g. ref trait edit {person.handle} {trait_id} --text "TEXT"')
    changes: dict[str, Any] = {}
    if kind is not None:
        changes["kind"] = _trait_kind(kind)
    if text is not None:
        changes["text"] = _required(text, "a trait")
    writer.update("trait", trait_id, changes)
    return person


def remove_trait(writer: Writer, person: Person, trait_id: int) -> Person:
    _owned(writer, "trait", person, trait_id, "trait", "ref trait list")
    writer.execute("DELETE FROM trait WHERE id = :id", {"id": trait_id})
    return person


# --- who knows whom ----------------------------------------------------------------

_KNOWS = "SELECT id FROM acquaintance WHERE contact_id = :a AND other_id = :b"


def add_knows(writer: Writer, person: Person, known: Person, note: str | None) -> tuple[Person, Person]:
    if person.id == known.id:
        raise InvalidInput(f"{person.name} knowing themselves tells you nothing", "name two different people")
    existing = writer.row(_KNOWS, {"a": person.id, "b": known.id})
    if existing is None:
        writer.insert(
            "acquaintance", {"contact_id": person.id, "other_id": known.id, "note": collapse(note or "") or None}
        )
    elif note is not None:
        writer.update("acquaintance", existing["id"], {"note": collapse(note) or None})
    return person, known


def remove_knows(writer: Writer, person: Person, known: Person) -> tuple[Person, Person]:
    """Forget that WHO knows OTHER (a link recorded by mistake)."""
    existing = writer.row(_KNOWS, {"a": person.id, "b": known.id})
    if existing is None:
        raise NotFound(f"{person.name} is not recorded as knowing {known.name}", f"see `ref network {person.handle}`")
    writer.execute("DELETE FROM acquaintance WHERE id = :id", {"id": existing["id"]})
    return person, known
