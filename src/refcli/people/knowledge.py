"""What you know about a person beyond their card: offerings, family, goals,
traits (pluses, minuses, deal-breakers) and who they know."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlmodel import Session, col

from refcli import dates
from refcli.errors import Conflict, InvalidInput, NotFound
from refcli.models import Acquaintance, FamilyMember, Goal, Offering, Trait
from refcli.names import collapse, fold, name_key
from refcli.people.contacts import split_offers
from refcli.people.resolve import Person

TRAIT_KINDS = ("plus", "minus", "dealbreaker")
GOAL_KINDS = ("business", "personal")


def _required(text: str, what: str) -> str:
    cleaned = collapse(text)
    if not cleaned:
        raise InvalidInput(f"{what} cannot be empty")
    return cleaned


# --- offerings ---------------------------------------------------------------------


def add_offering(session: Session, person: Person, text: str) -> tuple[Person, list[str]]:
    existing = {
        o.text_key for o in session.execute(select(Offering).where(col(Offering.contact_id) == person.id)).scalars()
    }
    added = []
    for offer in split_offers([text]) or [_required(text, "an offering")]:
        if fold(offer) not in existing:
            existing.add(fold(offer))
            session.add(Offering(contact_id=person.id, text=offer, text_key=fold(offer)))
            added.append(offer)
    return person, added


def remove_offering(session: Session, person: Person, text: str) -> Person:
    gone = session.execute(
        delete(Offering).where(col(Offering.contact_id) == person.id, col(Offering.text_key) == fold(text))
    )
    if not gone.rowcount:  # type: ignore[attr-defined]
        raise NotFound(f"{person.name} has no offering {text!r}", f"see `ref show {person.handle}`")
    return person


# --- family ------------------------------------------------------------------------


def _family_member(session: Session, person: Person, name: str) -> FamilyMember:
    found = session.execute(
        select(FamilyMember).where(
            col(FamilyMember.contact_id) == person.id, col(FamilyMember.name_key) == name_key(name)
        )
    ).scalar_one_or_none()
    if found is None:
        raise NotFound(f"{person.name} has no family member called {name!r}", f"see `ref family list {person.handle}`")
    return found


def add_family(
    session: Session,
    person: Person,
    name: str,
    relation: str | None,
    met: bool,
    birthday: str | None = None,
    anniversary: str | None = None,
) -> Person:
    from refcli.people.contacts import yearly_or_none

    name = _required(name, "a family member's name")
    exists = session.execute(
        select(col(FamilyMember.id)).where(
            col(FamilyMember.contact_id) == person.id, col(FamilyMember.name_key) == name_key(name)
        )
    ).first()
    if exists:
        raise Conflict(
            f"{name} is already recorded as family of {person.name}", f"use `ref family met {person.handle} {name}`"
        )
    session.add(
        FamilyMember(
            contact_id=person.id,
            name=name,
            name_key=name_key(name),
            relation=collapse(relation or "") or None,
            met=met,
            birthday=yearly_or_none(birthday, "--birthday"),
            anniversary=yearly_or_none(anniversary, "--anniversary"),
        )
    )
    return person


def family_met(session: Session, person: Person, name: str) -> Person:
    member = _family_member(session, person, name)
    member.met = True
    session.add(member)
    return person


def edit_family(
    session: Session,
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

    member = _family_member(session, person, name)
    if birthday is not None:
        member.birthday = yearly_or_none(birthday, "--birthday")
    if anniversary is not None:
        member.anniversary = yearly_or_none(anniversary, "--anniversary")
    if rename is None and relation is None and met is None and birthday is None and anniversary is None:
        raise InvalidInput("nothing to change", f"e.g. ref family edit {person.handle} {name} --relation daughter")
    if rename is not None:
        new = _required(rename, "a family member's name")
        if name_key(new) != member.name_key:
            _no_family_called(session, person, new)
        member.name, member.name_key = new, name_key(new)
    if relation is not None:
        member.relation = collapse(relation) or None
    if met is not None:
        member.met = met
    session.add(member)
    return person


def _no_family_called(session: Session, person: Person, name: str) -> None:
    taken = session.execute(
        select(col(FamilyMember.id)).where(
            col(FamilyMember.contact_id) == person.id, col(FamilyMember.name_key) == name_key(name)
        )
    ).first()
    if taken:
        raise Conflict(
            f"{name} is already recorded as family of {person.name}", f"see `ref family list {person.handle}`"
        )


def remove_family(session: Session, person: Person, name: str) -> Person:
    session.delete(_family_member(session, person, name))
    return person


# --- goals -------------------------------------------------------------------------


def add_goal(session: Session, person: Person, text: str, year: int | None, kind: str) -> tuple[Person, int]:
    goal = Goal(contact_id=person.id, year=dates.check_year(year), kind=kind, text=_required(text, "a goal"))
    session.add(goal)
    session.flush()
    assert goal.id is not None
    return person, goal.id


def _goal(session: Session, person: Person, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id)
    if goal is None or goal.contact_id != person.id:
        raise NotFound(f"{person.name} has no goal #{goal_id}", f"see `ref goal list {person.handle}`")
    return goal


def goal_done(session: Session, person: Person, goal_id: int, on: date | None = None) -> Person:
    goal = _goal(session, person, goal_id)
    goal.achieved_on = on or dates.today()
    session.add(goal)
    return person


def edit_goal(
    session: Session, person: Person, goal_id: int, *, text: str | None, year: int | None, kind: str | None
) -> Person:
    """Correct a goal's text, year or kind (business, personal)."""
    goal = _goal(session, person, goal_id)
    if text is None and year is None and kind is None:
        raise InvalidInput("nothing to change", f'e.g. ref goal edit {person.handle} {goal_id} --text "TEXT"')
    if text is not None:
        goal.text = _required(text, "a goal")
    if year is not None:
        goal.year = dates.check_year(year)
    if kind is not None:
        goal.kind = kind
    session.add(goal)
    return person


def remove_goal(session: Session, person: Person, goal_id: int) -> Person:
    session.delete(_goal(session, person, goal_id))
    return person


# --- traits ------------------------------------------------------------------------


def add_trait(session: Session, person: Person, kind: str, text: str) -> tuple[Person, int]:
    if kind not in TRAIT_KINDS:
        raise InvalidInput(f"unknown trait kind {kind!r}", "use plus, minus or dealbreaker")
    trait = Trait(contact_id=person.id, kind=kind, text=_required(text, "a trait"))
    session.add(trait)
    session.flush()
    assert trait.id is not None
    return person, trait.id


def _trait(session: Session, person: Person, trait_id: int) -> Trait:
    trait = session.get(Trait, trait_id)
    if trait is None or trait.contact_id != person.id:
        raise NotFound(f"{person.name} has no trait #{trait_id}", f"see `ref trait list {person.handle}`")
    return trait


def edit_trait(session: Session, person: Person, trait_id: int, *, text: str | None, kind: str | None) -> Person:
    """Correct a trait's text, or what kind it is (plus, minus, dealbreaker)."""
    trait = _trait(session, person, trait_id)
    if text is None and kind is None:
        raise InvalidInput("nothing to change", f'e.g. ref trait edit {person.handle} {trait_id} --text "TEXT"')
    if kind is not None and kind not in TRAIT_KINDS:
        raise InvalidInput(f"unknown trait kind {kind!r}", "use plus, minus or dealbreaker")
    if text is not None:
        trait.text = _required(text, "a trait")
    if kind is not None:
        trait.kind = kind
    session.add(trait)
    return person


def remove_trait(session: Session, person: Person, trait_id: int) -> Person:
    session.delete(_trait(session, person, trait_id))
    return person


# --- who knows whom ----------------------------------------------------------------


def add_knows(session: Session, person: Person, known: Person, note: str | None) -> tuple[Person, Person]:
    if person.id == known.id:
        raise InvalidInput(f"{person.name} knowing themselves tells you nothing", "name two different people")
    existing = session.execute(
        select(Acquaintance).where(col(Acquaintance.contact_id) == person.id, col(Acquaintance.other_id) == known.id)
    ).scalar_one_or_none()
    link = existing or Acquaintance(contact_id=person.id, other_id=known.id)
    if note is not None:
        link.note = collapse(note) or None
    session.add(link)
    return person, known


def remove_knows(session: Session, person: Person, known: Person) -> tuple[Person, Person]:
    """Forget that WHO knows OTHER (a link recorded by mistake)."""
    existing = session.execute(
        select(Acquaintance).where(col(Acquaintance.contact_id) == person.id, col(Acquaintance.other_id) == known.id)
    ).scalar_one_or_none()
    if existing is None:
        raise NotFound(f"{person.name} is not recorded as knowing {known.name}", f"see `ref network {person.handle}`")
    session.delete(existing)
    return person, known
