"""The command tree of `ref`, built as it is needed: each feature module registers its commands,
the generated `manifest.py` says which module holds which command, and `ref X` imports and builds
only `X` (see docs/architecture.md, "How a command runs")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import typer

# The feature modules of commands, each grouping one job; `ref --help` lists them in this order.
FEATURES = (
    "morning", "contacts", "finding", "notes", "merge", "meetings", "keeping", "capturing", "knowledge", "depth",
    "referrals",
    "referral_views", "reports", "pictures", "exchange", "syncing", "history", "admin",
)  # fmt: skip


def registered(feature: str) -> typer.Typer:
    """A Typer holding one feature module's commands (the module imported only now)."""
    import importlib

    if feature not in FEATURE_APPS:
        holder = typer.Typer()
        importlib.import_module(f"refcli.cli.{feature}").register(holder)
        FEATURE_APPS[feature] = holder
    return FEATURE_APPS[feature]


FEATURE_APPS: dict[str, typer.Typer] = {}


def whole(root: typer.Typer) -> typer.Typer:
    """The whole command tree as one Typer (for the reference, tests and typer's own tools)."""
    every = typer.Typer()
    every.registered_callback = root.registered_callback
    every.info = root.info
    every._add_completion = root._add_completion
    every.pretty_exceptions_enable = root.pretty_exceptions_enable
    every.pretty_exceptions_short = root.pretty_exceptions_short
    every.rich_markup_mode = root.rich_markup_mode
    for feature in FEATURES:
        every.registered_commands += registered(feature).registered_commands
        every.registered_groups += registered(feature).registered_groups
    return every


class LazyCommands(Mapping[str, Any]):
    """The root's sub-commands by name (from the generated `cli/manifest.py`), each built the
    first time it is asked for: `ref show X` and a completion import one feature module and
    build one command, not fourteen modules and seventy commands."""

    def __init__(self, root: typer.Typer) -> None:
        from refcli.cli.manifest import COMMANDS

        self._root = root
        self._features = COMMANDS
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = build(self._features[name], name, self._root)
        return self._built[name]

    def summaries(self) -> dict[str, Any]:
        """Each command's line in `ref --help`, without building the command."""
        import inspect
        from types import SimpleNamespace

        found: dict[str, Any] = {}
        for feature in dict.fromkeys(self._features.values()):
            holder = registered(feature)
            for info in holder.registered_commands:
                name = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
                doc = info.help if info.help is not None else inspect.getdoc(info.callback)
                found[name] = SimpleNamespace(
                    name=name, help=inspect.cleandoc(doc or ""), short_help=info.short_help, hidden=info.hidden,
                    deprecated=info.deprecated, rich_help_panel=info.rich_help_panel,
                )  # fmt: skip
            for group in holder.registered_groups:
                solved = typer.main.solve_typer_info_defaults(group)
                found[str(solved.name)] = SimpleNamespace(
                    name=solved.name, help=solved.help, short_help=solved.short_help, hidden=solved.hidden,
                    deprecated=solved.deprecated, rich_help_panel=solved.rich_help_panel,
                )  # fmt: skip
        return {name: found[name] for name in self._features}

    def __iter__(self) -> Iterator[str]:
        return iter(self._features)

    def __len__(self) -> int:
        return len(self._features)


def build(feature: str, name: str, root: typer.Typer) -> Any:
    """Build one sub-command of `ref` (or one group, `ref db`) as typer would under `root` (its
    settings), tidied and with its completers."""
    from refcli.cli import completion, helptext

    holder = registered(feature)
    built: Any = None
    for info in holder.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            built = typer.main.get_command_from_info(
                info, pretty_exceptions_short=root.pretty_exceptions_short, rich_markup_mode=root.rich_markup_mode
            )
    for group in holder.registered_groups:
        if typer.main.solve_typer_info_defaults(group).name == name:
            built = typer.main.get_group_from_info(
                group,
                pretty_exceptions_short=root.pretty_exceptions_short,
                rich_markup_mode=root.rich_markup_mode,
                suggest_commands=root.suggest_commands,
            )
    if built is None:
        raise KeyError(f"{name} is not in refcli.cli.{feature}: run `python -m refcli.cli.reference --manifest`")
    helptext.tidy(built)
    completion.attach(built, name)
    return built


def manifest() -> str:
    """The text of `cli/manifest.py`: every command name and the module that holds it."""
    lines = [
        '"""Which module holds each `ref` command, in the order of `ref --help`. Generated by',
        '`python -m refcli.cli.reference --manifest`; a test fails when it is out of date."""',
        "",
        "COMMANDS: dict[str, str] = {",
    ]
    for feature in FEATURES:  # commands first, then groups, as typer orders them
        for info in registered(feature).registered_commands:
            name = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
            lines.append(f'    "{name}": "{feature}",')
    for feature in FEATURES:
        for group in registered(feature).registered_groups:
            lines.append(f'    "{typer.main.solve_typer_info_defaults(group).name}": "{feature}",')
    return "\n".join([*lines, "}", ""])
