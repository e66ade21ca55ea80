"""Stand-ins for two rich modules that typer's help and error module imports but ref never uses.

`typer.rich_utils` imports `rich.markdown` (with markdown-it) and `rich.traceback` (with
pygments) at its top, about 50 ms of a `ref --help` that should cost no more than a bare typer
app. ref's help is rich markup, never Markdown, and pretty tracebacks are off. So the real
process (`main`) puts a stand-in in their place; the first real use of either (any attribute,
a call) loads the real module and hands over to it, so nothing can break, it only gets slower.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

UNUSED = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}  # module: the class typer takes


def _real(module: str) -> types.ModuleType:
    if isinstance(sys.modules.get(module), _StandInModule):
        del sys.modules[module]
    return importlib.import_module(module)


class _Deferred(type):
    """The class a `from rich.markdown import Markdown` receives: used in any way, it is the
    real class."""

    _module: str

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return getattr(_real(cls._module), cls.__name__)(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(getattr(_real(cls._module), cls.__name__), name)


class _StandInModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asking (`__path__`, `__spec__`): not a use
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def install() -> None:
    """Put the stand-ins in place, unless something already loaded the real modules."""
    for module, name in UNUSED.items():
        if module in sys.modules:
            continue
        stand_in = _StandInModule(module)
        setattr(stand_in, name, _Deferred(name, (), {"_module": module}))
        sys.modules[module] = stand_in
