"""Ctrl-C that always tells the truth about what was saved.

Python raises KeyboardInterrupt at whatever bytecode is running, and a library caught half-way
through changing its own state (SQLAlchemy's session, a driver's commit) may then raise a second,
confusing error of its own. So in the real `ref` process (`install`, called from main):

- a Ctrl-C before the commit raises KeyboardInterrupt as usual: the transaction never commits,
  and the database rolls it back when the connection goes;
- a Ctrl-C while the commit runs waits for it (`commit_held`), so the change either fully
  landed or never started, and ref knows which;
- any error that follows a Ctrl-C is reported as the interruption it is (`received`).

In-process callers (tests, the reference generator) never install it and keep Python's default.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType


class _State:
    installed = False
    holding = False
    received = False
    saved = False


def install() -> None:
    """Route Ctrl-C through ref (main thread only, once per process)."""
    signal.signal(signal.SIGINT, _on_interrupt)
    _State.installed = True


def uninstall() -> None:
    """Give Ctrl-C back to Python (an in-process host, such as a test, that installed ref's)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    _State.installed = _State.holding = False


def begin_run() -> None:
    """Each command starts with nothing received and nothing saved (tests run many in one process)."""
    _State.received = _State.saved = False


def stop_listening() -> None:
    """Once the command has ended: a late Ctrl-C must not turn a finished run into a crash."""
    if _State.installed:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    _State.received = True
    if not _State.holding:
        raise KeyboardInterrupt


@contextlib.contextmanager
def commit_held() -> Iterator[None]:
    """Run a commit to its end even if Ctrl-C comes meanwhile, then mark the change saved and
    raise the interruption that waited, if any."""
    _State.holding = _State.installed
    try:
        yield
    finally:
        _State.holding = False
    _State.saved = True
    if _State.received:
        raise KeyboardInterrupt


def received() -> bool:
    """Whether Ctrl-C came during this run: any error after it is its consequence."""
    return _State.received


def message() -> str:
    """What an interrupted run says: whether an earlier step of it had already been saved."""
    if _State.saved:
        return "interrupted after a change was saved (`ref log` shows it, `ref undo` takes it back); nothing else was"
    return "interrupted: nothing was saved from the unfinished step"
