"""Every reach into typer's internals, in one place, each with why: what typer does not offer
publicly and ref needs. pyproject.toml bounds typer and rich to the versions tested (the floor
in CI by `.ci/floor`, the newest by the suite); when typer moves one of these, this module is the
one to change. (The stand-ins of `cli/standins.py`, which keep rich's markdown and traceback
modules from loading at start-up, are the one reach into rich, and live there for that job.)"""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup  # the group class typer builds; ref's root and record groups extend it

__all__ = ["TyperGroup", "completion_item", "shell_params"]


def completion_item(value: str, help_text: str | None) -> Any:
    """One completion offered to the shell (typer vendors click as `typer._click`: a completion
    item of another click is not one typer's shell integration knows)."""
    from typer._click.shell_completion import CompletionItem

    return CompletionItem(value, help=help_text)


def shell_params() -> list[Any]:
    """typer's own `--install-completion` and `--show-completion` options, built from its own
    declaration (private names: typer offers no public way to build them for a named shell)."""
    from typer.completion import _install_completion_no_auto_placeholder_function
    from typer.main import _get_param
    from typer.utils import get_params_from_function

    params = get_params_from_function(_install_completion_no_auto_placeholder_function).values()
    return [_get_param(p) for p in params]
