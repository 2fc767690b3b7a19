"""Which module-level names of a file some code changes or hands on to unknown code: a carried name must not be one."""

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
    """Find the module-level names of one file that some code changes or hands on to unknown code."""

    def __init__(self, planner: Planner, sf: ParsedModule) -> None:
        self.planner = planner
        self.sf = sf

    def run(self) -> None:
        for node, in_function, scope in self.sf.occurrences:
            self.occurrence(node, in_function, scope)

    def _is_global(self, node: ast.Name, scope: ast.AST | None) -> bool:
        """Inside a function, a name is the module's only when its scope says so (unknown: assume it is)."""
        table = self.sf.table_for(scope)
        if table is None:
            return True
        try:
            return table.lookup(node.id).is_global()
        except KeyError:
            return True

    def occurrence(self, node: ast.Name, in_function: bool, scope: ast.AST | None) -> None:
        """One load of a module-level name. Inside a function only a change counts, and only when the name
        is the module's there (its scope is looked up only then: most functions never need a symbol table)."""
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
            if not in_function or self._is_global(node, scope):
                self.mutate(node.id, first_attr, line)
            return
        parent = parents.get(top)
        if isinstance(top, ast.Attribute) and isinstance(parent, ast.Call) and parent.func is top:
            changes = rules.method_changes_receiver(top.attr, unknown_changes=not in_function)
            if changes and (not in_function or self._is_global(node, scope)):
                self.mutate(node.id, first_attr if first_attr != top.attr else "", line)
            return
        if not in_function and not self._safe_read(top, parent):
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
