"""The scope record of the per-file walk, and which names a block of statements binds."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from ..summary import Binding, CallSite, FunctionSummary
from .nodes import function_id, lambda_id

_FUNC_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass
class Scope:
    kind: str  # module | class | function
    qualprefix: str  # what nested qualnames start with
    fid: str = ""
    summary: FunctionSummary | None = None
    class_qualname: str | None = None  # class scope: itself; method scope: its class
    locals: set[str] = field(default_factory=set)
    params: dict[str, str] = field(default_factory=dict)  # name -> origin
    globals_decl: set[str] = field(default_factory=set)
    nonlocals_decl: set[str] = field(default_factory=set)
    origins: dict[str, set[str]] = field(default_factory=dict)
    local_defs: dict[str, str] = field(default_factory=dict)  # name -> function id
    # name -> dotted type or "partial:..."; also "self.x" -> the type `self.x` was given earlier in this method
    local_types: dict[str, str] = field(default_factory=dict)
    local_imports: dict[str, Binding] = field(default_factory=dict)
    self_name: str | None = None
    is_init: bool = False
    # parameters whose default is a module-level object or a class attribute (`def __init__(self, store=LOOKUP)`):
    # parameter -> ("global" or "class", that name), as `Effects.foreign_field` records what a field holds
    global_defaults: dict[str, tuple[str, str]] = field(default_factory=dict)
    seen_refs: set[str] = field(default_factory=set)
    seen_reads: set[str] = field(default_factory=set)
    parent: Scope | None = None
    depth: int = 0  # nesting of compound statements inside the function body (0: straight-line code)
    # of those, the ones whose locals' types are joined after them: an `if`'s branches, a `try`'s handlers and `else`
    # (`Statements._joined_types`), a loop's body (`loop_types`, `after_loop`). In their own straight-line code a
    # binding replaces a local's type as it does outside; in the others (a `try` body, `with`, `match`) either may
    # be there (`Effects.local_value_type`)
    joined_depth: int = 0
    self_attrs: dict[str, set[str]] = field(default_factory=dict)  # self.x assigned in this method: its origin
    # what an item at a constant key, or an attribute, of a new container a local name holds is since it was stored
    # there (`d["k"]`, `rec.x`: `item_key`), and the names whose every item is recorded so (bound to `{}`, `[]` or a
    # dict display of constant keys, and no item stored since at a key not known)
    items: dict[str, set[str]] = field(default_factory=dict)
    complete: set[str] = field(default_factory=set)
    self_aliases: dict[str, str] = field(default_factory=dict)  # `reg = self.registry` in a method: reg -> registry
    # `t = units.TABLE` or `for t in units.TABLE` in a function: t -> {("units", "TABLE")} (("units", "") for
    # `t = units`), so that a change through t is one of that attribute of the module-level object (a module's own
    # object changes for no reader); in a branch or a loop, what t held before may still be there: all are kept
    global_aliases: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    # name -> what project calls' results it may be (or be a part of, at depth > 0): `y = first(xs)`, `for it in
    # self.items()`; each (record, depth), the record a `ResultCall` (`Effects.result_record`)
    result_of: dict[str, list[tuple[tuple[str, str, str], int]]] = field(default_factory=dict)
    # `self.x = project_call()` in this method: the calls whose result `self.x` is (as `result_of` for names)
    self_result_of: dict[str, list[tuple[tuple[str, str, str], int]]] = field(default_factory=dict)
    # name -> whether every binding of it in this scope so far is a regex match: a call of `match`, `search` or
    # `fullmatch` (`res = self._pat.search(s)`), or an element of `finditer` (`Effects.match_bound`)
    matches: dict[str, bool] = field(default_factory=dict)
    # (nested function, variable of this scope, whether a change of its object rather than a rebinding): checked
    # against what the variable holds once this function's body is walked (`Statements.function`)
    enclosed_changes: list[tuple[FunctionSummary, str, bool]] | None = None
    # locals every binding of which takes an entry of one module-level table (`fn = OPS.get(op)`, `for fn in
    # OPS.values()`; "in:OPS" for `for fn in OPS`, its elements), and the names bound otherwise at least once
    # (`Effects.table_binding`)
    local_tables: dict[str, str] | None = None
    not_tables: set[str] | None = None
    # locals bound to a library's or a module-level callable (`show = print`, `join = os.path.join`, `conv = int if
    # wide else float`): name -> each (name, attribute path) it may be (`Effects.local_callable`)
    local_callables: dict[str, list[tuple[str, str]]] | None = None
    # locals bound to a method of another local (`seen_add = seen.add`, `append = out.append`, `g = match.group`):
    # name -> (that local, the method), a call of the name being that method's call on it (`Expressions.e_Call`)
    bound_methods: dict[str, tuple[str, str]] | None = None
    returned_defs: list[str] | None = None  # the nested `def`s it returns by name (`Statements.returned_function`)
    callable_lines: dict[str, set[int]] = field(default_factory=dict)  # the lines of those bindings
    # calls resolved through what a local name of this function holds (a nested `def`, a lambda, an import, a
    # `partial`, a table's entry, a bound method): (name, calling function, its call site (its line where the walk
    # records none), how, whether the call is this function's own straight-line code), checked once the body is
    # walked, when every binding of the name is known
    # (`Statements.check_resolved_calls`)
    resolved_calls: list[tuple[str, FunctionSummary, CallSite | int, str, bool]] | None = None
    transparent: bool = False  # a comprehension: its own targets, everything else from the parent
    resolved: dict[str, tuple[str, Scope | None]] = field(default_factory=dict)  # memo of resolve()
    keys: dict[str, str | None] = field(default_factory=dict)  # memo of key_for()

    @property
    def runs_in_function(self) -> bool:
        """Code here runs when a function runs, and its effects are that function's: a function's body (a
        comprehension's too), or the body of a class a function defines, which runs each time the function
        does (such a class scope carries the function's summary; a module-level class has none)."""
        return self.kind == "function" or self.summary is not None


def item_key(node: ast.expr) -> str | None:
    """`d["k"]` or `rec.x` on a name as a key of `Scope.items`; None for any other expression."""
    if type(node) is ast.Attribute and type(node.value) is ast.Name:
        return f"{node.value.id}.{node.attr}"
    if type(node) is ast.Subscript and type(node.value) is ast.Name and type(node.slice) is ast.Constant:
        return constant_item_key(node.value.id, node.slice.value)
    return None


def constant_item_key(name: str, key: object) -> str | None:
    """`name[key]` as a key of `Scope.items` when `key` is a constant string or int; None for any other key."""
    return f"{name}[{key!r}]" if type(key) is str or type(key) is int else None


def forget_items(scope: Scope, name: str) -> None:
    """Drop what `Scope.items` records of the items of `name` (another object, or an item stored at a key not known)."""
    for known in [k for k in scope.items if k.startswith((f"{name}[", f"{name}."))]:
        del scope.items[known]


def interchangeable_types(prior: str, vtype: str) -> bool:
    """Whether a local typed `prior` may be typed `vtype` after a binding in a branch (`Scope.local_types`): the same
    type, or two of one library's (`numpy.array`, then `numpy.resize` in an `if`), whose tables judge their methods
    alike. A project type (`g:`, `t:`, or spelled by an absolute import of the project's package, `shapes.Square`), a
    parameter's or a partial's is only itself."""
    if prior == vtype:
        return True
    top = prior.split(".", 1)[0]
    return top == vtype.split(".", 1)[0] and top in rules.LIBRARY_PACKAGES


def target_names(target: ast.expr, out: set[str]) -> None:
    if isinstance(target, ast.Name):
        out.add(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            target_names(element, out)
    elif isinstance(target, ast.Starred):
        target_names(target.value, out)


def bound_names(body: list[ast.stmt], scope: Scope | None, walrus: bool) -> set[str]:
    """Names a block binds, by Python's rule (assigned anywhere in it), without entering nested scopes.

    Only statements are walked: expressions bind names only through `:=`, searched for when the source
    contains that operator at all. With `scope`, `global`/`nonlocal` declarations are recorded on it.
    """
    names: set[str] = set()
    stack: list[ast.stmt] = list(body)
    while stack:
        node = stack.pop()
        if not _statement_binds(node, names, scope, stack):
            continue
        if walrus:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    names.update(walrus_names(child))
        inner = getattr(node, "body", None)
        if isinstance(inner, list):
            stack.extend(inner)
        stack.extend(getattr(node, "orelse", None) or ())
    return names


# Statements that bind no name themselves (their bodies, walked apart, may); parsed trees hold no subclasses.
_BINDS_NOTHING = frozenset(
    {ast.Expr, ast.Return, ast.If, ast.While, ast.Pass, ast.Raise, ast.Assert, ast.Break, ast.Continue}
)


def _statement_binds(node: ast.stmt, names: set[str], scope: Scope | None, stack: list[ast.stmt]) -> bool:
    """Add what one statement binds; False when its body is another scope (or it has none to walk)."""
    if type(node) in _BINDS_NOTHING:  # most statements: decided without the chain of `isinstance` below
        return True
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        names.add(node.name)
        return False
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names.update(a.asname or a.name.split(".")[0] for a in node.names if a.name != "*")
        return False
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        if scope is not None:
            (scope.globals_decl if isinstance(node, ast.Global) else scope.nonlocals_decl).update(node.names)
        return False
    for target in _statement_targets(node):
        target_names(target, names)
    if isinstance(node, (ast.Try, ast.TryStar)):
        for handler in node.handlers:
            if handler.name:
                names.add(handler.name)
            stack.extend(handler.body)
        stack.extend(node.finalbody)
    elif isinstance(node, ast.Match):
        for case in node.cases:
            names.update(_pattern_names(case.pattern))
            stack.extend(case.body)
    return True


def local_bindings(
    body: list[ast.stmt], walrus: bool, qualprefix: str, nonlocals: bool = True
) -> dict[str, list[tuple[int, str | None]]]:
    """Each statement of a function's body binding each name (as `bound_names` reads them), nested scopes left
    out: its line, and the function id it binds the name to for a nested `def` or a `name = lambda …` (None for
    any other binding). A nested function or class declaring `nonlocal x` counts as another binding of x at its
    line: it may rebind x whenever it runs (searched for only when `nonlocals`). What a call through a local name
    resolved to holds when the name is bound once, when every binding is a function (each may be the one
    called), or when the call is straight-line code with one binding before it (`Statements.check_resolved_calls`)."""
    found: dict[str, list[tuple[int, str | None]]] = {}
    stack: list[ast.stmt] = list(body)
    while stack:
        node = stack.pop()
        if _binds_one_way(node, found, qualprefix, nonlocals):
            continue
        names: set[str] = set()
        if not _statement_binds(node, names, None, stack):
            continue
        if walrus:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    names |= walrus_names(child)
        for name in names:
            found.setdefault(name, []).append((node.lineno, None))
        inner_body = getattr(node, "body", None)
        if isinstance(inner_body, list):
            stack.extend(inner_body)
        stack.extend(getattr(node, "orelse", None) or ())
    return found


def _binds_one_way(
    node: ast.stmt, found: dict[str, list[tuple[int, str | None]]], qualprefix: str, nonlocals: bool
) -> bool:
    """`local_bindings` for a definition, an import or `name = lambda …`; False for any other statement."""
    kind = type(node)
    lineno = node.lineno
    if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.ClassDef:
        fid = None if kind is ast.ClassDef else function_id(qualprefix, node)  # type: ignore[arg-type]
        found.setdefault(node.name, []).append((lineno, fid))  # type: ignore[attr-defined]
        for inner in ast.walk(node) if nonlocals else ():
            if type(inner) is ast.Nonlocal:
                for declared in inner.names:
                    found.setdefault(declared, []).append((lineno, None))
        return True
    if kind is ast.Import or kind is ast.ImportFrom:
        for alias in node.names:  # type: ignore[attr-defined]  # `import a, a`: each alias a binding
            if alias.name != "*":
                found.setdefault(alias.asname or alias.name.split(".")[0], []).append((lineno, None))
        return True
    if kind is ast.Assign and type(node.value) is ast.Lambda and len(node.targets) == 1:  # type: ignore[attr-defined]
        target = node.targets[0]  # type: ignore[attr-defined]
        if type(target) is ast.Name:
            found.setdefault(target.id, []).append((lineno, lambda_id(qualprefix, node.value)))  # type: ignore[attr-defined]
            return True
    return False


def _statement_targets(node: ast.stmt) -> list[ast.expr]:
    if isinstance(node, (ast.Assign, ast.Delete)):
        return list(node.targets)
    if isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
        return [node.target]
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [item.optional_vars for item in node.items if item.optional_vars is not None]
    return []


def _pattern_names(pattern: ast.pattern) -> set[str]:
    out: set[str] = set()
    for child in ast.walk(pattern):
        if isinstance(child, (ast.MatchAs, ast.MatchStar)) and child.name:
            out.add(child.name)
        elif isinstance(child, ast.MatchMapping) and child.rest:
            out.add(child.rest)
    return out


def walrus_names(node: ast.expr) -> set[str]:
    out: set[str] = set()
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.NamedExpr):
            out.add(current.target.id)
        if isinstance(current, ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(current))
    return out


def class_level_names(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in body:
        if isinstance(node, (*_FUNC_TYPES, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names
