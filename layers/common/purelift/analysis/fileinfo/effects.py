"""Stores and mutations: assignments, attribute and item writes, mutating calls, and whose state they change."""

from __future__ import annotations

from collections.abc import Iterable

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from ..summary import Binding, class_write_reason, enclosing_write_reason, module_write_reason
from . import dynamic
from .names import ALIASING_METHODS, NameResolution, part_of, shallow
from .nodes import attr_chain, describe, dotted_name, immutable_literal, lambda_id, member_path
from .scope import Scope, constant_item_key, forget_items, interchangeable_types, item_key

_COUNT = ast.Constant(0)  # what `enumerate` pairs each element with: a new int
# Displays whose elements are linked to the field they are bound to (`Effects.plain_value`)
_LINKED_DISPLAYS = frozenset({ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.SetComp})
# Calls that build a new plain container (`Effects.plain_value`): its methods are the builtin type's
_PLAIN_BUILTINS = frozenset({"dict", "list", "set", "frozenset", "tuple", "str", "int", "float", "bool"})
_PLAIN_LIBRARY_TYPES = frozenset(
    {"collections.OrderedDict", "collections.defaultdict", "collections.deque", "collections.Counter"}
)


# What a pattern's (or `re`'s) method returning a match is called, and the one iterating over matches.
_MAKING_A_MATCH = frozenset({"match", "search", "fullmatch"})
_ITERATING_MATCHES = frozenset({"finditer"})


class Effects(NameResolution):
    """Stores and mutations: what a function changes, and whose state that is."""

    # ------------------------------------------------------------------ stores and mutations
    def store(
        self,
        target: ast.expr,
        value: ast.expr,
        keys: set[str],
        elements: bool = False,
        unpacked: bool = False,
        table: str | None = None,
    ) -> None:
        """Bind `target` to `value` (or, with `elements`, to each element of it: `for` and comprehensions;
        `unpacked`: one part of it, `a, b = value`; `table`: the module-level table whose entries a loop's name takes,
        `entries_looped`)."""
        lineno = target.lineno
        looped = elements and not unpacked and self.scope.kind == "function"
        if looped and isinstance(value, _LITERALS):
            self.loop_callables(target, value)  # `for conv in _number, _timer:`
        if isinstance(target, ast.Name):
            origin = self.element_origin(value) if elements else self.origin(value)
            if not unpacked and self.scope.kind != "class":
                # `for w in self.buttons`: widgets. A class body declares (kivy's `points = ListProperty([])`, Qt's
                # `clicked = Signal()`): what an instance reads there is the property's value, not a widget.
                self.link(self.key_for(target.id), self.value_keys(value))
            if looped and table is None:
                table = self.entries_looped(value)  # `for check in CHECKS:`
            self.store_name(target.id, origin, keys, lineno, None if elements else value, table)
            self.match_bound(target.id, value, elements)
            self.global_alias(target.id, value)
            self.bind_results(target.id, value, 1 if elements else 0)
            if elements and not unpacked:
                self.element_typed(target.id, value)
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
            if looped and len(target.elts) == 2 and (items := self.entries_looped(value, "items")) is not None:
                # `for name, check in CHECKS.items():` the second name takes each entry of the table
                self.store(target.elts[0], value, keys, elements=True, unpacked=True)
                self.store(target.elts[1], value, keys, elements=True, unpacked=True, table=items)
                return
            enumerated = self.enumerated(value) if elements and len(target.elts) == 2 else None
            if enumerated is not None and self.scope.kind == "function":
                # `for i, x in enumerate(xs)`: `i` is a count, a new int; `x` one of xs's elements
                self.store(target.elts[0], _COUNT, keys, unpacked=True)
                self.store(target.elts[1], enumerated, keys, elements=True, unpacked=True)
                return
            for element in target.elts:
                self.store(element, value, keys, elements=True, unpacked=True)
        elif isinstance(target, ast.Starred):
            self.store_starred(target, value, keys, elements, unpacked)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            self.store_into(target, value, keys, elements, unpacked)

    def store_into(
        self, target: ast.Attribute | ast.Subscript, value: ast.expr, keys: set[str], elements: bool, unpacked: bool
    ) -> None:
        """`obj.x = value` or `obj[k] = value` (`elements`: each element of value, `unpacked`: a part of it)."""
        lineno = target.lineno
        self.changed_through(target)
        self.expr(target.value)
        if isinstance(target, ast.Subscript):
            self.expr(target.slice)
            self.field_filled(target.value, [value])
            if self.scope.runs_in_function:
                self.implicit_call(target.value, "__setitem__", lineno)
        self.attribute_changed(target, lineno, f"{describe(target)} = …")
        self.filled(target.value, self.element_origin(value) if elements else self.origin(value), target)
        self.attr_store(target, keys)
        vtype = self.value_type(value)  # what a call building the value makes (`self.h = Holder(…)`)
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            key = self.key_for(target.value.id)
            if key and key.startswith("s:"):
                self.class_field(key[2:], target.attr)
                bound = (
                    self.partial_held(value, vtype)
                    or vtype
                    or self.bound_method(value, target.value.id)
                    or self.annotated_parameter(value)
                )
                self.self_attribute_bound(target, None if unpacked or elements else bound)
                self.plain_field_bound(key[2:], target.attr, None if unpacked or elements else value)
                if not unpacked:
                    self.link(f"a:{key[2:]}:{target.attr}", self.value_keys(value))
                self.value_ref(f"a:{key[2:]}:{target.attr}")  # `self.win = None`: a widget's slot
        self.attribute_written(target, lineno)
        self.remember_self_attr(target, value, vtype)

    def element_typed(self, name: str, iterable: ast.expr) -> None:
        """`for i in items` where `items: list[Item]` is a parameter: `i` is an Item of the caller's (`param:`)."""
        scope = self.scope
        element = ""
        if isinstance(iterable, ast.Name):
            where, owner = self.resolve(iterable.id)
            declared = owner.local_types.get(iterable.id, "") if where == "local" and owner is not None else ""
            element = declared[len("elems:") :] if declared.startswith("elems:") else ""
        if element:
            scope.local_types[name] = "param:" + element
        elif scope.local_types.get(name, "").startswith("param:"):
            del scope.local_types[name]

    def changed_through(self, target: ast.expr, method: bool = False) -> None:
        """`target` (an attribute or item of something; `method`: a method called on it) is set, deleted or has a
        mutating method called: the name at its root may be an imported module-level object that changes
        (`FileSummary.changed_imports`). Whether the change goes through an attribute of that name is kept too:
        only such a change reaches a module imported whole (`units.FACTORS[k] = v`, not `unittest.main()`)."""
        node = target.value if method and isinstance(target, ast.Attribute) else target
        changed = node
        while type(changed) is ast.Subscript:
            changed = changed.value
        if type(changed) is ast.Attribute:  # `x.OPS[k] = f`, `x.OPS = {…}`, `x.OPS.update(…)`: OPS, whatever x is
            self.changed_attrs.add(changed.attr)
        elif type(changed) is ast.Call and dotted_name(changed.func) == "vars":
            self.changed_attrs.add("*")  # `vars(obj)[name] = v`: any attribute
        through_attribute = False
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            through_attribute = through_attribute or isinstance(node, ast.Attribute)
            node = node.value
        if isinstance(node, ast.Name):
            roots = self.changed_roots
            roots[node.id] = roots.get(node.id, False) or through_attribute

    def method_changes(self, func: ast.Attribute) -> None:
        """`x.m(…)`: the extraction's rule for a change of a module-level `x` (`rules.method_changes_receiver`):
        in a function only a known mutating method counts, in code that runs at import any method not known
        to only read."""
        scope: Scope | None = self.scope
        in_function = False
        while scope is not None:
            if scope.kind == "function" and not scope.transparent:
                in_function = True
                break
            scope = scope.parent
        if rules.method_changes_receiver(func.attr, unknown_changes=not in_function):
            self.changed_through(func, method=True)

    def annotation_changes(self, annotation: ast.expr | None) -> None:
        """Annotations are not walked (they hold types), but a call in one runs where it stands, as the
        extraction's `ChangedNames` counts it: `def f(x: units.register())` may change `units`."""
        if annotation is None:
            return
        for node in ast.walk(annotation):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                self.method_changes(node.func)

    def signature_changes(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """`annotation_changes` for every annotation of a `def` (its parameters' and its return's)."""
        a = fn.args
        for arg in (*a.posonlyargs, *a.args, a.vararg, *a.kwonlyargs, a.kwarg):
            if arg is not None:
                self.annotation_changes(arg.annotation)
        self.annotation_changes(fn.returns)

    def partial_held(self, value: ast.expr, vtype: str | None) -> str | None:
        """`self.x = partial(normalize, ignore=ignore)`: "p:normalize", calling `self.x(…)` a call of that module-level
        or imported function (`Solver._stored_callable`), else None (not a function that changes its argument)."""
        if vtype != "functools.partial" or not isinstance(value, ast.Call) or not value.args:
            return None
        root, attrs = attr_chain(value.args[0])
        if type(root) is not ast.Name or self.resolve(root.id)[0] != "global" or self.changer(root.id, attrs):
            return None
        return "p:" + ".".join([root.id, *attrs])

    @staticmethod
    def bound_method(value: ast.expr, self_name: str) -> str | None:
        """`self.x = self.m`: "m:m", what calling `self.x(…)` runs (`Solver._stored_callable`), else None."""
        if type(value) is ast.Attribute and type(value.value) is ast.Name and value.value.id == self_name:
            return "m:" + value.attr
        return None

    def match_bound(self, name: str, value: ast.expr, element: bool) -> None:
        """`name` is bound to `value` (`element`: to each element of it): whether it is still only ever a regex match,
        whose `start()`, `end()` and `span()` read positions whatever the name (`holds_match`)."""
        func = value.func if type(value) is ast.Call else None
        made = type(func) is ast.Attribute and func.attr in (_ITERATING_MATCHES if element else _MAKING_A_MATCH)
        matches = self.scope.matches
        matches[name] = matches.get(name, True) and made

    def holds_match(self, name: str) -> bool:
        """Whether every binding of the local `name` so far is a regex match (`match_bound`)."""
        return self.scope.matches.get(name, False)

    def annotated_parameter(self, value: ast.expr) -> str | None:
        """`self.kind = kind` where the method's parameter is `kind: Kind`: "param:Kind", the caller's object of that
        class (`resolve_attribute_calls` judges `self.kind.m()` as the parameter's `kind.m()`), else None."""
        if type(value) is not ast.Name:
            return None
        owner = self.resolve(value.id)[1]
        declared = owner.local_types.get(value.id, "") if owner is not None else ""
        return declared if declared.startswith("param:") else None

    def self_attribute_bound(self, target: ast.expr, vtype: str | None) -> None:
        """`self.x` is bound (stored, augmented, unpacked into) in a method: to a call of `vtype`, to a method of self
        ("m:name"), to a parameter annotated with a class ("param:Kind"), or to something else (None). A class whose
        every binding of `x` is one type's call (or one annotated parameter) gives `self.x` that type in all its
        methods (`resolve_attribute_calls`); what calling `self.x(…)` runs is kept for the solve
        (`ClassSummary.callables`)."""
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
            return
        owner = self.resolve(target.value.id)[1]
        if owner is None or owner.self_name != target.value.id or not owner.class_qualname:
            return
        if vtype is not None and (vtype in rules.RETURNS_ARGUMENT or vtype.startswith("partial:")):
            vtype = None
        bound = self.attr_bindings.setdefault(owner.class_qualname, {})
        bound[target.attr] = _another_binding(bound.get(target.attr, vtype), vtype)
        if owner.is_init:
            self.init_bound.setdefault(owner.class_qualname, set()).add(target.attr)

    def plain_field_bound(self, qualname: str, attr: str, value: ast.expr | None) -> None:
        """`self.x = value` in a method of `qualname`: whether `x` is still only ever a new plain container or a
        constant (`{}`, `[]`, `dict()`, `OrderedDict()`, `0`; None for a value unpacked or iterated: unknown)."""
        fields = self.plain_fields.setdefault(qualname, {})
        fields[attr] = fields.get(attr, True) and value is not None and self.plain_value(value)

    def field_filled(self, container: ast.expr, values: Iterable[ast.expr]) -> None:
        """`self.x[k] = v`, `self.x.update(…)`, `self.x.setdefault(k, v)`: a dict of the class's now holds `v`. A named
        object there (a widget, a parameter's, what a call returned) makes what is read back out of it
        (`self.x.get(k)`) no longer the class's own data (`plain_fields`): a dict's values are not linked to the
        field, as a list's elements are (`contains`); computed values (`str(i)`) keep it so."""
        if type(container) is not ast.Attribute or type(container.value) is not ast.Name:
            return
        owner = self.key_for(container.value.id)
        if not owner or not owner.startswith("s:"):
            return
        held = [v for value in values for v in (value.values if type(value) is ast.Dict else [value])]
        if self.names_an_object(held):
            self.plain_fields.setdefault(owner[2:], {})[container.attr] = False

    def names_an_object(self, values: Iterable[ast.expr | None]) -> bool:
        """Whether one of `values` is a named object (a widget, a parameter's, what a call returned), not a value
        computed here: what a plain container of the class's may not hold (`plain_value`, `field_filled`)."""
        return any(v is not None and self.value_keys(v) for v in values)

    def plain_value(self, value: ast.expr) -> bool:
        """A new plain container or a constant, whose methods are the builtin type's (not None: a field only ever None
        here is given its object elsewhere, by a subclass or a caller, as thonny's `copypaste`). What a list, tuple
        or set holds is linked to the field (a widget in it makes the field UI); a dict's values are not (iterating
        it gives its keys), so a dict holding a named object (a widget, a parameter's) is not plain."""
        kind = type(value)
        if kind is ast.Constant:
            return value.value is not None  # type: ignore[attr-defined]  # `self.copypaste = None`: filled elsewhere
        if kind in _LINKED_DISPLAYS:
            return True
        if kind is ast.Dict:
            return not self.names_an_object(value.values)  # type: ignore[attr-defined]
        if kind is ast.DictComp:
            return not self.names_an_object([value.value])  # type: ignore[attr-defined]
        if kind is not ast.Call:
            return False
        func = value.func  # type: ignore[attr-defined]
        built = (type(func) is ast.Name and func.id in _PLAIN_BUILTINS and self.resolve(func.id)[0] == "builtin") or (
            self.value_type(value) in _PLAIN_LIBRARY_TYPES
        )
        arguments = [*value.args, *(kw.value for kw in value.keywords)]  # type: ignore[attr-defined]
        return built and not self.names_an_object(arguments)

    def changer(self, root: str, attrs: list[str]) -> str | None:
        """The dotted name of `root.attrs` when it changes an argument in place: `Expressions.changer` decides."""
        raise NotImplementedError

    def implicit_call(self, value: ast.expr, dunder: str, lineno: int) -> None:
        """What `x[k] = v` runs on a typed `x` (`__setitem__`): `Expressions.implicit_call` judges it."""
        raise NotImplementedError

    def class_field(self, qualname: str | None, name: str) -> None:
        """An attribute the class binds itself: reading it is the class's data, not something a toolkit provides."""
        cls = self.summary.classes.get(qualname) if qualname else None
        if cls is not None and name not in cls.fields:
            cls.fields.append(name)

    def class_alias(self, qualname: str | None, name: str, value: ast.expr) -> None:
        """`__radd__ = __add__` or `match = Base._match_rk` in a class body: the name is that method
        (`ClassSummary.aliases`); anything else bound there is a value of its own."""
        cls = self.summary.classes.get(qualname) if qualname else None
        dotted = dotted_name(value) if type(value) in (ast.Name, ast.Attribute) else None
        if cls is not None and dotted is not None:
            cls.aliases[name] = dotted
        elif cls is not None:
            cls.aliases.pop(name, None)  # bound again to something else

    def remember_string(self, name: str, value: ast.expr) -> None:
        """A module-level name bound to a string the source fixes: a dynamic import may be built from it."""
        candidates = dynamic.fold(value, self.str_consts)
        if candidates == [dynamic.UNKNOWN] and name not in self.str_consts:
            return
        known = self.str_consts.setdefault(name, [])
        known.extend(c for c in candidates if c not in known)

    def remember_self_attr(self, target: ast.expr, value: ast.expr, vtype: str | None) -> None:
        """Within one method, `self.x = []` makes later `self.x.append(…)` a change of a fresh object."""
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
            return
        owner = self.resolve(target.value.id)[1]
        if owner is None or owner.self_name != target.value.id:
            return
        origin = self.origin(value)
        fn = owner.summary
        if owner.class_qualname:
            self.foreign_field(owner, target.attr, value, origin)
        if owner.is_init and fn is not None:
            for held in sorted((target.attr, o[len("param:") :]) for o in origin if o.startswith("param:")):
                if held not in fn.held_params:
                    fn.held_params.append(held)
        typed = f"{target.value.id}.{target.attr}"  # `self.h = Holder(items)`: what `self.h.add(…)` runs, below
        found = self.result_sources(value)
        if owner is self.scope and self.scope.depth == 0:
            owner.self_attrs[target.attr] = origin
            if found:
                owner.self_result_of[target.attr] = found
            else:
                owner.self_result_of.pop(target.attr, None)
            if vtype and vtype not in rules.RETURNS_ARGUMENT:  # `cast(T, x)` is x, not a T built here
                owner.local_types[typed] = vtype
            else:
                owner.local_types.pop(typed, None)
        else:
            owner.self_attrs[target.attr] = owner.self_attrs.get(target.attr, {"self"}) | origin
            owner.local_types[typed] = ""  # assigned in a branch: its type is not known any more
            if found and owner is self.scope:
                owner.self_result_of.setdefault(target.attr, []).extend(found)

    def foreign_field(self, owner: Scope, attr: str, value: ast.expr, origin: set[str]) -> None:
        """`self.<attr>` bound to an object that is not the instance's own: a module-level one (`self.cache = CACHE`,
        `self.store = store` of `store=LOOKUP`) or an attribute of the class (`self.d = self.shared`). Changing
        what it holds, in any method, changes that (`shared_attribute_changes`), on a new instance too."""
        found: set[tuple[str, str]] = set()
        for o in origin:
            kind, _, name = o.partition(":")
            if kind == "global":
                held = value
                while type(held) is ast.Subscript:
                    held = held.value  # `TNavigator.START_ORIENTATION[mode]`
                root, attrs = attr_chain(held) if type(held) is ast.Attribute else (held, [])
                dotted = f"{name}.{attrs[0]}" if type(root) is ast.Name and root.id == name and attrs else name
                found.add(("global", dotted))  # `self.out = sys.stdout`: what of `sys` it holds
            elif kind == "param" and name in owner.global_defaults:
                found.add(owner.global_defaults[name])
        if type(value) is ast.Attribute and type(value.value) is ast.Name and value.value.id == owner.self_name:
            found.add(("class", value.attr))  # a class attribute when the class body binds it to a mutable object
        if found and owner.class_qualname:
            self.foreign_fields.setdefault(owner.class_qualname, {}).setdefault(attr, set()).update(found)

    def attribute_written(self, target: ast.expr, lineno: int) -> None:
        """`Conf.debug = True`, `lib.helper = f`: that attribute of a module-level object is state now.
        `obj.x = v` on an object of a project class runs a property setter when there is one."""
        if not isinstance(target, ast.Attribute) or not self.scope.runs_in_function:
            return
        root, attrs = attr_chain(target.value)
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

    def class_state_written(self, owner: Scope, attr: str, lineno: int) -> None:
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
            self.call_site(kind, *member_path(vtype[2:], attr), lineno, fresh=True)

    def attr_store(self, target: ast.expr, keys: set[str]) -> None:
        """`self.x = <UI thing>` makes `self.x` UI in every method of the class."""
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            key = self.key_for(target.value.id)
            if key and key.startswith("s:"):
                self.derive(f"a:{key[2:]}:{target.attr}", keys)
            elif key and key.startswith("g:"):
                self.derive(key, keys)

    def contains(self, container: ast.expr, keys: Iterable[str]) -> None:
        """`container` now holds the objects `keys` are (`self._lists.append(lb)`): what is taken out of it (`for li
        in self._lists:`) is what was put in, a widget when a widget was. Values computed from a widget
        (`xs.append(spin.value())`) are not kept: a number read off a widget is no widget. Only lists, sets and
        deques: iterating a dict (`d[k] = label`, `d.update(…)`) gives its keys, which are not what it holds."""
        if type(container) is ast.Name:
            key = self.key_for(container.id)
        elif type(container) is ast.Attribute and type(container.value) is ast.Name:
            owner = self.key_for(container.value.id)
            key = f"a:{owner[2:]}:{container.attr}" if owner and owner.startswith("s:") else None
        else:
            return
        if key is not None and not key.startswith("s:"):
            self.link(key, keys)

    def store_name(
        self,
        name: str,
        origin: set[str],
        keys: set[str],
        lineno: int,
        value: ast.expr | None = None,
        table: str | None = None,
    ) -> None:
        scope = self.scope
        key = self.key_for(name)
        if key:
            self.derive(key, keys)
            kit = self.dynamic_kits.get(id(value)) if value is not None else None
            if kit:
                self.derive(key, [f"ui:{kit}"])  # QtWidgets = importlib.import_module(API + ".QtWidgets")
                self.ref(key)
        if scope.kind == "module" and value is not None:
            self.remember_string(name, value)
        if scope.transparent and name in scope.locals:
            if table is not None or (scope.local_tables and name in scope.local_tables):
                self.table_binding(scope, name, None, name in scope.origins, table)  # `[c for c in CHECKS if c(x)]`
            scope.origins.setdefault(name, set()).update(origin)
            return
        if scope.kind == "module":
            self.bind_module_name(name, value, lineno)
            return
        if scope.kind == "class":
            self.class_field(scope.class_qualname, name)
            if value is not None:
                self.class_alias(scope.class_qualname, name, value)
            if scope.class_qualname:
                self.class_table(scope, scope.class_qualname, name, value)
            return
        self.rebind_check(name, lineno)
        where, owner = self.resolve(name)
        if where == "local" and owner is scope:
            self.items_bound(scope, name, value)
            self.table_binding(scope, name, value, name in scope.origins, table)
            if scope.depth == 0:
                scope.origins[name] = set(origin)  # straight-line code: the new value replaces the old
            else:
                scope.origins.setdefault(name, set(self.origin_of_name(name))).update(origin)
            if value is not None:
                self.local_value_type(scope, name, value, lineno)
            else:
                scope.local_types[name] = ""  # `for obj in others:`: bound to what has no type (`element_typed`)
        elif owner is not None and owner.kind == "function":
            # `(fn := …)` in a comprehension, `nonlocal fn` in a nested function: the function's own name, bound again
            self.not_a_table(owner, name)

    def local_value_type(self, scope: Scope, name: str, value: ast.expr, lineno: int = 0) -> None:
        """What a local's new value says of its type, for the calls and methods on it later in the function."""
        vtype = self.value_type(value) or self.table_result(value)
        if vtype in rules.RETURNS_ARGUMENT:
            vtype = None  # `cast(T, x)` is x, not a T built here
        elif vtype == "functools.partial" and isinstance(value, ast.Call) and value.args:  # not a `partial` of ours
            vtype = "partial:" + (dotted_name(value.args[0]) or "?")
        prior = scope.local_types.get(name)
        unsure = scope.depth > scope.joined_depth  # in a `try` body: what it held may still be there
        if vtype and (not unsure or prior is None or interchangeable_types(prior, vtype)):
            scope.local_types[name] = vtype
        elif type(value) is ast.Constant and value.value is None:
            pass  # any method of None raises: the type stays what it was (`if done: obj = None`), or none yet, which a
            # branch may give (`obj = None`, then `if c: obj = Saver()`)
        else:
            # "": bound to what has no type, or in a `try` (or a `with`, a `match`) to another type than before (either
            # may be there now). Otherwise the new value replaces the type (a parameter's annotation says nothing of it
            # either); an `if` joins its branches after it, a loop its rounds (`Statements.s_If`, `loop_types`).
            scope.local_types[name] = ""
        if isinstance(value, ast.Name) and value.id in scope.local_defs:
            scope.local_defs[name] = scope.local_defs[value.id]
        elif type(value) is ast.Lambda:  # `g = lambda x: 2 * x` … `g(3)`: a call of that lambda
            scope.local_defs[name] = lambda_id(scope.qualprefix, value)
        if type(value) in _MAYBE_CALLABLE_VALUES:
            self.local_callable(scope, name, value, lineno)
            if type(value) is ast.Attribute and type(value.value) is ast.Name:
                self.local_bound_method(scope, name, value.value.id, value.attr)

    def local_bound_method(self, scope: Scope, name: str, obj: str, attr: str) -> None:
        """`seen_add = seen.add`, `append = out.append`: a method of another local of this function
        (`Scope.bound_methods`), each call of which is judged as `seen.add(…)` would be (local work on a set the
        function built, a change of a parameter's list…). Both names must keep the binding the walk saw
        (`Statements.check_resolved_calls`, which flags a call when either is bound again): the method belongs to the
        object the local held then. A module's function (`push = heapq.heappush`) is `local_callable`'s."""
        if self.resolve(obj) == ("local", scope):
            if scope.bound_methods is None:
                scope.bound_methods = {}
            scope.bound_methods[name] = (obj, attr)

    def local_callable(self, scope: Scope, name: str, value: ast.expr, lineno: int) -> None:
        """`show = print`, `kv = tuple.__hash__`, `join = os.path.join`, `conv = int if wide else float`, `match =
        re.compile(p).match`, `fmt = {"$": str, "@": _seq}[kind]`: a local holding a builtin, a module-level name, an
        imported module's function, a lambda or a method of what a call built (not a changing one), called later as
        that callable (`Scope.local_callables`). Not a builtin the walk reads its arguments for (`setattr`, `next`…),
        a function changing an argument (`push = heapq.heappush`: the walk must see what it is handed), nor a method
        of a module-level object (`add = SEEN.add`: a change of that object)."""
        branches = _callable_branches(value)
        if branches and (
            branches[0] is not value
            or type(value) is ast.Name
            or type(value) is ast.Attribute
            or self.own_class(value) is not None
        ):
            self.hold_callables(scope, name, branches, lineno)

    def loop_callables(self, target: ast.expr, value: ast.Tuple | ast.List | ast.Set) -> None:
        """`for conv in _number, _timer:` or `for name, conv in (("n", _number), ("t", _timer)):` over a literal:
        the loop variable holds each callable the literal names, in turn (`local_callable`); any element that is
        not one leaves the variable unknown. Rows are tuples or lists of one width (a set's order is not known)."""
        columns: list[tuple[ast.expr, list[ast.expr]]]
        if isinstance(target, ast.Name):
            columns = [(target, value.elts)]
        elif isinstance(target, (ast.Tuple, ast.List)):  # `for a, b in ((x, f), (y, g))`: a column of the rows each
            rows = [row.elts for row in value.elts if isinstance(row, (ast.Tuple, ast.List))]
            if len(rows) != len(value.elts) or any(len(row) != len(target.elts) for row in rows):
                return
            columns = [(name, [row[i] for row in rows]) for i, name in enumerate(target.elts)]
        else:
            return
        for name, elements in columns:
            if type(name) is ast.Name:
                self.hold_callables(self.scope, name.id, elements, name.lineno)

    def hold_callables(self, scope: Scope, name: str, values: Iterable[ast.expr], lineno: int) -> None:
        """`Scope.local_callables`: `name` may hold any of the callables `values` name, or nothing is known of it."""
        found: list[tuple[str, str]] = []
        for branch in values:
            held = self.callable_held(branch)
            if held is None:
                return
            found.append(held)
        if found:  # what another binding of the name leaves it holding: `Statements.check_resolved_calls`
            if scope.local_callables is None:
                scope.local_callables = {}
            known = scope.local_callables.get(name)
            if scope.depth and known:  # in a branch: what it held before may still be there (`if c: f = a.x …`)
                found += [k for k in known if k not in found]
            scope.local_callables[name] = found
            scope.callable_lines.setdefault(name, set()).add(lineno)

    def literal_choice(self, value: ast.expr) -> list[tuple[str, str]] | None:
        """The callables `{"$": str, "@": _seq}[kind]`, `{…}.get(k, repr)` or `(abs, neg)[i]` may be (as
        `callable_held` names them), or None: not such a choice, or an entry that is no known callable."""
        branches = _callable_branches(value)
        if branches and branches[0] is value:
            return None
        found = [held for branch in branches if (held := self.callable_held(branch)) is not None]
        return found if found and len(found) == len(branches) else None

    def own_class(self, func: ast.expr) -> str | None:
        """The class `type(self)` / `self.__class__` stands for in a method (called: a new object of it, as
        `cls(…)` builds one in a class method), or None."""
        if type(func) is ast.Call and type(func.func) is ast.Name and func.func.id == "type" and len(func.args) == 1:
            inner = func.args[0]
            if func.keywords or self.resolve("type")[0] != "builtin":
                return None
        elif type(func) is ast.Attribute and func.attr == "__class__":
            inner = func.value
        else:
            return None
        if type(inner) is not ast.Name:
            return None
        owner = self.resolve(inner.id)[1]
        if owner is None or owner.self_name != inner.id or not owner.class_qualname:
            return None
        return owner.class_qualname

    def callable_held(self, value: ast.expr) -> tuple[str, str] | None:
        """(name, attribute path) of the callable `value` names for `local_callable` (`"@" + type` for a method of what
        a call built, `"<lambda>"` and its id for a lambda, `"<class>"` and its qualname for self's class), or None."""
        if type(value) is ast.Lambda:
            return "<lambda>", lambda_id(self.scope.qualprefix, value)
        if (own := self.own_class(value)) is not None:
            return "<class>", own  # `type_self = type(self)`, `cls = self.__class__`: self's class, called to build one
        if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Call):
            built = self.value_type(value.value)
            return None if built is None or value.attr in rules.MUTATING_METHODS else ("@" + built, value.attr)
        if not isinstance(value, (ast.Name, ast.Attribute)):
            return None
        root, attrs = attr_chain(value)
        if type(root) is not ast.Name or root.id in _ARGUMENT_READING_BUILTINS or self.changer(root.id, attrs):
            return None
        where = self.resolve(root.id)[0]
        if where == "builtin" or (where == "global" and (not attrs or self.import_binding(root.id))):
            return root.id, ".".join(attrs)
        return None

    def table_binding(
        self, scope: Scope, name: str, value: ast.expr | None, bound_before: bool, looped: str | None = None
    ) -> None:
        """`fn = OPS.get(op)` … `fn(a, b)`, or `for fn in OPS:` (`looped`, `entries_looped`): a local every binding of
        which, in the whole function, takes an entry of one module-level table (`Scope.local_tables`). Any other
        binding (`fn = Fallback`, a loop over anything else, a parameter of that name) rules it out for good,
        whichever comes first (`Scope.not_tables`); most locals are never a table's, and cost only the test of their
        value."""
        table = looped or (self.table_item(value) if value is not None else None)
        known = scope.local_tables
        if table is None:
            if known and name in known:
                self.not_a_table(scope, name)
            return
        if (
            name in scope.params
            or (bound_before and not (known and known.get(name) == table))
            or (scope.not_tables is not None and name in scope.not_tables)
        ):
            self.not_a_table(scope, name)
            return
        if known is None:
            known = scope.local_tables = {}
        known[name] = table

    @staticmethod
    def not_a_table(scope: Scope, name: str) -> None:
        if scope.not_tables is None:
            scope.not_tables = set()
        scope.not_tables.add(name)
        if scope.local_tables:
            scope.local_tables.pop(name, None)

    def bind_module_name(self, name: str, value: ast.expr | None, lineno: int) -> None:
        """A module-level assignment: its binding, and whether it writes a dispatch table (`FileSummary.tables`)."""
        self.bind_name(name, self.value_binding(value, lineno))
        entries = _dispatch_entries(value)
        if entries is not None and not self.other_platform and not self.type_checking:
            self.summary.tables[name] = entries
            if type(value) is ast.Dict:  # (bound again to another table: two bindings, no table for the solve)
                self.summary.keyed_tables.append(name)
        else:
            self.summary.tables.pop(name, None)  # bound again to something else: no table

    def used_at_import(self, name: str) -> None:
        """A module-level name read by code that runs at import (changed, handed over, aliased…): a table it names is
        no longer known to hold what it was written with."""
        self.summary.tables.pop(name, None)

    def class_table(self, scope: Scope, qualname: str, name: str, value: ast.expr | None) -> None:
        """`OPS = {"+": operator.add, "neg": lambda x: -x}` in a class body: a dispatch table of the class, unless the
        body binds the name twice, an entry names something the class body binds (a function there is no method
        when taken out of a dict)."""
        tables = self.class_tables.setdefault(qualname, {})
        entries = _dispatch_entries(value, scope.qualprefix) if name not in tables else None
        if entries is not None and any("<lambda>@" not in e and e.split(".")[0] in scope.locals for e in entries):
            entries = None
        tables[name] = entries

    def table_result(self, value: ast.expr) -> str | None:
        """ "t:" and the table (as `Scope.local_tables` holds it) for what a call of a module-level table's entry
        returns: `KINDS[i](data)`, `OPS.get(k)(x)`, `cls(data)` with `for cls in KINDS:`. A method of it is a method of
        what each entry returns (`Expressions.call_on_typed`, `Solver._table_entries`); None for any other value."""
        if type(value) is not ast.Call:
            return None
        func = value.func
        if type(func) is ast.Name:
            where, owner = self.resolve(func.id)
            if where == "local" and owner is not None and owner.local_tables and func.id in owner.local_tables:
                return "t:" + owner.local_tables[func.id]
            return None
        table = self.table_item(func)
        return None if table is None or table.startswith("@") else "t:" + table

    def entries_looped(self, value: ast.expr, method: str = "values") -> str | None:
        """The module-level table whose entries a loop over `value` takes one by one, as `Scope.local_tables` holds
        it: `CHECKS.values()`, or with `method="items"` `CHECKS.items()` (whose second part is the entry), is
        "CHECKS"; a loop over `CHECKS` itself "in:CHECKS", its elements, which for a dict are its keys
        (`FileSummary.keyed_tables`). The solve decides whether the name is a dispatch table nothing changes
        (`Solver._table_call`); None for any other value."""
        prefix = ""
        if type(value) is ast.Call:
            func = value.func
            if type(func) is not ast.Attribute or func.attr != method:  # (`.values(x)` of a display raises)
                return None
            value = func.value
        elif method == "values":
            prefix = "in:"
        else:
            return None
        if type(value) is ast.Name and self.resolve(value.id)[0] == "global":
            return prefix + value.id
        return None

    def table_item(self, node: ast.expr) -> str | None:
        """The module-level name `node` takes an entry of: `OPS[op]`, `OPS.get(op)` (no default: a default may be
        another callable), where `OPS` is a global name; the solve decides whether it is a dispatch table
        (`FileSummary.tables`, `Solver._table_call`)."""
        if type(node) is ast.Subscript:
            table = node.value
        elif (
            type(node) is ast.Call
            and type(node.func) is ast.Attribute
            and node.func.attr == "get"
            and len(node.args) == 1
            and not node.keywords
        ):
            table = node.func.value
        else:
            return None
        if type(table) is ast.Attribute and type(table.value) is ast.Name:  # `self.OPS[op]`: the class's own table
            owner = self.resolve(table.value.id)[1]
            if owner is not None and owner.self_name == table.value.id and owner.class_qualname:
                return f"@{owner.class_qualname}.{table.attr}"
            return None
        if type(table) is not ast.Name or self.resolve(table.id)[0] != "global":
            return None
        return table.id

    def value_binding(self, value: ast.expr | None, lineno: int) -> Binding:
        if value is None:
            return Binding(kind="value", target="", lineno=lineno, origin="other")
        if isinstance(value, ast.Lambda):
            return Binding(kind="value", target=lambda_id("", value), lineno=lineno, origin="lambda")
        if isinstance(value, ast.Call):
            if value.args and self.value_type(value) == "functools.partial":  # not a project function named so
                root, attrs = attr_chain(value.args[0])
                if isinstance(root, ast.Name):
                    return Binding(kind="value", target=root.id, attr=".".join(attrs), lineno=lineno, origin="partial")
            root, attrs = attr_chain(value.func)
            if isinstance(root, ast.Name):
                return Binding(kind="value", target=root.id, attr=".".join(attrs), lineno=lineno, origin="call")
        root, attrs = attr_chain(value)
        if isinstance(root, ast.Name) and not isinstance(value, ast.Subscript):
            return Binding(kind="value", target=root.id, attr=".".join(attrs), lineno=lineno, origin="alias")
        if immutable_literal(value):  # None, a number, a string, a tuple of them: nothing can change it
            return Binding(kind="value", target="", lineno=lineno, origin="constant")
        return Binding(kind="value", target="", lineno=lineno, origin="other")

    def enclosed_change(self, name: str, mutation: bool) -> None:
        """A nested function changing a variable of the function it is defined in: recorded on that function's scope,
        which decides once its body is walked whether the variable is its own state (`encloser_changes`)."""
        scope = self.scope
        while scope.transparent and scope.parent is not None:
            scope = scope.parent
        owner = self.resolve(name)[1]
        if scope.summary is None or owner is None or scope.parent is not owner or owner.kind != "function":
            return  # a variable of a function further out: the function it is defined in does not own it
        if owner.enclosed_changes is None:
            owner.enclosed_changes = []
        owner.enclosed_changes.append((scope.summary, name, mutation))

    def rebind_check(self, name: str, lineno: int) -> None:
        scope = self.scope
        if not scope.runs_in_function:
            return
        if name in scope.globals_decl:
            self.reason("global_write", lineno, f"rebinds global {name}")
            self.summary.mutated.append((name, "", lineno))
            if name not in self.module_names and name not in self.summary.bindings:
                # bound only through `global` (`global _chance; _chance = m`): a module-level name all the same,
                # whose readers read module state
                self.summary.bindings[name] = [Binding(kind="value", target="", lineno=lineno, origin="other")]
        elif name in scope.nonlocals_decl:
            self.reason("global_write", lineno, enclosing_write_reason(name))
            self.enclosed_change(name, False)

    def store_starred(
        self, target: ast.Starred, value: ast.expr, keys: set[str], elements: bool, unpacked: bool
    ) -> None:
        """`first, *rest = items` (or `for a, *rest in rows`): rest is a new list of items' elements, so
        `rest.append(x)` changes nothing of the caller's, and `rest[0].x = 1` does."""
        if elements and type(target.value) is ast.Name:
            name = target.value.id
            # not `bind_results`: rest is no part of what a call returned, its elements are (the origins say so)
            self.store_name(name, shallow(self.element_origin(value)), keys, target.lineno)
            self.global_alias(name, value)
            return
        self.store(target.value, value, keys, elements=elements, unpacked=unpacked)

    def global_alias(self, name: str, value: ast.expr) -> None:
        """`name = value` or `for name in value` in a function: whether `name` is now (a part of) an attribute of a
        module-level object (`t = units.TABLE`, `for t in units.TABLE`: `Scope.global_aliases`). A change through
        `t` then changes `units.TABLE`, as `units.TABLE.append(x)` does, not the object `units` itself: a module,
        whose own changes no reader of its names sees."""
        scope = self.scope
        if not scope.runs_in_function or self.resolve(name) != ("local", scope):
            return
        found = self.global_roots(value)
        if found and scope.depth == 0:
            scope.global_aliases[name] = found
        elif found:
            scope.global_aliases.setdefault(name, set()).update(found)
        elif scope.depth == 0:
            scope.global_aliases.pop(name, None)

    def global_roots(self, value: ast.expr) -> set[tuple[str, str]]:
        """The (module-level name, its attribute or "") `value` is reached from (`Scope.global_aliases`): through
        attributes and items of a global (`units.TABLE[0]`), or of a local naming one (`node = node.next`)."""
        if type(value) is ast.IfExp:
            return self.global_roots(value.body) | self.global_roots(value.orelse)
        if type(value) is ast.BoolOp:
            return {root for part in value.values for root in self.global_roots(part)}
        if type(value) is ast.NamedExpr:
            return self.global_roots(value.value)
        node, first = value, value
        while type(node) is ast.Attribute or type(node) is ast.Subscript:
            first, node = node, node.value
        if type(node) is not ast.Name:
            return set()
        where, owner = self.resolve(node.id)
        if where == "global":
            return {(node.id, first.attr if type(first) is ast.Attribute else "")}
        aliases = owner.global_aliases.get(node.id) if where == "local" and owner is not None else None
        return set(aliases) if aliases else set()

    def filled(self, container: ast.expr, held: set[str], stored: ast.expr) -> None:
        """`container` now holds objects of these origins (`kept.append(t)`, `by_id[t.id] = t`, `rec.item = t`): a
        new container a local name holds gains them, one `shallow:` per level below the name, so that a change of
        an item of it (`by_id[k].x = 1`, `for k in kept: k.done = True`) is a change of those objects. `stored`: the
        store's target (`d["k"]`), whose item `Scope.items` records by its constant key, or the container itself for a
        method (`d.update(…)` may replace any item; `append` on a list, which has no such records, too)."""
        if not self.scope.runs_in_function:
            return
        depth = 1
        node = container
        first = stored  # the item of the name itself the change is in
        while type(node) is not ast.Name:
            first = node
            if type(node) is ast.Subscript or type(node) is ast.Attribute:
                node = node.value
            elif type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr in ALIASING_METHODS:
                node = node.func.value  # `groups.setdefault(k, []).append(t)`: a part of groups
            else:
                return
            depth += 1
        name = node.id
        where, owner = self.resolve(name)
        if where != "local" or owner is None or owner.kind != "function" or name not in owner.origins:
            return  # a parameter, self, state: changing what it holds is already that object's change
        key = item_key(first)
        attribute = key is not None and type(first) is ast.Attribute
        if depth == 1:
            self.item_stored(owner, name, key, held)
        elif key is not None and (key in owner.items or attribute):
            below = owner.items.get(key)
            if below is None:
                below = owner.items[key] = set(part_of(owner.origins[name]))  # a copy: it may be the same set
            below.update("shallow:" * (depth - 1) + o for o in held if o != "fresh")
        if attribute:
            return  # an attribute's object is reached by its name, which `Scope.items` answers now
        if not held <= {"fresh"}:
            owner.origins[name].update("shallow:" * depth + o for o in held if o != "fresh")

    def items_bound(self, scope: Scope, name: str, value: ast.expr | None) -> None:
        """`name = value` (before `name`'s origins take it): what `Scope.items` knows of the items of `name`'s new
        object. `{}`, `[]` and a dict display of constant keys hold nothing else; in a branch or a loop the old
        object's records stay (it may still be the one), and every item is known only when both objects are. And
        whether `name` is now an attribute of self (`reg = self.registry`: `Scope.self_aliases`)."""
        if type(value) is ast.Attribute and type(value.value) is ast.Name and value.value.id == scope.self_name:
            scope.self_aliases[name] = value.attr
        elif scope.depth == 0:
            scope.self_aliases.pop(name, None)
        if scope.depth == 0:
            forget_items(scope, name)
        complete = type(value) is ast.Dict or (type(value) is ast.List and not value.elts)
        if complete and type(value) is ast.Dict:
            for key, item in zip(value.keys, value.values, strict=True):
                stored = constant_item_key(name, key.value) if type(key) is ast.Constant else None
                if stored is None:
                    complete = False
                    break
                scope.items[stored] = (
                    scope.items.get(stored, set()) | self.origin(item) if scope.depth else self.origin(item)
                )
        if complete and (scope.depth == 0 or name in scope.complete or name not in scope.origins):
            scope.complete.add(name)
        else:
            scope.complete.discard(name)

    def item_stored(self, owner: Scope, name: str, key: str | None, held: set[str]) -> None:
        """`name[key] = …` (a constant key, or `name.attr = …`) holds `held` now; another store (`d[k] = …`,
        `d.update(…)`) may replace any item, so none is known then."""
        if key is None:
            owner.complete.discard(name)
            forget_items(owner, name)
        elif self.scope.depth == 0 or (key not in owner.items and name in owner.complete):
            owner.items[key] = set(held)  # straight-line code, or nothing was there before: the new value
        else:
            before = owner.items.get(key)
            owner.items[key] = (set(before) if before is not None else part_of(owner.origins[name])) | held

    def mutate(self, obj: ast.expr, lineno: int, what: str) -> None:
        """Record the effect of mutating `obj` (the object whose attribute/item/state changes)."""
        if not self.scope.runs_in_function:
            return
        for origin in sorted(self.origin(obj)):
            self.mutation_effect(origin, obj, lineno, what)
        self.result_mutated(obj, lineno, what)

    # ------------------------------------------------------------------ results of project calls
    # What a project function returns may be its caller's own data (`def first(xs): return xs[0]`, `def items(
    # self): return self._items`): changing it changes that. The walk cannot see the callee (another file, later
    # in this one); it records each change of a call's result with the call's receiver and arguments, and the
    # solve judges it by the callee's `return_origins` (`Solver._result_mutations`).

    def result_record(self, node: ast.Call) -> tuple[str, str, str] | None:
        """(`c:` key, receiver's origins, arguments' origins) of a call of a project function, or None."""
        key = self.call_results.get(id(node))
        if not key or key.startswith("c:class:"):
            return None  # not a project call, or `cls(…)`: a new object
        receiver = "self" if key.startswith(("c:self:", "c:super:")) else ""
        return key, receiver, self.argument_origins(node)

    def argument_origins(self, node: ast.Call) -> str:
        """What each argument of a call may be: "0=param:x|global:g;name=;*" (a starred argument ends it with "*")."""
        parts = []
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                parts.append("*")
                break
            parts.append(f"{index}=" + "|".join(sorted(self.origin(arg))))
        for kw in node.keywords:
            parts.append(f"{kw.arg}=" + "|".join(sorted(self.origin(kw.value))) if kw.arg else "*")
        return ";".join(parts)

    def result_sources(self, node: ast.expr, depth: int = 0) -> list[tuple[tuple[str, str, str], int]]:
        """The project calls whose result `node` is (depth 0) or is a part of (depth > 0)."""
        if isinstance(node, ast.Name):
            where, owner = self.resolve(node.id)
            got = owner.result_of.get(node.id) if where == "local" and owner is not None else None
            return [(record, d + depth) for record, d in got] if got else []
        if isinstance(node, ast.Call):
            record = self.result_record(node)
            return [(record, depth)] if record is not None else []
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = self.resolve(node.value.id)[1]
            if owner is self.scope and owner.self_name == node.value.id and node.attr in owner.self_result_of:
                return [(record, d + depth) for record, d in owner.self_result_of[node.attr]]  # `self.c = make()`
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            return self.result_sources(node.value, depth + 1)
        if isinstance(node, (ast.Starred, ast.NamedExpr, ast.Await)):
            return self.result_sources(node.value, depth)
        if isinstance(node, ast.IfExp):
            return self.result_sources(node.body, depth) + self.result_sources(node.orelse, depth)
        if isinstance(node, ast.BoolOp):
            return [found for value in node.values for found in self.result_sources(value, depth)]
        return []

    def bind_results(self, name: str, value: ast.expr, depth: int) -> None:
        """`name = <value>` (depth 0) or `for name in <value>` (1): what project calls' results `name` may be now."""
        found = self.result_sources(value, depth)
        if not found and not self.scope.result_of:
            return  # the common case: nothing to record, nothing recorded here to forget
        where, owner = self.resolve(name)
        if where != "local" or owner is None or not owner.runs_in_function:
            return
        if owner.depth == 0 and owner is self.scope:
            if found:
                owner.result_of[name] = found
            else:
                owner.result_of.pop(name, None)
        elif found:
            owner.result_of.setdefault(name, []).extend(found)

    def result_mutated(self, obj: ast.expr, lineno: int, what: str) -> None:
        fn = self.scope.summary
        if fn is None:
            return
        for (key, receiver, args), depth in self.result_sources(obj):
            entry = (key, depth, lineno, what, receiver, args)
            if entry not in fn.result_mutations:
                fn.result_mutations.append(entry)

    def mutation_effect(self, origin: str, obj: ast.expr, lineno: int, what: str) -> None:
        kind, _, name = origin.partition(":")
        if kind == "self":
            self.self_changed(obj, lineno, what)
        elif kind == "param":
            self.reason("arg_mutation", lineno, f"mutates parameter {name} ({what})")
            fn = self.scope.summary
            owner = self.param_owner(name) if fn is not None else None
            if fn is not None and owner is not None:
                if name not in fn.mutated_params:
                    fn.mutated_params.append(name)
                # the parameter's own object: its very name, never rebound in the body (`bound_names` puts a
                # rebound parameter among the locals, whichever line rebinds it)
                direct = type(obj) is ast.Name and obj.id == name and name not in owner.locals
                if not direct and name not in fn.param_parts_mutated:
                    fn.param_parts_mutated.append(name)
        elif kind == "mutdefault":
            self.reason("global_write", lineno, f"mutates mutable default argument {name} ({what})")
        elif kind == "enclosing":
            self.reason("global_write", lineno, enclosing_write_reason(name, what))
            self.enclosed_change(name, True)
        elif kind == "module":
            self.reason("global_write", lineno, f"mutates imported {name} ({what})")
        elif kind == "global":
            root, attrs = attr_chain(obj)
            if isinstance(root, ast.Subscript):
                root, attrs = attr_chain(root.value)
            own = attrs[0] if attrs else ""
            firsts = [own]
            if type(root) is ast.Name and root.id != name:  # through a local: `t = units.TABLE; t.append(x)`
                owner = self.resolve(root.id)[1]
                aliases = owner.global_aliases.get(root.id, ()) if owner is not None else ()
                firsts = sorted({attr or own for alias, attr in aliases if alias == name}) or firsts
            self.reason("global_write", lineno, module_write_reason(name, what))
            for first in firsts:
                self.summary.mutated.append((name, first, lineno))
        elif kind == "unknown":
            self.reason("unknown", lineno, f"mutates an object of unknown origin ({what})")
        elif origin == "globals()":
            self.reason("global_write", lineno, f"writes module globals ({what})")

    def self_changed(self, obj: ast.expr, lineno: int, what: str) -> None:
        """Self, or an object self holds (`self.items.append(x)`, `reg[k] = v` after `reg = self.registry`),
        changes; or self's class (`type(self).count += 1`, `self.__class__.registry[k] = v`), which every instance
        shares: that is `global_write`, in `__init__` too."""
        root, attrs = attr_chain(obj)
        if self.through_class(root, attrs, lineno, what):
            return
        if not self.scope.is_init:
            self.reason("self_mutation", lineno, f"mutates self ({what})")
        fn = self.scope.summary
        part = not isinstance(obj, ast.Name)
        owner = self.resolve(root.id)[1] if isinstance(root, ast.Name) else None
        if owner is not None and root.id in owner.self_aliases:  # type: ignore[attr-defined]
            attrs, part = [owner.self_aliases[root.id], *attrs], True  # type: ignore[attr-defined]
        elif owner is not None and owner.self_name != root.id:  # type: ignore[attr-defined]
            owner = None
        if fn is not None and part:
            fn.mutates_self_parts = True
            if attrs and attrs[0] not in fn.self_parts:
                fn.self_parts.append(attrs[0])
        if owner is not None and attrs:
            self.class_state_written(owner, attrs[0], lineno)
            self.self_part_changed(owner, attrs[0], lineno, what)

    def through_class(self, root: ast.expr, attrs: list[str], lineno: int, what: str) -> bool:
        """`type(self)…` or `self.__class__…` changed: record it (a `global_write`, the class attribute state for
        its readers) and say so."""
        if type(root) is ast.Call:
            func = root.func
            if not (type(func) is ast.Name and func.id == "type" and self.resolve("type")[0] == "builtin"):
                return False
            attr = attrs[0] if attrs else ""
        elif "__class__" in attrs:
            rest = attrs[attrs.index("__class__") + 1 :]
            attr = rest[0] if rest else ""
        elif type(root) is ast.Name and self.names_the_class(root.id):
            attr = attrs[0] if attrs else ""  # `cls.cache.clear()` in a classmethod: every instance's, not one object's
        else:
            return False
        cls = self.scope.class_qualname
        shown = f"{cls}.{attr}" if cls and attr else cls or "its class"
        self.reason("global_write", lineno, class_write_reason(shown, what))
        if cls and attr:
            self.summary.mutated.append((cls, attr, lineno))
        return True

    def attribute_changed(self, target: ast.Attribute | ast.Subscript, lineno: int, what: str) -> None:
        """What `target = …` or `target += …` changes: the object holding the attribute or item, or, for
        `cls.translation = lang` in a classmethod, that attribute of the class (`through_class`)."""
        holder = target.value
        if (
            type(target) is ast.Attribute
            and type(holder) is ast.Name
            and self.scope.runs_in_function
            and self.names_the_class(holder.id)
        ):
            self.through_class(holder, [target.attr], lineno, what)
        else:
            self.mutate(holder, lineno, what)

    def names_the_class(self, name: str) -> bool:
        """`name` is the class itself, not an instance: the first parameter of a classmethod (`__init_subclass__` and
        `__class_getitem__` are classmethods without the decorator)."""
        owner = self.resolve(name)[1]
        return (
            owner is not None
            and owner.self_name == name
            and owner.summary is not None
            and owner.summary.kind == "classmethod"
        )

    def self_part_changed(self, owner: Scope, attr: str, lineno: int, what: str) -> None:
        """The object `self.<attr>` holds changes: a class attribute's, shared by every instance, when the class
        body binds `attr` and `__init__` does not (judged when the class ends: `shared_attribute_changes`)."""
        fn = self.scope.summary
        if fn is not None and owner.class_qualname:
            self.self_part_changes.setdefault(owner.class_qualname, []).append((fn, attr, lineno, what))
            if all(seen != attr for seen, _, _ in fn.self_part_lines):
                fn.self_part_lines.append((attr, lineno, what))

    def read_global(self, name: str, attr: str, lineno: int) -> None:
        fn = self.scope.summary
        if fn is None:
            return
        token = f"{name}.{attr}"
        if token in self.scope.seen_reads:
            return
        self.scope.seen_reads.add(token)
        fn.global_reads.append((name, attr, lineno))


def _another_binding(known: str | None, vtype: str | None) -> str | None:
    """What `self.x` is bound to, with one binding more (`Effects.self_attribute_bound`): the same type, or methods of
    self, each of which calling `self.x(…)` may run (`self.match = self._plain` in `__init__`, `self.match =
    self._regex` in another method: "m:_plain|_regex", `Solver._stored_callable`); None for anything else."""
    if known == vtype:
        return vtype
    if known is not None and vtype is not None and known.startswith("m:") and vtype.startswith("m:"):
        return "m:" + "|".join(sorted({*known[2:].split("|"), vtype[2:]}))
    return None


def _dispatch_entries(value: ast.expr | None, qualprefix: str = "") -> list[str] | None:
    """The entries of a display whose every entry names a callable, as written (`{"+": operator.add, "-": sub}`,
    `(str.upper, str.lower)`, `{"sq": lambda x: x * x}`: the lambda's id where the display is written, `qualprefix`,
    `nodes.lambda_id`); None for any other value. A call of one of them is judged by all (`Solver._table_call`)."""
    if type(value) is ast.Dict:
        if any(key is None for key in value.keys):
            return None  # `{**BASE, …}`: entries from elsewhere
        items = value.values
    elif isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        items = value.elts
    else:
        return None
    if not items:
        return None
    out: list[str] = []
    for item in items:
        if isinstance(item, ast.Lambda):
            out.append(lambda_id(qualprefix, item))
            continue
        dotted = dotted_name(item)
        if dotted is None:
            return None
        out.append(dotted)
    return out


# What a local may be bound to that `Effects.local_callable` reads as a callable: `f = print`, `f = os.path.join`,
# `f = int if whole else float`, `f = {"a": abs, "b": str}[k]` (or `.get(k, repr)`), `f = (abs, str)[i]`.
_MAYBE_CALLABLE_VALUES = frozenset({ast.Name, ast.Attribute, ast.IfExp, ast.Subscript, ast.Call})
_LITERALS = (ast.Tuple, ast.List, ast.Set)  # what `for f in …` may take each callable of


def _callable_branches(value: ast.expr) -> list[ast.expr]:
    """The values a local bound to `value` may hold, for `Effects.local_callable`: each branch of a conditional
    expression, each value of a literal dict (or element of a literal tuple or list) it takes an item of, and the
    default of a `.get`; `value` itself otherwise. A dict with `**` in it holds what the walk cannot see: no branch
    then is a callable, and the local stays unknown."""
    if isinstance(value, ast.IfExp):
        return [*_callable_branches(value.body), *_callable_branches(value.orelse)]
    if isinstance(value, ast.Subscript):
        table = value.value
        if isinstance(table, ast.Dict):
            return table.values if None not in table.keys else [value]
        if isinstance(table, (ast.Tuple, ast.List)):  # a slice is no callable: calling it raises
            return table.elts
        return [value]
    if isinstance(value, ast.Call):
        func = value.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and isinstance(func.value, ast.Dict)
            and None not in func.value.keys
            and not any(isinstance(arg, ast.Starred) for arg in value.args)  # `.get(*pair)`: a default not seen
        ):
            return [*func.value.values, *value.args[1:]]
    return [value]


# Builtins whose call the walk reads for its arguments (`Expressions.call_builtin`): called through a local, not
# known to be what they are.
_ARGUMENT_READING_BUILTINS = frozenset({"setattr", "delattr", "next", "getattr", "vars", "locals", "globals", "super"})
