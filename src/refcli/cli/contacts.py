"""Commands for the people you meet: add-contact, edit, contacts, show, note, tag,
archive, unarchive, delete, merge. Thin: parse, call a service, render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from refcli.cli.common import PEOPLE, Contact, JsonOption, parse_date, reading, resolved, resolved_or_none, writing_rows
from refcli.cli.field_options import with_text_options

if TYPE_CHECKING:
    from refcli.people.contacts import ContactFields

Multi = list[str] | None


def _fields(
    *,
    name: str | None,
    handle: str | None,
    texts: dict[str, str | None],
    offers: Multi,
    email: Multi,
    phone: Multi,
    website: Multi,
    address: Multi,
    met_on: str | None,
    tag: Multi,
    note: str | None,
    trust: int | None,
    birthday: str | None = None,
    anniversary: str | None = None,
    given: str | None = None,
    family: str | None = None,
) -> ContactFields:
    from refcli.people.contacts import ContactFields

    return ContactFields(
        name=name,
        handle=handle,
        texts=texts,
        met_on=parse_date(met_on, "--met-on date", "past"),
        trust=trust,
        birthday=birthday,
        anniversary=anniversary,
        given=given,
        family=family,
        emails=email or [],
        phones=phone or [],
        websites=website or [],
        addresses=address or [],
        offers=offers or [],
        tags=tag or [],
        note=note,
    )


# Options shared by add-contact and edit (typer needs them spelled out per command).
HandleOpt = Annotated[
    str | None, typer.Option("--handle", metavar="HANDLE", help="Short name to type (lowercase letters, digits, -).")
]
OffersOpt = Annotated[
    Multi, typer.Option("--offers", metavar="LIST", help="Products/services, comma-separated; repeatable.")
]
EmailOpt = Annotated[
    Multi, typer.Option("--email", metavar="EMAIL", help="Email, optionally label:value (work:fred@x.com); repeatable.")
]
PhoneOpt = Annotated[
    Multi, typer.Option("--phone", metavar="PHONE", help="Phone, optionally label:value (mobile:555 0101); repeatable.")
]
WebsiteOpt = Annotated[Multi, typer.Option("--website", metavar="URL", help="Website address; repeatable.")]
AddressOpt = Annotated[
    Multi,
    typer.Option(
        "--address",
        metavar="ADDRESS",
        help='Postal address, optionally label:text ("home:1 Main St, Springfield"); repeatable.',
    ),
]
MetOnOpt = Annotated[
    str | None, typer.Option("--met-on", metavar="DATE", help="When you met (2026-03-14, yesterday, -2w...).")
]
ViaOpt = Annotated[str | None, typer.Option("--via", metavar="CONTACT", help="Who introduced you.")]
TagOpt = Annotated[Multi, typer.Option("--tag", metavar="TAG", help="A tag; repeatable.")]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A first note about them.")]
BirthdayOpt = Annotated[
    str | None,
    typer.Option("--birthday", metavar="DAY", help="Their birthday: 1986-04-15, or 04-15 without the year."),
]
AnniversaryOpt = Annotated[
    str | None, typer.Option("--anniversary", metavar="DAY", help="Their wedding (or other) anniversary, same forms.")
]
GivenOpt = Annotated[
    str | None,
    typer.Option("--given", metavar="TEXT", help="Their given (first) name, for address books that sort by it."),
]
FamilyOpt = Annotated[
    str | None, typer.Option("--family", metavar="TEXT", help="Their family (last) name, as address books file it.")
]
TrustOpt = Annotated[
    int | None, typer.Option("--trust", metavar="1-5", help="How much you trust them with a referral, 1-5.")
]


@with_text_options
def add_contact(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help='Their full name, e.g. "Fred Smith".', show_default=False)],
    handle: HandleOpt = None,
    offers: OffersOpt = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    website: WebsiteOpt = None,
    address: AddressOpt = None,
    met_on: MetOnOpt = None,
    via: ViaOpt = None,
    tag: TagOpt = None,
    note: NoteOpt = None,
    trust: TrustOpt = None,
    birthday: BirthdayOpt = None,
    anniversary: AnniversaryOpt = None,
    given: GivenOpt = None,
    family: FamilyOpt = None,
    as_json: JsonOption = False,
    texts: dict[str, str | None] | None = None,  # the typed text fields' options (cli/field_options.py)
) -> None:
    """Add someone you met. Prints the handle to use for them from now on.

    Warns when their email, phone or name (accents and apostrophes aside) already belongs to someone: that is
    usually the same person, and `ref merge` folds the two together."""
    from refcli.people import contacts

    fields = _fields(
        name=name, handle=handle, texts=texts or {}, offers=offers, email=email, phone=phone, website=website,
        address=address, met_on=met_on, tag=tag, note=note, trust=trust, birthday=birthday, anniversary=anniversary,
        given=given, family=family,
    )  # fmt: skip
    with writing_rows(ctx) as writer:
        fields.via = resolved(writer, via) if via is not None else None
        person = contacts.add_contact(writer, fields)
        known = writer.info.get("known_as") or []
    from refcli import render

    for clash in known:
        render.warn(f"{clash}: if they are one person, `ref merge` the two")
    _after_write(ctx, person.handle, as_json, f"added {person.name} as {person.handle}")


@with_text_options
def edit(
    ctx: typer.Context,
    who: Contact,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Correct their name.")] = None,
    handle: HandleOpt = None,
    offers: OffersOpt = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    website: WebsiteOpt = None,
    address: AddressOpt = None,
    met_on: MetOnOpt = None,
    via: ViaOpt = None,
    tag: TagOpt = None,
    note: NoteOpt = None,
    trust: TrustOpt = None,
    birthday: BirthdayOpt = None,
    anniversary: AnniversaryOpt = None,
    given: GivenOpt = None,
    family: FamilyOpt = None,
    remove_email: Annotated[
        Multi, typer.Option("--remove-email", metavar="EMAIL", help="Remove this email; repeatable.")
    ] = None,
    remove_phone: Annotated[
        Multi, typer.Option("--remove-phone", metavar="PHONE", help="Remove this phone; repeatable.")
    ] = None,
    remove_address: Annotated[
        Multi, typer.Option("--remove-address", metavar="ADDRESS", help="Remove this postal address; repeatable.")
    ] = None,
    remove_offer: Annotated[
        Multi, typer.Option("--remove-offer", metavar="TEXT", help="Remove this offering; repeatable.")
    ] = None,
    untag: Annotated[Multi, typer.Option("--untag", metavar="TAG", help="Remove this tag; repeatable.")] = None,
    as_json: JsonOption = False,
    texts: dict[str, str | None] | None = None,  # the typed text fields' options (cli/field_options.py)
) -> None:
    """Change what you know about someone. An empty value ("") clears a text field, or `--via` (who introduced you)."""
    from refcli.people import contacts

    fields = _fields(
        name=name, handle=handle, texts=texts or {}, offers=offers, email=email, phone=phone, website=website,
        address=address, met_on=met_on, tag=tag, note=note, trust=trust, birthday=birthday, anniversary=anniversary,
        given=given, family=family,
    )  # fmt: skip
    fields.remove_emails = remove_email or []
    fields.remove_phones = remove_phone or []
    fields.remove_addresses = remove_address or []
    fields.remove_offers = remove_offer or []
    fields.untag = untag or []
    with writing_rows(ctx) as writer:
        fields.via = resolved_or_none(writer, via)
        fields.clear_via = via is not None and not via.strip()  # --via "" clears it, as "" clears a text
        person, said = contacts.edit_contact(writer, resolved(writer, who), fields)
    what = f": {'; '.join(said)}" if said else ""
    _after_write(ctx, person.handle, as_json, f"updated {person.name} ({person.handle}){what}")


def _after_write(ctx: typer.Context, handle: str, as_json: bool, text: str) -> None:
    from refcli import render

    if as_json:
        from refcli import profile

        with reading(ctx) as reader:
            render.emit_json(profile.show(reader, resolved(reader, handle)))
    else:
        render.line(text)


def list_contacts(
    ctx: typer.Context,
    query: Annotated[
        str | None, typer.Argument(help="Search names, companies, what they do, offerings, tags, emails, phones.")
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", metavar="TAG", help="Only people with this tag.")] = None,
    archived: Annotated[bool, typer.Option("--archived", metavar="", help="List archived people instead.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 50,
    show_all: Annotated[bool, typer.Option("--all", metavar="", help="Show everyone (no limit).")] = False,
    as_json: JsonOption = False,
) -> None:
    """List or search the people in your network."""
    from refcli import render
    from refcli.people import profiles

    wanted = None if show_all else limit + 1
    with reading(ctx) as reader:
        people = profiles.list_contacts(reader, query, tag=tag, archived=archived, limit=wanted)
    more = not show_all and len(people) > limit
    people = people[:limit] if more else people
    if as_json:
        render.emit_json(people)
        return
    if not people:
        if query and not tag and not archived:
            render.message(f"no one's name or profile matches; to look through everything written: ref search {query}")
        else:
            render.message(
                "no one matches" if (query or tag) else "no one here yet: add someone with `ref add-contact NAME`"
            )
        return
    render.table(
        ["handle", "name", "company", "business", "email", "phone", "tags", "flags"],
        [
            [
                p["handle"],
                p["name"],
                p["company"],
                p["business"],
                _first(p["emails"]),
                _first(p["phones"]),
                ", ".join(p["tags"]),
                "deal-breaker" if p["dealbreaker"] else "",
            ]
            for p in people
        ],
        spare=("company", "phone", "tags"),
    )
    if more:
        render.message(f"showing the first {limit}; use --all or --limit N for more")


def _first(values: list[str]) -> str:
    return values[0] + (f" (+{len(values) - 1})" if len(values) > 1 else "") if values else ""


def show(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """Show someone's profile: details, channels, offerings, tags, recent notes."""
    from refcli import profile, render

    with reading(ctx) as reader:
        shown = profile.show(reader, resolved(reader, who))
    if as_json:
        render.emit_json(shown)
        return
    from refcli.cli.profile_card import render_profile

    render_profile(shown)


def tag(
    ctx: typer.Context,
    who: Contact,
    tags: Annotated[list[str], typer.Argument(metavar="TAG...", help="One or more tags.", show_default=False)],
    as_json: JsonOption = False,
) -> None:
    """Tag someone (chapter, industry, anything you filter by)."""
    from refcli import render
    from refcli.people import contacts

    with writing_rows(ctx) as writer:
        person, added = contacts.add_tags(writer, resolved(writer, who), tags)
    if as_json:
        render.emit_json({"contact": person.handle, "name": person.name, "added": added})
    elif added:
        render.line(f"tagged {person.name} ({person.handle}): {', '.join(added)}")
    else:
        render.line(f"{person.name} ({person.handle}) already has those tags")


def archive(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """Archive someone: they leave lists and reports, their history stays."""
    _set_archived(ctx, who, True, as_json)


def unarchive(ctx: typer.Context, who: Contact, as_json: JsonOption = False) -> None:
    """Bring an archived person back into lists and reports."""
    _set_archived(ctx, who, False, as_json)


def _set_archived(ctx: typer.Context, who: str, archived: bool, as_json: bool) -> None:
    from refcli import render
    from refcli.people import contacts

    with writing_rows(ctx) as writer:
        person, changed = contacts.set_archived(writer, resolved(writer, who), archived)
    if as_json:
        render.emit_json({"contact": person.handle, "name": person.name, "archived": archived, "changed": changed})
        return
    state = "archived" if archived else "back in your lists"
    render.line(f"{person.name} ({person.handle}) {'is now' if changed else 'was already'} {state}")


def register(app: typer.Typer) -> None:
    for func, name in (
        (add_contact, "add-contact"),
        (edit, "edit"),
        (list_contacts, "contacts"),
        (show, "show"),
        (tag, "tag"),
        (archive, "archive"),
        (unarchive, "unarchive"),
    ):
        app.command(name, rich_help_panel=PEOPLE)(func)
