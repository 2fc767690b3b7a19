"""The planner: which pure functions can be carried into `_pure` modules, with everything they need, and why not."""

from __future__ import annotations

import ast
import symtable
import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePosixPath

from .. import rules
from ..config import EngineConfig
from ..fileinfo import summarize_file
from ..fileinfo.nodes import attr_chain
from ..model import FileResult, FunctionResult
from ..modules import ModuleIndex, module_name
from ..padding import TEST_CODE_REASON, TRIVIAL_REASON, is_test_path
from ..runtime import parse_expression
from ..state import runtime_changes
from ..summary import FileSummary, callback_details
from ..trees import KeptTrees
from .changed import ChangedNames
from .emit import Emitter
from .source import (
    ParsedModule,
    body_annotations,
    body_nodes,
    bound_names,
    class_body_names,
    header_exprs,
    importable,
    is_type_alias,
    mangled,
    names_in,
    printable,
    reasons_text,
    runtime_reads,
    short,
    string_lines,
    table_globals,
    table_locals,
    target_names,
    type_param_exprs,
    type_param_names,
    uses_name,
)
from .units import (
    FUNCS,
    External,
    ExtractedUnit,
    Extraction,
    GraphKey,
    GraphNode,
    Lift,
    ModuleBinding,
    NotExtracted,
    ProjectModule,
    ProjectName,
    Rewrite,
    Target,
    lift_note,
    target_path,
)

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


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def answers_to_its_callers(fr: FunctionResult, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Impure only by what its callers hand it: changing it (`arg_mutation`: `def fill(out): out.append(1)`), or
    calling it back (`def apply(f, x): return f(x)`, `summary.callback_reason`).

    A pure unit calling it hands it objects the unit built and callables that are pure (the solve would judge the
    unit impure otherwise), so a copy of it behaves in the unit as the original does: it is carried, as a pure
    function is, but is no unit."""
    if not fr.reasons:
        return False
    args = fn.args
    callbacks = callback_details(
        a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a
    )
    return all(r.kind == "arg_mutation" or (r.kind == "unknown" and r.detail in callbacks) for r in fr.reasons)


# Self-mutation is harmless in a carried class: the copy's instances change themselves, as the original's do.
_CARRIABLE_METHOD_KINDS = frozenset({"self_mutation", "calls_impure"})


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


_BUILTIN_NAMES = rules.builtin_names(in_generated_module=True)
# Builtin exception classes a carried class may derive from; not the three that end a process (their subclasses
# are process control, rules.EXIT_EXCEPTIONS).
_BUILTIN_EXCEPTIONS = rules.BUILTIN_EXCEPTIONS - rules.EXIT_EXCEPTIONS


class ConstantCheck:
    """Is an expression safe to evaluate at import time (literals, containers, arithmetic, known-pure calls)?

    Collects the free names it reads (the caller resolves them); `shadow` names (class-body names) are
    locals that must not be resolved as module-level names.
    """

    def __init__(self, planner: Planner, sf: ParsedModule, shadow: frozenset[str] = frozenset()) -> None:
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
        return f"its value holds a {type(expr).__name__.lower()} expression (`{short(expr)}`)"

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
        if dotted is not None and not self.planner.known_constant(dotted):
            return f"it reads `{dotted}`, which is not known to be constant"
        return None

    def call(self, expr: ast.Call, bound: frozenset[str]) -> str | None:
        func = expr.func
        dotted = self.planner.callable_dotted(self.sf, func, bound | self.shadow)
        project = self.planner.project_callee(self.sf, func, bound | self.shadow) if dotted is None else None
        if project:
            return project
        if project is not None:  # a pure function or a class of the project: carried with the value, and run as it was
            return self.children([func, *expr.args, *expr.keywords], bound)
        if dotted is None and isinstance(func, ast.Attribute):
            if func.attr not in rules.READ_ONLY_METHODS:
                return f"it calls `.{func.attr}()`, which may change its object"
        elif dotted is None or not self.planner.known_pure(dotted):
            return f"it calls `{short(func)}`, which is not known to be pure"
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
            inner |= set(target_names(gen.target))
            problem = self.children(gen.ifs, frozenset(inner))
            if problem:
                return problem
        results = [expr.key, expr.value] if isinstance(expr, ast.DictComp) else [expr.elt]
        return self.children(results, frozenset(inner))


class Modules:
    """The project's files as the extraction reads them: parsed on first use, once, and None when a file has no
    text or does not parse again (`Planner.unreadable` says why)."""

    def __init__(self, planner: Planner) -> None:
        # Weakly: the planner holds this, and a cycle would keep every tree read alive after the run, until the
        # cyclic collector (paused during runs) found it.
        self._parse = weakref.WeakMethod(planner.parse)
        self._read: dict[str, ParsedModule | None] = {}

    def add(self, sf: ParsedModule) -> None:
        self._read[sf.path] = sf

    def get(self, path: str) -> ParsedModule | None:
        if path not in self._read:
            self._read[path] = None  # a file that comes back to itself while being read finds nothing
            parse = self._parse()
            self._read[path] = parse(path) if parse is not None else None
        return self._read[path]

    def __getitem__(self, path: str) -> ParsedModule:
        sf = self.get(path)
        if sf is None:
            raise KeyError(path)
        return sf

    def __contains__(self, path: str) -> bool:
        return self.get(path) is not None

    def read(self) -> list[str]:
        """The paths parsed so far, in order (what a run cost)."""
        return [path for path, sf in self._read.items() if sf is not None]


class Planner:
    """Plan one extraction. Files are parsed again only when needed (`sources`, a `Modules`): those holding a unit
    or something a unit needs, and those whose per-file facts (`FileSummary.changed_imports`) say they may change
    an imported object. Without those facts (a caller holding only verdicts) every file is read, as all may, and
    the per-file pass runs on each file read for the facts about module state (`state.runtime_changes`)."""

    def __init__(
        self,
        sources: Mapping[str, str],
        files: list[FileResult],
        index: ModuleIndex,
        config: EngineConfig,
        summaries: Mapping[str, FileSummary] | None = None,
        trees: KeptTrees | None = None,
    ) -> None:
        self.index = index
        self.trees = trees
        self.config = config
        self.files = sorted(files, key=lambda f: f.path)
        self.texts = {f.path: text for f in self.files if (text := sources.get(f.path)) is not None}
        self.results = {f.path: f for f in self.files}
        self.summaries = summaries
        self.sources = Modules(self)
        self.unreadable: dict[str, str] = {}
        # (path, qualname, lineno) of every trivial function: the solve's flags, and those of the files read.
        self.trivial: set[tuple[str, str, int]] = {
            (f.path, fr.qualname, fr.lineno) for f in self.files for fr in f.functions if fr.trivial
        }
        self.by_qualname = {
            f"{module}.{fr.qualname}": fr for f in self.files for module in (module_name(f.path),) for fr in f.functions
        }
        self.targets = self._assign_targets()
        self.nodes: dict[GraphKey, GraphNode] = {}
        self.rdeps: dict[GraphKey, list[GraphKey]] = {}
        self._targets_cache: dict[tuple[str, str], Target | str] = {}
        self._resolving: set[tuple[str, str]] = set()
        # (path, name) -> where another file rebinds or changes it: (that file, line)
        self.cross_mutated: dict[tuple[str, str], tuple[str, int]] = {}

    def parse(self, path: str) -> ParsedModule | None:
        """Read one file again (`Modules` calls this once per path): its tree, trivial functions, changed names."""
        result, text = self.results.get(path), self.texts.get(path)
        if result is None or text is None:
            return None
        try:
            sf = ParsedModule(path, text, result, self.trees.take(path) if self.trees is not None else None)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            self.unreadable[path] = f"its source could not be read again ({type(exc).__name__})"
            return None
        self.sources.add(sf)  # before `ChangedNames`: resolving its imports may come back to this file
        summary = self._summary(path, text)
        if self.summaries is None:
            # Verdicts without the per-file facts may come without `trivial` flags too (the per-file pass sets
            # them, and the solve copies them): take them from the pass just run. With the facts, they are set.
            lines = {fn.lineno for fn in summary.functions if fn.trivial}
            self.trivial.update(
                (path, fr.qualname, fr.lineno)
                for fr in result.functions
                if fr.lineno in lines and not fr.qualname.endswith("<lambda>")
            )
        ChangedNames(self, sf).run()
        self._runtime_changes(sf, summary)
        return sf

    def _summary(self, path: str, text: str) -> FileSummary:
        """The per-file pass's facts of a file read again: the caller's, or the pass run now when it has none."""
        given = self.summaries.get(path) if self.summaries is not None else None
        return given if given is not None else summarize_file(path, text.encode("utf-8"), self.config)

    def _runtime_changes(self, sf: ParsedModule, summary: FileSummary) -> None:
        """What functions change (`state.runtime_changes`, the solve's definition of module state)."""
        for change in runtime_changes(summary, unknown_methods_change=False):
            if change.name in sf.bindings:
                sf.mutated.setdefault(change.name, change.lineno)
                sf.mutated_attrs.setdefault((change.name, change.attrs[0] if change.attrs else ""), change.lineno)

    # ---- the whole run

    def run(self) -> Extraction:
        self._cross_file_taint()
        candidates = self._candidates()
        roots = [key for path, fr, key in candidates if key is not None and not self._left_out(path, fr)]
        self._build_closure(roots)
        self._propagate(sorted(k for k, n in self.nodes.items() if n.why))
        needed = self._break_cycles()
        self._name_lifted(needed)
        return self._result(candidates, needed)

    def _assign_targets(self) -> dict[str, str]:
        targets: dict[str, str] = {}
        taken: set[str] = set()
        for path in sorted(self.texts):
            p = PurePosixPath(path)
            if p.is_absolute() or ".." in p.parts or printable(path) != path:
                continue
            variants = ("", p.suffix.lstrip("."), *(str(n) for n in range(2, len(self.texts) + 2)))
            candidate = next(c for c in (target_path(path, v) for v in variants) if c not in taken)
            targets[path] = candidate
            taken.add(candidate)
        return targets

    def _candidates(self) -> list[tuple[str, FunctionResult, GraphKey | None]]:
        """Every pure function shaped like a unit, with its graph key (None: a nested-class method)."""
        out: list[tuple[str, FunctionResult, GraphKey | None]] = []
        for result in self.files:
            for fr in result.functions:
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

    def _left_out(self, path: str, fr: FunctionResult) -> str:
        """Why a pure unit is not worth extracting (it is still carried when an extracted unit needs it)."""
        if (path, fr.qualname, fr.lineno) in self.trivial:
            return TRIVIAL_REASON
        if not self.config.extract_tests and is_test_path(path):
            return TEST_CODE_REASON
        return ""

    # ---- graph construction

    def _build_closure(self, roots: list[GraphKey]) -> None:
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

    def _build(self, key: GraphKey) -> GraphNode:
        kind, path, name, _ = key
        sf = self.sources.get(path)
        label = f"`{name}` ({path})"
        if sf is None:
            why = self.unreadable.get(path, "its source text is not available")
            return GraphNode(key, kind, label, why=f"{path}: {why}")
        if path not in self.targets:
            return GraphNode(
                key, kind, label, why=f"{path} cannot be mirrored in the archive (unsafe or clashing path)"
            )
        if kind == "method":
            return self._build_method(sf, key)
        return self._build_name(sf, key)

    def _build_name(self, sf: ParsedModule, key: GraphKey) -> GraphNode:
        name = key[2]
        binds = sf.bindings.get(name, [])
        node = GraphNode(key, "name", f"`{name}` ({sf.path})")
        replaced = self._replaced_by_star(sf, name, binds)
        if replaced:
            node.why = replaced
            return node
        if binds and all(b.kind == "import" for b in binds):
            return self._build_import(sf, node)
        starred = self._star_binding(sf, name) if not binds else None
        if starred is not None:
            return self._build_import(sf, node, starred)
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
        if isinstance(stmt, FUNCS):
            return self._build_function(sf, node, stmt)
        if isinstance(stmt, ast.ClassDef):
            return self._build_class(sf, node, stmt)
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            return self._build_const(sf, node, stmt)
        if is_type_alias(stmt):
            return self._build_alias(sf, node, stmt)
        node.why = f"`{name}` is not a plain definition or constant assignment"
        return node

    def _replaced_by_star(self, sf: ParsedModule, name: str, binds: list[ModuleBinding]) -> str:
        """A `from m import *` after a definition may replace it (stat.py ends with `from _stat import *`). A name
        only a star import binds is resolved by `_star_binding`; one it cannot resolve is refused here."""
        if not binds and self._star_binding(sf, name) is not None:
            return ""
        first = min((getattr(b.node, "lineno", 0) for b in binds), default=0)
        for star in sf.star_imports:
            if star.lineno <= first:
                continue
            where = "." * star.level + (star.module or "")
            there = self._star_module(sf, star)[1]
            if there is None or there.star_imports or name in there.bindings:
                return f"`{name}` may be replaced by `from {where} import *` at line {star.lineno} of {sf.path}"
        return ""

    def _star_module(self, sf: ParsedModule, star: ast.ImportFrom) -> tuple[str | None, ParsedModule | None]:
        """The project module a `from m import *` of `sf` reads (its path and parse), or None for either."""
        ref = (
            self.index.resolve_from(sf.module, sf.is_package, star.module, star.level)
            if star.level
            else self.index.resolve(star.module or "", sf.module)
        )
        path = self.index.path_of(ref) if ref else None
        return path, self.sources.get(path) if path else None

    def _star_binding(self, sf: ParsedModule, name: str) -> ProjectName | None:
        """Where a name that only `from m import *` binds comes from, when that can be known: veusz's `utils`
        package re-exports `isDateTime` with `from .dates import *`, gaphor's `UML` its classes with
        `from gaphor.UML.uml import *`. The last star import exporting it wins; every one after it must be a project
        module without star imports of its own that does not export it, and all must run unconditionally (at the
        top of the module); otherwise None, and the name is refused as before."""
        stars = sf.star_imports
        if len(stars) != len(sf.stars) or any(star not in sf.tree.body for star in stars):
            return None  # a star import in a block, or one the collector saw and the scan did not: not known
        for star in reversed(stars):
            path, there = self._star_module(sf, star)
            if path is None or there is None or there.star_imports:
                return None
            exported = _star_exports(there)
            if exported is None:
                return None
            if name in exported:
                return ProjectName(path, name)
        return None

    def _build_import(self, sf: ParsedModule, node: GraphNode, starred: ProjectName | None = None) -> GraphNode:
        """An imported name, or one only `from m import *` binds (`starred`, `_star_binding`): carried as an import
        of what it names (`from .m_pure import name`, or the outside import a module re-exports)."""
        node.kind = "import"
        name = node.key[2]
        target = self.import_target(sf, name) if starred is None else self._follow(starred, name)
        if isinstance(target, str):
            node.why = target
            return node
        node.target = target
        # read only in annotations (`_require`): the copy imports it for type checkers only, as the original does
        node.type_only = sf.type_only(name)
        if isinstance(target, External):
            return node
        if starred is not None and isinstance(target, ProjectModule):  # what a reader takes of it is not followed
            node.why = f"`{name}` is a module that `from … import *` re-exports"
            return node
        node.why = self._project_import_problem(sf, target, name)
        if not node.why and isinstance(target, ProjectName):
            node.deps = [("name", target.path, target.name, 0)]
        return node

    def _project_import_problem(self, sf: ParsedModule, target: ProjectModule | ProjectName, name: str) -> str:
        """Why the copy of `sf` cannot import `name` from the generated module of `target` with a relative import."""
        there = self.targets.get(target.path)
        if target.path not in self.sources or there is None:
            return f"`{name}` comes from {target.path}, which cannot be extracted"
        if not (importable(there) and importable(self.targets[sf.path])):
            return f"`{name}` would need a relative import between non-identifier module paths"
        if isinstance(target, ProjectModule) and there == "__init__.py":
            return f"`{name}` is the top package itself, which a relative import cannot name"
        return ""

    def _build_function(
        self, sf: ParsedModule, node: GraphNode, fn: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> GraphNode:
        node.kind = "function"
        node.lines = (min([d.lineno for d in fn.decorator_list] + [fn.lineno]), fn.end_lineno or fn.lineno)
        fr = sf.verdict(fn.name, fn.lineno)
        if fr is None:
            node.why = f"`{fn.name}` has no purity verdict"
        elif not fr.pure and not answers_to_its_callers(fr, fn):
            node.why = f"`{fn.name}` is not pure ({reasons_text(fr)})"
        else:
            node.helper = not fr.pure
            table = sf.table_for(fn)
            node.why, node.deps = self._callable_needs(sf, node, fn, table, fn.decorator_list, None)
        return node

    def _build_method(self, sf: ParsedModule, key: GraphKey) -> GraphNode:
        qualname, lineno = key[2], key[3]
        node = GraphNode(key, "method", f"`{qualname}` ({sf.path})")
        cls_name, _, meth = qualname.partition(".")
        cls, why = sf.single(cls_name, "class")
        why = self._replaced_by_star(sf, cls_name, sf.bindings.get(cls_name, [])) or why
        if not isinstance(cls, ast.ClassDef) or why:
            node.why = why
            return node
        fns = [s for s in cls.body if isinstance(s, FUNCS) and s.name == meth]
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
        node.why, node.deps = self._callable_needs(sf, node, fn, table, others, cls)
        return node

    def _lift_plan(
        self, sf: ParsedModule, cls: ast.ClassDef, fn: ast.FunctionDef | ast.AsyncFunctionDef, defined_twice: bool
    ) -> tuple[Lift | None, str]:
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
            if uses_name(fn, drop.arg):
                needs = f"the class `{cls.name}`" if kind == "classmethod" else f"an instance of `{cls.name}`"
                return None, f"`{qualname}` uses `{drop.arg}`: it needs {needs}"
            if len(fn.args.defaults) == len(params):
                return None, f"`{qualname}` gives its `{drop.arg}` parameter a default value"
        if fn.name.startswith("__") and fn.name.endswith("__"):
            return None, f"`{qualname}` is a special method: Python calls it on `{cls.name}` and its instances"
        names_used = [n for n in body_nodes(fn) if isinstance(n, ast.Name)]
        if any(n.id in ("super", "__class__") for n in names_used):
            return None, f"`{qualname}` uses `super()`, which only works inside its class"
        private = [n for n in ast.walk(fn) if isinstance(n, (ast.Name, ast.Attribute, ast.arg))]
        if any(
            mangled(n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else n.arg)
            for n in private
        ):
            return None, f"`{qualname}` uses a private `__name`, which Python rewrites inside the class"
        defaults, annotations = header_exprs(fn)
        header = set().union(*(names_in(e) for e in defaults), *(names_in(e, True) for e in annotations))
        clash = sorted(header & class_body_names(cls))
        if clash:
            return None, f"`{qualname}`'s defaults or annotations use `{clash[0]}`, a name of class `{cls.name}`"
        start = min([d.lineno for d in fn.decorator_list] + [fn.lineno])
        strings = string_lines(sf.lines[start - 1 : fn.end_lineno or fn.lineno], start)
        if strings is None:
            return None, f"`{qualname}` could not be re-indented to module level"
        return Lift(cls.name, kind, fn, drop, [*kinds], strings), ""

    def _callable_needs(
        self,
        sf: ParsedModule,
        node: GraphNode,
        fn: ast.FunctionDef | ast.AsyncFunctionDef,
        table: symtable.SymbolTable | None,
        decorators: list[ast.expr],
        cls: ast.ClassDef | None,
    ) -> tuple[str, list[GraphKey]]:
        """Why a function (module-level or lifted) cannot be carried, or the module-level names it needs."""
        for deco in decorators:
            problem = self._decorator_problem(sf, deco, lifted=cls is not None)
            if problem:
                return problem, []
        problem = self._inner_imports(sf, node, fn, body_nodes(fn))
        if problem:
            return problem, []
        if table is None:
            return f"the scopes of {sf.path} could not be analysed (the symbol table refuses the file)", []
        defaults, annotations = header_exprs(fn)
        own = type_param_names(fn)  # `def first[T](items: list[T]) -> T` binds its own T (3.12+)
        names = table_globals(table) | (body_annotations(fn) - table_locals(table) - own)
        for expr in [*decorators, *defaults]:
            names |= names_in(expr)
        for expr in [*annotations, *type_param_exprs(fn)]:
            names |= names_in(expr, annotation=True) - own
        generic = sorted(names & type_param_names(cls)) if cls is not None else []
        if cls is not None and generic:
            return f"it uses `{generic[0]}`, a type parameter of class `{cls.name}`", []
        return self._with_lazy(node, *self._require(sf, names, [fn]))

    def _build_class(self, sf: ParsedModule, node: GraphNode, cls: ast.ClassDef) -> GraphNode:
        node.kind = "class"
        node.label = f"class `{cls.name}` ({sf.path})"
        node.lines = (min([d.lineno for d in cls.decorator_list] + [cls.lineno]), cls.end_lineno or cls.lineno)
        bases = [b for b in cls.bases if not (isinstance(b, ast.Name) and b.id == "object")]
        others = [b for b in bases if not self._carriable_base(sf, b)]
        if others or cls.keywords:
            node.why = f"class `{cls.name}` derives from `{short((others or cls.keywords)[0])}`"
            return node
        base_reads: set[str] = set()
        for base in bases:  # evaluated at import, in the module's scope: what they read is carried too
            check = ConstantCheck(self, sf)
            problem = check.run(base)
            if problem:
                node.why = f"class `{cls.name}` derives from `{short(base)}`: {problem}"
                return node
            base_reads |= check.names
        problem, body_reads = self._class_body_problem(sf, cls)
        problem = problem or self._class_methods_problem(sf, cls)
        inner = self._inner_imports(sf, node, cls, ast.walk(cls)) if not problem else ""
        problem = problem or (inner and f"class `{cls.name}`: {inner}")
        if problem:
            node.why = problem
            return node
        table = sf.table_for(cls)
        if table is None:
            node.why = f"the scope of class `{cls.name}` could not be analysed"
            return node
        generic = type_param_names(cls)  # `class Box[T]` binds its own T (3.12+)
        names = table_globals(table) | body_reads | base_reads
        for expr in [*cls.decorator_list, *type_param_exprs(cls)]:
            names |= names_in(expr, True) - generic
        own = class_body_names(cls)
        for sub in ast.walk(cls):
            if isinstance(sub, FUNCS):
                bound = own | generic | type_param_names(sub)
                for expr in [*header_exprs(sub)[1], *type_param_exprs(sub)]:
                    names |= names_in(expr, True) - bound
            elif isinstance(sub, ast.AnnAssign):
                names |= names_in(sub.annotation, True) - own - generic
        node.why, node.deps = self._with_lazy(node, *self._require(sf, names, [cls]))
        return node

    def _carriable_base(self, sf: ParsedModule, base: ast.expr) -> bool:
        """A base a copied class behaves the same with: a builtin exception class (`class ParseError(ValueError)`),
        a project class (carried too, or this class is not: it is a dependency like any name), a namedtuple
        built in the class statement (`namedtuple("VersionBase", "major minor")`, a pure call checked as any
        constant), or a record or enumeration base (`class Point(NamedTuple)`, `class Color(enum.Enum)`:
        `rules.CARRIABLE_LIBRARY_BASES`). Any other library class may act on subclassing or construction, unseen."""
        if isinstance(base, ast.Call):
            return self.callable_dotted(sf, base.func, frozenset()) in rules.RECORD_FACTORIES
        if (
            isinstance(base, (ast.Name, ast.Attribute))
            and self.callable_dotted(sf, base, frozenset()) in rules.CARRIABLE_LIBRARY_BASES
        ):
            return True
        if not isinstance(base, ast.Name):
            return False
        binds = sf.bindings.get(base.id, [])
        if not binds:
            return base.id in _BUILTIN_EXCEPTIONS
        if all(b.kind == "class" for b in binds):
            return True
        return all(b.kind == "import" for b in binds) and isinstance(self.import_target(sf, base.id), ProjectName)

    def _class_body_problem(self, sf: ParsedModule, cls: ast.ClassDef) -> tuple[str, set[str]]:
        """Why the class body cannot run in a copy, or the module-level names it reads while it runs.

        A class body runs at import, top to bottom: a name is the class's own only once a statement above
        bound it, so in `hidpi = hidpi.Option.AUTO` the `hidpi` read is the module's (the symbol table calls
        it local to the class) and must be carried too, or the class is not.
        """
        for deco in cls.decorator_list:
            problem = self._decorator_problem(sf, deco, lifted=False)
            if problem:
                return f"class `{cls.name}`: {problem}", set()
        bound: set[str] = set()
        reads: set[str] = set()
        for stmt in cls.body:
            shadow = frozenset(bound)
            bound |= bound_names([stmt])
            if isinstance(stmt, FUNCS):
                problem = self._method_decorators_problem(sf, stmt, shadow)
                if problem:
                    return f"class `{cls.name}`: {problem}", set()
                defaults, annotations = header_exprs(stmt)
                for expr in [*stmt.decorator_list, *defaults]:
                    reads |= names_in(expr) - shadow
                generic = type_param_names(cls) | type_param_names(stmt)
                for expr in [*annotations, *type_param_exprs(stmt)]:
                    reads |= names_in(expr, annotation=True) - shadow - generic
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
                where = f"(line {stmt.lineno})"
                return f"class `{cls.name}` runs a {type(stmt).__name__} statement in its body {where}", set()
            check = ConstantCheck(self, sf, shadow)
            value_problem = check.run(value)
            if value_problem:
                return f"class `{cls.name}` line {stmt.lineno}: {value_problem}", set()
            reads |= check.names
        return "", reads

    def _method_decorators_problem(
        self, sf: ParsedModule, fn: ast.FunctionDef | ast.AsyncFunctionDef, shadow: frozenset[str]
    ) -> str:
        """Inside a carried class: known-pure decorators, or `@prop.setter` on a property of the class."""
        for deco in fn.decorator_list:
            if isinstance(deco, ast.Attribute) and isinstance(deco.value, ast.Name) and deco.value.id in shadow:
                continue
            func = deco.func if isinstance(deco, ast.Call) else deco
            dotted = self.callable_dotted(sf, func, shadow)
            if dotted is None or not self.known_pure(dotted):
                return f"method decorator `@{short(deco)}` is not known to be pure"
        return ""

    def _class_methods_problem(self, sf: ParsedModule, cls: ast.ClassDef) -> str:
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
            return f"class `{cls.name}` has a method that is not pure: `{bad[0].qualname}` ({reasons_text(bad[0])})"
        return ""

    def _calls_stay_inside(self, fr: FunctionResult, prefix: str, cls: str, safe: set[str]) -> bool:
        if "calls_impure" not in {r.kind for r in fr.reasons}:
            return True
        impure = [c for c in fr.calls if not (self.by_qualname.get(c) and self.by_qualname[c].pure)]
        inside = [c[len(prefix) :] for c in impure if c.startswith(prefix)]
        return (
            bool(impure) and len(inside) == len(impure) and all(q.startswith(f"{cls}.") and q in safe for q in inside)
        )

    def _build_const(self, sf: ParsedModule, node: GraphNode, stmt: ast.Assign | ast.AnnAssign) -> GraphNode:
        node.kind = "const"
        node.label = f"constant `{node.key[2]}` ({sf.path})"
        node.lines = (stmt.lineno, stmt.end_lineno or stmt.lineno)
        assert stmt.value is not None  # a "const" binding always has a value
        line = sf.escaped.get(node.key[2])
        if line and not _immutable(sf, stmt.value):  # nothing changes `ENCODING = "utf-8"`, whoever is handed it
            node.why = f"constant `{node.key[2]}` is handed at line {line} to code that might change it"
            return node
        check = ConstantCheck(self, sf)
        problem = check.run(stmt.value)
        if problem:
            node.why = f"constant `{node.key[2]}` cannot be carried: {problem}"
            return node
        node.why, node.deps = self._require(sf, check.names, [stmt.value])
        return node

    def _build_alias(self, sf: ParsedModule, node: GraphNode, stmt: ast.AST) -> GraphNode:
        """`type Pair[T] = tuple[T, T]` (3.12+): its value is evaluated only when asked for, so importing the copy
        runs nothing; what it names is carried all the same (a reader, or `typing.get_type_hints`, may ask)."""
        node.kind = "alias"
        node.label = f"type alias `{node.key[2]}` ({sf.path})"
        start: int = getattr(stmt, "lineno", 0)
        node.lines = (start, getattr(stmt, "end_lineno", None) or start)
        value: ast.expr = getattr(stmt, "value")  # noqa: B009 - `ast.TypeAlias` is unknown before 3.12
        own = type_param_names(stmt)
        names: set[str] = set()
        for expr in [value, *type_param_exprs(stmt)]:
            names |= names_in(expr, annotation=True) - own
        node.why, node.deps = self._require(sf, names, [value])
        return node

    # ---- name resolution

    def _require(self, sf: ParsedModule, names: Iterable[str], uses: list[ast.AST]) -> tuple[str, list[GraphKey]]:
        """The graph keys behind the module-level names a definition reads, or why one cannot be carried."""
        deps: list[GraphKey] = []
        for name in sorted(names):
            if name in sf.bindings:
                if sf.type_only(name) and runtime_reads(uses, name, lazy_annotations="annotations" in sf.future):
                    return (
                        f"it uses `{name}` where code runs, and {sf.path} imports it only for type checking "
                        "(`if TYPE_CHECKING:`)",
                        deps,
                    )
                deps.append(("name", sf.path, name, 0))
                target = self.import_target(sf, name) if all(b.kind == "import" for b in sf.bindings[name]) else None
                if isinstance(target, ProjectModule):
                    attrs, bare = self._attribute_uses(sf, name, uses)
                    if bare:
                        return f"it uses the project module `{name}` as a value, not only its attributes", deps
                    deps += [("name", target.path, attr, 0) for attr in sorted(attrs)]
            elif name in rules.MODULE_DUNDERS:
                return f"it reads `{name}`, which means something else in the extracted module", deps
            elif sf.stars and self._star_binding(sf, name) is not None:  # before builtins: it may shadow one
                deps.append(("name", sf.path, name, 0))
            elif name in _BUILTIN_NAMES:
                continue
            elif sf.stars:
                return f"it uses `{name}`, which may come from `from {sf.stars[0]} import *`", deps
            else:
                return f"it uses `{name}`, which is not defined anywhere in {sf.path}", deps
        return "", deps

    def _attribute_uses(self, sf: ParsedModule, name: str, uses: list[ast.AST]) -> tuple[set[str], bool]:
        attrs: set[str] = set()
        bare = False
        for root in uses:
            quoted = _annotation_strings(root)
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
                if id(node) in quoted:  # `opt: "configdata.Option"`: the forward reference's attributes too
                    parsed = parse_expression(node.value)  # type: ignore[attr-defined]
                    if parsed is not None:
                        stack.append((parsed, None))
                    continue
                stack.extend((child, node) for child in ast.iter_child_nodes(node))
        return attrs, bare

    def import_target(self, sf: ParsedModule, name: str) -> Target | str:
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

    def _import_target(self, sf: ParsedModule, name: str) -> Target | str:
        binds = sf.bindings[name]
        deepest = _deepest_plain_import(binds)
        first = deepest or binds[0]
        shapes = {(type(b.node).__name__, ast.dump(b.node) if b.alias is None else ast.dump(b.alias)) for b in binds}
        if (len(shapes) > 1 and deepest is None) or not all(b.direct for b in binds):
            return f"`{name}` is imported conditionally or in several ways in {sf.path}"
        assert first.alias is not None and isinstance(first.node, (ast.Import, ast.ImportFrom))
        target = self._classify(sf, first.node, first.alias)
        if isinstance(target, ProjectName):
            return self._follow(target, name)
        if isinstance(target, External):
            return self._external_problem(target, name) or target
        return target

    def _classify(self, sf: ParsedModule, stmt: ast.Import | ast.ImportFrom, alias: ast.alias) -> Target | str:
        if isinstance(stmt, ast.Import):
            resolved = self.index.resolve(alias.name, sf.module)
            if resolved is not None and (alias.asname or "." not in alias.name):
                return self._module_target(resolved)
            if resolved is not None or self.index.resolve(alias.name.partition(".")[0], sf.module) is not None:
                return f"`import {alias.name}` binds a project package, not the module; it is not rewritten"
            dotted = alias.name if alias.asname else alias.name.partition(".")[0]
            return External(dotted, "import", alias.name, "", alias.asname)
        ref, submodule = self._from_import(sf.module, sf.is_package, stmt.module, stmt.level, alias.name)
        if submodule is not None:
            return self._module_target(submodule)
        base = ref.rpartition(".")[0]
        if base in self.index:
            path = self.index.path_of(base)
            assert path is not None
            return ProjectName(path, alias.name)
        if stmt.level:
            where = "." * stmt.level + (stmt.module or "")
            return f"`from {where} import {alias.name}` points outside the analysed project"
        module = stmt.module or ""
        return External(f"{module}.{alias.name}", "from", module, alias.name, alias.asname)

    def _from_import(
        self, module: str, is_package: bool, source: str | None, level: int, name: str
    ) -> tuple[str, str | None]:
        """What `from source import name` in `module` binds: its dotted reference, and the project module it is
        when it is one."""
        ref = self.index.resolve_name(module, is_package, source, level, name)
        return ref, ref if ref in self.index else None

    def _module_target(self, module: str) -> ProjectModule:
        path = self.index.path_of(module)
        assert path is not None
        return ProjectModule(path)

    def _follow(self, target: ProjectName, name: str) -> Target | str:
        there = self.sources.get(target.path)
        if there is None:
            return f"`{name}` comes from {target.path}, which cannot be extracted"
        binds = there.bindings.get(target.name)
        if not binds:
            starred = self._star_binding(there, target.name)
            if starred is not None:  # `from .utils import isDateTime`, which `utils` re-exports with a star import
                return self._follow(starred, name)
            return f"`{target.name}` is not defined at module level in {target.path}"
        if not all(b.kind == "import" for b in binds):
            return target
        final = self.import_target(there, target.name)
        if isinstance(final, External) and final.statement(name) is None:
            return f"`{name}` is a re-exported `import {final.module}` that cannot be renamed"
        return final

    def _external_problem(self, target: External, name: str) -> str:
        toolkits = self.config.toolkits
        for dotted in (target.module, target.dotted):
            toolkit = rules.toolkit_of(dotted, toolkits)
            if toolkit:
                return f"`{name}` comes from {toolkit}, a UI toolkit"
            why = rules.desktop_only(dotted, self.config.desktop_only)
            if why:
                return f"`{name}` is a desktop-only API: {why}"
        gone = rules.removed_from_python(target.dotted)  # `collections.Mapping`, `distutils.version.LooseVersion`
        if gone:
            return f"`{name}` needs `{gone[0]}`, gone since {gone[1]}: the module would not import"
        return ""

    def _inner_imports(self, sf: ParsedModule, node: GraphNode, scope: ast.AST, nodes: Iterable[ast.AST]) -> str:
        """Imports inside a body (`nodes` of `scope`) run when it runs. One from outside the project is copied as
        written, and must not be a UI or desktop-only import. One naming the project (`from . import ripemd`,
        `from .transaction import OPPushDataGeneric`, often there to break an import cycle) is rewritten to import
        from the generated module (`GraphNode.rewrites`), and what it names is carried (`GraphNode.lazy`): of a
        module, the attributes the scope reads of it."""
        for stmt in nodes:
            if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
                continue
            parts: list[tuple[str, Target]] = []
            project = False
            for alias in stmt.names:
                bound = alias.asname or alias.name.partition(".")[0]
                target = self._classify(sf, stmt, alias)
                project |= not isinstance(target, (External, str))
                if isinstance(target, ProjectName):
                    target = self._follow(target, bound)
                if isinstance(target, str):
                    return f"it imports inside its body: {target}"
                if isinstance(target, External):
                    problem = self._external_problem(target, bound)
                else:
                    problem = self._project_import_problem(sf, target, bound)
                if problem:
                    return f"it imports inside its body: {problem}"
                if isinstance(target, ProjectName):
                    node.lazy.add(("name", target.path, target.name, 0))
                elif isinstance(target, ProjectModule):
                    attrs, bare = self._attribute_uses(sf, bound, [scope])
                    if bare:
                        return f"it uses the project module `{bound}`, imported inside its body, as a value"
                    if not attrs:  # veusz's `from veusz import widgets` in a thread's `run`: there for its effects
                        return f"it imports the project module `{bound}` inside its body only to run it"
                    node.lazy.update(("name", target.path, attr, 0) for attr in attrs)
                parts.append((bound, target))
            if project:
                node.rewrites.append(Rewrite(stmt, tuple(parts)))
        return ""

    @staticmethod
    def _with_lazy(node: GraphNode, why: str, deps: list[GraphKey]) -> tuple[str, list[GraphKey]]:
        """The deps of `_require`, then those reached only through imports inside the body (`GraphNode.lazy`)."""
        node.lazy.difference_update(deps)
        return why, deps + sorted(node.lazy)

    def _decorator_problem(self, sf: ParsedModule, deco: ast.expr, lifted: bool) -> str:
        func = deco.func if isinstance(deco, ast.Call) else deco
        dotted = self.callable_dotted(sf, func, frozenset())
        root, _ = attr_chain(func)
        kinds = {b.kind for b in sf.bindings.get(root.id, ())} if isinstance(root, ast.Name) else set()
        if dotted is None and kinds and kinds <= {"def", "import"}:
            # a project function (`@lowered`, `@util.retry(3)`): the unit is pure only when the solve found the
            # decorator and the wrappers it defines pure, so decorating at import changes nothing; it is carried
            # with the unit as any name the unit reads (`_require`)
            dotted = ""
        elif dotted is None or not self.known_pure(dotted):
            return f"its decorator `@{short(deco)}` is not known to be pure"
        if lifted and dotted in _CLASS_ONLY_DECORATORS:
            return f"its decorator `@{short(deco)}` only means something inside the class"
        if isinstance(deco, ast.Call):
            problem = ConstantCheck(self, sf).children([*deco.args, *deco.keywords], frozenset())
            if problem:
                return f"its decorator `@{short(deco)}`: {problem}"
        return ""

    def external_dotted(self, sf: ParsedModule, expr: ast.AST, local: frozenset[str]) -> str | None:
        """`math.pi` -> "math.pi" when the base name is bound by an import from outside the project."""
        if isinstance(expr, ast.Attribute):
            base = self.external_dotted(sf, expr.value, local)
            return f"{base}.{expr.attr}" if base else None
        if isinstance(expr, ast.Name) and expr.id not in local:
            binds = sf.bindings.get(expr.id, [])
            if binds and all(b.kind == "import" for b in binds):
                target = self.import_target(sf, expr.id)
                return target.dotted if isinstance(target, External) else None
        return None

    def callable_dotted(self, sf: ParsedModule, func: ast.AST, local: frozenset[str]) -> str | None:
        """The dotted name of a callee outside the project (an import or a builtin), or None."""
        if isinstance(func, ast.Name) and func.id not in sf.bindings and func.id not in local:
            return func.id if func.id in _BUILTIN_NAMES else None
        return self.external_dotted(sf, func, local)

    def project_callee(self, sf: ParsedModule, func: ast.AST, local: frozenset[str]) -> str | None:
        """What a value computed at import calls, when it is the project's: "" for a pure function or a class (the
        graph carries it with the value, or refuses the value: a class as any carried class), why not for another
        function (`_logger = get_logger(__name__)`), None when it is not a project callable at all. A pure function's
        result is the same at every import (`CODES_INV = inv_dict(CODES)`), so the copy computes it as the original
        did."""
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id not in local:
            binds = sf.bindings.get(func.value.id, [])
            module = self.import_target(sf, func.value.id) if binds and binds[0].kind == "import" else None
            there = self.sources.get(module.path) if isinstance(module, ProjectModule) else None
            return None if there is None else self.project_callee(there, ast.Name(func.attr), frozenset())
        if not isinstance(func, ast.Name) or func.id in local or func.id not in sf.bindings:
            return None
        kinds = {b.kind for b in sf.bindings[func.id]}
        if kinds == {"import"}:
            target = self.import_target(sf, func.id)
            if not isinstance(target, ProjectName):
                return None
            there = self.sources.get(target.path)
            return None if there is None else self.project_callee(there, ast.Name(target.name), frozenset())
        stmt, _ = sf.single(func.id, kinds.pop()) if len(kinds) == 1 else (None, "")
        if isinstance(stmt, ast.ClassDef):
            return ""
        if not isinstance(stmt, FUNCS):
            return None
        fr = sf.verdict(stmt.name, stmt.lineno)
        return "" if fr is not None and fr.pure else f"it calls `{func.id}`, which is not pure"

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

    def known_constant(self, dotted: str) -> bool:
        """A library attribute a copy may read at import: known pure, or a value whose methods the tables call pure
        (`sys.version_info.*`, `sys.platform.*`, `os.sep.*`). Those are the interpreter's and the platform's own,
        so `PY3 = sys.version_info[0] >= 3` and `IS_MAC = sys.platform == "darwin"` take the backend's values, as
        the extraction reads platform branches for a web backend (Python 3 on Linux)."""
        if self.known_pure(dotted):
            return True
        return f"{dotted}.*" in self.config.known_pure and dotted not in self.config.known_impure

    def _cross_file_taint(self) -> None:
        """A change made through an import (`units.FACTORS[k] = v`, `from .units import X; X.append(1)`)
        changes the defining module's name. Only the files that may make one are read (`changed_imports`)."""
        facts = self.summaries
        for path in sorted(self.texts):
            summary = facts.get(path) if facts is not None else None
            changed = summary.changed_imports if summary is not None else ()
            if facts is not None and not any(self._may_change_project(path, *entry[1:]) for entry in changed):
                continue
            sf = self.sources.get(path)
            if sf is None:
                continue
            for (name, attr), line in sorted(sf.mutated_attrs.items()):
                binds = sf.bindings.get(name, [])
                if not binds:  # `from .dates import *` then `UNITS.append("ms")` at import changes `dates.UNITS`
                    starred = self._star_binding(sf, name) if sf.stars else None
                    target: Target | str | None = self._follow(starred, name) if starred is not None else None
                elif all(b.kind == "import" for b in binds):
                    target = self.import_target(sf, name)
                else:
                    continue
                if isinstance(target, ProjectName):
                    self.cross_mutated.setdefault((target.path, target.name), (sf.path, line))
                elif isinstance(target, ProjectModule) and attr:
                    self.cross_mutated.setdefault((target.path, attr), (sf.path, line))

    def _may_change_project(self, path: str, module: str, level: int, imported: str, through_attribute: bool) -> bool:
        """Whether a change `path` makes through a name it imports (`FileSummary.changed_imports`) may change a
        name of the project: a change of a module object itself changes none (a `ProjectModule` target needs the
        attribute that changes)."""
        if not self._may_be_project(path, module, level):
            return False
        if through_attribute:
            return True
        if not imported:
            return False
        here = module_name(path)
        return self._from_import(here, self.index.is_package(here), module or None, level, imported)[1] is None

    def _may_be_project(self, path: str, module: str, level: int) -> bool:
        """Whether an import of `module` (as written in `path`) may bind something of the project."""
        if level:
            return True
        here = module_name(path)
        return any(self.index.resolve(m, here) is not None for m in (module, module.partition(".")[0]))

    # ---- fixpoint, cycles, names

    def _propagate(self, dead: list[GraphKey]) -> None:
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

    def _needed(self) -> set[GraphKey]:
        # Every live function or method node is a pure unit, but a helper changing what it is handed: impure ones are
        # dead from the start, and a helper is needed only through a unit.
        stack = [k for k, n in self.nodes.items() if n.kind in ("function", "method") and not n.why and not n.helper]
        needed: set[GraphKey] = set()
        while stack:
            key = stack.pop()
            if key in needed:
                continue
            needed.add(key)
            stack.extend(self.nodes[key].deps)
        return needed

    def _break_cycles(self) -> set[GraphKey]:
        """Drop what would need two generated modules to import each other, until no such cycle is left."""
        while True:
            needed = self._needed()
            edges: dict[str, set[str]] = {}
            for key in needed:
                node = self.nodes[key]
                if node.type_only:  # emitted under `if TYPE_CHECKING:`, which never runs
                    continue
                for dep in node.deps:
                    if dep[1] != key[1] and dep not in node.lazy:  # an import inside a body runs only when called
                        edges.setdefault(key[1], set()).add(dep[1])
            cyclic = _cyclic_pairs(edges)
            if not cyclic:
                return needed
            dead: list[GraphKey] = []
            for key in sorted(needed):
                lazy = self.nodes[key].lazy
                partner = next((d[1] for d in self.nodes[key].deps if (key[1], d[1]) in cyclic and d not in lazy), None)
                if partner is not None:
                    node = self.nodes[key]
                    node.why = node.root = (
                        f"it would need a circular import between {self.targets[key[1]]} and {self.targets[partner]}"
                    )
                    dead.append(key)
            self._propagate(dead)

    def _name_lifted(self, needed: set[GraphKey]) -> None:
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

    def _result(
        self, candidates: list[tuple[str, FunctionResult, GraphKey | None]], needed: set[GraphKey]
    ) -> Extraction:
        extraction = Extraction(trivial=set(self.trivial))
        for path, fr, key in candidates:
            left_out = self._left_out(path, fr)
            if left_out:
                if key in needed:
                    left_out += "; carried only because an extracted unit needs it"
                extraction.not_extracted.append(NotExtracted(path, fr.qualname, left_out))
                continue
            if key is None:
                reason = f"`{fr.qualname}` is a method of a nested class; only top-level classes are lifted"
                extraction.not_extracted.append(NotExtracted(path, fr.qualname, reason))
                continue
            node = self.nodes[key]
            if node.why or key not in needed:
                extraction.not_extracted.append(NotExtracted(path, fr.qualname, node.why or "not needed"))
                continue
            if not node.lines[0] <= fr.lineno <= node.lines[1]:
                # `if PY2: def f…` / `else: def f…`: the name is carried as the branch a web backend takes
                reason = (
                    f"defined in a branch a web backend never takes; lines {node.lines[0]}-{node.lines[1]} are carried"
                )
                extraction.not_extracted.append(NotExtracted(path, fr.qualname, reason))
                continue
            extraction.extracted.add((path, fr.qualname, fr.lineno))
            extraction.units.append(self._unit(fr, node))
        extraction.units.sort(key=lambda u: (u.source_path, u.lines))
        extraction.modules = Emitter(self, needed).modules()
        return extraction

    def _unit(self, fr: FunctionResult, node: GraphNode) -> ExtractedUnit:
        path = node.key[1]
        deps = sorted({self._dep_label(path, d) for d in node.deps if d != node.key})
        name = node.lift.name if node.lift else node.key[2]
        return ExtractedUnit(path, fr.qualname, node.lines, self.targets[path], name, deps, lift_note(node))

    def _dep_label(self, path: str, dep: GraphKey) -> str:
        node = self.nodes[dep]
        if dep[1] != path:
            return f"{self.targets[dep[1]]}:{dep[2]}"
        target = node.target
        if isinstance(target, External):
            return target.dotted
        if isinstance(target, ProjectName):
            return f"{self.targets[target.path]}:{target.name}"
        if isinstance(target, ProjectModule):
            return self.targets[target.path]
        return dep[2]


def _star_exports(sf: ParsedModule) -> set[str] | None:
    """The names `from m import *` binds from `sf`: its `__all__` when it is a literal list or tuple of strings, else
    its module-level names not starting with `_`; None when `__all__` is anything else (built, extended)."""
    binds = sf.bindings.get("__all__")
    if not binds:
        return {name for name in sf.bindings if not name.startswith("_")}
    stmt = binds[0].node
    value = stmt.value if len(binds) == 1 and isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    names = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return set(names) if len(names) == len(value.elts) and "__all__" not in sf.mutated else None


# Builtins whose result is a new immutable object, whatever they are handed (`bytes([0, 0, 0, VERSION])`).
_IMMUTABLE_RESULTS = frozenset({"bytes", "str", "int", "float", "complex", "bool", "frozenset", "tuple", "range"})


def _immutable(sf: ParsedModule, expr: ast.expr) -> bool:
    """Whether a constant's value is an object nothing can change: a literal, an f-string, a comparison, a tuple of
    such values, arithmetic on them, or what an immutable builtin type the module does not rebind returns."""
    if isinstance(expr, (ast.Constant, ast.JoinedStr, ast.Compare)):
        return True
    if isinstance(expr, ast.Tuple):
        return all(_immutable(sf, e) for e in expr.elts)
    if isinstance(expr, ast.BinOp):
        return _immutable(sf, expr.left) and _immutable(sf, expr.right)
    if isinstance(expr, ast.UnaryOp):
        return _immutable(sf, expr.operand)
    if isinstance(expr, ast.BoolOp):
        return all(_immutable(sf, e) for e in expr.values)
    if isinstance(expr, ast.IfExp):
        return _immutable(sf, expr.body) and _immutable(sf, expr.orelse)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
        return expr.func.id in _IMMUTABLE_RESULTS and expr.func.id not in sf.bindings
    return False


def _name_candidates(first: str, second: str) -> Iterator[str]:
    yield first
    yield second
    counter = 2
    while True:
        yield f"{second}_{counter}"
        counter += 1


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


def _deepest_plain_import(binds: list[ModuleBinding]) -> ModuleBinding | None:
    """`import numpy` and `import numpy.linalg` both bind `numpy`: the deepest one alone binds it the same way and
    loads every module the others load, when each of the others names one of its parent packages (or itself).
    None when the bindings are not all such plain `import a.b` statements, or need two (`xml.dom`, `xml.etree`)."""
    if len(binds) < 2 or not all(isinstance(b.node, ast.Import) and b.alias and not b.alias.asname for b in binds):
        return None
    names = [b.alias.name for b in binds if b.alias is not None]
    deepest = max(range(len(binds)), key=lambda i: names[i].count("."))
    whole = names[deepest]
    if all(whole == n or whole.startswith(n + ".") for n in names):
        return binds[deepest]
    return None


def _annotation_strings(root: ast.AST) -> set[int]:
    """The ids of the string constants inside the annotations under `root` (forward references)."""
    out: set[int] = set()
    for node in ast.walk(root):
        annotations: list[ast.expr | None] = []
        if isinstance(node, ast.arg):
            annotations.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            if annotation is not None:
                out.update(
                    id(c) for c in ast.walk(annotation) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                )
    return out
