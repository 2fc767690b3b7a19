"""Imports whose module is a string computed at run time: `importlib.import_module(API + ".QtWidgets")`.

A Qt or wx app often loads its toolkit in one wrapper module of its own (a `qt.py` or `compat.py` choosing
PyQt5, PySide2 or PyQt6) and every other file imports the names from there. The engine never runs the code, so
it folds the string as far as the source allows: constants, `+`, f-strings, `%` and `str.format` over
module-level string constants. A part it cannot know stays `UNKNOWN`; the leaf of the dotted name is often
enough (`<API>.QtWidgets` is Qt whichever binding `API` names, `rules.DYNAMIC_TOOLKIT_LEAVES`).
"""

from __future__ import annotations

import ast
import itertools

from .. import rules

UNKNOWN = "\x00"  # a part of the string the source does not fix
_MAX_CANDIDATES = 16


def fold(node: ast.expr, constants: dict[str, list[str]]) -> list[str]:
    """Every string `node` may evaluate to, with `UNKNOWN` for the parts the source does not fix."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else [UNKNOWN]
    if isinstance(node, ast.Name):
        return constants.get(node.id) or [UNKNOWN]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _combine([fold(node.left, constants), fold(node.right, constants)], "".join)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        parts = [fold(node.left, constants), *(fold(v, constants) for v in values)]
        return _combine(parts, lambda p: _percent(p[0], tuple(p[1:])))
    if isinstance(node, ast.JoinedStr):
        pieces: list[list[str]] = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue) and value.conversion == -1 and value.format_spec is None:
                pieces.append(fold(value.value, constants))
            else:
                pieces.append(fold(value, constants) if isinstance(value, ast.Constant) else [UNKNOWN])
        return _combine(pieces, "".join)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and not node.keywords
        and not any(isinstance(a, ast.Starred) for a in node.args)
    ):
        parts = [fold(node.func.value, constants), *(fold(a, constants) for a in node.args)]
        return _combine(parts, lambda p: _format(p[0], p[1:]))
    return [UNKNOWN]


def _combine(parts: list[list[str]], join: object) -> list[str]:
    out: list[str] = []
    for combination in itertools.islice(itertools.product(*parts), _MAX_CANDIDATES):
        text = join(list(combination))  # type: ignore[operator]
        if text not in out:
            out.append(text)
    return out


def _percent(template: str, values: tuple[str, ...]) -> str:
    try:
        return template % values
    except (TypeError, ValueError):
        return UNKNOWN


def _format(template: str, values: list[str]) -> str:
    try:
        return template.format(*values)
    except (IndexError, KeyError, ValueError):
        return UNKNOWN


def toolkit_of_candidates(candidates: list[str], toolkits: dict[str, str]) -> str | None:
    """The toolkit a folded module name denotes: in full when it is known, else by its leaf."""
    for text in candidates:
        text = text.lstrip(".")
        if UNKNOWN not in text:
            kit = rules.toolkit_of(text, toolkits)
        else:
            leaf = text.rsplit(".", 1)[-1]
            kit = None if UNKNOWN in leaf else rules.DYNAMIC_TOOLKIT_LEAVES.get(leaf)
        if kit:
            return kit
    return None


def is_known(candidates: list[str]) -> bool:
    return all(UNKNOWN not in text for text in candidates)


def shown(node: ast.expr) -> str:
    """The import's argument as written, short enough for one line of a warning."""
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."
