"""The whole-project solve: per-file summaries in, file and function verdicts out.

It resolves every name the per-file pass left as a key (imports across files, star imports, class
hierarchies), spreads UI taint to a fixpoint, finds which module-level objects are state (something
rebinds or mutates them), classifies every call, and runs the purity fixpoint over the project's call
graph. Cycles of pure functions stay pure; anything it cannot resolve is `unknown`, never pure.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from . import rules
from .config import EngineConfig
from .fileinfo.nodes import BUILTIN_NAMES
from .model import AnalysisWarning, Blocker, Classification, FileResult, FunctionResult, Reason, ReasonKind
from .modules import ModuleIndex
from .state import runtime_changes
from .summary import (
    Binding,
    CallSite,
    ClassSummary,
    FileSummary,
    FunctionSummary,
    callback_details,
    class_write_reason,
    enclosing_write_name,
    module_write_name,
    module_write_reason,
    stream_operation,
)

_MAX_DEPTH = 12
_PURE_BASES = frozenset({"object", "Exception", "BaseException", "ValueError", "TypeError", "KeyError"})
_ACCESSOR_ATTRS = frozenset({"setter", "getter", "deleter"})
_CHANGES = frozenset({"self_mutation", "arg_mutation", "global_write", "unknown"})  # what a change is reported as
_STRUCTURAL = frozenset({"Protocol", "Interface"})  # bases whose classes only declare what others provide


# What `object`'s method calls when a class does not define the one asked for: `format(x)` and `f"{x}"` run
# `__str__`, which runs `__repr__`; `bool(x)` runs `__len__`.
_DUNDER_FALLBACKS: dict[str, tuple[str, ...]] = {
    "__format__": ("__str__", "__repr__"),
    "__str__": ("__repr__",),
    "__bool__": ("__len__",),
}


@dataclass(frozen=True, slots=True)
class Target:
    """What a name (plus attribute path) denotes in the project."""

    kind: str  # ext | builtin | module | func | class | value | unknown
    ref: str  # dotted name / module name / function gid / class cid / "module:name"
    attrs: tuple[str, ...] = ()


@dataclass(slots=True)
class _Edge:
    """A call of a project function. `fresh`: on an object the caller built; `on_self`: on the caller's
    own self; `fresh_params`: the callee's parameters that receive objects the caller built."""

    callee: str
    lineno: int
    fresh: bool
    on_self: bool = False
    fresh_params: frozenset[str] = frozenset()
    # the callee's parameters that receive a new container of the caller's objects (`CallSite.shallow_args`)
    shallow_params: frozenset[str] = frozenset()
    holds: bool = False
    # a method of self called in `__init__`: the attributes the caller bound to what a parameter holds
    held: frozenset[str] | None = None
    # the callee's parameters that receive a lambda or a function of the caller's own (`CallSite.callable_args`)
    callable_params: frozenset[str] = frozenset()
    # a decorated function's edge to a wrapper its decorator defines: the parameter of the function enclosing the
    # wrapper that holds the decorated function (`Solver._wrapper_edges`)
    wrapped_params: frozenset[str] = frozenset()
    # (the callee's parameter, whose) for each object self holds or parameter of the caller's that the call hands
    # over (`CallSite.owned_args`): a callee changing only those and fresh ones changes them (`_owned_changes`)
    owned_params: tuple[tuple[str, str], ...] = ()
    # the caller is the function the callee is defined in (`Solver.encloser_only`)
    from_encloser: bool = False
    # a call through a partial: the call's arguments say nothing of what the callee's parameters receive
    bare: bool = False


@dataclass(slots=True)
class _Verdict:
    reasons: list[Reason] = field(default_factory=list)
    edges: list[_Edge] = field(default_factory=list)


class Project:
    """All summaries of one analysis, with the lookups the solve needs."""

    def __init__(self, summaries: Iterable[FileSummary], config: EngineConfig, root_package: str | None) -> None:
        self.config = config
        self.files: dict[str, FileSummary] = {}
        # by path: the pipeline's batches hand the summaries over in any order, and the answer must not depend on it
        for summary in sorted(summaries, key=lambda s: s.path):
            if summary.module in self.files:
                # idle.py beside idle.pyw: both are reported; only the first is importable by that name
                summary.module = summary.path
            self.files[summary.module] = summary
        self.index = ModuleIndex([f.path for f in self.files.values()], root_package)
        self.functions: dict[str, tuple[FileSummary, FunctionSummary]] = {}
        self.classes: dict[str, tuple[FileSummary, ClassSummary]] = {}
        self.nested: dict[str, list[str]] = defaultdict(list)
        self.parent_of: dict[str, str] = {}  # a nested function's id -> the function it is defined in
        # the decorated classes a function defines, by the function's id (`Solver._definitions`)
        self.decorated_local_classes: dict[str, list[ClassSummary]] = defaultdict(list)
        for f in self.files.values():
            for fn in f.functions:
                gid = f"{f.module}:{fn.fid}"
                self.functions[gid] = (f, fn)
            by_qualname: dict[str, list[str]] = defaultdict(list)
            for fn in f.functions:
                by_qualname[fn.qualname].append(fn.fid)
            for fn in f.functions:
                if ".<locals>." in fn.qualname:
                    for parent in by_qualname.get(fn.qualname.rsplit(".<locals>.", 1)[0], ()):
                        self.nested[f"{f.module}:{parent}"].append(f"{f.module}:{fn.fid}")
                        self.parent_of[f"{f.module}:{fn.fid}"] = f"{f.module}:{parent}"
            for qual, cls in f.classes.items():
                self.classes[f"{f.module}:{qual}"] = (f, cls)
                if cls.outer is not None and cls.decorators:
                    self.decorated_local_classes[f"{f.module}:{cls.outer}"].append(cls)
        self.pure_table = config.known_pure
        self.impure_table = {**{k: v for k, v in rules.IMPURE_EXCEPTIONS_IN_PURE_MODULES.items() if v}}
        self.impure_table.update(config.known_impure)
        # the libraries the tables judge calls of (`numpy`, `lxml`, `requests`…): imported in a function, for them
        self.known_libraries = frozenset(
            name.split(".")[0] for table in (self.pure_table, self.impure_table, rules.NUMPY_PURE) for name in table
        )
        self._cache: dict[tuple[str, str, int], tuple[Target, ...]] = {}
        self._subclasses: dict[str, list[str]] | None = None
        self._aliasing: set[tuple[str, str]] = set()  # class-body aliases being followed (`_aliased_method`)
        self._all_subclasses: dict[str, list[str]] = {}
        self._bases: dict[str, list[Target]] = {}
        self._mro: dict[str, list[str]] = {}
        self._star_libraries: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ name resolution
    def resolve(self, module: str, name: str, depth: int = 0) -> tuple[Target, ...]:
        """Every thing the module-level `name` of `module` may be bound to.

        A cycle of imports ends at `_MAX_DEPTH`: each resolve it starts is one level deeper, so no key is ever
        asked for while it is being computed (the cache is a memo, not a cycle guard)."""
        key = (module, name, depth)
        if key in self._cache:
            return self._cache[key]
        result = tuple(self._resolve(module, name, depth))
        self._cache[key] = result
        return result

    def _resolve(self, module: str, name: str, depth: int) -> list[Target]:
        f = self.files.get(module)
        if f is None or depth > _MAX_DEPTH:
            return [Target("unknown", name)]
        bindings = live_bindings(f, name)
        if not bindings:
            if name in BUILTIN_NAMES:
                return [Target("builtin", name)]
            out: list[Target] = []
            libraries: list[Target] = []  # what the star imports' own library star imports may bind
            for star_module, level, _ in f.star_imports:
                base = self.index.resolve_from(module, f.is_package, star_module, level)
                if base and base in self.index:
                    # not through this module again: in a cycle of star imports (a <-> b) only the way out counts
                    if self.binds(base, name, frozenset({module})):
                        out.extend(self.resolve(base, name, depth + 1))
                    else:  # aqt's `from aqt.qt import *`, whose qt6.py does `from PyQt6.QtWidgets import *`
                        libraries.extend(Target("ext", f"{lib}.{name}") for lib in self.star_libraries(base))
                elif not level:
                    out.append(Target("ext", f"{star_module}.{name}"))
            # A project module binding the name is what it is (a library's star import binds it only perhaps)
            if libraries and not any(t.kind != "ext" for t in out):
                out.extend(libraries)
            return out or [Target("unknown", name)]
        return [self.binding_target(f, name, b, depth) for b in bindings]

    def star_libraries(self, module: str) -> list[str]:
        """The libraries `module` star-imports, itself or through the project modules it star-imports, in order: a
        name no project module of the chain binds may come from any of them."""
        found = self._star_libraries.get(module)
        if found is None:
            found = []
            seen: set[str] = set()
            todo = [module]
            while todo:
                current = todo.pop()
                f = self.files.get(current)
                if f is None or current in seen:
                    continue
                seen.add(current)
                for star_module, level, _ in reversed(f.star_imports):
                    base = self.index.resolve_from(current, f.is_package, star_module, level)
                    if base and base in self.index:
                        todo.append(base)
                    elif not level and star_module not in found:
                        found.append(star_module)
            self._star_libraries[module] = found
        return found

    def binds(self, module: str, name: str, seen: frozenset[str] = frozenset()) -> bool:
        f = self.files.get(module)
        if f is None or module in seen:
            return False
        if name in f.bindings:
            return True
        for star_module, level, _ in f.star_imports:
            base = self.index.resolve_from(module, f.is_package, star_module, level)
            if base and self.binds(base, name, seen | {module}):
                return True
        return False

    def binding_target(self, f: FileSummary, name: str, b: Binding, depth: int) -> Target:
        if b.kind == "import":
            project = self.index.resolve(b.target, f.module)
            return Target("module", project) if project else Target("ext", b.target)
        if b.kind == "from":
            base = self.index.resolve_from(f.module, f.is_package, b.target, b.level)
            if base is None:
                return Target("unknown", name)
            if base in self.index:
                sub = self.index.submodule(base, b.attr)
                # Python looks at the package's own attribute first (its __init__ may rebind the name); one it gets
                # only by star-importing this very module is this binding itself (tkintertable's `from . import
                # Filtering` in a module its package star-imports), which imports the submodule
                if sub in self.index and not self.binds(base, b.attr, frozenset({f.module})):
                    return Target("module", sub)
                return self._one_of(base, b.attr, self.resolve(base, b.attr, depth + 1))
            if b.level:
                return Target("unknown", name)
            return Target("ext", f"{b.target}.{b.attr}")
        if b.kind == "def":
            return Target("func", f"{f.module}:{b.target}")
        if b.kind == "class":
            return Target("class", f"{f.module}:{b.target}")
        return Target("value", f"{f.module}:{name}")

    def _one_of(self, module: str, name: str, targets: tuple[Target, ...]) -> Target:
        """What an importer sees of a name `module` binds more than one way (`if PY2: from .types2 import
        is_string` / `else: …`): the module's variable, whose calls the solve judges by every binding; or, when
        one binding is a toolkit's (a wrapper's `from PySide6.QtWidgets import *` / `from PyQt5.QtWidgets import
        *` on two branches), that one: a toolkit's name on one branch is UI, as a conditional import of one is."""
        if len(targets) == 1:
            return targets[0]
        return self._toolkit_target(targets) or Target("value", f"{module}:{name}")

    def _toolkit_target(self, targets: tuple[Target, ...]) -> Target | None:
        toolkits = self.config.toolkits
        return next((t for t in targets if t.kind == "ext" and rules.toolkit_of(t.ref, toolkits)), None)

    def _one_found(self, module: str, name: str, found: tuple[Target, ...]) -> tuple[Target, ...]:
        """`module.name` bound more than one way: the module's own bindings as `_one_of` folds them; a name only its
        libraries' star imports may provide (veusz's `qt.QDialog`, of `from PyQt6.QtCore import *` and `from
        PyQt6.QtWidgets import *` in qtall.py), a toolkit's when one of them is (as the importer of a name a toolkit
        star import may provide takes it for UI); several libraries' otherwise, which stays unresolved."""
        if name in self.files[module].bindings:
            return (self._one_of(module, name, found),)
        kit = self._toolkit_target(found)
        return (kit,) if kit is not None else found

    def follow(self, target: Target, attrs: list[str], depth: int = 0) -> Target:
        """Apply an attribute path to a target: `units` + [convert] -> the function core.units.convert."""
        if not attrs or depth > _MAX_DEPTH:
            return target if not attrs else Target("unknown", target.ref, tuple(attrs))
        head, rest = attrs[0], attrs[1:]
        if target.kind in ("ext", "builtin"):
            return Target("ext", ".".join([target.ref, *attrs]))
        if target.kind == "module":
            sub = self.index.submodule(target.ref, head)
            if sub in self.index and not self.binds(target.ref, head):
                return self.follow(Target("module", sub), rest, depth + 1)
            found = self.resolve(target.ref, head)
            if len(found) > 1:
                found = self._one_found(target.ref, head, found)
            return self.follow(found[0], rest, depth + 1) if len(found) == 1 else Target("unknown", sub)
        if target.kind == "class":
            method = self.find_method(target.ref, head)
            if method is not None:
                return Target("func", method, tuple(rest))  # with `rest`: an attribute of the function (or its result)
            nested = f"{target.ref}.{head}"  # `pkg.Outer.Inner`: a class defined in the class body
            if nested in self.classes:
                return self.follow(Target("class", nested), rest, depth + 1)
            return Target("classattr", target.ref, tuple(attrs))
        return Target(target.kind, target.ref, (*target.attrs, *attrs))

    def constant_value(self, f: FileSummary, name: str, t: Target) -> bool:
        """Whether `t`, one of the targets `name` resolves to in `f` itself, stands for the constant fallback of
        an optional import (`import numpy as np` / `np = None`): a method called on it raises or reads an immutable
        value, and changes nothing; the import is a target of its own. Not for a target reached through an import:
        there several bindings may be folded into one value."""
        if t.kind != "value" or t.ref != f"{f.module}:{name}":
            return False
        bindings = f.bindings.get(name, ())
        imported = any(b.kind in ("import", "from") for b in bindings)
        # Without an import beside it, `X = None` is a placeholder something may fill in unseen
        # (`setattr(sys.modules[__name__], "X", …)`, as importlib's bootstrap does): not judged by the constant.
        return imported and _only_constants(bindings)

    def target_of(self, module: str, name: str, attr: str) -> list[Target]:
        attrs = attr.split(".") if attr else []
        return [self.follow(t, attrs) for t in self.resolve(module, name)]

    def dotted_of_binding_value(self, module: str, name: str) -> Target | None:
        """For `log = logging.getLogger(...)`: the target of the callee (the object's "type")."""
        f = self.files.get(module)
        if f is None:
            return None
        for b in f.bindings.get(name, ()):
            if b.kind == "value" and b.origin in ("call", "alias") and b.target:
                targets = self.target_of(module, b.target, b.attr)
                if len(targets) == 1:
                    return targets[0]
        return None

    def _aliased(self, t: Target) -> Target:
        """A module-level variable every running binding of which names one and the same class (`ustr = str`, under
        `if PY3:`): that class; anything else as it is."""
        if t.kind != "value" or t.attrs:
            return t
        module, _, name = t.ref.partition(":")
        f = self.files[module]
        named = {
            tuple(self.target_of(module, b.target, b.attr))
            if b.kind == "value" and b.origin == "alias" and b.target
            else ()
            for b in live_bindings(f, name)
        }
        if len(named) == 1:
            (targets,) = named
            if len(targets) == 1:
                return targets[0]
        return t

    # ------------------------------------------------------------------ classes
    def class_bases(self, cid: str) -> list[Target]:
        if cid in self._bases:
            return self._bases[cid]
        f, cls = self.classes[cid]
        out: list[Target] = []
        self._bases[cid] = out
        for root, attr in cls.bases:
            if root == "?":
                out.append(Target("unknown", "?"))  # a computed base: `class A(make_base())`
                continue
            inner = self._enclosing_class(cid, root)
            if inner is not None:
                out.append(self.follow(Target("class", inner), attr.split(".") if attr else []))
            else:
                out.extend(_runtime_base(self._aliased(t)) for t in self.target_of(f.module, root, attr))
        return out

    def _enclosing_class(self, cid: str, name: str) -> str | None:
        """The class `name` means in the scopes around class `cid`, when one of them defines it: a base is read
        where the `class` statement stands, so `class Child(Base)` in the body of `Outer` is `Outer.Base`, and
        in a function body a class the function defined. Of the scopes further out only functions are seen (a
        class body does not enclose what is nested in it), then the module."""
        module, _, qualname = cid.partition(":")
        parts = qualname.split(".")
        for end in range(len(parts) - 1, 0, -1):
            if end < len(parts) - 1 and parts[end - 1] != "<locals>":
                continue  # an outer class body
            candidate = f"{module}:{'.'.join(parts[:end])}.{name}"
            if candidate in self.classes:
                return candidate
        return None

    def mro(self, cid: str) -> list[str]:
        """Project classes in (approximate) method resolution order, depth-first, without repeats."""
        if cid in self._mro:
            return self._mro[cid]
        order: list[str] = []
        self._mro[cid] = order
        stack = [cid]
        while stack:
            current = stack.pop(0)
            if current in order or current not in self.classes:
                continue
            order.append(current)
            stack[0:0] = [t.ref for t in self.class_bases(current) if t.kind == "class"]
        return order

    def find_method(self, cid: str, name: str) -> str | None:
        """The method `name` of the class `cid` along its MRO; None when no class defines it, or when a class binds
        the name to a value first (`match = re.compile(…).match` over a base's abstract `match`): that value runs.
        A class-body alias of a method (`__radd__ = __add__`, `shallHighlightMatch = Game._match_rk`) is that
        method."""
        for current in self.mro(cid):
            f, cls = self.classes[current]
            if name in cls.methods:
                return f"{f.module}:{cls.methods[name]}"
            if name in cls.fields:
                alias = cls.aliases.get(name)
                return self._aliased_method(current, name, alias) if alias else None
        return None

    def _aliased_method(self, cid: str, name: str, dotted: str) -> str | None:
        key = (cid, name)
        if key in self._aliasing:
            return None  # `a = b` and `b = a` across classes: no method at the end
        self._aliasing.add(key)
        try:
            f, cls = self.classes[cid]
            root, _, rest = dotted.partition(".")
            if not rest:
                return self.find_method(cid, root) if root in cls.methods or root in cls.fields else None
            targets = self.target_of(f.module, root, rest)
            if len(targets) == 1 and targets[0].kind == "func" and not targets[0].attrs:
                return targets[0].ref
            return None
        finally:
            self._aliasing.discard(key)

    def accessors(self, cid: str, attr: str) -> list[str]:
        """Function ids of the property `attr` (getter, setter, deleter) along the class hierarchy."""
        for current in self.mro(cid):
            f, cls = self.classes[current]
            if attr in cls.accessors:
                return [f"{f.module}:{fid}" for fid in cls.accessors[attr]]
        return []

    def getters(self, cid: str, attr: str) -> list[str]:
        """`accessors` but the setters and deleters: what reading the property runs."""
        return [
            gid
            for gid in self.accessors(cid, attr)
            if not any(deco in ("setter", "deleter") for _, deco, _, _ in self.functions[gid][1].decorators)
        ]

    def most_derived(self, cid: str) -> list[str]:
        """The project classes deriving from `cid` that nothing derives from (what a mixin's self may be)."""
        subclasses = self.subclasses(cid)  # builds the index of direct subclasses too
        direct = self._subclasses or {}
        return [sub for sub in subclasses if not direct.get(sub)]

    def subclasses(self, cid: str) -> list[str]:
        """Project classes deriving from `cid`, directly or not (their overrides may run instead)."""
        if self._subclasses is None:
            index: dict[str, list[str]] = defaultdict(list)
            for other in self.classes:
                for base in self.class_bases(other):
                    if base.kind == "class":
                        index[base.ref].append(other)
            self._subclasses = index
        found = self._all_subclasses.get(cid)
        if found is not None:
            return found
        out: list[str] = []
        seen: set[str] = set()  # a list's `in` made this quadratic: unittest.TestCase has hundreds of subclasses
        stack = list(self._subclasses.get(cid, ()))
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                out.append(current)
                stack.extend(self._subclasses.get(current, ()))
        self._all_subclasses[cid] = out  # asked once per `self.m()` call: the same answer every time
        return out

    def external_bases(self, cid: str) -> list[Target]:
        return [t for c in self.mro(cid) for t in self.class_bases(c) if t.kind != "class"]

    # ------------------------------------------------------------------ external classification
    def pure_init(self, dotted: str) -> bool:
        """`X.__init__` of a library class whose construction the tables hold pure by its exact name (`queue.Queue`,
        `io.StringIO`): a subclass's `super().__init__()` or `X.__init__(self)` builds the object it is building. Not
        by a `module.*` prefix, which says nothing of a class's `__init__`, nor a builtin's: `super(C, self).__init__()`
        (through `_safe_super = super`, as unittest.mock does) runs the next class's `__init__`, not super's."""
        cls = dotted[: -len(".__init__")]
        return dotted.endswith(".__init__") and "." in cls and cls in self.pure_table

    def classify(self, dotted: str, floor: int = 1) -> str | None:
        """`pure`, a reason kind, or None (not known either way). Exact names win; then the longest prefix.

        An impure prefix shorter than `floor` parts is not applied: for `os.path.normpath(p).rstrip()` (the
        method of what a call returned, `floor` = the callee's parts) `os.*` judges the call to normpath, not
        the str it returns. Pure `module.*` prefixes still apply (`hashlib.sha256(b).hexdigest()`).
        """
        dotted = dotted.removeprefix("builtins.")
        if dotted in self.impure_table:
            return self.impure_table[dotted]
        if dotted in self.pure_table:
            return "pure"
        if rules.constructs_exception(dotted) or self.pure_init(dotted):  # a toolkit's `wx.LogError` is UI all the same
            return "pure"
        parts = dotted.split(".")
        for end in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:end])
            if prefix in self.impure_table and end >= floor:
                return self.impure_table[prefix]
            wildcard = prefix + ".*"
            if wildcard in self.impure_table and end >= floor:
                return self.impure_table[wildcard]
            if wildcard in self.pure_table:
                return "pure"
        return None


class Solver:
    def __init__(self, project: Project) -> None:
        self.p = project
        self.state: dict[tuple[str, str], tuple[str, int]] = {}  # (module, name) -> (path, line) of a write
        self.tainted: set[str] = set()
        self.verdicts: dict[str, _Verdict] = {}
        self.impure: set[str] = set()
        self.leaky: set[str] = set()
        # while `local_verdicts` judges an `__init__`/`__post_init__`: the attributes holding objects it did not
        # build, `_held_attributes` (None for any other function)
        self._held: frozenset[str] | None = None
        self._held_memo: dict[str, list[tuple[str, str]]] = {}  # `_all_held`
        self.parts_of: dict[str, set[str]] = {}  # the attributes of self whose objects a method changes, by calls too
        self.via_calls: set[str] = set()
        self.param_only: dict[str, frozenset[str]] = {}
        # of those parameters, the ones whose parts it changes, not only the object itself (`param_parts_mutated`)
        self.param_parts: dict[str, frozenset[str]] = {}
        # functions whose only reasons are calls of their own callback parameters (`FunctionSummary.callback_params`)
        self.callback_only: dict[str, frozenset[str]] = {}
        # nested functions whose only reasons are calls of their enclosing function's parameters, and which those
        # are (`_enclosing_params`): a decorator's wrapper calling back the decorated function
        self.wrapper_only: dict[str, frozenset[str]] = {}
        # nested functions whose only reasons are changes of the state of the function they are defined in (its
        # variables, the objects it built: `FunctionSummary.encloser_changes`): impure, but not for that function
        self.encloser_only: set[str] = set()
        self.result_params: dict[str, set[str]] = {}  # parameters changed through what a call returned
        # function id -> what the changes of its call results reach (`_result_origins`, worked out in `solve_state`)
        self.result_reach: dict[str, list[tuple[int, str, str, str]]] = {}
        self.parts: set[str] = set()  # change objects held by self
        self._imports: list[tuple[str, str]] = []  # (source key, importer's key) of every import link
        self._toolkit_names: list[str] = []  # keys bound to a toolkit module or class by an import
        self._wrappers: dict[str, bool] = {}  # module -> whether it is a toolkit wrapper (`_star_imports_a_toolkit`)
        self._changed: frozenset[str] | None = None  # `_changed_elsewhere`
        self.inherited: dict[str, list[Reason]] = {}  # function id -> changes of a base's fields: `inherited_changes`
        self._builders: set[str] = set()
        self._callee_memo: dict[tuple[str, str, str, str], list[str]] = {}
        self._alias_depth = 0

    # ------------------------------------------------------------------ UI taint
    def solve_taint(self) -> None:
        """Spread UI taint from toolkit imports and UI classes along every derivation, across files; then the
        widgets that travel as values (`solve_widgets`), and what is derived from them."""
        p = self.p
        edges: dict[str, list[str]] = defaultdict(list)
        seeds: list[str] = []
        for f in p.files.values():
            self._file_taint_edges(f, edges, seeds)
        toolkits = p.config.toolkits
        for cid, (f, cls) in p.classes.items():
            for base in p.class_bases(cid):
                if base.kind == "class":
                    bf, bcls = p.classes[base.ref]
                    edges[f"{bf.module}|s:{bcls.qualname}"].append(f"{f.module}|s:{cls.qualname}")
                elif base.kind == "ext" and rules.toolkit_of(base.ref, toolkits):
                    seeds.append(f"{f.module}|s:{cls.qualname}")
        self._spread(seeds, edges)
        self._spread(self._fields_holding_toolkit_members(), edges)
        self._spread(sorted(self.solve_widgets() - self.tainted), edges)

    def _fields_holding_toolkit_members(self) -> list[str]:
        """A field of a UI class whose value comes from what the toolkit provides (`self.slider = self.ids.slider_id`,
        of kivy's `ids`; `self.w = self.width * 2`): the toolkit's, so reading the field is UI, as reading `self.ids`
        is ("attributes assigned UI values", issue 12 item 3). A local computed from them (`ax = self.x + 2`) stays
        the method's own data. Once the classes' taint is known (`_toolkit_member` asks it)."""
        found: list[str] = []
        for f in self.p.files.values():
            for key, sources in f.derive.items():
                if key.startswith("a:") and any(
                    src.startswith("a:") and self._toolkit_member(f.module, src) for src in sources
                ):
                    found.append(f"{f.module}|{key}")
        return sorted(set(found))

    def _spread(self, seeds: Iterable[str], edges: dict[str, list[str]]) -> None:
        queue = deque(seeds)
        tainted = self.tainted
        while queue:
            key = queue.popleft()
            if key in tainted:
                continue
            tainted.add(key)
            queue.extend(edges.get(key, ()))

    def _file_taint_edges(self, f: FileSummary, edges: dict[str, list[str]], seeds: list[str]) -> None:
        m = f.module
        for key, sources in f.derive.items():
            for src in sources:
                if src.startswith("ui:"):
                    if self._imports_own_module(f, key):
                        continue  # the project's own module, spelled like a toolkit's (`kivy_garden.mapview.utils`)
                    seeds.append(f"{m}|{key}")
                    self._toolkit_names.append(f"{m}|{key}")
                elif src.startswith("i:"):  # a name a function imports (`FileVisitor.import_bound`)
                    dots, module, attr = src[2:].split(":", 2)
                    binding = Binding(kind="from", target=module, attr=attr, level=int(dots))
                    self._link_target(self.p.binding_target(f, attr, binding, 0), f"{m}|{key}", edges, seeds)
                else:
                    edges[f"{m}|{src}"].append(f"{m}|{key}")
        for name, blist in f.bindings.items():
            for b in blist:
                self._link_binding(f, name, b, edges, seeds)
        self._ref_taint_edges(f, edges, seeds)

    def _ref_taint_edges(self, f: FileSummary, edges: dict[str, list[str]], seeds: list[str]) -> None:
        """What the file reads that another file's names decide: a name of a project module read through it (`m:`),
        a star import's (`*:`), a name no binding of the file gives, which a star import may."""
        m = f.module
        toolkits = self.p.config.toolkits
        ui_star = any(not level and rules.toolkit_of(mod, toolkits) for mod, level, _ in f.star_imports)
        for key in f.refs:
            if key.startswith("m:"):
                member = self._module_member(m, key[2:])
                if member is not None:
                    self._imports.append((member, f"{m}|{key}"))
                    edges[member].append(f"{m}|{key}")
            elif key.startswith("*:"):
                seeds.append(f"{m}|{key}")
            elif key.startswith("g:") and key[2:] not in f.bindings and f.star_imports:
                # a name this file never binds: it may come from a star import
                name, dst = key[2:], f"{m}|{key}"
                if ui_star:
                    seeds.append(dst)
                for t in self.p.resolve(m, name):
                    self._link_target(t, dst, edges, seeds)
                for star_module, level, _ in f.star_imports:
                    base = self.p.index.resolve_from(m, f.is_package, star_module, level)
                    if base and base in self.p.files and self.p.binds(base, name):
                        self._imports.append((f"{base}|g:{name}", dst))
                        edges[f"{base}|g:{name}"].append(dst)  # `from .qt import *` re-exports the wrapper's names

    def _module_member(self, module: str, dotted: str) -> str | None:
        """The key of what `dotted` (an `m:` key: an imported name and the attributes read of it) names in a project
        module: `main.studio_app` after `from . import main` is `pkg.main|g:studio_app`, `app.main.App` after
        `import app.main` is `app.main|g:App`; None when the name is no project module (a library's, a class). The
        module's own binding, not what `Project.follow` reaches through it: that key holds the binding's taint
        whatever it was derived from, as a `from .main import studio_app` re-export's does."""
        name, *attrs = dotted.split(".")
        targets = self.p.resolve(module, name)
        if len(targets) != 1:
            return None
        t = targets[0]
        for head in attrs:
            if t.kind != "module":
                return None
            sub = self.p.index.submodule(t.ref, head)
            if sub not in self.p.index or self.p.binds(t.ref, head):
                return f"{t.ref}|g:{head}"
            t = Target("module", sub)
        return None

    def _imports_own_module(self, f: FileSummary, key: str) -> bool:
        """`key` is a name only absolute imports of the project's own modules bind: kivy_garden.mapview's `from
        kivy_garden.mapview.utils import clamp` names a toolkit's package by its spelling (the garden is Kivy's),
        but the project is that package, and clamp is its function, judged as such; under a folder no import names
        too (`mapview/kivy_garden/…`, a checkout analysed from its parent folder), but not by a tail of a module
        inside a package: `import wx` beside the project's `gui/wx.py` stays wxPython's, as a toolkit's name is taken
        for the toolkit's unless the project holds that very module (`ModuleIndex.below_root`)."""
        if not key.startswith("g:"):
            return False
        bindings = f.bindings.get(key[2:], [])
        declared = self.p.config.extra_toolkits  # a wrapper the user named a toolkit (`{"app.qt": "Qt"}`) stays one
        return bool(bindings) and all(
            b.kind in ("import", "from")
            and not b.level
            and self.p.index.below_root(b.target, f.module) is not None
            and not rules.toolkit_of(b.target, declared)
            for b in bindings
        )

    def _link_binding(
        self, f: FileSummary, name: str, b: Binding, edges: dict[str, list[str]], seeds: list[str]
    ) -> None:
        if b.kind not in ("from", "import") or b.type_checking:
            return
        dst = f"{f.module}|g:{name}"
        target = self.p.binding_target(f, name, b, 0)
        if b.kind == "import":
            if target.kind == "module" and self._star_imports_a_toolkit(target.ref):
                seeds.append(dst)  # `import app.qtall as qt`: the wrapper module itself, as `import tkinter as tk` is
            return
        self._link_target(target, dst, edges, seeds)
        if target.kind in ("func", "class", "ext", "module") and not target.attrs:
            return  # defined there, or not a project name: no re-export chain to follow
        base = self.p.index.resolve_from(f.module, f.is_package, b.target, b.level)
        if base and base in self.p.files and base != f.module and self.p.binds(base, b.attr):
            # the name as the imported module holds it: a project module re-exporting a wrapper's names passes
            # on their taint, however far the chain (`from .qt import QtWidgets` where qt.py imports it)
            self._imports.append((f"{base}|g:{b.attr}", dst))
            edges[f"{base}|g:{b.attr}"].append(dst)

    def _link_target(self, t: Target, dst: str, edges: dict[str, list[str]], seeds: list[str]) -> None:
        src = self._key_of_target(t)
        if src:
            self._imports.append((src, dst))
            edges[src].append(dst)
        elif t.kind == "ext" and rules.toolkit_of(t.ref, self.p.config.toolkits):
            seeds.append(dst)  # a toolkit name a project module re-exports (`from PyQt5.QtWidgets import *`)
            self._toolkit_names.append(dst)
        elif t.kind == "module" and not t.attrs and self._star_imports_a_toolkit(t.ref):
            seeds.append(dst)  # veusz's `from .. import qtall as qt`: the wrapper module read as one (`qt.QDialog`)

    def _star_imports_a_toolkit(self, module: str) -> bool:
        """A wrapper: a project module that star-imports a toolkit itself and defines no function or class (veusz's
        qtall.py, a compat `qt.py`). Read as a module, it is that toolkit's names. Not a module of the app's own
        that star-imports the toolkit for its classes (idlelib's debugger.py: `debugger.Idb` is its own class), nor a
        package re-exporting its own UI modules by star. Asked once per import of the module: kept per module."""
        known = self._wrappers.get(module)
        if known is None:
            f = self.p.files.get(module)
            toolkits = self.p.config.toolkits
            known = self._wrappers[module] = (
                f is not None
                and not any(b.kind in ("def", "class") for bindings in f.bindings.values() for b in bindings)
                and any(not level and rules.toolkit_of(mod, toolkits) for mod, level, _ in f.star_imports)
            )
        return known

    def _key_of_target(self, t: Target) -> str | None:
        if t.attrs:
            return None
        if t.kind in ("func", "value", "class"):
            module, _, rest = t.ref.partition(":")
            if t.kind == "func":
                rest = rest.split("@")[0]
            return f"{module}|g:{rest}"
        return None

    # ------------------------------------------------------------------ widgets as values (issue 10)
    def solve_widgets(self) -> set[str]:
        """The keys whose value is a widget, to a fixpoint over the project.

        Widgets are `self` of UI classes, objects built from a UI class or toolkit (`tk.Toplevel(…)`), and what
        a widget method is called on (`x.winfo_width()`, in a project using that toolkit). They travel as values
        only: into a parameter from any call site handing one over (precision first: one UI call site is
        enough), into `self.x` and locals by assignment, out of a function that returns one (a parameter returned
        as it is does not count: that would make every caller of a pass-through helper UI), and across imports.
        """
        p = self.p
        tainted = self.tainted
        edges: dict[str, list[str]] = defaultdict(list)
        for src, dst in self._imports:
            edges[src].append(dst)
        seeds = [key for key in tainted if "|s:" in key]
        self._builders = self._toolkit_names_through_imports(edges)
        families = {rules.TOOLKIT_FAMILIES.get(kit) for f in p.files.values() for kit in f.toolkits}
        # Calls are resolved only when a widget reaches them: what flows into a call waits under its argument's
        # key, what a call returns under the callee's name (most values never meet a widget).
        arguments: dict[str, list[tuple[FileSummary, CallSite]]] = defaultdict(list)
        results: dict[str, list[tuple[FileSummary, str]]] = defaultdict(list)
        for f in p.files.values():
            self._widget_edges(f, families, edges, seeds, arguments, results)
        widgets: set[str] = set()
        queue = deque(seeds)
        while queue:
            key = queue.popleft()
            if key in widgets:
                continue
            widgets.add(key)
            queue.extend(edges.get(key, ()))
            _, _, local = key.partition("|")
            for f, call in arguments.get(key, ()):
                queue.extend(self._argument_targets(f, call, local))
            if local.startswith(("r:", "s:")):
                name = local[2:].split("@")[0].rsplit(".", 1)[-1]
                for f, ckey in results.get(name, ()):
                    if key in self._result_sources(f, ckey):
                        queue.append(f"{f.module}|{ckey}")
        return widgets

    def _widget_edges(
        self,
        f: FileSummary,
        families: set[str | None],
        edges: dict[str, list[str]],
        seeds: list[str],
        arguments: dict[str, list[tuple[FileSummary, CallSite]]],
        results: dict[str, list[tuple[FileSummary, str]]],
    ) -> None:
        m = f.module
        for target, sources in f.links.items():
            for src in sources:
                if not src.startswith("k:"):
                    edges[f"{m}|{src}"].append(f"{m}|{target}")
                elif self._builds_widgets(m, src[2:]):
                    seeds.append(f"{m}|{target}")  # built by calling a UI class or a toolkit's class
        seeds.extend(f"{m}|{key}" for key, method in f.widget_calls if rules.widget_method_family(method) in families)
        for fn in f.functions:
            if fn.returns:
                own = {f"l:{fn.fid}:{param}" for param in fn.params}
                for key in fn.returns:
                    if key.startswith("k:"):  # `return tk.Label(root)`: what it returns is built by the toolkit
                        if self._builds_widgets(m, key[2:]):
                            seeds.append(f"{m}|r:{fn.fid}")
                    elif key not in own:
                        edges[f"{m}|{key}"].append(f"{m}|r:{fn.fid}")
            for call in fn.calls:
                for key in {key for _, key in call.args}:
                    arguments[f"{m}|{key}"].append((f, call))
        for key in f.refs:
            if key.startswith("c:"):
                _, _, name, attr = key.split(":", 3)
                callee = attr.rsplit(".", 1)[-1] if attr else name.split("@")[0].rsplit(".", 1)[-1]
                results[callee].append((f, key))

    def _toolkit_names_through_imports(self, imports: dict[str, list[str]]) -> set[str]:
        """Names bound, through imports, to a toolkit module or class (`tk`, a wrapper's `QtWidgets`)."""
        names: set[str] = set()
        queue = deque(self._toolkit_names)
        while queue:
            key = queue.popleft()
            if key not in names:
                names.add(key)
                queue.extend(imports.get(key, ()))
        return names

    def _builds_widgets(self, module: str, key: str) -> bool:
        """Whether a capitalised call on `key` builds a widget (a `k:` link): `key` names a toolkit module or class
        through imports (`tk.Toplevel(…)`). Not any UI-tainted name: `idleConf.GetOption(…)` and wx-style
        `fs.URLToFileName(…)` are methods, not classes. A project class that is UI (`Editor(root)`) needs no
        lookup here: the call's `c:` key already makes its value `self` of the class (`_result_sources`)."""
        return f"{module}|{key}" in self._builders

    def _argument_targets(self, f: FileSummary, call: CallSite, key: str) -> list[str]:
        """The parameters a widget under `key` reaches through this call."""
        out = []
        for callee in self._callees(f, call.kind, call.name, call.attr):
            cf, cfn = self.p.functions[callee]
            for slot, arg in call.args:
                if arg != key:
                    continue
                if slot.isdigit():
                    if int(slot) >= len(cfn.params):
                        continue
                    slot = cfn.params[int(slot)]
                out.append(f"{cf.module}|l:{cfn.fid}:{slot}")
        return out

    def _callees(self, f: FileSummary, kind: str, name: str, attr: str) -> list[str]:
        """The project functions a call may run (constructors: `__init__`), for values flowing into them."""
        memo = (f.module, kind, name, attr)
        found = self._callee_memo.get(memo)
        if found is None:
            found = self._callee_memo[memo] = self._find_callees(f, kind, name, attr)
        return found

    def _find_callees(self, f: FileSummary, kind: str, name: str, attr: str) -> list[str]:
        p = self.p
        m = f.module
        if kind == "local":
            gid = f"{m}:{name}"
            return [gid] if gid in p.functions else []
        if kind in ("self", "class", "super"):
            cid = f"{m}:{name}"
            if cid not in p.classes:
                return []
            method = "__init__" if kind == "class" else attr
            if kind == "super":
                found = next((x for base in p.mro(cid)[1:] if (x := p.find_method(base, method))), None)
                return [found] if found else []
            found = p.find_method(cid, method)
            out = [found] if found else []
            if kind == "self":
                out += [x for sub in p.subclasses(cid) if (x := self._own_method(sub, method))]
            return out
        if kind != "global":
            return []
        out = []
        for t in p.target_of(m, name, attr):
            if t.kind == "func" and not t.attrs:
                out.append(t.ref)
            elif t.kind == "class" and not t.attrs:
                init = p.find_method(t.ref, "__init__")
                if init:
                    out.append(init)
        return out

    def _result_sources(self, f: FileSummary, key: str) -> list[str]:
        """What a `c:` key's value may be: the callee's `r:` key, or `self` of a class it builds."""
        _, kind, name, attr = key.split(":", 3)
        p = self.p
        if kind != "global":
            return [self._returns_of(callee) for callee in self._callees(f, kind, name, attr)]
        out = []
        for t in p.target_of(f.module, name, attr):
            if t.kind == "func" and not t.attrs:
                out.append(self._returns_of(t.ref))
            elif t.kind == "class" and not t.attrs:  # a constructor: the object is `self` of its class
                cf, cls = p.classes[t.ref]
                out.append(f"{cf.module}|s:{cls.qualname}")
        return out

    def _returns_of(self, gid: str) -> str:
        cf, cfn = self.p.functions[gid]
        return f"{cf.module}|r:{cfn.fid}"

    def is_tainted(self, module: str, key: str) -> bool:
        if f"{module}|{key}" in self.tainted:
            return True
        if key.startswith("a:"):
            _, cls, attr = key.split(":", 2)
            for current in self.p.mro(f"{module}:{cls}")[1:]:
                cm, _, cq = current.partition(":")
                if f"{cm}|a:{cq}:{attr}" in self.tainted:
                    return True
        return False

    # ------------------------------------------------------------------ state (mutated module objects)
    def inherited_changes(self) -> None:
        """A method changing what a field holds that its base class binds to something not an instance's own
        (`ClassSummary.not_own`: a mutable class attribute, `self.cache = CACHE`): that object changes, shared by
        every instance (`global_write`, and state for its readers), as the walk says of the base's own methods. The
        walk cannot see a base in another file, nor the base's body from a subclass in the same one; the nearest
        class along the MRO that binds the attribute decides, and the class's own binding of it leaves it to the
        walk."""
        p = self.p
        for cid, (f, cls) in p.classes.items():
            order = p.mro(cid)
            if len(order) < 2:
                continue
            for fid in cls.methods.values():
                gid = f"{f.module}:{fid}"
                found = p.functions.get(gid)
                if found is None or not found[1].self_part_lines:
                    continue
                for attr, lineno, what in found[1].self_part_lines:
                    if attr in cls.fields:
                        continue
                    base = next((b for b in order[1:] if attr in p.classes[b][1].fields), None)
                    if base is not None:
                        for held in p.classes[base][1].not_own.get(attr, ()):
                            self._inherited_change(gid, f, base, held, lineno, what)

    def _inherited_change(self, gid: str, f: FileSummary, base: str, held: str, lineno: int, what: str) -> None:
        bf, bcls = self.p.classes[base]
        kind, _, name = held.partition(":")
        if kind == "class":
            self.state.setdefault((base, name), (f.path, lineno))
            detail = class_write_reason(f"{bcls.qualname}.{name}", what)
        elif stream_operation(what):
            return
        else:
            root, _, first = name.partition(".")
            for t in self.p.target_of(bf.module, root, ""):
                self._mark_state(t, first, f.path, lineno)
            detail = module_write_reason(name, what)
        self.inherited.setdefault(gid, []).append(Reason("global_write", lineno, detail))

    def solve_state(self) -> None:
        p = self.p
        for f in p.files.values():
            for change in runtime_changes(f, unknown_methods_change=True):
                if not change.by_method:
                    for t in p.target_of(f.module, change.name, ""):
                        self._mark_state(t, change.attrs[0] if change.attrs else "", f.path, change.lineno)
                    continue
                for t in p.target_of(f.module, change.name, ".".join(change.attrs)):
                    if p.constant_value(f, change.name, t):
                        continue
                    if t.kind == "value" and not t.attrs and self._pure_library_method(t, change.method):
                        continue  # `FMT.pack(n)` where `FMT = struct.Struct("<I")`: reads its object only
                    if t.kind == "value":
                        self.state.setdefault(_state_key(t), (f.path, change.lineno))
                    elif t.kind == "classattr" and t.attrs:
                        self.state.setdefault((t.ref, t.attrs[0]), (f.path, change.lineno))
        self._result_state()

    def _result_state(self) -> None:
        """Module objects changed through what a call returned (`def registry(): return REGISTRY`, then
        `registry()[k] = v`): state, as the walk's own changes are."""
        for f in self.p.files.values():
            for fn in f.functions:
                if not fn.result_mutations:
                    continue
                reach = self.result_reach[f"{f.module}:{fn.fid}"] = list(self._result_origins(f, fn))
                for lineno, _, origin, module in reach:
                    if origin.startswith("global:"):
                        for t in self.p.target_of(module, origin[len("global:") :], ""):
                            self._mark_state(t, "", f.path, lineno)

    def _pure_library_method(self, t: Target, method: str) -> bool:
        """Whether `method` of the module-level value `t` is one the tables know to be pure: the value is built by
        a library call (`struct.Struct(…)`), and a pure call changes nothing, its receiver included."""
        if method in rules.MUTATING_METHODS:
            return False  # the tables call `set.update` pure on a fresh set: on this one it changes module state
        module, _, name = t.ref.partition(":")
        origin = self.p.dotted_of_binding_value(module, name)
        return (
            origin is not None
            and origin.kind == "ext"
            and self.p.classify(f"{origin.ref}.{method}") == "pure"  # as `_value_call` judges the call itself
        )

    def _mark_state(self, t: Target, attr: str, path: str, lineno: int) -> None:
        # A value's object changes whichever attribute the change goes through (`CONF.rows[0] = x`), as a method of
        # one does (`CONF.rows.append(x)`, above); a module's, a class's or a function's attribute is a name of its own.
        if t.kind == "value" and attr and self._constant(t):
            return  # `Flag = None` before `class Flag`: a constant has no attribute to change, the class has
        if t.kind == "value" or (t.kind in ("func", "class") and not attr):
            self.state.setdefault(_state_key(t), (path, lineno))
        elif t.kind in ("module", "class", "func") and attr:  # `counter.calls += 1`: a function's attribute too
            self.state.setdefault((t.ref, attr), (path, lineno))

    def _constant(self, t: Target) -> bool:
        """Whether every value the module-level name `t` is bound to is a constant (`None`, a number, a string, a
        tuple of them)."""
        module, name = _state_key(t)
        f = self.p.files.get(module)
        return f is not None and _only_constants(f.bindings.get(name, ()))

    # ------------------------------------------------------------------ local verdicts
    def local_verdicts(self) -> None:
        for gid, (f, fn) in self.p.functions.items():
            v = _Verdict(reasons=self._possible_changes(f, fn.reasons))
            v.reasons.extend(self.inherited.get(gid, ()))
            self._held = self._held_attributes(f, fn, v) if _builds_self(fn) else None
            self._ui_reasons(f, fn, v)
            self._self_properties(f, fn, v)
            self._decorators(f, fn, v)
            self._definitions(gid, f, v)
            self._reads(f, fn, v)
            if fn.result_mutations:
                self._result_mutations(gid, fn, v)
            for call in fn.calls:
                if call.kind == "raise":
                    self._raise(f, call, v)
                elif call.self_attr and self._attr_rebound(f, fn, call, v):
                    continue
                else:
                    before = len(v.edges)
                    self._call(f, call, v)
                    if call.callable_names and len(v.edges) > before:
                        self._named_callbacks(f, call, v, before)
            nested = self.p.nested.get(gid)
            if nested:
                v.edges = [replace(e, from_encloser=True) if e.callee in nested else e for e in v.edges]
            self.verdicts[gid] = v

    def _possible_changes(self, f: FileSummary, reasons: list[Reason]) -> list[Reason]:
        """The walk's reasons, less its changes of a module-level name that holds only constants (`ANY_SUIT = -1`):
        an object built with `suit=ANY_SUIT` and then given an attribute may hold the integer, as far as the walk
        can tell, but nothing changes an integer. The walk cannot see a binding in another file; the solve can. A name
        some function rebinds (`global CONFIG; CONFIG = Config()` beside `CONFIG = None`) is state, and stays."""
        out = list(reasons)
        for reason in reasons:
            if reason.kind == "global_write":
                name = module_write_name(reason.detail)
                if name is not None and self._holds_constants(f, name):
                    out.remove(reason)
        return out

    def _holds_constants(self, f: FileSummary, name: str) -> bool:
        targets = self.p.target_of(f.module, name, "")
        return bool(targets) and all(
            t.kind == "value" and self._constant(t) and _state_key(t) not in self.state for t in targets
        )

    def _named_callbacks(self, f: FileSummary, call: CallSite, v: _Verdict, before: int) -> None:
        """`apply(operator.add, x, y)`, `parse(s, int)`, `common_prefix(paths, PureWindowsPath)`: a project callee
        calling back a parameter that this call fills with a module-level or builtin object runs that object. The
        caller answers for it, as for a lambda it hands over: it is judged as called here, and the callee's calls
        of that parameter add nothing (`_answered`)."""
        judged: set[tuple[str, str]] = set()
        for edge in v.edges[before:]:
            if edge.bare:
                continue
            found = self.p.functions.get(edge.callee)
            callbacks = found[1].callback_params if found is not None else ()
            answered: set[str] = set()
            for slot, name, attr in call.callable_names:
                param = self._params_at([slot], edge.callee)
                if not param or not param <= set(callbacks):
                    continue
                answered |= param
                if (name, attr) not in judged:
                    judged.add((name, attr))
                    self._call(f, CallSite("global", name, attr, call.lineno), v)
            if answered:
                edge.callable_params = edge.callable_params | answered

    def _held_attributes(self, f: FileSummary, fn: FunctionSummary, v: _Verdict) -> frozenset[str]:
        """The attributes of self in which an `__init__` holds objects it did not build: bound from its parameters,
        or by a base class's `__init__` from what `super().__init__(…)` handed it. Changing one there changes the
        caller's object: a subclass appending to the list its base bound (`super().__init__(items);
        self.items.append(0)`) changes `items` as `self.items = items; self.items.append(0)` does."""
        held = {attr for attr, _ in fn.held_params}
        for attr, origins, lineno in self._base_held(f, fn):
            held.add(attr)
            if attr in fn.self_parts:
                what = f"self.{attr}, which the base class's __init__ holds"
                for origin in origins:
                    self._result_effect(fn, origin, lineno, what, v)
        return frozenset(held)

    def _base_held(self, f: FileSummary, fn: FunctionSummary) -> Iterator[tuple[str, list[str], int]]:
        """(attribute, what the caller handed over for it, line) for each attribute of self the base class's
        `__init__` binds from an argument of `super().__init__(…)` that is not an object `fn` built."""
        for call in fn.calls:
            if call.kind != "super" or call.attr != "__init__" or not call.arg_origins:
                continue
            callee = self._base_method(f"{f.module}:{call.name}", "__init__")
            if callee is None:
                continue
            callee_fn = self.p.functions[callee][1]
            for attr, param in self._all_held(callee):
                # a new container of the caller's objects (`list(items)`, "shallow:") is the object's own
                origins = [
                    o
                    for o in self._caller_origins(callee_fn, f"param:{param}", "self", call.arg_origins)
                    if o and not o.startswith("shallow:")
                ]
                if origins:
                    yield attr, origins, call.lineno

    def _all_held(self, gid: str) -> list[tuple[str, str]]:
        """`held_params` of an `__init__`, with what its own `super().__init__(…)` makes the base hold of its
        parameters (a chain of bases each passing `items` up)."""
        found = self._held_memo.get(gid)
        if found is None:
            self._held_memo[gid] = []  # a cycle of bases (broken code) ends here
            f, fn = self.p.functions[gid]
            found = list(fn.held_params)
            for attr, origins, _ in self._base_held(f, fn):
                found += [(attr, o[len("param:") :]) for o in origins if o.startswith("param:")]
            self._held_memo[gid] = found
        return found

    def _base_method(self, cid: str, name: str) -> str | None:
        """The method `name` that `super().name` in class `cid` runs (the first base in the MRO defining it)."""
        if cid not in self.p.classes:
            return None
        for base in self.p.mro(cid)[1:]:
            found = self.p.find_method(base, name)
            if found:
                return found
        return None

    def _typed_library_call(self, call: CallSite, v: _Verdict) -> None:
        """A method of a value of a library type: one the function built (changing it changes nothing else), or
        `self.x` the class built (`_held_library_object`)."""
        if call.self_attr:
            self._held_library_object(call, v)
        else:
            self._external_call(call.name, call.attr, call.lineno, v, fresh=True, result_of_call=True)

    def _held_library_object(self, call: CallSite, v: _Verdict) -> None:
        """A method of `self.x`, an object of a library type the class built (`self._thread.start()`,
        `self._matcher.set_seqs(a, b)`). Its known effects apply (io, …); otherwise only a read-only name is
        pure: a pure module's type may still change the object it is called on, and that object is self's."""
        full = f"{call.name}.{call.attr}"  # the class's own lock (`with self._lock:`) was let through (`_typed_call`)
        shown = f"self.{call.self_attr}.{call.attr}()"
        kind = self.p.classify(full, floor=call.name.count(".") + 1)  # a toolkit's object: UI by its taint
        if kind is not None and kind != "pure":
            v.reasons.append(Reason(_kind(kind), call.lineno, f"calls {shown} ({full})"))
        elif call.attr in rules.NDARRAY_METHODS and self._returns_array(call.name):
            return  # `self.v = np.zeros(3)` … `self.v.dot(w)`: a read of the array (or a view of it)
        elif not rules.reads_only(call.attr, call.name):  # `self._timer.start()` starts a threading.Timer
            v.reasons.append(Reason("unknown", call.lineno, f"calls {shown} ({full}), which may change it"))

    def _attr_rebound(self, f: FileSummary, fn: FunctionSummary, call: CallSite, v: _Verdict) -> bool:
        """A method of `self.x` typed by what the class binds `x` to: a project subclass binding `x` too may put
        another type there, whose method is not the one judged (`unknown`)."""
        cid = f"{f.module}:{fn.class_qualname}"
        for sub in self.p.subclasses(cid) if cid in self.p.classes else ():
            cls = self.p.classes[sub][1]
            if call.self_attr in cls.fields:
                if call.attr.rsplit(".", 1)[-1] in rules.IMPLICIT_DUNDERS:  # `Cls.__len__`, `make.__getitem__`
                    return True  # `self.x[k]`, `len(self.x)`, `x` typed two ways: as an untyped field's, a read
                shown = f"self.{call.self_attr}.{call.attr.rsplit('.', 1)[-1]}()"
                v.reasons.append(Reason("unknown", call.lineno, f"calls {shown}: {cls.qualname} binds it too"))
                return True
        return False

    def _ui_reasons(self, f: FileSummary, fn: FunctionSummary, v: _Verdict) -> None:
        count = 0
        for key, lineno in fn.refs:
            if self.is_tainted(f.module, key):
                v.reasons.append(Reason("ui", lineno, f"uses {_describe_key(key)}, a UI name"))
            elif key.startswith("a:") and self._toolkit_member(f.module, key):
                v.reasons.append(Reason("ui", lineno, f"uses {_describe_key(key)}, which the toolkit's class provides"))
            else:
                continue
            count += 1
            if count >= 3:
                break

    def _toolkit_member(self, module: str, key: str) -> bool:
        """`self.x` of a UI class where the project never binds `x` (not a field, method or property of the class
        or its project bases): the toolkit's (`self.master`, `self.children`). Reading the class's own plain data
        (`self.face_up = False` in `__init__`) is pure (issue 12 item 3)."""
        _, cls, attr = key.split(":", 2)
        cid = f"{module}:{cls}"
        if cid not in self.p.classes or not self.is_tainted(module, f"s:{cls}"):
            return False
        p = self.p
        for current in p.mro(cid):
            summary = p.classes[current][1]
            if attr in summary.fields or attr in summary.methods or attr in summary.accessors:
                return False
            if f"{current}.{attr}" in p.classes:
                return False  # a class the class body defines (`class State(enum.IntEnum)`): the project's
        return True

    def _self_properties(self, f: FileSummary, fn: FunctionSummary, v: _Verdict) -> None:
        """`self.value` where `value` is a property of the class runs its getter (not its setter: `fn.refs` are
        reads; a store through the property is a call site, `_accessor_edges`)."""
        fresh = _builds_self(fn)
        for key, lineno in fn.refs:
            if key.startswith("a:"):
                _, cls, attr = key.split(":", 2)
                for fid in self.p.getters(f"{f.module}:{cls}", attr):
                    if fid != f"{f.module}:{fn.fid}":
                        v.edges.append(_Edge(fid, lineno, fresh, on_self=not fresh))

    def _decorators(self, f: FileSummary, fn: FunctionSummary, v: _Verdict) -> None:
        self._decorator_calls(f, fn.decorators, fn.class_qualname is not None, v)

    def _definitions(self, gid: str, f: FileSummary, v: _Verdict) -> None:
        """A `def` or `class` statement calls its decorators: in a function, each time the function runs. So the
        decorators of what a function defines are judged for it too (those of its nested functions, of the classes
        it defines and of their methods), each reason naming what it defines. At module level they run once, at
        import, and are judged on the function they decorate only (`_decorators`)."""
        p = self.p
        for child in p.nested.get(gid, ()):
            inner = p.functions[child][1]
            if inner.decorators:
                found = _Verdict()
                self._decorators(f, inner, found)
                self._defined(inner.qualname, found, v)
        for cls in p.decorated_local_classes.get(gid, ()):
            found = _Verdict()
            self._decorator_calls(f, cls.decorators, False, found)
            self._defined(cls.qualname, found, v)

    @staticmethod
    def _defined(qualname: str, found: _Verdict, v: _Verdict) -> None:
        shown = qualname.rsplit(".<locals>.", 1)[-1]
        v.reasons.extend(Reason(r.kind, r.lineno, f"defines {shown}, {r.detail}") for r in found.reasons)
        v.edges.extend(found.edges)

    def _decorator_calls(
        self, f: FileSummary, decorators: list[tuple[str, str, int, bool]], in_class: bool, v: _Verdict
    ) -> None:
        p = self.p
        for root, attr, lineno, called in decorators:
            shown = ".".join(x for x in (root, attr) if x)
            if root == "?":
                v.reasons.append(Reason("unknown", lineno, "decorated with a computed decorator"))
                continue
            if attr in _ACCESSOR_ATTRS and in_class:
                continue
            if self.is_tainted(f.module, f"g:{root}"):
                v.reasons.append(Reason("ui", lineno, f"decorated with {shown}, a UI name"))
                continue
            for t in p.target_of(f.module, root, attr):
                if t.kind in ("ext", "builtin") and rules.in_set(rules.PURE_DECORATORS, t.ref):
                    continue
                if t.kind == "func":
                    v.edges.append(_Edge(t.ref, lineno, False))
                    self._wrapper_edges(t.ref, called, lineno, v)
                    continue
                if t.kind == "class" and not t.attrs:
                    # a class as decorator: building it wraps the function, its `__call__` runs for each call
                    # (`class setter` with `__get__`/`__set__`, a memoizing `class cached` with `__call__`)
                    self._construct(t.ref, lineno, v, shown)
                    call = p.find_method(t.ref, "__call__")
                    if call:
                        v.edges.append(_Edge(call, lineno, False))
                    continue
                v.reasons.append(Reason("unknown", lineno, f"decorated with {shown}, whose effect is unknown"))

    def _wrapper_edges(self, decorator: str, called: bool, lineno: int, v: _Verdict) -> None:
        """What decorating runs later: the functions the decorator defines, at any depth (a factory's `@retry(3)`
        returns a decorator, which returns the wrapper). The function is handed to the decorator's first parameter
        (`@cached`), or to that of each function the factory defines (`@retry(3)`); a wrapper defined there calling
        that parameter back runs the decorated function's own body, judged already (`_answered`)."""
        p = self.p
        level = [(child, decorator) for child in p.nested.get(decorator, ())]
        depth = 1
        while level:
            following: list[tuple[str, str]] = []
            for child, parent in level:
                takes = (depth == 1 and not called) or (depth == 2 and called)
                handed = frozenset(p.functions[parent][1].params[:1]) if takes else frozenset()
                v.edges.append(_Edge(child, lineno, False, wrapped_params=handed))
                following.extend((grandchild, child) for grandchild in p.nested.get(child, ()))
            level, depth = following, depth + 1

    def _reads(self, f: FileSummary, fn: FunctionSummary, v: _Verdict) -> None:
        p = self.p
        for read, attr, lineno in fn.global_reads:
            if "|" in read:  # a name the function imports itself (`import sys` … `sys.argv`): `_local_binding`
                target, name = self._local_binding(f, read)
                targets: Sequence[Target] = [target]
            else:
                targets, name = p.resolve(f.module, read), read
            for t in targets:
                if (
                    t.kind in ("value", "func", "class")
                    and _state_key(t) in self.state
                    and not (t.kind != "value" and attr)
                ):
                    hit = self.state.get(_state_key(t))
                    if hit:
                        v.reasons.append(
                            Reason("global_read", lineno, f"reads module state {name}, written at {hit[0]}:{hit[1]}")
                        )
                elif t.kind == "value" and (aliased := self._aliased_state(t, attr)) is not None:
                    dotted, read_kind = aliased  # `ARGS = sys.argv` … `ARGS[1:]`: the live list, read now
                    v.reasons.append(Reason(_kind(read_kind), lineno, f"reads {dotted} (as {name})"))
                elif t.kind in ("ext", "builtin"):
                    dotted = ".".join(x for x in (t.ref, attr) if x)
                    kind = _prefix_lookup(rules.EXTERNAL_STATE, dotted)
                    if kind:
                        v.reasons.append(Reason(_kind(kind), lineno, f"reads {dotted}"))
                elif t.kind in ("module", "class", "func") and attr:
                    first = attr.split(".")[0]
                    hit = self.state.get((t.ref, first))
                    if hit:
                        v.reasons.append(
                            Reason(
                                "global_read",
                                lineno,
                                f"reads module state {name}.{first}, written at {hit[0]}:{hit[1]}",
                            )
                        )

    def _aliased_state(self, t: Target, attr: str) -> tuple[str, str] | None:
        """(dotted name, kind) when the module-level value `t` is bound to a changing object of the interpreter's or
        the machine's state itself (`ARGS = sys.argv`, `env = os.environ`: `rules.LIVE_STATE`), which a function reads
        when it runs; None otherwise (`PROG = sys.argv[0]`, `ENC = sys.stdin.encoding` are values taken at import)."""
        origin = self.p.dotted_of_binding_value(*_state_key(t))  # `LANG = os.environ.get(…)`: never LIVE_STATE
        held = ".".join((origin.ref, *origin.attrs)) if origin is not None else ""  # os, sys: no project module is
        if held in rules.LIVE_STATE:
            return ".".join(x for x in (held, attr) if x), rules.EXTERNAL_STATE[held]
        return None

    def _call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        p = self.p
        m = f.module
        if call.kind == "local":
            gid = f"{m}:{call.name}"
            if gid in p.functions:
                v.edges.append(self._edge(gid, call, False))
            return
        if call.kind in ("self", "super"):
            self._method_call(f, call, v)
            return
        if call.kind == "context":
            self._context(m, call, v)
            return
        if call.kind == "property":
            self._accessor_edges(f"{m}:{call.name}", call.attr, call, v)
            return
        if call.kind in ("attribute", "operator"):
            self._member_of_built(m, call, v)
            return
        if call.kind == "class":
            cid = f"{m}:{call.name}"
            if cid in p.classes:
                self._construct(cid, call.lineno, v, call.name)
            else:
                v.reasons.append(Reason("unknown", call.lineno, f"builds {call.name}"))
            return
        if call.kind in ("external", "param", "param_read"):
            self._typed_call(f, call, v)
            return
        if call.kind in ("import", "import_module"):
            self._local_import(f, call, v)
            return
        if call.kind == "table":
            self._table_call(f, call, v)
            return
        if call.kind == "returned":
            self._returned_call(f, call, v)
            return
        shown = ".".join(x for x in (call.name, call.attr) if x)
        for t in p.target_of(m, call.name, call.attr):
            self._target_call(f, t, call, v, shown)

    def _returned_call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """A call of what a module-level function returns (`sorted(xs, key=make_key("a"))`, `make_key("a")(x)`; the
        call of `make_key` itself is a site of its own): a call of each function a project function defines and
        returns (`FunctionSummary.returns_functions`, a closure over its arguments), or of a project class's
        `__call__` on the object it builds; anything else it may return, or a function that is no project one, is
        unknown."""
        returned = [self._returned_by(t) for t in self.p.target_of(f.module, call.name, call.attr)]
        if returned and all(gids is not None for gids in returned):  # (a name always has a target, if unknown)
            for gids in returned:
                v.edges.extend(self._edge(gid, call, False) for gid in gids or ())
            return
        shown = ".".join(x for x in (call.name, call.attr) if x)
        v.reasons.append(Reason("unknown", call.lineno, f"calls what {shown}() returns"))

    def _returned_by(self, t: Target) -> list[str] | None:
        """The functions a project function `t` returns (their gids), or None when it may return anything else; for a
        project class, the `__call__` its new object runs (`HasClass()(data)`, `scorer = Scorer(); scorer(x)`,
        Orange's preprocessors), or None when no project class along its bases defines one."""
        if t.kind == "class":
            method = self.p.find_method(t.ref, "__call__")
            return [method] if method is not None else None
        found = self.p.functions.get(t.ref) if t.kind == "func" and not t.attrs else None
        fids = found[1].returns_functions if found is not None else None
        if not fids or "?" in fids:
            return None
        module = t.ref.split(":", 1)[0]
        return [f"{module}:{fid}" for fid in fids if f"{module}:{fid}" in self.p.functions]

    def _table_call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """`OPS[op](a, b)` (or `fn = OPS.get(op)` … `fn(a, b)`) where `OPS` is a module-level display of callables
        nothing changes (`FileSummary.tables`: not at import, and no function changes or rebinds it, `state`): a call
        of one of its entries, each judged as a call of it by name would be (a calculator's `operator.add`,
        `math.sqrt`, a project function, a lambda). Anything else it may hold is unknown."""
        if call.name.startswith("@"):
            self._class_table_call(f, call, v)
            return
        looped = call.name.startswith("in:")  # `for check in CHECKS: check(x)`: an element, which a dict's loop is not
        written = call.name[3:] if looped else call.name
        targets = self.p.resolve(f.module, written)  # the table itself, or one imported from its module
        home = self.p.files.get(_state_key(targets[0])[0]) if len(targets) == 1 and targets[0].kind == "value" else None
        name = _state_key(targets[0])[1] if home is not None else ""
        entries = home.tables.get(name) if home is not None else None
        if (
            home is None
            or entries is None
            or len(live_bindings(home, name)) != 1
            or (home.module, name) in self.state
            or (looped and name in home.keyed_tables)
        ):
            if call.attr:  # a method of what it returned, where what it holds is not known: by the method's name
                _method_of_result(call.attr, f"{written}[…]", call.lineno, call.fresh_receiver, v)
                return
            what = "a key" if looped and home is not None and name in home.keyed_tables else "an entry"
            v.reasons.append(Reason("unknown", call.lineno, f"calls {what} of {written}, which may be anything"))
            return
        self._table_entries(home, entries, replace(call, name=written), v)

    def _table_entries(self, home: FileSummary, entries: list[str], call: CallSite, v: _Verdict) -> None:
        """A call of one of a table's entries: each judged as a call of it by name where the table is written. With
        `call.attr`, a method of what the entry returned (`obj = KINDS[i](data); obj.match()`): that class's method for
        a project class, as a project function's result is judged (`_method_of_returned`), by its name otherwise."""
        if call.attr:
            self._method_of_entries(home, entries, call, v)
            return
        for entry in entries:
            if "<lambda>@" in entry:
                gid = f"{home.module}:{entry}"
                if gid in self.p.functions:
                    v.edges.append(_Edge(gid, call.lineno, False))
                else:
                    v.reasons.append(Reason("unknown", call.lineno, f"calls an entry of {call.name}, a lambda"))
                continue
            root, _, attr = entry.partition(".")  # named where the table is written
            self._call(home, replace(call, kind="global", name=root, attr=attr), v)

    def _method_of_entries(self, home: FileSummary, entries: list[str], call: CallSite, v: _Verdict) -> None:
        fresh = call.fresh_receiver and not call.receiver_holds
        for entry in entries:
            root, _, attr = entry.partition(".")
            targets = self.p.target_of(home.module, root, attr) if "<lambda>@" not in entry else []
            if targets and all(t.kind in ("class", "func") and not t.attrs for t in targets):
                self._call(home, replace(call, kind="global", name=root, attr=f"{attr}.{call.attr}".lstrip(".")), v)
            elif len(targets) == 1 and targets[0].kind in ("ext", "builtin") and not targets[0].attrs:
                self._typed_call(home, replace(call, kind="external", name=targets[0].ref), v)  # `(io.StringIO,)`
            else:
                _method_of_result(call.attr, f"{call.name}[…]", call.lineno, fresh, v)

    def _class_table_call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """`self.OPS[op](a, b)` in a method of C, where C's body binds `OPS` to a display of callables no method of it
        rebinds or changes (`ClassSummary.tables`): a call of one of its entries, unless a project subclass binds
        `OPS` itself (its table, or anything, may be what self holds) or any code changes an attribute named `OPS`
        (`_changed_elsewhere`: by name, conservatively)."""
        qualname, _, name = call.name[1:].rpartition(".")
        cls = f.classes.get(qualname)
        entries = cls.tables.get(name) if cls is not None else None
        cid = f"{f.module}:{qualname}"
        shown = f"self.{name}"
        if (
            entries is None
            or any(name in self.p.classes[sub][1].fields for sub in self.p.subclasses(cid) if sub in self.p.classes)
            or self._changed_elsewhere(name)
        ):
            v.reasons.append(Reason("unknown", call.lineno, f"calls an entry of {shown}, which may be anything"))
            return
        self._table_entries(f, entries, replace(call, name=shown), v)

    def _changed_elsewhere(self, name: str) -> bool:
        """Whether any code of the project sets, deletes or changes an attribute named `name` of anything, or one whose
        name it does not know (`FileSummary.changed_attrs`): `Calc.OPS["p"] = print` at import, `c.OPS = {…}` on an
        instance, `calc.Calc.OPS.update(…)` elsewhere, `setattr(x, attr, v)`. By name: the walk cannot tell what `x`
        is, and a table must hold what its class wrote."""
        if self._changed is None:
            self._changed = frozenset(attr for f in self.p.files.values() for attr in f.changed_attrs)
        return name in self._changed or "*" in self._changed or "__dict__" in self._changed

    # ------------------------------------------------------------------ changes of what a project call returned
    def _result_mutations(self, gid: str, fn: FunctionSummary, v: _Verdict) -> None:
        """A change of what a project call returned (`FunctionSummary.result_mutations`): the callee's
        `return_origins` say whose object that is, and through the call's receiver and arguments, which of the
        caller's (`def first(xs): return xs[0]` then `first(items).done = True`: `items` changes)."""
        for lineno, what, origin, _ in self.result_reach.get(gid, ()):
            if not any(r.lineno == lineno and r.kind in _CHANGES for r in v.reasons):  # the walk saw it already
                self._result_effect(fn, origin, lineno, what, v)
            if origin.startswith("param:"):  # for `param_only`, as the walk's `mutated_params`
                self.result_params.setdefault(gid, set()).add(origin[len("param:") :])

    def _result_origins(self, f: FileSummary, fn: FunctionSummary) -> Iterator[tuple[int, str, str, str]]:
        """(line, what, origin, the module it is named in) of every object the changes of `fn`'s call results
        reach: the callee's module state, or the caller's self, parameters, state… the call handed over."""
        p = self.p
        for key, depth, lineno, what, receiver, args in fn.result_mutations:
            _, kind, name, attr = key.split(":", 3)
            for gid in self._callees(f, kind, name, attr):
                cf, callee = p.functions[gid]
                shown = f"{what}, on what {callee.qualname}() returns"
                for token in self._return_origins(cf, callee):
                    if token.startswith("shallow:"):
                        if depth == 0:
                            continue  # a new container holding the caller's objects: changing it changes none
                        token = token[len("shallow:") :]
                    token_kind, _, global_name = token.partition(":")
                    if token_kind in ("self", "param", "mutdefault"):
                        for origin in self._caller_origins(callee, token, receiver, args):
                            yield lineno, shown, origin, f.module
                    elif token_kind != "global" or depth == 0 or _holds_objects(cf, global_name):
                        yield lineno, shown, token, cf.module  # the callee's module state, or unknown

    def _return_origins(self, f: FileSummary, fn: FunctionSummary) -> list[str]:
        """`FunctionSummary.return_origins`, and for a function whose results a cache keeps (`@functools.lru_cache`,
        `@functools.cache`) the cache itself: each call after the first hands back the object the first built, so a
        caller changing it changes module state (the function's own, named by its module-level name)."""
        for root, attr, _, _ in fn.decorators:
            if any(t.ref in _CACHING_DECORATORS for t in self.p.target_of(f.module, root, attr)):
                return [*fn.return_origins, f"global:{fn.qualname.split('.', 1)[0]}"]
        return fn.return_origins

    @staticmethod
    def _caller_origins(callee: FunctionSummary, token: str, receiver: str, args: str) -> list[str]:
        """What the callee's `self` / parameter `token` is in the caller: the receiver's or an argument's origins."""
        kind, _, name = token.partition(":")
        if kind == "self":
            return receiver.split("|") if receiver else ["unknown"]
        if kind not in ("param", "mutdefault"):
            return [token]  # module state, an enclosing function's variable, unknown
        slots: dict[str, list[str]] = {}
        starred = False
        for part in args.split(";") if args else ():
            if part == "*":
                starred = True
                continue
            slot, _, origins = part.partition("=")
            slots[slot] = origins.split("|") if origins else []
        index = str(callee.params.index(name)) if name in callee.params else None
        if name in slots or index in slots:
            return slots[name] if name in slots else slots[str(index)]
        if starred:
            return ["unknown"]
        return [token] if kind == "mutdefault" else []  # not passed: the default (a shared mutable one is state)

    @staticmethod
    def _result_effect(fn: FunctionSummary, origin: str, lineno: int, what: str, v: _Verdict) -> None:
        kind, _, name = origin.removeprefix("shallow:").partition(":")
        if kind == "self":
            if not _builds_self(fn):
                v.reasons.append(Reason("self_mutation", lineno, f"mutates self ({what})"))
        elif kind == "param":
            v.reasons.append(Reason("arg_mutation", lineno, f"mutates parameter {name} ({what})"))
        elif kind in ("global", "mutdefault", "enclosing", "module") or origin == "globals()":
            v.reasons.append(Reason("global_write", lineno, f"mutates {name or 'module state'} ({what})"))
        elif kind == "unknown":
            v.reasons.append(Reason("unknown", lineno, f"mutates an object of unknown origin ({what})"))

    def _typed_call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """A method of a value whose type the walk knew: a library type's (or a project class's the walk spelled as an
        absolute import), or an annotated parameter's."""
        if call.kind == "external":
            if call.self_attr and call.name in rules.THREAD_LOCKS and call.attr in rules.LOCK_METHODS:
                return  # `with self._lock:`, `self._lock.acquire()`: the class's own lock, whoever defines it
            cls = self._project_dotted(call.name, f.module)
            if cls is not None and cls.kind in ("class", "func") and not cls.attrs:
                self._project_instance_call(f, cls, call, v)
            elif call.attr not in rules.IMPLICIT_DUNDERS:
                # `x[k]`, `for v in x` on a library object: a read, as without a type. Its "type" is often what built
                # it (`self.tracks = pickle.load(f)`), whose own entry says nothing of iterating the list it returned
                self._typed_library_call(call, v)
        else:
            self._parameter_method(f, call, v)

    def _project_instance_call(self, f: FileSummary, cls: Target, call: CallSite, v: _Verdict) -> None:
        """A method of an object of a project class the walk knew by an absolute import (`from pkg.layout import
        Layout`, then `l = Layout(g)` or `self.layout = Layout(self)`), or of what a project function so imported
        returns (`box = make_box(); box.size()`): the walk cannot tell the project's package from a library, and
        spells the type in full. Judged as a method of that class's instance, or of that function's result, as under a
        relative import, whether the analysed folder holds the package, is it, or holds it under a folder no import
        names."""
        shown = f"self.{call.self_attr}.{call.attr}" if call.self_attr else f"{call.name}.{call.attr}"
        target = self.p.follow(cls, call.attr.split("."))
        self._target_call(f, target, replace(call, on_result=True), v, shown)

    def _parameter_method(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """A method of a parameter annotated with a project class (`def total(item: Item): item.price()`): that
        class's method and every override in its subclasses, called on the caller's object (a method changing
        its self makes the caller impure); a UI class's is UI. Anything else (a library class, a method the
        project does not define) is judged by the method's name, as without the annotation."""
        p = self.p
        head, _, method = call.attr.rpartition(".")
        shown = ".".join(x for x in (call.name, head) if x)
        targets = p.target_of(f.module, call.name, head)
        if targets and all(t.kind == "class" and not t.attrs and not self._structural(t.ref) for t in targets):
            edges: list[_Edge] = []
            for t in targets:
                cf, cls = p.classes[t.ref]
                if self.is_tainted(cf.module, f"s:{cls.qualname}"):
                    v.reasons.append(Reason("ui", call.lineno, f"calls {method}() of a {shown}, a UI class"))
                    return
                found = p.find_method(t.ref, method)
                if found is None:
                    break
                for target in [found, *(m for sub in p.subclasses(t.ref) if (m := self._own_method(sub, method)))]:
                    edges.append(self._edge(target, call, False))
            else:
                v.edges.extend(edges)
                return
        if len(targets) == 1 and targets[0].kind == "ext" and not targets[0].attrs:
            # a library class whose methods the tables judge impure (`log: logging.Logger`: `log.debug()` is io);
            # not a pure entry, written for the object the function builds (`parser.add_argument`), not for the
            # caller's, which a method may change
            ref = targets[0].ref
            kind = p.classify(f"{ref}.{method}", floor=ref.count(".") + 1)
            if kind is not None and kind != "pure":
                v.reasons.append(Reason(_kind(kind), call.lineno, f"calls {method}() of a {shown} ({ref}.{method})"))
                return
        if call.kind == "param":
            v.reasons.append(Reason("unknown", call.lineno, f"calls {method}() of an object typed {shown}"))

    def _structural(self, cid: str) -> bool:
        """A `typing.Protocol` (or a zope `Interface`): what it declares, any class may provide, related or not;
        its own methods are stubs, not the code that runs."""
        return any(b.kind == "ext" and b.ref.rsplit(".", 1)[-1] in _STRUCTURAL for b in self.p.external_bases(cid))

    def _local_import(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        if call.kind == "import":
            self._local_import_call(f, call, v)
            return
        # `import lib` in the function: the project's modules and a toolkit are judged elsewhere (module code,
        # UI taint); a library the tables know is imported for the calls they judge; any other runs unknown code
        module = call.name
        p = self.p
        if module in p.files or p.index.resolve_from(f.module, f.is_package, module, 0) in p.files:
            return
        if rules.toolkit_of(module, p.config.toolkits) or module.split(".")[0] in p.known_libraries:
            return
        v.reasons.append(Reason("unknown", call.lineno, f"imports {module}: what its import runs is not known"))

    def _local_import_call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """A call of a name imported inside the function's body, shown by its dotted name (`os.remove`)."""
        t, imported = self._local_binding(f, call.name)
        t = self.p.follow(t, call.attr.split(".") if call.attr else [])
        self._target_call(f, t, call, v, ".".join(x for x in (imported, call.attr) if x))

    def _local_binding(self, f: FileSummary, encoded: str) -> tuple[Target, str]:
        """What a name a function imports itself stands for (the walk's `kind|target|attr|level`), and its dotted name
        as written (`os`, `sys.argv`, `.config`)."""
        kind, target, attr, level = encoded.split("|")
        b = Binding(kind=kind, target=target, attr=attr, level=int(level))
        imported = "." * int(level) + target
        if kind == "from":
            imported = f"{imported}.{attr}" if target else f"{imported}{attr}"
        return self.p.binding_target(f, "<local import>", b, 0), imported

    def _raise(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        """`raise SystemExit` (or a project subclass of it): the one kind of raise that is not pure."""
        shown = ".".join(x for x in (call.name, call.attr) if x)
        for t in self.p.target_of(f.module, call.name, call.attr):
            if t.kind in ("ext", "builtin") and not t.attrs:
                exits = t.ref.removeprefix("builtins.") in rules.EXIT_EXCEPTIONS
            elif t.kind == "class" and not t.attrs:
                exits = any(
                    b.ref.removeprefix("builtins.") in rules.EXIT_EXCEPTIONS for b in self.p.external_bases(t.ref)
                )
            else:
                exits = False
            if exits:
                v.reasons.append(Reason("io", call.lineno, f"raises {shown}: ends the process"))
                return

    def _member_of_built(self, module: str, call: CallSite, v: _Verdict) -> None:
        """An attribute read (a property's getter) or an operator (`a + b`: `__add__`) of an object of a project class
        the function built."""
        head, _, last = call.attr.rpartition(".")
        for t in self.p.target_of(module, call.name, head):
            if t.kind != "class" or t.attrs:
                continue
            if call.kind == "attribute":
                self._accessor_edges(t.ref, last, call, v)
            else:
                found = self.p.find_method(t.ref, last)
                for fallback in _DUNDER_FALLBACKS.get(last, ()):  # object's `__str__` calls `__repr__`…
                    if found:
                        break
                    found = self.p.find_method(t.ref, fallback)
                if found:
                    v.edges.append(_Edge(found, call.lineno, True))

    def _context(self, module: str, call: CallSite, v: _Verdict) -> None:
        """`with Output(path) as f:` runs Output.__enter__ and __exit__ on the object just built. A library's context
        manager is judged by the call that builds it, a project function's (`@contextmanager`) by its own body."""
        for t in self.p.target_of(module, call.name, call.attr):
            if t.kind == "class" and not t.attrs:
                for special in ("__enter__", "__exit__"):
                    found = self.p.find_method(t.ref, special)
                    if found:
                        v.edges.append(self._edge(found, call, True))

    def _target_call(self, f: FileSummary, t: Target, call: CallSite, v: _Verdict, shown: str) -> None:
        lineno = call.lineno
        if call.on_result and t.attrs and t.attrs[-1] in rules.IMPLICIT_DUNDERS:
            # `b[k]`, `del b[k]` where no project class defines it (a dict subclass), `rows[0] = x` of `rows =
            # copied(xs)`, `del labels[-1]` of `labels = PATTERN.split(s)`: a read, or the change the statement itself
            # makes (`result_mutations` for a project call's result)
            return
        if t.kind == "func" and not t.attrs:
            edge = self._edge(t.ref, call, call.fresh_receiver)
            edge.holds = call.receiver_holds
            v.edges.append(edge)
        elif t.kind == "class" and not t.attrs:
            self._construct(t.ref, lineno, v, shown)
        elif t.kind in ("ext", "builtin"):
            self._external_call(t.ref, "", lineno, v, fresh=False, shown=shown)
        elif t.kind == "value":
            self._value_call(f, t, call, v, shown)
        elif t.kind == "classattr" and call.on_result and len(t.attrs) == 1:
            # a method of an instance (`h = Holder(); h.keys()`) its class inherits from a library base: by name
            fresh = call.fresh_receiver and not call.receiver_holds
            _method_of_result(t.attrs[0], shown.rsplit(".", 1)[0], lineno, fresh, v)
        elif t.kind == "classattr":
            if t.attrs == ("__init__",) and self._inherits_object_init(t.ref):
                return  # `Plain.__init__(self)`: no class up to `object` defines one, and object's does nothing
            if len(t.attrs) == 2 and t.attrs[-1] in rules.MUTATING_METHODS:
                v.reasons.append(Reason("global_write", lineno, f"mutates class attribute {shown}()"))
            elif len(t.attrs) == 2 and t.attrs[-1] in rules.READ_ONLY_METHODS:
                return
            else:
                v.reasons.append(Reason("unknown", lineno, f"calls {shown}, a class attribute"))
        elif t.kind == "module":
            v.reasons.append(Reason("unknown", lineno, f"calls module {shown}"))
        elif t.kind == "func" and len(t.attrs) == 1 and call.on_result:
            self._method_of_returned(t.ref, t.attrs[0], call, v, shown.rsplit(".", 1)[0])
        elif t.kind == "func":  # `make.cache_clear()`: an attribute of the function object itself
            self._function_attribute_call(f, t, call, v, shown)
        elif not self._translation(call, v):
            v.reasons.append(Reason("unknown", lineno, f"calls {shown}, which cannot be resolved"))

    def _function_attribute_call(self, f: FileSummary, t: Target, call: CallSite, v: _Verdict, shown: str) -> None:
        accessor = self._property_function(t)
        if accessor is not None:
            self._target_call(f, Target("func", accessor), call, v, shown)
        else:
            v.reasons.append(Reason("unknown", call.lineno, f"calls {shown}, an attribute of a function"))

    def _property_function(self, t: Target) -> str | None:
        """`Base.pos.fget(self)`, `Base.pos.fset(self, value)`: an override of a property running its base's getter,
        setter or deleter, as `Base.method(self)` runs a base's method; `t` is the property's first function with the
        attribute read from it. None for any other attribute of a function, or a property that defines no such one."""
        if len(t.attrs) != 1 or t.attrs[0] not in _PROPERTY_FUNCTIONS:
            return None
        f, fn = self.p.functions[t.ref]
        role = _PROPERTY_FUNCTIONS[t.attrs[0]]
        # a module-level function's class is none the project has: no accessors
        for gid in self.p.accessors(f"{f.module}:{fn.class_qualname}", fn.qualname.rsplit(".", 1)[-1]):
            decorators = {attr or name for name, attr, _, _ in self.p.functions[gid][1].decorators}
            if role in decorators or (role == "getter" and "property" in decorators):
                return gid
        return None

    def _method_of_returned(self, gid: str, method: str, call: CallSite, v: _Verdict, callee: str) -> None:
        """`make().match()`, `obj = make(); obj.match()`: where the project function returns an object of a project
        class it (or a project function it returns the result of) builds, that class's `match` is what runs; judged as
        a call of it, on an object the caller did not build unless the function returns only what it built. Whether
        that is all that may run: the function returns nothing but such objects (or `None`, whose methods raise), and
        each of their classes defines `match` in the project. Otherwise the method's name (`_method_of_result`) says
        the rest: another value it may return, a method no project class defines."""
        found = self.p.functions.get(gid)
        origins = self._return_origins(*found) if found is not None else ["unknown"]
        # built by the call (`return Png(data)`: a new object, holding what it was handed), or anything else as well
        fresh = call.fresh_receiver and all(o.startswith("shallow:") for o in origins)
        classes, only = self._built_by(gid, set())
        every = True
        for cid in classes:
            method_gid = self.p.find_method(cid, method)
            if method_gid is not None and method_gid in self.p.functions:
                edge = self._edge(method_gid, call, fresh)
                edge.holds = call.receiver_holds or bool(origins)
                v.edges.append(edge)
            else:
                every = False
        if not (every and only):
            _method_of_result(method, callee, call.lineno, call.fresh_receiver and not call.receiver_holds, v)

    def _built_by(self, gid: str, seen: set[str]) -> tuple[list[str], bool]:
        """The project classes whose objects the function `gid` builds and returns (`return Config(…)`), or returns
        from another project function (`return make_config()`, `return build(n - 1)`): its `returns` keys
        `c:global:NAME:ATTR`; and whether such new objects are all it may return (`None` besides, whose methods
        raise), not a parameter, a field, a library's object, nor what a decorator returns in its place
        (`@contextmanager`, `@lru_cache`'s shared object; `staticmethod`, `classmethod` are its kind here, not a
        decorator). `k:` keys name the same calls by their capitalised callee."""
        found = self.p.functions.get(gid)
        if found is None:
            return [], False
        if gid in seen:
            return [], True  # a recursive call: what its other returns are
        seen.add(gid)
        f, fn = found
        out: list[str] = []
        only = not fn.returns_other and not fn.decorators
        for key in fn.returns:
            if not key.startswith("c:global:"):
                only = only and key.startswith("k:")
                continue
            _, _, name, attr = key.split(":", 3)
            for t in self.p.target_of(f.module, name, attr):
                if t.kind == "class":
                    if not t.attrs:
                        out.append(t.ref)
                elif t.kind == "func" and not t.attrs:
                    classes, built = self._built_by(t.ref, seen)
                    out.extend(classes)
                    only = only and built
                else:
                    only = False
        return out, only

    def _inherits_object_init(self, cid: str) -> bool:
        """A project class whose `__init__` is `object`'s: none of its classes defines one (a `classattr` target says
        so), and every base outside the project is a builtin or a known-pure one."""
        p = self.p
        if cid not in p.classes:
            return False
        return all(base.kind == "builtin" or base.ref in _PURE_BASES for base in p.external_bases(cid))

    def _translation(self, call: CallSite, v: _Verdict) -> bool:
        """`_("Save")` where `_` is no project function: the translation function, which `gettext.install()` puts
        in builtins or a module binds to a catalogue's `gettext` (`_ = gettext.translation(…).gettext`), a name
        the convention reserves. Judged as `gettext.gettext` is (`io`: the catalogues the process bound)."""
        if call.name != "_" or call.attr:
            return False
        v.reasons.append(Reason("io", call.lineno, "calls _(), the translation function (gettext)"))
        return True

    def _external_call(
        self,
        dotted: str,
        method: str,
        lineno: int,
        v: _Verdict,
        fresh: bool,
        shown: str | None = None,
        result_of_call: bool = False,
    ) -> None:
        """A library call; with `result_of_call`, `method` of what calling `dotted` returned in this function
        (the call to `dotted` itself is judged on its own), so only entries for that value's type apply."""
        full = f"{dotted}.{method}" if method else dotted
        if rules.toolkit_of(full, self.p.config.toolkits):
            v.reasons.append(Reason("ui", lineno, f"calls {shown or full}, a UI toolkit function"))
            return
        project = self._project_dotted(full)
        if project is not None and project.kind == "func":
            if not project.attrs:
                v.edges.append(_Edge(project.ref, lineno, fresh))
            elif result_of_call and len(project.attrs) == 1:
                _method_of_result(project.attrs[0], dotted, lineno, fresh, v)  # `util.make().frob()`
            else:
                v.reasons.append(Reason("unknown", lineno, f"calls {shown or full}, an attribute of a function"))
            return
        head, _, last = full.rpartition(".")
        state = rules.EXTERNAL_STATE.get(head)
        if state is not None and rules.reads_only(last, head):  # `sys.modules.get(name)`: a read, not `sys.*`'s io
            v.reasons.append(Reason(_kind(state), lineno, f"reads {head}"))  # (a local `import os` has no other)
            return
        if state == "global_read" and last in rules.MUTATING_METHODS:  # `sys.path.append(p)`
            v.reasons.append(Reason("global_write", lineno, f"changes {head} ({last}())"))
            return
        kind = self.p.classify(full, floor=dotted.count(".") + 1 if result_of_call else 1)
        if kind == "pure":
            return
        if full.removeprefix("builtins.") in rules.EXIT_CALLS:
            named = f"{shown}() ({full})" if shown and shown != full else f"{full}()"
            v.reasons.append(Reason("io", lineno, f"calls {named}: ends the process"))
            return
        if kind is not None:
            v.reasons.append(Reason(_kind(kind), lineno, f"calls {shown or full}()"))
            return
        if (
            method
            and fresh
            and (
                rules.reads_only(method, dotted)
                or method in rules.MUTATING_METHODS
                or full in rules.FRESH_OBJECT_METHODS
            )
        ):
            return
        if method and rules.reads_only(method, dotted):
            return
        if result_of_call and method in rules.NDARRAY_METHODS and self._returns_array(dotted):
            return  # `np.array(xs).mean()`: a method of the array the call just built
        v.reasons.append(Reason("unknown", lineno, f"calls {shown or full}(), not known to be pure"))

    def _returns_array(self, dotted: str) -> bool:
        """A pure numpy or SciPy function: what it returns is a new array (or a numpy scalar, with the same read
        methods)."""
        return dotted.startswith(("numpy.", "scipy.")) and self.p.classify(dotted) == "pure"

    def _project_dotted(self, dotted: str, from_module: str | None = None) -> Target | None:
        """What an absolute dotted name the walk spelled from an import (`pkg.mod.C.double` for `from pkg.mod import
        C; C(1).double()`) is in the project. A module named in full first; then, from `from_module`, as the import
        itself resolves: a project laid out under a folder no import names (a `src/` layout, a subfolder of the
        repository, an unpacked sdist's `name-1.0/`) knows `pkg.mod` only by that tail, and one that puts its package's
        folder on `sys.path` (bCNC's `import undo`) by the module's last name (`ModuleIndex.resolve`, as the
        import's own binding is resolved)."""
        parts = dotted.split(".")
        index = self.p.index
        for end in range(len(parts), 0, -1):
            module = index.exact(".".join(parts[:end]))
            if module is not None:
                return self.p.follow(Target("module", module), parts[end:])
        if from_module is None:
            return None
        for end in range(len(parts), 0, -1):
            module = index.resolve(".".join(parts[:end]), from_module)
            if module is not None:
                return self.p.follow(Target("module", module), parts[end:])
        return None

    def _value_call(self, f: FileSummary, t: Target, call: CallSite, v: _Verdict, shown: str) -> None:
        """A call through a module-level variable: `HANDLER(x)`, `log.info(...)`, `HISTORY.append(x)`."""
        p = self.p
        module, _, name = t.ref.partition(":")
        lineno = call.lineno
        vf = p.files.get(module)
        if t.attrs and p.constant_value(f, call.name, t):
            return  # `np.mean(xs)` where the fallback binds `np = None`: the other binding is judged on its own
        if not t.attrs:
            if (vf is None or not self._call_bindings(vf, name, call, v, shown)) and not self._translation(call, v):
                v.reasons.append(Reason("unknown", lineno, f"calls {shown}, a module-level variable"))
            return
        method = t.attrs[-1]
        if method in rules.MUTATING_METHODS and len(t.attrs) == 1:
            v.reasons.append(Reason("global_write", lineno, f"mutates module-level {name} ({shown}())"))
            return
        origin = p.dotted_of_binding_value(module, name)
        if origin is not None and len(t.attrs) == 1:
            if origin.kind in ("ext", "builtin"):
                self._external_call(origin.ref, method, lineno, v, fresh=False, shown=shown)
                return
            if origin.kind == "class":
                found = p.find_method(origin.ref, method)
                if found:
                    v.edges.append(_Edge(found, lineno, False))
                    return
        if rules.reads_only(method, name):
            return
        v.reasons.append(Reason("unknown", lineno, f"calls {shown}() on a module-level object of unknown type"))

    def _call_bindings(self, vf: FileSummary, name: str, call: CallSite, v: _Verdict, shown: str) -> bool:
        """Calling a module-level name bound more than one way, judged by every binding; False when one of them
        says nothing. `if PY2: from .types2 import is_text` / `else: from .types3 import is_text`, or a `try`
        import with a `def` fallback: the call runs one of them, so it is as pure as the least pure. A constant
        binding beside others (`handler = None`) is the fallback that is never called (calling it raises);
        alone, it is a placeholder something may fill in unseen."""
        bindings = live_bindings(vf, name)
        called = [b for b in bindings if not (b.kind == "value" and b.origin == "constant")]
        judged = [self._call_binding(vf, name, b, call, v, shown) for b in called]
        return bool(judged) and all(judged)

    def _call_binding(self, vf: FileSummary, name: str, b: Binding, call: CallSite, v: _Verdict, shown: str) -> bool:
        """Calling a module-level variable by what it was bound to; False when that says nothing."""
        p = self.p
        module = vf.module
        if b.kind != "value":
            if self._alias_depth >= 4:
                return False
            self._alias_depth += 1  # a `from` import folding several bindings in the imported module: a value again
            try:
                self._target_call(vf, p.binding_target(vf, name, b, 0), call, v, shown)
            finally:
                self._alias_depth -= 1
            return True
        if b.origin == "lambda":
            v.edges.append(_Edge(f"{module}:{b.target}", call.lineno, False))
            return True
        if b.origin == "partial":
            self._partial_call(vf, b.target, b.attr, call, v, f"{shown} (a partial of {b.target})")
            return True
        if b.origin == "alias" and b.target and self._alias_depth < 4:
            # debug = logger.debug; Point = _Point: a call of the aliased thing
            self._alias_depth += 1
            try:
                for target in p.target_of(module, b.target, b.attr):
                    self._target_call(vf, target, call, v, shown)
            finally:
                self._alias_depth -= 1
            return True
        if b.origin == "call" and b.target:
            factory = p.target_of(module, b.target, b.attr)
            # Point = namedtuple(...): calling it builds a record
            return bool(factory) and all(
                x.kind == "ext" and rules.in_set(rules.CLASS_FACTORIES, x.ref) for x in factory
            )
        return False

    def _partial_call(self, vf: FileSummary, name: str, attr: str, call: CallSite, v: _Verdict, shown: str) -> None:
        """A call of a `functools.partial` of `name.attr` (a module-level one, or one self stores): its arguments are
        not what the function's parameters receive in that order (`ADD = partial(add_to, SEEN)`: `ADD([])` fills
        `lst` with SEEN), nor is a keyword it binds a default left out, nor a callable it is handed the one a
        parameter holds (`_Edge.bare`, read by `_named_callbacks`)."""
        bare = replace(call, fresh_args=[], shallow_args=[], callable_args=[], owned_args=[], filled="")
        before = len(v.edges)
        for target in self.p.target_of(vf.module, name, attr):
            self._target_call(vf, target, bare, v, shown)
        for edge in v.edges[before:]:
            edge.bare = True

    def _construct(self, cid: str, lineno: int, v: _Verdict, shown: str) -> None:
        p = self.p
        for special in ("__new__", "__init__", "__post_init__"):
            found = p.find_method(cid, special)
            if found:
                v.edges.append(_Edge(found, lineno, True, holds=True))
        for base in p.external_bases(cid):
            if base.kind == "builtin" or base.ref in _PURE_BASES:
                continue
            if base.kind == "ext":
                if rules.toolkit_of(base.ref, p.config.toolkits):
                    v.reasons.append(Reason("ui", lineno, f"builds {shown}, a {base.ref} subclass"))
                    return
                if self.p.classify(base.ref) == "pure":
                    continue
            v.reasons.append(Reason("unknown", lineno, f"builds {shown}, whose base {base.ref} is not known"))
            return

    def _accessor_edges(self, cid: str, attr: str, call: CallSite, v: _Verdict) -> None:
        """Reading or writing a property runs its getter or setter."""
        for fid in self.p.accessors(cid, attr):
            v.edges.append(
                _Edge(
                    fid, call.lineno, call.fresh_receiver, on_self=call.kind == "property" and not call.fresh_receiver
                )
            )

    def _params_at(self, slots: list[str], callee: str) -> frozenset[str]:
        """The callee's parameters that the call's argument slots ("0", "1", … or keywords) fill."""
        if not slots or callee not in self.p.functions:
            return frozenset()
        params = self.p.functions[callee][1].params
        names = {params[int(a)] if a.isdigit() and int(a) < len(params) else a for a in slots}
        return frozenset(n for n in names if not n.isdigit())

    def _edge(self, callee: str, call: CallSite, fresh: bool, on_self: bool = False) -> _Edge:
        """A call edge with what the call hands over: the objects the caller built, the callables it answers for."""
        return _Edge(
            callee,
            call.lineno,
            fresh,
            on_self=on_self,
            fresh_params=self._params_at(call.fresh_args, callee),
            shallow_params=self._params_at(call.shallow_args, callee),
            callable_params=self._params_at(call.callable_args, callee) | self._left_out(call, callee),
            owned_params=self._owned_params(call.owned_args, callee),
        )

    def _owned_params(self, slots: list[tuple[str, str]], callee: str) -> tuple[tuple[str, str], ...]:
        """(the callee's parameter, whose) for the slots that hand over self's objects or the caller's parameters."""
        if not slots or callee not in self.p.functions:
            return ()
        params = self.p.functions[callee][1].params
        out = []
        for slot, whose in slots:
            name = params[int(slot)] if slot.isdigit() and int(slot) < len(params) else slot
            if not name.isdigit():
                out.append((name, whose))
        return tuple(out)

    def _left_out(self, call: CallSite, callee: str) -> frozenset[str]:
        """The callee's callback parameters with a constant default (`key=None`) that the call leaves out or fills with
        a constant: it hands no callable there, so what the callee calls back through them is nothing (`unique(xs)`
        of `unique(xs, key=None)`); answered here as a callable the caller passes is."""
        if not call.filled or call.filled == "*" or callee not in self.p.functions:
            return frozenset()
        fn = self.p.functions[callee][1]
        if not fn.inert_defaults:
            return frozenset()
        slots = call.filled[1:].split(",")  # ":" (nothing filled) gives [""], which names no parameter
        filled = {fn.params[int(a)] if a.isdigit() and int(a) < len(fn.params) else a for a in slots}
        return frozenset(p for p in fn.inert_defaults if p not in filled)

    def _own_method(self, cid: str, name: str) -> str | None:
        f, cls = self.p.classes[cid]
        return f"{f.module}:{cls.methods[name]}" if name in cls.methods else None

    def _method_call(self, f: FileSummary, call: CallSite, v: _Verdict) -> None:
        p = self.p
        cid = f"{f.module}:{call.name}"
        if cid not in p.classes:
            v.reasons.append(Reason("unknown", call.lineno, f"calls self.{call.attr}()"))
            return
        if call.kind == "self":
            found = p.find_method(cid, call.attr)
            owner = "self"
        else:
            found = self._base_method(cid, call.attr)
            owner = "super()"
        if found:
            targets = [found]
            if call.kind == "self":
                targets += [m for sub in p.subclasses(cid) if (m := self._own_method(sub, call.attr))]
            # In `__init__` self is the object being built (the walk's fresh receiver): a method that only sets its
            # fields (`self.reset()`) is part of building it, as `self.x = …` there is, but one changing an object
            # `__init__` bound from a parameter changes what the caller handed over (`self.items = items;
            # self.empty()`)
            for target in targets:
                edge = self._edge(target, call, call.fresh_receiver, on_self=not call.fresh_receiver)
                edge.held = self._held
                v.edges.append(edge)
            return
        if call.kind == "self" and self._stored_value(cid, call.attr):
            # `self.on_done = callback` somewhere in the class: calling it runs whatever was stored, which the class
            # may say (`self.f = self._g`, `self.to_html = DocToHtml(fmt)`)
            if not self._stored_callable(f, cid, call, v):
                v.reasons.append(Reason("unknown", call.lineno, f"calls self.{call.attr}(), a value the class stores"))
            return
        if self.is_tainted(f.module, f"s:{call.name}"):
            kit = next((b.ref for b in p.external_bases(cid) if b.kind == "ext"), "the toolkit")
            v.reasons.append(
                Reason(
                    "ui",
                    call.lineno,
                    f"calls {'self' if call.kind == 'self' else 'super()'}.{call.attr}(), inherited from {kit}",
                )
            )
            return
        self._inherited_call(cid, call, f"{owner}.{call.attr}()", v)

    def _inherited_call(self, cid: str, call: CallSite, shown: str, v: _Verdict) -> None:
        """A method of self that no project class in its hierarchy defines: a library base's, or a builtin's."""
        p = self.p
        bases = p.external_bases(cid)
        externals = [b for b in bases if b.ref not in _PURE_BASES and b.kind != "builtin"]
        if call.kind == "super" and not externals and call.attr in ("__init__", "__new__", "__init_subclass__"):
            return
        containers = [
            b.ref for b in bases if b.kind == "builtin" and b.ref.removeprefix("builtins.") not in _PURE_BASES
        ]
        if containers and not externals:
            self._builtin_method(containers[0], call, shown, v)
            return
        if externals and all(self._pure_inherited(ext.ref, call.attr) for ext in externals):
            return  # an inherited method known to only read its object (`configparser.ConfigParser.getint`)
        for ext in externals:
            # an inherited method with a known effect of its own (`threading.Thread.start`): exact names only
            inherited = f"{ext.ref}.{call.attr}"
            if inherited in p.impure_table:
                kind = p.impure_table[inherited]
                v.reasons.append(Reason(_kind(kind), call.lineno, f"calls {shown}, {inherited} inherited"))
                return
        if externals:
            v.reasons.append(Reason("unknown", call.lineno, f"calls {shown}, inherited from {externals[0].ref}"))
        elif not (call.kind == "self" and self._mixin_call(cid, call, v)):
            v.reasons.append(Reason("unknown", call.lineno, f"calls {shown}, not a method of {call.name}"))

    def _mixin_call(self, cid: str, call: CallSite, v: _Verdict) -> bool:
        """`self.m()` in a mixin, a class no project base or library base gives `m`: what runs is the `m` of the
        class self is, one of the project classes deriving from it. When each of the most derived ones (a class
        nothing derives from) has a project method `m`, a call of each; False when one has none (a library base may
        give it, or nothing does)."""
        p = self.p
        found = [p.find_method(sub, call.attr) for sub in p.most_derived(cid)]
        if not found or None in found:
            return False
        for target in dict.fromkeys(m for m in found if m is not None):
            edge = self._edge(target, call, call.fresh_receiver, on_self=not call.fresh_receiver)
            edge.held = self._held
            v.edges.append(edge)
        return True

    def _stored_callable(self, f: FileSummary, cid: str, call: CallSite, v: _Verdict) -> bool:
        """`self.x(…)` where every binding of `x` in the classes binding it (bases and subclasses) is one method of
        self (`self.x = self._fast`: that method runs), one project class's object (`self.x = Formatter(…)`: its
        `__call__`) or a weak reference (`self._view = weakref.ref(view)`: a read); False when it is anything else
        or unknown."""
        p = self.p
        classes = [*p.mro(cid), *p.subclasses(cid)]  # self may be a subclass's object, binding `x` its own way
        stored = {p.classes[c][1].callables.get(call.attr, "") for c in classes if call.attr in p.classes[c][1].fields}
        if len(stored) != 1:
            return False
        (what,) = stored
        owner = next(c for c in classes if call.attr in p.classes[c][1].fields)  # the class binding `x`
        if what.startswith("m:"):  # one method of self, or any of several (`self.match = self._regex` in a branch)
            names = what[2:].split("|")
            if any(name == call.attr or p.find_method(cid, name) is None for name in names):
                return False
            for name in names:
                self._method_call(f, replace(call, attr=name), v)
            return True
        if what in _WEAK_REFERENCES:
            return True  # `self._view = weakref.ref(view)`: calling it hands back the object, or None
        if what.startswith("p:"):  # `self._normalize = partial(normalize, ignore=ignore)`: a call of `normalize`
            root, _, rest = what[2:].partition(".")
            self._partial_call(p.classes[owner][0], root, rest, call, v, f"self.{call.attr}() (a partial of {root})")
            return True
        if what.startswith("g:"):
            root, _, rest = what[2:].partition(".")
            calls = [
                p.find_method(t.ref, "__call__") if t.kind == "class" and not t.attrs else None
                for t in p.target_of(p.classes[owner][0].module, root, rest)
            ]
            methods = [m for m in calls if m is not None]
            if not methods or len(methods) != len(calls):
                return False
            for found in methods:
                v.edges.append(self._edge(found, call, False, on_self=True))
            return True
        return False

    def _stored_value(self, cid: str, attr: str) -> bool:
        """Whether the class or a project base binds `attr` itself (`self.x = …`, a class-body name) and defines
        no method of that name: `self.x()` then calls a stored value, not an inherited method."""
        return any(attr in self.p.classes[current][1].fields for current in self.p.mro(cid))

    def _pure_inherited(self, base: str, method: str) -> bool:
        """A library base's method known to only read its object, by exact name (`configparser.ConfigParser.getint`:
        a pure `module.*` prefix says nothing of what a method does to `self`), a library exception's `__init__`
        (`rules.constructs_exception`; a toolkit's base made the class UI before this is asked), or the `__init__` of
        a class whose construction the tables hold pure by exact name (`super().__init__()` of `io.StringIO`,
        `queue.Queue`, `html.parser.HTMLParser`: building the object it is building)."""
        full = f"{base}.{method}"
        return full in self.p.pure_table or rules.constructs_exception(full) or self.p.pure_init(full)

    @staticmethod
    def _builtin_method(base: str, call: CallSite, shown: str, v: _Verdict) -> None:
        """A method a class inherits from a builtin container (`class Table(dict)`: `self.keys()`): one that only
        reads is pure, one that changes the object changes self (building it, in `__init__`, is not a change)."""
        if call.attr in rules.READ_ONLY_METHODS:
            return
        if call.attr in rules.MUTATING_METHODS:
            if not call.fresh_receiver:
                v.reasons.append(Reason("self_mutation", call.lineno, f"mutates self ({shown}, inherited from {base})"))
            return
        v.reasons.append(Reason("unknown", call.lineno, f"calls {shown}, inherited from {base}"))

    # ------------------------------------------------------------------ the purity fixpoint
    def fixpoint(self) -> dict[str, list[Reason]]:
        """Propagate impurity backwards over the call graph with a worklist.

        Two flavours: `impure` (any reason) and `leaky` (impure even when called on an object the caller
        just built, i.e. not only by mutating its own self). A call on a fresh receiver inherits `leaky`; a
        call on the caller's own self inherits `impure`, and passes `leaky` on as it is. A callee whose
        only effect is mutating parameters that receive objects the caller built leaves the caller pure.
        """
        verdicts = self.verdicts
        callers: dict[str, list[tuple[str, _Edge]]] = defaultdict(list)
        for gid, v in verdicts.items():
            for edge in v.edges:
                if edge.callee in verdicts and edge.callee != gid:
                    callers[edge.callee].append((gid, edge))
        for gid, v in verdicts.items():
            self._seed(gid, v)
        queue: deque[str] = deque(self.impure)
        while queue:
            callee = queue.popleft()
            for caller, edge in callers.get(callee, ()):
                if self._propagate(caller, edge):
                    queue.append(caller)
        return {gid: self._final_reasons(gid, v) for gid, v in verdicts.items()}

    def _changes_held(self, edge: _Edge) -> bool:
        """A method `__init__` calls changes an object `__init__` bound from one of its parameters."""
        if not edge.held:
            return False
        return not edge.held.isdisjoint(self.parts_of.get(edge.callee, ()))

    def _answered(self, edge: _Edge) -> bool:
        """The callee's only effect is calling the parameters this call hands a lambda or a function of the caller's
        own, which the caller answers for (`_compare(self, other, lambda s, o: s < o)`), or, a decorator's wrapper,
        calling back the decorated function (`_wrapper_edges`): it spreads nothing here."""
        if edge.callee in self.via_calls:
            return False
        only = self.callback_only.get(edge.callee)
        if only is not None and only <= edge.callable_params:
            return True
        if edge.from_encloser and edge.callee in self.encloser_only:
            return True  # `out = []` … `def collect(x): out.append(x)` … `collect(i)`: the caller's own state
        wrapped = self.wrapper_only.get(edge.callee)
        return wrapped is not None and wrapped <= edge.wrapped_params

    def _seed(self, gid: str, v: _Verdict) -> None:
        """What the fixpoint starts from for one function: its own verdict and the facts its callers' edges read."""
        fn = self.p.functions[gid][1]
        if v.reasons:
            self.impure.add(gid)
        if any(r.kind != "self_mutation" for r in v.reasons):
            self.leaky.add(gid)
        if fn.mutates_self_parts:
            self.parts.add(gid)
        if fn.self_parts:
            self.parts_of[gid] = set(fn.self_parts)
        self._param_only(gid, v)
        outer = self._enclosing_params(gid, fn)
        if outer and v.reasons:
            called = {name for name in outer for r in v.reasons if r.detail in callback_details((name,))}
            if called and all(r.kind == "unknown" and r.detail in callback_details(called) for r in v.reasons):
                self.wrapper_only[gid] = frozenset(called)
        if (
            fn.encloser_changes
            and v.reasons
            and all(
                r.kind == "global_write" and enclosing_write_name(r.detail) in fn.encloser_changes for r in v.reasons
            )
        ):
            self.encloser_only.add(gid)
        callbacks = fn.callback_params
        if callbacks and v.reasons:
            details = callback_details(callbacks)
            if all(r.kind == "unknown" and r.detail in details for r in v.reasons):
                self.callback_only[gid] = frozenset(callbacks)

    def _enclosing_params(self, gid: str, fn: FunctionSummary) -> list[str]:
        """The parameters of the function a nested function is defined in, that it does not take itself: what a
        decorator's wrapper calls back (`def deco(func): def f(self): return func(self)`)."""
        parent = self.p.parent_of.get(gid)
        if parent is None:
            return []
        return [name for name in self.p.functions[parent][1].params if name not in fn.params]

    def _param_only(self, gid: str, v: _Verdict) -> None:
        """Record the parameters of a function whose only reasons are changes of them (`param_only`), and which of
        those it changes in their parts (`param_parts`): a change of what a call returned (`result_params`) is one."""
        fn = self.p.functions[gid][1]
        returned = self.result_params.get(gid, ())
        mutated = {*fn.mutated_params, *returned}
        if mutated and all(r.kind == "arg_mutation" for r in v.reasons):
            self.param_only[gid] = frozenset(mutated)
            parts = {*fn.param_parts_mutated, *returned}
            if parts:
                self.param_parts[gid] = frozenset(parts)

    def _spreads(self, edge: _Edge) -> bool:
        callee = edge.callee
        if self._answered(edge):
            return False
        if edge.fresh:
            return callee in self.leaky or (edge.holds and callee in self.parts) or self._changes_held(edge)
        if callee not in self.impure:
            return False
        only = self.param_only.get(callee)
        if only is None or callee in self.via_calls:
            return True
        # a new container of the caller's objects, of which the callee changes only the container, is as fresh; an
        # object self holds or a parameter of the caller is the caller's to change, which `_owned_changes` says
        handed = edge.fresh_params | (edge.shallow_params - self.param_parts.get(callee, frozenset()))
        return not only <= handed.union(param for param, _ in edge.owned_params)

    def _owned_changes(self, edge: _Edge) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """What the call changes of the caller's own, when changing those (and objects the caller built) is all the
        callee does: the attributes of self whose objects change (`upd(self.ctx, data)` of `def upd(ctx, data):
        ctx.count += 1`, as `self.ctx.count += 1` would), the caller's parameters that change (`fill(out)` of `def
        fill(xs): xs.append(1)`, as `out.append(1)` would), and of those, the ones changed in their parts."""
        none: frozenset[str] = frozenset()
        if not edge.owned_params:
            return none, none, none
        callee = edge.callee
        only = self.param_only.get(callee)
        if only is None or callee in self.via_calls or self._spreads(edge):
            return none, none, none
        deep = self.param_parts.get(callee, none)
        attrs: set[str] = set()
        params: set[str] = set()
        parts: set[str] = set()
        for param, whose in edge.owned_params:
            if param not in only:
                continue
            kind, _, name = whose.partition(":")
            if kind == "param" or kind == "part":
                params.add(name)
                if kind == "part" or param in deep:
                    parts.add(name)
            else:
                attrs.add(whose[len("self.") :])
        return frozenset(attrs), frozenset(params), frozenset(parts)

    def _propagate(self, caller: str, edge: _Edge) -> bool:
        """Apply one edge to its caller; True when the caller's state changed."""
        changed = False
        if self._spreads(edge):
            if caller not in self.impure:
                self.impure.add(caller)
                changed = True
            if caller not in self.via_calls:
                self.via_calls.add(caller)
                changed = True
        if edge.fresh or edge.on_self:
            leaks = (edge.callee in self.leaky and not self._answered(edge)) or self._changes_held(edge)
        else:
            leaks = self._spreads(edge)
        if caller not in self.leaky and leaks:
            self.leaky.add(caller)
            changed = True
        # the attributes of self a method changes through the methods of self it calls
        if (edge.on_self or edge.held is not None) and edge.callee in self.parts_of:
            mine = self.parts_of.setdefault(caller, set())
            if not self.parts_of[edge.callee] <= mine:
                mine |= self.parts_of[edge.callee]
                changed = True
        changed = self._changes_owned(caller, edge) or changed
        # changing what self holds: through a method of self, or of an object self holds that was built from what
        # the caller was given (`self.h = Holder(items); self.h.add(1)` changes `items`)
        if (edge.on_self or edge.holds) and edge.callee in self.parts and caller not in self.parts:
            self.parts.add(caller)
            changed = True
        return changed

    def _changes_owned(self, caller: str, edge: _Edge) -> bool:
        """Apply a call that changes the caller's own objects (`_owned_changes`); True when its state changed.

        Objects self holds: the caller changes self (impure, not leaky, and not a function that changes only its
        parameters; in `__init__` it is building self: not impure) and those attributes. Its parameters: the
        caller changes them (impure and leaky, as an `arg_mutation` of its own is), and when that is all it does,
        its callers handing it objects they built stay pure (`param_only`)."""
        attrs, params, parts = self._owned_changes(edge)
        if not attrs and not params:
            return False
        changed = False
        if attrs:
            building = _builds_self(self.p.functions[caller][1])
            groups = [self.parts] if building else [self.impure, self.via_calls, self.parts]
            changed = _joined(groups, caller)
            mine = self.parts_of.setdefault(caller, set())
            if not attrs <= mine:
                mine |= attrs
                changed = True
        if params:
            changed = _joined([self.impure, self.leaky], caller) or changed
            if all(r.kind == "arg_mutation" for r in self.verdicts[caller].reasons):
                only = self.param_only.get(caller, frozenset())
                if not params <= only:
                    self.param_only[caller] = only | params
                    changed = True
                deep = self.param_parts.get(caller, frozenset())
                if not parts <= deep:
                    self.param_parts[caller] = deep | parts
                    changed = True
        return changed

    def _final_reasons(self, gid: str, v: _Verdict) -> list[Reason]:
        reasons = list(v.reasons)
        named: set[str] = set()
        for edge in v.edges:
            callee = edge.callee
            if callee == gid or callee not in self.verdicts or callee in named:
                continue
            attrs, params, _ = self._owned_changes(edge)
            if attrs or params:
                named.add(callee)
                how = f"calls {self.display(callee)}"
                if attrs and not _builds_self(self.p.functions[gid][1]):
                    shown = ", ".join(f"self.{attr}" for attr in sorted(attrs))
                    reasons.append(Reason("self_mutation", edge.lineno, f"mutates {shown} ({how})"))
                reasons.extend(
                    Reason("arg_mutation", edge.lineno, f"mutates parameter {p} ({how})") for p in sorted(params)
                )
            elif self._spreads(edge):
                named.add(callee)
                # a callee pure on its own changes an object this function built from what it was given
                # (`Own(xs)` whose `__init__` changes what it holds): said so, not "impure"
                why = (
                    "which is impure" if callee in self.impure else "which changes what it holds, built from arguments"
                )
                reasons.append(Reason("calls_impure", edge.lineno, f"calls {self.display(callee)}, {why}"))
        return _dedupe(reasons)

    def display(self, gid: str) -> str:
        module, _, fid = gid.partition(":")
        return f"{module}.{fid.split('@')[0]}"


def _method_of_result(method: str, callee: str, lineno: int, fresh: bool, v: _Verdict) -> None:
    """A method of what a project function returned, known only by the method's name: a read-only one is pure,
    a changing one is when the object is fresh (built by the call, holding nothing the caller was given)."""
    if rules.reads_only(method, callee) or (fresh and method in rules.MUTATING_METHODS):
        return
    v.reasons.append(Reason("unknown", lineno, f"calls .{method}() on what {callee}() returns"))


# Decorators keeping a function's results: a later call hands back the object an earlier one built.
_CACHING_DECORATORS = frozenset({"functools.lru_cache", "functools.cache"})

# Weak references, whose call hands back the object referred to (or None): `weakref.proxy` is the object itself.
_WEAK_REFERENCES = frozenset({"weakref.ref", "weakref.WeakMethod", "_weakref.ref", "weakref.ReferenceType"})

# What a property object's attribute is: the function its decorator names (`@property`/`@x.getter`, `@x.setter`…).
_PROPERTY_FUNCTIONS = {"fget": "getter", "fset": "setter", "fdel": "deleter"}

_CONTAINER_FACTORIES = frozenset(
    {"dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "deque", "Counter", "ChainMap"}
)


def live_bindings(f: FileSummary, name: str) -> list[Binding]:
    """The module-level bindings of `name` that run: not an import only type checkers see (`if TYPE_CHECKING:`), nor
    one only Python 2 makes (`if PY3: ustr = str` / `else: ustr = unicode`: on the Python that runs, the name is
    never bound so)."""
    bindings = f.bindings.get(name, [])
    bindings = [b for b in bindings if not b.type_checking] or bindings
    return [b for b in bindings if not b.python2]


def _holds_objects(f: FileSummary, name: str) -> bool:
    """Whether a part of the module-level `name` may be an object a caller changes: a container display or
    factory (`REGISTRY = {}`, `CACHE = defaultdict(list)`), an import, an alias. A part of anything else a
    function returns is taken to be what its value was built from (`INVALID = Decoded(None, None, None)`, a
    record of constants; the path that changes a part returned a new object): the paths are not told apart."""
    for b in f.bindings.get(name, ()):
        if b.kind != "value" or b.origin in ("other", "alias"):
            return True
        if b.origin == "call" and (b.attr or b.target).rsplit(".", 1)[-1] in _CONTAINER_FACTORIES:
            return True
    return False


# typing's aliases of the builtin containers, as a base (`class Split(Dict[bytes, int])`): the class at run time
_TYPING_CONTAINERS = {
    "typing.Dict": "dict",
    "typing.List": "list",
    "typing.Set": "set",
    "typing.FrozenSet": "frozenset",
    "typing.Tuple": "tuple",
}


def _runtime_base(t: Target) -> Target:
    """The base a class gets at run time from what its `class` statement names: `typing.Dict` is `dict`, and
    `typing.Generic` is `object` (it only makes the class subscriptable)."""
    if t.kind != "ext" or t.attrs:
        return t
    if t.ref in _TYPING_CONTAINERS:
        return Target("builtin", _TYPING_CONTAINERS[t.ref])
    if t.ref == "typing.Generic":
        return Target("builtin", "object")
    return t


def _builds_self(fn: FunctionSummary) -> bool:
    """An `__init__` / `__post_init__`: its self is the object being built, whose fields it sets."""
    return fn.kind == "method" and fn.qualname.rsplit(".", 1)[-1] in ("__init__", "__post_init__")


def _joined(groups: Iterable[set[str]], key: str) -> bool:
    """Add `key` to each of `groups`; True when one of them did not hold it yet."""
    added = False
    for group in groups:
        if key not in group:
            group.add(key)
            added = True
    return added


def _only_constants(bindings: Iterable[Binding]) -> bool:
    """Whether a name's value bindings are all constants (`None`, a number, a string, a tuple of them), and there
    is one."""
    values = [b for b in bindings if b.kind == "value"]
    return bool(values) and all(b.origin == "constant" for b in values)


def _state_key(t: Target) -> tuple[str, str]:
    module, _, name = t.ref.partition(":")
    return module, name.split("@")[0]


def _prefix_lookup(table: dict[str, str], dotted: str) -> str | None:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        hit = table.get(".".join(parts[:end]))
        if hit:
            return hit
    return None


def _kind(kind: str) -> ReasonKind:
    return kind if kind in _REASON_KINDS else "unknown"  # type: ignore[return-value]


_REASON_KINDS = frozenset(
    {"io", "nondeterministic", "global_write", "global_read", "arg_mutation", "self_mutation", "ui", "calls_impure"}
)


def _describe_key(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "s":
        return f"self of {rest}"
    if kind == "a":
        _cls, _, attr = rest.partition(":")
        return f"self.{attr}"
    if kind == "l":
        return rest.rsplit(":", 1)[-1]
    if kind == "c":
        call, name, attr = rest.split(":", 2)
        if call == "global":
            shown = ".".join(x for x in (name, attr) if x)
        elif call == "self":
            shown = f"self.{attr}"
        elif call == "super":
            shown = f"super().{attr}"
        else:  # a nested function, by its own name (`outer.<locals>.make` -> `make`)
            shown = name.rsplit(".", 1)[-1]
        return f"what {shown.split('@')[0]}() returns"
    return rest


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    seen: set[tuple[str, str]] = set()
    out = []
    for r in sorted(reasons, key=lambda r: (r.lineno, r.kind, r.detail)):
        if (r.kind, r.detail) not in seen:
            seen.add((r.kind, r.detail))
            out.append(r)
    return out


# ---------------------------------------------------------------------- files
def _expand(flat: list[int]) -> set[int]:
    lines: set[int] = set()
    for i in range(0, len(flat), 2):
        lines.update(range(flat[i], flat[i + 1] + 1))
    return lines


class Verdicts(NamedTuple):
    files: list[FileResult]
    warnings: list[AnalysisWarning]


def solve(
    summaries: list[FileSummary], config: EngineConfig | None = None, root_package: str | None = None
) -> Verdicts:
    """The whole-project half: verdicts for every file and function (extraction flags left False), and what the
    engine could not resolve."""
    config = config or EngineConfig()
    project = Project(summaries, config, root_package)
    solver = Solver(project)
    solver.solve_taint()
    solver.inherited_changes()
    solver.solve_state()
    solver.local_verdicts()
    reasons = solver.fixpoint()
    results: dict[str, FileResult] = {}
    first_ui: dict[str, int] = {}
    for f in sorted(project.files.values(), key=lambda s: s.path):
        results[f.module], first_ui[f.module] = _file_result(f, solver, reasons, config)
    blockers = _web_readiness(project, results, first_ui)
    files = [
        replace(results[m], web_ready_blockers=blockers[m], web_ready=not blockers[m])
        for m in sorted(results, key=lambda m: results[m].path)
    ]
    return Verdicts(files, _warnings(project))


def _warnings(project: Project) -> list[AnalysisWarning]:
    """Toolkit evidence the engine could not resolve: UI detection may be incomplete there.

    A dynamic import it cannot fold, in a file that names a toolkit or loads one (a wrapper choosing a binding at
    run time); a toolkit named in a string by a project that imports nothing of its family."""
    families = {rules.TOOLKIT_FAMILIES.get(kit) for f in project.files.values() for kit in f.toolkits}
    out: list[AnalysisWarning] = []
    for f in sorted(project.files.values(), key=lambda s: s.path):
        if f.toolkit_strings or f.toolkits:
            for lineno, what in f.dynamic_imports:
                out.append(
                    AnalysisWarning(
                        f.path,
                        lineno,
                        "dynamic_import",
                        f"imports a module chosen at run time ({what}); UI detection may be incomplete — "
                        "add it to extra_toolkits",
                    )
                )
        named: dict[str, int] = {}
        for lineno, text in f.toolkit_strings:
            top = text.partition(".")[0]
            if rules.TOOLKIT_FAMILIES.get(rules.toolkit_of(top) or top) not in families:
                named.setdefault(top, lineno)
        if named:
            shown = ", ".join(named)
            out.append(
                AnalysisWarning(
                    f.path,
                    min(named.values()),
                    "toolkit_in_strings",
                    f"names {shown} in a string but nothing imports it; if the project loads it at run time, UI "
                    "detection may be incomplete — add the module that loads it to extra_toolkits",
                )
            )
    return out


def _file_result(
    f: FileSummary, solver: Solver, reasons: dict[str, list[Reason]], config: EngineConfig
) -> tuple[FileResult, int]:
    c = f.counts
    code = _expand(f.code_lines)
    ui: set[int] = set()
    for key, spans in f.refs.items():
        if solver.is_tainted(f.module, key):
            ui |= _expand(spans) & code
    for fn in f.functions:
        # the `def` line names the parameters: a UI line when one is a widget (`self` of a widget class, a widget
        # handed in); a reason against the function only when it reads one
        if fn.lineno not in ui and fn.kind != "lambda" and _takes_a_widget(solver, f.module, fn):
            ui.update(line for line in range(fn.lineno, max(fn.lineno, fn.header_end) + 1) if line in code)
    ui_lines = len(ui)
    ranges: list[list[int]] = []  # [[start, end], …] as JSON has them: the result equals its own round trip
    for line in sorted(ui):
        if ranges and ranges[-1][1] == line - 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    ui_pct = round(min(100.0, 100.0 * ui_lines / c.sloc), 2) if c.sloc else 0.0
    classification: Classification
    if f.parse_error is not None:
        classification = "Mixed" if f.toolkits else "Logic"
    elif ui_lines == 0:
        classification = "Logic"
    elif ui_pct >= config.ui_threshold:
        classification = "UI"
    else:
        classification = "Mixed"
    functions = []
    for fn in sorted(f.functions, key=lambda fn: (fn.lineno, fn.qualname)):
        gid = f"{f.module}:{fn.fid}"
        rs = reasons.get(gid, [])
        calls = sorted({solver.display(e.callee) for e in solver.verdicts[gid].edges if e.callee in solver.verdicts})
        functions.append(
            FunctionResult(
                qualname=fn.qualname,
                lineno=fn.lineno,
                end_lineno=fn.end_lineno,
                pure=not rs,
                extractable=False,
                reasons=rs,
                calls=calls,
                trivial=fn.trivial,
            )
        )
    result = FileResult(
        path=f.path,
        loc=c.loc,
        lloc=c.lloc,
        sloc=c.sloc,
        comments=c.comments,
        multi=c.multi,
        blank=c.blank,
        ui_lines=ui_lines,
        ui_pct=ui_pct,
        classification=classification,
        web_ready=False,
        web_ready_blockers=[Blocker(lineno, detail) for lineno, detail in sorted(set(f.desktop_uses))],
        toolkits=list(f.toolkits),
        parse_error=f.parse_error,
        functions=functions,
        ui_line_ranges=ranges,
    )
    return result, min(ui, default=1)


def _takes_a_widget(solver: Solver, module: str, fn: FunctionSummary) -> bool:
    if (
        fn.class_qualname
        and fn.kind in ("method", "classmethod")
        and solver.is_tainted(module, f"s:{fn.class_qualname}")
    ):
        return True
    return any(f"{module}|l:{fn.fid}:{param}" in solver.tainted for param in fn.params)


def _imports_of(project: Project, f: FileSummary) -> list[tuple[str, int]]:
    """Project modules a file imports at run time on a web backend, with the line of the import (not those of a
    branch only Windows, macOS or Python 2 takes: `if PY2: from .types2 import …`)."""
    out: dict[str, int] = {}
    for name, blist in f.bindings.items():
        for b in blist:
            if b.type_checking or b.other_platform or b.kind not in ("import", "from"):
                continue
            t = project.binding_target(f, name, b, 0)
            module = (
                t.ref
                if t.kind == "module"
                else t.ref.partition(":")[0]
                if t.kind in ("func", "class", "value")
                else None
            )
            if module and module in project.files and module != f.module:
                out.setdefault(module, b.lineno)
            if b.kind == "from":
                base = project.index.resolve_from(f.module, f.is_package, b.target, b.level)
                if base and base in project.files and base != f.module:
                    out.setdefault(base, b.lineno)
    for module, level, lineno in f.star_imports:
        base = project.index.resolve_from(f.module, f.is_package, module, level)
        if base and base in project.files and base != f.module:
            out.setdefault(base, lineno)
    for module, level, name, lineno in f.local_imports:
        base = project.index.resolve_from(f.module, f.is_package, module, level)
        if base and name and project.index.submodule(base, name) in project.files:
            base = project.index.submodule(base, name)
        if base and base in project.files and base != f.module:
            out.setdefault(base, lineno)
    return sorted(out.items(), key=lambda item: item[1])


_Chain = tuple[str, "_Chain | None"]  # a module, and the chain of imports that led to it


def _chain_modules(link: _Chain | None) -> list[str]:
    """The modules of an import chain, first to last."""
    modules: list[str] = []
    while link is not None:
        modules.append(link[0])
        link = link[1]
    modules.reverse()
    return modules


def _web_readiness(
    project: Project, results: dict[str, FileResult], first_ui: dict[str, int]
) -> dict[str, list[Blocker]]:
    """Each module's web-readiness blockers: it must be Logic, parse, use no desktop-only API, and the same for
    every project module it imports (transitively). `results` hold each file's own desktop-only blockers."""
    out: dict[str, list[Blocker]] = {}
    own_ok = {
        m: r.classification == "Logic" and r.parse_error is None and not r.web_ready_blockers
        for m, r in results.items()
    }
    imports = {m: _imports_of(project, project.files[m]) for m in results}
    for m, r in results.items():
        blockers = list(r.web_ready_blockers)
        if r.parse_error is not None:
            blockers.insert(0, Blocker(r.parse_error.lineno, f"does not parse: {r.parse_error.message}"))
        elif r.classification != "Logic":
            blockers.insert(0, Blocker(first_ui[m], f"the file is {r.classification} ({r.ui_pct:g}% UI lines)"))
        seen = {m}
        for direct, lineno in imports[m]:
            # Each entry: a module and the chain of imports that reached it, as (module, chain-so-far) links: the
            # path is spelled out only for a module that fails (copying it per edge was quadratic on big projects).
            stack: list[_Chain] = [(direct, None)]
            while stack:
                link = stack.pop()
                current = link[0]
                if current in seen:
                    continue
                seen.add(current)
                if not own_ok[current]:
                    cr = results[current]
                    first = cr.web_ready_blockers[0].detail if cr.web_ready_blockers else ""
                    why = (
                        "does not parse"
                        if cr.parse_error
                        else f"is {cr.classification}"
                        if cr.classification != "Logic"
                        else first  # `imports imp, gone since Python 3.12` (a module no current Python has)
                        if first.startswith("imports ")
                        else f"uses a desktop-only API ({first})"
                    )
                    path = " -> ".join(results[x].path for x in _chain_modules(link))
                    blockers.append(Blocker(lineno, f"imports {path}, which {why}"))
                    continue  # what it imports in turn is its own blockers' business: one line per failing path
                stack.extend((nxt, link) for nxt, _ in imports[current])
        out[m] = blockers
    return out
