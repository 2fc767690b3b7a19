"""Small AST helpers and tables shared by the layers of the per-file walk."""

from __future__ import annotations

from .. import astnodes as ast  # `ast` itself, at full speed on 3.12+ (see astnodes)
from .. import rules
from ..runtime import parse_expression

BUILTIN_NAMES: frozenset[str] = rules.builtin_names(in_generated_module=False)
# Literals and comprehensions that build a new container.
CONTAINER_LITERALS = (ast.List, ast.ListComp, ast.Set, ast.SetComp, ast.Dict, ast.DictComp)


def function_id(qualprefix: str, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> str:
    """The id of a function the walk records (`FunctionSummary.fid`): its qualified name and line, a lambda's column too
    (`lambda_id`). Where the walk defines it (`Statements.function`) and where a binding of its name is read back
    (`scope.local_bindings`) spell it alike."""
    if isinstance(node, ast.Lambda):
        return lambda_id(qualprefix, node)
    return f"{qualprefix}{node.name}@{node.lineno}"


def lambda_id(qualprefix: str, node: ast.Lambda) -> str:
    """A lambda's function id: its line and column, since two lambdas on one line (`map(lambda y: print(y), a),
    sorted(a, key=lambda x: x)`) are two functions, each with its own verdict."""
    return f"{qualprefix}<lambda>@{node.lineno}.{node.col_offset}"


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


def immutable_literal(node: ast.expr) -> bool:
    """A value written out of constants alone, which nothing can change: `None`, `-1`, `"a" + "b"`, `1 << 3`,
    `("x", 2)`. Its name is module state only when a function rebinds it (`ANY_SUIT = -1`, then an object built
    with `suit=ANY_SUIT` getting an attribute set changes no integer)."""
    kind = type(node)
    if kind is ast.Constant:
        return True
    if kind is ast.UnaryOp:
        return immutable_literal(node.operand)  # type: ignore[attr-defined]
    if kind is ast.BinOp:
        return immutable_literal(node.left) and immutable_literal(node.right)  # type: ignore[attr-defined]
    if kind is ast.Tuple:
        return all(immutable_literal(element) for element in node.elts)  # type: ignore[attr-defined]
    return False


def member_path(dotted: str, member: str) -> tuple[str, str]:
    """A call site's (name, attribute path) for `member` of what `dotted` names: `mod.Item` -> (`mod`,
    `Item.member`)."""
    root, _, rest = dotted.partition(".")
    return root, f"{rest}.{member}" if rest else member


_OPTIONAL = frozenset({"Optional", "typing.Optional", "t.Optional"})
_UNION = frozenset({"Union", "typing.Union", "t.Union"})


def annotation_class(node: ast.expr | None, quoted: bool = True) -> str | None:
    """The one class a parameter's annotation names, as written: `Item`, `models.Item`, `"Item"`,
    `Optional[Item]`, `Item | None`, `Union[Item, None]`; None for anything else (a container, a union of
    classes, a builtin or `typing` name)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        parsed = _forward_reference(node) if quoted else None
        return annotation_class(parsed, quoted=False) if parsed is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _one_besides_none([node.left, node.right], quoted)
    if isinstance(node, ast.Subscript):
        head = dotted_name(node.value)
        if head in _OPTIONAL:
            return annotation_class(node.slice, quoted)
        if head in _UNION and isinstance(node.slice, ast.Tuple):
            return _one_besides_none(node.slice.elts, quoted)
        return None
    dotted = dotted_name(node)
    if dotted is None or dotted in BUILTIN_NAMES or dotted.split(".")[0] in ("typing", "t"):
        return None
    return dotted


_CONTAINERS = frozenset(
    {
        *(
            f"{prefix}{name}"
            for prefix in ("", "typing.", "t.", "collections.abc.", "abc.")
            for name in ("Iterable", "Iterator", "Sequence", "Collection", "Set", "FrozenSet", "List", "Tuple")
        ),
        "list",
        "set",
        "frozenset",
        "tuple",
    }
)


def annotation_element_class(node: ast.expr | None, quoted: bool = True) -> str | None:
    """The one class of the elements a container annotation names: `list[Item]`, `Sequence["Item"]`,
    `tuple[Item, ...]`, `Iterable[Item]` (also quoted, or in `Optional[…]`); None for anything else."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        parsed = _forward_reference(node) if quoted else None
        return annotation_element_class(parsed, quoted=False) if parsed is not None else None
    if not isinstance(node, ast.Subscript):
        return None
    head = dotted_name(node.value)
    if head in _OPTIONAL:
        return annotation_element_class(node.slice, quoted)
    if head not in _CONTAINERS:
        return None
    inner = node.slice
    if isinstance(inner, ast.Tuple):  # `tuple[Item, ...]`; a fixed tuple of types says nothing of one element type
        if len(inner.elts) != 2 or not (isinstance(inner.elts[1], ast.Constant) and inner.elts[1].value is Ellipsis):
            return None
        inner = inner.elts[0]
    return annotation_class(inner, quoted)


def _forward_reference(node: ast.Constant) -> ast.expr | None:
    return parse_expression(node.value) if isinstance(node.value, str) else None


def _one_besides_none(parts: list[ast.expr], quoted: bool) -> str | None:
    rest = [p for p in parts if not (isinstance(p, ast.Constant) and p.value is None)]
    return annotation_class(rest[0], quoted) if len(rest) == 1 else None
