"""Extraction (SPEC §2 "Extraction"): hand the pure functions back as standalone `{stem}_pure.py` modules.

The package's parts: `units` (what an extraction produces, and the planning graph's records), `source` (one file
read once: tree, scopes, bindings), `changed` (the module-level names the module body changes or hands on at
import; what functions change comes from the per-file pass, `analysis.state`), `planner` (what can be carried,
greatest fixpoint) and `emit` (the generated text).

The extraction reads the sources itself (`ast` for the code, `symtable` for scopes) and takes nothing from
the solve but its verdicts (`FunctionResult.pure`, `trivial`, and `calls` to judge a class). It reads only the
files it needs, each once, on first use: those holding a candidate unit or something one needs, and those the
per-file pass says may change an imported project object (`FileSummary.changed_imports`); on idlelib that is
57 files of 126. What it emits is a
verbatim copy of original definitions; the only edits are mechanical: re-indenting a method lifted to
module level, dropping that method's unused `self`/`cls` parameter, renaming it on a clash, and rewriting
project imports as relative imports of the `_pure` modules.

Precision comes before recall: a unit is dropped, with a reason in plain words, as soon as one thing it needs
cannot be carried, and the drop travels to everything that needs the unit (a greatest fixpoint, so recursive
and mutually recursive pure functions stay in). A generated module therefore never holds an undefined name.

Choices a reader of the output should know:

- *Units* are pure module-level functions, pure `@staticmethod`s, and pure `@classmethod`s and methods that
  never use their first parameter. Those two are lifted without that parameter: `title_for(name)` returns
  what `window.title_for(name)` returns; the unit's `note` (and the manifest) say so.
- A lifted method keeps its name unless the name is already bound in the original module (or is a
  builtin); then it becomes `Class_name` (`Class_name_2`, … if needed). A comment names the original.
- A class is *carried* (copied whole, not a unit) when a unit needs it and it is self-contained: no base but
  `object`, builtin exceptions, project classes carried with it and a namedtuple built in the class statement,
  no metaclass, known-pure decorators only, a body of methods, docstring and constant assignments,
  and every function in it pure or only changing its own instance (`self_mutation`): such a copy behaves
  exactly as the original does. Its body runs at import, top to bottom: a name it reads before binding it
  (`hidpi = hidpi.Option.AUTO`) is the module's and is carried too, or the class is not.
- Names in annotations are dependencies, those of nested functions included (`def key(x) -> Any`). A name
  imported in `if TYPE_CHECKING:` and read only in annotations that never run is imported the same way in the
  copy (an `if TYPE_CHECKING:` block of outside imports; a project name is carried as any import).
- An import a current Python no longer has (`rules.REMOVED_FROM_PYTHON`: `UserDict`, `imp`, `collections.Mapping`)
  is never emitted: what needs it is not extracted.
- A package's `__init__.py` extracts to the archive's `__init__.py` of the same folder (the package
  itself), every other module to `{stem}_pure.py`.
- A module-level name is carried only when it is bound exactly once, unconditionally, and nothing changes it
  (no `global` rebinding, no attribute or item assignment, no mutating method call, and for constants no
  module-level code that hands it to something unknown).
- Trivial units (an empty body, a docstring, a constant return, only a raise: `padding`) and, unless
  `EngineConfig.extract_tests`, the units of test code (`tests/`, `test/`, `test_*.py`, `*_test.py`,
  `conftest.py`) are not extracted: they are listed as not extracted with why, and still carried as a
  dependency when an extracted unit needs them.
- A function that is impure only by what its callers hand it (it changes its arguments, or calls one back) is
  carried when a unit needs it, with a comment saying so, and is never a unit (`planner.answers_to_its_callers`):
  a pure unit hands it only objects it built and pure functions.
- Modules with something needed are emitted, usually because they hold a unit; a module can also be emitted
  only for a constant that another module's unit imports.
- Imports of two `_pure` modules from each other would fail (names are imported at the top), so the units
  that would need such a circular import are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..config import EngineConfig
from ..model import FileResult
from ..modules import ModuleIndex
from ..padding import is_test_path, is_trivial
from ..runtime import no_cyclic_gc
from ..summary import FileSummary
from ..trees import KeptTrees
from .planner import Planner
from .units import ExtractedUnit, Extraction, NotExtracted, target_path

__all__ = [
    "ExtractedUnit",
    "Extraction",
    "NotExtracted",
    "is_test_path",
    "is_trivial",
    "mark_extractable",
    "plan_extraction",
    "target_path",
]


def plan_extraction(
    sources: Mapping[str, str],
    files: list[FileResult],
    index: ModuleIndex,
    config: EngineConfig | None = None,
    summaries: Mapping[str, FileSummary] | None = None,
    trees: KeptTrees | None = None,
) -> Extraction:
    """Plan the extraction of every pure unit of `files` and generate the modules.

    `sources` maps a path to its decoded text (files that parsed); `files` carry the verdicts and are left as
    they are (results are immutable): `mark_extractable` gives them their `extractable` flags. Deterministic:
    the same input gives the same modules, in source order.

    `summaries` (path -> the per-file pass's `FileSummary`) lets the planner parse only the files it needs:
    those with a candidate unit or something one needs, and those that may change an imported object
    (`changed_imports`); they also say what functions change (`state.runtime_changes`). Without them every file
    is parsed and the per-file pass runs again on each (the verdicts alone cannot say which may).

    `trees`: parse trees the per-file pass kept in this process (`trees.KeptTrees`); those files are not parsed
    again.
    """
    with no_cyclic_gc():  # also when called outside analyze_tree (the pipeline's Aggregate)
        return Planner(sources, files, index, config or EngineConfig(), summaries, trees).run()


def mark_extractable(files: list[FileResult], extraction: Extraction) -> list[FileResult]:
    """`files` with `extractable` True exactly for the functions `extraction` extracted, and `trivial` True
    exactly for the trivial ones it found (the extraction reads the bodies; the solve does not judge them).

    Only the results whose flags change are rebuilt (the solve leaves every flag False), so a project with
    few extracted or trivial functions costs next to nothing here.
    """
    extracted, trivial = extraction.extracted, extraction.trivial
    out: list[FileResult] = []
    for result in files:
        path = result.path
        flags = [
            ((path, fr.qualname, fr.lineno) in extracted, (path, fr.qualname, fr.lineno) in trivial)
            for fr in result.functions
        ]
        if any((fr.extractable, fr.trivial) != flag for fr, flag in zip(result.functions, flags, strict=True)):
            functions = [
                replace(fr, extractable=flag[0], trivial=flag[1])
                for fr, flag in zip(result.functions, flags, strict=True)
            ]
            result = replace(result, functions=functions)
        out.append(result)
    return out
