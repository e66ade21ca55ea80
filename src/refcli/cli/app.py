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

from refcli import __version__
from refcli.cli.common import SPOKEN, State, say_dates
from refcli.cli.internals import TyperGroup
from refcli.errors import ExitCode, RefError, classify_db_error
from refcli.store import interrupts


class RefGroup(TyperGroup):
    """Turns every RefError into one line on stderr and its exit code; never a traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from refcli.cli import completion, helptext

        super().__init__(*args, **kwargs)
        helptext.tidy(self)
        completion.attach(self)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # names only: typer's own would build every command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """`ref --help` lists each command by its name, panel and first line of help, read from
        where it was declared: it need not build seventy commands to print one line of each."""
        from refcli.cli.tree import LazyCommands

        if not isinstance(self.commands, LazyCommands):
            return super().format_help(ctx, formatter)
        lazy, self.commands = self.commands, self.commands.summaries()
        try:
            return super().format_help(ctx, formatter)
        finally:
            self.commands = lazy

    def get_params(self, ctx: Any) -> list[Any]:
        from refcli.cli import completion, helptext

        params: list[Any] = super().get_params(ctx)
        if ctx.parent is None:  # typer's completion flags take no shell: ours take one
            ours = {p.name: p for p in completion.shell_options()}
            params = [ours.get(p.name, p) for p in params]
        for param in params:  # typer adds the completion flags after __init__
            if getattr(param, "is_flag", False) or param.metavar == "[SHELL]":
                param.display_type_rich = helptext.no_type
        return params

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from refcli.store import journal

        if not args and ctx.parent is None and not ctx.resilient_parsing:  # `ref` alone: its help, exit 0
            # (completion resolves the same context with no words while it parses: never there)
            typer.echo(ctx.get_help())
            ctx.exit(0)
        _refuse_undecodable(ctx, args)
        journal.set_command(["ref", *args])  # what `ref log` shows for each write
        interrupts.begin_run()
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
            _fail(interrupts.message(), ExitCode.INTERRUPTED)
        except Exception as exc:
            if interrupts.received():  # a library caught half-way by Ctrl-C: report the Ctrl-C
                _fail(interrupts.message(), ExitCode.INTERRUPTED)
            if getattr(exc, "exit_code", None) is not None and type(exc).__module__.startswith("typer"):
                if isinstance(getattr(exc, "message", None), str):
                    from refcli.render import safe
                    from refcli.store.location import mask_secrets

                    # the text may echo hostile input, or a database URL with its password
                    exc.message = safe(mask_secrets(exc.message))  # type: ignore[attr-defined]
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


def _refuse_undecodable(ctx: Any, args: list[str]) -> None:
    """A byte that is not UTF-8 in any argument (Python hands it on as a lone surrogate, which
    no database or file can store) is a usage error naming the argument, for every command,
    before any command is built or any database opened."""
    for n, arg in enumerate(args, 1):
        if not arg.isascii() and any("\udc80" <= c <= "\udcff" for c in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise typer.BadParameter(
                f"argument {n} ('{shown}') is not UTF-8 text; set your terminal and shell to UTF-8"
                " (e.g. LANG=C.UTF-8) and type it again",
                ctx=ctx,
            )


def _fail(text: str, code: int) -> None:
    """One line on stderr and the documented exit code; with --json, that line is a JSON object."""
    from refcli.render import safe
    from refcli.store import journal
    from refcli.store.location import mask_secrets

    text = mask_secrets(text)  # an error may quote a database URL: never its password
    if "--json" in journal.raw_command():
        import json

        sys.stderr.write(json.dumps({"error": safe(text), "code": int(code)}, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(f"error: {safe(text)}\n")
    raise typer.Exit(int(code))


root = typer.Typer(
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


@root.callback()
def options(
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


_WHOLE: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    """`app`: the whole command tree as one Typer (for the reference, tests and typer's tools);
    built on first use, so running `ref` imports only the module of the command it runs."""
    if name != "app":
        raise AttributeError(name)
    if not _WHOLE:
        from refcli.cli import tree

        _WHOLE.append(tree.whole(root))
    return _WHOLE[0]


def command() -> Any:
    """The `ref` that runs: the root group with its options, its sub-commands built as needed
    (`typer.main.get_command(app)` builds the whole tree at once, for the reference and tests)."""
    from refcli.cli.tree import LazyCommands

    group = typer.main.get_command(root)
    group.commands = LazyCommands(root)  # type: ignore[attr-defined]
    return group


def main() -> None:
    from refcli.cli import standins

    standins.install()
    interrupts.install()
    try:
        command().main(prog_name="ref")
    finally:
        interrupts.stop_listening()
