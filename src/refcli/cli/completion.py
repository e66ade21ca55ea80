"""Shell completion of values, not only of commands: `ref show s<TAB>` offers handles, `ref done
<TAB>` the follow-ups due, `ref outcome 1 <TAB>` the outcomes, `--format <TAB>` the formats.

Which values a parameter takes is read from what it already declares (its metavar or option
name, and the command it belongs to), so a new `CONTACT` argument completes with no other edit.
A completion never writes, never creates a database and never fails: on any problem it offers
nothing. `--install-completion SHELL` and `--show-completion SHELL` take the shell to set up.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

# Parameters that name a person: by metavar, and by option name.
PERSON_METAVARS = frozenset({"CONTACT", "A", "B", "OTHER", "PROSPECT", "KEEP", "DROP"})
PERSON_OPTIONS = frozenset({"--via", "--with", "--about", "--partner", "--for", "--prospect"})
# Which record an `ID` names, by command.
ID_KINDS = {
    "done": "followup", "snooze": "followup", "unsnooze": "snoozed", "outcome": "referral", "heard": "referral",
    "thank": "referral", "referral": "referral", "meeting": "meeting", "reminder": "reminder", "note": "note",
    "conversation": "talk", "touch edit": "touch", "touch remove": "touch",
}  # fmt: skip
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
MOST = 60  # values offered at once

Completer = Callable[[Any, Any, str], list[Any]]


def attach(command: Any, name: str = "") -> None:
    """Give every parameter of the command tree that takes a known kind of value its completer."""
    for param in command.params:
        completer = _completer(name, param)
        if completer is not None and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = completer
    for sub_name, sub in getattr(command, "commands", {}).items():
        attach(sub, f"{name} {sub_name}".strip())  # `goal done` is not `done`


def _completer(command: str, param: Any) -> Completer | None:
    import re

    words = re.findall(r"[A-Z]+", param.metavar or "")
    metavar = words[0] if len(words) == 1 or (words and words[0] in PERSON_METAVARS) else param.metavar or ""
    options = set(getattr(param, "opts", []))
    if metavar in PERSON_METAVARS or options & PERSON_OPTIONS:
        return _safe(_people)
    if metavar == "TAG" or (command == "tag" and param.param_type_name == "argument" and param.name == "tags"):
        return _safe(_tags)
    if "--format" in options:
        return _safe(_formats("import" if command == "import" else "export"))
    if "|" in metavar and command == "outcome":
        return _safe(lambda ctx, incomplete: _starting(_outcomes(), incomplete))
    if metavar == "KEY" and command == "config":
        return _safe(lambda ctx, incomplete: _starting(_settings(), incomplete))
    if metavar == "ID" or options & {"--edit", "--delete", "--referral"}:
        kind = "referral" if "--referral" in options else ID_KINDS.get(command)
        if kind is not None:
            return _safe(_ids(kind))
    return None


def _safe(complete: Callable[[Any, str], list[Any]]) -> Completer:
    def run(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        try:
            return complete(ctx, incomplete)[:MOST]
        except Exception:  # a completion that fails offers nothing, never a traceback in the shell
            return []

    return run


def _starting(values: list[tuple[str, str]], incomplete: str) -> list[Any]:
    from refcli.cli.internals import completion_item

    return [completion_item(value, help_text) for value, help_text in values if value.startswith(incomplete)]


@contextlib.contextmanager
def _reader(ctx: Any) -> Iterator[Any]:
    """The database the command line names, only if it already exists (never created here)."""
    from refcli.store import locate, open_reader

    loc = locate(ctx.find_root().params.get("db"))
    if loc.is_sqlite and (loc.path is None or not loc.path.exists()):
        raise LookupError("no database yet")
    with open_reader(loc) as reader:
        yield reader


def _people(ctx: Any, incomplete: str) -> list[Any]:
    """Handles starting with what was typed, or whose name has a word starting with it. The
    prefixes come first, as a range over the handle and name indexes; the word search, which
    reads every name, runs only when they are fewer than a screenful."""
    from refcli.names import like_escape, match_fold

    folded = match_fold(incomplete)
    like = like_escape(folded)
    prefixes = (
        "SELECT handle, name, name_fold FROM contact WHERE archived_at IS NULL AND ((handle >= :lo AND handle < :hi) "
        "OR (name_fold >= :lo AND name_fold < :hi)) ORDER BY handle LIMIT :most"
    )
    everything = (
        "SELECT handle, name FROM contact WHERE archived_at IS NULL AND (handle LIKE :prefix ESCAPE '\\' "
        "OR name_fold LIKE :prefix ESCAPE '\\' OR name_fold LIKE :word ESCAPE '\\') ORDER BY handle LIMIT :most"
    )
    with _reader(ctx) as reader:
        rows = reader.rows(prefixes, {"lo": folded, "hi": folded + "\U0010ffff", "most": MOST}) if folded else []
        # A server's collation may order text otherwise: keep only true prefixes, else search all.
        rows = [r for r in rows if r["handle"].startswith(folded) or r["name_fold"].startswith(folded)]
        if len(rows) < MOST:
            rows = reader.rows(everything, {"prefix": like + "%", "word": "% " + like + "%", "most": MOST})
    return _starting([(r["handle"], r["name"]) for r in rows], "") if rows else []


def _tags(ctx: Any, incomplete: str) -> list[Any]:
    from refcli.names import like_escape

    sql = (
        "SELECT name, count(*) AS n FROM tag WHERE name LIKE :prefix ESCAPE '\\' "
        "GROUP BY name ORDER BY name LIMIT :most"
    )
    with _reader(ctx) as reader:
        rows = reader.rows(sql, {"prefix": like_escape(incomplete.casefold()) + "%", "most": MOST})
    return _starting([(r["name"], f"{r['n']} people") for r in rows], "")


def _formats(direction: str) -> Callable[[Any, str], list[Any]]:
    def complete(ctx: Any, incomplete: str) -> list[Any]:
        from refcli.exchange import formats

        names = formats.names(direction)  # type: ignore[arg-type]
        return _starting([(name, "") for name in (["auto", *names] if direction == "import" else names)], incomplete)

    return complete


def _outcomes() -> list[tuple[str, str]]:
    from refcli.referrals.rules import STATUSES

    return [(s.replace("_", "-"), "") for s in STATUSES[1:]]


def _settings() -> list[tuple[str, str]]:
    from refcli.settings import SPECS

    return [(key, spec.help) for key, spec in SPECS.items()]


_ID_SQL = {
    "referral": "SELECT r.id AS id, c.handle AS who, coalesce(r.prospect_name, r.reason, '') AS what "
    "FROM referral r JOIN contact c ON c.id = r.partner_id ORDER BY r.id DESC LIMIT :most",
    "meeting": "SELECT m.id AS id, c.handle AS who, m.day AS what FROM meeting m "
    "JOIN contact c ON c.id = m.contact_id ORDER BY m.id DESC LIMIT :most",
    "reminder": "SELECT r.id AS id, coalesce(c.handle, '') AS who, r.text AS what FROM reminder r "
    "LEFT JOIN contact c ON c.id = r.contact_id WHERE r.done_on IS NULL ORDER BY r.id DESC LIMIT :most",
    "note": "SELECT n.id AS id, c.handle AS who, n.text AS what FROM note n "
    "JOIN contact c ON c.id = n.contact_id ORDER BY n.id DESC LIMIT :most",
    "talk": "SELECT t.id AS id, c.handle AS who, t.talked_on AS what FROM conversation t "
    "JOIN contact c ON c.id = t.contact_id ORDER BY t.id DESC LIMIT :most",
    "touch": "SELECT t.id AS id, c.handle AS who, t.via || ' ' || t.day AS what FROM touch t "
    "JOIN contact c ON c.id = t.contact_id ORDER BY t.id DESC LIMIT :most",
}


def _ids(kind: str) -> Callable[[Any, str], list[Any]]:
    def complete(ctx: Any, incomplete: str) -> list[Any]:
        with _reader(ctx) as reader:
            if kind in ("followup", "snoozed"):
                from refcli.tracking import followups

                items = (
                    [item for item, _ in followups.snoozed(reader)]
                    if kind == "snoozed"
                    else followups.due(reader, limit=MOST)
                )
                values = [(item.id, item.text) for item in items]
            else:
                rows = reader.rows(_ID_SQL[kind], {"most": 500})
                values = [(str(r["id"]), f"{r['who']}: {str(r['what'])[:50]}".strip(": ")) for r in rows]
        return _starting(values, incomplete)

    return complete


# --- installing ----------------------------------------------------------------------------


@functools.cache
def shell_options() -> list[Any]:
    """`--install-completion SHELL` and `--show-completion SHELL`: for the shell named (bash, zsh,
    fish, powershell), never a guess (typer's default flags install for the shell they detect,
    so `--install-completion zsh` run from bash installed bash completion). Built by typer from
    its own declaration of these options, so installing stays typer's."""
    from refcli.cli.internals import shell_params

    made = shell_params()
    for option in made:
        option.metavar = "SHELL"
    made[0].help = "Install completion for SHELL: bash, zsh, fish or powershell."
    made[1].help = "Show the completion script for SHELL, to install it yourself."
    return made
