"""What the Lambda layer ships: the purelift package without its development tooling (layers/common/Makefile's
`DEV_ONLY`: the local stack and the CLI). Given every module the layer ships and every function's handler,
when their imports are read (top-level and inside functions), then none reaches a development-only module,
moto or PyYAML, which the layer does not contain."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "common"
PACKAGE = LAYER / "purelift"
DEV_ONLY_DEPENDENCIES = ("moto", "yaml")


def dev_only() -> list[str]:
    """The Makefile's `DEV_ONLY` paths as module names (`purelift/local` -> `purelift.local`)."""
    match = re.search(r"^DEV_ONLY\s*:=\s*(.+)$", (LAYER / "Makefile").read_text(encoding="utf-8"), re.M)
    assert match, "layers/common/Makefile has no DEV_ONLY line"
    return [path.removesuffix(".py").replace("/", ".") for path in match.group(1).split()]


def module_name(path: Path) -> str:
    parts = path.relative_to(LAYER).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, package: str) -> set[str]:
    """Every module `path` imports, anywhere in it (`from a import b` counts as `a` and `a.b`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def is_dev_only(name: str, excluded: list[str]) -> bool:
    top = name.split(".")[0]
    return top in DEV_ONLY_DEPENDENCIES or any(name == ex or name.startswith(ex + ".") for ex in excluded)


def shipped_modules() -> list[Path]:
    excluded = dev_only()
    return [path for path in sorted(PACKAGE.rglob("*.py")) if not is_dev_only(module_name(path), excluded)]


def test_the_makefile_leaves_out_the_local_stack_and_the_cli() -> None:
    assert {"purelift.local", "purelift.commands", "purelift.cli"} <= set(dev_only())


def test_the_makefile_installs_wheels_for_the_functions_runtime() -> None:
    from purelift.local.cfn import load_template

    runtime = load_template()["Globals"]["Function"]["Runtime"]  # python3.12
    makefile = (LAYER / "Makefile").read_text(encoding="utf-8")
    assert f"--python-version {runtime.removeprefix('python')}" in makefile
    assert f"PYTHON   ?= {runtime}" in makefile


@pytest.mark.parametrize("path", shipped_modules(), ids=lambda p: module_name(p))
def test_a_shipped_module_imports_nothing_the_layer_leaves_out(path: Path) -> None:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    reached = sorted(n for n in imported(path, package) if is_dev_only(n, dev_only()))
    assert not reached, f"{name} imports {reached}, which the Lambda layer does not ship"


@pytest.mark.parametrize("handler", sorted((ROOT / "functions").glob("*/app.py")), ids=lambda p: p.parent.name)
def test_a_function_imports_nothing_the_layer_leaves_out(handler: Path) -> None:
    reached = sorted(n for n in imported(handler, "") if is_dev_only(n, dev_only()))
    assert not reached, f"{handler.parent.name} imports {reached}, which the Lambda layer does not ship"


# The AWS SDK and what it needs: the python3.12 runtime ships them (boto3 cannot work without the others).
RUNTIME_SDK = {"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "dateutil", "six.py"}


def makefile_list(name: str) -> list[str]:
    match = re.search(rf"^{name}\s*:=\s*(.+)$", (LAYER / "Makefile").read_text(encoding="utf-8"), re.M)
    assert match, f"layers/common/Makefile has no {name} line"
    return match.group(1).split()


def test_the_layer_leaves_the_aws_sdk_to_the_runtime() -> None:
    """aws-xray-sdk (Powertools' tracer) pulls botocore in: 26 MB that would shadow the runtime's SDK."""
    assert set(makefile_list("RUNTIME_PROVIDED")) >= RUNTIME_SDK
    assert {"botocore", "python_dateutil"} <= set(makefile_list("RUNTIME_PROVIDED_DISTS"))
    build = (LAYER / "Makefile").read_text(encoding="utf-8").split("build-CommonLayer:", 1)[1]
    assert re.search(
        r"rm -rf \$\(RUNTIME_PROVIDED\) \$\(addsuffix -\*\.dist-info,\$\(RUNTIME_PROVIDED_DISTS\)\)", build
    )
    requirements = (LAYER / "requirements.txt").read_text(encoding="utf-8")
    pinned = {line.split("==")[0].split("[")[0].strip() for line in requirements.splitlines() if "==" in line}
    assert not pinned & {"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six"}


def test_a_built_layer_holds_no_aws_sdk() -> None:
    """After `make build` (skipped before: the build needs python3.12 and the network)."""
    built = ROOT / ".aws-sam" / "build" / "CommonLayer" / "python"
    if not built.is_dir():
        pytest.skip("no .aws-sam/build/CommonLayer: run `make build`")
    assert sorted(name for name in RUNTIME_SDK if (built / name).exists()) == []
