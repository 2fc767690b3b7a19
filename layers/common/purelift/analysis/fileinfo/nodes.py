"""Small AST helpers and tables shared by the layers of the per-file walk."""

from __future__ import annotations

import ast

from .. import rules

BUILTIN_NAMES: frozenset[str] = rules.builtin_names(in_generated_module=False)
# Literals and comprehensions that build a new container.
CONTAINER_LITERALS = (ast.List, ast.ListComp, ast.Set, ast.SetComp, ast.Dict, ast.DictComp)


def describe(node: ast.expr) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError):
        return "…"
    return text if len(text) <= 40 else text[:37] + "…"


def dotted_name(node: ast.expr) -> str | None:
    root, attrs = attr_chain(node)
    if isinstance(root, ast.Name):
        return ".".join([root.id, *attrs])
    return None


def attr_chain(node: ast.expr) -> tuple[ast.expr, list[str]]:
    """`a.b.c` -> (Name a, ["b", "c"])."""
    attrs: list[str] = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    attrs.reverse()
    return node, attrs
