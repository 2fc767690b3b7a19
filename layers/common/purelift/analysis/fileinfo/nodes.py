"""Small AST helpers and tables shared by the layers of the per-file walk."""

from __future__ import annotations

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules

BUILTIN_NAMES: frozenset[str] = rules.builtin_names(in_generated_module=False)
# Literals and comprehensions that build a new container.
CONTAINER_LITERALS = (ast.List, ast.ListComp, ast.Set, ast.SetComp, ast.Dict, ast.DictComp)


def describe(node: ast.expr) -> str:
    """The expression as written (`ast.unparse`), cut to 40 characters, for a reason's detail."""
    text = dotted_name(node)  # most are `a.b.c`, which unparse spells the same, ten times slower
    if text is not None:
        return text if len(text) <= 40 else text[:37] + "…"
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
    """`a.b.c` -> (Name a, ["b", "c"]). One of the walk's hottest helpers: `type(...) is` (parsed trees hold no
    subclasses of `ast.Attribute`), and a bare name returns at once."""
    attribute = ast.Attribute
    if type(node) is not attribute:
        return node, []
    attrs: list[str] = []
    while type(node) is attribute:
        attrs.append(node.attr)
        node = node.value
    attrs.reverse()
    return node, attrs
