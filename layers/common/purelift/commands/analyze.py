"""`purelift analyze PATH`: the engine on a laptop, no AWS involved.

Writes `DIR/analysis.json`, `DIR/analysis.csv` and `DIR/pure_functions.zip` (SPEC §2 "Command line"),
shows a progress bar when standard error is a terminal, prints a summary table, and turns every bad
input into one line on standard error and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from purelift.analysis import Analysis, EngineConfig, SourceError, analyze_tree, read_path, to_csv, to_json, to_zip
from purelift.analysis.config import valid_ui_threshold
from purelift.analysis.fileinfo.newer_syntax import needed_version

FORMATS = {"json": "analysis.json", "csv": "analysis.csv", "zip": "pure_functions.zip"}
EXIT_BAD_INPUT = 2
EXIT_CANNOT_WRITE = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="a folder, a single .py file, a .zip or a .tar.gz")
    parser.add_argument("--out", metavar="DIR", default="purelift-out", help="where the exports go (./purelift-out)")
    parser.add_argument(
        "--format",
        metavar="LIST",
        default="json,csv,zip",
        help="comma-separated exports to write: json, csv, zip (default: all three)",
    )
    parser.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=[],
        help="leave out matching files or folders (repeatable), e.g. 'tests' or '*_test.py'",
    )
    parser.add_argument("--jobs", metavar="N", type=int, default=1, help="worker processes for the per-file pass")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="JSON engine configuration: ui_threshold, extra_toolkits, extra_pure, extra_impure, extra_desktop_only, "
        "extract_tests",
    )
    parser.add_argument(
        "--extract-tests",
        action="store_true",
        help="extract test code too (tests/, test/, test_*.py, *_test.py, conftest.py): analysed either way",
    )
    parser.add_argument("--ui-threshold", metavar="PCT", type=float, help="UI %% at or above which a file is UI (50)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary table")


class _Bar:
    """A one-line progress bar on a terminal; silent otherwise (logs and CI stay clean)."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = width * done // max(total, 1)
        self.stream.write(f"\ranalysing [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"purelift: error: {message}", file=sys.stderr)
    return code


def _config(args: argparse.Namespace) -> EngineConfig:
    data: dict[str, object] = {}
    if args.config:
        loaded = json.loads(Path(args.config).read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError("the configuration file must hold a JSON object")
        data.update(loaded)
    if args.ui_threshold is not None:
        data["ui_threshold"] = args.ui_threshold
    if args.extract_tests:
        data["extract_tests"] = True
    return EngineConfig.from_dict(data)


def run(args: argparse.Namespace) -> int:
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        return _fail(f"unknown format {', '.join(unknown) or '(none)'}; choose from json, csv, zip")
    if args.jobs < 1:
        return _fail("--jobs must be 1 or more")
    if args.ui_threshold is not None and not valid_ui_threshold(args.ui_threshold):
        return _fail("the UI threshold must be above 0 and at most 100")
    try:
        config = _config(args)
    except (OSError, ValueError, TypeError) as exc:
        return _fail(f"cannot read the configuration: {exc}")
    try:
        tree = read_path(args.path, exclude=args.exclude)
    except SourceError as exc:
        return _fail(str(exc))
    bar = _Bar(sys.stderr, enabled=not args.quiet and sys.stderr.isatty())
    analysis = analyze_tree(tree, config=config, jobs=args.jobs, progress=bar)
    out = Path(args.out)
    try:
        written = _write(analysis, out, formats)
    except OSError as exc:
        return _fail(f"cannot write to {out}: {exc.strerror or exc}", EXIT_CANNOT_WRITE)
    if not args.quiet:
        print(summary_table(analysis))
        for path in written:
            print(f"wrote {path}")
    return 0


def _write(analysis: Analysis, out: Path, formats: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    producers = {
        "json": lambda: to_json(analysis.result),
        "csv": lambda: to_csv(analysis.result),
        "zip": lambda: to_zip(analysis.extraction, analysis.result),
    }
    written = []
    for fmt in formats:
        target = out / FORMATS[fmt]
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(producers[fmt]())
        os.replace(tmp, target)
        written.append(target)
    return written


def summary_table(analysis: Analysis) -> str:
    """The per-file table and the totals a user reads first. `pure` and `extracted` leave trivial functions
    (stubs: an empty body, a constant return, a lone raise) out; the totals count them apart."""
    result = analysis.result
    s = result.summary
    rows = [("file", "sloc", "UI %", "class", "web", "functions", "pure", "extracted")]
    for f in result.files:
        pure = sum(1 for fn in f.functions if fn.pure and not fn.trivial)
        extracted = sum(1 for fn in f.functions if fn.extractable and not fn.trivial)
        cls = f.classification + (" (parse error)" if f.parse_error else "")
        web = "yes" if f.web_ready else "no"
        counts = (str(len(f.functions)), str(pure), str(extracted))
        rows.append((f.path, str(f.sloc), f"{f.ui_pct:.1f}", cls, web, *counts))
    widths = [min(max(len(r[i]) for r in rows), 60) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [(c if len(c) <= widths[i] else "…" + c[-widths[i] + 1 :]) for i, c in enumerate(row)]
        lines.append("  ".join(c.ljust(widths[i]) if i in (0, 3) else c.rjust(widths[i]) for i, c in enumerate(cells)))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    kits = ", ".join(f"{k} ({n})" for k, n in s.toolkits.items()) or "none"
    lines += [
        "",
        f"{s.files} files ({s.failed} not parsed), {s.sloc} source lines, {s.ui_pct:.1f}% UI lines",
        f"UI {s.ui_files} · Mixed {s.mixed_files} · Logic {s.logic_files} · web ready {s.web_ready_files}",
        f"{s.functions} functions, {s.pure_functions} pure, {s.extractable_functions} extracted, "
        f"{s.trivial_functions} trivial (not counted) · toolkits: {kits}",
    ]
    needed = [v for f in result.files if f.parse_error and (v := needed_version(f.parse_error.message))]
    if needed:
        newest = max(needed, key=lambda v: tuple(map(int, v.split("."))))
        lines.append(
            f"{len(needed)} of the files not parsed use syntax of Python {newest}+ (this run: Python "
            f"{sys.version_info[0]}.{sys.version_info[1]}): run purelift under Python {newest} or later to analyse "
            "them"
        )
    if result.skipped:
        lines.append(f"{len(result.skipped)} files skipped (see 'skipped' in analysis.json)")
    for warning in result.warnings[:_SHOWN_WARNINGS]:
        lines.append(f"warning: {warning.path}:{warning.lineno} {warning.detail}")
    if len(result.warnings) > _SHOWN_WARNINGS:
        lines.append(f"… and {len(result.warnings) - _SHOWN_WARNINGS} more warnings (see 'warnings' in analysis.json)")
    return "\n".join(lines)


_SHOWN_WARNINGS = 10
