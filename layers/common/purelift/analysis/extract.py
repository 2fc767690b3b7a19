"""Extraction (SPEC §2 "Extraction"): hand the pure functions back as standalone `{stem}_pure.py` modules.

The extraction reads the sources itself (`ast` for the code, `symtable` for scopes) and takes nothing from
the solve but its verdicts (`FunctionResult.pure`, and `calls` to judge a class). What it emits is a
verbatim copy of original definitions; the only edits are mechanical: re-indenting a method lifted to
module level, dropping that method's unused `self`/`cls` parameter, renaming it on a clash, and rewriting
project imports as relative imports of the `_pure` modules.

Precision comes before recall: a unit is dropped, with a reason in plain words, as soon as one thing it needs
cannot be carried, and the drop travels to everything that needs the unit (a greatest fixpoint, so recursive
and mutually recursive pure functions stay in). A generated module therefore never holds an undefined name.

Choices a reader of the output should know:

- *Units* are pure module-level functions, pure `@staticmethod`s, and pure `@classmethod`s and methods that
  never use their first parameter. Those two are lifted without that parameter: `title_for(name)` returns
  what `window.title_for(name)` returns; the unit's `note` (and the manifest) say so.
- A lifted method keeps its name unless the name is already bound in the original module (or is a
  builtin); then it becomes `Class_name` (`Class_name_2`, … if needed). A comment names the original.
- A class is *carried* (copied whole, not a unit) when a unit needs it and it is self-contained: no base but
  `object`, no metaclass, known-pure decorators only, a body of methods, docstring and constant assignments,
  and every function in it pure or only changing its own instance (`self_mutation`): such a copy behaves
  exactly as the original does.
- A module-level name is carried only when it is bound exactly once, unconditionally, and nothing changes it
  (no `global` rebinding, no attribute or item assignment, no mutating method call, and for constants no
  module-level code that hands it to something unknown).
- Modules with something needed are emitted, usually because they hold a unit; a module can also be emitted
  only for a constant that another module's unit imports.
- Imports of two `_pure` modules from each other would fail (names are imported at the top), so the units
  that would need such a circular import are dropped.
"""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import re
import symtable
import tokenize
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import PurePosixPath

from . import rules
from .config import EngineConfig
from .model import FileResult, FunctionResult
from .modules import ModuleIndex, module_name
from .runtime import PARSE_LOCK, no_cyclic_gc

__all__ = ["ExtractedUnit", "Extraction", "NotExtracted", "plan_extraction", "target_path"]


@dataclass(slots=True)
class ExtractedUnit:
    """One extracted function.

    `lines` spans the original definition, decorators included. `target_module` is the archive path of the
    generated module. `name` is the function's name there (the original name unless a lifted method
    clashed). `dependencies` lists what the unit needs directly, one entry each: an import as the dotted
    name it binds (`math`, `datetime.datetime`), a definition carried in the same module by its name
    (`FACTORS`, `to_meters`, `Quantity`), a definition of another generated module as `path:name`
    (`core/units_pure.py:convert`), a whole generated module by its path. `note` explains a lifted method.
    """

    source_path: str
    qualname: str
    lines: tuple[int, int]
    target_module: str
    name: str
    dependencies: list[str] = field(default_factory=list)
    note: str = ""


@dataclass(slots=True)
class NotExtracted:
    """A pure function that is not extracted, and why (in plain words)."""

    source_path: str
    qualname: str
    reason: str


@dataclass(slots=True)
class Extraction:
    """The generated modules (archive path -> text, `__init__.py` files included), units, and the misses."""

    modules: dict[str, str] = field(default_factory=dict)
    units: list[ExtractedUnit] = field(default_factory=list)
    not_extracted: list[NotExtracted] = field(default_factory=list)


# Module attributes that exist in every module but mean something else in the generated one.
_MODULE_DUNDERS = frozenset(
    {
        "__name__",
        "__file__",
        "__doc__",
        "__spec__",
        "__loader__",
        "__package__",
        "__path__",
        "__cached__",
        "__builtins__",
        "__dict__",
        "__annotations__",
    }
)
_BUILTIN_NAMES = frozenset(dir(builtins)) - _MODULE_DUNDERS
# Decorators that are pure but only mean something on a method inside its class.
_CLASS_ONLY_DECORATORS = frozenset(
    {
        "property",
        "functools.cached_property",
        "functools.singledispatchmethod",
        "abc.abstractmethod",
        "abc.abstractproperty",
        "abc.abstractclassmethod",
        "abc.abstractstaticmethod",
        "typing.overload",
        "typing.override",
    }
)
# Self-mutation is harmless in a carried class: the copy's instances change themselves, as the original's do.
_CARRIABLE_METHOD_KINDS = frozenset({"self_mutation", "calls_impure"})
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_PLAIN_EXPRS = (
    ast.Tuple,
    ast.List,
    ast.Set,
    ast.Dict,
    ast.Starred,
    ast.BinOp,
    ast.UnaryOp,
    ast.BoolOp,
    ast.Compare,
    ast.IfExp,
    ast.JoinedStr,
    ast.FormattedValue,
    ast.Subscript,
    ast.Slice,
)
# Where a module-level read of a constant cannot hand the object on to something that might change it.
_SAFE_PARENTS = (ast.Compare, ast.BinOp, ast.UnaryOp, ast.FormattedValue, ast.Expr)
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_INIT_TEXT = '"""Generated by purelift: pure functions extracted from a desktop application."""\n'

# A graph key: ("name", path, name, 0) for a module-level name, ("method", path, qualname, lineno) for a method.
_Key = tuple[str, str, str, int]


def target_path(path: str) -> str:
    """The archive path of the module generated for `path`: `core/units.py` -> `core/units_pure.py`."""
    p = PurePosixPath(path)
    return str(p.parent / f"{p.stem}_pure.py") if str(p.parent) != "." else f"{p.stem}_pure.py"


def plan_extraction(
    sources: Mapping[str, str],
    files: list[FileResult],
    index: ModuleIndex,
    config: EngineConfig | None = None,
) -> Extraction:
    """Plan the extraction of every pure unit of `files` and generate the modules.

    `sources` maps a path to its decoded text (files that parsed); `files` carry the verdicts. Sets
    `extractable` on every `FunctionResult`: True exactly for the extracted units. Deterministic: the same
    input gives the same modules, in source order.
    """
    with no_cyclic_gc():  # also when called outside analyze_tree (the pipeline's Aggregate)
        return _Planner(sources, files, index, config or EngineConfig()).run()


# --------------------------------------------------------------------------------------------------------
# Import targets: what an imported name is bound to.


@dataclass(frozen=True, slots=True)
class _External:
    """A name bound by importing something outside the project (`import math`, `from re import compile`)."""

    dotted: str
    form: str  # "import" or "from"
    module: str
    name: str
    asname: str | None

    def statement(self, bound: str) -> str | None:
        """The import statement that binds `bound` the same way, or None when no single statement can."""
        if self.form == "from":
            return f"from {self.module} import {self.name}" + ("" if bound == self.name else f" as {bound}")
        if self.asname is None:
            return f"import {self.module}" if bound == self.module.partition(".")[0] else None
        return f"import {self.module}" if bound == self.module else f"import {self.module} as {bound}"


@dataclass(frozen=True, slots=True)
class _ProjectModule:
    path: str


@dataclass(frozen=True, slots=True)
class _ProjectName:
    path: str
    name: str


_Target = _External | _ProjectModule | _ProjectName


@dataclass(frozen=True, slots=True)
class _Binding:
    """One module-level binding of a name. kind: def, class, const, import, other."""

    kind: str
    node: ast.AST
    direct: bool
    alias: ast.alias | None = None


@dataclass(slots=True)
class _Lift:
    """How a method becomes a module-level function."""

    cls: str
    kind: str  # staticmethod, classmethod, method
    fn: ast.FunctionDef | ast.AsyncFunctionDef
    drop: ast.arg | None
    remove: list[ast.expr]
    strings: set[int] = field(default_factory=set)  # lines inside multi-line strings: never re-indented
    name: str = ""


@dataclass(slots=True)
class _Node:
    """Something a unit may need: a unit itself, a constant, a class, an import (kind says which)."""

    key: _Key
    kind: str
    label: str
    deps: list[_Key] = field(default_factory=list)
    why: str = ""
    root: str = ""
    stmt: ast.AST | None = None
    target: _Target | None = None
    lift: _Lift | None = None
    lines: tuple[int, int] = (0, 0)


# --------------------------------------------------------------------------------------------------------
# One source file, read once.


class _SourceFile:
    """A parsed source file: tree, lines, scopes, module-level bindings, and what other code changes."""

    def __init__(self, path: str, text: str, result: FileResult) -> None:
        self.path = path
        self.result = result
        self.module = module_name(path)
        self.is_package = PurePosixPath(path).name == "__init__.py"
        with PARSE_LOCK:
            self.tree = ast.parse(text, filename=path)
        self.text = text
        self.lines = _LINE_SPLIT.split(text)
        self.parents: dict[ast.AST, ast.AST] = {}
        # `from m import *` (only legal at module level): a later one may replace an earlier definition.
        self.star_imports: list[ast.ImportFrom] = []
        # Loads of module-level names: (node, inside a function body, innermost function/lambda/class or None).
        self.occurrences: list[tuple[ast.Name, bool, ast.AST | None]] = []
        self.scope_parent: dict[ast.AST, ast.AST | None] = {}
        collector = _BindingCollector()
        collector.block(self.tree.body, True)
        self._scan(collector)
        self.star_imports.sort(key=lambda n: (n.lineno, n.col_offset))
        self.bindings, self.stars, self.future = collector.bindings, collector.stars, collector.future
        self._tables: dict[ast.AST | None, symtable.SymbolTable | None] = {}
        self._child_tables: dict[int, dict[tuple[str, int], symtable.SymbolTable]] = {}
        self.verdicts = {(fr.qualname, fr.lineno): fr for fr in result.functions}
        # name -> line of a change: attribute/item assignment, mutating method call, or (escaped) a
        # module-level hand-over of a constant to code that might change it.
        self.mutated: dict[str, int] = {}
        self.mutated_attrs: dict[tuple[str, str], int] = {}
        self.escaped: dict[str, int] = {}

    def _scan(self, collector: _BindingCollector) -> None:  # noqa: C901 - one hot loop, dispatched by type
        """One walk over the tree: scopes, star imports, `global`/walrus bindings, and every load of a
        module-level name (what the taint pass needs), without building any list of all nodes.

        A function body is skipped when its text shows that nothing in it can matter: inside a function
        only a change through `name.attr`/`name[...]` counts (see `_Taint`), so a body without a watched
        name followed by `.`/`[`, without `global` and without `import *` is never walked. Parents are
        kept only for the nodes the taint pass climbs through (names, attributes, subscripts, keywords,
        starred arguments). Children are pushed in field order and popped last first, as
        `ast.iter_child_nodes` would give them, so the occurrences come in the same order as before."""
        watched = set(collector.bindings)
        relevant = self._body_filter(watched)
        parents = self.parents
        occurrences = self.occurrences
        scope_parent = self.scope_parent
        child_fields = _CHILD_FIELDS
        name_cls, load_cls = ast.Name, ast.Load
        climbed = _CLIMBED
        funcs = _FUNC_TYPES
        stack: list[tuple[ast.AST, ast.AST | None, bool, ast.AST | None]] = [(self.tree, None, False, None)]
        pop, push = stack.pop, stack.append
        while stack:
            node, parent, in_function, scope = pop()
            cls = node.__class__
            if cls is name_cls:
                if node.id in watched and node.ctx.__class__ is load_cls:  # type: ignore[attr-defined]
                    parents[node] = parent  # type: ignore[assignment]
                    occurrences.append((node, in_function, scope))  # type: ignore[arg-type]
                continue
            if cls in climbed:
                parents[node] = parent  # type: ignore[assignment]
            elif cls in _SCOPE_TYPES:
                scope_parent[node] = scope
                header, body = _scope_parts(node)
                inner = in_function if cls is ast.ClassDef else True
                for child in header:
                    push((child, node, in_function, scope))
                if cls in funcs and relevant is not None and not relevant(node):
                    continue
                for child in body:
                    push((child, node, inner, node))
                continue
            elif cls is ast.Global:
                for name in node.names:  # type: ignore[attr-defined]
                    collector.add(name, "other", node, False)
            elif cls is ast.NamedExpr:
                if not in_function and isinstance(node.target, ast.Name):  # type: ignore[attr-defined]
                    collector.add(node.target.id, "other", node, False)  # type: ignore[attr-defined]
            elif cls is ast.ImportFrom and any(alias.name == "*" for alias in node.names):  # type: ignore[attr-defined]
                self.star_imports.append(node)  # type: ignore[arg-type]
            fields = child_fields.get(cls)
            if fields is None:
                fields = _child_fields(cls)
            for name, many in fields:
                value = getattr(node, name, None)
                if many:
                    for child in value or ():
                        if child is not None:
                            push((child, node, in_function, scope))
                elif value is not None:
                    push((value, node, in_function, scope))

    def _body_filter(self, watched: set[str]) -> Callable[[ast.AST], bool] | None:
        """A test telling whether a function's text may hold something the walk needs (None: walk all)."""
        text = self.text
        if not text.isascii() or "\r" in text:
            return None  # identifiers may be normalised (NFKC); line offsets need plain newlines
        lines = self.lines
        offsets = [0, *accumulate(map((1).__add__, map(len, lines)))]
        roots, markers = _CHAIN_ROOTS.findall, _BODY_MARKERS.search
        last = len(lines)

        def relevant(fn: ast.AST) -> bool:
            start = offsets[fn.lineno - 1]  # type: ignore[attr-defined]
            end = offsets[min(fn.end_lineno or fn.lineno, last)]  # type: ignore[attr-defined]
            return not watched.isdisjoint(roots(text, start, end)) or markers(text, start, end) is not None

        return relevant

    def table_for(self, scope: ast.AST | None) -> symtable.SymbolTable | None:
        """The symbol table of a scope (None: the module), built on first use; None if it cannot be built."""
        if scope not in self._tables:
            if scope is None:
                try:
                    with PARSE_LOCK:
                        self._tables[None] = symtable.symtable(self.text, self.path, "exec")
                except (SyntaxError, ValueError, RecursionError):
                    self._tables[None] = None
            else:
                parent = self.table_for(self.scope_parent.get(scope))
                self._tables[scope] = self.child_table(parent, scope) if parent is not None else None
        return self._tables[scope]

    def verdict(self, qualname: str, lineno: int) -> FunctionResult | None:
        hit = self.verdicts.get((qualname, lineno))
        if hit is not None:
            return hit
        same = [fr for fr in self.result.functions if fr.qualname == qualname]
        return same[0] if len(same) == 1 else None

    def char_col(self, lineno: int, byte_col: int) -> int:
        """AST columns count UTF-8 bytes; text slicing counts characters."""
        line = self.lines[lineno - 1]
        return byte_col if line.isascii() else len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    def segment(self, node: ast.expr | ast.stmt) -> str:
        """The exact source text of an expression or statement."""
        start, end = node.lineno, node.end_lineno or node.lineno
        col = self.char_col(start, node.col_offset)
        end_col = self.char_col(end, node.end_col_offset or 0)
        if start == end:
            return self.lines[start - 1][col:end_col]
        middle = self.lines[start : end - 1]
        return "\n".join([self.lines[start - 1][col:], *middle, self.lines[end - 1][:end_col]])

    def child_table(self, parent: symtable.SymbolTable, node: ast.AST) -> symtable.SymbolTable | None:
        """The scope a function, lambda or class opens, found by name and line under its parent scope."""
        name = "lambda" if isinstance(node, ast.Lambda) else str(getattr(node, "name", ""))
        by_place = self._child_tables.get(parent.get_id())
        if by_place is None:
            by_place = {}
            for child in parent.get_children():
                by_place.setdefault((child.get_name(), child.get_lineno()), child)
            self._child_tables[parent.get_id()] = by_place
        return by_place.get((name, getattr(node, "lineno", -1)))

    def single(self, name: str, kind: str) -> tuple[ast.AST | None, str]:
        """The one unconditional module-level binding of `name` of `kind`, or why there is none."""
        binds = self.bindings.get(name, [])
        if not binds:
            return None, f"`{name}` is not defined at module level in {self.path}"
        if len(binds) > 1:
            where = ", ".join(str(getattr(b.node, "lineno", "?")) for b in binds[:4])
            return None, f"`{name}` is bound more than once at module level in {self.path} (lines {where})"
        if not binds[0].direct:
            return None, f"`{name}` is defined conditionally (inside a block) in {self.path}"
        if binds[0].kind != kind:
            return None, f"`{name}` is not a {kind} in {self.path}"
        return binds[0].node, ""


def _target_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _plain_target(target: ast.AST) -> bool:
    if isinstance(target, ast.Name):
        return True
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(_plain_target(e.value if isinstance(e, ast.Starred) else e) for e in target.elts)
    return False


class _BindingCollector:
    """Every module-level binding, with whether it happens unconditionally (directly in the module body)."""

    def __init__(self) -> None:
        self.bindings: dict[str, list[_Binding]] = {}
        self.stars: list[str] = []
        self.future: list[str] = []

    def add(self, name: str, kind: str, node: ast.AST, direct: bool, alias: ast.alias | None = None) -> None:
        self.bindings.setdefault(name, []).append(_Binding(kind, node, direct, alias))

    def block(self, stmts: Iterable[ast.stmt], direct: bool) -> None:
        for stmt in stmts:
            self.stmt(stmt, direct)

    def stmt(self, stmt: ast.stmt, direct: bool) -> None:  # noqa: C901 - one branch per statement type
        if isinstance(stmt, _FUNCS):
            self.add(stmt.name, "def", stmt, direct)
        elif isinstance(stmt, ast.ClassDef):
            self.add(stmt.name, "class", stmt, direct)
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                self.add(alias.asname or alias.name.partition(".")[0], "import", stmt, direct, alias)
        elif isinstance(stmt, ast.ImportFrom):
            self.import_from(stmt, direct)
        elif isinstance(stmt, ast.Assign):
            kind = "const" if direct and all(_plain_target(t) for t in stmt.targets) else "other"
            for target in stmt.targets:
                for name in _target_names(target):
                    self.add(name, kind, stmt, direct)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                kind = "const" if direct and isinstance(stmt.target, ast.Name) else "other"
                for name in _target_names(stmt.target):
                    self.add(name, kind, stmt, direct)
        elif isinstance(stmt, (ast.AugAssign, ast.Delete, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
            self.compound(stmt)
        elif isinstance(stmt, (ast.If, ast.While)):
            self.block(stmt.body, False)
            self.block(stmt.orelse, False)
        elif isinstance(stmt, (ast.Try, ast.TryStar)):
            self.try_(stmt)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                for node in ast.walk(case.pattern):
                    for captured in (getattr(node, "name", None), getattr(node, "rest", None)):
                        if isinstance(captured, str):
                            self.add(captured, "other", stmt, False)
                self.block(case.body, False)

    def import_from(self, stmt: ast.ImportFrom, direct: bool) -> None:
        if stmt.module == "__future__" and stmt.level == 0:
            self.future.extend(alias.name for alias in stmt.names)
            return
        for alias in stmt.names:
            if alias.name == "*":
                self.stars.append("." * stmt.level + (stmt.module or ""))
            else:
                self.add(alias.asname or alias.name, "import", stmt, direct, alias)

    def compound(self, stmt: ast.stmt) -> None:
        targets: list[ast.AST] = []
        if isinstance(stmt, ast.AugAssign):
            targets = [stmt.target]
        elif isinstance(stmt, ast.Delete):
            targets = list(stmt.targets)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            targets = [stmt.target]
            self.block(stmt.body, False)
            self.block(stmt.orelse, False)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            targets = [item.optional_vars for item in stmt.items if item.optional_vars is not None]
            self.block(stmt.body, False)
        for target in targets:
            for name in _target_names(target):
                self.add(name, "other", stmt, False)

    def try_(self, stmt: ast.Try | ast.TryStar) -> None:
        self.block(stmt.body, False)
        for handler in stmt.handlers:
            if handler.name:
                self.add(handler.name, "other", handler, False)
            self.block(handler.body, False)
        self.block(stmt.orelse, False)
        self.block(stmt.finalbody, False)


# Field types (from the node classes' signatures) that never hold a child node worth walking.
_LEAF_TYPES = frozenset(
    {"identifier", "string", "int", "constant", "expr_context", "operator", "boolop", "unaryop", "cmpop"}
)
# A name followed by `.` or `[` (maybe after a closing parenthesis, a line break or a comment): where a
# function body can change a module-level name. `global` and `import *` in a body also need the walk.
_CHAIN_ROOTS = re.compile(r"\b([A-Za-z_]\w*)(?:[ \t\f\n\\)]|#[^\n]*\n)*[.\[]")
_BODY_MARKERS = re.compile(r"\bglobal\b|\bimport[\s\\]*\*")
_FIELD_SPEC = re.compile(r"(\w+)([?*]?) (\w+)")
# Per node class: (field, holds a list) for the fields that may hold child nodes, in field order.
_CHILD_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}
_FUNC_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef})
_SCOPE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef})
# Nodes whose parent the taint pass reads (a watched ast.Name records its parent too).
_CLIMBED = frozenset({ast.Attribute, ast.Subscript, ast.keyword, ast.Starred})


def _child_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """The child-holding fields of a node class, read from its signature (`BinOp(expr left, operator op,
    expr right)`); a field the signature does not describe is kept (walked if it holds nodes)."""
    doc = cls.__doc__ or ""
    rest = doc.partition("(")[2]
    specs = {name: (kind, mark) for kind, mark, name in _FIELD_SPEC.findall(rest.partition(")")[0])}
    out: list[tuple[str, bool]] = []
    for name in getattr(cls, "_fields", ()):
        kind, mark = specs.get(name, ("", "*"))
        if kind in _LEAF_TYPES:
            continue
        out.append((name, mark == "*"))
    fields = tuple(out)
    _CHILD_FIELDS[cls] = fields
    return fields


def _scope_parts(node: ast.AST) -> tuple[list[ast.AST], list[ast.AST]]:
    """(evaluated where the scope is defined, evaluated inside it) for a function, lambda or class."""
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *node.keywords], list(node.body)
    if isinstance(node, ast.Lambda):
        return [node.args], [node.body]
    assert isinstance(node, _FUNCS)
    return [node.args, *node.decorator_list, *([node.returns] if node.returns else [])], list(node.body)


def _string_lines(lines: list[str], first: int) -> set[int] | None:
    """Line numbers (from `first`) that start inside a string token: re-indenting them would change the
    string's value. Only the lifted method's own lines are tokenized, never the whole file; None when they
    do not tokenize on their own."""
    inside: set[int] = set()
    skip = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if tok.type not in skip and tok.end[0] > tok.start[0]:
                inside.update(range(first + tok.start[0], first + tok.end[0]))
    except (tokenize.TokenError, SyntaxError):
        return None
    return inside


# --------------------------------------------------------------------------------------------------------
# Small AST helpers.


def _names_in(expr: ast.AST, annotation: bool = False) -> set[str]:
    """Names an expression reads; in an annotation, also the names inside string (forward) references."""
    names: set[str] = set()
    for node in ast.walk(expr):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif annotation and isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                with PARSE_LOCK:
                    parsed = ast.parse(node.value.strip(), mode="eval")
                names |= _names_in(parsed, annotation=True)
            except (SyntaxError, ValueError, RecursionError):
                continue
    return names


def _header_exprs(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[list[ast.expr], list[ast.expr]]:
    """(defaults, annotations) of a function: evaluated where the function is defined, not in its body."""
    args = fn.args
    defaults = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *(a for a in (args.vararg, args.kwarg) if a)]
    annotations = [a.annotation for a in every if a.annotation is not None]
    if fn.returns is not None:
        annotations.append(fn.returns)
    return defaults, annotations


def _body_annotations(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    names: set[str] = set()
    for stmt in fn.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.AnnAssign):
                names |= _names_in(node.annotation, annotation=True)
    return names


def _table_globals(table: symtable.SymbolTable) -> set[str]:
    """Global names used in a scope and every scope nested in it."""
    names: set[str] = set()
    stack = [table]
    while stack:
        current = stack.pop()
        names.update(sym.get_name() for sym in current.get_symbols() if sym.is_global())
        stack.extend(current.get_children())
    return names


def _body_nodes(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    for stmt in fn.body:
        yield from ast.walk(stmt)


def _uses_name(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    return any(isinstance(node, ast.Name) and node.id == name for node in _body_nodes(fn))


def _mangled(name: str) -> bool:
    return name.startswith("__") and not name.endswith("__")


def _class_body_names(cls: ast.ClassDef) -> set[str]:
    collector = _BindingCollector()
    collector.block(cls.body, True)
    return set(collector.bindings)


def _short(node: ast.AST, limit: int = 60) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reasons_text(fr: FunctionResult) -> str:
    if not fr.reasons:
        return "no reason recorded"
    first = fr.reasons[0]
    more = f" and {len(fr.reasons) - 1} more" if len(fr.reasons) > 1 else ""
    return f"{first.kind} at line {first.lineno}: {first.detail}{more}" if first.detail else f"{first.kind}{more}"


def _printable(text: str) -> str:
    """A path safe to put in a comment or docstring of generated code (no line breaks, no quotes)."""
    return "".join(c if c.isprintable() and c not in '"\\' else "?" for c in text)


def _importable(path: str) -> bool:
    parts = [*PurePosixPath(path).parent.parts, PurePosixPath(path).stem]
    return all(p.isidentifier() and not keyword.iskeyword(p) for p in parts if p != ".")


def _relative_module(from_target: str, to_target: str) -> tuple[str, str]:
    """(package, module) for a relative import of `to_target` written in `from_target`."""
    here = PurePosixPath(from_target).parent.parts
    there = PurePosixPath(to_target).parent.parts
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    package = "." * (len(here) - common + 1) + ".".join(there[common:])
    return package, PurePosixPath(to_target).stem


# --------------------------------------------------------------------------------------------------------
# Constant expressions: what may be evaluated at import time of a generated module.


class _ExprCheck:
    """Is an expression safe to evaluate at import time (literals, containers, arithmetic, known-pure calls)?

    Collects the free names it reads (the caller resolves them); `shadow` names (class-body names) are
    locals that must not be resolved as module-level names.
    """

    def __init__(self, planner: _Planner, sf: _SourceFile, shadow: frozenset[str] = frozenset()) -> None:
        self.planner = planner
        self.sf = sf
        self.shadow = shadow
        self.names: set[str] = set()

    def run(self, expr: ast.AST) -> str | None:
        return self.visit(expr, frozenset())

    def visit(self, expr: ast.AST, bound: frozenset[str]) -> str | None:
        if isinstance(expr, ast.Constant):
            return None
        if isinstance(expr, ast.Name):
            if expr.id not in bound and expr.id not in self.shadow:
                self.names.add(expr.id)
            return None
        if isinstance(expr, ast.Attribute):
            return self.attribute(expr, bound)
        if isinstance(expr, ast.Call):
            return self.call(expr, bound)
        if isinstance(expr, _COMPREHENSIONS):
            return self.comprehension(expr, bound)
        if isinstance(expr, _PLAIN_EXPRS):
            return self.children(ast.iter_child_nodes(expr), bound)
        return f"its value holds a {type(expr).__name__.lower()} expression (`{_short(expr)}`)"

    def children(self, nodes: Iterable[ast.AST], bound: frozenset[str]) -> str | None:
        for node in nodes:
            if isinstance(node, (ast.expr, ast.keyword)):
                problem = self.visit(node.value if isinstance(node, ast.keyword) else node, bound)
                if problem:
                    return problem
        return None

    def attribute(self, expr: ast.Attribute, bound: frozenset[str]) -> str | None:
        problem = self.visit(expr.value, bound)
        if problem:
            return problem
        dotted = self.planner.external_dotted(self.sf, expr, bound | self.shadow)
        if dotted is not None and not self.planner.known_pure(dotted):
            return f"it reads `{dotted}`, which is not known to be constant"
        return None

    def call(self, expr: ast.Call, bound: frozenset[str]) -> str | None:
        func = expr.func
        dotted = self.planner.callable_dotted(self.sf, func, bound | self.shadow)
        if dotted is None and isinstance(func, ast.Attribute):
            if func.attr not in rules.READ_ONLY_METHODS:
                return f"it calls `.{func.attr}()`, which may change its object"
        elif dotted is None or not self.planner.known_pure(dotted):
            return f"it calls `{_short(func)}`, which is not known to be pure"
        return self.children([func, *expr.args, *expr.keywords], bound)

    def comprehension(
        self, expr: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp, bound: frozenset[str]
    ) -> str | None:
        inner = set(bound)
        for gen in expr.generators:
            if gen.is_async:
                return "its value holds an async comprehension"
            problem = self.visit(gen.iter, frozenset(inner))
            if problem:
                return problem
            inner |= set(_target_names(gen.target))
            problem = self.children(gen.ifs, frozenset(inner))
            if problem:
                return problem
        results = [expr.key, expr.value] if isinstance(expr, ast.DictComp) else [expr.elt]
        return self.children(results, frozenset(inner))


# --------------------------------------------------------------------------------------------------------
# The planner.


class _Planner:
    def __init__(
        self, sources: Mapping[str, str], files: list[FileResult], index: ModuleIndex, config: EngineConfig
    ) -> None:
        self.index = index
        self.config = config
        self.files = sorted(files, key=lambda f: f.path)
        self.sources: dict[str, _SourceFile] = {}
        self.unreadable: dict[str, str] = {}
        for result in self.files:
            text = sources.get(result.path)
            if text is None:
                continue
            try:
                self.sources[result.path] = _SourceFile(result.path, text, result)
            except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
                self.unreadable[result.path] = f"its source could not be read again ({type(exc).__name__})"
        self.by_qualname = {
            f"{module}.{fr.qualname}": fr for f in self.files for module in (module_name(f.path),) for fr in f.functions
        }
        self.targets = self._assign_targets()
        self.nodes: dict[_Key, _Node] = {}
        self.rdeps: dict[_Key, list[_Key]] = {}
        self._targets_cache: dict[tuple[str, str], _Target | str] = {}
        self._resolving: set[tuple[str, str]] = set()
        # (path, name) -> where another file rebinds or changes it: (that file, line)
        self.cross_mutated: dict[tuple[str, str], tuple[str, int]] = {}

    # ---- the whole run

    def run(self) -> Extraction:
        for sf in self.sources.values():
            _Taint(self, sf).run()
        self._cross_file_taint()
        candidates = self._candidates()
        self._build_closure([key for _, _, key in candidates if key is not None])
        self._propagate(sorted(k for k, n in self.nodes.items() if n.why))
        needed = self._break_cycles()
        self._name_lifted(needed)
        return self._result(candidates, needed)

    def _assign_targets(self) -> dict[str, str]:
        targets: dict[str, str] = {}
        taken: set[str] = set()
        for path in sorted(self.sources):
            p = PurePosixPath(path)
            if p.is_absolute() or ".." in p.parts or _printable(path) != path:
                continue
            for candidate in (target_path(path), str(p.with_name(f"{p.stem}_{p.suffix.lstrip('.')}_pure.py"))):
                if candidate not in taken:
                    targets[path] = candidate
                    taken.add(candidate)
                    break
        return targets

    def _candidates(self) -> list[tuple[str, FunctionResult, _Key | None]]:
        """Every pure function shaped like a unit, with its graph key (None: a nested-class method)."""
        out: list[tuple[str, FunctionResult, _Key | None]] = []
        for result in self.files:
            for fr in result.functions:
                fr.extractable = False
                if not fr.pure or "<" in fr.qualname:
                    continue
                depth = fr.qualname.count(".")
                if depth == 0:
                    out.append((result.path, fr, ("name", result.path, fr.qualname, 0)))
                elif depth == 1:
                    out.append((result.path, fr, ("method", result.path, fr.qualname, fr.lineno)))
                else:
                    out.append((result.path, fr, None))
        return out

    # ---- graph construction

    def _build_closure(self, roots: list[_Key]) -> None:
        stack = list(reversed(roots))
        while stack:
            key = stack.pop()
            if key in self.nodes:
                continue
            node = self._build(key)
            self.nodes[key] = node
            for dep in node.deps:
                self.rdeps.setdefault(dep, []).append(key)
                if dep not in self.nodes:
                    stack.append(dep)

    def _build(self, key: _Key) -> _Node:
        kind, path, name, _ = key
        sf = self.sources.get(path)
        label = f"`{name}` ({path})"
        if sf is None:
            why = self.unreadable.get(path, "its source text is not available")
            return _Node(key, kind, label, why=f"{path}: {why}")
        if path not in self.targets:
            return _Node(key, kind, label, why=f"{path} cannot be mirrored in the archive (unsafe or clashing path)")
        if kind == "method":
            return self._build_method(sf, key)
        return self._build_name(sf, key)

    def _build_name(self, sf: _SourceFile, key: _Key) -> _Node:
        name = key[2]
        binds = sf.bindings.get(name, [])
        node = _Node(key, "name", f"`{name}` ({sf.path})")
        replaced = self._replaced_by_star(sf, name, binds)
        if replaced:
            node.why = replaced
            return node
        if binds and all(b.kind == "import" for b in binds):
            return self._build_import(sf, node)
        stmt, why = sf.single(name, binds[0].kind if binds else "definition")
        if stmt is None:
            node.why = why
            return node
        line = sf.mutated.get(name)
        elsewhere = self.cross_mutated.get((sf.path, name))
        if line or elsewhere:
            where = f"line {line} of {sf.path}" if line else f"{elsewhere[0]} line {elsewhere[1]}" if elsewhere else ""
            node.why = f"`{name}` is reassigned or changed at {where} (an attribute or item set, or a mutating call)"
            return node
        node.stmt = stmt
        if isinstance(stmt, _FUNCS):
            return self._build_function(sf, node, stmt)
        if isinstance(stmt, ast.ClassDef):
            return self._build_class(sf, node, stmt)
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            return self._build_const(sf, node, stmt)
        node.why = f"`{name}` is not a plain definition or constant assignment"
        return node

    def _replaced_by_star(self, sf: _SourceFile, name: str, binds: list[_Binding]) -> str:
        """A `from m import *` after a definition may replace it (stat.py ends with `from _stat import *`)."""
        first = min((getattr(b.node, "lineno", 0) for b in binds), default=0)
        for star in sf.star_imports:
            if star.lineno <= first:
                continue
            where = "." * star.level + (star.module or "")
            ref = (
                self.index.resolve_from(sf.module, sf.is_package, star.module, star.level)
                if star.level
                else self.index.resolve(star.module or "", sf.module)
            )
            path = self.index.path_of(ref) if ref else None
            there = self.sources.get(path) if path else None
            if there is None or there.star_imports or name in there.bindings:
                return f"`{name}` may be replaced by `from {where} import *` at line {star.lineno} of {sf.path}"
        return ""

    def _build_import(self, sf: _SourceFile, node: _Node) -> _Node:
        node.kind = "import"
        target = self.import_target(sf, node.key[2])
        if isinstance(target, str):
            node.why = target
            return node
        node.target = target
        if isinstance(target, _External):
            return node
        there = self.targets.get(target.path)
        if target.path not in self.sources or there is None:
            node.why = f"`{node.key[2]}` comes from {target.path}, which cannot be extracted"
        elif not (_importable(there) and _importable(self.targets[sf.path])):
            node.why = f"`{node.key[2]}` would need a relative import between non-identifier module paths"
        elif isinstance(target, _ProjectName):
            node.deps = [("name", target.path, target.name, 0)]
        return node

    def _build_function(self, sf: _SourceFile, node: _Node, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> _Node:
        node.kind = "function"
        node.lines = (min([d.lineno for d in fn.decorator_list] + [fn.lineno]), fn.end_lineno or fn.lineno)
        fr = sf.verdict(fn.name, fn.lineno)
        if fr is None:
            node.why = f"`{fn.name}` has no purity verdict"
        elif not fr.pure:
            node.why = f"`{fn.name}` is not pure ({_reasons_text(fr)})"
        else:
            table = sf.table_for(fn)
            node.why, node.deps = self._callable_needs(sf, fn, table, fn.decorator_list, None)
        return node

    def _build_method(self, sf: _SourceFile, key: _Key) -> _Node:
        qualname, lineno = key[2], key[3]
        node = _Node(key, "method", f"`{qualname}` ({sf.path})")
        cls_name, _, meth = qualname.partition(".")
        cls, why = sf.single(cls_name, "class")
        why = self._replaced_by_star(sf, cls_name, sf.bindings.get(cls_name, [])) or why
        if not isinstance(cls, ast.ClassDef) or why:
            node.why = why
            return node
        fns = [s for s in cls.body if isinstance(s, _FUNCS) and s.name == meth]
        fn = next((s for s in fns if s.lineno == lineno), None)
        if fn is None:
            node.why = f"`{qualname}` is not defined directly in the body of class `{cls_name}`"
            return node
        node.lines = (min([d.lineno for d in fn.decorator_list] + [fn.lineno]), fn.end_lineno or fn.lineno)
        lift, why = self._lift_plan(sf, cls, fn, defined_twice=len(fns) > 1)
        if lift is None:
            node.why = why
            return node
        node.lift = lift
        others = [d for d in fn.decorator_list if d not in lift.remove]
        table = sf.table_for(fn)
        node.why, node.deps = self._callable_needs(sf, fn, table, others, cls)
        return node

    def _lift_plan(
        self, sf: _SourceFile, cls: ast.ClassDef, fn: ast.FunctionDef | ast.AsyncFunctionDef, defined_twice: bool
    ) -> tuple[_Lift | None, str]:
        qualname = f"{cls.name}.{fn.name}"
        if defined_twice:
            return None, f"`{qualname}` is defined more than once in its class"
        kinds: list[ast.Name] = []
        for deco in fn.decorator_list:
            if isinstance(deco, ast.Name) and deco.id in ("staticmethod", "classmethod"):
                kinds.append(deco)
        if len(kinds) > 1 or any(k.id in sf.bindings for k in kinds):
            return None, f"`{qualname}` has an unusual staticmethod/classmethod decoration"
        kind = kinds[0].id if kinds else "method"
        params = [*fn.args.posonlyargs, *fn.args.args]
        drop = None
        if kind != "staticmethod":
            first = "cls" if kind == "classmethod" else "self"
            if not params:
                return None, f"`{qualname}` has no `{first}` parameter"
            drop = params[0]
            if _uses_name(fn, drop.arg):
                needs = f"the class `{cls.name}`" if kind == "classmethod" else f"an instance of `{cls.name}`"
                return None, f"`{qualname}` uses `{drop.arg}`: it needs {needs}"
            if len(fn.args.defaults) == len(params):
                return None, f"`{qualname}` gives its `{drop.arg}` parameter a default value"
        if fn.name.startswith("__") and fn.name.endswith("__"):
            return None, f"`{qualname}` is a special method: Python calls it on `{cls.name}` and its instances"
        names_used = [n for n in _body_nodes(fn) if isinstance(n, ast.Name)]
        if any(n.id in ("super", "__class__") for n in names_used):
            return None, f"`{qualname}` uses `super()`, which only works inside its class"
        private = [n for n in ast.walk(fn) if isinstance(n, (ast.Name, ast.Attribute, ast.arg))]
        if any(
            _mangled(n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else n.arg)
            for n in private
        ):
            return None, f"`{qualname}` uses a private `__name`, which Python rewrites inside the class"
        defaults, annotations = _header_exprs(fn)
        header = set().union(*(_names_in(e) for e in defaults), *(_names_in(e, True) for e in annotations))
        clash = sorted(header & _class_body_names(cls))
        if clash:
            return None, f"`{qualname}`'s defaults or annotations use `{clash[0]}`, a name of class `{cls.name}`"
        start = min([d.lineno for d in fn.decorator_list] + [fn.lineno])
        strings = _string_lines(sf.lines[start - 1 : fn.end_lineno or fn.lineno], start)
        if strings is None:
            return None, f"`{qualname}` could not be re-indented to module level"
        return _Lift(cls.name, kind, fn, drop, [*kinds], strings), ""

    def _callable_needs(
        self,
        sf: _SourceFile,
        fn: ast.FunctionDef | ast.AsyncFunctionDef,
        table: symtable.SymbolTable | None,
        decorators: list[ast.expr],
        cls: ast.ClassDef | None,
    ) -> tuple[str, list[_Key]]:
        """Why a function (module-level or lifted) cannot be carried, or the module-level names it needs."""
        for deco in decorators:
            problem = self._decorator_problem(sf, deco, lifted=cls is not None)
            if problem:
                return problem, []
        for node in _body_nodes(fn):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                problem = self._inner_import_problem(sf, node)
                if problem:
                    return problem, []
        if table is None:
            return f"the scopes of {sf.path} could not be analysed (the symbol table refuses the file)", []
        defaults, annotations = _header_exprs(fn)
        names = _table_globals(table) | _body_annotations(fn)
        for expr in [*decorators, *defaults]:
            names |= _names_in(expr)
        for expr in annotations:
            names |= _names_in(expr, annotation=True)
        return self._require(sf, names, [fn])

    def _build_class(self, sf: _SourceFile, node: _Node, cls: ast.ClassDef) -> _Node:
        node.kind = "class"
        node.label = f"class `{cls.name}` ({sf.path})"
        node.lines = (min([d.lineno for d in cls.decorator_list] + [cls.lineno]), cls.end_lineno or cls.lineno)
        bases = [b for b in cls.bases if not (isinstance(b, ast.Name) and b.id == "object")]
        if bases or cls.keywords:
            node.why = f"class `{cls.name}` derives from `{_short((bases or cls.keywords)[0])}`"
            return node
        problem = self._class_body_problem(sf, cls) or self._class_methods_problem(sf, cls)
        if problem:
            node.why = problem
            return node
        table = sf.table_for(cls)
        if table is None:
            node.why = f"the scope of class `{cls.name}` could not be analysed"
            return node
        names = _table_globals(table)
        for deco in cls.decorator_list:
            names |= _names_in(deco)
        own = _class_body_names(cls)
        for sub in ast.walk(cls):
            if isinstance(sub, (ast.AnnAssign, ast.arg)) and sub.annotation is not None:
                names |= _names_in(sub.annotation, True) - own
        node.why, node.deps = self._require(sf, names, [cls])
        return node

    def _class_body_problem(self, sf: _SourceFile, cls: ast.ClassDef) -> str:
        for deco in cls.decorator_list:
            problem = self._decorator_problem(sf, deco, lifted=False)
            if problem:
                return f"class `{cls.name}`: {problem}"
        shadow = frozenset(_class_body_names(cls))
        for stmt in cls.body:
            if isinstance(stmt, _FUNCS):
                problem = self._method_decorators_problem(sf, stmt, shadow)
                if problem:
                    return f"class `{cls.name}`: {problem}"
                continue
            if isinstance(stmt, ast.Pass) or (
                isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                continue
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(stmt, ast.AnnAssign) and value is None:
                continue
            if value is None:
                return f"class `{cls.name}` runs a {type(stmt).__name__} statement in its body (line {stmt.lineno})"
            value_problem = _ExprCheck(self, sf, shadow).run(value)
            if value_problem:
                return f"class `{cls.name}` line {stmt.lineno}: {value_problem}"
        for sub in ast.walk(cls):
            if isinstance(sub, (ast.Import, ast.ImportFrom)):
                problem = self._inner_import_problem(sf, sub)
                if problem:
                    return f"class `{cls.name}`: {problem}"
        return ""

    def _method_decorators_problem(
        self, sf: _SourceFile, fn: ast.FunctionDef | ast.AsyncFunctionDef, shadow: frozenset[str]
    ) -> str:
        """Inside a carried class: known-pure decorators, or `@prop.setter` on a property of the class."""
        for deco in fn.decorator_list:
            if isinstance(deco, ast.Attribute) and isinstance(deco.value, ast.Name) and deco.value.id in shadow:
                continue
            func = deco.func if isinstance(deco, ast.Call) else deco
            dotted = self.callable_dotted(sf, func, shadow)
            if dotted is None or not self.known_pure(dotted):
                return f"method decorator `@{_short(deco)}` is not known to be pure"
        return ""

    def _class_methods_problem(self, sf: _SourceFile, cls: ast.ClassDef) -> str:
        """Every function of the class must be pure or change only its own instance (see module docstring)."""
        end = cls.end_lineno or cls.lineno
        inside = [fr for fr in sf.result.functions if cls.lineno <= fr.lineno <= end]
        safe = {fr.qualname for fr in inside if fr.pure or {r.kind for r in fr.reasons} <= _CARRIABLE_METHOD_KINDS}
        prefix = f"{sf.module}."
        changed = True
        while changed:
            changed = False
            for fr in inside:
                if fr.qualname in safe and not fr.pure and not self._calls_stay_inside(fr, prefix, cls.name, safe):
                    safe.discard(fr.qualname)
                    changed = True
        bad = [fr for fr in inside if fr.qualname not in safe]
        if bad:
            return f"class `{cls.name}` has a method that is not pure: `{bad[0].qualname}` ({_reasons_text(bad[0])})"
        return ""

    def _calls_stay_inside(self, fr: FunctionResult, prefix: str, cls: str, safe: set[str]) -> bool:
        if "calls_impure" not in {r.kind for r in fr.reasons}:
            return True
        impure = [c for c in fr.calls if not (self.by_qualname.get(c) and self.by_qualname[c].pure)]
        inside = [c[len(prefix) :] for c in impure if c.startswith(prefix)]
        return (
            bool(impure) and len(inside) == len(impure) and all(q.startswith(f"{cls}.") and q in safe for q in inside)
        )

    def _build_const(self, sf: _SourceFile, node: _Node, stmt: ast.Assign | ast.AnnAssign) -> _Node:
        node.kind = "const"
        node.label = f"constant `{node.key[2]}` ({sf.path})"
        node.lines = (stmt.lineno, stmt.end_lineno or stmt.lineno)
        line = sf.escaped.get(node.key[2])
        if line:
            node.why = f"constant `{node.key[2]}` is handed at line {line} to code that might change it"
            return node
        assert stmt.value is not None  # a "const" binding always has a value
        check = _ExprCheck(self, sf)
        problem = check.run(stmt.value)
        if problem:
            node.why = f"constant `{node.key[2]}` cannot be carried: {problem}"
            return node
        node.why, node.deps = self._require(sf, check.names, [stmt.value])
        return node

    # ---- name resolution

    def _require(self, sf: _SourceFile, names: Iterable[str], uses: list[ast.AST]) -> tuple[str, list[_Key]]:
        """The graph keys behind the module-level names a definition reads, or why one cannot be carried."""
        deps: list[_Key] = []
        for name in sorted(names):
            if name in sf.bindings:
                deps.append(("name", sf.path, name, 0))
                target = self.import_target(sf, name) if all(b.kind == "import" for b in sf.bindings[name]) else None
                if isinstance(target, _ProjectModule):
                    attrs, bare = self._attribute_uses(sf, name, uses)
                    if bare:
                        return f"it uses the project module `{name}` as a value, not only its attributes", deps
                    deps += [("name", target.path, attr, 0) for attr in sorted(attrs)]
            elif name in _MODULE_DUNDERS:
                return f"it reads `{name}`, which means something else in the extracted module", deps
            elif name in _BUILTIN_NAMES:
                continue
            elif sf.stars:
                return f"it uses `{name}`, which may come from `from {sf.stars[0]} import *`", deps
            else:
                return f"it uses `{name}`, which is not defined anywhere in {sf.path}", deps
        return "", deps

    def _attribute_uses(self, sf: _SourceFile, name: str, uses: list[ast.AST]) -> tuple[set[str], bool]:
        attrs: set[str] = set()
        bare = False
        for root in uses:
            stack: list[tuple[ast.AST, ast.AST | None]] = [(root, sf.parents.get(root))]
            while stack:
                node, parent = stack.pop()
                if isinstance(node, ast.Name):
                    if node.id == name and isinstance(node.ctx, ast.Load):
                        if isinstance(parent, ast.Attribute) and parent.value is node:
                            attrs.add(parent.attr)
                        else:
                            bare = True
                    continue
                stack.extend((child, node) for child in ast.iter_child_nodes(node))
        return attrs, bare

    def import_target(self, sf: _SourceFile, name: str) -> _Target | str:
        """What an imported module-level name is bound to, following re-exports; a string says why not."""
        cache_key = (sf.path, name)
        if cache_key in self._targets_cache:
            return self._targets_cache[cache_key]
        if cache_key in self._resolving:
            return f"`{name}` is part of an import cycle"
        self._resolving.add(cache_key)
        try:
            target = self._import_target(sf, name)
        finally:
            self._resolving.discard(cache_key)
        self._targets_cache[cache_key] = target
        return target

    def _import_target(self, sf: _SourceFile, name: str) -> _Target | str:
        binds = sf.bindings[name]
        first = binds[0]
        shapes = {(type(b.node).__name__, ast.dump(b.node) if b.alias is None else ast.dump(b.alias)) for b in binds}
        if len(shapes) > 1 or not all(b.direct for b in binds):
            return f"`{name}` is imported conditionally or in several ways in {sf.path}"
        assert first.alias is not None and isinstance(first.node, (ast.Import, ast.ImportFrom))
        target = self._classify(sf, first.node, first.alias)
        if isinstance(target, _ProjectName):
            return self._follow(target, name)
        if isinstance(target, _External):
            return self._external_problem(target, name) or target
        return target

    def _classify(self, sf: _SourceFile, stmt: ast.Import | ast.ImportFrom, alias: ast.alias) -> _Target | str:
        if isinstance(stmt, ast.Import):
            resolved = self.index.resolve(alias.name, sf.module)
            if resolved is not None and (alias.asname or "." not in alias.name):
                return self._module_target(resolved)
            if resolved is not None or self.index.resolve(alias.name.partition(".")[0], sf.module) is not None:
                return f"`import {alias.name}` binds a project package, not the module; it is not rewritten"
            dotted = alias.name if alias.asname else alias.name.partition(".")[0]
            return _External(dotted, "import", alias.name, "", alias.asname)
        ref = self.index.resolve_name(sf.module, sf.is_package, stmt.module, stmt.level, alias.name)
        if ref in self.index:
            return self._module_target(ref)
        base = ref.rpartition(".")[0]
        # A submodule of the root package (module `__init__`) is named without that prefix.
        if base == "__init__" and alias.name in self.index and self.index.is_package(base):
            return self._module_target(alias.name)
        if base in self.index:
            path = self.index.path_of(base)
            assert path is not None
            return _ProjectName(path, alias.name)
        if stmt.level:
            where = "." * stmt.level + (stmt.module or "")
            return f"`from {where} import {alias.name}` points outside the analysed project"
        module = stmt.module or ""
        return _External(f"{module}.{alias.name}", "from", module, alias.name, alias.asname)

    def _module_target(self, module: str) -> _ProjectModule:
        path = self.index.path_of(module)
        assert path is not None
        return _ProjectModule(path)

    def _follow(self, target: _ProjectName, name: str) -> _Target | str:
        there = self.sources.get(target.path)
        if there is None:
            return f"`{name}` comes from {target.path}, which cannot be extracted"
        binds = there.bindings.get(target.name)
        if not binds:
            return f"`{target.name}` is not defined at module level in {target.path}"
        if not all(b.kind == "import" for b in binds):
            return target
        final = self.import_target(there, target.name)
        if isinstance(final, _External) and final.statement(name) is None:
            return f"`{name}` is a re-exported `import {final.module}` that cannot be renamed"
        return final

    def _external_problem(self, target: _External, name: str) -> str:
        toolkits = self.config.toolkits
        for dotted in (target.module, target.dotted):
            toolkit = rules.toolkit_of(dotted, toolkits)
            if toolkit:
                return f"`{name}` comes from {toolkit}, a UI toolkit"
            why = rules.desktop_only(dotted, self.config.desktop_only)
            if why:
                return f"`{name}` is a desktop-only API: {why}"
        return ""

    def _inner_import_problem(self, sf: _SourceFile, node: ast.Import | ast.ImportFrom) -> str:
        """An import inside a body is copied as written: it must not be a project or UI import."""
        for alias in node.names:
            target = self._classify(sf, node, alias)
            if isinstance(target, str):
                return f"it imports inside its body: {target}"
            if not isinstance(target, _External):
                return f"it imports the project module `{alias.name}` inside its body"
            problem = self._external_problem(target, alias.asname or alias.name)
            if problem:
                return f"it imports inside its body: {problem}"
        return ""

    def _decorator_problem(self, sf: _SourceFile, deco: ast.expr, lifted: bool) -> str:
        func = deco.func if isinstance(deco, ast.Call) else deco
        dotted = self.callable_dotted(sf, func, frozenset())
        if dotted is None or not self.known_pure(dotted):
            return f"its decorator `@{_short(deco)}` is not known to be pure"
        if lifted and dotted in _CLASS_ONLY_DECORATORS:
            return f"its decorator `@{_short(deco)}` only means something inside the class"
        if isinstance(deco, ast.Call):
            problem = _ExprCheck(self, sf).children([*deco.args, *deco.keywords], frozenset())
            if problem:
                return f"its decorator `@{_short(deco)}`: {problem}"
        return ""

    def external_dotted(self, sf: _SourceFile, expr: ast.AST, local: frozenset[str]) -> str | None:
        """`math.pi` -> "math.pi" when the base name is bound by an import from outside the project."""
        if isinstance(expr, ast.Attribute):
            base = self.external_dotted(sf, expr.value, local)
            return f"{base}.{expr.attr}" if base else None
        if isinstance(expr, ast.Name) and expr.id not in local:
            binds = sf.bindings.get(expr.id, [])
            if binds and all(b.kind == "import" for b in binds):
                target = self.import_target(sf, expr.id)
                return target.dotted if isinstance(target, _External) else None
        return None

    def callable_dotted(self, sf: _SourceFile, func: ast.AST, local: frozenset[str]) -> str | None:
        """The dotted name of a callee outside the project (an import or a builtin), or None."""
        if isinstance(func, ast.Name) and func.id not in sf.bindings and func.id not in local:
            return func.id if func.id in _BUILTIN_NAMES else None
        return self.external_dotted(sf, func, local)

    def known_pure(self, dotted: str) -> bool:
        """Known pure by the rule tables: an exact entry wins, then the longest `module.*` prefix, impure first."""
        if rules.IMPURE_EXCEPTIONS_IN_PURE_MODULES.get(dotted):
            return False
        if dotted in self.config.known_pure:
            return True
        impure = self.config.known_impure
        if dotted in impure:
            return False
        parts = dotted.split(".")
        for end in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:end]) + ".*"
            if prefix in impure:
                return False
            if prefix in self.config.known_pure:
                return True
        return False

    def _cross_file_taint(self) -> None:
        """A change made through an import (`units.FACTORS[k] = v`, `from .units import X; X.append(1)`)
        changes the defining module's name."""
        for sf in self.sources.values():
            for (name, attr), line in sorted(sf.mutated_attrs.items()):
                binds = sf.bindings.get(name, [])
                if not binds or not all(b.kind == "import" for b in binds):
                    continue
                target = self.import_target(sf, name)
                if isinstance(target, _ProjectName):
                    self.cross_mutated.setdefault((target.path, target.name), (sf.path, line))
                elif isinstance(target, _ProjectModule) and attr:
                    self.cross_mutated.setdefault((target.path, attr), (sf.path, line))

    # ---- fixpoint, cycles, names

    def _propagate(self, dead: list[_Key]) -> None:
        """Kill everything that needs a dead node (breadth first, so each reason names the nearest cause)."""
        queue = deque(dead)
        for key in dead:
            node = self.nodes[key]
            node.root = node.root or node.why
        while queue:
            key = queue.popleft()
            cause = self.nodes[key]
            for user_key in self.rdeps.get(key, []):
                user = self.nodes[user_key]
                if user.why:
                    continue
                user.why = f"it needs {cause.label}, which cannot be carried: {cause.root}"
                user.root = cause.root
                queue.append(user_key)

    def _needed(self) -> set[_Key]:
        # Every live function or method node is a pure unit: impure ones are dead from the start.
        stack = [k for k, n in self.nodes.items() if n.kind in ("function", "method") and not n.why]
        needed: set[_Key] = set()
        while stack:
            key = stack.pop()
            if key in needed:
                continue
            needed.add(key)
            stack.extend(self.nodes[key].deps)
        return needed

    def _break_cycles(self) -> set[_Key]:
        """Drop what would need two generated modules to import each other, until no such cycle is left."""
        while True:
            needed = self._needed()
            edges: dict[str, set[str]] = {}
            for key in needed:
                for dep in self.nodes[key].deps:
                    if dep[1] != key[1]:
                        edges.setdefault(key[1], set()).add(dep[1])
            cyclic = _cyclic_pairs(edges)
            if not cyclic:
                return needed
            dead: list[_Key] = []
            for key in sorted(needed):
                partner = next((d[1] for d in self.nodes[key].deps if (key[1], d[1]) in cyclic), None)
                if partner is not None:
                    node = self.nodes[key]
                    node.why = node.root = (
                        f"it would need a circular import between {self.targets[key[1]]} and {self.targets[partner]}"
                    )
                    dead.append(key)
            self._propagate(dead)

    def _name_lifted(self, needed: set[_Key]) -> None:
        """Lifted methods keep their name unless it is taken in the original module or is a builtin."""
        taken: dict[str, set[str]] = {}
        for key in sorted(needed, key=lambda k: (k[1], self.nodes[k].lines)):
            node = self.nodes[key]
            if node.lift is None:
                continue
            sf = self.sources[key[1]]
            used = taken.setdefault(key[1], set(sf.bindings) | set(sf.future) | _BUILTIN_NAMES)
            base = node.lift.fn.name
            names = _name_candidates(base, f"{node.lift.cls}_{base}")
            name = next(candidate for candidate in names if candidate not in used)
            node.lift.name = name
            used.add(name)

    # ---- output

    def _result(self, candidates: list[tuple[str, FunctionResult, _Key | None]], needed: set[_Key]) -> Extraction:
        extraction = Extraction()
        for path, fr, key in candidates:
            if key is None:
                reason = f"`{fr.qualname}` is a method of a nested class; only top-level classes are lifted"
                extraction.not_extracted.append(NotExtracted(path, fr.qualname, reason))
                continue
            node = self.nodes[key]
            if node.why or key not in needed:
                extraction.not_extracted.append(NotExtracted(path, fr.qualname, node.why or "not needed"))
                continue
            fr.extractable = True
            extraction.units.append(self._unit(fr, node))
        extraction.units.sort(key=lambda u: (u.source_path, u.lines))
        extraction.modules = _Emitter(self, needed).modules()
        return extraction

    def _unit(self, fr: FunctionResult, node: _Node) -> ExtractedUnit:
        path = node.key[1]
        deps = sorted({self._dep_label(path, d) for d in node.deps if d != node.key})
        name = node.lift.name if node.lift else node.key[2]
        return ExtractedUnit(path, fr.qualname, node.lines, self.targets[path], name, deps, _lift_note(node))

    def _dep_label(self, path: str, dep: _Key) -> str:
        node = self.nodes[dep]
        if dep[1] != path:
            return f"{self.targets[dep[1]]}:{dep[2]}"
        target = node.target
        if isinstance(target, _External):
            return target.dotted
        if isinstance(target, _ProjectName):
            return f"{self.targets[target.path]}:{target.name}"
        if isinstance(target, _ProjectModule):
            return self.targets[target.path]
        return dep[2]


def _name_candidates(first: str, second: str) -> Iterator[str]:
    yield first
    yield second
    counter = 2
    while True:
        yield f"{second}_{counter}"
        counter += 1


def _lift_note(node: _Node) -> str:
    lift = node.lift
    if lift is None:
        return ""
    original = f"{lift.cls}.{lift.fn.name}"
    if lift.kind == "staticmethod":
        note = f"{original} is a staticmethod, lifted to module level"
    else:
        what = "a classmethod" if lift.kind == "classmethod" else "a method"
        first = lift.drop.arg if lift.drop else "self"
        note = f"{original} is {what} that never uses `{first}`, lifted to module level without that parameter"
    if lift.name != lift.fn.name:
        note += f"; renamed {lift.name} because {lift.fn.name} is taken"
    return note


def _cyclic_pairs(edges: dict[str, set[str]]) -> set[tuple[str, str]]:
    """Edges (a, b) where b also reaches a: the imports that close a cycle."""
    reach: dict[str, set[str]] = {}
    for start in edges:
        seen: set[str] = set()
        stack = list(edges[start])
        while stack:
            here = stack.pop()
            if here not in seen:
                seen.add(here)
                stack.extend(edges.get(here, ()))
        reach[start] = seen
    return {(a, b) for a, outs in edges.items() for b in outs if a in reach.get(b, set())}


# --------------------------------------------------------------------------------------------------------
# What other code changes: a carried name must not be one.


class _Taint:
    """Find the module-level names of one file that some code changes or hands on to unknown code."""

    def __init__(self, planner: _Planner, sf: _SourceFile) -> None:
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
            changes = top.attr in rules.MUTATING_METHODS or (
                not in_function and top.attr not in rules.READ_ONLY_METHODS
            )
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
        if isinstance(parent, (*_FUNCS, ast.ClassDef)) and top in parent.decorator_list:
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


# --------------------------------------------------------------------------------------------------------
# Text generation.


class _Emitter:
    """Writes the generated modules: docstring, imports, then the needed definitions in source order."""

    def __init__(self, planner: _Planner, needed: set[_Key]) -> None:
        self.planner = planner
        self.needed = needed

    def modules(self) -> dict[str, str]:
        by_path: dict[str, list[_Node]] = {}
        for key in self.needed:
            by_path.setdefault(key[1], []).append(self.planner.nodes[key])
        modules: dict[str, str] = {}
        for path in sorted(by_path):
            target = self.planner.targets[path]
            modules[target] = self.module_text(self.planner.sources[path], by_path[path])
            for parent in PurePosixPath(target).parents:
                init = "__init__.py" if str(parent) == "." else f"{parent}/__init__.py"
                modules.setdefault(init, _INIT_TEXT)
        return dict(sorted(modules.items()))

    def module_text(self, sf: _SourceFile, nodes: list[_Node]) -> str:
        text = (
            f'"""Pure functions extracted by purelift from {_printable(sf.path)}.\n\n'
            "Each definition is a copy of the original (its `# from` comment says where it comes from);\n"
            'importing this module only imports, defines functions and classes, and assigns constants.\n"""\n'
        )
        if sf.future:
            text += f"from __future__ import {', '.join(dict.fromkeys(sf.future))}\n"
        imports = self.import_lines(sf, [n for n in nodes if n.kind == "import"])
        if imports:
            text += "\n" + "\n".join(imports) + "\n"
        definitions = sorted((n for n in nodes if n.kind != "import"), key=lambda n: n.lines)
        text += self.exports(sf, nodes, definitions)
        previous = ""
        for node in definitions:
            gap = "\n" if node.kind == "const" and previous in ("const", "") else "\n\n"
            text += gap + self.definition(sf, node)
            previous = node.kind
        return text

    def exports(self, sf: _SourceFile, nodes: list[_Node], definitions: list[_Node]) -> str:
        """`__all__`, when the module re-exports an import that only other generated modules read
        (`csv.Error` read through `from . import csv_pure as csv`): it declares what the module offers."""
        used_here = {dep for node in nodes for dep in node.deps}
        imports = [n for n in nodes if n.kind == "import"]
        if any(n.key[2] == "__all__" for n in nodes) or all(n.key in used_here for n in imports):
            return ""
        names = sorted(n.key[2] for n in imports)
        for node in definitions:
            if node.lift is not None:
                names.append(node.lift.name)
            elif isinstance(node.stmt, (ast.Assign, ast.AnnAssign)):
                targets = node.stmt.targets if isinstance(node.stmt, ast.Assign) else [node.stmt.target]
                names += [name for target in targets for name in _target_names(target)]
            else:
                names.append(node.key[2])
        listed = ", ".join(f'"{name}"' for name in dict.fromkeys(names))
        return f"\n# Generated: what this module offers, re-exported imports included.\n__all__ = [{listed}]\n"

    def import_lines(self, sf: _SourceFile, nodes: list[_Node]) -> list[str]:
        """Outside imports as written (source order, `from` imports of one module merged), then the
        relative imports of other generated modules."""
        groups: dict[str, list[str]] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        project: dict[str, list[str]] = {}
        modules: list[str] = []
        here = self.planner.targets[sf.path]
        for node in nodes:
            bound, target = node.key[2], node.target
            if isinstance(target, _External):
                binding = sf.bindings[bound][0].node
                position = (getattr(binding, "lineno", 0), getattr(binding, "col_offset", 0))
                line = target.statement(bound) or ""
                group, item = (f"from {target.module}", line.partition(" import ")[2])
                if target.form == "import":
                    group, item = line, ""
                groups.setdefault(group, []).append(item)
                first_seen[group] = min(first_seen.get(group, position), position)
            elif isinstance(target, (_ProjectName, _ProjectModule)):
                package, module = _relative_module(here, self.planner.targets[target.path])
                if isinstance(target, _ProjectModule):
                    modules.append(f"from {package} import {module} as {bound}")
                    continue
                source = package + module if package.endswith(".") else f"{package}.{module}"
                item = target.name if bound == target.name else f"{target.name} as {bound}"
                project.setdefault(source, []).append(item)
        lines = []
        for group in sorted(groups, key=lambda g: first_seen[g]):
            items = [i for i in dict.fromkeys(groups[group]) if i]
            lines.append(f"{group} import {', '.join(items)}" if items else group)
        if project or modules:
            lines += [""] if lines else []
            lines += [f"from {src} import {', '.join(sorted(set(items)))}" for src, items in sorted(project.items())]
            lines += sorted(set(modules))
        return lines

    def definition(self, sf: _SourceFile, node: _Node) -> str:
        start, end = node.lines
        header = f"# from {_printable(sf.path)} lines {start}-{end}\n"
        if node.kind == "const":
            stmt = node.stmt
            if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                return header + f"{sf.segment(stmt.target)} = {sf.segment(stmt.value)}\n"
            assert isinstance(stmt, ast.Assign)
            return header + sf.segment(stmt) + "\n"
        if node.lift is not None:
            return header + f"# {_lift_note(node)}\n" + _lift_text(sf, node.lift, start, end)
        return header + "\n".join(sf.lines[start - 1 : end]) + "\n"


def _lift_text(sf: _SourceFile, lift: _Lift, start: int, end: int) -> str:
    """A method's source, re-indented to module level, without static/classmethod and its unused parameter.

    Lines inside multi-line strings keep their text (re-indenting them would change the string's value).
    """
    interior = lift.strings
    removed = {ln for deco in lift.remove for ln in range(deco.lineno, (deco.end_lineno or deco.lineno) + 1)}
    fn = lift.fn
    def_line = sf.lines[fn.lineno - 1]
    prefix = def_line[: len(def_line) - len(def_line.lstrip())]
    kept: list[str] = []
    shift: dict[int, tuple[int, int]] = {}  # original line -> (index in kept, characters removed)
    for lineno in range(start, end + 1):
        if lineno in removed:
            continue
        line = sf.lines[lineno - 1]
        cut = 0
        if lineno not in interior:
            cut = len(prefix) if line.startswith(prefix) else min(len(line) - len(line.lstrip(" \t")), len(prefix))
        shift[lineno] = (len(kept), cut)
        kept.append(line[cut:])
    text = "\n".join(kept)

    def offset(lineno: int, byte_col: int) -> int:
        index, cut = shift[lineno]
        return sum(len(k) + 1 for k in kept[:index]) + sf.char_col(lineno, byte_col) - cut

    if lift.drop is not None:
        begin = offset(lift.drop.lineno, lift.drop.col_offset)
        stop = _skip_separator(text, offset(lift.drop.end_lineno or lift.drop.lineno, lift.drop.end_col_offset or 0))
        text = text[:begin] + text[stop:]
    if lift.name != fn.name:
        at = offset(fn.lineno, fn.col_offset)
        match = re.compile(r"(async\s+)?def\s+").match(text, at)
        assert match is not None
        text = text[: match.end()] + lift.name + text[match.end() + len(fn.name) :]
    return text + "\n"


def _skip_ws(text: str, at: int) -> int:
    while at < len(text):
        if text[at] in " \t\n\\\f":
            at += 1
        elif text[at] == "#":
            at = text.find("\n", at) if "\n" in text[at:] else len(text)
        else:
            break
    return at


def _skip_separator(text: str, at: int) -> int:
    """After a dropped first parameter: skip its comma, and a `/` left with nothing before it."""
    after = _skip_ws(text, at)
    if after < len(text) and text[after] == ",":
        after = _skip_ws(text, after + 1)
        if after < len(text) and text[after] == "/":
            after = _skip_ws(text, after + 1)
            if after < len(text) and text[after] == ",":
                after = _skip_ws(text, after + 1)
        return after
    return at
