"""The web app's figures for `make bench` (issue 11, "Performance"; figures, not timed tests):

- initial JavaScript: the entry chunk(s) `web/dist/index.html` loads (its module scripts and modulepreloads),
  each gzip-compressed, summed, against the 200 KB budget; the CSS beside it. `web/dist` is built first when it
  is missing or stale (`scripts/build_web.sh`).
- a 2,000-file result in headless Chromium: `web/e2e/bench.e2e.ts` through Playwright (`--grep @bench`, against
  `purelift serve` on free ports) times the report's overview with its treemap drawn, then the files table, for a
  synthetic 2,000-file result and for an empty one (median of 3 each); the ratio is the figure.

Without Node.js 20+ and npm, or without Chromium, the part that needs them is skipped with a note.
`run()` returns (measure, value) rows; `bench/__main__.py` prints them.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
BUDGET_KB = 200.0
FILES = 2000


def node_ok() -> bool:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return False
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.match(r"v(\d+)", version)
    return match is not None and int(match.group(1)) >= 20


def chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).exists()), None)


def entry_assets(dist: Path) -> list[Path]:
    """What index.html makes the browser fetch before the app runs: module scripts, modulepreloads, stylesheets."""
    html = (dist / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html)
    refs += re.findall(r'<link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"', html)
    refs += re.findall(r'<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:modulepreload|stylesheet)"', html)
    return sorted({dist / ref.lstrip("/") for ref in refs if not re.match(r"[a-z]+:", ref)})


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9)) / 1024


def bundle_rows(dist: Path) -> list[tuple[str, str]]:
    assets = entry_assets(dist)
    scripts = [a for a in assets if a.suffix == ".js"]
    styles = [a for a in assets if a.suffix == ".css"]
    js = sum(gzip_kb(a) for a in scripts)
    verdict = "within" if js <= BUDGET_KB else "OVER"
    return [
        (
            f"initial JavaScript, gzipped ({', '.join(a.name for a in scripts)})",
            f"{js:.1f} KB ({verdict} the {BUDGET_KB:.0f} KB budget)",
        ),
        ("initial CSS, gzipped", f"{sum(gzip_kb(a) for a in styles):.1f} KB"),
    ]


def render_rows(browser: str) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="purelift-bench-web-") as tmp:
        out = Path(tmp) / "render.json"
        env = {
            **os.environ,
            "PURELIFT_E2E_BENCH": "1",
            "PURELIFT_BENCH_OUT": str(out),
            "PURELIFT_BENCH_FILES": str(FILES),
            "CHROMIUM_PATH": browser,
            "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        }
        done = subprocess.run(
            ["npx", "--no-install", "playwright", "test"],
            cwd=WEB,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if done.returncode != 0 or not out.exists():
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
            raise RuntimeError(f"the Playwright render benchmark failed ({done.returncode}):\n{tail}")
        figures = json.loads(out.read_text(encoding="utf-8"))
    empty, big = figures["empty"], figures["big"]
    return [
        (
            "report, empty result: overview + treemap / files table / total (median of 3)",
            f"{empty['overview_ms']} / {empty['table_ms']} / {empty['total_ms']} ms",
        ),
        (
            f"report, {figures['files']:,} files ({figures['result_bytes'] / 1e6:.1f} MB JSON): same",
            f"{big['overview_ms']} / {big['table_ms']} / {big['total_ms']} ms",
        ),
        (f"ratio, {figures['files']:,} files / empty", f"{figures['ratio']:.2f}x"),
    ]


def run() -> list[tuple[str, str]]:
    if not node_ok():
        return [("web", "skipped: install Node.js 20+ and npm (https://nodejs.org) to build and measure the web app")]
    build = subprocess.run([str(ROOT / "scripts" / "build_web.sh")], capture_output=True, text=True, check=False)
    if build.returncode != 0 or not (WEB / "dist" / "index.html").exists():
        raise RuntimeError(f"building web/dist failed:\n{build.stdout}{build.stderr}")
    rows = bundle_rows(WEB / "dist")
    browser = chromium()
    if browser is None:
        note = "skipped: install Chromium (Debian: apt-get install chromium; or set CHROMIUM_PATH)"
        rows.append(("report render", note))
    else:
        rows += render_rows(browser)
    return rows


if __name__ == "__main__":
    for measure, value in run():
        print(f"{measure:<80} {value}")
