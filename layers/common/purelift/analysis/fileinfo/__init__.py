"""The per-file pass: one source file in, one serialisable `FileSummary` out.

It decodes (PEP 263), tokenizes once (line counts, code lines), parses once, and walks the tree once per
scope, recording what can be decided from this file alone (local effects of each function, with lines)
and, as keys, what only the whole project can decide (which names are UI, which globals are state, what a
call resolves to). Nothing here imports or runs the analysed code.

The walk is `statements.FileVisitor`, built in layers a reader can take one at a time: `walk` (state, driver,
recording), `names` (scopes and what a name means), `effects` (stores and mutations), `expressions` and
`statements`; `scope` holds the scope record and which names a block binds, `nodes` small AST helpers.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
from collections.abc import Iterator

from .. import rawscan, rules
from ..config import EngineConfig
from ..model import ParseError
from ..modules import module_name
from ..rawmetrics import NOT_CODE, fallback_counts, raw_counts
from ..runtime import deep_recursion, parsing
from ..summary import FileSummary
from ..trees import KeptTrees
from . import newer_syntax
from .statements import FileVisitor

_IMPORT_RE = re.compile(r"^\s*(?:from\s+(\.*[\w.]*)\s+import\b|import\s+([\w.]+(?:\s*(?:as\s+\w+)?\s*,\s*[\w.]+)*))")


# Libraries whose objects a slice views rather than copies (`a[:]` of a numpy array, a tensor, a memoryview): in
# a file that names none of them a slice is taken as a list's, str's or tuple's, a new object.
_VIEW_LIBRARIES = ("numpy", "torch", "tensorflow", "jax", "cupy", "pandas", "memoryview", "xarray", "dask")


def summarize_file(
    path: str, data: bytes, config: EngineConfig | None = None, trees: KeptTrees | None = None
) -> FileSummary:
    """Run the per-file pass. Never raises on bad user code: such a file gets `parse_error` instead.

    `trees`: where to offer the parse tree of a file that walked cleanly, for the extraction in this process."""
    config = config or EngineConfig()
    summary = FileSummary(
        path=path,
        module=module_name(path),
        is_package=path.endswith("__init__.py"),
        counts=fallback_counts(""),
        source_sha=hashlib.sha256(data).hexdigest(),
    )
    text, error = _decode(data)
    if error is not None:
        summary.parse_error = error
        summary.counts = fallback_counts(text)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    scanned = rawscan.scan(text)  # clean text: counts and code lines in one loop (3.11: without token objects)
    if scanned is not None:
        summary.counts, summary.code_lines = scanned
    else:
        # The tokens stream by once, into the line counts and the code ranges at the same time: kept as a list
        # they weighed ~100x the source (400 MB for a 4 MB file), on top of the tree parsed next (issue 9 item 7).
        tokens = _TokenStream(text)
        counts = raw_counts(text, tokens)
        tokens.drain()  # what the counting left unread (it stops early on text radon rejects)
        if tokens.error is not None:
            summary.counts = fallback_counts(text)
            summary.parse_error = _parse_error(text, _compiler_error(text) or tokens.error)
            summary.toolkits = _fallback_toolkits(text, config)
            return summary
        summary.counts = counts
        summary.code_lines = tokens.code_lines
        del tokens
    try:
        with parsing():
            tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        summary.parse_error = _parse_error(text, exc)
        summary.toolkits = _fallback_toolkits(text, config)
        return summary
    try:
        visitor = FileVisitor(summary, config)
        visitor.walrus_lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(":=", text)]
        visitor.walrus = bool(visitor.walrus_lines)
        visitor.numpy_possible = "numpy" in text or not text.isascii()
        visitor.nonlocal_possible = "nonlocal" in text or not text.isascii()
        visitor.slices_copy = text.isascii() and not any(name in text for name in _VIEW_LIBRARIES)
        visitor.platform_possible = (
            "platform" in text or "os.name" in text or "version" in text or "PY" in text or not text.isascii()
        )
        with deep_recursion():
            visitor.run(tree)
    except RecursionError:
        # A half-walked file must not claim anything: no function verdicts from it at all.
        summary.parse_error = ParseError(lineno=1, message="nesting too deep to analyse")
        summary.functions, summary.classes, summary.refs, summary.derive = [], {}, {}, {}
        return summary
    if trees is not None:
        trees.offer(path, len(data), tree)
    return summary


def decode_source(data: bytes) -> str:
    """Source text as the engine reads it (PEP 263; undecodable bytes fall back to latin-1)."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, ParseError | None]:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return data.decode("latin-1"), ParseError(
            lineno=exc.lineno or 1, message=f"bad encoding declaration: {exc.msg}"
        )
    try:
        return data.decode(encoding), None
    except (UnicodeDecodeError, LookupError) as exc:
        start = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        lineno = data.count(b"\n", 0, start) + 1
        return data.decode("latin-1"), ParseError(lineno=lineno, message=f"cannot decode as {encoding}")


def _compiler_error(text: str) -> BaseException | None:
    """The parser's own error for text the tokenizer rejected: it points at the real line more often."""
    try:
        with parsing():
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return exc
    return None


def _parse_error(text: str, exc: BaseException) -> ParseError:
    nul = text.find("\x00")
    if nul >= 0 and "null" in str(exc):
        return ParseError(lineno=text.count("\n", 0, nul) + 1, message="null byte in the source")
    if isinstance(exc, SyntaxError):
        lineno = exc.lineno or 1
        line = exc.text if exc.text is not None else _line(text, lineno)
        return ParseError(lineno=lineno, message=newer_syntax.explain(exc.msg or "invalid syntax", line))
    if isinstance(exc, tokenize.TokenError):
        message, position = exc.args if len(exc.args) == 2 else (str(exc), (1, 0))
        return ParseError(lineno=position[0] if isinstance(position, tuple) else 1, message=str(message))
    if isinstance(exc, ValueError):
        return ParseError(lineno=1, message=str(exc))
    return ParseError(lineno=1, message="source too complex to parse")


def _line(text: str, lineno: int) -> str:
    lines = text.splitlines()
    return lines[lineno - 1] if 0 < lineno <= len(lines) else ""


class _TokenStream:
    """The file's tokens, read once and never kept: iterating records the ranges of lines that hold code
    tokens (`code_lines`: flat [start, end, ...], not comments, blank lines or indentation) as they pass, and
    the tokenizer's error (`error`) when the text does not tokenize. Several loops share one underlying
    stream, so `drain` after a consumer that stopped early sees every token exactly once."""

    def __init__(self, text: str) -> None:
        self.code_lines: list[int] = []
        self.error: tokenize.TokenError | SyntaxError | None = None
        self._tokens = tokenize.generate_tokens(io.StringIO(text).readline)

    def __iter__(self) -> Iterator[tokenize.TokenInfo]:
        flat = self.code_lines
        not_code = NOT_CODE
        last = flat[-1] if flat else -2  # the end of the last range, kept in a local: this runs once per token
        try:
            for tok in self._tokens:
                if tok[0] not in not_code:
                    start = tok[2][0]
                    if start <= last + 1:
                        end = tok[3][0]
                        if end > last:
                            flat[-1] = last = end
                    else:
                        last = tok[3][0]
                        flat += [start, last]
                yield tok
        except (tokenize.TokenError, SyntaxError) as exc:
            self.error = exc
            raise

    def drain(self) -> None:
        """Read the tokens nobody read yet; a tokenizer error ends up in `error`, not raised."""
        try:
            for _ in self:
                pass
        except (tokenize.TokenError, SyntaxError):
            pass


def _fallback_toolkits(text: str, config: EngineConfig) -> list[str]:
    """Toolkit imports of a file that does not parse: read import lines token by token, not by grammar."""
    found: set[str] = set()
    table = config.toolkits
    for line in text.splitlines():
        m = _IMPORT_RE.match(line)
        if not m:
            continue
        names = [m.group(1)] if m.group(1) else [p.split()[0] for p in (m.group(2) or "").split(",") if p.strip()]
        if m.group(1):
            rest = line[m.end() :]
            names += [f"{m.group(1)}.{n.split()[0]}" for n in re.split(r"[,()\s]+as\s+\w+|[,()]", rest) if n.strip()]
        for name in names:
            kit = rules.toolkit_of(name.strip(), table)
            if kit:
                found.add(kit)
    return sorted(found)
