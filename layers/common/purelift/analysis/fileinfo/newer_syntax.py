"""Why a file the running Python cannot parse may still be valid Python: syntax a later version added.

The CLI runs on 3.11-3.13 and the Lambda runtime is 3.12, and `ast` reads only the syntax of the interpreter it runs
in. A file using `type Alias = …` or `def first[T](…)` (PEP 695, 3.12) is valid code that 3.11 reports as "invalid
syntax"; said that way, a user would look for a bug in their code. The parse error names the feature, the version
that reads it and the version that ran, so the remedy (run purelift under that version) is in the message.
Only the line the parser stopped at is read, so a genuine error elsewhere is never explained away.
"""

from __future__ import annotations

import re
import sys

# (Python version that reads it, pattern on the line the parser stopped at, what it is). Definite: the line can
# only be that feature.
_FEATURES: tuple[tuple[tuple[int, int], re.Pattern[str], str], ...] = (
    ((3, 12), re.compile(r"^\s*type\s+[A-Za-z_]\w*\s*(?:\[|=)"), "a `type` alias statement (PEP 695)"),
    ((3, 12), re.compile(r"^\s*(?:async\s+)?def\s+[A-Za-z_]\w*\s*\["), "a function with type parameters (PEP 695)"),
    ((3, 12), re.compile(r"^\s*class\s+[A-Za-z_]\w*\s*\["), "a class with type parameters (PEP 695)"),
    (
        (3, 14),
        re.compile(r"^\s*except\*?\s+(?![^:]*\bas\b)[^(:\s][^:]*,"),
        "`except` naming several types without brackets (PEP 758)",
    ),
)
# The parser's f-string messages before 3.12: PEP 701 made f-strings full expressions (quotes reused inside the
# braces, backslashes, comments, several lines), so such a message may be valid 3.12 code, or a real error.
_FSTRING_MESSAGE = "f-string"


def explain(message: str, line: str, running: tuple[int, int] = sys.version_info[:2]) -> str:
    """`message` (the parser's), with the later Python that reads `line` when that explains the failure."""
    for version, pattern, feature in _FEATURES:
        if running < version and pattern.match(line):
            return f"{message}: {feature} needs Python {_v(version)}+, and this analysis ran on Python {_v(running)}"
    if running < (3, 12) and message.startswith(_FSTRING_MESSAGE):
        return (
            f"{message} (valid from Python 3.12 if the f-string reuses its quotes or holds a backslash inside its "
            f"braces, PEP 701; this analysis ran on Python {_v(running)})"
        )
    return message


def needed_version(message: str) -> str | None:
    """The later Python a parse error says the file needs (`explain`'s definite cases), e.g. "3.12"."""
    found = _NEEDS.search(message)
    return found.group(1) if found else None


_NEEDS = re.compile(r"needs Python (\d+\.\d+)\+")


def _v(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"
