"""Statements: definitions, imports, control flow and assignments; `FileVisitor` is the complete walk."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from ..model import Reason
from ..padding import is_trivial
from ..summary import (
    Binding,
    ClassSummary,
    FunctionSummary,
    class_write_reason,
    module_write_reason,
    stream_operation,
)
from .expressions import Expressions
from .nodes import (
    CONTAINER_LITERALS,
    annotation_class,
    annotation_element_class,
    attr_chain,
    describe,
    dotted_name,
    function_id,
    immutable_literal,
    lambda_id,
)
from .platforms import backend_runs_the_handler, catches_import_error, other_platform_branch, reads_python_version
from .scope import Scope, bound_names, class_level_names, interchangeable_types, local_bindings, walrus_names
from .walk import PendingCall

_INIT_NAMES = frozenset({"__init__", "__post_init__", "__new__", "__init_subclass__", "__set_name__"})
_IMPLICIT_CLASSMETHODS = frozenset({"__init_subclass__", "__class_getitem__"})
_MUTABLE_FACTORIES = frozenset({"list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "deque", "Counter"})


class FileVisitor(Expressions):
    """Walks one module. Statement methods are `s_<Type>`, expression methods `e_<Type>`."""

    # ------------------------------------------------------------------ statements
    def s_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.rebind_check(node.name, node.lineno)  # `global helper` then `def helper(…)` in a function
        self.function(node)

    s_AsyncFunctionDef = s_FunctionDef

    def s_ClassDef(self, node: ast.ClassDef) -> None:
        self.rebind_check(node.name, node.lineno)
        outer = self.scope
        qualname = outer.qualprefix + node.name
        cls = ClassSummary(qualname=qualname, lineno=node.lineno, outer=outer.fid or None)
        for deco in node.decorator_list:
            self.span = (deco.lineno, deco.end_lineno or deco.lineno)
            self.expr(deco)
            root, attrs = attr_chain(deco.func if isinstance(deco, ast.Call) else deco)
            if isinstance(root, ast.Name):
                cls.decorators.append((root.id, ".".join(attrs), deco.lineno, type(deco) is ast.Call))
                if (attrs or [root.id])[-1] == "dataclass":
                    cls.is_dataclass = True
            else:
                cls.decorators.append(("?", "", deco.lineno, type(deco) is ast.Call))
        self.header(node, node.body)
        base_keys: set[str] = set()
        self.collect = base_keys
        for base in node.bases:
            if type(base) is ast.Subscript:
                # `UserList[MetadataItem]`: the class subscripted is the base, its arguments are types of what the
                # class holds (a list of widgets is no widget: picard's `ListOfMetadataItems`)
                self.expr(base.value)
                self.collect = None
                self.expr(base.slice)
                self.collect = base_keys
            else:
                self.expr(base)
            # `Generic[T]`, `Dict[str, int]`, `list[int]`: the class subscripted is the base
            root, attrs = attr_chain(base.value if type(base) is ast.Subscript else base)
            if isinstance(root, ast.Name):
                cls.bases.append((root.id, ".".join(attrs)))
            elif type(base) is ast.Call and (record := rules.RECORD_FACTORIES.get(self.value_type(base) or "")):
                cls.bases.append((record, ""))  # `class Version(namedtuple("VersionBase", "major minor")):` a tuple
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
        # A class a function defines runs its body each time the function does: its effects are the function's.
        scope = Scope(
            kind="class",
            qualprefix=qualname + ".",
            class_qualname=qualname,
            parent=outer,
            fid=outer.fid,
            summary=outer.summary,
        )
        scope.locals = class_level_names(node.body)
        self.scope = scope
        try:
            self.stmts(node.body)
        finally:
            self.leave(outer)
        cls.tables = self.settled_class_tables(qualname)
        self.shared_attribute_changes(qualname, node.body)
        self.resolve_attribute_calls(qualname, scope.locals, _declared_fields(node.body))
        self.resolve_field_reads(qualname, scope.locals)

    def settled_class_tables(self, qualname: str) -> dict[str, list[str]]:
        """The class's dispatch tables (`Effects.class_table`), for the solve to take `self.OPS[op](…)` to call one of
        their entries; whether any code rebinds or changes `OPS` (a method, a subclass, at import, another module) is
        the solve's to see, by name (`FileSummary.changed_attrs`, `Solver._class_table_call`)."""
        return {name: entries for name, entries in self.class_tables.pop(qualname, {}).items() if entries}

    def shared_attribute_changes(self, qualname: str, body: list[ast.stmt]) -> None:
        """`instances = []` in the class body and `self.instances.append(self)` in a method: `__init__` does not bind
        `self.instances`, so an instance reads the class's one list (until a method rebinds it), and changing it
        changes what every instance and the class itself see (class state, as a module-level list is module state),
        in `__init__` too, where changing self is otherwise part of building it."""
        changes = self.self_part_changes.pop(qualname, [])
        sites = self.self_arg_sites.pop(qualname, [])
        foreign = self.foreign_fields.pop(qualname, {})
        init_bound = self.init_bound.pop(qualname, set())
        if "*" in self.attr_bindings.get(qualname, {}):
            return  # `setattr(self, name, v)`: any attribute may be the instance's own
        shared = _mutable_class_attributes(body) - init_bound
        # what a field may hold that is not an instance's own: the class's shared attribute of that name, another
        # one (`self.d = self.shared`), a module-level object (`self.cache = CACHE`)
        not_own: dict[str, set[str]] = {attr: {f"class:{attr}"} for attr in shared}
        for attr, held in foreign.items():
            for kind, name in held:
                if kind == "global" or name in shared:
                    not_own.setdefault(attr, set()).add(f"{kind}:{name}")
        cls = self.summary.classes.get(qualname)
        if cls is not None:  # for the methods of its subclasses, which may be in other files
            cls.not_own = {attr: sorted(held) for attr, held in sorted(not_own.items())}
        for site in sites:  # handing such a field to a function that changes it is no change of self alone
            site.owned_args = [
                (slot, whose)
                for slot, whose in site.owned_args
                if not (whose.startswith("self.") and whose[len("self.") :] in not_own)
            ]
        for fn, attr, lineno, what in changes:
            for entry in sorted(not_own.get(attr, ())):
                kind, _, name = entry.partition(":")
                if kind == "class":  # `self.items.append(x)` of a class attribute, `self.d[k] = v` of one it holds
                    self.reason_of(fn, "global_write", lineno, class_write_reason(f"{qualname}.{name}", what))
                    self.summary.mutated.append((qualname, name, lineno))
                elif not stream_operation(what):  # `self.cache = CACHE`, then `self.cache.append(x)`
                    root, _, first = name.partition(".")
                    self.reason_of(fn, "global_write", lineno, module_write_reason(name, what))
                    self.summary.mutated.append((root, first, lineno))

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> str:
        outer = self.scope
        is_lambda = isinstance(node, ast.Lambda)
        name = "<lambda>" if is_lambda else node.name  # type: ignore[union-attr]
        qualname = outer.qualprefix + name
        fid = function_id(outer.qualprefix, node)
        in_class = outer.kind == "class"
        deco_names: list[str] = []
        decorators: list[tuple[str, str, int, bool]] = []
        if not is_lambda:
            for deco in node.decorator_list:  # type: ignore[union-attr]
                self.span = (deco.lineno, deco.end_lineno or deco.lineno)
                self.expr(deco)
                root, attrs = attr_chain(deco.func if isinstance(deco, ast.Call) else deco)
                if isinstance(root, ast.Name):
                    deco_names.append(".".join([root.id, *attrs]))
                    decorators.append((root.id, ".".join(attrs), deco.lineno, type(deco) is ast.Call))
                else:
                    deco_names.append("?")
                    decorators.append(("?", "", deco.lineno, type(deco) is ast.Call))
            self.header(node, node.body)  # type: ignore[arg-type]
            self.signature_changes(node)  # type: ignore[arg-type]
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
        if not is_lambda:
            first: list[ast.stmt] = node.body[:1]  # type: ignore[index]
            summary.header_end = max(node.lineno, (first[0].lineno if first else node.lineno) - 1)
            summary.trivial = is_trivial(node)  # type: ignore[arg-type]
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
        scope = Scope(
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
            scope.locals |= walrus_names(node.body)
        else:
            scope.locals |= bound_names(body, scope, self.walrus_within(node))
        scope.locals -= scope.globals_decl | scope.nonlocals_decl
        self.scope = scope
        try:
            if is_lambda:
                self.expr(node.body)  # type: ignore[arg-type]
            else:
                self.stmts(body)
        finally:
            self.leave(outer)
        _own_state_changes(scope)
        self.function_ends(scope, summary, body, node)
        summary.inert_defaults = _inert_callbacks(summary, args)
        if in_class and not is_lambda and _is_abstract(body, deco_names):
            summary.reasons.append(
                Reason("unknown", node.lineno, "abstract method: the code that runs is in an override")
            )
        return fid

    def function_ends(
        self,
        scope: Scope,
        summary: FunctionSummary,
        body: list[ast.stmt],
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
    ) -> None:
        """What needs every binding of the function's names: the calls made through them, the functions returned."""
        if scope.resolved_calls or scope.returned_defs:
            bindings = local_bindings(body, self.walrus_within(node), scope.qualprefix, self.nonlocal_possible)
            self.check_resolved_calls(scope, bindings)
            _returned_functions(summary, scope.returned_defs, bindings)
        if isinstance(node, ast.AsyncFunctionDef):
            summary.returns_functions = ["?"]  # calling it returns a coroutine
        elif summary.returns_functions:
            summary.returns_functions = sorted(set(summary.returns_functions))

    def check_resolved_calls(self, scope: Scope, bindings: dict[str, list[tuple[int, str | None]]]) -> None:
        """A call resolved through what a local name held when the walk reached it (`def f`, `f = lambda …`,
        `fn = OPS.get(op)`, `show = print`) stands when nothing else binds that name in the function, or when the
        call is the function's straight-line code (no branch, loop or nested function around it) and the one
        binding before it is the one the walk saw. When every binding of the name is a function (`def f` in each
        branch of an `if`), the call is a call of each. Otherwise another binding may be what runs (`f(x);
        f = print` in a loop, `f` rebound in a branch or by a nested function's `nonlocal`): a call of an unknown
        callable. Tables keep their own rule (`Effects.table_binding`: every binding an entry of one table)."""
        for name, fn, site, how, straight in scope.resolved_calls or ():
            if how == "table" and not (scope.not_tables and name in scope.not_tables):
                continue
            bound = bindings.get(name, ())
            lineno = site if isinstance(site, int) else site.lineno
            if len(bound) <= 1 or (straight and sum(1 for b in bound if b[0] <= lineno) <= 1):
                continue
            if how == "alias" and straight and _all_aliases_before(bound, scope.callable_lines.get(name), lineno):
                continue  # `if c: m = p.match` / `else: m = q.match`, then `filter(m, xs)`: a call of either
            recorded = None if isinstance(site, int) else site  # an int: no site recorded, only the call's line
            index = None if recorded is None else next((i for i, c in enumerate(fn.calls) if c is recorded), None)
            if recorded is not None and index is not None:
                del fn.calls[index]
                if how == "def" and all(fid is not None for _, fid in bound):
                    for fid in sorted({fid for _, fid in bound if fid is not None}):
                        fn.calls.append(dataclasses.replace(recorded, name=fid))
                    continue
            what = f"a method of local variable {name}" if how == "object" else f"local variable {name}"
            self.reason_of(fn, "unknown", lineno, f"calls {what}, which is bound more than once")

    def walrus_within(self, node: ast.AST) -> bool:
        """Whether `:=` appears in the lines of this node (only then are its expressions searched)."""
        start = getattr(node, "lineno", 0)
        end = getattr(node, "end_lineno", None) or start
        index = bisect.bisect_left(self.walrus_lines, start)
        return index < len(self.walrus_lines) and self.walrus_lines[index] <= end

    def defaults(self, args: ast.arguments, summary: FunctionSummary) -> None:
        """Default values run once, where the `def` stands: their effects belong to the function (an
        extracted copy would run them at import), their names resolve in the enclosing scope. Where the `def` runs
        each time a function does (a nested function or lambda, a method of a class a function defines), they are
        that function's effects too: `def outer(): def inner(x=print("hi")): …` prints whenever `outer` runs."""
        values = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
        if not values:
            return
        outer = self.scope
        reasons, calls = len(summary.reasons), len(summary.calls)
        self.scope = Scope(
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
            self.leave(outer)
        encloser = outer.summary
        if outer.runs_in_function and encloser is not None:
            for reason in summary.reasons[reasons:]:
                self.reason_of(encloser, reason.kind, reason.lineno, reason.detail)
            encloser.calls.extend(summary.calls[calls:])

    def bind_params(self, scope: Scope, args: ast.arguments, method: bool) -> None:
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
            if type(given) is ast.Name:  # resolved where the def stands: the module, or the class body around it
                where = self.resolve(given.id)[0]
                if where == "global" or where == "classattr":
                    scope.global_defaults[arg.arg] = ("global" if where == "global" else "class", given.id)
            if arg.annotation is not None and arg is not args.vararg and arg is not args.kwarg:
                declared = annotation_class(arg.annotation)
                if declared:  # `def total(item: Item)`: `item.price()` is a method of Item (`call_on_name`)
                    scope.local_types[arg.arg] = "param:" + declared
                else:  # `def total(items: list[Item])`: `for i in items: i.price()` (`Effects.store`)
                    element = annotation_element_class(arg.annotation)
                    if element:
                        scope.local_types[arg.arg] = "elems:" + element
            if arg.arg not in scope.local_types:
                scope.local_types[arg.arg] = ""  # the caller's object: `if x is None: x = Saver()` leaves it untyped

    def bind_def(self, name: str, fid: str, node: ast.stmt) -> None:
        scope = self.scope
        if scope.kind == "module":
            self.bind_name(name, Binding(kind="def", target=fid, lineno=node.lineno))
        elif scope.kind == "function":
            scope.local_defs[name] = fid

    def s_Import(self, node: ast.Import) -> None:
        self.simple(node)
        for alias in node.names:
            self.imported_in_function(alias.name, node.lineno)
            local = alias.asname or alias.name.split(".")[0]
            target = alias.name if alias.asname else alias.name.split(".")[0]
            self.import_bound(local, Binding(kind="import", target=target, lineno=node.lineno), alias.name)

    def s_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.simple(node)
        module = node.module or ""
        if not node.level:
            self.imported_in_function(module, node.lineno)
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

    def imported_in_function(self, module: str, lineno: int) -> None:
        """`import lib` in a function runs lib's module code the first time it is called: the solve judges what
        that is (`Solver._local_import`: the standard library, the project and the tables' libraries are known)."""
        if self.scope.kind != "module" and not self.type_checking and module.split(".")[0] not in rules.STDLIB_MODULES:
            self.call_site("import_module", module, "", lineno)

    def import_bound(self, local: str, binding: Binding, full: str) -> None:
        kit = rules.toolkit_of(full, self.toolkits) if full else None
        if self.scope.kind == "module":
            self.bind_name(local, binding)
        else:
            self.scope.local_imports[local] = binding
            self.local_import_names.add(local)
            self.rebind_check(local, binding.lineno)  # `global X` then `from m import X`: the module's X changes
            if self.scope.kind == "function":
                # what it names is a module's, shared by the whole process: `os.environ["X"] = v`, `math.pi = v`
                self.scope.origins[local] = {f"module:{local}"}
        key = self.key_for(local)
        if key is not None and self.scope.kind == "module" and not self.type_checking:
            self.ref(key)
        if self.scope.kind != "module" and not self.type_checking:
            self.summary.local_imports.append((binding.target, binding.level, binding.attr, binding.lineno))
        if full:
            self.desktop_use(binding.lineno, rules.desktop_only(full, self.desktop))
            gone = None if self.import_guarded else rules.removed_from_python(full)
            if gone is not None and not any(reads_python_version(test) for test in self.if_tests):
                self.desktop_use(binding.lineno, f"imports {gone[0]}, gone since {gone[1]}")
        if kit and not self.type_checking and key is not None:
            self.kits.add(kit)
            self.derive(key, [f"ui:{kit}"])
            self.ref(key)
        elif self.scope.kind != "module" and binding.kind == "from" and not self.type_checking and key is not None:
            # `from .main import studio_app` in a function: what it names may be UI, as at module level, where the
            # solve follows the binding (`Solver._file_taint_edges` follows this one's `i:` source)
            self.derive(key, [f"i:{binding.level}:{binding.target}:{binding.attr}"])

    def s_Global(self, node: ast.Global) -> None:
        self.simple(node)

    s_Nonlocal = s_Global

    def s_If(self, node: ast.If) -> None:
        self.span = (node.test.lineno, node.test.end_lineno or node.test.lineno)
        self.expr(node.test)
        # "body", "orelse", None; `if 0:` / `if False:` (dead code) in any file
        other = other_platform_branch(node.test) if self.platform_possible or type(node.test) is ast.Constant else None
        saved_other = self.other_platform
        self.if_tests.append(node.test)  # read only at an import of a removed module (`import_bound`)
        scope = self.scope
        types = dict(scope.local_types) if scope.kind == "function" else None  # what each branch starts from
        scope.joined_depth += 1
        if self.scope.kind == "module" and _is_type_checking(node.test):
            saved, self.type_checking = self.type_checking, True
            self.block(node.body)
            self.type_checking = saved
        else:
            self.other_platform = saved_other or other == "body"
            self.block(node.body)
        if types is not None:
            body_types, scope.local_types = scope.local_types, dict(types)
        self.other_platform = saved_other or other == "orelse"
        self.block(node.orelse)
        scope.joined_depth -= 1
        if types is not None:
            scope.local_types = _joined_types(types, [(node.body, body_types), (node.orelse, scope.local_types)])
        self.if_tests.pop()
        # A guard clause, `if sys.platform != "win32": return`: what follows it in this body runs on Windows only
        self.other_platform = saved_other or (other == "orelse" and isinstance(node.body[-1], _LEAVES_THE_BODY))

    def s_While(self, node: ast.While) -> None:
        self.span = (node.test.lineno, node.test.end_lineno or node.test.lineno)
        before = self.loop_types(node.body)
        self.expr(node.test)
        self.loop_body(node.body)
        self.block(node.orelse)
        self.after_loop(before, node.body)

    def loop_types(self, body: list[ast.stmt]) -> dict[str, str]:
        """The locals' types before a loop, and those its rounds start with: its body (and its test) may run after its
        own bindings, so a local typed before the loop that the body binds again has no type there (`obj = Saver()`,
        then `for …: obj.save(); obj = Loud()`: the second round calls `Loud.save`). Within a round a binding
        replaces the type (`Effects.local_value_type`). A partial keeps its own check of every binding
        (`check_resolved_calls`). Only typed locals cost the scan of what the body binds."""
        types = self.scope.local_types
        before = dict(types)
        if any(types.values()):
            for name in bound_names(body, None, self.walrus) & types.keys():
                if types[name] and not types[name].startswith("partial:"):
                    types[name] = ""
        return before

    def loop_body(self, body: list[ast.stmt]) -> None:
        scope = self.scope
        scope.joined_depth += 1
        try:
            self.block(body)
        finally:
            scope.joined_depth -= 1

    def after_loop(self, before: dict[str, str], body: list[ast.stmt]) -> None:
        """After a loop a local holds what it held before (no round ran), what the last round left, or what a round
        left at a `break` or `continue`: a type the loop changed stays only for a name nothing bound before it and a
        body that always finishes its rounds (`for line in lines: node = Node(line)`)."""
        types = self.scope.local_types
        changed = [name for name, vtype in types.items() if vtype and before.get(name) != vtype]
        if not changed:
            return
        leaves = any(type(n) is ast.Break or type(n) is ast.Continue for stmt in body for n in ast.walk(stmt))
        for name in changed:
            if name in before or leaves:
                types[name] = ""

    def s_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.header(node, node.body)
        keys: set[str] = set()
        self.collect = keys
        self.expr(node.iter)
        self.collect = None
        if self.scope.runs_in_function:
            self.implicit_call(node.iter, "__iter__", node.lineno)
        before = self.loop_types(node.body)
        self.store(node.target, node.iter, keys, elements=True)
        self.loop_body(node.body)
        self.block(node.orelse)
        self.after_loop(before, node.body)

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
                self.scope.runs_in_function
                and not isinstance(context, ast.Call)
                and not self.origin(context) <= {"fresh"}
            ):
                # entering and leaving runs __enter__/__exit__ of an object the engine cannot see, unless it is a
                # thread's lock: `with self._lock:` is judged when the class ends, by what it binds `_lock` to
                if not self.held_context(context):
                    self.reason("unknown", context.lineno, f"uses {describe(context)} as a context manager")
            elif self.scope.runs_in_function and (closed := self.closed_on_exit(context)) is not None:
                self.method_on_object(closed, "close", context.lineno)  # `conn.close()` on the way out
            if self.scope.runs_in_function and type(context) is ast.Call:
                root, attrs = attr_chain(context.func)
                if type(root) is ast.Name and self.resolve(root.id)[0] == "global":
                    # `with Output(path):` enters and leaves the object: a project class's methods (`Solver._call`)
                    self.call_site("context", root.id, ".".join(attrs), context.lineno, fresh=True)
            if item.optional_vars is not None:
                self.store(item.optional_vars, item.context_expr, keys)
        self.block(node.body)

    s_AsyncWith = s_With

    def held_context(self, context: ast.expr) -> bool:
        """`with self._lock:` in a method, or `with _LOCK:` of a module-level lock: True when it is left to the
        class's typing of `self._lock` (`PendingCall` of `__enter__`) or the name is bound to a thread's lock."""
        if type(context) is ast.Name:
            where, _ = self.resolve(context.id)
            bindings = self.summary.bindings.get(context.id, ()) if where == "global" else ()
            return bool(bindings) and all(
                b.kind == "value"
                and b.origin == "call"
                and self.imported_dotted(b.target, b.attr.split(".") if b.attr else []) in rules.THREAD_LOCKS
                for b in bindings
            )
        if type(context) is not ast.Attribute or type(context.value) is not ast.Name:
            return False
        owner = self.resolve(context.value.id)[1]
        fn = self.scope.summary
        if owner is None or owner.self_name != context.value.id or not owner.class_qualname or fn is None:
            return False
        untyped = f"uses {describe(context)} as a context manager"
        self.attribute_calls.setdefault(owner.class_qualname, []).append(
            PendingCall(fn, context.attr, "__enter__", context.lineno, untyped, [], [])
        )
        return True

    def closed_on_exit(self, context: ast.expr) -> ast.expr | None:
        """`x` of `with contextlib.closing(x):` (or `aclosing`), which leaving the block closes; None for an `x`
        built right there (`closing(urlopen(url))`: judged by the call that builds it) and any other context."""
        if not isinstance(context, ast.Call) or not context.args or isinstance(context.args[0], ast.Call):
            return None
        if self.value_type(context) not in ("contextlib.closing", "contextlib.aclosing"):
            return None
        return context.args[0]

    def s_Try(self, node: ast.Try) -> None:
        saved = self.import_guarded
        self.import_guarded = saved or catches_import_error(node.handlers)  # the body and its fallbacks
        if backend_runs_the_handler(node):  # `try: import cPickle as pickle`: it binds nothing on Python 3
            saved_other, saved_old = self.other_platform, self.older_python
            self.other_platform = self.older_python = True
            self.block(node.body)
            self.other_platform, self.older_python = saved_other, saved_old
        else:
            self.block(node.body)
        # The body's types hold at any of its statements (a binding there to another type leaves none,
        # `Effects.local_value_type`): each handler starts from them and, as the `else`, goes on as a branch would
        scope = self.scope
        body_types = dict(scope.local_types) if scope.kind == "function" and node.handlers else None
        ends: list[tuple[list[ast.stmt], dict[str, str]]] = []
        scope.joined_depth += 1
        for handler in node.handlers:
            if body_types is not None:
                scope.local_types = dict(body_types)
            if handler.type is not None:
                self.span = (handler.lineno, handler.type.end_lineno or handler.lineno)
                self.expr(handler.type)
            if handler.name:
                self.store_name(handler.name, {"fresh"}, set(), handler.lineno)
            self.block(handler.body)
            ends.append((handler.body, scope.local_types))
        if body_types is not None:
            scope.local_types = dict(body_types)
        self.import_guarded = saved
        self.block(node.orelse)
        scope.joined_depth -= 1
        if body_types is not None:
            scope.local_types = _joined_types(body_types, [(node.body + node.orelse, scope.local_types), *ends])
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
        self.annotation_changes(node.annotation)
        if node.value is None:
            if isinstance(node.target, (ast.Attribute, ast.Subscript)):
                self.changed_through(node.target)  # `conf.level: int` stores nothing, but Python names it a store
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
            if self.scope.kind == "module":
                self.used_at_import(target.id)  # `OPS += [print]`: a table holds more than it was written with
            elif self.scope.kind == "class" and self.scope.class_qualname:
                self.class_tables.setdefault(self.scope.class_qualname, {})[target.id] = None
            if self.scope.runs_in_function and self.resolve(target.id)[0] == "global":
                self.read_global(target.id, "", node.lineno)
            if self.scope.runs_in_function and (
                isinstance(node.value, CONTAINER_LITERALS)
                or self.scope.local_types.get(target.id, "").startswith("numpy.")
            ):
                # `xs += [x]` extends the list object in place: a mutation, not a rebinding; so does
                # `b += 1` on a numpy array (`b = np.asarray(a)` is `a` itself when `a` is an array).
                self.mutate(target, node.lineno, f"{target.id} {_op(node.op)}= …")
        else:
            self.changed_through(target)
            self.attribute_changed(target, node.lineno, f"{describe(target)} {_op(node.op)}=")
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                owner = self.resolve(target.value.id)[1]
                if owner is not None and owner.self_name == target.value.id and self.scope.runs_in_function:
                    # `self.args += extra` on a class attribute's list extends that list in place
                    self.self_part_changed(owner, target.attr, node.lineno, f"{describe(target)} {_op(node.op)}=")
            self.self_attribute_bound(target, None)
            self.attr_store(target, keys)
            # `Stats.hits += 1` writes `Stats.hits` as `Stats.hits = …` does: that attribute is state now (and
            # `self.x += 1` runs a property's setter, `cls.X += 1` in a class method changes class state).
            self.attribute_written(target, node.lineno)

    def s_Delete(self, node: ast.Delete) -> None:
        self.simple(node)
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.rebind_check(target.id, node.lineno)
            elif isinstance(target, (ast.Attribute, ast.Subscript)):
                self.changed_through(target)
                self.expr(target.value)
                if isinstance(target, ast.Subscript):
                    self.expr(target.slice)
                    if self.scope.runs_in_function:
                        self.implicit_call(target.value, "__delitem__", node.lineno)
                self.mutate(target.value, node.lineno, f"del {describe(target)}")

    def s_Expr(self, node: ast.Expr) -> None:
        self.simple(node)
        self.expr(node.value)

    def s_Return(self, node: ast.Return) -> None:
        self.simple(node)
        self.expr(node.value)
        fn = self.scope.summary
        if fn is not None and node.value is not None:
            keys = self.value_keys(node.value)
            fn.returns.extend(k for k in sorted(keys) if k not in fn.returns)
            if not (_returns_a_global_call(node.value, keys) or _is_none(node.value)):
                fn.returns_other = True
            self.returned(self.origin(node.value))
            self.returned_function(fn, node.value)

    def returned_function(self, fn: FunctionSummary, value: ast.expr) -> None:
        """What a function returns, when it is a function it defines (`def make_key(k): def key(x): … return key`,
        `return lambda x: …`): `FunctionSummary.returns_functions`, so that calling what it returns (`sorted(xs,
        key=make_key("a"))`) is a call of that function (`Solver._returned_call`). A nested `def`'s name is checked
        against its other bindings once the body is walked (`_returned_functions`); anything else returned is "?"."""
        scope = self.scope
        if scope.kind != "function":
            return
        if type(value) is ast.Lambda:
            fn.returns_functions.append(lambda_id(scope.qualprefix, value))
        elif type(value) is ast.Name and value.id in scope.local_defs and self.resolve(value.id)[1] is scope:
            if scope.returned_defs is None:
                scope.returned_defs = []
            scope.returned_defs.append(value.id)
        else:
            fn.returns_functions.append("?")

    def s_Raise(self, node: ast.Raise) -> None:
        """Raising is pure, but the solve must see *what* is raised: `SystemExit` and its kin end the process.

        `raise X`, `raise X(...)`, `raise mod.X(...)` of a module-level or builtin name become a `raise` site;
        a re-raise, or raising a local or a parameter, is left as it was (nothing the engine could name)."""
        self.simple(node)
        self.expr(node.exc)
        self.expr(node.cause)
        if node.exc is None or not self.scope.runs_in_function:
            return
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        root, attrs = attr_chain(raised)
        if isinstance(root, ast.Name) and self.resolve(root.id)[0] in ("global", "builtin"):
            self.call_site("raise", root.id, ".".join(attrs), node.lineno)

    def e_Lambda(self, node: ast.Lambda) -> None:
        # An expression, but it opens a function scope as `def` does: it shares `function` with `s_FunctionDef`.
        saved = self.span
        self.function(node)
        self.span = saved


_LEAVES_THE_BODY = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def _declared_fields(body: list[ast.stmt]) -> dict[str, str]:
    """`item: Item` in a class body (a dataclass's fields, a declared attribute): the one class each names."""
    out: dict[str, str] = {}
    for node in body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared = annotation_class(node.annotation)
            if declared:
                out[node.target.id] = declared
    return out


def _mutable_class_attributes(body: list[ast.stmt]) -> set[str]:
    """Names the class body binds to a mutable container (`items = []`, `cache: dict = {}`, `seen = set()`)."""
    out: set[str] = set()
    for stmt in body:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            continue
        if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)) or (
            isinstance(value, ast.Call) and (dotted_name(value.func) or "").rpartition(".")[2] in _MUTABLE_FACTORIES
        ):
            out.update(t.id for t in targets if isinstance(t, ast.Name))
    return out


def _returned_functions(
    fn: FunctionSummary, names: list[str] | None, bindings: dict[str, list[tuple[int, str | None]]]
) -> None:
    """The functions the nested `def`s a function returns by name may be: each `def` of the name when every binding
    of it is one, else "?" (another binding may be what is returned)."""
    for name in names or ():
        bound = bindings.get(name, ())
        if bound and all(fid is not None for _, fid in bound):
            fn.returns_functions.extend(fid for _, fid in bound if fid is not None)
        else:
            fn.returns_functions.append("?")


def _returns_a_global_call(value: ast.expr, keys: set[str]) -> bool:
    """`return Box(data)`, `return make_box()`, `return shapes.Box()`: the value is what a call of a module-level
    name returns, and nothing else (`keys`: its `value_keys`, where `k:` marks a capitalised callee)."""
    calls = [k for k in keys if not k.startswith("k:")]
    return type(value) is ast.Call and bool(calls) and all(k.startswith("c:global:") for k in calls)


def _is_none(value: ast.expr) -> bool:
    return type(value) is ast.Constant and value.value is None


def _all_aliases_before(bound: Iterable[tuple[int, str | None]], aliases: set[int] | None, lineno: int) -> bool:
    """Every binding of a name before the call (straight-line code: later ones cannot reach it) is one
    `Effects.local_callable` recorded, whose callables accumulate across branches."""
    return aliases is not None and all(line in aliases for line, _ in bound if line <= lineno)


def _joined_types(before: dict[str, str], branches: list[tuple[list[ast.stmt], dict[str, str]]]) -> dict[str, str]:
    """The locals' types after an `if` or a `try`, from each branch's (each walked from the types it starts with,
    `Scope.local_types`): what every branch leaves a name (two of one library's types count as one), or what the
    branches that bind a name leave it when the others leave it unbound (`obj = None`, then `if c: obj = Saver()`: a
    name with no type yet); a branch that leaves the body (`return`, `raise`…) gives nothing. A name typed differently,
    or typed in one and bound to what has none in another, has none ("")."""
    going_on = [types for body, types in branches if not (body and isinstance(body[-1], _LEAVES_THE_BODY))]
    if len(going_on) < 2:
        return going_on[0] if going_on else before
    out: dict[str, str] = {}
    for name in set().union(*going_on):
        found = [types[name] for types in going_on if name in types]
        first = found[0]
        out[name] = first if all(interchangeable_types(first, other) for other in found[1:]) else ""
    return out


def _is_type_checking(test: ast.expr) -> bool:
    dotted = dotted_name(test)
    return dotted in {"TYPE_CHECKING", "typing.TYPE_CHECKING", "t.TYPE_CHECKING"}


def _is_abstract(body: list[ast.stmt], decorators: list[str]) -> bool:
    """`@abstractmethod`, or a body that only raises NotImplementedError (after its docstring)."""
    if any(d.split(".")[-1] in ("abstractmethod", "abstractproperty") for d in decorators):
        return True
    stmts = body[1:] if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body
    if len(stmts) != 1 or not isinstance(stmts[0], ast.Raise) or stmts[0].exc is None:
        return False
    exc = stmts[0].exc
    name = dotted_name(exc.func if isinstance(exc, ast.Call) else exc)
    return name == "NotImplementedError"


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


def _inert_callbacks(summary: FunctionSummary, args: ast.arguments) -> list[str]:
    """The callback parameters whose default is a constant (`key=None`): left out, nothing is called back there."""
    if not summary.callback_params:
        return []
    inert = _inert_defaults(args)
    return [p for p in summary.callback_params if p in inert]


def _inert_defaults(args: ast.arguments) -> set[str]:
    """Parameters whose default is a constant (`key=None`, `n=0`): nothing a callee could call back."""
    positional = [*args.posonlyargs, *args.args]
    pairs = [*zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)]
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
    return {arg.arg for arg, default in pairs if immutable_literal(default)}


def _own_state_changes(scope: Scope) -> None:
    """The changes its nested functions make to this function's variables that are this function's own state: a
    rebinding (`nonlocal total`), or a change of the object a variable holds when every value it was given here is
    an object this function built (`out = []`, `seen = {}`; not a parameter, `self.x` or a module's object)."""
    if not scope.enclosed_changes:
        return
    for fn, name, mutation in scope.enclosed_changes:
        if mutation and not scope.origins.get(name, {"unknown"}) <= {"fresh"}:  # a parameter has no origin here
            continue
        if name not in fn.encloser_changes:
            fn.encloser_changes.append(name)
    scope.enclosed_changes = None
