"""Process-level conditions the engine runs under: the cyclic GC paused, a deeper recursion limit, parses taking
turns across threads."""

from __future__ import annotations

import ast
import gc
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Generic, TypeVar

# CPython 3.11 turns parse trees into Python objects with interpreter-wide state that is not thread-safe
# (gh-106905): concurrent ast.parse (and symtable) calls on threads fail with SystemError. Parses take
# turns; separate processes (--jobs, one Lambda per batch) are unaffected.
PARSE_LOCK = threading.Lock()


@contextmanager
def parsing() -> Iterator[None]:
    """Every parse (and symbol table) of analysed code: one at a time (`PARSE_LOCK`), and quietly. The parser's
    warnings are about that code (`"\\?"`, an invalid escape: a SyntaxWarning from 3.12 on, a DeprecationWarning
    before), and were printed on the user's console, or the service's log, once per parse of the file; a file that
    does not parse is reported (`parse_error`), a warning is not the engine's to print."""
    with PARSE_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def parse_expression(text: str) -> ast.expr | None:
    """A string annotation's (forward reference's) expression, parsed taking turns as every parse does; None
    when it is not one."""
    try:
        with parsing():
            return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None


_T = TypeVar("_T")


class _HeldSetting(Generic[_T]):
    """A process-wide setting the engine needs while it runs: taken by the first block that needs it and given back
    by the last. Blocks nest and overlap across threads (the local stack runs a Map's batches on threads of one
    process), so one counter under a lock decides when."""

    def __init__(self, take: Callable[[], _T], give_back: Callable[[_T], None]) -> None:
        self._take, self._give_back = take, give_back
        self._lock = threading.Lock()
        self._holders = 0  # blocks running now, in any thread
        self._before: _T  # what `take` found, for `give_back` (set by the first block)

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._before = self._take()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._give_back(self._before)


def _pause_gc() -> bool:
    was_on = gc.isenabled()
    gc.disable()
    return was_on


def _resume_gc(was_on: bool) -> None:
    if was_on:
        gc.enable()


_GC_PAUSED = _HeldSetting(_pause_gc, _resume_gc)


def no_cyclic_gc() -> AbstractContextManager[None]:
    """Pause the cyclic garbage collector while trees and summaries pile up.

    ASTs and summaries hold no reference cycles, so reference counting frees them; left on, the collector
    rescans the growing heap again and again and the run becomes superlinear in the number of files
    (measured: 2.5x slower on the standard library). The collector is turned off by the first pause and back on
    (if it was on) only when the last one ends.
    """
    return _GC_PAUSED.held()


# The walk and the extraction's checks recurse once per nested node: an `elif` chain of 300 branches or a 330-term `+`
# chain, which Python compiles and runs, exceeded the interpreter's default of 1,000 frames and left the file "nesting
# too deep to analyse". Python-to-Python calls take no C stack from 3.11 on, so a higher limit is safe for the
# engine's own recursion. Both halves run under it (`summarize_file`'s walk, `solve_project`): the walk takes more
# frames per level than the extraction's checks, so a file nested deeper still fails in the walk, with `parse_error`.
ENGINE_RECURSION_LIMIT = 20_000


def _raise_limit() -> int:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, ENGINE_RECURSION_LIMIT))
    return before


_DEEP_RECURSION = _HeldSetting(_raise_limit, sys.setrecursionlimit)


def deep_recursion() -> AbstractContextManager[None]:
    """Raise the recursion limit to `ENGINE_RECURSION_LIMIT` (never lower it) while the engine runs; the process's
    own limit comes back when the last block ends."""
    return _DEEP_RECURSION.held()
