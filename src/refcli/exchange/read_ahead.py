"""Reading ahead in a second process: cards are parsed there while this process matches and
writes those already parsed. On two cores a 10,000-card import or first sync spent 0.6 s and
1.1 s parsing before and between its writes; the parse now runs beside them.

The second process is a plain `python -m refcli.exchange.read_ahead` (it imports only what
parsing needs), given its work and answering over pipes, one pickled item at a time. It ignores
Ctrl-C (this process answers it, and ends the reader), and stops when nobody reads its answers.
Below LEAST_ITEMS, where it cannot start, or when it fails before its first answer, the items
are made here as before, so a reader's errors are raised as they always were."""

from __future__ import annotations

import importlib
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

from refcli.errors import StorageError

LEAST_ITEMS = 2000  # fewer: parsed here (starting a Python costs about 50 ms)


def _function(target: str) -> Callable[[Any], Iterator[Any]]:
    module, _, name = target.partition(":")
    found: Callable[[Any], Iterator[Any]] = getattr(importlib.import_module(module), name)
    return found


class Ahead:
    """A second process, started as soon as the work is known to be large (a Python takes about
    80 ms to be ready), and given its work once it is worked out (`items`)."""

    def __init__(self, size: int) -> None:
        self.child: subprocess.Popen[bytes] | None = None
        if size >= LEAST_ITEMS and sys.executable:  # few, or no Python to start (an embedded one): here
            try:
                self.child = subprocess.Popen(
                    [sys.executable, "-m", "refcli.exchange.read_ahead"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                )  # fmt: skip
            except OSError:
                self.child = None

    def items(self, target: str, work: Any) -> Iterator[Any]:
        """The items of `target(work)` (a generator function, "module:function"), made in the
        second process while the caller uses those already made (or here, as said above)."""
        child = self.child
        if child is None:
            yield from _function(target)(work)
            return
        answered = False
        try:
            assert child.stdin is not None and child.stdout is not None
            try:
                pickle.dump((target, work), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                child.stdin.close()
            except OSError:
                pass  # it ended before reading its work: said below
            while True:
                try:
                    kind, item = pickle.load(child.stdout)
                except (EOFError, pickle.UnpicklingError):
                    kind, item = "error", None
                if kind == "done":
                    return
                if kind == "error":
                    if answered:
                        raise StorageError("the card reader stopped half way: nothing was written", "try again")
                    yield from _function(target)(work)  # here: its errors as they always were
                    return
                answered = True
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """End the second process (its work done, or not wanted after all)."""
        child, self.child = self.child, None
        if child is None:
            return
        if child.poll() is None:
            child.kill()
        child.wait()
        for pipe in (child.stdin, child.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


def _serve() -> None:
    """The second process: read the work, answer each item as it is made."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = sys.stdout.buffer
    try:
        target, work = pickle.load(sys.stdin.buffer)
        for item in _function(target)(work):
            pickle.dump(("item", item), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
        pickle.dump(("done", None), out)
        out.flush()
    except BrokenPipeError:  # nobody reads the answers any more: stop
        return
    except Exception:  # told as a failure; the caller reads the work itself, with its own errors
        pickle.dump(("error", None), out)
        out.flush()


if __name__ == "__main__":
    _serve()
