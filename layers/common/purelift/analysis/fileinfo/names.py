"""Names and scopes: what a name read in the walk resolves to (local, parameter, module, import, builtin)."""

from __future__ import annotations

import itertools

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from ..summary import Binding
from .nodes import BUILTIN_NAMES, attr_chain, dotted_name
from .platforms import python2_branch
from .scope import Scope, item_key, target_names
from .walk import VisitorBase

# Methods whose result may be (a part of) the receiver itself rather than a new object.
ALIASING_METHODS = frozenset({"get", "pop", "setdefault", "popitem", "popleft", "__getitem__", "__enter__"})
# Builtins whose result holds the very elements of their arguments, and views of a container's contents.
_ELEMENT_PRESERVING = frozenset(
    {"list", "tuple", "set", "frozenset", "sorted", "reversed", "enumerate", "zip", "iter", "filter", "dict"}
)
_CONTAINER_VIEWS = frozenset({"items", "values", "keys", "__iter__", "copy"})
# Read-only names (`rules.READ_ONLY_METHODS`) whose result may be one of the receiver's own objects, or a new
# container of them (`Names.read_parts`)
_READS_A_PART = frozenset({"find", "index", "rfind", "rindex"})
_READS_PARTS = frozenset(
    {"findall", "finditer", "items", "values", "keys", "elements", "most_common", "__iter__", "__reversed__"}
    | {"union", "intersection", "difference", "symmetric_difference"}
)
# The last names of the library calls `library_result_origin` knows (a cheap first test); `itertools.*` is any name.
_RETURNER_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in rules.RETURNS_ARGUMENT)
_HOLDER_NAMES = (
    _RETURNER_NAMES
    | frozenset(name.rsplit(".", 1)[-1] for name in rules.RESULT_HOLDS_ARGUMENTS if not name.endswith(".*"))
    | frozenset(name for name in dir(itertools) if not name.startswith("_"))
    | {"from_iterable"}  # itertools.chain.from_iterable
)
# What is never an object a name holds: a literal, an operation's or a comparison's result, a lambda.
_NEVER_A_NAMED_VALUE = frozenset(
    {ast.Constant, ast.JoinedStr, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Lambda, ast.Dict}
)
_SUSPENDS = frozenset({ast.Await, ast.Yield, ast.YieldFrom})  # what they evaluate to comes from elsewhere
_DISPLAYS = frozenset({ast.List, ast.Tuple, ast.Set})
_BUILT_CONTAINERS = frozenset({*_DISPLAYS, ast.Dict, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp})


class NameResolution(VisitorBase):
    """What a name means where it is read: scopes, origins, types and imports."""

    # ------------------------------------------------------------------ names and scopes
    def resolve(self, name: str) -> tuple[str, Scope | None]:
        """Where `name` lives: local / enclosing (with the scope) / global / builtin.

        Scopes know their names when they open, so the answer never changes: it is memoised per scope."""
        memo = self.scope.resolved
        hit = memo.get(name)
        if hit is None:
            hit = memo[name] = self._resolve(name)
        return hit

    def _resolve(self, name: str) -> tuple[str, Scope | None]:
        scope: Scope | None = self.scope
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

    def result_key(self, node: ast.Call) -> str | None:
        """The `c:` key of what a call of a project function may return (`summary`), or None."""
        func = node.func
        if isinstance(func, ast.Name):
            where, owner = self.resolve(func.id)
            if where == "global":
                return f"c:global:{func.id}:"
            if owner is not None and func.id in owner.local_defs:
                return f"c:local:{owner.local_defs[func.id]}:"
            fn = owner.summary if owner is not None and owner.self_name == func.id else None
            if fn is not None and fn.kind == "classmethod" and owner is not None and owner.class_qualname:
                return f"c:class:{owner.class_qualname}:"  # `cls(…)` builds the class: its `__init__`
            return None
        if not isinstance(func, ast.Attribute):
            return None
        if isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name) and func.value.func.id == "super":
            cls = self.scope.class_qualname
            return f"c:super:{cls}:{func.attr}" if cls else None
        root, attrs = attr_chain(func)
        if not isinstance(root, ast.Name):
            return None
        where, owner = self.resolve(root.id)
        if where == "global":
            return f"c:global:{root.id}:{'.'.join(attrs)}"
        if len(attrs) == 1 and owner is not None and owner.self_name == root.id and owner.class_qualname:
            return f"c:self:{owner.class_qualname}:{attrs[0]}"
        return None

    def value_keys(self, node: ast.expr | None) -> set[str]:
        """The keys whose object `node` *is* (`summary.links`): a name, `self.x`, a widget's part (`editwin.text`,
        `rules.is_widget_attribute`), an item of one, a widget built from a toolkit (`tk.Toplevel(…)`), what a
        project function returns. A value computed from them (a method's result, an operation,
        `window.settings.key`) is not one of them: `parse(self.entry.get())` hands `parse` a string."""
        if type(node) is ast.Name:
            key = self.key_for(node.id)
            return {key} if key else set()
        if type(node) is ast.Attribute:
            return self.attribute_value_keys(node)
        if type(node) is ast.Call:
            return self.call_value_keys(node)
        if type(node) in _NEVER_A_NAMED_VALUE:  # most of the rest: decided without the chain below
            return set()
        if isinstance(node, ast.IfExp):
            return self.value_keys(node.body) | self.value_keys(node.orelse)
        if isinstance(node, ast.BoolOp):
            return set().union(*(self.value_keys(v) for v in node.values))
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return set().union(*(self.value_keys(e) for e in node.elts)) if node.elts else set()
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) and isinstance(node.elt, ast.Call):
            return {k for k in self.value_keys(node.elt) if k.startswith("k:g:")}  # [tk.Button(…) for …]
        if isinstance(node, (ast.Subscript, ast.Starred, ast.NamedExpr, ast.Await)):
            return self.value_keys(node.value)
        return set()

    def attribute_value_keys(self, node: ast.Attribute) -> set[str]:
        root, attrs = attr_chain(node)
        if isinstance(root, ast.Name):
            key = self.key_for(root.id)
            if key is None:
                return set()
            if key.startswith("s:"):
                key, attrs = f"a:{key[2:]}:{attrs[0]}", attrs[1:]  # `self.x` is the class's own field
            return {key} if not attrs or rules.is_widget_attribute(attrs[-1]) else set()
        if isinstance(root, ast.Call) and rules.is_widget_attribute(attrs[-1]):
            return self.value_keys(root)
        return set()

    def call_value_keys(self, node: ast.Call) -> set[str]:
        out: set[str] = set()
        result = self.call_results.get(id(node))  # the walk has seen the call (`e_Call`): its key is known
        if result is None and id(node) not in self.call_results:
            result = self.result_key(node)
        if result:
            out.add(result)
        root, attrs = attr_chain(node.func)
        if isinstance(root, ast.Name) and rules.looks_like_class(attrs[-1] if attrs else root.id):
            key = self.key_for(root.id)
            if key and not key.startswith("s:"):
                out.add("k:" + key)
        return out

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
        # One of the walk's hottest methods: `type(...) is` (parsed trees hold no subclasses of these types).
        if type(node) is ast.Name:
            return self.origin_of_name(node.id)
        if type(node) is ast.Attribute:
            return self.attribute_origin(node)
        if type(node) is ast.Call:
            aliased = self.numpy_alias_origin(node)
            return aliased if aliased is not None else self.call_origin(node)
        if type(node) is ast.Subscript or type(node) is ast.Starred:
            stored = self.stored_item(node)
            if stored is not None:
                return stored  # `d["k"] = {}` in this function: that new dict, whatever else d holds
            if self.slices_copy and type(node) is ast.Subscript and type(node.slice) is ast.Slice:
                return shallow(part_of(self.origin(node.value)))  # `ys = xs[:]`: a new list of xs's elements
            return part_of(self.origin(node.value))
        if type(node) is ast.NamedExpr:
            return self.origin(node.value)
        if type(node) in _BUILT_CONTAINERS:
            return self.container_origin(node)
        if type(node) is ast.IfExp:
            return self.origin(node.body) | self.origin(node.orelse)
        if type(node) is ast.BoolOp:
            out: set[str] = set()
            for value in node.values:
                out |= self.origin(value)
            return out
        if type(node) in _SUSPENDS:
            return {"unknown"}
        return {"fresh"}

    def attribute_origin(self, node: ast.Attribute) -> set[str]:
        value = node.value
        if type(value) is ast.Name:
            owner = self.resolve(value.id)[1]
            # `self.rows = []` earlier in this method (not in a function it defines, which runs later)
            if owner is self.scope and owner.self_name == value.id and node.attr in owner.self_attrs:
                return set(owner.self_attrs[node.attr])
            if owner is not None and owner.items:
                stored = owner.items.get(item_key(node))  # type: ignore[arg-type]  # `rec.items = []` here
                if stored is not None:
                    return set(stored)
        return part_of(self.origin(value))

    def stored_item(self, node: ast.expr) -> set[str] | None:
        """What `Scope.items` records of `d["k"]` (`item_key`), or None."""
        key = item_key(node) if type(node.value) is ast.Name else None  # type: ignore[attr-defined]
        if key is None:
            return None
        owner = self.resolve(node.value.id)[1]  # type: ignore[attr-defined]
        stored = owner.items.get(key) if owner is not None and owner.items else None
        return set(stored) if stored is not None else None

    def container_origin(self, node: ast.expr) -> set[str]:
        """A display or a comprehension: a new container, but of the objects it was given, as `list(items)` is
        (`d = {"k": item}; d["k"].x = 1` changes item). A dict's keys are left out: an item read gives a value, and
        keys are hashable, nearly always immutable (`{x: [] for x in xs}` then `table[x].append(…)` is pure)."""
        if type(node) is ast.Dict:
            held: set[str] = set()
            for element in node.values:
                held |= self.origin(element)  # `{**d}`: the value is d, whose values it holds
            return shallow(held)
        if type(node) in _DISPLAYS:
            held = set()
            for element in node.elts:  # type: ignore[attr-defined]
                held |= self.origin(element)
            return shallow(held)
        return self.comprehension_origin(node)  # type: ignore[arg-type]

    def comprehension_origin(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> set[str]:
        """A comprehension builds a new container of what its element expression is, each target being an element
        of what it iterates: `{t.id: t for t in album.tracks}` holds album's tracks (they were taken as new, so
        changing an item of it changed nothing), `[row[:] for row in grid]` only new lists."""
        parent = self.enter_comprehension(node.generators)
        held: set[str] = set()
        try:
            scope = self.scope
            for comp in node.generators:
                target, iterated = comp.target, comp.iter
                if type(target) is ast.Tuple and len(target.elts) == 2:
                    enumerated = self.enumerated(iterated)
                    if enumerated is not None:  # `for i, x in enumerate(xs)`: `i` is a new int
                        target, iterated = target.elts[1], enumerated
                elements = self.element_origin(iterated)
                names: set[str] = set()
                target_names(target, names)
                for name in names:
                    scope.origins.setdefault(name, set()).update(elements)
            held = self.origin(node.value if isinstance(node, ast.DictComp) else node.elt)
        finally:
            self.leave(parent)
        return shallow(held)

    def enumerated(self, value: ast.expr) -> ast.expr | None:
        """What `value`, a call of the builtin `enumerate`, numbers (`xs` of `enumerate(xs)`); None for any other."""
        if type(value) is not ast.Call:
            return None
        func, args = value.func, value.args
        if type(func) is not ast.Name or func.id != "enumerate" or not args or type(args[0]) is ast.Starred:
            return None
        return args[0] if self.resolve("enumerate")[0] == "builtin" else None

    def call_origin(self, node: ast.Call) -> set[str]:
        func = node.func
        if isinstance(func, ast.Attribute):
            return self.attribute_call_origin(node, func)
        if isinstance(func, ast.Name) and func.id == "globals":
            return {"globals()"}
        if isinstance(func, ast.Name) and func.id in _RETURNER_NAMES and node.args:
            returned = self.library_result_origin(node)  # `cast(T, x)` is x
            if returned is not None:
                return returned
        if not isinstance(func, ast.Name) or self.resolve(func.id)[0] != "builtin":
            # a new object, which may hold on to what it was given: Writer(out) keeps `out`
            held: set[str] = set()
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                held |= self.origin(arg.value if isinstance(arg, ast.Starred) else arg)
            return shallow(held)
        name = func.id
        if not node.args and name != "dict":
            # `vars()` / `locals()`: a new dict, but of the function's own names, whose objects may be the caller's
            return {"unknown"} if name in ("vars", "locals") and not node.keywords else {"fresh"}
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
            for kw in node.keywords:
                out |= self.origin(kw.value)  # `dict(a=item)` holds item, `dict(**d)` d's values
            return shallow(out)
        return {"fresh"}

    def attribute_call_origin(self, node: ast.Call, func: ast.Attribute) -> set[str]:
        """`x.get(k)` is a part of x, `x.copy()` a shallow copy, `ast.walk(t)` holds t's nodes; else fresh."""
        if func.attr in ALIASING_METHODS:
            return self.origin(func.value)
        if func.attr in ("__getattribute__", "__getattr__"):
            # `object.__getattribute__(self, "_obj")` is `getattr(self, "_obj")`: self's own data, as is what
            # `super().__getattribute__(name)` and `x.__getattribute__(name)` return of self and x
            receiver = func.value
            if type(receiver) is ast.Name and receiver.id in ("object", "type") and node.args:
                return self.origin(node.args[0])
            if type(receiver) is ast.Call and type(receiver.func) is ast.Name and receiver.func.id == "super":
                return {"self"} if self.scope.self_name else {"unknown"}
            return self.origin(receiver)
        if func.attr == "copy" and not node.args:
            return shallow(self.origin(func.value))
        if dotted_name(func) == "copy.copy" and node.args:
            return shallow(self.origin(node.args[0]))
        if node.args and func.attr in _HOLDER_NAMES:
            held = self.library_result_origin(node)
            if held is not None:
                return held
        receiver = func.value
        if type(receiver) is ast.Name:
            owner = self.resolve(receiver.id)[1]
            if owner is not None and owner.local_types.get(receiver.id, "").startswith("param:"):
                # the solve judges an annotated parameter's method as its class's (`_parameter_method`), and a
                # method may hand back its object's own data (`def items(self): return self._items`): what it
                # returns is a part of the caller's argument
                return self.origin(receiver)
        if func.attr in _READS_A_PART or func.attr in _READS_PARTS:
            return self.read_parts(node, func)
        return {"fresh"}

    def read_parts(self, node: ast.Call, func: ast.Attribute) -> set[str]:
        """A read-only name that may hand back the receiver's own objects: `tree.find(tag)` (ElementTree, lxml,
        BeautifulSoup: an element of the tree; `str.find` an int), `d.values()`, `tags.findall(…)` (new containers
        of them). Taken as new, `tree.find(name).text = "x"` changed nothing. A project method's result is the
        solve's to judge (`return_origins`)."""
        if id(node) in self.call_results:
            return {"fresh"}
        parts = part_of(self.origin(func.value))
        return parts if func.attr in _READS_A_PART else shallow(parts)

    def library_result_origin(self, node: ast.Call) -> set[str] | None:
        """What a library call returns when it is (or holds) an argument's own object (`rules.RETURNS_ARGUMENT`,
        `rules.RESULT_HOLDS_ARGUMENTS`); None for any other call."""
        dotted = self.value_type(node)
        if dotted is None:
            return None
        position = rules.RETURNS_ARGUMENT.get(dotted)
        if position is not None:
            args = node.args
            if any(isinstance(a, ast.Starred) for a in args[: position + 1]) or len(args) <= position:
                return {"unknown"}
            return part_of(self.origin(args[position]))
        if not rules.in_set(rules.RESULT_HOLDS_ARGUMENTS, dotted):
            return None
        held: set[str] = set()
        for arg in [*node.args, *(kw.value for kw in node.keywords)]:
            held |= self.origin(arg.value if isinstance(arg, ast.Starred) else arg)
        return shallow(held)

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
                return part_of(self.origin(func.value))
        return part_of(self.origin(node))

    def value_type(self, node: ast.expr) -> str | None:
        """The dotted callee of `x = callee(...)` when the callee is an imported name (for method lookups)."""
        if isinstance(node, ast.Call):
            dotted = dotted_name(node.func)
            if dotted:
                root, *attrs = dotted.split(".")
                if self.import_binding(root) is not None:
                    absolute = self.imported_dotted(root, attrs)
                    if absolute is not None:
                        return absolute
                    # a relative import (`from .jswriter import JsResultWriter`): a project name, as a
                    # module-level one is (it was None: `JsResultWriter(out).write(…)` was no call at all)
                if self.resolve(root)[0] == "global":
                    return "g:" + dotted
        return None

    def imported_dotted(self, root: str, attrs: list[str]) -> str | None:
        """The absolute dotted name `root.attrs` denotes when `root` is bound by an absolute import, or None."""
        binding = self.import_binding(root)
        return self.external_dotted(binding, attrs) if binding is not None else None

    def numpy_alias_origin(self, node: ast.Call) -> set[str] | None:
        """`np.asarray(a)` is `a` itself when `a` is an array (`np.array(a, copy=False)` too): writing into the
        result writes into the argument. None for any other call."""
        name = self.numpy_function(node)
        if name is None or (name not in rules.NUMPY_ALIASING and not any(kw.arg == "copy" for kw in node.keywords)):
            return None
        held: set[str] = set()
        for arg in [*node.args, *(kw.value for kw in node.keywords)]:
            held |= self.origin(arg.value if isinstance(arg, ast.Starred) else arg)
        return held or {"fresh"}

    def numpy_function(self, node: ast.Call) -> str | None:
        """The name inside numpy of the function `node` calls (`linalg.norm` for `np.linalg.norm(v)`), or None."""
        if not self.numpy_possible:
            return None
        vtype = self.value_type(node)
        if vtype is None or not vtype.startswith("numpy."):
            return None
        return vtype[len("numpy.") :]

    def import_binding(self, name: str) -> Binding | None:
        scope: Scope | None = self.scope
        while scope is not None:
            if name in scope.local_imports:
                return scope.local_imports[name]
            scope = scope.parent
        if self.resolve(name)[0] != "global":
            return None
        found = None
        for b in self.summary.bindings.get(name, ()):
            if b.kind in ("import", "from"):
                if not b.python2:  # the one a Python 3 makes (`try: import cPickle as pickle` binds nothing there)
                    return b
                found = found or b
        return found

    @staticmethod
    def external_dotted(binding: Binding, attrs: list[str]) -> str | None:
        """The absolute dotted name an import binding plus attributes denotes (None for relative imports)."""
        if binding.level:
            return None
        base = binding.target if binding.kind == "import" else f"{binding.target}.{binding.attr}"
        return ".".join([base, *attrs])

    def bind_name(self, name: str, binding: Binding) -> None:
        if self.scope.kind == "module":
            binding.type_checking = self.type_checking
            binding.other_platform = self.other_platform
            if self.other_platform:
                binding.python2 = self.older_python or any(python2_branch(test) is not None for test in self.if_tests)
            if binding.kind in ("import", "from") and not binding.level and self.numpy_possible:
                self.numpy_imported = self.numpy_imported or binding.target.split(".", 1)[0] == "numpy"
            self.summary.bindings.setdefault(name, []).append(binding)

    def param_owner(self, name: str) -> Scope | None:
        """The function scope whose own parameter `name` is (None when it belongs to an enclosing one)."""
        where, owner = self.resolve(name)
        return owner if where == "local" and owner is not None and name in owner.params else None


def part_of(origins: set[str]) -> set[str]:
    """What a part (attribute, item, element) of an object with these origins may be."""
    if not any(o.startswith("shallow:") for o in origins):
        return origins
    return {o[len("shallow:") :] if o.startswith("shallow:") else o for o in origins}


def shallow(element_origins: set[str]) -> set[str]:
    """A new container holding elements of these origins."""
    return {"fresh"} | {f"shallow:{o}" for o in element_origins if o != "fresh"}
