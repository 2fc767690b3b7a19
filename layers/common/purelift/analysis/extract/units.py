"""What an extraction produces (`Extraction`, `ExtractedUnit`, `NotExtracted`) and the records of its planning graph."""

from __future__ import annotations

import ast
import keyword
from dataclasses import dataclass, field
from pathlib import PurePosixPath

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(slots=True)
class ExtractedUnit:
    """One extracted function.

    `lines` spans the original definition, decorators included. `target_module` is the archive path of the
    generated module. `name` is the function's name there (the original name unless a lifted method
    clashed). `dependencies` lists what the unit needs directly, one entry each: an import as the dotted
    name it binds (`math`, `datetime.datetime`), a definition carried in the same module by its name
    (`FACTORS`, `to_meters`, `Quantity`), a definition of another generated module as `path:name`
    (`core/units_pure.py:convert`), a whole generated module by its path. `note` explains a lifted method.
    """

    source_path: str
    qualname: str
    lines: tuple[int, int]
    target_module: str
    name: str
    dependencies: list[str] = field(default_factory=list)
    note: str = ""


@dataclass(slots=True)
class NotExtracted:
    """A pure function that is not extracted, and why (in plain words)."""

    source_path: str
    qualname: str
    reason: str


@dataclass(slots=True)
class Extraction:
    """The generated modules (archive path -> text, `__init__.py` files included), units, and the misses."""

    modules: dict[str, str] = field(default_factory=dict)
    units: list[ExtractedUnit] = field(default_factory=list)
    not_extracted: list[NotExtracted] = field(default_factory=list)
    # (path, qualname, lineno) of each extracted function: `mark_extractable` reads it, as results are immutable.
    extracted: set[tuple[str, str, int]] = field(default_factory=set)
    # (path, qualname, lineno) of each trivial function (`padding.is_trivial`): `mark_extractable` flags them too.
    trivial: set[tuple[str, str, int]] = field(default_factory=set)


# A graph key: ("name", path, name, 0) for a module-level name, ("method", path, qualname, lineno) for a method.
GraphKey = tuple[str, str, str, int]


def target_path(path: str, variant: str = "") -> str:
    """The archive path of the module generated for `path`: `core/units.py` -> `core/units_pure.py`.

    A package's `__init__.py` stays `__init__.py`: folders keep their names in the archive, so what
    `from pkg import f` reads in the original it reads in the archive too (not `pkg/__init___pure.py`).
    A folder or file name that is not a Python name becomes one (`build-tool.py` -> `build_tool_pure.py`,
    `my-app/` -> `my_app/`): a backend imports the modules by name. `variant` tells apart two sources
    that would get one name (`app.py` and `app.pyw`: `app_pyw_pure.py`).
    """
    p = PurePosixPath(path)
    folders = [python_name(part) for part in p.parent.parts]
    if p.name == "__init__.py" and not variant:
        return "/".join([*folders, "__init__.py"])
    stem = python_name(p.stem) + (f"_{variant}" if variant else "")
    return "/".join([*folders, f"{stem}_pure.py"])


def python_name(part: str) -> str:
    """`part` as a Python name: `build-tool` -> `build_tool`, `2d` -> `_2d`, `class` -> `class_`."""
    if part.isidentifier() and not keyword.iskeyword(part):
        return part
    name = "".join(c if (c.isalnum() or c == "_") and c.isascii() else "_" for c in part) or "_"
    if name[0].isdigit():
        name = "_" + name
    return name + "_" if keyword.iskeyword(name) else name


@dataclass(frozen=True, slots=True)
class External:
    """A name bound by importing something outside the project (`import math`, `from re import compile`)."""

    dotted: str
    form: str  # "import" or "from"
    module: str
    name: str
    asname: str | None

    def statement(self, bound: str) -> str | None:
        """The import statement that binds `bound` the same way, or None when no single statement can."""
        if self.form == "from":
            return f"from {self.module} import {self.name}" + ("" if bound == self.name else f" as {bound}")
        if self.asname is None:
            return f"import {self.module}" if bound == self.module.partition(".")[0] else None
        return f"import {self.module}" if bound == self.module else f"import {self.module} as {bound}"


@dataclass(frozen=True, slots=True)
class ProjectModule:
    path: str


@dataclass(frozen=True, slots=True)
class ProjectName:
    path: str
    name: str


Target = External | ProjectModule | ProjectName


@dataclass(frozen=True, slots=True)
class Rewrite:
    """An import inside a body that names the project (`from .transaction import OPPushDataGeneric`, often written
    there to break an import cycle): the copy imports each name from its generated module instead, or, for a name
    the project re-exports from outside, from where it comes. `parts` is (bound name, target) per alias."""

    stmt: ast.Import | ast.ImportFrom
    parts: tuple[tuple[str, Target], ...]


@dataclass(frozen=True, slots=True)
class ModuleBinding:
    """One module-level binding of a name. kind: def, class, const, alias (`type X = …`), import, other."""

    kind: str
    node: ast.AST
    direct: bool
    alias: ast.alias | None = None
    type_only: bool = False  # an import in `if TYPE_CHECKING:`: bound for type checkers, never at run time


@dataclass(slots=True)
class Lift:
    """How a method becomes a module-level function."""

    cls: str
    kind: str  # staticmethod, classmethod, method
    fn: ast.FunctionDef | ast.AsyncFunctionDef
    drop: ast.arg | None
    remove: list[ast.expr]
    strings: set[int] = field(default_factory=set)  # lines inside multi-line strings: never re-indented
    name: str = ""


@dataclass(slots=True)
class GraphNode:
    """Something a unit may need: a unit itself, a constant, a class, an import (kind says which)."""

    key: GraphKey
    kind: str
    label: str
    deps: list[GraphKey] = field(default_factory=list)
    why: str = ""
    root: str = ""
    stmt: ast.AST | None = None
    target: Target | None = None
    lift: Lift | None = None
    lines: tuple[int, int] = (0, 0)
    type_only: bool = False  # an outside import emitted in `if TYPE_CHECKING:`, as the original has it
    # a function that only changes the objects it is handed (`Planner._build_function`): carried when a unit needs
    # it, never a unit, and never emitted for its own sake
    helper: bool = False
    # imports inside the body that name the project (`Planner._inner_imports`), rewritten in the copy
    rewrites: list[Rewrite] = field(default_factory=list)
    # deps reached only through those imports: needed when the body runs, not at import, so no import cycle
    lazy: set[GraphKey] = field(default_factory=set)


def lift_note(node: GraphNode) -> str:
    lift = node.lift
    if lift is None:
        return ""
    original = f"{lift.cls}.{lift.fn.name}"
    if lift.kind == "staticmethod":
        note = f"{original} is a staticmethod, lifted to module level"
    else:
        what = "a classmethod" if lift.kind == "classmethod" else "a method"
        first = lift.drop.arg if lift.drop else "self"
        note = f"{original} is {what} that never uses `{first}`, lifted to module level without that parameter"
    if lift.name != lift.fn.name:
        note += f"; renamed {lift.name} because {lift.fn.name} is taken"
    return note
