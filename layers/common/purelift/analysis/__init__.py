"""The analysis engine: standard library only (a test enforces it).

Source text in, findings out. Two halves meet through plain, serialisable per-file summaries: a per-file
pass (line counts, toolkit imports, UI lines, per-function local effects and call edges) and a
whole-project solve (UI taint across files, the purity fixpoint, classification, web readiness, extraction).

The public face is this package: the services, the CLI and the bench import from `purelift.analysis` only. The
modules behind it: `sources` (read the input), `fileinfo` (the per-file pass), `solve` (the whole-project
solve), `extract` (the `_pure` modules), `exports` (JSON, CSV, ZIP), `engine` (the three wired together), with
`model` (results), `summary` (per-file summaries), `rules`/`config` (the rule tables) and `modules`/`runtime`.

Each name is imported from its module on first use (PEP 562): the API function needs the result model and the
configuration, not the engine, and importing the whole engine was a tenth of its cold start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import EngineConfig
    from .engine import Analysis, analyze_tree, solve_project
    from .exports import to_csv, to_json, to_zip
    from .fileinfo import decode_source, summarize_file
    from .model import (
        REASON_KINDS,
        AnalysisResult,
        AnalysisWarning,
        FileResult,
        FunctionResult,
        Reason,
        SkippedFile,
        Summary,
    )
    from .runtime import no_cyclic_gc
    from .sources import DEFAULT_LIMITS, Limits, SourceError, SourceFile, SourceTree, read_archive, read_path
    from .summary import FileSummary

_MODULE_OF = {
    "EngineConfig": "config",
    **dict.fromkeys(("Analysis", "analyze_tree", "solve_project"), "engine"),
    **dict.fromkeys(("to_csv", "to_json", "to_zip"), "exports"),
    **dict.fromkeys(("decode_source", "summarize_file"), "fileinfo"),
    **dict.fromkeys(
        (
            "REASON_KINDS",
            "AnalysisResult",
            "AnalysisWarning",
            "FileResult",
            "FunctionResult",
            "Reason",
            "SkippedFile",
            "Summary",
        ),
        "model",
    ),
    "no_cyclic_gc": "runtime",
    **dict.fromkeys(
        ("DEFAULT_LIMITS", "Limits", "SourceError", "SourceFile", "SourceTree", "read_archive", "read_path"), "sources"
    ),
    "FileSummary": "summary",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # the next access is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DEFAULT_LIMITS",
    "REASON_KINDS",
    "Analysis",
    "AnalysisResult",
    "AnalysisWarning",
    "EngineConfig",
    "FileResult",
    "FileSummary",
    "FunctionResult",
    "Limits",
    "Reason",
    "SkippedFile",
    "SourceError",
    "SourceFile",
    "SourceTree",
    "Summary",
    "analyze_tree",
    "decode_source",
    "no_cyclic_gc",
    "read_archive",
    "read_path",
    "solve_project",
    "summarize_file",
    "to_csv",
    "to_json",
    "to_zip",
]
