"""The two halves of the engine meet through plain, serialisable per-file summaries (issue 2).

- every summary survives a JSON round trip unchanged, and the whole-project solve gives the same results on
  the round-tripped summaries as on the originals (so the per-file half can run in other processes/Lambdas);
- `--jobs 2` gives the same result as one process;
- uploaded code is never imported or executed.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from purelift.analysis import FileSummary, analyze_tree, rawscan, read_path, summarize_file
from purelift.analysis.rawmetrics import raw_counts
from purelift.analysis.solve import solve

from tests.unit.engine_helpers import make_tree

# Sources that exercise every corner of a summary: parse errors, star and TYPE_CHECKING imports, nested
# scopes and lambdas, classes, properties, decorators, globals written and read.
TRICKY: dict[str, bytes] = {
    "pkg/__init__.py": b"",
    "pkg/util.py": textwrap.dedent(
        """\
        import itertools
        import os

        CACHE = {}
        _ids = itertools.count()


        def remember(k, v):
            CACHE[k] = v


        def new_id():
            return next(_ids)


        def cwd():
            return os.getcwd()
        """
    ).encode(),
    "pkg/view.py": textwrap.dedent(
        """\
        from __future__ import annotations

        import functools
        from typing import TYPE_CHECKING

        from .util import *

        if TYPE_CHECKING:
            from PyQt5.QtWidgets import QWidget

        try:
            from PyQt5.QtWidgets import QPushButton
        except ImportError:
            from PySide2.QtWidgets import QPushButton


        class Panel:
            size = 3

            def __init__(self, n):
                self.n = n

            @property
            def double(self):
                return self.n * 2

            @functools.lru_cache(maxsize=None)
            def cached(self, k):
                return k + 1

            def _build(self):
                self.btn = QPushButton("OK")
                self.btn.clicked.connect(lambda: print("x"))

            @staticmethod
            def clamp(v, lo, hi):
                return max(lo, min(hi, v))


        def outer(xs):
            def inner(x):
                return x * 2

            return [inner(x) for x in xs], sorted(xs, key=lambda x: -x), remember


        def title(w: QWidget) -> str:
            return "x"
        """
    ).encode(),
    "old.py": b'import Tkinter\nprint "hello"\n',
    "latin.py": b"import wx\nname = 'caf\xe9'\n",
    "empty.py": b"",
}


def _example_files(root: Path) -> list[tuple[str, bytes]]:
    return sorted((p.relative_to(root).as_posix(), p.read_bytes()) for p in root.rglob("*.py"))


def _roundtrip(s: FileSummary) -> FileSummary:
    return FileSummary.from_dict(json.loads(json.dumps(s.to_dict())))


def test_example_summaries_roundtrip_through_json(example_app: Path) -> None:
    files = _example_files(example_app)
    assert len(files) == 10
    for path, data in files:
        original = summarize_file(path, data)
        assert _roundtrip(original) == original, path


def test_tricky_summaries_roundtrip_through_json() -> None:
    for path, data in TRICKY.items():
        original = summarize_file(path, data)
        assert _roundtrip(original) == original, path


def test_summaries_cross_processes_whole(example_app: Path) -> None:
    """`--jobs` workers hand summaries back pickled, each record as its class called with its fields in order
    (`summary._pickled_by_fields`): every field must come back, in its place, for every kind of record."""
    files = [*_example_files(example_app), *TRICKY.items()]
    summaries = [summarize_file(path, data) for path, data in files]
    again = pickle.loads(pickle.dumps(summaries, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == summaries
    assert repr(again) == repr(summaries)  # tuples stay tuples, None stays None
    assert any(s.classes and s.bindings for s in again)
    assert any(call.args for s in again for fn in s.functions for call in fn.calls)


def test_summaries_are_plain_json() -> None:
    """No tuples, sets or objects sneak into the dict: dumping and loading gives back the very same dict."""
    for path, data in TRICKY.items():
        d = summarize_file(path, data).to_dict()
        assert json.loads(json.dumps(d)) == _listify(d), path


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_listify(v) for v in value]
    return value


@pytest.mark.parametrize("corpus", ["example", "tricky"])
def test_solve_on_roundtripped_summaries_gives_the_same_results(corpus: str, example_app: Path) -> None:
    files = _example_files(example_app) if corpus == "example" else sorted(TRICKY.items())
    originals = [summarize_file(path, data) for path, data in files]
    roundtripped = [_roundtrip(s) for s in originals]
    expected = solve(originals)
    assert solve(roundtripped) == expected
    assert [f.path for f in expected.files] == sorted(path for path, _ in files)


def test_summaries_in_any_order_give_the_same_results(example_app: Path) -> None:
    """The pipeline gathers summaries from many Lambdas, in no particular order."""
    summaries = [summarize_file(path, data) for path, data in _example_files(example_app)]
    assert solve(list(reversed(summaries))) == solve(summaries)


def _comparable(result: Any) -> dict[str, Any]:
    d = result.to_dict()
    for volatile in ("job_id", "created_at", "processing_time"):
        d.pop(volatile)
    return d


@pytest.mark.slow
def test_jobs_2_gives_the_same_result_as_one_process_on_idlelib(idlelib_dir: Path) -> None:
    tree = read_path(idlelib_dir)
    assert len(tree.files) > 64  # enough files for the work to be spread over the workers
    one = analyze_tree(tree, jobs=1)
    two = analyze_tree(tree, jobs=2)
    assert _comparable(two.result) == _comparable(one.result)
    assert two.extraction == one.extraction


@pytest.mark.slow
def test_idlelib_summaries_roundtrip_and_solve_the_same(idlelib_dir: Path) -> None:
    tree = read_path(idlelib_dir)
    originals = [summarize_file(f.path, f.data) for f in tree.files]
    roundtripped = [_roundtrip(s) for s in originals]
    assert roundtripped == originals
    assert solve(roundtripped) == solve(originals)
    # the pipeline's batches hand the summaries over in any order: the same verdicts whatever it is
    shuffled = list(roundtripped)
    random.Random(5).shuffle(shuffled)
    assert solve(shuffled) == solve(originals)


def test_jobs_2_on_a_small_tree_matches_one_process() -> None:
    tree = make_tree(TRICKY)
    assert _comparable(analyze_tree(tree, jobs=2).result) == _comparable(analyze_tree(tree, jobs=1).result)


# ---------------------------------------------------------------------------------------------------------
# Uploaded code is never imported or executed

_ENV = "PURELIFT_TEST_SIDE_EFFECT"


def _side_effects(marker: Path, name: str) -> str:
    return textwrap.dedent(
        f"""\
        import os
        import pathlib
        import sys

        pathlib.Path({str(marker)!r}).write_text({name!r})
        os.environ[{_ENV!r}] = {name!r}
        sys.modules.setdefault("purelift_probe_was_here", sys)


        def main():
            pathlib.Path({str(marker)!r}).write_text("main")


        class Meta(type):
            def __new__(mcs, *args):
                pathlib.Path({str(marker)!r}).write_text("class body")
                return super().__new__(mcs, *args)


        class Evil(metaclass=Meta):
            pathlib.Path({str(marker)!r}).write_text("class statement")


        if __name__ == "__main__":
            main()

        raise SystemExit(3)
        """
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_analysed_code_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    monkeypatch.delenv(_ENV, raising=False)
    src = tmp_path / "src"
    (src / "evilpkg").mkdir(parents=True)
    markers = []
    # Names that an accidental import would pick up first: a package, stdlib shadows, site hooks, a setup.py.
    names = [
        "evilpkg/__init__.py",
        "evilpkg/__main__.py",
        "evilpkg/mod.py",
        "json.py",
        "os.py",
        "sitecustomize.py",
        "usercustomize.py",
        "conftest.py",
        "setup.py",
        "purelift_probe_module.py",
        "app.pyw",
    ]
    for i, name in enumerate(names):
        marker = tmp_path / f"marker_{i}"
        markers.append(marker)
        (src / name).write_text(_side_effects(marker, name), encoding="utf-8")
    # Enough extra files for `jobs=2` to really use worker processes.
    for i in range(40):
        (src / f"plain_{i:02d}.py").write_text(f"import json\n\n\ndef f{i}(x):\n    return json.dumps(x)\n")
    modules_before = set(sys.modules)
    cwd_before = os.getcwd()

    analysis = analyze_tree(read_path(src), jobs=jobs)

    assert {f.path for f in analysis.result.files} >= set(names)
    assert [m.name for m in markers if m.exists()] == []
    assert _ENV not in os.environ
    new_modules = set(sys.modules) - modules_before
    assert "purelift_probe_was_here" not in new_modules
    assert not {m for m in new_modules if m.split(".")[0] in {"evilpkg", "purelift_probe_module", "sitecustomize"}}
    assert os.getcwd() == cwd_before
    mains = [
        fn for f in analysis.result.files if f.path == "evilpkg/mod.py" for fn in f.functions if fn.qualname == "main"
    ]
    assert mains and not mains[0].pure  # analysed, not run: writing a file is io


def test_the_per_file_pass_does_not_keep_the_token_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 9 item 7: tokens are ~100x the source in memory, so the per-file pass counts lines and code ranges as
    the tokens stream by; it never holds them all (and its summary is the same as ever)."""
    import tokenize

    live = {"now": 0, "most": 0, "made": 0}

    class Counted(tokenize.TokenInfo):
        def __del__(self) -> None:
            live["now"] -= 1

    real = tokenize.generate_tokens

    def counted(readline: Any) -> Any:
        for token in real(readline):
            live["now"] += 1
            live["made"] += 1
            live["most"] = max(live["most"], live["now"])
            yield Counted(*token)

    source = "".join(f"def f{i}(a):\n    # note\n    return a + {i}\n\n" for i in range(500)).encode()
    expected = summarize_file("big.py", source).to_dict()
    # the general path (the fused pass, `rawscan`, makes no token objects at all)
    monkeypatch.setattr(rawscan, "AVAILABLE", False)
    monkeypatch.setattr(rawscan, "C_TOKENS", None)
    monkeypatch.setattr(tokenize, "generate_tokens", counted)
    assert summarize_file("big.py", source).to_dict() == expected
    assert live["made"] > 5000
    assert live["most"] < 100, f"{live['most']} tokens alive at once"


def test_to_dict_is_exactly_asdict() -> None:
    """`FileSummary.to_dict` and `AnalysisResult.to_dict` skip `dataclasses.asdict`'s deep copies (issue 9
    item 16) and must still give its very output, types included (tuples stay tuples, enum members stay
    members), for every kind of summary and for the result."""
    import dataclasses

    tree = make_tree(TRICKY)
    for source in tree.files:
        summary = summarize_file(source.path, source.data)
        fast, slow = summary.to_dict(), dataclasses.asdict(summary)
        assert fast == slow and repr(fast) == repr(slow), source.path
        assert summary.to_json() == json.dumps(slow), source.path  # what the pipeline stores
    result = analyze_tree(tree).result
    slow = dataclasses.asdict(result)
    assert repr(result.to_dict()) == repr({"schema_version": slow.pop("schema_version"), **slow})


def test_overlapping_gc_pauses_resume_the_collector_only_when_the_last_ends() -> None:
    """Batches run on threads of one process locally (the Map's concurrency): the first batch to finish must not
    turn the cyclic GC back on under the others (issue 9 item 16), and the last one restores it."""
    import gc

    from purelift.analysis import no_cyclic_gc

    assert gc.isenabled()
    first, second = no_cyclic_gc(), no_cyclic_gc()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_trivial_functions_are_counted_apart_from_the_pure_ones() -> None:
    """Stubs (an empty body, a docstring, a constant return) are marked `trivial`, keep their `pure` verdict,
    are never extracted, and are left out of `pure_functions`: `trivial_functions` counts them (issue 12)."""
    from purelift.analysis import AnalysisResult

    from tests.unit.engine_helpers import analyze

    result = analyze(
        {
            "app.py": """\
            def area(w, h):
                return w * h

            def stub():
                pass

            def version():
                \"\"\"The file format's version.\"\"\"
                return 4

            def say(msg):
                print(msg)
            """
        }
    )
    flags = {fn.qualname: (fn.pure, fn.trivial, fn.extractable) for f in result.files for fn in f.functions}
    assert flags == {
        "area": (True, False, True),
        "stub": (True, True, False),
        "version": (True, True, False),
        "say": (False, False, False),
    }
    s = result.summary
    assert (s.functions, s.pure_functions, s.trivial_functions, s.extractable_functions) == (4, 1, 2, 1)
    again = AnalysisResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result
    # A result stored before the field existed still reads, with nothing trivial.
    old = result.to_dict()
    del old["summary"]["trivial_functions"]
    for f in old["files"]:
        for fn in f["functions"]:
            del fn["trivial"]
    assert AnalysisResult.from_dict(old).summary.trivial_functions == 0


def test_a_run_leaves_nothing_for_the_cyclic_collector(idlelib_dir: Path) -> None:
    """The cyclic GC is paused during a run, so anything the engine keeps in a reference cycle (a visitor's table
    of its own bound methods, a scope's memo holding the scope, the extraction's file cache pointing back at its
    planner) outlives the run with all it reaches: on idlelib 350,000 objects, one long scan when the collector
    resumed and memory the local stack kept. Reference counting alone must free a run's records."""
    import ast
    import gc

    from purelift.analysis.extract.planner import Planner
    from purelift.analysis.fileinfo.scope import Scope
    from purelift.analysis.fileinfo.statements import FileVisitor
    from purelift.analysis.summary import CallSite, FunctionSummary

    engine_types = (ast.AST, FileVisitor, Scope, FunctionSummary, CallSite, Planner)
    tree = read_path(idlelib_dir)
    gc.collect()
    gc.disable()
    try:
        analysis = analyze_tree(tree)
        assert analysis.result.summary.pure_functions > 0
        del analysis
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        kept = [type(o).__name__ for o in gc.garbage if isinstance(o, engine_types)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert not kept, f"{len(kept)} objects in cycles, e.g. {sorted(set(kept))[:5]}"


def test_one_process_parses_each_file_once_and_the_result_does_not_depend_on_it(
    example_app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12 item 5: with both halves in one process the extraction takes the per-file pass's trees instead of
    parsing its files again; past the trees' memory budget it parses them, with the very same result and ZIP."""
    import ast

    from purelift.analysis import to_zip, trees

    tree = read_path(example_app)
    real_parse = ast.parse
    calls: list[str] = []

    def counted(source: Any, filename: Any = "<unknown>", *args: Any, **kwargs: Any) -> Any:
        calls.append(str(filename))
        return real_parse(source, filename, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", counted)
    kept = analyze_tree(tree, job_id="same")
    parsed_once = sorted(calls)
    calls.clear()
    monkeypatch.setattr(trees, "DEFAULT_BUDGET", 0)
    parsed_again = analyze_tree(tree, job_id="same")

    assert parsed_once == sorted(f.path for f in tree.files)
    assert len(calls) > len(parsed_once), "without kept trees the extraction parses its files again"
    assert kept.extraction.modules  # the example has units to extract
    volatile = ("created_at", "processing_time")
    assert {k: v for k, v in kept.result.to_dict().items() if k not in volatile} == {
        k: v for k, v in parsed_again.result.to_dict().items() if k not in volatile
    }
    assert to_zip(kept.extraction, kept.result) == to_zip(parsed_again.extraction, kept.result)


def test_files_come_in_path_order_not_module_order() -> None:
    # Mutation test (issue 12 item 6, fourth pass): `pkg/Main.py` sorts before `pkg/__init__.py` by path, while
    # its module `pkg.Main` sorts after `pkg`.
    sources = {"pkg/__init__.py": "", "pkg/Main.py": "x = 1\n", "idle.py": "", "idle.pyw": ""}
    result = analyze_tree(make_tree(sources)).result
    assert [f.path for f in result.files] == ["idle.py", "idle.pyw", "pkg/Main.py", "pkg/__init__.py"]


def test_a_file_result_carries_the_files_counts_and_each_functions_span() -> None:
    # Mutation test (issue 12 item 6, fourth pass): every count of `rawmetrics` reaches the result, and so does
    # where each function ends.
    source = '"""Doc\nstring."""\n\n# a comment\ndef f(x):\n    if x:\n        return 1\n    return 2\n'
    f = analyze_tree(make_tree({"mod.py": source})).result.files[0]
    counts = raw_counts(source)
    assert (f.loc, f.lloc, f.sloc, f.comments, f.multi, f.blank) == (
        counts.loc, counts.lloc, counts.sloc, counts.comments, counts.multi, counts.blank,
    )  # fmt: skip
    assert (f.lloc, f.multi) == (5, 2)
    assert [(fn.qualname, fn.lineno, fn.end_lineno) for fn in f.functions] == [("f", 5, 8)]
