"""Module state changed at run time: the one definition the solve and the extraction share.

A module-level object is *state* when code in a function may change it after the module has been imported:
an attribute or item stored or deleted through its name (`CONF.debug = True`, `CACHE[k] = v`), a `global`
rebound, a mutating builtin applied to it (`list.append(xs, x)`), or a method that changes its receiver called
on it (`HISTORY.append(line)`). The per-file pass records the facts (`FileSummary.mutated`, and each call
through a module-level name as a `global` call site); `runtime_changes` reads them the same way for both users:

- the solve, where a function reading state is not pure. A method the tables do not know may change its
  receiver: the solve counts it (`unknown_methods_change=True`), and resolves the name first: only a value (or
  a class attribute) becomes state, never a module, a function or a class (`Parser._helper()` is a call), and
  not a library object whose method the tables know to be pure (`FMT = struct.Struct("<I")`: `FMT.pack(n)`).
- the extraction, where a carried module-level name must keep its value. It does not resolve names, so it
  counts only the methods known to change their receiver: a value that an unknown method may change is state
  for the solve already, which makes every function reading it (a default value included) impure, and no
  unit then needs it.

Changes made while the module body runs (at import) are not state: the extraction checks those on its own
(`extract.changed`), since a carried definition does not carry the statements that follow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from . import rules
from .summary import FileSummary


class StateChange(NamedTuple):
    """One change of a module-level object from inside a function."""

    name: str  # the module-level name it goes through, as this file binds it
    attrs: tuple[str, ...]  # the attributes from that name to the object changed: () for the name's own object
    lineno: int
    method: str = ""  # the method called on `name.attrs…`; "" for a store, a delete, a rebinding or a mutating builtin

    @property
    def by_method(self) -> bool:
        return bool(self.method)


def runtime_changes(summary: FileSummary, *, unknown_methods_change: bool) -> Iterator[StateChange]:
    """The changes of module-level objects the functions of one file may make, in the order the walk met them:
    stores and rebindings first, then method calls."""
    for name, attr, lineno in summary.mutated:
        yield StateChange(name, (attr,) if attr else (), lineno)
    for fn in summary.functions:
        for call in fn.calls:
            if call.kind != "global" or not call.attr or call.on_result:
                continue  # `parts = split(name); parts.append(x)` changes what `split` returned, not `split`
            attrs = call.attr.split(".")
            if rules.method_changes_receiver(attrs[-1], unknown_changes=unknown_methods_change):
                yield StateChange(call.name, tuple(attrs[:-1]), call.lineno, attrs[-1])
