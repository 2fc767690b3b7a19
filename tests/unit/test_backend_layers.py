"""Dependency direction of the backend (SPEC §1): the domain and the services import nothing from AWS,
Redis or the web framework; the HTTP layer reaches AWS only through the services; adapters know no HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

import purelift
import pytest

PACKAGE = Path(purelift.__file__).parent
AWS = {"boto3", "botocore", "mypy_boto3_dynamodb", "aws_lambda_powertools", "aws_xray_sdk"}
WEB = {"fastapi", "starlette", "mangum"}
# The HTTP layer and the wiring sit on top: nothing below imports them; the wiring knows no HTTP.
ON_TOP = {"purelift.api", "purelift.wiring"}
FORBIDDEN = {
    "domain": AWS | WEB | ON_TOP | {"redis", "jwt", "pydantic", "purelift.adapters", "purelift.services"},
    "services": AWS | WEB | ON_TOP | {"redis", "jwt", "purelift.adapters"},
    "api": {"boto3", "botocore", "redis", "purelift.adapters", "purelift.wiring"},
    "adapters": WEB | ON_TOP | {"purelift.services"},
    "wiring": WEB | {"purelift.api"},
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_stay_inside_their_boundary(layer: str) -> None:
    offenders = sorted(
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in _imports(path)
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    )
    assert not offenders


def test_redis_is_imported_lazily() -> None:
    """Functions without a cache must not pay for `import redis` at cold start (it imports asyncio)."""
    tree = ast.parse((PACKAGE / "adapters" / "cache.py").read_text(encoding="utf-8"))
    top_level = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    top_level |= {node.module or "" for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("redis") for name in top_level)


def test_no_module_imports_another_modules_private_names() -> None:
    """A helper two modules need is public in one of them (or in a module of its own), never borrowed."""
    offenders = sorted(
        f"{path.relative_to(PACKAGE)}: {node.module}.{alias.name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    )
    assert not offenders
