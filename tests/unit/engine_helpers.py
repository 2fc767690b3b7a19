"""Drive the engine the way the CLI does, from in-memory sources, and look results up by path and qualname."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from purelift.analysis import (
    AnalysisResult,
    EngineConfig,
    FileResult,
    FunctionResult,
    SourceFile,
    SourceTree,
    analyze_tree,
)

Sources = Mapping[str, str | bytes]


def make_tree(sources: Sources, name: str = "proj", root_package: str | None = None) -> SourceTree:
    """A SourceTree of in-memory files; text is dedented and UTF-8 encoded, bytes are taken as they are."""
    files = [
        SourceFile(path, text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8"))
        for path, text in sorted(sources.items())
    ]
    return SourceTree(name, files=files, skipped=[], root_package=root_package)


def analyze(sources: Sources, config: EngineConfig | None = None, jobs: int = 1) -> AnalysisResult:
    return analyze_tree(make_tree(sources), config=config, jobs=jobs).result


def file_result(result: AnalysisResult, path: str) -> FileResult:
    for f in result.files:
        if f.path == path:
            return f
    raise AssertionError(f"{path} not in the result: {[f.path for f in result.files]}")


def find_function(f: FileResult, qualname: str) -> FunctionResult:
    for fn in f.functions:
        if fn.qualname == qualname:
            return fn
    raise AssertionError(f"{qualname} not found in {f.path}: {[fn.qualname for fn in f.functions]}")


def verdict(
    sources: Sources, qualname: str, path: str | None = None, config: EngineConfig | None = None
) -> FunctionResult:
    """The verdict of `qualname` in `path` (default: the only file, or `mod.py`)."""
    result = analyze(sources, config)
    if path is None:
        path = next(iter(sources)) if len(sources) == 1 else "mod.py"
    return find_function(file_result(result, path), qualname)


def file_of(sources: Sources, path: str | None = None, config: EngineConfig | None = None) -> FileResult:
    """The FileResult of `path` (default: the only file)."""
    result = analyze(sources, config)
    if path is None:
        path = next(iter(sources))
    return file_result(result, path)


def show(fn: FunctionResult) -> str:
    """A readable verdict for assertion messages."""
    reasons = "; ".join(f"{r.kind}@{r.lineno}: {r.detail}" for r in fn.reasons) or "no reason"
    return f"{fn.qualname}: {'pure' if fn.pure else 'impure'} ({reasons})"
