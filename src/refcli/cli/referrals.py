"""Commands for introductions and referrals: introduce, give, receive, heard, outcome,
thank, referrals, referral."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from refcli.cli.common import REFERRALS, Contact, JsonOption, RefId, parse_date, resolved, writing_rows

WhyOpt = Annotated[str | None, typer.Option("--why", metavar="TEXT", help="Why they should talk / what it is.")]
TempOpt = Annotated[
    str | None, typer.Option("--temperature", metavar="hot|warm|cold", help="How ready the prospect is.")
]
OnOpt = Annotated[str | None, typer.Option("--on", metavar="DATE", help="When (default today).")]


def introduce(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="One person to introduce.", show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B", help="The other person.", show_default=False)],
    why: WhyOpt = None,
    for_: Annotated[
        str | None,
        typer.Option("--for", metavar="A|B", help="Who gets the business (a referral to them); default: mutual."),
    ] = None,
    temperature: TempOpt = None,
    on: OnOpt = None,
    follow_up: Annotated[
        str | None, typer.Option("--follow-up", metavar="DATE", help="When to check in (default a week later).")
    ] = None,
    write: Annotated[
        Path | None,
        typer.Option("--write", metavar="DIR", help="Also write both messages as files (.eml, or .txt without email)."),
    ] = None,
    suggested: Annotated[
        bool, typer.Option("--suggested", metavar="", help="Made from a `ref suggest` suggestion (counted in stats).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Introduce two people properly: a message to each with the other's details and the reason."""
    from refcli import render
    from refcli.referrals import introductions

    made = parse_date(on, "--on date", "past", check=False)
    follow = parse_date(follow_up, "--follow-up date", "future", check=False)  # the service names the intro date
    with writing_rows(ctx) as writer:
        intro = introductions.introduce(
            writer,
            resolved(writer, a),
            resolved(writer, b),
            why=why,
            for_name=for_,
            temperature=temperature,
            on=made,
            follow_up=follow,
            suggested=suggested,
        )
        written = _write_messages(intro.messages, write) if write is not None else []
    for warning in intro.warnings:
        render.warn(f"{warning} (recorded anyway)")
    for handle in intro.missing_channels:
        render.warn(f"{handle} has no email or phone: add one with `ref edit {handle} --email ...`")
    if as_json:
        render.emit_json(
            {
                "id": intro.id,
                "made_on": intro.made_on,
                "follow_up_on": intro.follow_up_on,
                "mutual": intro.mutual,
                "for": intro.provider,
                "messages": intro.messages,
                "warnings": intro.warnings,
                "missing_channels": intro.missing_channels,
                "files": [str(p) for p in written],
            }
        )
        return
    names = " and ".join(m["name"] for m in intro.messages)
    kind = "mutual introduction" if intro.mutual else f"introduction (a referral for {intro.provider})"
    render.line(f"recorded {kind} #{intro.id}: {names}; follow up on {intro.follow_up_on.isoformat()}")
    for message in intro.messages:
        address = f" <{message['email']}>" if message["email"] else ""
        render.line("")
        render.line(f"--- to {message['name']}{address} ---")
        render.line(f"Subject: {message['subject']}")
        render.line("")
        render.line(message["body"].rstrip("\n"))
    for path in written:
        render.message(f"wrote {path}")
    render.message(f"when they report back: ref heard {intro.id} CONTACT; then: ref outcome {intro.id} met|won|lost")


def _one_address(email: str | None) -> str | None:
    """The email as one address for a To: header, or None when it is not exactly one address
    (`a>,<b@x` is two to a mail program): then the message is written as .txt, to send by hand."""
    if not email:
        return None
    from email.headerregistry import Address

    try:
        return str(Address(addr_spec=email))
    except ValueError:  # the header parser's defects (InvalidHeaderDefect...) are ValueErrors too
        return None


def _file_word(handle: str) -> str:
    """A handle as a file name's word: a handle is letters, digits and '-', and a crafted one
    (from a restored backup of an older ref) never becomes a path."""
    return "".join(c for c in handle if c.isascii() and (c.isalnum() or c == "-"))[:64] or "contact"


def _write_messages(messages: list[dict[str, Any]], folder: Path) -> list[Path]:
    """Write each message as .eml (with To:) or .txt; inside the transaction, so a failure records nothing."""
    from email.message import EmailMessage
    from email.utils import formataddr

    from refcli.files import check_folder, write_new_file
    from refcli.render import safe

    if not folder.exists():  # made for you, private (0700), as the data folder is
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            from refcli.errors import StorageError

            raise StorageError(f"cannot create {folder}: {exc.strerror}") from None
    check_folder(folder)
    written: list[Path] = []
    try:
        for m in messages:
            stem = f"intro-{m['referral']}-to-{_file_word(m['to'])}"
            to = _one_address(m["email"])
            if to is not None:
                mail = EmailMessage()
                mail["To"] = formataddr((safe(m["name"]), to))
                mail["Subject"] = safe(m["subject"])
                mail["X-Unsent"] = "1"  # mail programs open it as a draft to send, not as received mail
                mail.set_content(m["body"])
                written.append(write_new_file(folder / f"{stem}.eml", mail.as_bytes()))
            else:
                text = f"Subject: {m['subject']}\n\n{m['body']}"
                written.append(write_new_file(folder / f"{stem}.txt", text.encode()))
    except Exception:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def give(
    ctx: typer.Context,
    who: Contact,
    prospect: Annotated[
        str, typer.Argument(metavar="PROSPECT", help="Who you are referring: a contact or a description.")
    ],
    why: WhyOpt = None,
    temperature: TempOpt = None,
    on: OnOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Give CONTACT a lead (a referral that is not a full introduction)."""
    from refcli import render
    from refcli.referrals import lifecycle as referrals

    made = parse_date(on, "--on date", "past", check=False)
    with writing_rows(ctx) as writer:
        result = referrals.give(writer, resolved(writer, who), prospect, why=why, temperature=temperature, on=made)
    if as_json:
        render.emit_json(result)
        return
    render.line(f"recorded lead #{result['id']} for {result['name']}: {result['prospect']}")
    render.message("a full introduction serves both sides better: ref introduce A B --for B")


def receive(
    ctx: typer.Context,
    who: Contact,
    what: Annotated[str, typer.Argument(metavar="WHAT", help="What the referral is.", show_default=False)],
    prospect: Annotated[
        str | None, typer.Option("--prospect", metavar="NAME", help="Who the prospect is (a contact or text).")
    ] = None,
    temperature: TempOpt = None,
    on: OnOpt = None,
    value: Annotated[str | None, typer.Option("--value", metavar="AMOUNT", help="Its value, e.g. 4,500.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Record a referral CONTACT sent you. Then thank them: ref thank CONTACT."""
    from refcli import render
    from refcli.referrals import lifecycle as referrals

    made = parse_date(on, "--on date", "past", check=False)
    with writing_rows(ctx) as writer:
        result = referrals.receive(
            writer, resolved(writer, who), what, prospect=prospect, temperature=temperature, on=made, value=value
        )
    if as_json:
        render.emit_json(result)
        return
    render.line(f"recorded referral #{result['id']} from {result['name']}")
    render.message(f"say thank you, then record it: ref thank {result['partner']}")


def heard(
    ctx: typer.Context,
    referral_id: RefId,
    who: Annotated[str, typer.Argument(metavar="CONTACT", help="Who reported back.", show_default=False)],
    on: OnOpt = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What they said (kept in the referral's history).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record that a party reported back on a referral."""
    from refcli import render
    from refcli.referrals import lifecycle as referrals

    day = parse_date(on, "--on date", "past")
    with writing_rows(ctx) as writer:
        result = referrals.heard(writer, referral_id, resolved(writer, who), day, note)
    if as_json:
        render.emit_json(result)
        return
    render.line(f"{result['name']} reported back on #{referral_id} ({result['on']})")


def outcome(
    ctx: typer.Context,
    referral_id: RefId,
    status: Annotated[
        str, typer.Argument(metavar="contacted|met|won|lost|no-response", help="What became of it.", show_default=False)
    ],
    value: Annotated[
        str | None, typer.Option("--value", metavar="AMOUNT", help="With won: the closed value (TYFCB).")
    ] = None,
    why: Annotated[
        str | None, typer.Option("--why", metavar="TEXT", help="With lost/no-response: what went wrong.")
    ] = None,
    treated: Annotated[
        int | None, typer.Option("--treated", metavar="1-5", help="How the provider treated the prospect.")
    ] = None,
    repeat: Annotated[bool, typer.Option("--repeat", metavar="", help="With won: repeat business.")] = False,
    on: OnOpt = None,
    force: Annotated[
        bool, typer.Option("--force", metavar="", help="Allow moving backwards, to fix a mistake.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Record what became of a referral: contacted, met, won (with the value), lost or no-response (with why)."""
    from refcli import render
    from refcli.referrals import lifecycle as referrals

    day = parse_date(on, "--on date", "past")
    with writing_rows(ctx) as writer:
        result = referrals.outcome(
            writer, referral_id, status, value=value, why=why, treated=treated, repeat=repeat, on=day, force=force
        )
    text = f"referral #{referral_id}: {result['status'].replace('_', ' ')} on {result['on']}"
    if result["value_minor"] is not None:
        from refcli.money import format_money

        text += f" ({format_money(result['value_minor'], result['currency'])})"
    if as_json:
        render.emit_json(result)
        return
    render.line(text)
    if result["status"] == "won" and result["value_minor"] is None:
        render.message(f"record what it was worth: ref outcome {referral_id} won --value AMOUNT")
    if result["status"] in ("lost", "no_response") and not why:
        render.message(f"what went wrong? it helps judge the next one: ref outcome {referral_id} {status} --why TEXT")


def thank(
    ctx: typer.Context,
    who: Contact,
    referral_id: Annotated[
        int | None, typer.Option("--referral", metavar="ID", help="Which referral (default: the oldest unthanked).")
    ] = None,
    how: Annotated[str | None, typer.Option("--how", metavar="TEXT", help="How you thanked them.")] = None,
    on: OnOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Record that you thanked someone for a referral they sent you."""
    from refcli import render
    from refcli.referrals import lifecycle as referrals

    day = parse_date(on, "--on date", "past")
    with writing_rows(ctx) as writer:
        result = referrals.thank(writer, resolved(writer, who), referral_id=referral_id, how=how, on=day)
    if as_json:
        render.emit_json(result)
        return
    render.line(f"thanked {result['name']} for #{result['id']} ({result['on']})")
    render.message(f"now look for a way to pay it forward to {result['name']}")


def register(app: typer.Typer) -> None:
    for func, name in (
        (introduce, "introduce"),
        (give, "give"),
        (receive, "receive"),
        (heard, "heard"),
        (outcome, "outcome"),
        (thank, "thank"),
    ):
        app.command(name, rich_help_panel=REFERRALS)(func)
