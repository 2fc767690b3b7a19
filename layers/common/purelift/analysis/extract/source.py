"""One source file, read once for the extraction: tree, lines, scopes, module-level bindings, and small AST helpers."""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import re
import symtable
import tokenize
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from pathlib import PurePosixPath

from ..fileinfo.platforms import backend_runs_the_handler, other_platform_branch
from ..model import FileResult, FunctionResult
from ..modules import module_name
from ..runtime import parse_expression, parsing
from .units import FUNCS, ModuleBinding

_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


class ParsedModule:
    """A parsed source file: tree, lines, scopes, module-level bindings, and what other code changes."""

    def __init__(self, path: str, text: str, result: FileResult, tree: ast.Module | None = None) -> None:
        """`tree`: the per-file pass's parse of `text` when it handed it over (`trees.KeptTrees`), else parsed here."""
        self.path = path
        self.result = result
        self.module = module_name(path)
        self.is_package = PurePosixPath(path).name == "__init__.py"
        if tree is None:
            with parsing():
                tree = ast.parse(text, filename=path)
        self.tree = tree
        self.text = text
        self.lines = _LINE_SPLIT.split(text)
        self.parents: dict[ast.AST, ast.AST] = {}
        # `from m import *` (only legal at module level): a later one may replace an earlier definition.
        self.star_imports: list[ast.ImportFrom] = []
        # Loads of module-level names while the module body runs (class bodies included, function bodies not).
        self.occurrences: list[ast.Name] = []
        self.scope_parent: dict[ast.AST, ast.AST | None] = {}
        collector = BindingCollector()
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

    def _scan(self, collector: BindingCollector) -> None:  # noqa: C901 - one hot loop, dispatched by type
        """One walk over the tree: scopes, star imports, `global`/walrus bindings, and every load of a
        module-level name while the module body runs (what `ChangedNames` needs), without building any list of
        all nodes.

        A function body is walked only when its text holds `global` or `import *` (a binding it may make at module
        level): what functions change is the per-file pass's fact (`analysis.state`), not found here. Parents are
        kept only for the nodes `ChangedNames` climbs through (names, attributes, subscripts, keywords, starred
        arguments). Children are pushed in field order and popped last first, as `ast.iter_child_nodes` would
        give them, so the occurrences come in source order."""
        # with `from m import *`, a name loaded at import may be one the star binds (`Planner._star_binding`)
        watched: set[str] | None = None if collector.stars else set(collector.bindings)
        relevant = self._body_filter()
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
                if (
                    not in_function
                    and (watched is None or node.id in watched)  # type: ignore[attr-defined]
                    and node.ctx.__class__ is load_cls  # type: ignore[attr-defined]
                ):
                    parents[node] = parent  # type: ignore[assignment]
                    occurrences.append(node)  # type: ignore[arg-type]
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

    def _body_filter(self) -> Callable[[ast.AST], bool] | None:
        """A test telling whether a function's text may hold a module-level binding (None: walk all)."""
        text = self.text
        if not text.isascii() or "\r" in text:
            return None  # identifiers may be normalised (NFKC); line offsets need plain newlines
        lines = self.lines
        offsets = [0, *accumulate(map((1).__add__, map(len, lines)))]
        markers = _BODY_MARKERS.search
        last = len(lines)

        def relevant(fn: ast.AST) -> bool:
            start = offsets[fn.lineno - 1]  # type: ignore[attr-defined]
            end = offsets[min(fn.end_lineno or fn.lineno, last)]  # type: ignore[attr-defined]
            return markers(text, start, end) is not None

        return relevant

    def type_only(self, name: str) -> bool:
        """Whether every module-level binding of `name` is an import in `if TYPE_CHECKING:` (never run)."""
        binds = self.bindings.get(name, ())
        return bool(binds) and all(b.type_only for b in binds)

    def table_for(self, scope: ast.AST | None) -> symtable.SymbolTable | None:
        """The symbol table of a scope (None: the module), built on first use; None if it cannot be built."""
        if scope not in self._tables:
            if scope is None:
                try:
                    with parsing():
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
        place = (name, getattr(node, "lineno", -1))
        table = self._children_by_place(parent).get(place)
        if table is not None and type_params(node):
            # 3.12+: `def first[T](…)` / `class Box[T]` open a scope of their type parameters first, of the same
            # name and line, which holds the function's or class's own scope
            table = self._children_by_place(table).get(place)
        return table

    def _children_by_place(self, parent: symtable.SymbolTable) -> dict[tuple[str, int], symtable.SymbolTable]:
        by_place = self._child_tables.get(parent.get_id())
        if by_place is None:
            by_place = {}
            for child in parent.get_children():
                by_place.setdefault((child.get_name(), child.get_lineno()), child)
            self._child_tables[parent.get_id()] = by_place
        return by_place

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


# `type X = …` (PEP 695): a statement from Python 3.12 on, None before.
_TYPE_ALIAS: type[ast.stmt] | None = getattr(ast, "TypeAlias", None)


def is_type_alias(node: ast.AST | None) -> bool:
    return _TYPE_ALIAS is not None and isinstance(node, _TYPE_ALIAS)


def type_params(node: ast.AST) -> list[ast.AST]:
    """The type parameters a function, class or `type` statement declares (`def first[T](…)`, 3.12+)."""
    return list(getattr(node, "type_params", None) or ())


def type_param_names(node: ast.AST) -> set[str]:
    """Names a definition's type parameters bind: its own, not the module's."""
    return {str(getattr(p, "name", "")) for p in type_params(node)}


def type_param_exprs(node: ast.AST) -> list[ast.expr]:
    """What the type parameters read: bounds and constraints (`T: (bytes, str)`), defaults (PEP 696, 3.13+)."""
    out: list[ast.expr] = []
    for param in type_params(node):
        for field in ("bound", "default_value"):
            value = getattr(param, field, None)
            if isinstance(value, ast.expr):
                out.append(value)
    return out


def target_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def _plain_target(target: ast.AST) -> bool:
    if isinstance(target, ast.Name):
        return True
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(_plain_target(e.value if isinstance(e, ast.Starred) else e) for e in target.elts)
    return False


class BindingCollector:
    """Every module-level binding, with whether it happens unconditionally (directly in the module body)."""

    def __init__(self) -> None:
        self.bindings: dict[str, list[ModuleBinding]] = {}
        self.stars: list[str] = []
        self.future: list[str] = []

    def add(
        self, name: str, kind: str, node: ast.AST, direct: bool, alias: ast.alias | None = None, type_only: bool = False
    ) -> None:
        self.bindings.setdefault(name, []).append(ModuleBinding(kind, node, direct, alias, type_only))

    def block(self, stmts: Iterable[ast.stmt], direct: bool) -> None:
        for stmt in stmts:
            self.stmt(stmt, direct)

    def stmt(self, stmt: ast.stmt, direct: bool) -> None:  # noqa: C901 - one branch per statement type
        if isinstance(stmt, FUNCS):
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
                for name in target_names(target):
                    self.add(name, kind, stmt, direct)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                kind = "const" if direct and isinstance(stmt.target, ast.Name) else "other"
                for name in target_names(stmt.target):
                    self.add(name, kind, stmt, direct)
        elif _TYPE_ALIAS is not None and isinstance(stmt, _TYPE_ALIAS):
            self.add(stmt.name.id, "alias", stmt, direct)  # type: ignore[attr-defined]  # `type X = …` (3.12+)
        elif isinstance(stmt, (ast.AugAssign, ast.Delete, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
            self.compound(stmt)
        elif isinstance(stmt, ast.If) and direct and not stmt.orelse and _is_type_checking(stmt.test):
            self.type_checking(stmt.body)
        elif isinstance(stmt, ast.If) and direct and (other := other_platform_branch(stmt.test)) is not None:
            # `if sys.platform == "win32": def quote(…)` / `else: def quote(…)`: a web backend runs on Linux, so
            # the branch Linux takes binds the module's names as if it stood alone (the solve judged both)
            self.block(stmt.orelse if other == "body" else stmt.body, True)
        elif isinstance(stmt, (ast.If, ast.While)):
            self.block(stmt.body, False)
            self.block(stmt.orelse, False)
        elif isinstance(stmt, (ast.Try, ast.TryStar)):
            self.try_(stmt, direct)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                for node in ast.walk(case.pattern):
                    for captured in (getattr(node, "name", None), getattr(node, "rest", None)):
                        if isinstance(captured, str):
                            self.add(captured, "other", stmt, False)
                self.block(case.body, False)

    def type_checking(self, stmts: list[ast.stmt]) -> None:
        """`if TYPE_CHECKING:` at module level: its imports bind names for type checkers only (`type_only`), as if
        they stood alone; anything else in it is conditional as in any `if`."""
        for stmt in stmts:
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    self.add(alias.asname or alias.name.partition(".")[0], "import", stmt, True, alias, True)
            elif isinstance(stmt, ast.ImportFrom) and all(alias.name != "*" for alias in stmt.names):
                for alias in stmt.names:
                    self.add(alias.asname or alias.name, "import", stmt, True, alias, True)
            else:
                self.stmt(stmt, False)  # `from m import *` too: what it binds is not known

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
            for name in target_names(target):
                self.add(name, "other", stmt, False)

    def try_(self, stmt: ast.Try | ast.TryStar, direct: bool) -> None:
        if direct and not self.stars and (_probes_python_2_names(stmt) or backend_runs_the_handler(stmt)):
            # `try: unicode` / `except NameError: unicode = str`, `try: import cPickle as pickle` / `except
            # ImportError: import pickle`: no Python 3 has the name or the module, so a web backend always runs the
            # handler, which binds the module's names as if it stood alone
            self.block(stmt.handlers[0].body, True)
            return
        self.block(stmt.body, False)
        for handler in stmt.handlers:
            if handler.name:
                self.add(handler.name, "other", handler, False)
            self.block(handler.body, False)
        self.block(stmt.orelse, False)
        self.block(stmt.finalbody, False)


def _is_type_checking(test: ast.expr) -> bool:
    """`TYPE_CHECKING` or `typing.TYPE_CHECKING` (any module's: `t.TYPE_CHECKING`), false at run time."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING" and isinstance(test.value, ast.Name)
    )


def runtime_reads(roots: list[ast.AST], name: str, lazy_annotations: bool) -> bool:
    """Whether `name` is read where code runs: anywhere in `roots` but annotations when they are never evaluated
    (`from __future__ import annotations`: `lazy_annotations`), string annotations (forward references), and the
    bodies of functions that bind `name` themselves (`from .transaction import OPPushDataGeneric` inside a function
    whose annotation names the module's `if TYPE_CHECKING:` import: the body reads its own)."""
    stack: list[tuple[ast.AST, bool]] = [(root, False) for root in roots]  # (node, inside a function's body)
    while stack:
        node, in_body = stack.pop()
        if type(node) is ast.Name:
            if node.id == name:
                return True
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defaults, annotations = header_exprs(node)
            stack += [
                (n, in_body) for n in [*node.decorator_list, *defaults, *([] if lazy_annotations else annotations)]
            ]
            if name not in bound_names(node.body):
                stack += [(n, True) for n in node.body]
            continue
        if isinstance(node, ast.AnnAssign):
            # a local's annotation in a function body is never evaluated; a module's or a class's is, unless lazy
            runs = not (lazy_annotations or in_body)
            stack += [
                (n, in_body) for n in [node.target, node.value, node.annotation if runs else None] if n is not None
            ]
            continue
        if isinstance(node, ast.ClassDef):
            stack += [(n, False) for n in ast.iter_child_nodes(node)]  # a class body runs where the class is defined
            continue
        stack += [(n, in_body) for n in ast.iter_child_nodes(node)]
    return False


def _probes_python_2_names(stmt: ast.Try | ast.TryStar) -> bool:
    """`try:` reading names no Python 3 has (`unicode`, `basestring`, `long`), `except NameError:` and nothing else.

    Names the running interpreter has built in are left out (`try: anext` / `except NameError:` is a 3.8 or
    3.9 fallback, which a backend may or may not take); a module binding the name elsewhere too has it bound
    more than once, which the extraction refuses anyway."""
    if isinstance(stmt, ast.TryStar) or stmt.orelse or stmt.finalbody or len(stmt.handlers) != 1:
        return False
    handler = stmt.handlers[0]
    if handler.name or not (isinstance(handler.type, ast.Name) and handler.type.id == "NameError"):
        return False
    return all(
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Name) and s.value.id not in _PYTHON_3_BUILTINS
        for s in stmt.body
    )


_PYTHON_3_BUILTINS = frozenset(dir(builtins))


# Field types (from the node classes' signatures) that never hold a child node worth walking.
_LEAF_TYPES = frozenset(
    {"identifier", "string", "int", "constant", "expr_context", "operator", "boolop", "unaryop", "cmpop"}
)


# `global` or `import *` in a function body: a module-level binding the function may make, which the walk needs.
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
    assert isinstance(node, FUNCS)
    return [node.args, *node.decorator_list, *([node.returns] if node.returns else [])], list(node.body)


def string_lines(lines: list[str], first: int) -> set[int] | None:
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


def names_in(expr: ast.AST, annotation: bool = False) -> set[str]:
    """Names an expression reads; in an annotation, also the names inside string (forward) references."""
    names: set[str] = set()
    for node in ast.walk(expr):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif annotation and isinstance(node, ast.Constant) and isinstance(node.value, str):
            parsed = parse_expression(node.value)
            if parsed is not None:
                names |= names_in(parsed, annotation=True)
    return names


def header_exprs(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[list[ast.expr], list[ast.expr]]:
    """(defaults, annotations) of a function: evaluated where the function is defined, not in its body."""
    args = fn.args
    defaults = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *(a for a in (args.vararg, args.kwarg) if a)]
    annotations = [a.annotation for a in every if a.annotation is not None]
    if fn.returns is not None:
        annotations.append(fn.returns)
    return defaults, annotations


def body_annotations(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> set[str]:
    """Names in the annotations of everything inside a body: variables, and the parameters and returns of
    nested functions. Under `from __future__ import annotations` the symbol table does not see them, but a
    copy without their imports would hold undefined names (pyflakes, `typing.get_type_hints`)."""
    names: set[str] = set()
    for stmt in fn.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.AnnAssign):
                names |= names_in(node.annotation, annotation=True)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for annotation in header_exprs(node)[1]:
                    names |= names_in(annotation, annotation=True)
    return names


def table_globals(table: symtable.SymbolTable) -> set[str]:
    """Global names used in a scope and every scope nested in it."""
    names: set[str] = set()
    stack = [table]
    while stack:
        current = stack.pop()
        misread = _misread(current)
        names.update(sym.get_name() for sym in current.get_symbols() if _is_global(sym, misread))
        stack.extend(current.get_children())
    return names


def table_locals(table: symtable.SymbolTable) -> set[str]:
    """Names bound inside a scope or any scope nested in it (what a nested annotation may name locally)."""
    names: set[str] = set()
    stack = [table]
    while stack:
        current = stack.pop()
        names.update(sym.get_name() for sym in current.get_symbols() if sym.is_local() or sym.is_parameter())
        stack.extend(current.get_children())
    return names


def _misread(table: symtable.SymbolTable) -> bool:
    """CPython's `symtable` (3.11-3.13) takes any scope named `top` for the module (`SymbolTable.lookup` compares the
    name): in `def top(x): return x` the parameter reads as a global, and the function needed a module-level `x`.
    Such a scope's symbols are judged here from what binds them (its locals read as local either way)."""
    return table.get_name() == "top" and table.get_type() != "module"


def _is_global(sym: symtable.Symbol, misread: bool) -> bool:
    if not misread:
        return sym.is_global()
    bound = sym.is_assigned() or sym.is_parameter() or sym.is_imported()
    return sym.is_declared_global() or (sym.is_global() and not bound)


def body_nodes(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    for stmt in fn.body:
        yield from ast.walk(stmt)


def uses_name(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    return any(isinstance(node, ast.Name) and node.id == name for node in body_nodes(fn))


def mangled(name: str) -> bool:
    return name.startswith("__") and not name.endswith("__")


def class_body_names(cls: ast.ClassDef) -> set[str]:
    return bound_names(cls.body)


def bound_names(stmts: list[ast.stmt]) -> set[str]:
    """Names the statements bind in the scope they run in."""
    collector = BindingCollector()
    collector.block(stmts, True)
    return set(collector.bindings)


def short(node: ast.AST, limit: int = 60) -> str:
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reasons_text(fr: FunctionResult) -> str:
    if not fr.reasons:
        return "no reason recorded"
    first = fr.reasons[0]
    more = f" and {len(fr.reasons) - 1} more" if len(fr.reasons) > 1 else ""
    return f"{first.kind} at line {first.lineno}: {first.detail}{more}" if first.detail else f"{first.kind}{more}"


def printable(text: str) -> str:
    """A path safe to put in a comment or docstring of generated code (no line breaks, no quotes)."""
    return "".join(c if c.isprintable() and c not in '"\\' else "?" for c in text)


def importable(path: str) -> bool:
    parts = [*PurePosixPath(path).parent.parts, PurePosixPath(path).stem]
    return all(p.isidentifier() and not keyword.iskeyword(p) for p in parts if p != ".")


def relative_module(from_target: str, to_target: str) -> tuple[str, str]:
    """(package, module) for a relative import of `to_target` written in `from_target`; module is "" when
    `to_target` is a package's `__init__.py` (`from . import name` then reads the package itself)."""
    here = PurePosixPath(from_target).parent.parts
    there = PurePosixPath(to_target).parent.parts
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    package = "." * (len(here) - common + 1) + ".".join(there[common:])
    stem = PurePosixPath(to_target).stem
    return package, "" if stem == "__init__" else stem
