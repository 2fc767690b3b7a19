"""Exports (SPEC §2 "Exports"): the result as JSON and CSV, the extraction as a ZIP archive.

Each export is bytes, built in memory, and a pure function of its input: the same result gives the same
bytes (the ZIP carries fixed timestamps and permissions, the README and manifest hold no clock), so an export
can be cached, compared and served again without surprises.
"""

from __future__ import annotations

import ast
import codecs
import csv
import dataclasses
import io
import json
import zipfile
from collections import Counter
from typing import Any

from .extract import ExtractedUnit, Extraction, is_trivial
from .model import SCHEMA_VERSION, AnalysisResult, FileResult
from .runtime import parsing

__all__ = ["CSV_HEADER", "PACKAGE_NAME", "neutralise", "to_csv", "to_json", "to_zip"]

CSV_HEADER = ("File Path", "LOC", "UI %", "Pure Functions", "Classification", "Web Ready")
# The folder the README tells users to unzip into; any identifier works, the modules import each other relatively.
PACKAGE_NAME = "legacy_pure"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# 1980-01-01 is the earliest time a ZIP entry can hold: a fixed stamp keeps the archive byte-for-byte stable.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def to_json(result: AnalysisResult, *, pretty: bool = True) -> bytes:
    """The result as UTF-8 JSON, `schema_version` first, non-ASCII text left readable; pretty-printed for people
    (the CLI's file, downloads), compact for storage that only programs read (json's C encoder handles only that:
    on idlelib 0.03 s against 0.13 s)."""
    if not pretty:
        return (json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def neutralise(cell: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would run as a formula; leave others unchanged."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def to_csv(result: AnalysisResult) -> bytes:
    """One row per analysed file, sorted by path, as UTF-8 with a BOM so that Excel reads it as UTF-8.

    Every cell goes through `neutralise`, numbers included: the rule is then plain to audit. `Pure Functions`
    leaves trivial functions (stubs) out, as `summary.pure_functions` does.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for file in sorted(result.files, key=lambda f: f.path):
        row = (
            file.path,
            str(file.loc),
            f"{file.ui_pct:.1f}",
            str(_pure_count(file)),
            file.classification,
            "yes" if file.web_ready else "no",
        )
        writer.writerow([neutralise(cell) for cell in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _pure_count(file: FileResult) -> int:
    return sum(1 for fn in file.functions if fn.pure and not fn.trivial)


def to_zip(extraction: Extraction, result: AnalysisResult) -> bytes:
    """The generated modules, `manifest.json` and `README.md`, in a deterministic ZIP archive.

    Modules sit at the archive root as one package (every folder has an `__init__.py`): unzipped into a
    folder named `legacy_pure`, `import legacy_pure.core.units_pure` works.
    """
    entries = {path: text.encode("utf-8") for path, text in sorted(extraction.modules.items())}
    entries["manifest.json"] = (json.dumps(manifest(extraction, result), indent=2, ensure_ascii=False) + "\n").encode()
    entries["README.md"] = readme(extraction, result).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform that builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def manifest(extraction: Extraction, result: AnalysisResult) -> dict[str, Any]:
    """Every unit (source path, lines, target module, name, dependencies, note) and every miss, with why."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": "purelift",
        "job_id": result.job_id,
        "name": result.name,
        "package": PACKAGE_NAME,
        "modules": sorted(extraction.modules),
        "units": [{**dataclasses.asdict(unit), "lines": list(unit.lines)} for unit in extraction.units],
        "not_extracted": [dataclasses.asdict(miss) for miss in extraction.not_extracted],
    }


# --------------------------------------------------------------------------------------------------------
# README.md


def readme(extraction: Extraction, result: AnalysisResult) -> str:
    """The archive's README: layout, summary table per file, what was left out and why, a migration guide."""
    title = _cell(result.name) or "your application"
    extracted = len(extraction.units)
    parts = [
        f"# Pure functions extracted by purelift from {title}\n",
        f"{extracted} function{'s' if extracted != 1 else ''} extracted into "
        f"{sum(1 for p in extraction.modules if not p.endswith('__init__.py'))} modules; "
        f"{len(extraction.not_extracted)} pure function{'s' if len(extraction.not_extracted) != 1 else ''} "
        "could not be extracted (listed below, with why).\n",
        _LAYOUT.format(package=PACKAGE_NAME),
        _summary_table(extraction, result),
        _not_extracted_table(extraction),
        _migration_guide(extraction),
    ]
    return "\n".join(parts).rstrip("\n") + "\n"


_LAYOUT = """## Layout

Unzip the archive into a folder named `{package}` next to your backend code:

```sh
unzip pure_functions.zip -d {package}
```

Every folder holds an `__init__.py`, so the whole archive is one package (`import {package}.<path>_pure`);
the generated modules import each other relatively, so any other folder name that is a Python identifier
works too. Each module mirrors one source file (`core/units.py` -> `core/units_pure.py`; a package's
`__init__.py` stays `__init__.py`, so `from core import f` reads the same; a folder or file name that is not a
Python name becomes one, `build-tool.py` -> `build_tool_pure.py`) and holds copies of
its pure functions, each preceded by `# from <path> lines <start>-<end>`, with the constants, classes and
imports they need and nothing else: importing a module runs no other code. A helper whose only effects are on
what it is handed (`def fill(out): out.append(...)`, `def apply(f, x): return f(x)`) is carried when a pure function
hands it objects it built and pure functions, and says so in a comment: call it the same way. Methods that never
use `self` (or `cls`) are module-level functions there, without that parameter. `manifest.json` lists every unit
with its dependencies.
"""


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell or heading."""
    return " ".join(text.split()).replace("|", "\\|")


def _summary_table(extraction: Extraction, result: AnalysisResult) -> str:
    per_file = Counter(unit.source_path for unit in extraction.units)
    rows = ["## Summary\n", "| File | Functions | Pure | Extracted |", "|---|---:|---:|---:|"]
    for file in sorted(result.files, key=lambda f: f.path):
        pure = _pure_count(file)
        rows.append(f"| `{_cell(file.path)}` | {len(file.functions)} | {pure} | {per_file.get(file.path, 0)} |")
    return "\n".join(rows) + "\n"


def _not_extracted_table(extraction: Extraction) -> str:
    if not extraction.not_extracted:
        return "## Not extracted\n\nEvery pure function was extracted.\n"
    rows = ["## Not extracted\n", "| File | Function | Why |", "|---|---|---|"]
    for miss in extraction.not_extracted:
        rows.append(f"| `{_cell(miss.source_path)}` | `{_cell(miss.qualname)}` | {_cell(miss.reason)} |")
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------------------------------------
# The migration guide: one real extracted function behind a FastAPI endpoint.


@dataclasses.dataclass(frozen=True, slots=True)
class _Showcase:
    unit: ExtractedUnit
    fields: list[str]  # `name: Any` or `name: Any = <literal>`
    generator: bool
    statements: int  # statements of its own body, nested blocks included
    calls: int  # calls of other extracted functions


def _importable(path: str) -> bool:
    parts = path.removesuffix(".py").split("/")
    return all(part.isidentifier() for part in parts)


def _showcase(extraction: Extraction) -> _Showcase | None:
    """The most substantial unit a JSON endpoint can call as is (named parameters only, literal defaults, not
    async), never a trivial one: a stub that returns a constant shows nothing worth migrating.

    Ranked by, in turn: a plain function (not a generator) with parameters, since a request carries
    arguments; the most statements; the most calls of other extracted functions; then source order."""
    names = {unit.name for unit in extraction.units}
    trees: dict[str, ast.Module] = {}
    best: tuple[tuple[bool, int, int], _Showcase] | None = None
    for unit in extraction.units:
        text = extraction.modules.get(unit.target_module)
        if text is None or not _importable(unit.target_module):
            continue
        tree = trees.get(unit.target_module)
        if tree is None:
            with parsing():  # the pipeline's steps run on threads of one process locally (`runtime.PARSE_LOCK`)
                tree = trees[unit.target_module] = ast.parse(text)
        fn = next((s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == unit.name), None)
        if fn is None or fn.args.posonlyargs or fn.args.vararg or fn.args.kwarg or is_trivial(fn):
            continue
        fields = _fields(fn)
        if fields is None:
            continue
        nodes = _own_nodes(fn)
        generator = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes)
        statements = sum(1 for n in nodes if isinstance(n, ast.stmt))
        calls = sum(
            1
            for n in nodes
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in names and n.func.id != fn.name
        )
        show = _Showcase(unit, fields, generator, statements, calls)
        rank = (bool(fields) and not generator, statements, calls)
        if best is None or rank > best[0]:
            best = (rank, show)
    return best[1] if best else None


def _own_nodes(fn: ast.FunctionDef) -> list[ast.AST]:
    """Nodes of a function's own body, not of the functions nested in it."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _fields(fn: ast.FunctionDef) -> list[str] | None:
    args = fn.args
    positional = args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults, strict=True)) + list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
    fields = []
    for arg, default in pairs:
        if default is None:
            fields.append(f"{arg.arg}: Any")
            continue
        try:
            ast.literal_eval(default)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return None  # a default that is not a literal cannot be repeated in the request model
        fields.append(f"{arg.arg}: Any = {ast.unparse(default)}")
    return fields


def _migration_guide(extraction: Extraction) -> str:
    show = _showcase(extraction)
    head = "## Migration guide: serve an extracted function from a web backend\n"
    if show is None:
        return head + "\nNo extracted function of this analysis can be called from a JSON request as is.\n"
    unit = show.unit
    dotted = unit.target_module.removesuffix(".py").replace("/", ".")
    module = f"{PACKAGE_NAME}.{dotted}".removesuffix(".__init__")  # a package's `__init__.py` is the package
    route = "/" + unit.name.strip("_").replace("_", "-")
    call = f"{unit.name}(**args.model_dump())" if show.fields else f"{unit.name}()"
    if show.generator:
        call = f"list({call})"
    model = "".join(word.capitalize() for word in unit.name.split("_") if word) + "Args"
    origin = f"`{unit.qualname}` from `{_cell(unit.source_path)}` (lines {unit.lines[0]}-{unit.lines[1]})"
    code = ["from typing import Any", "", "from fastapi import FastAPI"]
    code += ["from pydantic import BaseModel"] if show.fields else []
    code += ["", f"from {module} import {unit.name}", "", 'app = FastAPI(title="Extracted pure functions")', ""]
    if show.fields:
        code += ["", f"class {model}(BaseModel):", *(f"    {field}" for field in show.fields), "", ""]
        code += [f'@app.post("{route}")', f"def {unit.name}_endpoint(args: {model}) -> dict[str, Any]:"]
    else:
        code += ["", f'@app.get("{route}")', f"def {unit.name}_endpoint() -> dict[str, Any]:"]
    code += [f'    return {{"result": {call}}}']
    body = "\n".join(code)
    lifted = f"\n{unit.note}.\n" if unit.note else ""
    names = [field.split(":")[0] for field in show.fields]
    if show.fields:
        request = "send the arguments as a JSON object, " + "`{" + ", ".join(f'"{n}": ...' for n in names) + "}`"
        request += f", to `POST {route}`"
    else:
        request = f"call `GET {route}`"
    return (
        f"{head}\nThe desktop code stays as it was; the backend imports the extracted copy. Here {origin} "
        "answers a JSON request through [FastAPI](https://fastapi.tiangolo.com); any framework works the same "
        f"way.\n{lifted}\n```python\n# app.py, next to the `{PACKAGE_NAME}` folder\n{body}\n```\n\n"
        f"Run it with `pip install fastapi uvicorn` and `uvicorn app:app`, then {request}. The function returns "
        "what the original returns for the same arguments, and the endpoint sends it back as JSON.\n"
    )
