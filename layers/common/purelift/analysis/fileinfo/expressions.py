"""Expressions: reads, operators, comprehensions and calls, each with the effect it has."""

from __future__ import annotations

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from ..model import Reason
from ..summary import Binding, CallSite, callback_reason
from . import dynamic
from .effects import Effects
from .nodes import CONTAINER_LITERALS, attr_chain, describe, dotted_name, lambda_id, member_path
from .scope import Scope, target_names
from .walk import PendingCall

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


_LOAD = ast.Load()  # the context of the names a bound method's call is walked as (`call_bound_method`)
# Methods that put their arguments into the list, set or deque they are called on (`Effects.contains`).
_ADDS_ELEMENTS = frozenset({"append", "appendleft", "insert", "extend", "extendleft", "add"})
_FILLS_ITEMS = frozenset({"update", "setdefault", "__setitem__"})  # a dict's values (`Effects.field_filled`)


class Expressions(Effects):
    """Expression methods (`e_<Type>`): reads, calls and the effects of each call."""

    # ------------------------------------------------------------------ expressions
    def e_Name(self, node: ast.Name) -> None:
        if node.id in self.local_import_names:
            self.local_import_read(node.id, "", node.lineno)  # `from sys import argv` … `argv[1:]`
        key = self.key_for(node.id)
        if key is None:
            return
        self.ref(key)
        scope = self.scope
        if key.startswith("s:"):
            self.mark_uses_self()
        elif key.startswith("g:") and scope.runs_in_function:
            self.read_global(node.id, "", node.lineno)
        elif not scope.runs_in_function:
            self.used_at_import(node.id)

    def read_through(self, root: ast.Name | ast.Call, attrs: list[str], lineno: int) -> None:
        """`root.a.b` read in a function: the attribute access (`attribute_access`), and a read of what the function
        imports itself (`import os` … `os.environ[k]`)."""
        self.attribute_access(root, attrs[0], lineno)
        if type(root) is ast.Name and root.id in self.local_import_names:
            self.local_import_read(root.id, ".".join(attrs), lineno)

    def local_import_read(self, name: str, attr: str, lineno: int) -> None:
        """A read of a name the function (or one around it) imports itself, recorded as a module-level name's read is,
        by what it imports (`Solver._reads`: `sys.argv` is io, a project module's changed variable state)."""
        where, owner = self.resolve(name)
        if where in ("local", "enclosing") and owner is not None and name in owner.local_imports:
            self.read_global(_encode_binding(owner.local_imports[name]), attr, lineno)

    def method_scope_is_init(self) -> bool:
        scope: Scope | None = self.scope
        while scope is not None and scope.kind == "function":
            if scope.self_name is not None:
                return scope.is_init
            scope = scope.parent
        return False

    def mark_uses_self(self) -> None:
        scope: Scope | None = self.scope
        while scope is not None and scope.kind == "function":
            if scope.self_name is not None and scope.summary is not None:
                scope.summary.uses_self = True
                return
            scope = scope.parent

    def e_Attribute(self, node: ast.Attribute) -> None:
        root, attrs = attr_chain(node)
        if self.scope.runs_in_function and isinstance(root, (ast.Name, ast.Call)):
            self.read_through(root, attrs, node.lineno)
        if not isinstance(root, ast.Name):
            if attrs[0] in _OBJECT_NAMES and self.type_of_self(root):
                self.mark_uses_self()  # `type(self).__name__`, as `self.__class__.__name__`: what every object has
                return
            self.expr(root)
            return
        key = self.key_for(root.id)
        if key is None:
            return
        if attrs[0] in _OBJECT_NAMES and not key.startswith("g:"):
            if key.startswith("s:"):
                self.mark_uses_self()
            return  # `obj.__class__.__name__`: what every object has says nothing of a widget (`get_repr(widget)`)
        if key.startswith("s:"):
            # the line names self; the value being built is the member's (`self.face_up = not self.face_up` is the
            # class's bool, not its widget: whether `face_up` is UI is the solve's business, by its `a:` key)
            self.line_ref(key)
            self.mark_uses_self()
            self.ref(f"a:{key[2:]}:{attrs[0]}")
            owner = self.resolve(root.id)[1]
            if owner is not None and owner.summary is not None and owner.summary.kind == "classmethod":
                self.read_global(key[2:], attrs[0], node.lineno)  # cls.X: class-level state
            return
        field = self.own_class_field(root.id, attrs[0]) if key.startswith("g:") else None
        if field is not None:
            self.line_ref(key)  # the line still names the class (its UI lines stay as they were)
        self.ref(field or key)
        if key.startswith("g:"):
            binding = self.import_binding(root.id)
            if binding is not None:
                dotted = self.external_dotted(binding, attrs)
                if dotted:
                    self.desktop_use(node.lineno, rules.desktop_only(dotted, self.desktop))
                if binding.level or binding.target.partition(".")[0] not in rules.LIBRARY_PACKAGES:
                    # what a project module may bind (`from . import main` … `main.studio_app`): the solve keys it
                    # to that module's own name, UI when that is (`import app.main` … `app.main.App`: two parts)
                    self.ref("m:" + ".".join([root.id, *attrs[: 2 if binding.kind == "import" else 1]]))
            if self.scope.runs_in_function:
                self.read_global(root.id, ".".join(attrs), node.lineno)
            else:
                self.used_at_import(root.id)  # `OPS.update(…)` at import

    def type_of_self(self, node: ast.expr) -> bool:
        """Whether `node` is `type(self)` (the builtin `type`, one argument: self or cls)."""
        if type(node) is not ast.Call or type(node.func) is not ast.Name or node.func.id != "type":
            return False
        if len(node.args) != 1 or node.keywords or type(node.args[0]) is not ast.Name:
            return False
        key = self.key_for(node.args[0].id)
        return self.resolve("type")[0] == "builtin" and key is not None and key.startswith("s:")

    def own_class_field(self, name: str, attr: str) -> str | None:
        """`Item.NoState` where `Item` is a class of this file binding `NoState` itself (in its body, or on self): the
        class's own data, keyed as `self.NoState` is (`a:Item:NoState`) and judged by its value, not by the class
        (a widget class's constant is not a widget)."""
        bindings = self.summary.bindings.get(name)
        if not bindings or len(bindings) != 1 or bindings[0].kind != "class":
            return None
        cls = self.summary.classes.get(bindings[0].target)
        return f"a:{cls.qualname}:{attr}" if cls is not None and attr in cls.fields else None

    # Plain containers and operators: their children, without the generic field walk.
    def e_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if (
            type(value) is str
            and value[:2] in rules.TOOLKIT_STRING_HEADS
            and value.partition(".")[0] in rules.TOOLKIT_STRINGS
        ):
            self.summary.toolkit_strings.append((node.lineno, value))  # a toolkit the code may load at run time

    def e_BinOp(self, node: ast.BinOp) -> None:
        self.expr(node.left)
        self.expr(node.right)
        if self.scope.runs_in_function:
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
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            self.expr(comparator)
            if (type(op) is ast.In or type(op) is ast.NotIn) and self.scope.runs_in_function:
                self.implicit_call(comparator, "__contains__", node.lineno)

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
        if self.scope.runs_in_function:  # a read, or `x[k] += 1` (which reads first); a plain store never comes here
            self.implicit_call(node.value, "__getitem__", node.lineno)

    def implicit_call(self, value: ast.expr, dunder: str, lineno: int) -> None:
        """`x[k]`, `k in x`, `for v in x`, `len(x)` run `x.__getitem__`, `__contains__`, `__iter__`, `__len__`
        (`rules.IMPLICIT_DUNDERS`): a project class's may change its object (a cache) or read a file. Judged as that
        method called on `x` when `x`'s type is known: a parameter's annotation, what a local or `self.x` was built as.
        On a library object they stay reads (`Solver._typed_call`)."""
        if isinstance(value, ast.Name):
            where, owner = self.resolve(value.id)
            vtype = owner.local_types.get(value.id) if where == "local" and owner is not None else None
            if not vtype or vtype.startswith(("partial:", "elems:")):
                return
            if vtype.startswith("param:"):
                self.call_site("param_read", *member_path(vtype[len("param:") :], dunder), lineno)
            else:
                self.call_on_typed(vtype, dunder, lineno, self.origin_of_name(value.id))
            return
        if not isinstance(value, ast.Attribute) or not isinstance(value.value, ast.Name):
            return
        name = value.value.id
        owner = self.resolve(name)[1]
        if owner is not None and owner.self_name == name and owner.class_qualname:
            self.self_field_call(owner, value.attr, dunder, lineno)

    def self_field_call(self, owner: Scope, attr: str, method: str, lineno: int, node: ast.Call | None = None) -> bool:
        """`self.h.add(…)` (`node`), or the method `self.h[k]` runs: a method of h's class after `self.h = Holder(…)`
        in this method; otherwise judged when the class ends, by what all its methods bind `self.h` to
        (`resolve_attribute_calls`; a function this method defines runs later, when `self.h` may hold something else).
        A changing method of self's own object is self_mutation, as without a type (`method_on_object`): False, left
        to the statement. Untyped, an implicit call or a read-only name says nothing."""
        vtype = owner.local_types.get(f"{owner.self_name}.{attr}", "")
        receiver = node.func.value if node is not None else None  # type: ignore[attr-defined]
        if vtype and owner is self.scope:
            self.call_on_typed(vtype, method, lineno, set(owner.self_attrs.get(attr, {"self"})), receiver)
            return True
        if method in rules.MUTATING_METHODS or self.scope.summary is None or not owner.class_qualname:
            return False
        pending = PendingCall(self.scope.summary, attr, method, lineno, None, [], [])
        if receiver is not None and node is not None:
            if not _reads(method, node):
                pending.untyped = f"calls {describe(receiver)}.{method}() on an object of unknown type"
            pending.fresh_args, pending.args = list(self.fresh_args), list(self.arg_keys)
        self.attribute_calls.setdefault(owner.class_qualname, []).append(pending)
        return True

    def e_Starred(self, node: ast.Starred) -> None:
        self.expr(node.value)

    def e_JoinedStr(self, node: ast.JoinedStr) -> None:
        for value in node.values:
            self.expr(value)

    def e_FormattedValue(self, node: ast.FormattedValue) -> None:
        self.expr(node.value)
        self.expr(node.format_spec)
        if self.scope.runs_in_function:  # `f"{x}"` runs x's `__format__` (object's: `__str__`), `f"{x!r}"` `__repr__`
            conversion = node.conversion
            dunder = "__format__" if conversion == -1 else "__repr__" if conversion in (97, 114) else "__str__"
            self.operator(node.value, dunder, node.lineno)

    def e_IfExp(self, node: ast.IfExp) -> None:
        self.expr(node.test)
        self.expr(node.body)
        self.expr(node.orelse)

    def e_Yield(self, node: ast.Yield) -> None:
        self.expr(node.value)
        if self.scope.summary is not None and self.scope.kind == "function":
            self.scope.summary.returns_functions.append("?")  # calling it returns a generator
        if node.value is not None:
            self.returned({f"shallow:{o}" for o in self.origin(node.value)})  # the generator holds what it yields

    def e_YieldFrom(self, node: ast.YieldFrom) -> None:
        self.expr(node.value)
        if self.scope.summary is not None and self.scope.kind == "function":
            self.scope.summary.returns_functions.append("?")
        self.returned({f"shallow:{o}" for o in self.element_origin(node.value)})

    def returned(self, origins: set[str]) -> None:
        """What the function's result may be, besides fresh (`FunctionSummary.return_origins`)."""
        fn = self.scope.summary
        if fn is not None and self.scope.kind == "function":
            for origin in sorted(origins):
                if origin != "fresh" and origin != "shallow:fresh" and origin not in fn.return_origins:
                    fn.return_origins.append(origin)

    def e_Await(self, node: ast.Await) -> None:
        self.expr(node.value)
        if self.scope.runs_in_function and not isinstance(node.value, ast.Call):
            self.reason("unknown", node.lineno, f"awaits {describe(node.value)}, an awaitable of unknown origin")

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
        if self.scope.runs_in_function:
            self.implicit_call(comp.iter, "__iter__", comp.iter.lineno)
        self.store(comp.target, comp.iter, keys, elements=True)
        for cond in comp.ifs:
            self.expr(cond)

    def enter_comprehension(self, generators: list[ast.comprehension]) -> Scope:
        """Comprehension targets live in their own scope (Python 3); the rest resolves through the parent."""
        parent = self.scope
        names: set[str] = set()
        for comp in generators:
            target_names(comp.target, names)
        scope = Scope(
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
            bound_methods=parent.bound_methods,  # `[x for x in xs if not seen_add(x)]`
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
            self.leave(parent)

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
            self.leave(parent)

    def e_Call(self, node: ast.Call) -> None:
        func = node.func
        if (
            type(func) is ast.Name
            and self.scope.bound_methods
            and func.id in self.scope.bound_methods
            and self.call_bound_method(node, func)
        ):
            return
        self.call(node)

    def call(self, node: ast.Call) -> None:
        # What the call hands over (`fresh_args`, `callable_args`, `arg_keys`) is set for its own call site only: a
        # call met while walking it (`A().m(xs)` walks `A()` after setting m's) leaves the enclosing call's as it was
        outer = (
            self.fresh_args,
            self.shallow_args,
            self.callable_args,
            self.owned_slots,
            self.arg_keys,
            self.callable_names,
            self.filled_slots,
        )
        try:
            func = node.func
            if type(func) is ast.Attribute:
                self.method_changes(func)
            for arg in node.args:
                self.expr(arg)
            for kw in node.keywords:
                self.expr(kw.value)
            if type(func) is ast.Name and func.id in _WATCHED_BUILTINS:
                self.watched_builtin(func.id, node)
            if node.args and self.is_dynamic_import(func):
                self.dynamic_import(node)
            if type(func) is ast.Attribute and func.attr in _TOOLKIT_FUNCTION_NAMES:
                self.toolkit_function(node)
            result = self.result_key(node)
            if result is not None:
                self.call_results[id(node)] = result
                self.ref(result)  # UI when the function returns a widget (`get_editor().text.insert(…)`)
            if not self.scope.runs_in_function:
                self.expr(func)
                return
            lineno = node.lineno
            self.numpy_output(node, lineno)
            if type(func) is ast.Attribute and func.attr in _CV2_OUTPUT_NAMES:
                self.cv2_output(node, lineno)
            if (type(func) is ast.Attribute and func.attr in _CHANGES_ARGUMENT_NAMES) or (
                type(func) is ast.Name and func.id in _CHANGES_ARGUMENT_NAMES
            ):
                self.argument_changed(node, lineno)
            self.fresh_args, self.shallow_args, self.callable_args, self.owned_slots = self.handed_over(node, result)
            if result is not None:  # a call the solve may resolve to a project function: what flows into it
                self.arg_keys = self.argument_keys(node)
                self.callable_names = self.named_callables(node)
                self.filled_slots = _filled(node)
            if isinstance(func, ast.Name):
                self.expr(func)
                self.call_name(func.id, node, lineno)
            elif isinstance(func, ast.Attribute):
                self.call_attribute(func, node, lineno)
            elif self.call_computed(func, lineno):
                return
            self.fresh_args = []
            self.shallow_args = []
            self.callable_args = []
            self.owned_slots = []
            self.arg_keys = []
            self.callable_names = []
            self.filled_slots = ""
            self.callables_passed(node)
        finally:
            (
                self.fresh_args,
                self.shallow_args,
                self.callable_args,
                self.owned_slots,
                self.arg_keys,
                self.callable_names,
                self.filled_slots,
            ) = outer

    def call_bound_method(self, node: ast.Call, func: ast.Name) -> bool:
        """`seen_add(x)` with `seen_add = seen.add` (`Scope.bound_methods`): walked as `seen.add(x)`, checked
        against every binding of both names when the function ends. False when the name is a comprehension's own."""
        scope = self.scope
        while scope.transparent and scope.parent is not None:
            scope = scope.parent
        if self.resolve(func.id) != ("local", scope):
            return False
        obj, attr = scope.bound_methods[func.id]  # type: ignore[index]
        self.expr(func)
        line, col, end_line, end_col = func.lineno, func.col_offset, func.end_lineno, func.end_col_offset
        held = ast.Name(id=obj, ctx=_LOAD, lineno=line, col_offset=col, end_lineno=end_line, end_col_offset=end_col)
        method = ast.Attribute(
            value=held, attr=attr, ctx=_LOAD, lineno=line, col_offset=col, end_lineno=end_line, end_col_offset=end_col
        )
        line, col, end_line, end_col = node.lineno, node.col_offset, node.end_lineno, node.end_col_offset
        call = ast.Call(method, node.args, node.keywords, lineno=line, col_offset=col, end_lineno=end_line)
        call.end_col_offset = end_col
        self.expr(call)
        for name, how in ((func.id, "method"), (obj, "object")):
            self.resolved_through(scope, name, how, at=node.lineno)
        return True

    def watched_builtin(self, name: str, node: ast.Call) -> None:
        """`input()` blocks "web ready" (it reads the console); `len(x)` runs `x.__len__`; `setattr(obj, "OPS", …)`
        (or `delattr`), in a function or at import, changes that attribute of anything (`changed_attrs`; a computed
        name: any)."""
        if self.resolve(name)[0] != "builtin":
            return
        if name == "len":
            if len(node.args) == 1 and self.scope.runs_in_function:
                self.implicit_call(node.args[0], "__len__", node.lineno)
        elif name in _ATTRIBUTE_SETTERS:
            if len(node.args) >= 2:
                attr = node.args[1]
                self.changed_attrs.add(attr.value if type(attr) is ast.Constant and type(attr.value) is str else "*")
        elif name in _CONVERSIONS:  # `str(x)` runs x's `__str__`, `hash(x)` its `__hash__`…
            if node.args and self.scope.runs_in_function and type(node.args[0]) is not ast.Starred:
                self.operator(node.args[0], _CONVERSIONS[name], node.lineno)
        else:
            self.desktop_use(node.lineno, rules.desktop_only(name, self.desktop))

    def call_computed(self, func: ast.expr, lineno: int) -> bool:
        """A call of neither a name nor an attribute: `type(self)(…)` builds another object of self's class, a
        lambda called in place is a call of that lambda (True: nothing more to record), anything else is a dynamic
        call."""
        self.expr(func)
        if isinstance(func, ast.Lambda):
            self.call_site("local", lambda_id(self.scope.qualprefix, func), "", lineno)
            return True
        if isinstance(func, ast.Call) and self.returned_site(func, lineno):  # `make_key("a")(x)`
            return False
        built = self.own_class(func)
        if built is not None:
            self.call_site("class", built, "", lineno)
        elif (table := self.table_item(func)) is not None:
            self.call_site("table", table, "", lineno)  # `OPS[op](a, b)`: one of the table's entries
        elif (choice := self.literal_choice(func)) is not None:
            for root, attr in choice:  # `{"$": str, "@": _seq}[kind](value)`: a call of each
                self.call_held(root, attr, lineno)
        else:
            self.reason("unknown", lineno, f"dynamic call ({describe(func)}(…))")
        return False

    def argument_keys(self, node: ast.Call) -> list[tuple[str, str]]:
        """Arguments that are named values (`line_of(self.text, …)`): a widget handed over makes the parameter UI."""
        out: list[tuple[str, str]] = []
        for index, arg in enumerate(node.args):
            if type(arg) is ast.Constant:
                continue
            if type(arg) is ast.Starred:
                break
            out.extend((str(index), key) for key in sorted(self.value_keys(arg)))
        for kw in node.keywords:
            if kw.arg is not None and type(kw.value) is not ast.Constant:
                out.extend((kw.arg, key) for key in sorted(self.value_keys(kw.value)))
        return out

    def named_callables(self, node: ast.Call) -> list[tuple[str, str, str]]:
        """(slot, name, attribute path) of each argument naming a module-level or builtin object (`operator.add`,
        `int`, `PureWindowsPath`, a project function): what a callee calling that parameter back runs, which the
        caller answers for (`Solver._named_callbacks`)."""
        out: list[tuple[str, str, str]] = []
        slots = [(str(index), arg) for index, arg in enumerate(node.args)]
        slots += [(kw.arg, kw.value) for kw in node.keywords if kw.arg is not None]
        for slot, arg in slots:
            kind = type(arg)
            if kind is ast.Starred:
                if slot.isdigit():
                    break  # where the arguments after it land is not known
                continue
            if kind is not ast.Name and kind is not ast.Attribute:
                continue
            root, attrs = attr_chain(arg)
            if type(root) is ast.Name and self.resolve(root.id)[0] in ("global", "builtin"):
                out.append((slot, root.id, ".".join(attrs)))
        return out

    def is_dynamic_import(self, func: ast.expr) -> bool:
        """`importlib.import_module`, `import_module` imported from importlib, or the builtin `__import__`."""
        name = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else ""
        if name != "import_module" and name != "__import__":
            return False  # the common case, decided without a lookup
        root, attrs = attr_chain(func)
        if not isinstance(root, ast.Name):
            return False
        if not attrs and root.id == "__import__":
            return self.resolve(root.id)[0] == "builtin"
        binding = self.import_binding(root.id)
        if binding is None or binding.level:
            return False
        if binding.kind == "import":
            return binding.target == "importlib" and attrs == ["import_module"]
        return binding.target == "importlib" and binding.attr == "import_module" and not attrs

    def dynamic_import(self, node: ast.Call) -> None:
        candidates = dynamic.fold(node.args[0], self.str_consts)
        kit = dynamic.toolkit_of_candidates(candidates, self.toolkits)
        if kit is not None:
            if not self.type_checking:
                self.kits.add(kit)
            self.dynamic_kits[id(node)] = kit
        elif not dynamic.is_known(candidates):
            self.summary.dynamic_imports.append((node.lineno, dynamic.shown(node.args[0])))

    def widget_call(self, receiver: ast.expr, method: str) -> None:
        """`x.winfo_width()`, `self.text.mark_set(…)`: a method only widgets have says `x` is one."""
        if rules.widget_method_family(method) is None:
            return
        root, attrs = attr_chain(receiver)
        if not isinstance(root, ast.Name):
            return
        key = self.key_for(root.id)
        if key is None or key.startswith(("g:", "*")):
            return  # a module-level name is UI by what it is bound to; `struct.pack(…)` is a module's function
        owner = self.resolve(root.id)[1]
        if owner is not None and root.id in owner.local_imports:
            return  # so is a module imported in the function (`import socket, struct` then `struct.pack(…)`)
        if key.startswith("s:") and attrs:
            key = f"a:{key[2:]}:{attrs[0]}"
        self.widget_calls.add((key, method))

    def numpy_output(self, node: ast.Call, lineno: int) -> None:
        """`np.add(a, b, out=a)` / `np.add(a, b, a)`: a pure numpy function writing into an array it is given."""
        name = self.numpy_function(node)
        if name is None:
            return
        position = rules.NUMPY_OUT_POSITION.get(name)
        outputs = [kw.value for kw in node.keywords if kw.arg == "out"]
        if position is not None:
            # a starred argument before the position may reach it: it may hold the output too
            outputs += [a.value for a in node.args[:position] if isinstance(a, ast.Starred)]
            outputs += [a.value if isinstance(a, ast.Starred) else a for a in node.args[position:]]
        for output in outputs:
            self.mutate(output, lineno, f"numpy.{name}(…, out={describe(output)})")

    def toolkit_function(self, node: ast.Call) -> None:
        """`cv2.imshow(…)`: a library that is not a UI toolkit but for some functions (OpenCV's HighGUI windows):
        the call's line is UI and the file uses that toolkit, as an import of the function itself would make it."""
        dotted = self.value_type(node)
        kit = rules.toolkit_of(dotted, self.toolkits) if dotted else None
        if kit is None or self.type_checking:
            return
        self.kits.add(kit)
        self.value_ref(f"*:{dotted}")  # the line; the function's verdict has the call itself (`_external_call`)

    def cv2_output(self, node: ast.Call, lineno: int) -> None:
        """`cv2.cvtColor(img, code, out)` / `dst=out`: an OpenCV function writing into an array it is given. Only the
        output's own position: the parameters after it are options (`cv2.resize(img, size, None, 0.5, 0.5)`)."""
        dotted = self.value_type(node)
        spec = rules.CV2_OUTPUT_POSITION.get(dotted) if dotted else None
        if spec is None:
            return
        position, keyword = spec
        outputs = [kw.value for kw in node.keywords if kw.arg == keyword] + _argument_at(node, position)
        for output in outputs:  # a `None` there asks for a new array: a constant, which `mutate` passes by
            self.mutate(output, lineno, f"{dotted}(…, {keyword}={describe(output)})")

    def argument_changed(self, node: ast.Call, lineno: int, dotted: str | None = None) -> None:
        """`heapq.heappush(h, x)`, `ET.SubElement(parent, tag)`: a library function changing an argument in place
        (`rules.CHANGES_ARGUMENT`) is judged as that argument's own mutating method would be (`h.append(x)`).
        `dotted`: the callee when the call is a method of a typed value (`s.pack_into(buf, 0, 1)`)."""
        dotted = dotted or self.value_type(node)
        position = rules.CHANGES_ARGUMENT.get(dotted) if dotted else None
        if position is None:
            return
        for arg in _argument_at(node, position):
            self.mutate(arg, lineno, f"{dotted}(…)")

    def handed_over(
        self, node: ast.Call, result: str | None
    ) -> tuple[list[str], list[str], list[str], list[tuple[str, str]]]:
        """The call's argument slots ("0", "1", … or keywords) holding objects this function built (`fresh_args`: a
        callee only changing those leaves the caller pure), new containers of the caller's objects (`shallow_args`:
        a callee changing only the container leaves it pure), those holding a lambda or a function this scope or
        one around it defines (`callable_args`: `callables_passed` records them as called here, so the caller
        answers for them), and those holding an object self holds or one of the caller's parameters, with whose it
        is (`owned_slots`, `CallSite.owned_args`: a callee changing only those changes self, or that parameter; the
        parts of either only for a call the solve may resolve to a project function, `result`). One loop: this runs
        for every call."""
        fresh: list[str] = []
        shallow: list[str] = []
        callables: list[str] = []
        owned: list[tuple[str, str]] = []
        if not node.args and not node.keywords:
            return fresh, shallow, callables, owned
        project = result is not None
        for index, arg in enumerate(node.args):
            if type(arg) is ast.Starred:
                break  # `f(*args, g)`: where g lands is not known
            self.hand_over(str(index), arg, fresh, shallow, callables, owned, project)
        for kw in node.keywords:
            if kw.arg:
                self.hand_over(kw.arg, kw.value, fresh, shallow, callables, owned, project)
        return fresh, shallow, callables, owned

    def hand_over(
        self,
        slot: str,
        arg: ast.expr,
        fresh: list[str],
        shallow: list[str],
        callables: list[str],
        owned: list[tuple[str, str]],
        project: bool,
    ) -> None:
        """Sort one argument slot of `handed_over` into the lists it belongs to."""
        kind = type(arg)
        if kind is ast.Lambda:
            callables.append(slot)
        elif kind in _NAME_OR_CONTAINER:
            origins = self.origin(arg)
            if origins <= {"fresh"}:
                fresh.append(slot)
            elif _new_container(origins):
                shallow.append(slot)
            elif kind is ast.Name and len(origins) == 1:
                (origin,) = origins
                if origin.startswith("param:"):  # the parameter itself, or what it held when rebound to another's
                    name = origin[len("param:") :]
                    owned.append((slot, f"param:{name}" if name == arg.id else f"part:{name}"))  # type: ignore[attr-defined]
            if kind is ast.Name and self.local_function(arg.id):  # type: ignore[attr-defined]
                callables.append(slot)
        elif project and (kind is ast.Attribute or kind is ast.Subscript):
            self.hand_over_part(slot, arg, fresh, owned)  # type: ignore[arg-type]

    def hand_over_part(
        self, slot: str, arg: ast.Attribute | ast.Subscript, fresh: list[str], owned: list[tuple[str, str]]
    ) -> None:
        """`upd(self.ctx, data)`, `fill(ctx.items)`: a part of self in a method, or of a parameter. One bound to a new
        object in this method is fresh; one bound to a parameter's, or a classmethod's `cls.x`, is neither."""
        first: ast.expr = arg
        root = arg.value
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            first, root = root, root.value
        if type(root) is not ast.Name:
            return
        scope = self.scope
        name = root.id
        if name == scope.self_name:
            origins = self.origin(arg)
            if origins <= {"fresh"}:
                fresh.append(slot)
            elif (
                origins == {"self"}
                and isinstance(first, ast.Attribute)
                and scope.summary is not None
                and scope.summary.kind == "method"
            ):
                owned.append((slot, "self." + first.attr))
        elif scope.params.get(name) == f"param:{name}" and self.origin(arg) == {f"param:{name}"}:
            owned.append((slot, f"part:{name}"))

    def local_function(self, name: str) -> bool:
        """`name` is a function this scope or one around it defines (cheap: most scopes define none)."""
        scope: Scope | None = self.scope
        while scope is not None and not scope.local_defs:
            scope = scope.parent
        if scope is None:
            return False
        where, owner = self.resolve(name)
        return where in ("local", "enclosing") and owner is not None and name in owner.local_defs

    def callback_param(self, owner: Scope, name: str, lineno: int, passed: bool = False) -> None:
        """`fn(x)` or `map(fn, xs)` on a parameter `fn`: unknown here; when `fn` is this function's own, its callers
        may answer for it (`FunctionSummary.callback_params`)."""
        self.reason("unknown", lineno, callback_reason(name, passed))
        fn = self.scope.summary
        # its own: the function's scope, or a comprehension's in it, which shares its summary (`[f(x) for x in xs]`)
        if owner.summary is fn and fn is not None and name not in fn.callback_params:
            fn.callback_params.append(name)

    def callables_passed(self, node: ast.Call) -> None:
        """A lambda or local function handed to another callable may be called by it.

        A parameter handed to a known higher-order callable (`map(fn, xs)`, `sorted(xs, key=fn)`) in the
        position it calls is a callback call: `unknown`.
        """
        args = [*node.args, *(kw.value for kw in node.keywords)]
        if not args:
            return
        func = node.func
        callee = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else ""
        maybe = callee in _HIGHER_ORDER_NAMES
        if maybe and type(func) is ast.Name and callee in _BUILTIN_HIGHER_ORDER:
            maybe = self.resolve(callee)[0] == "builtin"  # `from fnmatch import filter`: not the builtin
        first = _called_argument(node) if maybe else None
        if (
            first is None
            and maybe
            and callee in ("sub", "subn")
            and type(func) is ast.Attribute
            and node.args
            and self.value_dotted(func.value) is None
        ):
            first = node.args[0]  # `pattern.sub(repl, text)`: a compiled pattern's method calls a function repl
        called = [first] if first is not None else []
        if callee in _CALLBACK_NAMES and node.keywords:
            called += self.keyword_callbacks(node, callee)
        for arg in args:
            if isinstance(arg, ast.Name):
                where, owner = self.resolve(arg.id)
                if where in ("local", "enclosing") and owner is not None and arg.id in owner.local_defs:
                    self.call_local_def(owner, arg.id, arg.lineno)  # the test inline: this loop sees every argument
                elif called and any(arg is c for c in called):
                    self.called_name(arg, where, owner, callee)
            elif isinstance(arg, ast.Lambda):
                self.call_site("local", lambda_id(self.scope.qualprefix, arg), "", arg.lineno)
            elif not called or not any(arg is c for c in called):
                continue  # a constant, an operation, a call's result: nothing to record, unless the callee calls it
            elif isinstance(arg, ast.Attribute):
                self.called_attribute(arg, callee)
            elif callee not in _TEXT_OR_CALLABLE:
                self.called_value(arg, callee)

    def called_name(self, arg: ast.Name, where: str, owner: Scope | None, callee: str) -> None:
        """A name `callee` calls (not a nested function's: those are recorded wherever they are handed)."""
        if where in ("global", "builtin"):
            if arg.id not in self.str_consts:
                # map(print, xs) calls print; `re.sub(p, REPLACEMENT, s)` with a module-level string does not
                self.call_site("global", arg.id, "", arg.lineno)
                self.changer_passed(arg.id, [], callee, arg.lineno)
        elif where in ("local", "enclosing") and owner is not None:
            if arg.id in owner.params:
                self.callback_param(owner, arg.id, arg.lineno, passed=True)
            else:
                self.called_local(owner, arg.id, callee, arg.lineno)

    def called_attribute(self, arg: ast.Attribute, callee: str) -> None:
        """An attribute `callee` calls: `key=str.lower`, `map(self.rank, xs)`, `map(obj.method, xs)`."""
        root, attrs = attr_chain(arg)
        if isinstance(root, ast.Name) and self.resolve(root.id)[0] in ("global", "builtin"):
            self.call_site("global", root.id, ".".join(attrs), arg.lineno)  # key=str.lower
            self.changer_passed(root.id, attrs, callee, arg.lineno)
        elif not self.own_method_passed(arg):
            self.method_on_object(arg.value, arg.attr, arg.lineno)

    def called_local(self, owner: Scope, name: str, callee: str, lineno: int) -> None:
        """`sorted(xs, key=key)` with `key` a local (neither a nested function nor a parameter): what `key(x)` would
        be (`call_through_local`); anything else (`key = obj.method`) a call of an unknown callable."""
        if not self.call_through_local(owner, name, lineno) and callee not in _TEXT_OR_CALLABLE:
            self.reason("unknown", lineno, f"{callee}() calls local variable {name}")  # `re.sub(p, repl, s)`: text

    def call_through_local(self, owner: Scope, name: str, lineno: int) -> bool:
        """A call of `owner`'s local `name` (not a nested function's name) as what it is known to hold: an import's
        function, a table's entry, a builtin or module-level callable, a `partial`'s function, a callable
        `operator.itemgetter` built, what a module-level function returned. Each stands only if the name's other
        bindings allow it (`resolved_through`). False when nothing is known of it."""
        fn = self.scope.summary
        calls = fn.calls if fn is not None else None
        before = len(calls) if calls is not None else 0
        if name in owner.local_imports:
            self.call_site("import", _encode_binding(owner.local_imports[name]), "", lineno)
            how = "import"
        elif owner.local_tables and name in owner.local_tables:
            self.call_site("table", owner.local_tables[name], "", lineno)  # one of the table's entries
            how = "table"
        elif owner.local_callables and name in owner.local_callables:
            self.call_local_callable(owner, name, lineno)
            return True
        else:
            vtype = owner.local_types.get(name, "")
            if vtype.startswith("partial:"):
                self.call_local_value(name, vtype, lineno)
                how = "partial"
            elif vtype in rules.PURE_CALLABLE_FACTORIES:
                self.resolved_through(owner, name, "factory", at=lineno)
                return True
            elif vtype.startswith("g:"):  # `key = make_key("a")`: what a module-level function returned (the solve's)
                root, _, attr = vtype[2:].partition(".")
                self.call_site("returned", root, attr, lineno)
                how = "returned"
            else:
                return False
        if calls is not None and len(calls) > before:
            self.resolved_through(owner, name, how)
        return True

    def called_value(self, arg: ast.expr, callee: str) -> None:
        """What a higher-order callable calls, written as an expression other than a name, attribute or lambda:
        each branch of `f if c else g`, the function of a `partial`, nothing for a constant
        (`filter(None, xs)`) or a callable `operator.itemgetter` or `functools.cmp_to_key` builds (cmp_to_key's
        function is judged as its own argument); an entry of a module-level table (`map(OPS[op], xs)`) or of a
        literal (`map({"$": str, "@": _seq}[kind], xs)`). Anything else (`key=get_key()`, `map(handlers[k], xs)`)
        calls what this function cannot see: `unknown`."""
        if isinstance(arg, ast.IfExp):
            for branch in (arg.body, arg.orelse):
                self.called_branch(branch, callee)
            return
        if isinstance(arg, ast.Constant):  # `filter(None, xs)`
            return
        if (choice := self.literal_choice(arg)) is not None:  # `map({"$": str, "@": _seq}[kind], xs)`
            for root, attr in choice:
                self.call_held(root, attr, arg.lineno)
            return
        if isinstance(arg, ast.Call):
            dotted = self.value_type(arg) or self.local_callable_dotted(arg.func)
            if dotted in rules.PURE_CALLABLE_FACTORIES:
                return
            if dotted == "functools.partial" and arg.args and type(arg.args[0]) is not ast.Starred:
                self.called_branch(arg.args[0], callee)
                return
            if self.returned_site(arg, arg.lineno):  # `key=make_key("a")`
                return
            shown = describe(arg.func)
            self.reason("unknown", arg.lineno, f"{callee}() calls what {shown}() returns")
            return
        elif isinstance(arg, ast.Subscript):
            table = self.table_item(arg)
            if table is not None:
                self.call_site("table", table, "", arg.lineno)
                return
        self.reason("unknown", arg.lineno, f"{callee}() calls {describe(arg)}")

    def local_callable_dotted(self, func: ast.expr) -> str | None:
        """The dotted name a local alias of an imported callable stands for (`itemgetter = operator.itemgetter`), or
        None: `Scope.local_callables` with one entry."""
        if type(func) is not ast.Name:
            return None
        where, owner = self.resolve(func.id)
        held = owner.local_callables.get(func.id) if where == "local" and owner and owner.local_callables else None
        if not held or len(held) != 1 or held[0][0].startswith(("@", "<")):
            return None
        root, attr = held[0]
        return self.imported_dotted(root, attr.split(".") if attr else [])

    def called_branch(self, arg: ast.expr, callee: str) -> None:
        """One callable a higher-order call may call, as `callables_passed` judges an argument in the called place."""
        if isinstance(arg, ast.Name):
            where, owner = self.resolve(arg.id)
            if not (
                where in ("local", "enclosing") and owner is not None and self.call_local_def(owner, arg.id, arg.lineno)
            ):
                self.called_name(arg, where, owner, callee)
        elif isinstance(arg, ast.Lambda):
            self.call_site("local", lambda_id(self.scope.qualprefix, arg), "", arg.lineno)
        elif isinstance(arg, ast.Attribute):
            self.called_attribute(arg, callee)
        else:
            self.called_value(arg, callee)

    def keyword_callbacks(self, node: ast.Call, callee: str) -> list[ast.expr]:
        """`json.dumps(x, default=encode)`: the keywords whose value the library calls (`rules.CALLBACK_KEYWORDS`).
        A `cls=` other than the library's own class (`rules.CLASS_KEYWORDS`) runs that class's methods: `unknown`."""
        dotted = self.value_type(node)
        if dotted is None:
            return []
        names = rules.CALLBACK_KEYWORDS.get(dotted, ())
        cls_keyword, own = rules.CLASS_KEYWORDS.get(dotted, ("", ""))
        out: list[ast.expr] = []
        for kw in node.keywords:
            if kw.arg in names:
                out.append(kw.value)
            elif kw.arg == cls_keyword and cls_keyword and self.value_dotted(kw.value) != own:
                shown = describe(kw.value)
                self.reason("unknown", kw.value.lineno, f"{dotted}(…, {kw.arg}={shown}) runs methods of {shown}")
        return out

    def value_dotted(self, node: ast.expr) -> str | None:
        """The dotted name an imported name or attribute chain denotes (`json.JSONEncoder`), or None."""
        root, attrs = attr_chain(node)
        return self.imported_dotted(root.id, attrs) if isinstance(root, ast.Name) else None

    def changer_passed(self, root: str, attrs: list[str], callee: str, lineno: int) -> None:
        """`map(heapq.heappush, heaps, items)`: a function changing an argument in place, called by another one
        with arguments this function does not see: what it changes is not known."""
        dotted = self.changer(root, attrs)
        if dotted is not None:
            self.reason("unknown", lineno, f"passes {dotted}, which changes its argument, to {callee}()")

    def changer(self, root: str, attrs: list[str]) -> str | None:
        """The dotted name of `root.attrs` when it is one of `rules.CHANGES_ARGUMENT`'s functions."""
        if (attrs[-1] if attrs else root) not in _CHANGES_ARGUMENT_NAMES:
            return None
        dotted = self.imported_dotted(root, attrs)
        return dotted if dotted in rules.CHANGES_ARGUMENT else None

    def own_method_passed(self, arg: ast.Attribute) -> bool:
        """`sorted(xs, key=self.rank)`: the callable will call the class's own method, as `self.rank(x)` would."""
        if not isinstance(arg.value, ast.Name):
            return False
        where, owner = self.resolve(arg.value.id)
        cls = owner.class_qualname if owner is not None and owner.self_name == arg.value.id else None
        if where not in ("local", "enclosing") or owner is None or cls is None:
            return False
        self.call_site("self", cls, arg.attr, arg.lineno, fresh=owner.is_init)
        return True

    def call_local_def(self, owner: Scope, name: str, lineno: int) -> bool:
        """A call of the nested function or lambda `owner`'s local `name` holds (`Scope.local_defs`), checked against
        the name's other bindings when `owner` ends; False when it holds none."""
        fid = owner.local_defs.get(name)
        if fid is None:
            return False
        self.call_site("local", fid, "", lineno)
        self.resolved_through(owner, name, "def")
        return True

    def returned_site(self, call: ast.Call, lineno: int) -> bool:
        """A call of what `call` returns, where it calls a module-level name: a `returned` site, the solve's to judge by
        what that function returns (`Solver._returned_call`); False for anything else."""
        root, attrs = attr_chain(call.func)
        if type(root) is not ast.Name or self.resolve(root.id)[0] != "global":
            return False
        self.call_site("returned", root.id, ".".join(attrs), lineno)
        return True

    def resolved_through(self, owner: Scope, name: str, how: str, at: int | None = None) -> None:
        """The call site just recorded (or, `at` a line, none: a callable known to be pure, a bound method's call
        walked as such) went through what `owner`'s local `name` holds: checked when `owner`'s body is walked
        (`Statements.check_resolved_calls`)."""
        fn = self.scope.summary
        if fn is None or (at is None and not fn.calls):
            return
        if owner.resolved_calls is None:
            owner.resolved_calls = []
        recorded = fn.calls[-1] if at is None else at
        owner.resolved_calls.append((name, fn, recorded, how, self.scope is owner and owner.depth == 0))

    def call_local_callable(self, owner: Scope, name: str, lineno: int) -> None:
        """A call of a local holding a builtin, module-level or imported callable (`Scope.local_callables`): a call of
        each callable it may hold, checked against the local's other bindings when the function ends."""
        for root, attr in owner.local_callables[name] if owner.local_callables else ():
            self.call_held(root, attr, lineno)
            self.resolved_through(owner, name, "alias")

    def call_held(self, root: str, attr: str, lineno: int) -> None:
        """A call of a callable as `callable_held` names it."""
        if root.startswith("@"):  # `match = re.compile(p).match`: a method of what a library call built
            self.call_on_typed(root[1:], attr, lineno, {"fresh"})
        elif root == "<lambda>":  # `fmt = {"$": lambda v: v, …}[kind]`: the lambda, `attr` its id
            self.call_site("local", attr, "", lineno)
        elif root == "<class>":  # `type_self = type(self)` … `type_self(x, y)`: a new object of self's class
            self.call_site("class", attr, "", lineno)
        else:
            self.call_site("global", root, attr, lineno)

    def call_local_value(self, name: str, vtype: str, lineno: int) -> None:
        """A local bound to `functools.partial` of a named function: a call of that function. What the call hands
        over is not what the function's parameters receive in that order (`p = partial(add_to, items); p([])`
        fills `lst` with `items`, not with the new list): the call site says nothing of its arguments, and the
        function's changes of any parameter are the caller's (a local's call records no filled slots at all)."""
        target = vtype[len("partial:") :]
        root, _, attr = target.partition(".")
        if self.changer(root, attr.split(".") if attr else []):
            self.reason("unknown", lineno, f"calls {name}, a partial of {target}, which changes its argument")
        elif self.resolve(root)[0] == "global":
            self.fresh_args, self.shallow_args, self.callable_args, self.owned_slots = [], [], [], []
            self.call_site("global", root, attr, lineno)
        else:
            self.reason("unknown", lineno, f"calls {name}, a partial of {target}")

    def call_name(self, name: str, node: ast.Call, lineno: int) -> None:
        where, owner = self.resolve(name)
        if where in ("local", "enclosing") and owner is not None:
            if self.call_local_def(owner, name, lineno) or self.call_through_local(owner, name, lineno):
                return
            if owner.self_name == name and owner.class_qualname:
                if owner.summary is not None and owner.summary.kind == "classmethod":
                    self.call_site("class", owner.class_qualname, "", lineno)
                else:  # `self(x)` runs the class's `__call__` (or an override's), on self
                    self.mark_uses_self()
                    self.call_site("self", owner.class_qualname, "__call__", lineno, fresh=owner.is_init)
            elif name in owner.params:
                self.callback_param(owner, name, lineno)
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
            if name == "vars" and len(node.args) == 1 and type(node.args[0]) is not ast.Starred and not node.keywords:
                return  # `vars(obj)` reads `obj.__dict__` (its origin is obj's: `call_origin`)
            if name in ("vars", "locals") and not node.args and not node.keywords and self.scope.runs_in_function:
                return  # a snapshot of the function's own names (`self.params = vars()`); what it holds: `call_origin`
        self.call_site("global", name, "", lineno)

    def call_builtin(self, name: str, node: ast.Call, lineno: int) -> None:
        if name in ("setattr", "delattr") and node.args:
            self.mutate(node.args[0], lineno, f"{name}(…)")
            first = node.args[0]
            if isinstance(first, ast.Name):
                owner = self.resolve(first.id)[1]
                if owner is not None and owner.self_name == first.id and owner.class_qualname:
                    self.attr_bindings.setdefault(owner.class_qualname, {})["*"] = None
        elif name == "next" and node.args:
            self.mutate(node.args[0], lineno, "next(…)")
        elif name == "getattr" and len(node.args) >= 2:
            attr = node.args[1]
            if not isinstance(attr, ast.Constant):
                self.reason("unknown", lineno, "getattr with a computed name")
            elif type(attr.value) is str and type(node.args[0]) is ast.Name and self.scope.runs_in_function:
                self.named_getattr(node.args[0].id, attr.value, lineno)

    def named_getattr(self, name: str, attr: str, lineno: int) -> None:
        """`getattr(sys, "frozen", False)`, `getattr(config, "SETTINGS")`: a read of that attribute of a module-level
        name, as `sys.frozen` is (`Solver._reads`); of a local, what reading the attribute is (nothing recorded)."""
        if self.resolve(name)[0] == "global":
            self.read_global(name, attr, lineno)
        elif name in self.local_import_names:
            self.local_import_read(name, attr, lineno)

    def call_attribute(self, func: ast.Attribute, node: ast.Call, lineno: int) -> None:
        method = func.attr
        receiver = func.value
        if method == "__class__" and (built := self.own_class(func)) is not None:
            self.expr(receiver)
            self.call_site("class", built, "", lineno)  # `self.__class__(…)`: a new object of self's class
            return
        self.widget_call(receiver, method)
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
            self.call_super(method, lineno, node)
            return
        if method in _ADDS_ELEMENTS and node.args:
            # `self._lists.append(lb)`: the container holds what the arguments are (`insert`'s first says where)
            values = node.args[1:] if method == "insert" else node.args
            self.contains(receiver, {k for arg in values for k in self.value_keys(arg)})
        elif method in _FILLS_ITEMS:  # what is stored, as `filling` reads it
            stored = _argument_at(node, _FILLING_AT[method]) if method in _FILLING_AT else node.args
            self.field_filled(receiver, [*stored, *(kw.value for kw in node.keywords)])
        key = self.key_for(receiver.id) if type(receiver) is ast.Name else None
        if key is not None and key.startswith("s:"):
            self.value_ref(key)  # `self.m()`: the solve judges the method (a toolkit's is UI)
            self.mark_uses_self()
        else:
            self.expr(receiver)
            root, chain = attr_chain(receiver)
            key = self.key_for(root.id) if type(root) is ast.Name else None
            if key is not None and key.startswith("s:") and not (chain and chain[0] in _OBJECT_NAMES):
                # `self.x.m()`: what `x` holds is not known (a list's `copy` or a clipboard helper's): in a widget
                # class that stays a use of the widget, only plain reads of its own data are not; a read-only method
                # of a plain container the class alone binds (`self._map.get(k)`) is one (`resolve_field_reads`)
                fn = self.scope.summary
                if fn is not None and len(chain) == 1 and _reads(method, node):
                    # the line names self; the value read is the field's (its `a:` key, which `self.x` recorded):
                    # `for k, v in self.data.items()` gives k and v the field's taint, not the widget's
                    self.line_ref(key)
                    self.field_reads.setdefault(key[2:], []).append((fn, chain[0], self.span[0]))
                else:
                    self.ref(key)
        if isinstance(receiver, ast.Call):
            vtype = self.value_type(receiver) or self.table_result(receiver)
            if vtype and vtype not in rules.RETURNS_ARGUMENT:  # `cast(T, x).m()` is a method of x
                self.call_on_typed(vtype, method, lineno, self.origin(receiver), receiver)
                return
        root, attrs = attr_chain(receiver)
        if isinstance(root, ast.Name) and self.call_on_name(root.id, attrs, method, node, lineno):
            return
        self.method_on_object(receiver, method, lineno, node)

    def call_super(self, method: str, lineno: int, node: ast.Call) -> None:
        cls = self.scope.class_qualname
        if cls:
            self.value_ref(f"s:{cls}")  # a toolkit's method is UI: the solve says so (`_method_call`)
            self.mark_uses_self()
            fresh = self.method_scope_is_init()
            if method in _INITIALISERS and not fresh:
                self.reason("self_mutation", lineno, f"initialises self again (super().{method}())")
            self.call_site("super", cls, method, lineno, fresh=fresh)
            fn = self.scope.summary
            if fresh and method == "__init__" and fn is not None and node.args + node.keywords:
                fn.calls[-1].arg_origins = self.argument_origins(node)  # what the base's `__init__` may hold
        else:
            self.reason("unknown", lineno, f"super().{method}() outside a class")

    def resolve_attribute_calls(
        self, qualname: str, class_names: set[str], declared: dict[str, str] | None = None
    ) -> None:
        """The class `qualname` has been walked: each `self.x.m(…)` waiting (`PendingCall`) is a method of x's type
        when every binding of `x` in the class is a call of that one type and the class body binds no `x`, or of
        the class the body declares for `x` (`item: Item`, a dataclass's field) when no method binds it: judged as
        an annotated parameter's (`Solver._parameter_method`); otherwise what a method of an unknown object is."""
        bindings = self.attr_bindings.pop(qualname, {})
        opaque = "*" in bindings  # `setattr(self, name, v)`: any attribute may be bound to anything
        cls = self.summary.classes.get(qualname)
        called = self.self_called.pop(qualname, set())
        if cls is not None and not opaque:
            # what `self.x(…)` runs when every binding of `x` agrees: a method of self, or an object's `__call__`; a
            # method of self also when only a subclass calls it (gramps' `Rule.match_substring`)
            cls.callables = {
                a: t
                for a, t in sorted(bindings.items())
                if t and (a in called or t.startswith("m:")) and a not in class_names
            }
        for pending in self.attribute_calls.pop(qualname, []):
            vtype = bindings.get(pending.attr) if pending.attr not in class_names and not opaque else None
            if vtype and vtype.startswith(("m:", "p:")):
                vtype = None  # a bound method or a partial has a function's methods, not the class's
            fn = pending.fn
            field_type = (declared or {}).get(pending.attr) if not opaque and pending.attr not in bindings else None
            if vtype and vtype.startswith("param:"):
                field_type, vtype = vtype[len("param:") :], None  # `self.kind = kind` of `kind: Kind`, in every method
            if field_type:
                kind = "param_read" if pending.untyped is None else "param"
                site = CallSite(kind, *member_path(field_type, pending.method), pending.lineno)
                site.fresh_args, site.args = pending.fresh_args, pending.args
                fn.calls.append(site)
            elif vtype:
                if vtype.startswith("g:"):
                    site = CallSite("global", *member_path(vtype[2:], pending.method), pending.lineno)
                    site.on_result = True
                else:
                    site = CallSite("external", vtype, pending.method, pending.lineno)
                site.self_attr, site.fresh_args, site.args = pending.attr, pending.fresh_args, pending.args
                fn.calls.append(site)
            elif pending.untyped is not None and (id(fn), "unknown", pending.untyped) not in self.reasons_seen:
                self.reasons_seen.add((id(fn), "unknown", pending.untyped))
                fn.reasons.append(Reason(kind="unknown", lineno=pending.lineno, detail=pending.untyped))

    def resolve_field_reads(self, qualname: str, class_names: set[str]) -> None:
        """The class `qualname` has been walked: each `self.x.get(k)`-like read (`field_reads`) is a read of the
        class's data (its `a:` key, UI only when `x` holds widgets) when every binding of `x` in its methods is a
        new plain container or a constant and the class body binds no `x`; otherwise a use of `self`, as any method
        of a field is."""
        plain = self.plain_fields.pop(qualname, {})
        for fn, attr, line in self.field_reads.pop(qualname, []):
            own = plain.get(attr, False) and attr not in class_names
            key = f"a:{qualname}:{attr}" if own else f"s:{qualname}"
            if all(k != key for k, _ in fn.refs):
                # where the walk would have put it, so the reasons keep the order of the lines
                at = next((i for i, (_, seen) in enumerate(fn.refs) if seen > line), len(fn.refs))
                fn.refs.insert(at, (key, line))

    def call_on_typed(
        self, vtype: str, method: str, lineno: int, origins: set[str], receiver: ast.expr | None = None
    ) -> None:
        """A method of an object whose type is known: built by `Cls(...)` or an imported callable.

        The object is fresh when built here; when it was built from objects the caller was given
        (`Writer(out)`), a method changing what it holds changes those objects too. A changing method of what a
        project call returned (`c = get_console(); c.write(…)`) changes that object, which may be the callee's
        module state: recorded for the solve as a change of the call's result (`result_mutated`)."""
        fresh = all(o == "fresh" or o.startswith("shallow:") for o in origins)
        holds = fresh and origins != {"fresh"}
        if receiver is not None and method in rules.MUTATING_METHODS:
            if vtype.startswith("g:"):
                self.result_mutated(receiver, lineno, f"{describe(receiver)}.{method}()")
            elif not fresh:
                # `arr = np.asarray(xs); arr.sort()`: the object is what it was made from (a parameter, self's…)
                self.mutate(receiver, lineno, f"{describe(receiver)}.{method}()")
        if vtype.startswith("g:"):
            self.call_site("global", *member_path(vtype[2:], method), lineno, fresh=fresh, holds=holds, on_result=True)
        elif vtype.startswith("t:"):  # `KINDS[i](data).match()`: a method of what each entry returns
            self.call_site("table", vtype[2:], method, lineno, fresh=fresh, holds=holds, on_result=True)
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
        if dotted:
            self.desktop_use(lineno, rules.desktop_only(dotted, self.desktop))
        if where == "global":
            self.read_global(name, path, lineno)
            self.call_site("global", name, path, lineno)
            return True
        if where not in ("local", "enclosing") or owner is None:
            return False
        if owner.self_name == name and owner.class_qualname:
            if attrs:
                # `self.h.add(…)` after `self.h = Holder(…)` in this method, or in any method when that is all
                # `self.h` is ever bound to (`resolve_attribute_calls`): a method of that class
                # (a function this method defines runs later, when `self.h` may hold something else)
                return len(attrs) == 1 and self.self_field_call(owner, attrs[0], method, lineno, node)
            if method in _INITIALISERS and not owner.is_init:
                self.reason("self_mutation", lineno, f"initialises self again ({name}.{method}())")
            self.call_site("self", owner.class_qualname, method, lineno, fresh=owner.is_init)
            return True
        if name in owner.local_imports:
            self.call_site("import", _encode_binding(owner.local_imports[name]), path, lineno)
            return True
        vtype = owner.local_types.get(name, "") if where == "local" and not attrs else ""
        if vtype and not vtype.startswith(("partial:", "elems:")):  # a container parameter: its own methods by name
            return self.call_on_local_type(name, vtype, method, node, lineno)
        return False

    def call_on_local_type(self, name: str, vtype: str, method: str, node: ast.Call, lineno: int) -> bool:
        """A method of a local whose type is known: built here (`h = Holder()`), or a parameter's annotation."""
        if vtype.startswith("param:"):
            if method in rules.MUTATING_METHODS:
                return False  # it changes the parameter, whatever its class does
            # the solve judges the annotated class's method, or by the name as without one (`_parameter_method`)
            read = _reads(method, node)
            self.call_site("param_read" if read else "param", *member_path(vtype[len("param:") :], method), lineno)
            return True
        if method in rules.MATCH_POSITION_METHODS and (rules.reads_only(method, name) or self.holds_match(name)):
            return True  # `m = pattern.match(s); m.end()`: a match's positions, known by its name or its binding
        if method in _CHANGES_ARGUMENT_NAMES:
            self.argument_changed(node, lineno, f"{vtype}.{method}")  # `s = struct.Struct(…)`, `s.pack_into(…)`
        self.call_on_typed(vtype, method, lineno, self.origin_of_name(name), node.func.value)  # type: ignore[attr-defined]
        return True

    def filling(self, method: str, call: ast.Call) -> set[str]:
        """What a container method of `_FILLING_METHODS` stores: its argument (`append(x)`), or the elements of it
        (`extend(xs)`, `update(d)`: its values, and its keywords')."""
        held: set[str] = set()
        if method in _FILLING_FROM:
            for arg in call.args:
                held |= self.element_origin(arg.value if type(arg) is ast.Starred else arg)
            for kw in call.keywords:
                held |= self.origin(kw.value)
            return held
        for arg in _argument_at(call, _FILLING_AT[method]):
            held |= self.origin(arg)
        return held

    def method_on_object(self, receiver: ast.expr, method: str, lineno: int, call: ast.Call | None = None) -> None:
        """A method called on an object the engine knows only by origin (parameter, local, self attribute…).

        A read-only name is judged by its arguments when it has a namesake that is not one: `d.get(k)` reads a
        dict, but `q.get()` and `q.get(timeout=1)` (no key, or a keyword) take from a queue; `sep.join(xs)`
        reads a string, `worker.join()` waits for a thread; `path.replace(target)` renames a file."""
        if isinstance(receiver, (ast.Constant, ast.JoinedStr, ast.List, ast.Dict, ast.Set, ast.Tuple)) and (
            method in rules.READ_ONLY_METHODS or method in rules.MUTATING_METHODS
        ):
            return
        origins = self.origin(receiver)
        if method in rules.MUTATING_METHODS:
            what = f"{describe(receiver)}.{method}()"
            for origin in sorted(origins):
                self.mutation_effect(origin, receiver, lineno, what)
            self.result_mutated(receiver, lineno, what)
            if call is not None and method in _FILLING_METHODS:
                self.filled(receiver, self.filling(method, call), receiver)
            return
        if method in rules.READ_ONLY_METHODS and (call is None or _reads(method, call)):
            return
        if method in rules.MATCH_POSITION_METHODS and type(receiver) is ast.Name and self.holds_match(receiver.id):
            return  # `res = self._escaped.search(s); res.start()`: a regex match's position
        if method in rules.ARRAY_READS_BY_NAME and self.numpy_imported:
            return
        if origins <= {"fresh"} and isinstance(receiver, ast.Name):
            owner = self.resolve(receiver.id)[1]
            if owner is not None and receiver.id in owner.local_defs:
                return
        self.reason("unknown", lineno, f"calls {describe(receiver)}.{method}() on an object of unknown type")


# The last names of `rules.CHANGES_ARGUMENT`'s functions: a call of any other name changes none of its arguments.
_CHANGES_ARGUMENT_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in rules.CHANGES_ARGUMENT)
_CV2_OUTPUT_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in rules.CV2_OUTPUT_POSITION)
# Functions a toolkit entry names inside a library that is not one (`cv2.imshow`): the last names to look up.
_TOOLKIT_FUNCTION_NAMES = frozenset(
    name.rsplit(".", 1)[-1] for name in rules.UI_TOOLKITS if rules.toolkit_of(name.rsplit(".", 1)[0]) is None
)
_NAME_OR_CONTAINER = frozenset({ast.Name, *CONTAINER_LITERALS})  # parsed trees hold no subclasses of these
# The last names of the known higher-order callables: a call of any other name calls none of its arguments.
_HIGHER_ORDER_NAMES = frozenset({*(name.rsplit(".", 1)[-1] for name in rules.CALLS_ITS_ARGUMENT), "sort"})
# What builds an object: called on self outside them (`def reset(self): self.__init__()`), it changes self.
_INITIALISERS = frozenset({"__init__", "__post_init__"})
# The last names of the calls `keyword_callbacks` knows.
_CALLBACK_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in (*rules.CALLBACK_KEYWORDS, *rules.CLASS_KEYWORDS))
# Builtins that run a method of their argument (`str(x)`: `x.__str__`; fallbacks: solve._DUNDER_FALLBACKS).
_CONVERSIONS = {"str": "__str__", "repr": "__repr__", "format": "__format__", "hash": "__hash__", "bool": "__bool__"}
# Higher-order calls whose argument in the called place is as often text (`re.sub(p, "-" + sep, s)`): only a name, an
# attribute or a lambda there is taken for a callable.
_TEXT_OR_CALLABLE = frozenset({"sub", "subn", "subf", "subfn"})
# The higher-order builtins among them, called by a bare name only when it is the builtin's (`from fnmatch import
# filter` is not).
_BUILTIN_HIGHER_ORDER = frozenset(name for name in rules.CALLS_ITS_ARGUMENT if "." not in name)


# Container methods that store an argument (by position) in the container, and those that store its elements.
_FILLING_AT = {"append": 0, "add": 0, "appendleft": 0, "insert": 1, "setdefault": 1, "__setitem__": 1}
_FILLING_FROM = frozenset({"extend", "extendleft", "update"})
_FILLING_METHODS = frozenset({*_FILLING_AT, *_FILLING_FROM})


def _argument_at(node: ast.Call, position: int) -> list[ast.expr]:
    """The positional argument at `position`, or what a starred argument before it unpacks (it may hold it)."""
    for index, arg in enumerate(node.args[: position + 1]):
        if type(arg) is ast.Starred:
            return [arg.value]
        if index == position:
            return [arg]
    return []


_ATTRIBUTE_SETTERS = frozenset({"setattr", "delattr"})
_WATCHED_BUILTINS = frozenset(
    {"input", "raw_input", "len", *_CONVERSIONS, *_ATTRIBUTE_SETTERS}
)  # what `watched_builtin` looks at


def _filled(node: ast.Call) -> str:
    """`CallSite.filled` of a call: ":0,key" for `f(a, None, key=k, reverse=True)` (a constant argument hands no
    callable: it fills nothing that is called back), "*" with `*args`/`**kw`. Runs for every call the solve may
    resolve: plain loops, constants only (`-1` is no callable either way)."""
    slots = []
    for index, arg in enumerate(node.args):
        kind = type(arg)
        if kind is ast.Starred:
            return "*"
        if kind is not ast.Constant:
            slots.append(str(index))
    for kw in node.keywords:
        if kw.arg is None:
            return "*"
        if type(kw.value) is not ast.Constant:
            slots.append(kw.arg)
    return ":" + ",".join(slots)


def _reads(method: str, call: ast.Call) -> bool:
    """Whether `obj.method(…)` of an object of unknown type only reads it: a read-only name (`rules.READ_ONLY_METHODS`)
    called as the read, not as a namesake (`_not_the_read`)."""
    return method in rules.READ_ONLY_METHODS and not _not_the_read(method, call)


def _not_the_read(method: str, call: ast.Call) -> bool:
    """Whether a call of a read-only name cannot be the read: `get` without a key or with a keyword (dict.get takes
    neither), `join` without an argument (str.join needs one), `replace` with one argument (str.replace takes
    two, date.replace keywords: `path.replace(target)` renames a file), `start`/`end`/`span` on anything not
    named like a regex match (`worker.start()` starts a thread, `painter.end()` ends a painting)."""
    if method == "get":
        return not call.args or bool(call.keywords)
    if method == "join":
        return not call.args
    if method == "replace":  # str.replace(old, new), date.replace(year=…); Path.replace(target) renames a file
        return len(call.args) == 1 and not call.keywords
    if method in rules.MATCH_POSITION_METHODS:  # a regex match's `m.start()`; a thread's, timer's or painter's start
        return not rules.reads_only(method, describe(call.func.value))  # type: ignore[attr-defined]
    return False


# Attributes every object has, whose value is its class or a name: reading them touches nothing of a toolkit's.
_OBJECT_NAMES = frozenset({"__class__", "__name__", "__qualname__", "__module__", "__doc__"})


def _called_argument(node: ast.Call) -> ast.expr | None:
    """The argument a known higher-order callable will call (`fn` in `map(fn, xs)`, `key=` of `sorted` and of any
    `.sort()`, a list's or not)."""
    if type(node.func) is ast.Attribute and node.func.attr == "sort":
        return next((kw.value for kw in node.keywords if kw.arg == "key"), None)
    dotted = dotted_name(node.func) or ""
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


def _new_container(origins: set[str]) -> bool:
    """A new object, which may hold other objects (`shallow:`), as `[a, b]` or `list(xs)` does, and nothing else."""
    return all(o == "fresh" or o.startswith("shallow:") for o in origins)
