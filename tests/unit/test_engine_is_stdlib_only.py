"""The engine imports nothing but the standard library (SPEC §1): it must run anywhere, AWS or not."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import purelift.analysis

ENGINE = Path(purelift.analysis.__file__).parent


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_engine_modules_import_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__", "purelift"}
    offenders = {
        f"{path.relative_to(ENGINE)}: {root}"
        for path in sorted(ENGINE.rglob("*.py"))
        for root in _imported_roots(path)
        if root not in allowed
    }
    assert not offenders, f"non-stdlib imports in the engine: {sorted(offenders)}"


def test_engine_has_modules_to_check() -> None:
    assert len(list(ENGINE.rglob("*.py"))) >= 3


def test_the_cli_analyses_with_the_engine_alone(tmp_path: Path) -> None:
    """`purelift analyze` needs no service dependency: a user may install the engine and the CLI alone (and the
    mutation and engine-py venvs do). The service's third-party packages are made unimportable in a fresh
    interpreter."""
    (tmp_path / "app.py").write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    blocked = ["pydantic", "jwt", "boto3", "botocore", "redis", "yaml", "moto"]
    script = (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None\n"
        "from purelift.cli import main\n"
        f"sys.exit(main(['analyze', {str(tmp_path)!r}, '--out', {str(tmp_path / 'out')!r}, '--quiet']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "analysis.json").is_file()
