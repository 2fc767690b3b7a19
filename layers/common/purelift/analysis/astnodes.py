"""The `ast` module's names as plain attributes of a module, for the walk's hot paths.

From Python 3.12 on, `ast` has a module-level `__getattr__` (it serves the deprecated `ast.Num`, `ast.Str`…), and
CPython does not specialise attribute loads on a module that has one: every `ast.Name` or `ast.Call` the walk
reads goes through the slow path. The per-file pass reads thousands per file (`isinstance(node, ast.Name)`), and
this alone made `type(node) is ast.Call` twice as slow on 3.12 and 3.13 as on 3.11. Modules of the engine import
this one as `ast` (`from .. import astnodes as ast`): the same classes and functions, found at full speed.
"""

from ast import *  # noqa: F403 - every public name of `ast` (node classes, parse, walk, unparse, ...)
