"""Process-level conditions the engine runs under: the cyclic GC paused, parses taking turns across threads."""

from __future__ import annotations

import ast
import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# CPython 3.11 turns parse trees into Python objects with interpreter-wide state that is not thread-safe
# (gh-106905): concurrent ast.parse (and symtable) calls on threads fail with SystemError. Parses take
# turns; separate processes (--jobs, one Lambda per batch) are unaffected.
PARSE_LOCK = threading.Lock()


def parse_expression(text: str) -> ast.expr | None:
    """A string annotation's (forward reference's) expression, parsed taking turns as every parse does; None
    when it is not one."""
    try:
        with PARSE_LOCK:
            return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None


_PAUSE_LOCK = threading.Lock()
_PAUSES = 0  # `no_cyclic_gc` blocks running now, in any thread
_RESUME = False  # whether the collector was on when the first of them began


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while trees and summaries pile up.

    ASTs and summaries hold no reference cycles, so reference counting frees them; left on, the collector
    rescans the growing heap again and again and the run becomes superlinear in the number of files
    (measured: 2.5x slower on the standard library).

    Pauses nest and overlap across threads (the local stack runs a Map's batches on threads of one process):
    the collector is turned off by the first and back on (if it was on) only when the last one ends.
    """
    global _PAUSES, _RESUME
    with _PAUSE_LOCK:
        if _PAUSES == 0:
            _RESUME = gc.isenabled()
            gc.disable()
        _PAUSES += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSES -= 1
            if _PAUSES == 0 and _RESUME:
                gc.enable()


# The walk and the extraction's checks recurse once per nested node: an `elif` chain of 300 branches or a 330-term `+`
# chain, which Python compiles and runs, exceeded the interpreter's default of 1,000 frames and left the file "nesting
# too deep to analyse". Python-to-Python calls take no C stack from 3.11 on, so a higher limit is safe for the
# engine's own recursion. Both halves run under it (`summarize_file`'s walk, `solve_project`): the walk takes more
# frames per level than the extraction's checks, so a file nested deeper still fails in the walk, with `parse_error`.
ENGINE_RECURSION_LIMIT = 20_000
_DEPTH_LOCK = threading.Lock()
_DEEP = 0  # `deep_recursion` blocks running now, in any thread
_LIMIT_BEFORE = 0


@contextmanager
def deep_recursion() -> Iterator[None]:
    """Raise the recursion limit to `ENGINE_RECURSION_LIMIT` (never lower it) while the engine runs. Blocks nest and
    overlap across threads as `no_cyclic_gc`'s do: the process's own limit comes back when the last one ends."""
    global _DEEP, _LIMIT_BEFORE
    with _DEPTH_LOCK:
        if _DEEP == 0:
            _LIMIT_BEFORE = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_LIMIT_BEFORE, ENGINE_RECURSION_LIMIT))
        _DEEP += 1
    try:
        yield
    finally:
        with _DEPTH_LOCK:
            _DEEP -= 1
            if _DEEP == 0:
                sys.setrecursionlimit(_LIMIT_BEFORE)
