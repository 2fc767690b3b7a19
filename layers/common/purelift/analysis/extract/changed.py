"""Which module-level names of a file its module body changes or hands on to unknown code: a carried name must
not be one, since a carried definition does not carry the statements that follow it.

What functions change (module *state*) is not found here: the planner reads it from the per-file pass, with the
definition the solve uses (`analysis.state`).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from .. import rules
from .source import ParsedModule
from .units import FUNCS

if TYPE_CHECKING:
    from .planner import Planner


# Where a module-level read of a constant cannot hand the object on to something that might change it.
_SAFE_PARENTS = (ast.Compare, ast.BinOp, ast.UnaryOp, ast.FormattedValue, ast.Expr)


class ChangedNames:
    """Find the module-level names of one file that its module body (at import) changes or hands on."""

    def __init__(self, planner: Planner, sf: ParsedModule) -> None:
        self.planner = planner
        self.sf = sf

    def run(self) -> None:
        for node in self.sf.occurrences:
            self.occurrence(node)

    def occurrence(self, node: ast.Name) -> None:
        """One load of a module-level name while the module body runs: a store or delete through it, a method
        that may change it (one the tables do not know may), or a read that hands the object on."""
        parents = self.sf.parents
        top: ast.expr = node
        first_attr = ""
        while True:
            parent = parents.get(top)
            if isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is top:
                if isinstance(parent, ast.Attribute) and not first_attr:
                    first_attr = parent.attr
                top = parent
            else:
                break
        line = node.lineno
        if top is not node and isinstance(getattr(top, "ctx", None), (ast.Store, ast.Del)):
            self.mutate(node.id, first_attr, line)
            return
        parent = parents.get(top)
        if isinstance(top, ast.Attribute) and isinstance(parent, ast.Call) and parent.func is top:
            if rules.method_changes_receiver(top.attr, unknown_changes=True):
                self.mutate(node.id, first_attr if first_attr != top.attr else "", line)
            return
        if not self._safe_read(top, parent):
            self.sf.escaped.setdefault(node.id, line)

    def mutate(self, name: str, attr: str, line: int) -> None:
        self.sf.mutated.setdefault(name, line)
        self.sf.mutated_attrs.setdefault((name, attr), line)

    def _safe_read(self, top: ast.AST, parent: ast.AST | None) -> bool:
        """Module-level reads that cannot hand the object on: comparisons, arithmetic, tests, iteration,
        calling it, or passing it to a known-pure function."""
        if parent is None or isinstance(parent, _SAFE_PARENTS):
            return True
        if isinstance(parent, (ast.If, ast.While, ast.Assert, ast.IfExp)) and parent.test is top:
            return True
        if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is top:
            return True
        if isinstance(parent, ast.Subscript) and parent.slice is top:
            return True
        if isinstance(parent, (*FUNCS, ast.ClassDef)) and top in parent.decorator_list:
            return True
        call = parent
        if isinstance(parent, (ast.keyword, ast.Starred)):
            call = self.sf.parents.get(parent, parent)
        if isinstance(call, ast.Call):
            if call.func is top:
                return True
            dotted = self.planner.callable_dotted(self.sf, call.func, frozenset())
            return dotted is not None and self.planner.known_pure(dotted)
        return False
