"""The root `ref` command: global options, the command groups, and the one error boundary.

Importing this module must stay cheap (no SQLAlchemy, SQLModel, Alembic or
pydantic): commands import what they need when they run, so `ref --help` is instant.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from refcli import __version__
from refcli.cli import (
    admin,
    contacts,
    depth,
    exchange,
    finding,
    history,
    knowledge,
    meetings,
    merge,
    morning,
    notes,
    referral_views,
    referrals,
    reports,
)
from refcli.cli.common import SPOKEN, State, say_dates
from refcli.errors import ExitCode, RefError, classify_db_error


class RefGroup(TyperGroup):
    """Turns every RefError into one line on stderr and its exit code; never a traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from refcli.cli import completion

        super().__init__(*args, **kwargs)
        _tidy_help(self)
        completion.attach(self)

    def get_params(self, ctx: Any) -> list[Any]:
        from refcli.cli import completion

        params: list[Any] = super().get_params(ctx)
        if ctx.parent is None:  # typer's completion flags take no shell: ours take one
            ours = {p.name: p for p in completion.shell_options()}
            params = [ours.get(p.name, p) for p in params]
        for param in params:  # typer adds the completion flags after __init__
            if getattr(param, "is_flag", False) or param.metavar == "[SHELL]":
                param.display_type_rich = _no_type
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from refcli.store import journal

        journal.set_command(["ref", *args])  # what `ref log` shows for each write
        SPOKEN.clear()
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            say_dates()
            return result
        except RefError as exc:
            _fail(exc.line(), exc.exit_code)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`ref contacts | head`): stop quietly, like any Unix tool.
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            _fail("interrupted: nothing was saved from the unfinished step", ExitCode.INTERRUPTED)
        except Exception as exc:
            if getattr(exc, "exit_code", None) is not None and type(exc).__module__.startswith("typer"):
                if isinstance(getattr(exc, "message", None), str):
                    from refcli.render import safe

                    exc.message = safe(exc.message)  # type: ignore[attr-defined]  # the text may echo hostile input
                raise  # typer/click's own usage errors keep their handling
            if os.environ.get("REF_DEBUG") == "1":
                raise
            mapped = classify_db_error(exc)
            if mapped is not None:
                _fail(mapped.line(), mapped.exit_code)
            _fail(
                f"unexpected {type(exc).__name__}: {exc} (a bug in ref; run with REF_DEBUG=1 and report it)",
                ExitCode.INTERNAL,
            )


def _fail(text: str, code: int) -> None:
    """One line on stderr and the documented exit code; with --json, that line is a JSON object."""
    from refcli.render import safe
    from refcli.store import journal

    if "--json" in journal.raw_command():
        import json

        sys.stderr.write(json.dumps({"error": safe(text), "code": int(code)}, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(f"error: {safe(text)}\n")
    raise typer.Exit(int(code))


app = typer.Typer(
    name="ref",
    cls=RefGroup,
    help="ref: keep track of the people you network with and the referrals between you.\n\n"
    "Keep track, don't keep score.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ref {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="Use this database file (or SQLite file: URI, or database URL). "
            "Default: REF_DATABASE_URL, REF_DB, else your user data folder.",
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain", metavar="", help="Tab-separated text instead of tables (the default when output is piped)."
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", metavar="", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """ref: keep track of the people you network with and the referrals between you.

    Keep track, don't keep score. Start with `ref demo`, or `ref add-contact "Fred Smith"`.
    """
    from refcli import render

    render.PLAIN.set(plain)
    ctx.obj = State(db=db)


morning.register(app)
contacts.register(app)
finding.register(app)
notes.register(app)
merge.register(app)
meetings.register(app)
knowledge.register(app)
depth.register(app)
referrals.register(app)
referral_views.register(app)
reports.register(app)
exchange.register(app)
history.register(app)
admin.register(app)


def _tidy_help(command: Any) -> None:
    """Help that reads like a manual: every date names the forms ref accepts; no Python type
    names (`<str>`, `<bool>`) beside arguments and flags, whose names already say what they
    take; required arguments in the usage line as `CONTACT`, optional ones as `[CONTACT]`."""
    from refcli.cli.common import DATE_FORMS

    command.get_help_option = _typeless(command.get_help_option)
    for param in command.params:
        if param.metavar in ("DATE", "WHEN") and DATE_FORMS not in (getattr(param, "help", None) or ""):
            param.help = f"{(param.help or '').strip()} {DATE_FORMS}".strip()
        if param.param_type_name == "argument" or getattr(param, "is_flag", False) or param.metavar == "":
            param.display_type_rich = _no_type
        if param.param_type_name == "argument":
            param._usage_display_name = _usage_name(param)
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)


def _no_type(ctx: Any = None) -> None:
    return None


def _typeless(make_option: Any) -> Any:
    """`--help` without `<bool>` beside it."""

    def made(ctx: Any) -> Any:
        option = make_option(ctx)
        if option is not None:
            option.display_type_rich = _no_type
        return option

    return made


def _usage_name(param: Any) -> Any:
    def name() -> str:
        raw = str(param.display_name_raw)
        if " " in raw:  # a metavar that spells out several words (`[CONTACT] TEXT`) is shown as written
            return raw + ("..." if param.nargs != 1 and not raw.endswith("...") else "")
        bare = raw.strip("[].").upper()  # brackets and dots once, whatever the metavar says
        many = "..." if param.nargs != 1 or str(param.display_name_raw).endswith("...") else ""
        return f"{bare}{many}" if param.required else f"[{bare}]{many}"

    return name


def main() -> None:
    app(prog_name="ref")
