"""The per-file pass: one source file in, one serialisable `FileSummary` out.

It decodes (PEP 263), tokenizes once (line counts, code lines), parses once, and walks the tree once per
scope, recording what can be decided from this file alone (local effects of each function, with lines)
and, as keys, what only the whole project can decide (which names are UI, which globals are state, what a
call resolves to). Nothing here imports or runs the analysed code.
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import io
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import rules
from .config import EngineConfig
from .model import ParseError, Reason, ReasonKind
from .modules import module_name
from .rawmetrics import fallback_counts, raw_counts
from .summary import Binding, CallSite, ClassSummary, FileSummary, FunctionSummary

BUILTIN_NAMES: frozenset[str] = frozenset(dir(builtins)) | {"__file__", "__name__", "__doc__", "__spec__"}

_FUNC_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPE_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_INIT_NAMES = frozenset({"__init__", "__post_init__", "__new__", "__init_subclass__", "__set_name__"})
_IMPLICIT_CLASSMETHODS = frozenset({"__init_subclass__", "__class_getitem__"})
_MUTABLE_FACTORIES = frozenset({"list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "deque", "Counter"})
# Methods whose result may be (a part of) the receiver itself rather than a new object.
_ALIASING_METHODS = frozenset({"get", "pop", "setdefault", "popitem", "popleft", "__getitem__", "__enter__"})
_IMPORT_RE = re.compile(r"^\s*(?:from\s+(\.*[\w.]*)\s+import\b|import\s+([\w.]+(?:\s*(?:as\s+\w+)?\s*,\s*[\w.]+)*))")


def summarize_file(path: str, data: bytes, config: EngineConfig | None = None) -> FileSummary:
    """Run the per-file pass. Never raises on bad user code: such a file gets `parse_error` instead."""
    config = config or EngineConfig()
    summary = FileSummary(
        path=path,
        module=module_name(path),
        is_package=path.endswith("__init__.py"),
        counts=fallback_counts(""),
        source_sha=hashlib.sha256(data).hexdigest(),
    )
    text, error = _decode(data)
    if error is not None:
        summary.parse_error = error
        summary.counts = fallback_counts(text)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        summary.counts = fallback_counts(text)
        summary.parse_error = _parse_error(text, exc)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    summary.counts = raw_counts(text, tokens)
    summary.code_lines = _code_lines(tokens)
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        summary.parse_error = _parse_error(text, exc)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    try:
        visitor = _FileVisitor(summary, config)
        visitor.walrus = ":=" in text
        visitor.run(tree)
    except RecursionError:
        summary.parse_error = ParseError(lineno=1, message="nesting too deep to analyse")
    return summary


def decode_source(data: bytes) -> str:
    """Source text as the engine reads it (PEP 263; undecodable bytes fall back to latin-1)."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, ParseError | None]:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return data.decode("latin-1"), ParseError(
            lineno=exc.lineno or 1, message=f"bad encoding declaration: {exc.msg}"
        )
    try:
        return data.decode(encoding), None
    except (UnicodeDecodeError, LookupError) as exc:
        start = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        lineno = data.count(b"\n", 0, start) + 1
        return data.decode("latin-1"), ParseError(lineno=lineno, message=f"cannot decode as {encoding}")


def _parse_error(text: str, exc: BaseException) -> ParseError:
    if isinstance(exc, SyntaxError):
        return ParseError(lineno=exc.lineno or 1, message=exc.msg or "invalid syntax")
    if isinstance(exc, tokenize.TokenError):
        message, position = exc.args if len(exc.args) == 2 else (str(exc), (1, 0))
        return ParseError(lineno=position[0] if isinstance(position, tuple) else 1, message=str(message))
    if isinstance(exc, ValueError):
        return ParseError(lineno=1, message=str(exc))
    return ParseError(lineno=1, message="source too complex to parse")


def _code_lines(tokens: Iterable[tokenize.TokenInfo]) -> list[int]:
    """Ranges of lines that hold code tokens (not comments, blank lines or indentation)."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    flat: list[int] = []
    for tok in tokens:
        if tok.type in skip:
            continue
        start, end = tok.start[0], tok.end[0]
        if flat and start <= flat[-1] + 1:
            if end > flat[-1]:
                flat[-1] = end
        else:
            flat += [start, end]
    return flat


def _fallback_toolkits(text: str, config: EngineConfig) -> list[str]:
    """Toolkit imports of a file that does not parse: read import lines token by token, not by grammar."""
    found: set[str] = set()
    table = config.toolkits
    for line in text.splitlines():
        m = _IMPORT_RE.match(line)
        if not m:
            continue
        names = [m.group(1)] if m.group(1) else [p.split()[0] for p in (m.group(2) or "").split(",") if p.strip()]
        if m.group(1):
            rest = line[m.end() :]
            names += [f"{m.group(1)}.{n.split()[0]}" for n in re.split(r"[,()\s]+as\s+\w+|[,()]", rest) if n.strip()]
        for name in names:
            kit = rules.toolkit_of(name.strip(), table)
            if kit:
                found.add(kit)
    return sorted(found)


def _attr_chain(node: ast.expr) -> tuple[ast.expr, list[str]]:
    """`a.b.c` -> (Name a, ["b", "c"])."""
    attrs: list[str] = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    attrs.reverse()
    return node, attrs


def _dotted(node: ast.expr) -> str | None:
    root, attrs = _attr_chain(node)
    if isinstance(root, ast.Name):
        return ".".join([root.id, *attrs])
    return None


def _is_type_checking(test: ast.expr) -> bool:
    dotted = _dotted(test)
    return dotted in {"TYPE_CHECKING", "typing.TYPE_CHECKING", "t.TYPE_CHECKING"}


@dataclass
class _Scope:
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
    local_types: dict[str, str] = field(default_factory=dict)  # name -> dotted type or "partial:..."
    local_imports: dict[str, Binding] = field(default_factory=dict)
    self_name: str | None = None
    is_init: bool = False
    seen_refs: set[str] = field(default_factory=set)
    seen_reads: set[str] = field(default_factory=set)
    parent: _Scope | None = None
    transparent: bool = False  # a comprehension: its own targets, everything else from the parent


class _FileVisitor:
    """Walks one module. Statement methods are `s_<Type>`, expression methods `e_<Type>`."""

    def __init__(self, summary: FileSummary, config: EngineConfig) -> None:
        self.summary = summary
        self.config = config
        self.toolkits = config.toolkits
        self.desktop = config.desktop_only
        self.module_names: set[str] = set()
        self.span = (1, 1)
        self.collect: set[str] | None = None
        self.type_checking = False
        self.scope = _Scope(kind="module", qualprefix="")
        self.kits: set[str] = set()
        self.walrus = True
        self.stmt_dispatch = {
            getattr(ast, name[2:]): getattr(self, name) for name in dir(self) if name.startswith("s_")
        }
        self.expr_dispatch = {
            getattr(ast, name[2:]): getattr(self, name) for name in dir(self) if name.startswith("e_")
        }

    # ------------------------------------------------------------------ driver
    def run(self, tree: ast.Module) -> None:
        self.module_names = _bound_names(tree.body, None, self.walrus)
        self.stmts(tree.body)
        self.summary.toolkits = sorted(self.kits)

    def stmts(self, body: list[ast.stmt]) -> None:
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
                handler(node)

    def expr(self, node: ast.expr | None) -> None:
        if node is None:
            return
        handler = self.expr_dispatch.get(type(node))
        if handler is not None:
            handler(node)
            return
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child)
            elif isinstance(child, ast.comprehension):
                self.comprehension(child)
            elif isinstance(child, ast.keyword):
                self.expr(child.value)

    def header(self, node: ast.stmt, body: list[ast.stmt]) -> None:
        end = max(node.lineno, (body[0].lineno - 1) if body else (node.end_lineno or node.lineno))
        self.span = (node.lineno, end)

    def simple(self, node: ast.stmt) -> None:
        self.span = (node.lineno, node.end_lineno or node.lineno)

    # ------------------------------------------------------------------ recording helpers
    def reason(self, kind: ReasonKind, lineno: int, detail: str) -> None:
        fn = self.scope.summary
        if fn is None:
            return
        if any(r.kind == kind and r.detail == detail for r in fn.reasons):
            return
        fn.reasons.append(Reason(kind=kind, lineno=lineno, detail=detail))

    def ref(self, key: str) -> None:
        spans = self.summary.refs.setdefault(key, [])
        start, end = self.span
        if not (spans and spans[-2] == start and spans[-1] == end):
            spans += [start, end]
        if self.collect is not None:
            self.collect.add(key)
        fn = self.scope.summary
        if fn is not None and key not in self.scope.seen_refs:
            self.scope.seen_refs.add(key)
            fn.refs.append((key, start))

    def derive(self, target: str, sources: Iterable[str]) -> None:
        srcs = [s for s in sources if s != target]
        if srcs:
            existing = self.summary.derive.setdefault(target, [])
            existing.extend(s for s in srcs if s not in existing)

    def call_site(self, kind: str, name: str, attr: str, lineno: int, fresh: bool = False) -> None:
        fn = self.scope.summary
        if fn is not None:
            fn.calls.append(CallSite(kind=kind, name=name, attr=attr, lineno=lineno, fresh_receiver=fresh))

    # ------------------------------------------------------------------ names and scopes
    def resolve(self, name: str) -> tuple[str, _Scope | None]:
        """Where `name` lives: local / enclosing (with the scope) / global / builtin."""
        scope: _Scope | None = self.scope
        first = True
        while scope is not None and (scope.transparent or scope.kind != "module"):
            if scope.transparent:
                if name in scope.locals:
                    return "local", scope
            elif scope.kind == "function":
                if name in scope.globals_decl:
                    return "global", None
                if name in scope.locals or name in scope.params:
                    return ("local" if first else "enclosing"), scope
                first = False
            elif scope.kind == "class" and first:
                if name in scope.locals:
                    return "classattr", scope
                first = False
            scope = scope.parent
        if name in self.module_names:
            return "global", None
        if name in BUILTIN_NAMES:
            return "builtin", None
        return "global", None

    def key_for(self, name: str) -> str | None:
        where, scope = self.resolve(name)
        if where in ("local", "enclosing") and scope is not None:
            if scope.self_name == name and scope.class_qualname:
                return f"s:{scope.class_qualname}"
            return f"l:{scope.fid}:{name}"
        if where == "classattr" and scope is not None:
            return f"a:{scope.class_qualname}:{name}"
        if where == "global":
            return f"g:{name}"
        return None

    def origin_of_name(self, name: str) -> set[str]:
        where, scope = self.resolve(name)
        if where == "local" and scope is not None:
            if name in scope.params:
                return {scope.params[name]}
            return set(scope.origins.get(name, ()))
        if where == "enclosing" and scope is not None:
            if scope.self_name == name:
                return {"self"}
            return {f"enclosing:{name}"}
        if where == "global":
            return {f"global:{name}"}
        if where == "classattr":
            return {f"global:{name}"}
        return {"fresh"}

    def origin(self, node: ast.expr) -> set[str]:
        """What object an expression's value may be: fresh, a parameter (or part of one), self, a global…"""
        if isinstance(node, ast.Name):
            return self.origin_of_name(node.id)
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
            return self.origin(node.value)
        if isinstance(node, ast.NamedExpr):
            return self.origin(node.value)
        if isinstance(node, ast.IfExp):
            return self.origin(node.body) | self.origin(node.orelse)
        if isinstance(node, ast.BoolOp):
            out: set[str] = set()
            for value in node.values:
                out |= self.origin(value)
            return out
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ALIASING_METHODS:
            return self.origin(node.func.value)
        if isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom)):
            return {"unknown"}
        return {"fresh"}

    def value_type(self, node: ast.expr) -> str | None:
        """The dotted callee of `x = callee(...)` when the callee is an imported name (for method lookups)."""
        if isinstance(node, ast.Call):
            dotted = _dotted(node.func)
            if dotted:
                root = dotted.split(".")[0]
                binding = self.import_binding(root)
                if binding is not None:
                    return self.external_dotted(binding, dotted.split(".")[1:])
                if self.resolve(root)[0] == "global":
                    return "g:" + dotted
        return None

    def import_binding(self, name: str) -> Binding | None:
        scope: _Scope | None = self.scope
        while scope is not None:
            if name in scope.local_imports:
                return scope.local_imports[name]
            scope = scope.parent
        if self.resolve(name)[0] != "global":
            return None
        for b in self.summary.bindings.get(name, ()):
            if b.kind in ("import", "from"):
                return b
        return None

    @staticmethod
    def external_dotted(binding: Binding, attrs: list[str]) -> str | None:
        """The absolute dotted name an import binding plus attributes denotes (None for relative imports)."""
        if binding.level:
            return None
        base = binding.target if binding.kind == "import" else f"{binding.target}.{binding.attr}"
        return ".".join([base, *attrs])

    # ------------------------------------------------------------------ statements
    def s_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.function(node)

    s_AsyncFunctionDef = s_FunctionDef

    def s_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self.scope
        qualname = outer.qualprefix + node.name
        cls = ClassSummary(qualname=qualname, lineno=node.lineno, outer=outer.fid or None)
        for deco in node.decorator_list:
            self.span = (deco.lineno, deco.end_lineno or deco.lineno)
            self.expr(deco)
            dotted = _dotted(deco.func if isinstance(deco, ast.Call) else deco) or ""
            if dotted.split(".")[-1] == "dataclass":
                cls.is_dataclass = True
        self.header(node, node.body)
        base_keys: set[str] = set()
        self.collect = base_keys
        for base in node.bases:
            self.expr(base)
            root, attrs = _attr_chain(base)
            if isinstance(root, ast.Name):
                cls.bases.append((root.id, ".".join(attrs)))
            else:
                cls.bases.append(("?", ""))
        for kw in node.keywords:
            self.expr(kw.value)
        self.collect = None
        self.bind_name(node.name, Binding(kind="class", target=qualname, lineno=node.lineno))
        self.summary.classes[qualname] = cls
        self.derive(f"s:{qualname}", base_keys)
        if outer.kind == "module":
            self.derive(f"g:{node.name}", [f"s:{qualname}"])
        scope = _Scope(kind="class", qualprefix=qualname + ".", class_qualname=qualname, parent=outer, fid=outer.fid)
        scope.locals = _class_level_names(node.body)
        self.scope = scope
        try:
            self.stmts(node.body)
        finally:
            self.scope = outer

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> str:
        outer = self.scope
        is_lambda = isinstance(node, ast.Lambda)
        name = "<lambda>" if is_lambda else node.name  # type: ignore[union-attr]
        qualname = outer.qualprefix + name
        fid = f"{qualname}@{node.lineno}"
        in_class = outer.kind == "class"
        deco_names: list[str] = []
        decorators: list[tuple[str, str, int]] = []
        if not is_lambda:
            for deco in node.decorator_list:  # type: ignore[union-attr]
                self.span = (deco.lineno, deco.end_lineno or deco.lineno)
                self.expr(deco)
                root, attrs = _attr_chain(deco.func if isinstance(deco, ast.Call) else deco)
                if isinstance(root, ast.Name):
                    deco_names.append(".".join([root.id, *attrs]))
                    decorators.append((root.id, ".".join(attrs), deco.lineno))
                else:
                    deco_names.append("?")
                    decorators.append(("?", "", deco.lineno))
            self.header(node, node.body)  # type: ignore[arg-type]
        args = node.args
        for default in [*args.defaults, *(d for d in args.kw_defaults if d is not None)]:
            self.expr(default)
        kind = "lambda" if is_lambda else "function"
        if in_class and not is_lambda:
            if "staticmethod" in deco_names or name == "__new__":
                kind = "staticmethod" if name != "__new__" else "classmethod"
            elif "classmethod" in deco_names or name in _IMPLICIT_CLASSMETHODS:
                kind = "classmethod"
            else:
                kind = "method"
        elif outer.kind == "function":
            kind = "lambda" if is_lambda else "nested"
        summary = FunctionSummary(
            fid=fid,
            qualname=qualname,
            lineno=node.lineno,
            end_lineno=node.end_lineno or node.lineno,
            kind=kind,
            class_qualname=outer.class_qualname if in_class and not is_lambda else None,
            decorators=[d for d in decorators if d[0] not in ("staticmethod", "classmethod")],
        )
        self.summary.functions.append(summary)
        if not is_lambda:
            self.bind_def(name, fid, node)  # type: ignore[arg-type]
            if in_class and outer.class_qualname:
                cls = self.summary.classes[outer.class_qualname]
                cls.methods.setdefault(name, fid)
                if any(d == "property" or d.endswith((".setter", ".getter", "cached_property")) for d in deco_names):
                    cls.properties.append(name)
        scope = _Scope(
            kind="function",
            qualprefix=qualname + ".<locals>.",
            fid=fid,
            summary=summary,
            class_qualname=outer.class_qualname,
            parent=outer,
        )
        self.bind_params(scope, args, method=kind in ("method", "classmethod") and in_class)
        scope.is_init = kind == "method" and name in _INIT_NAMES
        body: list[ast.stmt] = [] if is_lambda else node.body  # type: ignore[assignment]
        scope.locals |= _bound_names(body, scope, self.walrus) if not is_lambda else _expr_locals(node.body)  # type: ignore[arg-type]
        scope.locals -= scope.globals_decl | scope.nonlocals_decl
        self.scope = scope
        try:
            if is_lambda:
                self.expr(node.body)  # type: ignore[arg-type]
            else:
                self.stmts(body)
        finally:
            self.scope = outer
        return fid

    def bind_params(self, scope: _Scope, args: ast.arguments, method: bool) -> None:
        positional = [*args.posonlyargs, *args.args]
        defaults: dict[str, ast.expr] = {}
        for arg, default in zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True):
            defaults[arg.arg] = default
        for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            if kw_default is not None:
                defaults[arg.arg] = kw_default
        every = [*positional, *args.kwonlyargs]
        if args.vararg:
            every.append(args.vararg)
        if args.kwarg:
            every.append(args.kwarg)
        for index, arg in enumerate(every):
            if method and index == 0 and positional:
                scope.self_name = arg.arg
                scope.params[arg.arg] = "self"
                continue
            default = defaults.get(arg.arg)
            mutable = isinstance(default, (ast.List, ast.Dict, ast.Set)) or (
                isinstance(default, ast.Call)
                and isinstance(default.func, ast.Name)
                and default.func.id in _MUTABLE_FACTORIES
            )
            scope.params[arg.arg] = f"mutdefault:{arg.arg}" if mutable else f"param:{arg.arg}"

    def bind_def(self, name: str, fid: str, node: ast.stmt) -> None:
        scope = self.scope
        if scope.kind == "module":
            self.bind_name(name, Binding(kind="def", target=fid, lineno=node.lineno))
        elif scope.kind == "function":
            scope.local_defs[name] = fid

    def bind_name(self, name: str, binding: Binding) -> None:
        if self.scope.kind == "module":
            binding.type_checking = self.type_checking
            self.summary.bindings.setdefault(name, []).append(binding)

    def s_Import(self, node: ast.Import) -> None:
        self.simple(node)
        for alias in node.names:
            local = alias.asname or alias.name.split(".")[0]
            target = alias.name if alias.asname else alias.name.split(".")[0]
            self.import_bound(local, Binding(kind="import", target=target, lineno=node.lineno), alias.name)

    def s_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.simple(node)
        module = node.module or ""
        for alias in node.names:
            if alias.name == "*":
                if self.scope.kind == "module":
                    self.summary.star_imports.append((module, node.level, node.lineno))
                if not node.level:
                    kit = rules.toolkit_of(module, self.toolkits)
                    if kit and not self.type_checking:
                        self.kits.add(kit)
                        self.ref(f"*:{module}")
                continue
            local = alias.asname or alias.name
            binding = Binding(kind="from", target=module, attr=alias.name, level=node.level, lineno=node.lineno)
            full = f"{module}.{alias.name}" if not node.level else ""
            self.import_bound(local, binding, full)

    def import_bound(self, local: str, binding: Binding, full: str) -> None:
        kit = rules.toolkit_of(full, self.toolkits) if full else None
        if self.scope.kind == "module":
            self.bind_name(local, binding)
        else:
            self.scope.local_imports[local] = binding
        key = self.key_for(local)
        if full:
            why = rules.desktop_only(full, self.desktop)
            if why and not self.type_checking:
                self.summary.desktop_uses.append((binding.lineno, why))
        if kit and not self.type_checking and key is not None:
            self.kits.add(kit)
            self.derive(key, [f"ui:{kit}"])
            self.ref(key)

    def s_Global(self, node: ast.Global) -> None:
        self.simple(node)

    s_Nonlocal = s_Global

    def s_If(self, node: ast.If) -> None:
        self.span = (node.test.lineno, node.test.end_lineno or node.test.lineno)
        self.expr(node.test)
        if self.scope.kind == "module" and _is_type_checking(node.test):
            saved, self.type_checking = self.type_checking, True
            self.stmts(node.body)
            self.type_checking = saved
        else:
            self.stmts(node.body)
        self.stmts(node.orelse)

    def s_While(self, node: ast.While) -> None:
        self.span = (node.test.lineno, node.test.end_lineno or node.test.lineno)
        self.expr(node.test)
        self.stmts(node.body)
        self.stmts(node.orelse)

    def s_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.header(node, node.body)
        keys: set[str] = set()
        self.collect = keys
        self.expr(node.iter)
        self.collect = None
        self.store(node.target, node.iter, keys)
        self.stmts(node.body)
        self.stmts(node.orelse)

    s_AsyncFor = s_For

    def s_With(self, node: ast.With | ast.AsyncWith) -> None:
        self.header(node, node.body)
        for item in node.items:
            keys: set[str] = set()
            self.collect = keys
            self.expr(item.context_expr)
            self.collect = None
            if item.optional_vars is not None:
                self.store(item.optional_vars, item.context_expr, keys)
        self.stmts(node.body)

    s_AsyncWith = s_With

    def s_Try(self, node: ast.Try) -> None:
        self.stmts(node.body)
        for handler in node.handlers:
            if handler.type is not None:
                self.span = (handler.lineno, handler.type.end_lineno or handler.lineno)
                self.expr(handler.type)
            if handler.name:
                self.store_name(handler.name, {"fresh"}, set(), handler.lineno)
            self.stmts(handler.body)
        self.stmts(node.orelse)
        self.stmts(node.finalbody)

    s_TryStar = s_Try

    def s_Match(self, node: ast.Match) -> None:
        self.span = (node.subject.lineno, node.subject.end_lineno or node.subject.lineno)
        self.expr(node.subject)
        for case in node.cases:
            self.span = (case.pattern.lineno, case.pattern.end_lineno or case.pattern.lineno)
            for child in ast.walk(case.pattern):
                if isinstance(child, (ast.MatchValue, ast.MatchClass)):
                    self.expr(child.value if isinstance(child, ast.MatchValue) else child.cls)
            if case.guard is not None:
                self.expr(case.guard)
            self.stmts(case.body)

    def s_Assign(self, node: ast.Assign) -> None:
        self.simple(node)
        keys: set[str] = set()
        self.collect = keys
        self.expr(node.value)
        self.collect = None
        for target in node.targets:
            self.store(target, node.value, keys)

    def s_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.simple(node)
        if node.value is None:
            return
        keys: set[str] = set()
        self.collect = keys
        self.expr(node.value)
        self.collect = None
        self.store(node.target, node.value, keys)

    def s_AugAssign(self, node: ast.AugAssign) -> None:
        self.simple(node)
        keys: set[str] = set()
        self.collect = keys
        self.expr(node.value)
        self.expr(node.target if not isinstance(node.target, ast.Name) else None)
        self.collect = None
        target = node.target
        if isinstance(target, ast.Name):
            key = self.key_for(target.id)
            if key:
                self.ref(key)
                self.derive(key, keys)
            self.rebind_check(target.id, node.lineno)
            if self.scope.kind == "function" and self.resolve(target.id)[0] == "global":
                self.read_global(target.id, "", node.lineno)
        else:
            self.mutate(target.value, node.lineno, f"{_describe(target)} {_op(node.op)}=")  # type: ignore[attr-defined]
            self.attr_store(target, keys)

    def s_Delete(self, node: ast.Delete) -> None:
        self.simple(node)
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.rebind_check(target.id, node.lineno)
            elif isinstance(target, (ast.Attribute, ast.Subscript)):
                self.expr(target.value)
                if isinstance(target, ast.Subscript):
                    self.expr(target.slice)
                self.mutate(target.value, node.lineno, f"del {_describe(target)}")

    def s_Expr(self, node: ast.Expr) -> None:
        self.simple(node)
        self.expr(node.value)

    def s_Return(self, node: ast.Return) -> None:
        self.simple(node)
        self.expr(node.value)

    # ------------------------------------------------------------------ stores and mutations
    def store(self, target: ast.expr, value: ast.expr, keys: set[str]) -> None:
        lineno = target.lineno
        if isinstance(target, ast.Name):
            self.store_name(target.id, self.origin(value), keys, lineno, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.store(element, value, keys)
        elif isinstance(target, ast.Starred):
            self.store(target.value, value, keys)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            self.expr(target.value)
            if isinstance(target, ast.Subscript):
                self.expr(target.slice)
            self.mutate(target.value, lineno, f"{_describe(target)} = …")
            self.attr_store(target, keys)

    def attr_store(self, target: ast.expr, keys: set[str]) -> None:
        """`self.x = <UI thing>` makes `self.x` UI in every method of the class."""
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            key = self.key_for(target.value.id)
            if key and key.startswith("s:"):
                self.derive(f"a:{key[2:]}:{target.attr}", keys)
            elif key and key.startswith("g:"):
                self.derive(key, keys)

    def store_name(
        self, name: str, origin: set[str], keys: set[str], lineno: int, value: ast.expr | None = None
    ) -> None:
        scope = self.scope
        key = self.key_for(name)
        if key:
            self.derive(key, keys)
        if scope.transparent and name in scope.locals:
            scope.origins.setdefault(name, set()).update(origin)
            return
        if scope.kind == "module":
            self.bind_name(name, self.value_binding(value, lineno))
            return
        if scope.kind == "class":
            return
        self.rebind_check(name, lineno)
        where, owner = self.resolve(name)
        if where == "local" and owner is scope:
            scope.origins.setdefault(name, set()).update(origin)
            if value is not None:
                vtype = self.value_type(value)
                if vtype:
                    scope.local_types[name] = vtype
                if isinstance(value, ast.Name) and value.id in scope.local_defs:
                    scope.local_defs[name] = scope.local_defs[value.id]
                elif isinstance(value, ast.Call) and _dotted(value.func) in ("functools.partial", "partial"):
                    if value.args:
                        scope.local_types[name] = "partial:" + (_dotted(value.args[0]) or "?")

    def value_binding(self, value: ast.expr | None, lineno: int) -> Binding:
        if value is None:
            return Binding(kind="value", target="", lineno=lineno, origin="other")
        if isinstance(value, ast.Lambda):
            return Binding(kind="value", target=f"<lambda>@{value.lineno}", lineno=lineno, origin="lambda")
        if isinstance(value, ast.Call):
            root, attrs = _attr_chain(value.func)
            if isinstance(root, ast.Name):
                return Binding(kind="value", target=root.id, attr=".".join(attrs), lineno=lineno, origin="call")
        root, attrs = _attr_chain(value)
        if isinstance(root, ast.Name) and not isinstance(value, ast.Subscript):
            return Binding(kind="value", target=root.id, attr=".".join(attrs), lineno=lineno, origin="alias")
        return Binding(kind="value", target="", lineno=lineno, origin="other")

    def rebind_check(self, name: str, lineno: int) -> None:
        scope = self.scope
        if scope.kind != "function":
            return
        if name in scope.globals_decl:
            self.reason("global_write", lineno, f"rebinds global {name}")
            self.summary.mutated.append((name, "", lineno))
        elif name in scope.nonlocals_decl:
            self.reason("global_write", lineno, f"rebinds enclosing variable {name}")

    def mutate(self, obj: ast.expr, lineno: int, what: str) -> None:
        """Record the effect of mutating `obj` (the object whose attribute/item/state changes)."""
        if self.scope.kind != "function":
            return
        for origin in sorted(self.origin(obj)):
            self.mutation_effect(origin, obj, lineno, what)

    def mutation_effect(self, origin: str, obj: ast.expr, lineno: int, what: str) -> None:
        kind, _, name = origin.partition(":")
        if kind == "self":
            if not self.scope.is_init:
                self.reason("self_mutation", lineno, f"mutates self ({what})")
        elif kind == "param":
            self.reason("arg_mutation", lineno, f"mutates parameter {name} ({what})")
        elif kind == "mutdefault":
            self.reason("global_write", lineno, f"mutates mutable default argument {name} ({what})")
        elif kind == "enclosing":
            self.reason("global_write", lineno, f"mutates enclosing variable {name} ({what})")
        elif kind == "global":
            root, attrs = _attr_chain(obj)
            if isinstance(root, ast.Subscript):
                root, attrs = _attr_chain(root.value)
            self.reason("global_write", lineno, f"mutates module-level {name} ({what})")
            self.summary.mutated.append((name, attrs[0] if attrs else "", lineno))
        elif kind == "unknown":
            self.reason("unknown", lineno, f"mutates an object of unknown origin ({what})")

    def read_global(self, name: str, attr: str, lineno: int) -> None:
        fn = self.scope.summary
        if fn is None:
            return
        token = f"{name}.{attr}"
        if token in self.scope.seen_reads:
            return
        self.scope.seen_reads.add(token)
        fn.global_reads.append((name, attr, lineno))

    # ------------------------------------------------------------------ expressions
    def e_Name(self, node: ast.Name) -> None:
        key = self.key_for(node.id)
        if key is None:
            return
        self.ref(key)
        scope = self.scope
        if key.startswith("s:"):
            self.mark_uses_self()
        elif key.startswith("g:") and scope.kind == "function":
            self.read_global(node.id, "", node.lineno)

    def mark_uses_self(self) -> None:
        scope: _Scope | None = self.scope
        while scope is not None and scope.kind == "function":
            if scope.self_name is not None and scope.summary is not None:
                scope.summary.uses_self = True
                return
            scope = scope.parent

    def e_Attribute(self, node: ast.Attribute) -> None:
        root, attrs = _attr_chain(node)
        if not isinstance(root, ast.Name):
            self.expr(root)
            return
        key = self.key_for(root.id)
        if key is None:
            return
        self.ref(key)
        if key.startswith("s:"):
            self.mark_uses_self()
            self.ref(f"a:{key[2:]}:{attrs[0]}")
        elif key.startswith("g:"):
            binding = self.import_binding(root.id)
            if binding is not None:
                dotted = self.external_dotted(binding, attrs)
                if dotted:
                    why = rules.desktop_only(dotted, self.desktop)
                    if why:
                        self.summary.desktop_uses.append((node.lineno, why))
            if self.scope.kind == "function":
                self.read_global(root.id, ".".join(attrs), node.lineno)

    # Plain containers and operators: their children, without the generic field walk.
    def e_Constant(self, node: ast.Constant) -> None:
        return

    def e_BinOp(self, node: ast.BinOp) -> None:
        self.expr(node.left)
        self.expr(node.right)

    def e_UnaryOp(self, node: ast.UnaryOp) -> None:
        self.expr(node.operand)

    def e_BoolOp(self, node: ast.BoolOp) -> None:
        for value in node.values:
            self.expr(value)

    def e_Compare(self, node: ast.Compare) -> None:
        self.expr(node.left)
        for comparator in node.comparators:
            self.expr(comparator)

    def e_Tuple(self, node: ast.Tuple | ast.List | ast.Set) -> None:
        for element in node.elts:
            self.expr(element)

    e_List = e_Tuple
    e_Set = e_Tuple

    def e_Dict(self, node: ast.Dict) -> None:
        for key in node.keys:
            self.expr(key)
        for value in node.values:
            self.expr(value)

    def e_Subscript(self, node: ast.Subscript) -> None:
        self.expr(node.value)
        self.expr(node.slice)

    def e_Starred(self, node: ast.Starred) -> None:
        self.expr(node.value)

    def e_JoinedStr(self, node: ast.JoinedStr) -> None:
        for value in node.values:
            self.expr(value)

    def e_FormattedValue(self, node: ast.FormattedValue) -> None:
        self.expr(node.value)
        self.expr(node.format_spec)

    def e_IfExp(self, node: ast.IfExp) -> None:
        self.expr(node.test)
        self.expr(node.body)
        self.expr(node.orelse)

    def e_Lambda(self, node: ast.Lambda) -> None:
        saved = self.span
        self.function(node)
        self.span = saved

    def e_NamedExpr(self, node: ast.NamedExpr) -> None:
        keys: set[str] = set()
        outer = self.collect
        self.collect = keys
        self.expr(node.value)
        self.collect = outer
        if outer is not None:
            outer |= keys
        self.store_name(node.target.id, self.origin(node.value), keys, node.lineno, node.value)

    def comprehension(self, comp: ast.comprehension) -> None:
        keys: set[str] = set()
        outer = self.collect
        self.collect = keys
        self.expr(comp.iter)
        self.collect = outer
        if outer is not None:
            outer |= keys
        self.store(comp.target, comp.iter, keys)
        for cond in comp.ifs:
            self.expr(cond)

    def enter_comprehension(self, generators: list[ast.comprehension]) -> _Scope:
        """Comprehension targets live in their own scope (Python 3); the rest resolves through the parent."""
        parent = self.scope
        names: set[str] = set()
        for comp in generators:
            _target_names(comp.target, names)
        scope = _Scope(
            kind=parent.kind,
            qualprefix=parent.qualprefix,
            fid=parent.fid,
            summary=parent.summary,
            class_qualname=parent.class_qualname,
            parent=parent,
            transparent=True,
            is_init=parent.is_init,
            locals=names,
            seen_refs=parent.seen_refs,
            seen_reads=parent.seen_reads,
        )
        self.scope = scope
        return parent

    def e_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> None:
        parent = self.enter_comprehension(node.generators)
        try:
            for comp in node.generators:
                self.comprehension(comp)
            self.expr(node.elt)
        finally:
            self.scope = parent

    e_SetComp = e_ListComp
    e_GeneratorExp = e_ListComp

    def e_DictComp(self, node: ast.DictComp) -> None:
        parent = self.enter_comprehension(node.generators)
        try:
            for comp in node.generators:
                self.comprehension(comp)
            self.expr(node.key)
            self.expr(node.value)
        finally:
            self.scope = parent

    def e_Call(self, node: ast.Call) -> None:
        func = node.func
        for arg in node.args:
            self.expr(arg)
        for kw in node.keywords:
            self.expr(kw.value)
        if isinstance(func, ast.Name) and func.id in BUILTIN_NAMES and self.resolve(func.id)[0] == "builtin":
            why = rules.desktop_only(func.id, self.desktop) if func.id in ("input", "raw_input") else None
            if why:
                self.summary.desktop_uses.append((node.lineno, why))
        if self.scope.kind != "function":
            self.expr(func)
            return
        lineno = node.lineno
        if isinstance(func, ast.Name):
            self.expr(func)
            self.call_name(func.id, node, lineno)
        elif isinstance(func, ast.Attribute):
            self.call_attribute(func, node, lineno)
        else:
            self.expr(func)
            if isinstance(func, ast.Lambda):
                return
            self.reason("unknown", lineno, f"dynamic call ({_describe(func)}(…))")
        self.callables_passed(node)

    def callables_passed(self, node: ast.Call) -> None:
        """A lambda or local function handed to another callable may be called by it.

        A parameter handed to a known higher-order callable (`map(fn, xs)`, `sorted(xs, key=fn)`) in the
        position it calls is a callback call: `unknown`.
        """
        called = _called_argument(node)
        for arg in [*node.args, *(kw.value for kw in node.keywords)]:
            if isinstance(arg, ast.Lambda):
                self.call_site("local", f"{self.scope.qualprefix}<lambda>@{arg.lineno}", "", arg.lineno)
            elif isinstance(arg, ast.Name):
                where, owner = self.resolve(arg.id)
                if where in ("local", "enclosing") and owner is not None and arg.id in owner.local_defs:
                    self.call_site("local", owner.local_defs[arg.id], "", arg.lineno)
                elif where == "global" and any(b.kind == "def" for b in self.summary.bindings.get(arg.id, ())):
                    if arg is called:
                        self.call_site("global", arg.id, "", arg.lineno)
                elif where in ("local", "enclosing") and owner is not None and arg.id in owner.params and arg is called:
                    self.reason("unknown", arg.lineno, f"passes parameter {arg.id} as a callable")

    def call_name(self, name: str, node: ast.Call, lineno: int) -> None:
        where, owner = self.resolve(name)
        if where in ("local", "enclosing") and owner is not None:
            if name in owner.local_defs:
                self.call_site("local", owner.local_defs[name], "", lineno)
            elif name in owner.local_imports:
                b = owner.local_imports[name]
                self.call_site("import", _encode_binding(b), "", lineno)
            elif owner.local_types.get(name, "").startswith("partial:"):
                target = owner.local_types[name][len("partial:") :]
                root, _, attr = target.partition(".")
                if self.resolve(root)[0] == "global":
                    self.call_site("global", root, attr, lineno)
                else:
                    self.reason("unknown", lineno, f"calls {name}, a partial of {target}")
            elif name in owner.params:
                self.reason("unknown", lineno, f"calls parameter {name} (a callback)")
            elif owner.self_name == name:
                self.reason("unknown", lineno, f"calls {name}()")
            else:
                self.reason("unknown", lineno, f"calls local variable {name}")
            return
        if where == "classattr":
            self.reason("unknown", lineno, f"calls class attribute {name}")
            return
        if name == "super":
            return
        if where == "builtin":
            self.call_builtin(name, node, lineno)
        self.call_site("global", name, "", lineno)

    def call_builtin(self, name: str, node: ast.Call, lineno: int) -> None:
        if name in ("setattr", "delattr") and node.args:
            self.mutate(node.args[0], lineno, f"{name}(…)")
        elif name == "next" and node.args:
            self.mutate(node.args[0], lineno, "next(…)")
        elif name == "getattr" and len(node.args) >= 2 and not isinstance(node.args[1], ast.Constant):
            self.reason("unknown", lineno, "getattr with a computed name")

    def call_attribute(self, func: ast.Attribute, node: ast.Call, lineno: int) -> None:
        method = func.attr
        receiver = func.value
        root, attrs = _attr_chain(receiver)
        # super().method(...)
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
            cls = self.scope.class_qualname
            if cls:
                self.ref(f"s:{cls}")
                self.mark_uses_self()
                self.call_site("super", cls, method, lineno)
            else:
                self.reason("unknown", lineno, f"super().{method}() outside a class")
            return
        self.expr(receiver)
        if isinstance(root, ast.Name) and not isinstance(receiver, ast.Subscript):
            where, owner = self.resolve(root.id)
            path = ".".join([*attrs, method])
            binding = self.import_binding(root.id)
            dotted = self.external_dotted(binding, [*attrs, method]) if binding is not None else None
            if dotted:
                why = rules.desktop_only(dotted, self.desktop)
                if why:
                    self.summary.desktop_uses.append((lineno, why))
            if where == "global":
                self.call_site("global", root.id, path, lineno)
                return
            if where in ("local", "enclosing") and owner is not None:
                if owner.self_name == root.id and owner.class_qualname:
                    if not attrs:
                        self.call_site("self", owner.class_qualname, method, lineno)
                        return
                elif root.id in owner.local_imports:
                    self.call_site("import", _encode_binding(owner.local_imports[root.id]), path, lineno)
                    return
                elif not attrs and root.id in owner.local_types and where == "local":
                    vtype = owner.local_types[root.id]
                    if vtype.startswith("g:"):
                        self.call_site(
                            "global",
                            vtype[2:].split(".")[0],
                            ".".join([*vtype[2:].split(".")[1:], method]),
                            lineno,
                            fresh=True,
                        )
                        return
                    if not vtype.startswith("partial:"):
                        self.call_site("external", vtype, method, lineno, fresh=True)
                        return
        self.method_on_object(receiver, method, lineno)

    def method_on_object(self, receiver: ast.expr, method: str, lineno: int) -> None:
        """A method called on an object the engine knows only by origin (parameter, local, self attribute…)."""
        if isinstance(receiver, (ast.Constant, ast.JoinedStr, ast.List, ast.Dict, ast.Set, ast.Tuple)):
            if method in rules.READ_ONLY_METHODS or method in rules.MUTATING_METHODS:
                return
        origins = self.origin(receiver)
        if method in rules.MUTATING_METHODS:
            what = f"{_describe(receiver)}.{method}()"
            for origin in sorted(origins):
                self.mutation_effect(origin, receiver, lineno, what)
            return
        if method in rules.READ_ONLY_METHODS:
            return
        if origins <= {"fresh"} and isinstance(receiver, ast.Name):
            where, owner = self.resolve(receiver.id)
            if owner is not None and receiver.id in owner.local_defs:
                return
        self.reason("unknown", lineno, f"calls {_describe(receiver)}.{method}() on an object of unknown type")


def _called_argument(node: ast.Call) -> ast.expr | None:
    """The argument a known higher-order callable will call (`fn` in `map(fn, xs)`, `key=` of `sorted`)."""
    dotted = _dotted(node.func) or ""
    spec = rules.CALLS_ITS_ARGUMENT.get(dotted) or rules.CALLS_ITS_ARGUMENT.get("functools." + dotted)
    if spec is None:
        spec = rules.CALLS_ITS_ARGUMENT.get("itertools." + dotted)
    if spec is None:
        return None
    position, keyword = spec
    for kw in node.keywords:
        if keyword is not None and kw.arg == keyword:
            return kw.value
    if position is not None and len(node.args) > position:
        return node.args[position]
    return None


def _encode_binding(b: Binding) -> str:
    return f"{b.kind}|{b.target}|{b.attr}|{b.level}"


def _describe(node: ast.expr) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError):
        return "…"
    return text if len(text) <= 40 else text[:37] + "…"


def _op(op: ast.operator) -> str:
    return {
        ast.Add: "+",
        ast.Sub: "-",
        ast.Mult: "*",
        ast.Div: "/",
        ast.FloorDiv: "//",
        ast.Mod: "%",
        ast.Pow: "**",
        ast.BitOr: "|",
        ast.BitAnd: "&",
        ast.BitXor: "^",
        ast.LShift: "<<",
        ast.RShift: ">>",
        ast.MatMult: "@",
    }.get(type(op), "?")


def _target_names(target: ast.expr, out: set[str]) -> None:
    if isinstance(target, ast.Name):
        out.add(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            _target_names(element, out)
    elif isinstance(target, ast.Starred):
        _target_names(target.value, out)


def _bound_names(body: list[ast.stmt], scope: _Scope | None, walrus: bool) -> set[str]:
    """Names a block binds, by Python's rule (assigned anywhere in it), without entering nested scopes.

    Only statements are walked: expressions bind names only through `:=`, searched for when the source
    contains that operator at all. With `scope`, `global`/`nonlocal` declarations are recorded on it.
    """
    names: set[str] = set()
    stack: list[ast.stmt] = list(body)
    while stack:
        node = stack.pop()
        t = type(node)
        if t is ast.Assign:
            for target in node.targets:  # type: ignore[attr-defined]
                _target_names(target, names)
        elif t is ast.AugAssign or t is ast.AnnAssign:
            _target_names(node.target, names)  # type: ignore[attr-defined]
        elif t is ast.FunctionDef or t is ast.AsyncFunctionDef or t is ast.ClassDef:
            names.add(node.name)  # type: ignore[attr-defined]
            continue
        elif t is ast.Import or t is ast.ImportFrom:
            for alias in node.names:  # type: ignore[attr-defined]
                if alias.name != "*":
                    names.add(alias.asname or alias.name.split(".")[0])
            continue
        elif t is ast.For or t is ast.AsyncFor:
            _target_names(node.target, names)  # type: ignore[attr-defined]
        elif t is ast.With or t is ast.AsyncWith:
            for item in node.items:  # type: ignore[attr-defined]
                if item.optional_vars is not None:
                    _target_names(item.optional_vars, names)
        elif t is ast.Delete:
            for target in node.targets:  # type: ignore[attr-defined]
                _target_names(target, names)
        elif t is ast.Global:
            if scope is not None:
                scope.globals_decl.update(node.names)  # type: ignore[attr-defined]
            continue
        elif t is ast.Nonlocal:
            if scope is not None:
                scope.nonlocals_decl.update(node.names)  # type: ignore[attr-defined]
            continue
        elif t is ast.Try or t is ast.TryStar:
            for handler in node.handlers:  # type: ignore[attr-defined]
                if handler.name:
                    names.add(handler.name)
                stack.extend(handler.body)
            stack.extend(node.finalbody)  # type: ignore[attr-defined]
        elif t is ast.Match:
            for case in node.cases:  # type: ignore[attr-defined]
                for pattern in ast.walk(case.pattern):
                    if isinstance(pattern, (ast.MatchAs, ast.MatchStar)) and pattern.name:
                        names.add(pattern.name)
                    elif isinstance(pattern, ast.MatchMapping) and pattern.rest:
                        names.add(pattern.rest)
                stack.extend(case.body)
        if walrus:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    names.update(_walrus_names(child))
        body_ = getattr(node, "body", None)
        if isinstance(body_, list):
            stack.extend(body_)
        orelse = getattr(node, "orelse", None)
        if orelse:
            stack.extend(orelse)
    return names


def _walrus_names(node: ast.expr) -> set[str]:
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


def _class_level_names(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in body:
        if isinstance(node, (*_FUNC_TYPES, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _expr_locals(node: ast.expr) -> set[str]:
    return _walrus_names(node)
