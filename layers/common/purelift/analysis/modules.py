"""Project module names and import resolution, shared by the solve and the extraction.

Real projects are laid out in many ways (a flat folder of scripts, a package at the root, a `src/` layout,
several top-level packages). A file is therefore known by every dotted suffix of its path, and an
absolute import resolves to the longest known name, preferring files that share its top-level folder.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import PurePosixPath

from .rules import LIBRARY_PACKAGES

_STDLIB = frozenset(sys.stdlib_module_names)


def module_name(path: str) -> str:
    """`pkg/sub/mod.py` -> `pkg.sub.mod`; `pkg/__init__.py` -> `pkg`; a root `__init__.py` -> `__init__`."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


class ModuleIndex:
    """Maps project files to module names and resolves imports to project modules."""

    def __init__(self, paths: Iterable[str], root_package: str | None = None) -> None:
        """`root_package`: the root folder's name when the root itself is a package (it holds
        `__init__.py`), so that `import root_package.sub.mod` resolves too."""
        self._by_name: dict[str, str] = {}
        self._aliases: dict[str, list[str]] = {}
        self._rooted: dict[str, str] = {}  # root_package.sub.mod -> sub.mod
        self._root = root_package
        for path in sorted(paths):
            name = module_name(path)
            self._by_name.setdefault(name, path)
        for name in self._by_name:
            parts = name.split(".")
            for start in range(1, len(parts)):
                self._aliases.setdefault(".".join(parts[start:]), []).append(name)
            if root_package:
                alias = root_package if name == "__init__" else f"{root_package}.{name}"
                self._rooted.setdefault(alias, name)

    def __contains__(self, module: str) -> bool:
        return module in self._by_name

    def exact(self, dotted: str) -> str | None:
        """The canonical module `dotted` names as written in full: its own name, or under the root package's
        (`pysollib.layout` when the analysed folder is `pysollib`), or under a namespace package around it
        (`_namespaced`); not a tail alias, which `resolve` also takes."""
        if dotted in self._by_name:
            return dotted
        return self._rooted.get(dotted) or self._namespaced(dotted)

    def below_root(self, dotted: str, from_module: str | None) -> str | None:
        """The module an absolute import of `dotted` means where the project's packages sit below folders that are
        no package themselves (a `src/` layout, a subfolder of the repository, an unpacked sdist's
        `name-1.0/`): named in full (`exact`), or by a tail of its name once those folders are dropped. Not a module
        inside a package by its own last names (`gui/wx.py` is `gui.wx`, never `wx`)."""
        found = self.exact(dotted)
        if found is not None:
            return found
        found = self.resolve(dotted, from_module)  # past `exact`, only a tail alias: `….dotted`
        if found is None:
            return None
        return None if self.is_package(found[: -len(dotted) - 1]) else found

    def _namespaced(self, dotted: str) -> str | None:
        """`kivy_garden.mapview.utils` where the project's package `mapview` lives in a namespace package (PEP 420:
        `kivy_garden` holds no `__init__.py`) the upload left out, or holds without making it a package: the name
        from the project's own top-level package on, when that is a project module. Not under a library's package
        (`rules.LIBRARY_PACKAGES`): `from kivy.utils import platform` is Kivy's beside the project's own `utils`."""
        parts = dotted.split(".")
        if parts[0] in LIBRARY_PACKAGES:
            return None
        for start in range(1, len(parts)):
            head = parts[start]
            if head == self._root or (head in self._by_name and self.is_package(head)):
                tail = ".".join(parts[start:])
                return self._rooted.get(tail) or (tail if tail in self._by_name else None)
        return None

    @property
    def modules(self) -> dict[str, str]:
        """Canonical module name -> path."""
        return dict(self._by_name)

    @staticmethod
    def submodule(base: str, name: str) -> str:
        """`pkg` + `mod` -> `pkg.mod`; the root package (module `__init__`) holds its submodules at the top."""
        return name if base == "__init__" else f"{base}.{name}"

    def path_of(self, module: str) -> str | None:
        return self._by_name.get(module)

    def is_package(self, module: str) -> bool:
        path = self._by_name.get(module)
        return path is not None and path.endswith("__init__.py")

    def resolve(self, dotted: str, from_module: str | None = None) -> str | None:
        """The canonical project module an absolute import of `dotted` means, or None (not ours)."""
        if dotted in self._by_name:
            return dotted
        if dotted in self._rooted:
            return self._rooted[dotted]  # the analysed folder is itself a package (idlelib.config)
        if dotted.split(".")[0] in _STDLIB:
            return None  # `import time` is the standard library's, even beside a project's util/time.py
        candidates = self._aliases.get(dotted, [])
        if not candidates:
            return self._namespaced(dotted)
        if len(candidates) == 1 or from_module is None:
            return candidates[0]
        top = from_module.split(".")[0]
        near = [c for c in candidates if c.split(".")[0] == top]
        return (near or candidates)[0]

    def resolve_from(self, from_module: str, is_package: bool, module: str | None, level: int) -> str | None:
        """Resolve `from <.level><module> import ...` written in `from_module` to a project module name.

        Returns the dotted name even when it is not a project module (callers check `in`), or None when a
        relative import climbs above the project root. `from . import x` in a top-level module, or `from .. import
        x` one level down, names the root package itself (module `__init__`) when the root holds `__init__.py`
        (Printrun's `from . import printcore`, RIDE's `from .. import utils`).
        """
        if level == 0:
            return self.resolve(module or "", from_module) or (module or None)
        base = from_module.split(".") if from_module and from_module != "__init__" else []
        if not is_package and base:
            base = base[:-1]
        drop = level - 1
        if drop > len(base):
            return None
        base = base[: len(base) - drop] if drop else base
        target = ".".join([*base, *(module.split(".") if module else [])])
        if not target and "__init__" in self._by_name:
            return "__init__"
        return target or None

    def resolve_name(self, from_module: str, is_package: bool, module: str | None, level: int, name: str) -> str:
        """What `from X import name` binds: a submodule `X.name` when that is a project module, else `X:name`.

        The result is a dotted reference: `pkg.mod` (a module) or `pkg.mod.name` (an attribute of one).
        """
        base = self.resolve_from(from_module, is_package, module, level) or (module or "")
        sub = self.submodule(base, name) if base else name
        resolved_sub = self.resolve(sub, from_module) if level == 0 else (sub if sub in self._by_name else None)
        if resolved_sub is not None:
            return resolved_sub
        resolved = self.resolve(base, from_module) if level == 0 else base
        return f"{resolved or base}.{name}" if (resolved or base) else name
