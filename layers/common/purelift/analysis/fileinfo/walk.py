"""The base of the per-file walk: its state, the statement/expression driver, and the recording helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from ..config import EngineConfig
from ..model import Reason, ReasonKind
from ..state import runtime_changes
from ..summary import CallSite, FileSummary, FunctionSummary
from .scope import Scope, bound_names

_Handler = Callable[[Any, Any], None]
_Tables = tuple[dict[type, _Handler], dict[type, _Handler]]
_TABLES: dict[type, _Tables] = {}


def _dispatch_tables(cls: type) -> _Tables:
    """The `s_<Type>` and `e_<Type>` methods of a visitor class by node type, built once per class.

    They hold plain functions (called with the visitor), not bound methods: a table of bound methods on the
    instance is a reference cycle, which kept every file's visitor and everything it reached alive until the
    cyclic collector ran (paused during a run, so a whole run's walks piled up for one long scan at the end)."""
    if cls not in _TABLES:
        stmts, exprs = (
            {getattr(ast, name[2:]): getattr(cls, name) for name in dir(cls) if name.startswith(prefix)}
            for prefix in ("s_", "e_")
        )
        _TABLES[cls] = (stmts, exprs)
    return _TABLES[cls]


class VisitorBase:
    """The walk's state, its driver and what records findings; the layers below add the rest.

    `FileVisitor` is this class plus four layers, each a subclass of the one before: `NameResolution` (names and
    scopes), `Effects` (stores and mutations), `Expressions` (`e_<Type>` methods) and `FileVisitor` itself
    (`s_<Type>` statement methods). A chain rather than mixins lets each layer call, and mypy check, what the
    layers before it define; `comprehension` is the one call back down, declared here."""

    def __init__(self, summary: FileSummary, config: EngineConfig) -> None:
        self.summary = summary
        self.config = config
        self.toolkits = config.toolkits
        self.desktop = config.desktop_only
        self.module_names: set[str] = set()
        self.span = (1, 1)
        self.collect: set[str] | None = None
        self.type_checking = False
        # Inside a branch only another platform than a web backend's (Linux) takes: `if sys.platform == "darwin":`
        self.other_platform = False
        # Inside a `try` that no Python 3 completes (`platforms.backend_runs_the_handler`): what it binds, only an
        # older Python does, as in a Python 2 branch (`Binding.python2`)
        self.older_python = False
        # Inside a `try` that catches a failed import, or a branch on the Python version: an import of a module a
        # current Python no longer has is a fallback there (`except ImportError: from collections import Mapping`)
        self.import_guarded = False
        self.if_tests: list[ast.expr] = []  # the tests of the `if`s around the statement being walked
        self.scope = Scope(kind="module", qualprefix="")
        self.kits: set[str] = set()
        self.walrus = True
        self.walrus_lines: list[int] = []
        # names a function of the file imports itself (`import sys` in its body): a read of one is recorded for the
        # solve as a module-level name's is (`Expressions.local_import_read`)
        self.local_import_names: set[str] = set()
        # False when the text holds no `nonlocal` (identifiers are NFKC-normalised: all ASCII then): no nested
        # function can rebind a local of the function around it (`scope.local_bindings`)
        self.nonlocal_possible = True
        # False when the text cannot import numpy (no "numpy" in it, all ASCII: identifiers are NFKC-normalised):
        # then no call needs the numpy tables' lookup, which otherwise runs for every call of every file.
        self.numpy_possible = True
        # the module imports numpy (or a part of it) by a name of its own, so far in the walk (`bind_name`): numeric
        # code then calls array methods on what it is handed (`rules.ARRAY_READS_BY_NAME`)
        self.numpy_imported = False
        self.slices_copy = False  # `xs[a:b]` is a new list, not a view (`summarize_file` decides per file)
        # False when the text names no platform or version probe (`sys.platform`, `platform.system()`, `os.name`,
        # `sys.version_info`, `PY2`…): no `if` then needs `platforms.other_platform_branch`
        self.platform_possible = True
        self.fresh_args: list[str] = []
        self.shallow_args: list[str] = []  # the call being recorded: new containers of the caller's objects
        self.callable_args: list[str] = []  # the call being recorded: arguments the caller answers for (lambdas…)
        # the call being recorded: (slot, whose) of arguments that are self's objects or the caller's parameters
        self.owned_slots: list[tuple[str, str]] = []
        self.arg_keys: list[tuple[str, str]] = []  # the call being recorded: arguments that are named values
        # the call being recorded: arguments naming module-level or builtin objects (`named_callables`)
        self.callable_names: list[tuple[str, str, str]] = []
        self.filled_slots = ""  # the slots the current call fills (`CallSite.filled`)
        self.str_consts: dict[str, list[str]] = {}  # module-level names bound to strings (`dynamic.fold`)
        self.dynamic_kits: dict[int, str] = {}  # id of an import_module(...) call -> the toolkit it loads
        self.widget_calls: set[tuple[str, str]] = set()
        self.call_results: dict[int, str] = {}  # id of a call node the walk has seen -> its `c:` key
        # names whose object a store, del or method call may change -> whether one such change goes through an
        # attribute of the name (`changed_through`)
        self.changed_roots: dict[str, bool] = {}
        # class qualname -> {attribute: the type of every call it is bound to, or None}, while the class is walked
        self.attr_bindings: dict[str, dict[str, str | None]] = {}
        # class qualname -> (function, attribute, line, what) for each change of an object `self.<attribute>` holds:
        # judged when the class ends (`shared_attribute_changes`), when it is known which attributes only the class
        # body binds
        self.self_part_changes: dict[str, list[tuple[FunctionSummary, str, int, str]]] = {}
        # class qualname -> class-level name -> its dispatch display's entries, or None once bound otherwise or twice
        # (`Effects.class_table`, judged when the class ends)
        self.class_tables: dict[str, dict[str, list[str] | None]] = {}
        # attribute names the file sets, deletes or changes the object of, on anything (`FileSummary.changed_attrs`)
        self.changed_attrs: set[str] = set()
        # class qualname -> the calls in its methods handing over an object self holds (`CallSite.owned_args`): one
        # a class attribute every instance shares is not self's own (`shared_attribute_changes`)
        self.self_arg_sites: dict[str, list[CallSite]] = {}
        # class qualname -> attribute -> what a method binds `self.<attribute>` to that is not the instance's own:
        # ("global", name) for a module-level object (`self.cache = CACHE`, or a parameter defaulting to one),
        # ("class", name) for an attribute of the class (`self.d = self.shared`), judged when the class ends
        self.foreign_fields: dict[str, dict[str, set[tuple[str, str]]]] = {}
        self.init_bound: dict[str, set[str]] = {}  # class qualname -> attributes its `__init__` binds on self
        # class qualname -> attribute -> whether every binding of `self.<attribute>` in its methods so far is a new
        # plain container or a constant (`self._map = {}`: `Effects.plain_field_bound`)
        self.plain_fields: dict[str, dict[str, bool]] = {}
        # class qualname -> (function, attribute, line) of each `self.x.get(k)`-like read, judged when the class ends
        # (`resolve_field_reads`): what reads a plain container of the class's is its data, else a use of the widget
        self.field_reads: dict[str, list[tuple[FunctionSummary, str, int]]] = {}
        self.self_called: dict[str, set[str]] = {}  # class -> the names `self.name(…)` calls in its methods
        # class qualname -> methods of `self.x` waiting for the class's end to know x's type (`resolve_attribute_calls`)
        self.attribute_calls: dict[str, list[PendingCall]] = {}
        # (function summary's id, kind, detail) of each reason recorded: one of each per function (`reason`)
        self.reasons_seen: set[tuple[int, str, str]] = set()
        self.stmt_dispatch, self.expr_dispatch = _dispatch_tables(type(self))

    # ------------------------------------------------------------------ driver
    def run(self, tree: ast.Module) -> None:
        self.module_names = bound_names(tree.body, None, self.walrus)
        self.stmts(tree.body)
        self.summary.toolkits = sorted(self.kits)
        self.summary.changed_attrs = sorted(self.changed_attrs)
        self.summary.widget_calls = sorted(self.widget_calls)
        bindings = self.summary.bindings
        roots = self.changed_roots
        for change in runtime_changes(self.summary, unknown_methods_change=False):
            # also through a local alias (`t = TABLE; t.x = 1`), which the per-file pass follows to the name
            roots[change.name] = roots.get(change.name, False) or bool(change.attrs)
        changed = {
            (name, b.target, b.level, b.attr, through_attribute)
            for name, through_attribute in self.changed_roots.items()
            for b in bindings.get(name, ())
            if b.kind == "from" or (b.kind == "import" and through_attribute)
        }
        for name, through_attribute in self.changed_roots.items():
            if name not in bindings:  # a name only `from m import *` may bind: as if `from m import name`, for each m
                changed.update((name, m, level, name, through_attribute) for m, level, _ in self.summary.star_imports)
        self.summary.changed_imports = sorted(changed)

    def block(self, body: list[ast.stmt]) -> None:
        """A nested block (branch, loop, handler): assignments in it may or may not happen."""
        self.scope.depth += 1
        try:
            self.stmts(body)
        finally:
            self.scope.depth -= 1

    def stmts(self, body: list[ast.stmt]) -> None:
        other_platform = self.other_platform  # a guard clause (`s_If`) marks the rest of this body only
        for node in body:
            handler = self.stmt_dispatch.get(type(node))
            if handler is None:
                self.span = (node.lineno, node.end_lineno or node.lineno)
                for child in ast.iter_child_nodes(node):
                    if isinstance(child, ast.expr):
                        self.expr(child)
                    elif isinstance(child, ast.stmt):
                        self.stmts([child])
            else:
                handler(self, node)
        self.other_platform = other_platform

    def expr(self, node: ast.expr | None) -> None:
        if node is None:
            return
        handler = self.expr_dispatch.get(type(node))
        if handler is not None:
            handler(self, node)
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child)
            elif isinstance(child, ast.comprehension):
                self.comprehension(child)
            elif isinstance(child, ast.keyword):
                self.expr(child.value)

    def leave(self, outer: Scope) -> None:
        """Go back to `outer` from the scope being walked, dropping its `resolve` memo: that memo may hold the
        scope itself, a reference cycle that would keep the scope and the function summary it records into
        alive after the run, until the cyclic collector (paused during runs) found them."""
        self.scope.resolved.clear()
        self.scope = outer

    def header(self, node: ast.stmt, body: list[ast.stmt]) -> None:
        end = max(node.lineno, (body[0].lineno - 1) if body else (node.end_lineno or node.lineno))
        self.span = (node.lineno, end)

    def simple(self, node: ast.stmt) -> None:
        self.span = (node.lineno, node.end_lineno or node.lineno)

    # ------------------------------------------------------------------ recording helpers
    def reason(self, kind: ReasonKind, lineno: int, detail: str) -> None:
        fn = self.scope.summary
        if fn is not None:
            self.reason_of(fn, kind, lineno, detail)

    def reason_of(self, fn: FunctionSummary, kind: ReasonKind, lineno: int, detail: str) -> None:
        """A reason against `fn`, once per kind and detail (the function being walked, or one judged later)."""
        seen = (id(fn), kind, detail)  # the function's summary outlives the walk of its file: its id is its own
        if seen in self.reasons_seen:
            return
        self.reasons_seen.add(seen)
        fn.reasons.append(Reason(kind=kind, lineno=lineno, detail=detail))

    def ref(self, key: str) -> None:
        """The statement being walked reads `key`: a line of the file that names it, part of the value being built
        (`collect`), and a reason against the function when `key` turns out to be UI."""
        self.value_ref(key)
        fn = self.scope.summary
        if fn is not None and key not in self.scope.seen_refs:
            self.scope.seen_refs.add(key)
            fn.refs.append((key, self.span[0]))

    def value_ref(self, key: str) -> None:
        """`ref` for the file's lines and the value being built, not against the function: `self` as the receiver
        of `self.x` / `self.m()` (whether that is UI is the member's business: the solve judges `a:` keys and self
        calls, where a bare `self` handed over is a use of the widget itself), a store into `self.x`."""
        self.line_ref(key)
        if self.collect is not None:
            self.collect.add(key)

    def line_ref(self, key: str) -> None:
        """The statement's lines name `key` (for UI lines), and nothing more: not part of the value being built."""
        spans = self.summary.refs.setdefault(key, [])
        start, end = self.span
        if not (spans and spans[-2] == start and spans[-1] == end):
            spans += [start, end]

    def desktop_use(self, lineno: int, why: str | None) -> None:
        """A desktop-only API used here blocks web readiness, except in a branch only Windows or macOS takes
        (`platforms.other_platform_branch`): a web backend runs on Linux and never reaches it."""
        if why and not self.other_platform and not self.type_checking:
            self.summary.desktop_uses.append((lineno, why))

    def link(self, target: str | None, sources: Iterable[str]) -> None:
        """The value of `target` *is* one of `sources` (`summary.links`): a widget stays a widget."""
        if target is not None:
            _add_sources(self.summary.links, target, sources)

    def derive(self, target: str, sources: Iterable[str]) -> None:
        """The value of `target` is computed from `sources` (`summary.derive`): UI when any of them is."""
        _add_sources(self.summary.derive, target, sources)

    def call_site(
        self,
        kind: str,
        name: str,
        attr: str,
        lineno: int,
        fresh: bool = False,
        holds: bool = False,
        on_result: bool = False,
    ) -> None:
        fn = self.scope.summary
        if kind == "self":
            self.self_called.setdefault(name, set()).add(attr)
        if fn is not None:
            site = CallSite(kind, name, attr, lineno, fresh, receiver_holds=holds, on_result=on_result)
            if self.fresh_args:
                site.fresh_args = self.fresh_args
            if self.shallow_args:
                site.shallow_args = self.shallow_args
            if self.callable_args:
                site.callable_args = self.callable_args
            if self.owned_slots:
                site.owned_args = self.owned_slots
                if self.scope.class_qualname:
                    self.self_arg_sites.setdefault(self.scope.class_qualname, []).append(site)
            if self.arg_keys:
                site.args = self.arg_keys
            if self.callable_names:
                site.callable_names = self.callable_names
            if self.filled_slots:
                site.filled = self.filled_slots
            fn.calls.append(site)

    def comprehension(self, comp: ast.comprehension) -> None:
        """One `for … in … if …` clause of a comprehension; `Expressions` walks it (its targets are stores)."""
        raise NotImplementedError

    def enter_comprehension(self, generators: list[ast.comprehension]) -> Scope:
        """Enter the scope of a comprehension's targets, returning the scope to `leave` for; `Expressions` builds it."""
        raise NotImplementedError


@dataclass(slots=True)
class PendingCall:
    """`self.x.m(…)` with `x` untyped in its method: judged when the class ends, by what the class binds `x` to."""

    fn: FunctionSummary
    attr: str
    method: str
    lineno: int
    untyped: str | None  # the reason's detail when `x` has no type (None: a read-only name, nothing to say)
    fresh_args: list[str]
    args: list[tuple[str, str]]


def _add_sources(table: dict[str, list[str]], target: str, sources: Iterable[str]) -> None:
    srcs = [s for s in sources if s != target]
    if srcs:
        existing = table.setdefault(target, [])
        existing.extend(s for s in srcs if s not in existing)
