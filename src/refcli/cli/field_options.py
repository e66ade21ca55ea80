"""The options `add-contact` and `edit` take for a contact's typed text fields (company, title,
where you met...), made from the one list of fields (`contact_fields.py`): a field declared there
with an option has it on both commands, with its help, and reaches the command as `texts`."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from refcli.contact_fields import TEXT_OPTIONS


def with_text_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`command` with one option per typed text field, placed after `--handle`; what they were
    given is handed to it as `texts` ({field: text or None})."""
    signature = inspect.signature(command, eval_str=True)
    params = [p for p in signature.parameters.values() if p.name != "texts"]
    at = next(i for i, p in enumerate(params) if p.name == "handle") + 1
    params[at:at] = [
        inspect.Parameter(
            f.name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=None,
            annotation=Annotated[str | None, typer.Option(f.option, metavar="TEXT", help=f.help)],
        )
        for f in TEXT_OPTIONS
    ]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        texts = {f.name: kwargs.pop(f.name, None) for f in TEXT_OPTIONS}
        return command(*args, texts=texts, **kwargs)

    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params} | {"return": signature.return_annotation}
    return run
