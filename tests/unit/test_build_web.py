"""`scripts/build_web.sh`, what `make dev` runs before serving: it builds `web/` when `web/dist` is missing or older
than its sources (`npm ci` only when `node_modules` is missing or older than the lock file), and without Node.js 20+
says how to get it and lets `make dev` go on. Run by bash with a PATH holding stand-ins for node and npm that
record what they were asked (no network, no real build)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_web.sh"
FAKE_NPM = """#!/bin/sh
echo "$*" >> "$NPM_LOG"
case "$1" in
  ci) mkdir -p node_modules && echo '{}' > node_modules/.package-lock.json ;;
  run) [ -n "$FAIL_BUILD" ] && exit 3; mkdir -p dist && echo '<!doctype html>' > dist/index.html ;;
esac
"""


def tools(tmp: Path, node_version: str | None) -> Path:
    """A bin folder with what the script needs from the system, and node/npm only when `node_version` is given."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "find", "touch", "mkdir"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    if node_version is not None:
        (bin_dir / "node").write_text(f"#!/bin/sh\necho {node_version}\n")
        (bin_dir / "npm").write_text(FAKE_NPM)
        for name in ("node", "npm"):
            (bin_dir / name).chmod(0o755)
    return bin_dir


def web_app(tmp: Path) -> Path:
    web = tmp / "web"
    (web / "src").mkdir(parents=True)
    (web / "package.json").write_text('{"name": "w"}')
    (web / "package-lock.json").write_text("{}")
    (web / "src" / "main.tsx").write_text("export {}")
    return web


def run(tmp: Path, web: Path, bin_dir: Path, **env: str) -> tuple[int, str, list[str]]:
    log = tmp / "npm.log"
    log.unlink(missing_ok=True)
    environment = {"PATH": str(bin_dir), "WEB_DIR": str(web), "NPM_LOG": str(log), **env}
    bash = shutil.which("bash")
    assert bash
    done = subprocess.run([bash, str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60)
    calls = log.read_text().splitlines() if log.exists() else []
    return done.returncode, done.stdout + done.stderr, calls


def age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


@pytest.mark.parametrize("node", [None, "v18.19.1", "weird"], ids=["no-node", "node-18", "unreadable"])
def test_without_node_20_it_says_how_to_get_it_and_goes_on(tmp_path: Path, node: str | None) -> None:
    code, output, calls = run(tmp_path, web_app(tmp_path), tools(tmp_path, node))
    assert code == 0 and calls == []
    assert "Node.js 20 or newer" in output and "https://nodejs.org/" in output and "the API is served" in output


def test_a_missing_build_is_installed_and_built_then_left_alone(tmp_path: Path) -> None:
    web, bin_dir = web_app(tmp_path), tools(tmp_path, "v20.11.0")

    code, _, calls = run(tmp_path, web, bin_dir)
    assert code == 0 and calls == ["ci --no-audit --no-fund", "run build"]
    assert (web / "dist" / "index.html").is_file()

    code, output, calls = run(tmp_path, web, bin_dir)
    assert (code, calls) == (0, []) and "up to date" in output


def test_a_source_newer_than_the_build_rebuilds_without_reinstalling(tmp_path: Path) -> None:
    web, bin_dir = web_app(tmp_path), tools(tmp_path, "v22.1.0")
    run(tmp_path, web, bin_dir)
    for path in (web / "package-lock.json", web / "package.json", web / "src" / "main.tsx"):
        age(path, 120)
    age(web / "dist" / "index.html", 60)

    (web / "src" / "main.tsx").write_text("export const changed = 1")
    code, _, calls = run(tmp_path, web, bin_dir)
    assert (code, calls) == (0, ["run build"])

    age(web / "dist" / "index.html", 60)
    (web / "package-lock.json").write_text('{"changed": true}')  # newer than node_modules and than the build
    code, _, calls = run(tmp_path, web, bin_dir)
    assert (code, calls) == (0, ["ci --no-audit --no-fund", "run build"])


def test_a_failed_build_fails_and_skip_skips(tmp_path: Path) -> None:
    web, bin_dir = web_app(tmp_path), tools(tmp_path, "v20.11.0")
    code, output, _ = run(tmp_path, web, bin_dir, FAIL_BUILD="1")
    assert code == 1 and "the build failed" in output
    code, _, calls = run(tmp_path, web, bin_dir, SKIP_WEB_BUILD="1")
    assert (code, calls) == (0, [])


def test_no_web_app_is_nothing_to_do(tmp_path: Path) -> None:
    code, output, calls = run(tmp_path, tmp_path / "nowhere", tools(tmp_path, "v20.11.0"))
    assert (code, calls) == (0, []) and "no web app" in output
