"""`python -m bench [SECTION ...]`: run every benchmark section that exists and print its figures.

Sections are imported lazily, so a section whose module (or one of its dependencies) is missing is skipped
with a note instead of stopping the others. Missed targets do not change the exit status: it is 0 unless a
section crashes.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

SECTIONS = ("engine", "backend", "local", "pipeline", "web")


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"bench.{name}")
    except ImportError as exc:
        print(f"({name} section skipped: {exc})")
        return None


def _two_columns(rows: Sequence[tuple[str, str]]) -> str:
    width = max((len(measure) for measure, _ in rows), default=0)
    return "\n".join(f"{measure:<{width}} | {value}" for measure, value in rows)


def _run_section(name: str, module: ModuleType) -> None:
    if name == "engine":
        print(module.report())
    else:
        print(_two_columns(module.run()))


def main(argv: Sequence[str] | None = None) -> int:
    wanted = list(argv if argv is not None else sys.argv[1:]) or list(SECTIONS)
    unknown = [name for name in wanted if name not in SECTIONS]
    if unknown:
        print(f"unknown section(s): {', '.join(unknown)}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    status = 0
    for name in wanted:
        print(f"\n== {name} ==", flush=True)
        module = _import(name)
        if module is None:
            continue
        try:
            _run_section(name, module)
        except Exception:
            traceback.print_exc()
            print(f"({name} section failed; see the traceback above)")
            status = 1
        sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
