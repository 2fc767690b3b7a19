"""What is reported but not worth extracting (issue 12): trivial units and test code.

A *trivial* function does nothing a backend would call it for: its body is empty (`pass`, `...`, or only what
silences a linter about unused parameters: `_ = row`, `del args`), a docstring (optionally followed by such
filler), returns a constant (`return 4`, `return None`, `return "x"`, `return
()`, a bare `return`), or only raises (`raise NotImplementedError`, `raise Unsupported(msg)`, `assert False,
"defined in subclasses"`: an abstract method or an "unsupported here" override, which a backend would never call
for its result). A constant is a
literal number, string, bytes, bool, `None` or `...`, `NotImplemented`, a signed number, or a tuple, list, set or
dict of constants: a fresh `[]` or `{}` is a stub all the same (`def items(self): return []`), though it is
mutable. Any other name, a call (`set()`), an operator (`1 + 2`) or an f-string is not a constant: it may compute
something.

*Test code* is what a team runs, not what it migrates: files under a `tests/` or `test/` folder, `test_*.py`,
`*_test.py` and `conftest.py`.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from . import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)

TRIVIAL_REASON = "trivial: empty body / constant return / only raises"
TEST_CODE_REASON = "test code: not extracted by default (`--extract-tests`, or `extract_tests` in the config)"

_TEST_FOLDERS = frozenset({"tests", "test"})
_NUMBERS = (int, float, complex)


def is_test_path(path: str) -> bool:
    """Whether `path` (a POSIX path relative to the project root) is test code."""
    p = PurePosixPath(path)
    name = p.name
    if any(part in _TEST_FOLDERS for part in p.parts[:-1]):
        return True
    return name == "conftest.py" or name.startswith("test_") or name.endswith("_test.py")


def is_trivial(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the body of `fn` is empty, a docstring, one `return` of a constant or one `raise` (module docs)."""
    body = fn.body
    if body and _is_docstring(body[0]):
        body = body[1:]
    rest: list[ast.stmt] = []
    for stmt in body:  # runs for every function: stop at the second statement that is not filler
        if not _is_filler(stmt):
            rest.append(stmt)
            if len(rest) > 1:
                return False
    if not rest:
        return True
    last = rest[0]
    if len(rest) != 1 or last is not body[-1]:
        return False
    if isinstance(last, ast.Raise) or (
        isinstance(last, ast.Assert) and isinstance(last.test, ast.Constant) and not last.test.value
    ):  # `assert False, "must be overridden"` raises as `raise` does
        return True
    if not isinstance(last, ast.Return):
        return False
    return last.value is None or _constant(last.value)


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _is_filler(stmt: ast.stmt) -> bool:
    """`pass`, `...`, and what silences a linter about unused parameters: `_ = row`, `_ = (a, b)`, `del args`, a
    bare `row` (RIDE's `ListModel.item_text`: `_ = row; _ = col; return ''`). A name read or a local unbound does
    nothing; an attribute read (a property), an item deletion or a call may."""
    kind = type(stmt)
    if kind is ast.Pass:
        return True
    if kind is ast.Expr:
        value = stmt.value  # type: ignore[attr-defined]
        return (type(value) is ast.Constant and value.value is Ellipsis) or type(value) is ast.Name
    if kind is ast.Assign:
        targets, value = stmt.targets, stmt.value  # type: ignore[attr-defined]
        names = value.elts if type(value) is ast.Tuple else [value]
        return (
            len(targets) == 1
            and type(targets[0]) is ast.Name
            and targets[0].id == "_"
            and all(type(n) is ast.Name for n in names)
        )
    if kind is ast.Delete:
        return all(type(t) is ast.Name for t in stmt.targets)  # type: ignore[attr-defined]
    return False


def _constant(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return expr.id == "NotImplemented"  # what an unimplemented method answers (`return NotImplemented`)
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, (ast.USub, ast.UAdd)):
        return isinstance(expr.operand, ast.Constant) and isinstance(expr.operand.value, _NUMBERS)
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return all(_constant(item) for item in expr.elts)
    if isinstance(expr, ast.Dict):
        return all(key is not None and _constant(key) for key in expr.keys) and all(
            _constant(value) for value in expr.values
        )
    return False
