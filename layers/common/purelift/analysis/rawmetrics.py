"""Raw line counts (SPEC §2 "Line counts"): the numbers of radon 6.0.1's `radon raw`, in linear time.

The counts must equal radon's so that users can cross-check them, so this module reproduces radon's model,
quirks included, rather than a cleaner one. radon (`radon/raw.py::analyze`) works like this:

1. It splits the text with `str.splitlines()` (which also breaks at form feed, vertical tab, a lone CR,
   `\\x1c`-`\\x1e`, `\\x85`, U+2028 and U+2029, even inside strings and comments) and strips every line.
2. From each line it grows a *chunk*: it tokenizes the stripped lines joined with newlines (the last one
   without) and adds the next line while tokenize fails (unclosed bracket, string or backslash continuation)
   or yields an ERRORTOKEN. Running out of lines is a `SyntaxError`: radon cannot count such text at all.
3. A chunk whose first token is a comment, or a one-row string, followed by nothing but newlines, counts
   as one `single_comments` line, however many rows it spans. A chunk that is one multi-row string counts
   its non-empty rows as `multi` (so does a string assigned to nothing in the middle of code). Any other
   chunk counts its non-empty rows as `sloc`. Empty rows are `blank`, except in a single-comment chunk.
   `comments` is the number of COMMENT tokens wherever they stand (after code, inside brackets).
4. `lloc`: the chunk's tokens are split at every `;`; a part counts 0 if it holds nothing but comments and
   newlines, 1 if it holds no `:` or its last `:` is its last token (ENDMARKER aside), otherwise 2
   (`if x: return`, but also `x: int = 1`, `{1: 2}`, `lambda: 0`). Only the last part ends with an
   ENDMARKER, so in a part before a `;` a colon *second to last* also counts 1 (`if x: y; z` is 2).
5. `loc` is `sloc + blank + multi + single_comments`: the number of lines, less the extra rows of
   single-comment chunks.

radon re-tokenizes the growing chunk once per added line, which is quadratic in the length of a statement
(minutes on `pydoc_data/topics.py`). Here the chunks are read off *one* token stream: after a chunk that
ended cleanly, the tokenizer's state is the one radon starts the next chunk with. A chunk ends on a
non-empty row after which the tokenizer stands outside any statement (a NEWLINE, or an NL outside
brackets), or on an empty row right below such a point. The second case exists because radon's buffer
never ends with an empty line (its newline only terminates the row above): a backslash continuation
followed by one empty line is a finished statement for tokenize, but radon's chunk goes on to the next
empty line or to the end of the next statement. Two token streams serve:

- the tokens of the text itself, which the caller usually has already; its indentation only adds
  INDENT/DEDENT tokens, which radon never sees and which are skipped;
- the tokens of radon's own view, the stripped `splitlines()` lines joined, used when the text breaks
  lines where tokenize does not, or when its own tokens are unusable (an ERRORTOKEN, a tokenize error:
  stripping may cure both, as a trailing no-break space or a bad dedent show); this is radon's
  algorithm done in one pass, and where it fails radon fails too.

Both are linear in the size of the text. Text radon rejects gets best-effort counts instead of an
exception (see `fallback_counts`): bad user code is a result, not a crash.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from purelift.analysis import tokenize311

# `NOT_CODE`, `NO_STRING`, `TOKENIZE_ERRORS`, `Tally`, `count_tokens`, `counts_from`, `logical_lines` and
# `splits_like_radon` are shared with `rawscan`.
__all__ = [
    "NOT_CODE",
    "NO_STRING",
    "TOKENIZE_ERRORS",
    "RawCounts",
    "Tally",
    "count_tokens",
    "counts_from",
    "fallback_counts",
    "logical_lines",
    "raw_counts",
    "splits_like_radon",
]

_NAME = tokenize.NAME
_NUMBER = tokenize.NUMBER
_STRING = tokenize.STRING
_OP = tokenize.OP
_COMMENT = tokenize.COMMENT
_NEWLINE = tokenize.NEWLINE
_NL = tokenize.NL
_ERRORTOKEN = tokenize.ERRORTOKEN
# Python 3.12+ (PEP 701) tokenizes an f-string into FSTRING_START, its parts (FSTRING_MIDDLE, and the
# replacement fields' own tokens, `:` included) and FSTRING_END, where 3.11 and radon's reference see one
# STRING; -1 (no token has that type) before 3.12.
_FSTRING_START: int = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END: int = getattr(tokenize, "FSTRING_END", -1)
# What tokenizing may raise: 3.12+'s C tokenizer also raises UnicodeEncodeError on a lone surrogate (text
# decoded with `surrogateescape`), where 3.11 yields an ERRORTOKEN, and (3.12.1, a CPython bug on some junk
# with NUL bytes) SystemError "returned a result with an exception set" for its own SyntaxError.
TOKENIZE_ERRORS = (tokenize.TokenError, SyntaxError, UnicodeError, SystemError)
_C_TOKENIZER = _FSTRING_START != -1  # 3.12+: `tokenize` runs the C tokenizer (see `count_tokens`)
_StringToken = tuple[str, int, int]  # text, first row, last row
# What the counting reads of a token: a `tokenize.TokenInfo`, or the plain tuple 3.12+'s C tokenizer makes of it.
_Token = tuple[int, str, tuple[int, int], tuple[int, int], str]
# Tokens that are no code: rows holding only these are not code lines (`FileSummary.code_lines`).
NOT_CODE = frozenset({_COMMENT, _NL, _NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER})
_NOT_CODE = NOT_CODE
NO_STRING: _StringToken = ("", 0, 0)
_BRACKET_DEPTH = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}

# Line breaks `str.splitlines()` honours but tokenize (which splits at "\n" only) does not, besides a lone CR.
_OTHER_LINE_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
# An empty line strictly inside a multi-line string token (its first and last lines hold the quotes).
_INNER_BLANK_LINE = re.compile(r"\n[^\S\n]*(?=\n)")


@dataclass(frozen=True, slots=True)
class RawCounts:
    """Line counts of one file, with radon's definitions (SPEC §2 "Line counts").

    loc: physical lines; lloc: logical lines; sloc: lines of code; comments: comment tokens;
    multi: non-empty lines of multi-line strings standing alone (docstrings); blank: whitespace-only lines.
    """

    loc: int
    lloc: int
    sloc: int
    comments: int
    multi: int
    blank: int


class _RadonRejectsError(SyntaxError):
    """radon's `analyze` raises on this text: a statement never ends, or a character cannot be tokenized."""


@dataclass(slots=True)
class Tally:
    """What one pass over the tokens found; the line totals come from the text itself."""

    lloc: int = 0
    comments: int = 0
    multi: int = 0
    single: int = 0
    merged: int = 0  # rows a multi-row single-comment chunk loses from `loc` (radon counts it as one)
    merged_blank: int = 0  # the empty ones among them, which are not `blank` either

    def count_plain_chunk(self, n: int, comments: int, string: _StringToken, first: int, last: int, blank: int) -> None:
        """Count a chunk of rows `first`..`last` (`blank` of them empty) with at most one token that is
        neither a comment nor a newline, none before its first token and no `;`.

        radon takes such a chunk for a comment when that first token is a comment or a one-row string
        (one `single_comments` line, however many rows), for a docstring when it is a multi-row string
        (its non-empty rows are `multi`), and for code otherwise.
        """
        text, string_first, string_last = string
        if (n == 0 and comments) or (n == 1 and not comments and string_first == string_last != 0):
            self.single += 1
            self.merged += last - first
            self.merged_blank += blank
        elif n == 1 and not comments and string_first:
            self.multi += last - first + 1 - blank - len(_INNER_BLANK_LINE.findall(text))


def raw_counts(source: str, tokens: Iterable[tokenize.TokenInfo] | None = None) -> RawCounts:
    """Same numbers as radon 6.0.1 `radon.raw.analyze(source)` (fields loc, lloc, sloc, comments, multi, blank).

    `tokens`, when given, must be `tokenize.generate_tokens(io.StringIO(source).readline)` of this very
    text, read once (a stream will do: the caller tokenizes once for all its uses and need not keep a list).
    They are ignored, and the text re-tokenized, when it breaks lines where tokenize does not (form feed,
    lone CR, ...), when its last line is whitespace only without a final newline, or when they hold an
    ERRORTOKEN. Without tokens the text is tokenized here.

    Never raises. For text radon itself rejects (it raises `SyntaxError`: a string, bracket or backslash
    continuation that never ends, a character tokenize cannot read) there are no radon numbers to match,
    and the result is `fallback_counts(source)`.
    """
    if splits_like_radon(source):
        lines = source.splitlines()
        if lines and not lines[-1].strip() and not source.endswith("\n"):
            # The same lines for radon; for tokenize a last row with a token (see `count_tokens`).
            source += "\n"
            tokens = None
        try:
            if tokens is None:
                tokens = tokenize.generate_tokens(io.StringIO(source).readline)
            tally = count_tokens(tokens, c_names=_C_TOKENIZER)
        except TOKENIZE_ERRORS:
            pass  # radon may still count it: its stripped lines tokenize differently (see the module doc)
        else:
            return counts_from(tally, len(lines), len(lines) - sum(map(bool, map(str.strip, lines))))
    return fallback_counts(source)


def splits_like_radon(source: str) -> bool:
    """Whether tokenize's rows are radon's lines: no line break but LF and CRLF, which both honour."""
    if "\r" in source and source.count("\r") != source.count("\r\n"):
        return False
    return not any(char in source for char in _OTHER_LINE_BREAKS)


def fallback_counts(source: str) -> RawCounts:
    """Best-effort counts for text that does not tokenize (Python 2 code, syntax errors); never raises.

    The text is counted the way radon sees it (stripped `splitlines()` lines), so where radon can count it
    (Python 2 `print "x"` tokenizes, and radon ignores indentation errors) the numbers are radon's, equal
    to `raw_counts(source)`. Where radon raises, a character tokenize cannot read counts as code, an
    unbalanced closing bracket is ignored, and a string or statement still open at the end of the text
    makes all its remaining lines code (`sloc`, or `blank`), so every line is still counted once.
    """
    try:
        return _count_lines(source, lenient=False)
    except TOKENIZE_ERRORS:
        return _count_lines(source, lenient=True)


def _count_lines(source: str, *, lenient: bool) -> RawCounts:
    """Count `source` from radon's view of it: its stripped `splitlines()` lines, tokenized in one pass."""
    lines = [line.strip() for line in source.splitlines()]
    text = "\n".join(lines) + "\n" if lines else ""
    # 3.11's tokenizer on every interpreter: 3.12+'s raises on much of what this path is for (module doc)
    tokens: Iterable[tokenize.TokenInfo] = tokenize311.generate_tokens(io.StringIO(text).readline)
    if lenient:
        tokens = _tolerant(tokens, len(lines))
    tally = count_tokens(tokens)
    return counts_from(tally, len(lines), lines.count(""))


def _tolerant(tokens: Iterable[tokenize.TokenInfo], n_lines: int) -> Iterator[tokenize.TokenInfo]:
    """The tokens made countable: what radon would reject becomes code rather than an error.

    An ERRORTOKEN becomes a NAME, an unmatched closing bracket is dropped, and whatever is still open
    where tokenize gives up (it only does so at the end of the text) is closed on the last line.
    """
    depth = 0
    try:
        for token in tokens:
            if token.type == tokenize.ERRORTOKEN:
                token = token._replace(type=tokenize.NAME)
            elif token.type == tokenize.OP and token.string in _BRACKET_DEPTH:
                if depth + _BRACKET_DEPTH[token.string] < 0:
                    continue
                depth += _BRACKET_DEPTH[token.string]
            yield token
    except TOKENIZE_ERRORS:
        pass
    end = (n_lines, 0)
    for _ in range(depth):
        yield tokenize.TokenInfo(tokenize.OP, ")", end, end, "")
    yield tokenize.TokenInfo(tokenize.NEWLINE, "\n", end, end, "<end of text>")


def counts_from(tally: Tally, n_lines: int, n_blank: int) -> RawCounts:
    """Assemble radon's fields: `sloc` is whatever line is neither blank, `multi` nor a single comment."""
    loc = n_lines - tally.merged
    blank = n_blank - tally.merged_blank
    return RawCounts(
        loc=loc,
        lloc=tally.lloc,
        sloc=loc - blank - tally.multi - tally.single,
        comments=tally.comments,
        multi=tally.multi,
        blank=blank,
    )


def count_tokens(  # noqa: C901 - one hot loop, flat on purpose
    tokens: Iterable[_Token], *, c_names: bool = False, code: list[int] | None = None
) -> Tally:
    """One pass over the tokens, cutting them into radon's chunks (see the module doc) and counting.

    An ERRORTOKEN or a chunk still open at the end raises `_RadonRejectsError`, as radon would (`_tolerant`
    makes tokens countable). The text must end with a newline if its last line is whitespace only: then
    every row that ends a chunk has a token. The loop is flat on purpose, as it runs once per token of
    every file: only plain chunks (comments, docstrings) call out. `c_names`: the tokens are 3.12+'s C
    tokenizer's, which names a character it cannot read (U+3000) where 3.11 yields an ERRORTOKEN.
    `code`: where to record the rows holding code tokens as they pass (`FileSummary.code_lines`, flat
    [start, end, ...] ranges), as `fileinfo._TokenStream` does, in the same loop (`rawscan`, 3.12+).
    """
    tally = Tally()
    lloc = comments = 0
    chunk_start = 1  # first row of the current chunk
    clean_row = 0  # last row after which the tokenizer stood outside any statement, string or bracket
    depth = 0  # bracket depth, as tokenize's own `parenlev` (which may go negative)
    n = 0  # tokens of the current `;`-part other than comments and newlines
    colon = -1  # index among those of the part's last `:`
    semis = chunk_comments = blank_rows = 0
    lead = False  # the chunk's first token is a newline: no comment or docstring chunk
    string = NO_STRING  # the chunk's last STRING token
    tokens = iter(tokens)  # an f-string's inner tokens are consumed by its own branch below
    last_code = -2  # the end of the last range in `code`, kept in a local: this runs once per token
    for kind, text, start, end, line in tokens:
        if code is not None and kind not in _NOT_CODE:
            if start[0] <= last_code + 1:
                if end[0] > last_code:
                    code[-1] = last_code = end[0]
            else:
                last_code = end[0]
                code += [start[0], last_code]
        if kind == _OP:
            if text == ";":
                lloc += logical_lines(n, colon, last=False)
                n = 0
                colon = -1
                semis += 1
            else:
                if text == ":":
                    colon = n
                n += 1
                depth += _BRACKET_DEPTH.get(text, 0)
        elif kind == _NAME:
            n += 1
            if c_names and not text.isidentifier():
                raise _RadonRejectsError(f"cannot tokenize {text!r}", ("<raw>", start[0], start[1] + 1, line))
        elif kind == _NUMBER:
            n += 1
        elif kind in (_NEWLINE, _NL) and not depth:  # outside brackets (NL inside them ends nothing)
            row = start[0]
            blank = line.isspace()
            if blank and row == chunk_start:
                chunk_start = clean_row = row  # an empty row on its own: a chunk of nothing
                chunk_start += 1
                continue
            if blank and clean_row != row - 1:
                # radon's buffer would end before this empty row, in the state of the row above: open.
                lead = lead or not (n or semis or chunk_comments)
                blank_rows += 1
                clean_row = row
                continue
            lloc += 1 + (colon != n - 1) if colon >= 0 else n > 0  # `logical_lines(n, colon, last=True)` inlined
            if n <= 1 and not (semis or lead):
                tally.count_plain_chunk(n, chunk_comments, string, chunk_start, row, blank_rows + blank)
            chunk_start = row + 1
            clean_row = row
            n = semis = chunk_comments = blank_rows = 0
            colon = -1
            lead = False
            string = NO_STRING
        elif kind == _STRING:
            n += 1
            string = (text, start[0], end[0])
        elif kind == _COMMENT:
            comments += 1
            chunk_comments += 1
        elif kind == _FSTRING_START:
            n += 1
            string = _one_string(text, start[0], tokens, code)
            if code is not None:
                last_code = code[-1]
        elif kind == _ERRORTOKEN:
            raise _RadonRejectsError(f"cannot tokenize {text!r}", ("<raw>", start[0], start[1] + 1, line))
    if n or semis or chunk_comments or blank_rows or depth:
        raise _RadonRejectsError("statement never ends", ("<raw>", chunk_start, 1, ""))
    tally.lloc = lloc
    tally.comments = comments
    return tally


def _one_string(text: str, first_row: int, tokens: Iterator[_Token], code: list[int] | None) -> _StringToken:
    """Read an f-string's tokens up to its FSTRING_END as the single STRING token Python 3.11 makes of it.

    Without this, 3.12+ would count the `:` of a format spec (`f"{x:>3}"`) as a colon of the statement,
    a logical line more than radon and 3.11 (issue 12, item 6). The text is its literal parts and its
    fields' tokens end to end: enough to find the empty rows of a multi-row string. `code`: as in
    `count_tokens`, which has recorded the FSTRING_START's rows (so `code` is not empty).
    """
    parts = [text]
    depth = 1  # nested f-strings (`f"{f'{x}'}"`) open and close in turn
    for kind, part, start, end, _ in tokens:
        if code is not None and kind not in _NOT_CODE:
            if start[0] <= code[-1] + 1:
                if end[0] > code[-1]:
                    code[-1] = end[0]
            else:
                code += [start[0], end[0]]
        parts.append(part)
        if kind == _FSTRING_START:
            depth += 1
        elif kind == _FSTRING_END:
            depth -= 1
            if not depth:
                return "".join(parts), first_row, end[0]
    raise _RadonRejectsError("f-string never ends", ("<raw>", first_row, 1, ""))


def logical_lines(n: int, colon: int, *, last: bool) -> int:
    """radon's logical lines of one `;`-part of `n` tokens whose last `:` is at index `colon` (-1: none).

    Only the chunk's last part ends with radon's ENDMARKER, so "the colon ends the part" means index n-1
    there and n-2 (one token early) in a part before a `;`.
    """
    if colon >= 0:
        return 1 if colon == n - 1 - (not last) else 2
    return 1 if n else 0
