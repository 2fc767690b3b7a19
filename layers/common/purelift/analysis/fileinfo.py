"""The per-file pass: one source file in, one serialisable `FileSummary` out.

It decodes (PEP 263), tokenizes once (line counts, code lines), parses once, and walks the tree once per
scope, recording what can be decided from this file alone (local effects of each function, with lines)
and, as keys, what only the whole project can decide (which names are UI, which globals are state, what a
call resolves to). Nothing here imports or runs the analysed code.
"""

from __future__ import annotations

import ast
import bisect
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
from .runtime import PARSE_LOCK
from .summary import Binding, CallSite, ClassSummary, FileSummary, FunctionSummary

BUILTIN_NAMES: frozenset[str] = frozenset(dir(builtins)) | {"__file__", "__name__", "__doc__", "__spec__"}

_FUNC_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPE_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_INIT_NAMES = frozenset({"__init__", "__post_init__", "__new__", "__init_subclass__", "__set_name__"})
_IMPLICIT_CLASSMETHODS = frozenset({"__init_subclass__", "__class_getitem__"})
_MUTABLE_FACTORIES = frozenset({"list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "deque", "Counter"})
# Methods whose result may be (a part of) the receiver itself rather than a new object.
_ALIASING_METHODS = frozenset({"get", "pop", "setdefault", "popitem", "popleft", "__getitem__", "__enter__"})
# Builtins whose result holds the very elements of their arguments, and views of a container's contents.
_CONTAINER_LITERALS = (ast.List, ast.ListComp, ast.Set, ast.SetComp, ast.Dict, ast.DictComp)
_ELEMENT_PRESERVING = frozenset(
    {"list", "tuple", "set", "frozenset", "sorted", "reversed", "enumerate", "zip", "iter", "filter", "dict"}
)
_CONTAINER_VIEWS = frozenset({"items", "values", "keys", "__iter__", "copy"})
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
        summary.parse_error = _parse_error(text, _compiler_error(text) or exc)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    summary.counts = raw_counts(text, tokens)
    summary.code_lines = _code_lines(tokens)
    try:
        with PARSE_LOCK:
            tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        summary.parse_error = _parse_error(text, exc)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    try:
        visitor = _FileVisitor(summary, config)
        visitor.walrus_lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(":=", text)]
        visitor.walrus = bool(visitor.walrus_lines)
        visitor.run(tree)
    except RecursionError:
        # A half-walked file must not claim anything: no function verdicts from it at all.
        summary.parse_error = ParseError(lineno=1, message="nesting too deep to analyse")
        summary.functions, summary.classes, summary.refs, summary.derive = [], {}, {}, {}
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


def _compiler_error(text: str) -> BaseException | None:
    """The parser's own error for text the tokenizer rejected: it points at the real line more often."""
    try:
        with PARSE_LOCK:
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return exc
    return None


def _parse_error(text: str, exc: BaseException) -> ParseError:
    nul = text.find("\x00")
    if nul >= 0 and "null" in str(exc):
        return ParseError(lineno=text.count("\n", 0, nul) + 1, message="null byte in the source")
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
    depth: int = 0  # nesting of compound statements inside the function body (0: straight-line code)
    self_attrs: dict[str, set[str]] = field(default_factory=dict)  # self.x assigned in this method: its origin
    transparent: bool = False  # a comprehension: its own targets, everything else from the parent
    resolved: dict[str, tuple[str, _Scope | None]] = field(default_factory=dict)  # memo of resolve()
    keys: dict[str, str | None] = field(default_factory=dict)  # memo of key_for()


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
        self.walrus_lines: list[int] = []
        self.fresh_args: list[str] = []
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

    def block(self, body: list[ast.stmt]) -> None:
        """A nested block (branch, loop, handler): assignments in it may or may not happen."""
        self.scope.depth += 1
        try:
            self.stmts(body)
        finally:
            self.scope.depth -= 1

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

    def call_site(self, kind: str, name: str, attr: str, lineno: int, fresh: bool = False, holds: bool = False) -> None:
        fn = self.scope.summary
        if fn is not None:
            site = CallSite(kind=kind, name=name, attr=attr, lineno=lineno, fresh_receiver=fresh, receiver_holds=holds)
            if self.fresh_args:
                site.fresh_args = self.fresh_args
            fn.calls.append(site)

    # ------------------------------------------------------------------ names and scopes
    def resolve(self, name: str) -> tuple[str, _Scope | None]:
        """Where `name` lives: local / enclosing (with the scope) / global / builtin.

        Scopes know their names when they open, so the answer never changes: it is memoised per scope."""
        memo = self.scope.resolved
        hit = memo.get(name)
        if hit is None:
            hit = memo[name] = self._resolve(name)
        return hit

    def _resolve(self, name: str) -> tuple[str, _Scope | None]:
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
        memo = self.scope.keys
        if name in memo:
            return memo[name]
        key = memo[name] = self._key_for(name)
        return key

    def _key_for(self, name: str) -> str | None:
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
            if name in scope.origins:
                return set(scope.origins[name])
            if name in scope.params:
                return {scope.params[name]}
            return set()
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
        """What object an expression's value may be: fresh, a parameter (or part of one), self, a global…

        `shallow:X` marks a fresh container whose *elements* are (parts of) X: `list(param)`, `d.copy()`.
        """
        if isinstance(node, ast.Name):
            return self.origin_of_name(node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = self.resolve(node.value.id)[1]
            if owner is not None and owner.self_name == node.value.id and node.attr in owner.self_attrs:
                return set(owner.self_attrs[node.attr])  # self.rows = [] earlier in this method
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
            return _part_of(self.origin(node.value))
        if isinstance(node, ast.NamedExpr):
            return self.origin(node.value)
        if isinstance(node, ast.IfExp):
            return self.origin(node.body) | self.origin(node.orelse)
        if isinstance(node, ast.BoolOp):
            out: set[str] = set()
            for value in node.values:
                out |= self.origin(value)
            return out
        if isinstance(node, ast.Call):
            return self.call_origin(node)
        if isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom)):
            return {"unknown"}
        return {"fresh"}

    def call_origin(self, node: ast.Call) -> set[str]:
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr in _ALIASING_METHODS:
                return self.origin(func.value)
            if func.attr == "copy" and not node.args:
                return _shallow(self.origin(func.value))
            if _dotted(func) == "copy.copy" and node.args:
                return _shallow(self.origin(node.args[0]))
            return {"fresh"}
        if isinstance(func, ast.Name) and func.id == "globals":
            return {"globals()"}
        if not isinstance(func, ast.Name) or self.resolve(func.id)[0] != "builtin":
            # a new object, which may hold on to what it was given: Writer(out) keeps `out`
            held: set[str] = set()
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                held |= self.origin(arg.value if isinstance(arg, ast.Starred) else arg)
            return _shallow(held)
        if not node.args:
            return {"fresh"}
        name = func.id
        if name in ("type", "vars", "getattr"):
            return self.origin(node.args[0])  # type(self).count += 1 changes what every instance sees
        if name in ("max", "min", "next"):
            if len(node.args) == 1:
                return self.element_origin(node.args[0])
            out: set[str] = set()
            for arg in node.args:
                out |= self.origin(arg)
            return out
        if name in _ELEMENT_PRESERVING:
            out = set()
            for arg in node.args:
                out |= self.element_origin(arg)
            return _shallow(out)
        return {"fresh"}

    def element_origin(self, node: ast.expr) -> set[str]:
        """What the *elements* of an iterable may be: `for x in list(param)` makes x a part of param."""
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            out: set[str] = set()
            for element in node.elts:
                out |= self.origin(element)
            return out or {"fresh"}
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _ELEMENT_PRESERVING and self.resolve(func.id)[0] == "builtin":
                out = set()
                for arg in node.args:
                    out |= self.element_origin(arg)
                return out or {"fresh"}
            if isinstance(func, ast.Attribute) and func.attr in _CONTAINER_VIEWS:
                return _part_of(self.origin(func.value))
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            out = set()
            for comp in node.generators:
                out |= self.element_origin(comp.iter)
            return out
        return _part_of(self.origin(node))

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
        self.defaults(args, summary)
        if not is_lambda:
            self.bind_def(name, fid, node)  # type: ignore[arg-type]
            if in_class and outer.class_qualname:
                cls = self.summary.classes[outer.class_qualname]
                cls.methods.setdefault(name, fid)
                if any(
                    d == "property" or d.endswith((".setter", ".getter", ".deleter", "cached_property"))
                    for d in deco_names
                ):
                    cls.accessors.setdefault(name, []).append(fid)
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
        if isinstance(node, ast.Lambda):
            scope.locals |= _walrus_names(node.body)
        else:
            scope.locals |= _bound_names(body, scope, self.walrus_within(node))
        scope.locals -= scope.globals_decl | scope.nonlocals_decl
        self.scope = scope
        try:
            if is_lambda:
                self.expr(node.body)  # type: ignore[arg-type]
            else:
                self.stmts(body)
        finally:
            self.scope = outer
        if in_class and not is_lambda and _is_abstract(body, deco_names):
            summary.reasons.append(
                Reason("unknown", node.lineno, "abstract method: the code that runs is in an override")
            )
        return fid

    def walrus_within(self, node: ast.AST) -> bool:
        """Whether `:=` appears in the lines of this node (only then are its expressions searched)."""
        start = getattr(node, "lineno", 0)
        end = getattr(node, "end_lineno", None) or start
        index = bisect.bisect_left(self.walrus_lines, start)
        return index < len(self.walrus_lines) and self.walrus_lines[index] <= end

    def defaults(self, args: ast.arguments, summary: FunctionSummary) -> None:
        """Default values run once, where the `def` stands: their effects belong to the function (an
        extracted copy would run them at import), their names resolve in the enclosing scope."""
        values = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
        if not values:
            return
        outer = self.scope
        self.scope = _Scope(
            kind="function",
            qualprefix=outer.qualprefix,
            fid=outer.fid,
            summary=summary,
            class_qualname=outer.class_qualname,
            parent=outer,
            transparent=True,
        )
        try:
            for value in values:
                self.expr(value)
        finally:
            self.scope = outer

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
        if scope.summary is not None:
            scope.summary.params = [a.arg for a in positional[1 if method and positional else 0 :]]
        for index, arg in enumerate(every):
            if method and index == 0 and positional:
                scope.self_name = arg.arg
                scope.params[arg.arg] = "self"
                continue
            given = defaults.get(arg.arg)
            mutable = isinstance(given, (ast.List, ast.Dict, ast.Set)) or (
                isinstance(given, ast.Call) and isinstance(given.func, ast.Name) and given.func.id in _MUTABLE_FACTORIES
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
        if key is not None and self.scope.kind == "module" and not self.type_checking:
            self.ref(key)
        if self.scope.kind != "module" and not self.type_checking:
            self.summary.local_imports.append((binding.target, binding.level, binding.attr, binding.lineno))
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
            self.block(node.body)
            self.type_checking = saved
        else:
            self.block(node.body)
        self.block(node.orelse)

    def s_While(self, node: ast.While) -> None:
        self.span = (node.test.lineno, node.test.end_lineno or node.test.lineno)
        self.expr(node.test)
        self.block(node.body)
        self.block(node.orelse)

    def s_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.header(node, node.body)
        keys: set[str] = set()
        self.collect = keys
        self.expr(node.iter)
        self.collect = None
        self.store(node.target, node.iter, keys, elements=True)
        self.block(node.body)
        self.block(node.orelse)

    s_AsyncFor = s_For

    def s_With(self, node: ast.With | ast.AsyncWith) -> None:
        self.header(node, node.body)
        for item in node.items:
            keys: set[str] = set()
            self.collect = keys
            self.expr(item.context_expr)
            self.collect = None
            context = item.context_expr
            if (
                self.scope.kind == "function"
                and not isinstance(context, ast.Call)
                and not self.origin(context) <= {"fresh"}
            ):
                # entering and leaving runs __enter__/__exit__ of an object the engine cannot see
                self.reason("unknown", context.lineno, f"uses {_describe(context)} as a context manager")
            if item.optional_vars is not None:
                self.store(item.optional_vars, item.context_expr, keys)
        self.block(node.body)

    s_AsyncWith = s_With

    def s_Try(self, node: ast.Try) -> None:
        self.block(node.body)
        for handler in node.handlers:
            if handler.type is not None:
                self.span = (handler.lineno, handler.type.end_lineno or handler.lineno)
                self.expr(handler.type)
            if handler.name:
                self.store_name(handler.name, {"fresh"}, set(), handler.lineno)
            self.block(handler.body)
        self.block(node.orelse)
        self.block(node.finalbody)

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
            self.block(case.body)

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
            if self.scope.kind == "function" and isinstance(node.value, _CONTAINER_LITERALS):
                # `xs += [x]` extends the list object in place: a mutation, not a rebinding.
                self.mutate(target, node.lineno, f"{target.id} {_op(node.op)}= …")
        else:
            self.mutate(target.value, node.lineno, f"{_describe(target)} {_op(node.op)}=")
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
    def store(self, target: ast.expr, value: ast.expr, keys: set[str], elements: bool = False) -> None:
        """Bind `target` to `value` (or, with `elements`, to each element of it: `for` and comprehensions)."""
        lineno = target.lineno
        if isinstance(target, ast.Name):
            origin = self.element_origin(value) if elements else self.origin(value)
            self.store_name(target.id, origin, keys, lineno, None if elements else value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if (
                not elements
                and isinstance(value, (ast.Tuple, ast.List))
                and len(value.elts) == len(target.elts)
                and not any(isinstance(e, ast.Starred) for e in (*value.elts, *target.elts))
            ):
                for element, part in zip(target.elts, value.elts, strict=True):
                    self.store(element, part, keys)
                return
            for element in target.elts:
                self.store(element, value, keys, elements=True)
        elif isinstance(target, ast.Starred):
            self.store(target.value, value, keys, elements=elements)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            self.expr(target.value)
            if isinstance(target, ast.Subscript):
                self.expr(target.slice)
            self.mutate(target.value, lineno, f"{_describe(target)} = …")
            self.attr_store(target, keys)
            self.attribute_written(target, lineno)
            self.remember_self_attr(target, value)

    def remember_self_attr(self, target: ast.expr, value: ast.expr) -> None:
        """Within one method, `self.x = []` makes later `self.x.append(…)` a change of a fresh object."""
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
            return
        owner = self.resolve(target.value.id)[1]
        if owner is None or owner.self_name != target.value.id:
            return
        origin = self.origin(value)
        if owner is self.scope and self.scope.depth == 0:
            owner.self_attrs[target.attr] = origin
        else:
            owner.self_attrs[target.attr] = owner.self_attrs.get(target.attr, {"self"}) | origin

    def attribute_written(self, target: ast.expr, lineno: int) -> None:
        """`Conf.debug = True`, `lib.helper = f`: that attribute of a module-level object is state now.
        `obj.x = v` on an object of a project class runs a property setter when there is one."""
        if not isinstance(target, ast.Attribute) or self.scope.kind != "function":
            return
        root, attrs = _attr_chain(target.value)
        if not isinstance(root, ast.Name):
            return
        where, owner = self.resolve(root.id)
        if where == "global":
            self.summary.mutated.append((root.id, (attrs or [target.attr])[0], lineno))
        elif not attrs and owner is not None and owner.self_name == root.id and owner.class_qualname:
            self.call_site("property", owner.class_qualname, target.attr, lineno, fresh=owner.is_init)
            self.class_state_written(owner, target.attr, lineno)
        elif not attrs:
            self.attribute_access(target.value, target.attr, lineno)

    def class_state_written(self, owner: _Scope, attr: str, lineno: int) -> None:
        """`cls.X = …` / `cls.X[k] = …` in a class method changes what every instance and caller sees."""
        if owner.summary is not None and owner.summary.kind == "classmethod" and owner.class_qualname:
            self.summary.mutated.append((owner.class_qualname, attr, lineno))

    def attribute_access(self, base: ast.expr, attr: str, lineno: int, kind: str = "attribute") -> None:
        """`obj.attr` on an object of a project class the function built may run a property."""
        vtype: str | None = None
        if isinstance(base, ast.Call):
            vtype = self.value_type(base)
        elif isinstance(base, ast.Name):
            where, owner = self.resolve(base.id)
            vtype = owner.local_types.get(base.id) if where == "local" and owner is not None else None
        if vtype and vtype.startswith("g:"):
            parts = vtype[2:].split(".")
            self.call_site(kind, parts[0], ".".join([*parts[1:], attr]), lineno, fresh=True)

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
            if scope.depth == 0:
                scope.origins[name] = set(origin)  # straight-line code: the new value replaces the old
            else:
                scope.origins.setdefault(name, set(self.origin_of_name(name))).update(origin)
            if value is not None:
                vtype = self.value_type(value)
                if vtype:
                    scope.local_types[name] = vtype
                if isinstance(value, ast.Name) and value.id in scope.local_defs:
                    scope.local_defs[name] = scope.local_defs[value.id]
                elif (
                    isinstance(value, ast.Call)
                    and _dotted(value.func) in ("functools.partial", "partial")
                    and value.args
                ):
                    scope.local_types[name] = "partial:" + (_dotted(value.args[0]) or "?")

    def value_binding(self, value: ast.expr | None, lineno: int) -> Binding:
        if value is None:
            return Binding(kind="value", target="", lineno=lineno, origin="other")
        if isinstance(value, ast.Lambda):
            return Binding(kind="value", target=f"<lambda>@{value.lineno}", lineno=lineno, origin="lambda")
        if isinstance(value, ast.Call):
            if _dotted(value.func) in ("functools.partial", "partial") and value.args:
                root, attrs = _attr_chain(value.args[0])
                if isinstance(root, ast.Name):
                    return Binding(kind="value", target=root.id, attr=".".join(attrs), lineno=lineno, origin="partial")
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
            fn = self.scope.summary
            if fn is not None and not isinstance(obj, ast.Name):
                fn.mutates_self_parts = True
            root, attrs = _attr_chain(obj)
            if isinstance(root, ast.Name) and attrs:
                owner = self.resolve(root.id)[1]
                if owner is not None and owner.self_name == root.id:
                    self.class_state_written(owner, attrs[0], lineno)
        elif kind == "param":
            self.reason("arg_mutation", lineno, f"mutates parameter {name} ({what})")
            fn = self.scope.summary
            if fn is not None and name not in fn.mutated_params and self.param_owner(name) is not None:
                fn.mutated_params.append(name)
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
        elif origin == "globals()":
            self.reason("global_write", lineno, f"writes module globals ({what})")

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

    def param_owner(self, name: str) -> _Scope | None:
        """The function scope whose own parameter `name` is (None when it belongs to an enclosing one)."""
        where, owner = self.resolve(name)
        return owner if where == "local" and owner is not None and name in owner.params else None

    def method_scope_is_init(self) -> bool:
        scope: _Scope | None = self.scope
        while scope is not None and scope.kind == "function":
            if scope.self_name is not None:
                return scope.is_init
            scope = scope.parent
        return False

    def mark_uses_self(self) -> None:
        scope: _Scope | None = self.scope
        while scope is not None and scope.kind == "function":
            if scope.self_name is not None and scope.summary is not None:
                scope.summary.uses_self = True
                return
            scope = scope.parent

    def e_Attribute(self, node: ast.Attribute) -> None:
        root, attrs = _attr_chain(node)
        if self.scope.kind == "function" and isinstance(root, (ast.Name, ast.Call)):
            self.attribute_access(root, attrs[0], node.lineno)
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
            owner = self.resolve(root.id)[1]
            if owner is not None and owner.summary is not None and owner.summary.kind == "classmethod":
                self.read_global(key[2:], attrs[0], node.lineno)  # cls.X: class-level state
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
        if self.scope.kind == "function":
            dunder = _DUNDERS.get(type(node.op))
            if dunder:
                self.operator(node.left, dunder, node.lineno)
                self.operator(node.right, "__r" + dunder[2:], node.lineno)

    def operator(self, operand: ast.expr, dunder: str, lineno: int) -> None:
        """`a + b` on an object of a project class runs its `__add__`."""
        self.attribute_access(operand, dunder, lineno, kind="operator")

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

    def e_Await(self, node: ast.Await) -> None:
        self.expr(node.value)
        if self.scope.kind == "function" and not isinstance(node.value, ast.Call):
            self.reason("unknown", node.lineno, f"awaits {_describe(node.value)}, an awaitable of unknown origin")

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
        self.store(comp.target, comp.iter, keys, elements=True)
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
        self.fresh_args = self.fresh_arguments(node)
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
        self.fresh_args = []
        self.callables_passed(node)

    def fresh_arguments(self, node: ast.Call) -> list[str]:
        out: list[str] = []
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                break
            if isinstance(arg, (ast.Name, *_CONTAINER_LITERALS)) and self.origin(arg) <= {"fresh"}:
                out.append(str(index))
        for kw in node.keywords:
            if kw.arg and isinstance(kw.value, (ast.Name, *_CONTAINER_LITERALS)) and self.origin(kw.value) <= {"fresh"}:
                out.append(kw.arg)
        return out

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
                elif where in ("global", "builtin") and arg is called:
                    self.call_site("global", arg.id, "", arg.lineno)  # map(print, xs) calls print
                elif where in ("local", "enclosing") and owner is not None and arg.id in owner.params and arg is called:
                    self.reason("unknown", arg.lineno, f"passes parameter {arg.id} as a callable")
            elif isinstance(arg, ast.Attribute) and arg is called:
                root, attrs = _attr_chain(arg)
                if isinstance(root, ast.Name) and self.resolve(root.id)[0] in ("global", "builtin"):
                    self.call_site("global", root.id, ".".join(attrs), arg.lineno)  # key=str.lower
                else:
                    self.method_on_object(arg.value, arg.attr, arg.lineno)

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
            elif owner.self_name == name and owner.class_qualname:
                if owner.summary is not None and owner.summary.kind == "classmethod":
                    self.call_site("class", owner.class_qualname, "", lineno)
                else:
                    self.reason("unknown", lineno, f"calls {name}()")
            elif name in owner.params:
                self.reason("unknown", lineno, f"calls parameter {name} (a callback)")
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
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
            self.call_super(method, lineno)
            return
        self.expr(receiver)
        if isinstance(receiver, ast.Call):
            vtype = self.value_type(receiver)
            if vtype:
                self.call_on_typed(vtype, method, lineno, self.origin(receiver))
                return
        root, attrs = _attr_chain(receiver)
        if isinstance(root, ast.Name) and self.call_on_name(root.id, attrs, method, node, lineno):
            return
        self.method_on_object(receiver, method, lineno)

    def call_super(self, method: str, lineno: int) -> None:
        cls = self.scope.class_qualname
        if cls:
            self.ref(f"s:{cls}")
            self.mark_uses_self()
            self.call_site("super", cls, method, lineno, fresh=self.method_scope_is_init())
        else:
            self.reason("unknown", lineno, f"super().{method}() outside a class")

    def call_on_typed(self, vtype: str, method: str, lineno: int, origins: set[str]) -> None:
        """A method of an object whose type is known: built by `Cls(...)` or an imported callable.

        The object is fresh when built here; when it was built from objects the caller was given
        (`Writer(out)`), a method changing what it holds changes those objects too."""
        fresh = all(o == "fresh" or o.startswith("shallow:") for o in origins)
        holds = fresh and origins != {"fresh"}
        if vtype.startswith("g:"):
            parts = vtype[2:].split(".")
            self.call_site("global", parts[0], ".".join([*parts[1:], method]), lineno, fresh=fresh, holds=holds)
        else:
            self.call_site("external", vtype, method, lineno, fresh=fresh, holds=holds)

    def call_on_name(self, name: str, attrs: list[str], method: str, node: ast.Call, lineno: int) -> bool:
        """`name.a.b.method(...)`; True when handled, False to treat it as a method of an unknown object."""
        where, owner = self.resolve(name)
        path = ".".join([*attrs, method])
        if where == "builtin":
            if not attrs and node.args and (method in rules.MUTATING_METHODS or method == "__setattr__"):
                self.mutate(node.args[0], lineno, f"{name}.{method}(…)")  # list.append(xs, x)
            self.call_site("global", name, path, lineno)
            return True
        binding = self.import_binding(name)
        dotted = self.external_dotted(binding, [*attrs, method]) if binding is not None else None
        why = rules.desktop_only(dotted, self.desktop) if dotted else None
        if why:
            self.summary.desktop_uses.append((lineno, why))
        if where == "global":
            self.read_global(name, path, lineno)
            self.call_site("global", name, path, lineno)
            return True
        if where not in ("local", "enclosing") or owner is None:
            return False
        if owner.self_name == name and owner.class_qualname:
            if attrs:
                return False
            self.call_site("self", owner.class_qualname, method, lineno, fresh=owner.is_init)
            return True
        if name in owner.local_imports:
            self.call_site("import", _encode_binding(owner.local_imports[name]), path, lineno)
            return True
        vtype = owner.local_types.get(name, "") if where == "local" and not attrs else ""
        if vtype and not vtype.startswith("partial:"):
            self.call_on_typed(vtype, method, lineno, self.origin_of_name(name))
            return True
        return False

    def method_on_object(self, receiver: ast.expr, method: str, lineno: int) -> None:
        """A method called on an object the engine knows only by origin (parameter, local, self attribute…)."""
        if isinstance(receiver, (ast.Constant, ast.JoinedStr, ast.List, ast.Dict, ast.Set, ast.Tuple)) and (
            method in rules.READ_ONLY_METHODS or method in rules.MUTATING_METHODS
        ):
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
            owner = self.resolve(receiver.id)[1]
            if owner is not None and receiver.id in owner.local_defs:
                return
        self.reason("unknown", lineno, f"calls {_describe(receiver)}.{method}() on an object of unknown type")


_DUNDERS: dict[type[ast.operator], str] = {
    ast.Add: "__add__",
    ast.Sub: "__sub__",
    ast.Mult: "__mul__",
    ast.Div: "__truediv__",
    ast.FloorDiv: "__floordiv__",
    ast.Mod: "__mod__",
    ast.Pow: "__pow__",
    ast.MatMult: "__matmul__",
    ast.BitOr: "__or__",
    ast.BitAnd: "__and__",
    ast.BitXor: "__xor__",
    ast.LShift: "__lshift__",
    ast.RShift: "__rshift__",
}


def _is_abstract(body: list[ast.stmt], decorators: list[str]) -> bool:
    """`@abstractmethod`, or a body that only raises NotImplementedError (after its docstring)."""
    if any(d.split(".")[-1] in ("abstractmethod", "abstractproperty") for d in decorators):
        return True
    stmts = body[1:] if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body
    if len(stmts) != 1 or not isinstance(stmts[0], ast.Raise) or stmts[0].exc is None:
        return False
    exc = stmts[0].exc
    name = _dotted(exc.func if isinstance(exc, ast.Call) else exc)
    return name == "NotImplementedError"


def _part_of(origins: set[str]) -> set[str]:
    """What a part (attribute, item, element) of an object with these origins may be."""
    if not any(o.startswith("shallow:") for o in origins):
        return origins
    return {o[len("shallow:") :] if o.startswith("shallow:") else o for o in origins}


def _shallow(element_origins: set[str]) -> set[str]:
    """A new container holding elements of these origins."""
    return {"fresh"} | {f"shallow:{o}" for o in element_origins if o != "fresh"}


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
        if not _statement_binds(node, names, scope, stack):
            continue
        if walrus:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    names.update(_walrus_names(child))
        inner = getattr(node, "body", None)
        if isinstance(inner, list):
            stack.extend(inner)
        stack.extend(getattr(node, "orelse", None) or ())
    return names


def _statement_binds(node: ast.stmt, names: set[str], scope: _Scope | None, stack: list[ast.stmt]) -> bool:
    """Add what one statement binds; False when its body is another scope (or it has none to walk)."""
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
        _target_names(target, names)
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
