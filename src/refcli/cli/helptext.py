"""Help that reads like a manual: every date names the forms ref accepts; no Python type names
(`<str>`, `<bool>`) beside arguments and flags; arguments in usage lines in upper case."""

from __future__ import annotations

from typing import Any


def tidy(command: Any) -> None:
    """Help that reads like a manual: every date names the forms ref accepts; no Python type
    names (`<str>`, `<bool>`) beside arguments and flags, whose names already say what they
    take; required arguments in the usage line as `CONTACT`, optional ones as `[CONTACT]`."""
    from refcli.cli.common import DATE_FORMS

    command.get_help_option = typeless(command.get_help_option)
    for param in command.params:
        if param.metavar in ("DATE", "WHEN") and DATE_FORMS not in (getattr(param, "help", None) or ""):
            param.help = f"{(param.help or '').strip()} {DATE_FORMS}".strip()
        if param.param_type_name == "argument" or getattr(param, "is_flag", False) or param.metavar == "":
            param.display_type_rich = no_type
        if param.param_type_name == "argument":
            param._usage_display_name = usage_name(param)
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)


def no_type(ctx: Any = None) -> None:
    return None


def typeless(make_option: Any) -> Any:
    """`--help` without `<bool>` beside it."""

    def made(ctx: Any) -> Any:
        option = make_option(ctx)
        if option is not None:
            option.display_type_rich = no_type
        return option

    return made


def usage_name(param: Any) -> Any:
    def name() -> str:
        raw = str(param.display_name_raw)
        if " " in raw:  # a metavar that spells out several words (`[CONTACT] TEXT`) is shown as written
            return raw + ("..." if param.nargs != 1 and not raw.endswith("...") else "")
        bare = raw.strip("[].").upper()  # brackets and dots once, whatever the metavar says
        many = "..." if param.nargs != 1 or str(param.display_name_raw).endswith("...") else ""
        return f"{bare}{many}" if param.required else f"[{bare}]{many}"

    return name
