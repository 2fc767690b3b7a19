"""The line counts and code lines of a file in one pass, without token objects: Python 3.11's fast path.

Under 3.11 `tokenize` is pure Python, and the per-file pass's share of it was three layers per token: the
tokenizer building a `TokenInfo` and yielding it, `fileinfo._TokenStream` recording the rows that hold code,
and `rawmetrics.count_tokens` cutting radon's chunks. Tokenizing alone is most of the floor `make bench`
measures (issue 12 item 5). `scan` is those three loops fused into one: 3.11's own tokenizer loop (the regexes
of `tokenize311`, its control flow), where each token updates the counts and the code lines directly
instead of being built and handed on. A stretch of a row holding no string, comment, backslash or `;` (most rows
whole, the rest of the others between their strings) is not cut into tokens at all: what the counts need of it is
read off the stretch whole.

It gives exactly what the three layers give, or nothing: on anything but a clean run (an ERRORTOKEN, a
tokenizer error, a statement radon would not close, text whose rows are not radon's lines) it returns None
and the caller takes the general path, which tokenizes again and handles every such case. The tests hold
`scan` equal to the general path on every text of `test_rawmetrics` (idlelib, turtledemo, a standard-library
sample, edge cases) and on random token soup; once, on all 13,353 files under the 3.11 library folder and
200,000 random texts.

Under 3.12+ the tokenizer is CPython's C one, which also reads PEP 701 f-strings that 3.11's loop would split
differently, so the loop above is not used there (`AVAILABLE`). There `scan` fuses what it can: the C
tokenizer's own tuples (`_tokenize.TokenizerIter`, what `tokenize.generate_tokens` wraps in a generator that
makes a `TokenInfo` of each) go straight into `rawmetrics.count_tokens`, which records the code rows as they
pass. That is the general path's loop over the general path's tokens, two layers fewer (idlelib under 3.12.1:
0.40 s -> 0.25 s for the counts and code lines).
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable, Iterator

from . import tokenize311
from .rawmetrics import (
    NO_STRING,
    TOKENIZE_ERRORS,
    RawCounts,
    Tally,
    count_tokens,
    counts_from,
    logical_lines,
    splits_like_radon,
)

__all__ = ["AVAILABLE", "C_TOKENS", "scan"]

AVAILABLE = getattr(tokenize, "FSTRING_START", None) is None  # Python 3.11: `tokenize` is this very loop

_CTokens = Callable[[str], Iterator[tuple[int, str, tuple[int, int], tuple[int, int], str]]]


def _c_tokens() -> _CTokens | None:
    """3.12+: the C tokenizer's tuples of a text, as `tokenize.generate_tokens` reads them (`extra_tokens`: comments,
    NL, the operators' exact text), or None where this private interface is not the one expected."""
    if AVAILABLE:
        return None
    try:
        import _tokenize  # type: ignore[import-not-found]

        def tokens(text: str) -> Iterator[tuple[int, str, tuple[int, int], tuple[int, int], str]]:
            return iter(_tokenize.TokenizerIter(io.StringIO(text).readline, extra_tokens=True))

        if list(tokens("x = 1\n")) != [tuple(t) for t in tokenize.generate_tokens(io.StringIO("x = 1\n").readline)]:
            return None
    except (ImportError, TypeError, AttributeError):
        return None
    return tokens


C_TOKENS = _c_tokens()  # None under 3.11 (and where 3.12+'s private interface differs): the general path then
_PSEUDO_TOKEN = tokenize311._PSEUDO_TOKEN
_PSEUDO = _PSEUDO_TOKEN.match
_ENDPATS = tokenize311._ENDPATS
_SINGLE_QUOTED = tokenize311._SINGLE_QUOTED
_TRIPLE_QUOTED = tokenize311._TRIPLE_QUOTED
_TABSIZE = tokenize311._TABSIZE
_NUMCHARS = "0123456789"
_OPEN, _CLOSE = "([{", ")]}"
_NAME_HEADS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")  # also string prefixes (`rb"`)
_STRING_TAILS = frozenset("'\"\n")
# A stretch of ASCII names, numbers, whitespace, operators and brackets (no lone `!`: alone, it is no token)
_PLAIN_RUN = re.compile(r"(?:[A-Za-z0-9_ \t+\-*/%&|^~<>=.,:@()\[\]{}]|!=)*").match
_WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_RUN_STOPS = frozenset("#\\;\r\n")  # what cannot continue a token the run ends with
_COLON_TOKEN = re.compile(r":(?!=)").search  # a `:` that is not the start of `:=`
_OPERATOR_HEADS = frozenset("()[]{}:,;+-*/|&<>=%~^@!")  # first characters of 3.11's operators but `.` (`.5`)


class _NotClean(Exception):
    """The text needs the general path (see the module doc)."""


def scan(source: str) -> tuple[RawCounts, list[int]] | None:
    """`(rawmetrics.raw_counts(source), code lines)` as the general path gives them, or None (see the module doc).

    The code lines are flat [start, end, ...] ranges of the rows holding a token that is not a comment, a
    newline or indentation (`FileSummary.code_lines`)."""
    if not (AVAILABLE or C_TOKENS) or not splits_like_radon(source):
        return None
    lines = source.splitlines(keepends=True)  # `readline`'s lines: only LF and CRLF break them here
    if lines and not lines[-1].strip() and not source.endswith("\n"):
        return None  # a last row of whitespace only: `raw_counts` re-tokenizes it with a newline added
    if C_TOKENS is not None:
        code: list[int] = []
        try:
            tally = count_tokens(C_TOKENS(source), c_names=True, code=code)
        except TOKENIZE_ERRORS:
            return None  # an ERRORTOKEN, radon's rejection or the tokenizer's error: the general path sorts them out
    else:
        try:
            tally, code = _scan(lines)
        except (_NotClean, tokenize.TokenError, SyntaxError):
            return None
    return counts_from(tally, len(lines), sum(1 for line in lines if not line.strip())), code


def _scan(lines: list[str]) -> tuple[Tally, list[int]]:  # noqa: C901 - the tokenizer's loop, flat on purpose
    """3.11's `tokenize._tokenize` (`tokenize311.generate_tokens`, same control flow and names), with what each
    token would have done in `_TokenStream` (the `code` ranges) and `count_tokens` (the tally) done in place.

    Raises `_NotClean` where the general path would meet an ERRORTOKEN or radon would reject the text, and the
    tokenizer's own errors where it would raise them."""
    tally = Tally()
    code: list[int] = []
    last_code = -2  # the end of the last code range
    # `count_tokens`' state, same names
    lloc = comments = 0
    chunk_start = 1
    clean_row = 0
    n = 0
    colon = -1
    semis = chunk_comments = blank_rows = 0
    lead = False
    string = NO_STRING
    plain_in_part = False  # a stretch of the current `;`-part was counted whole (see below)
    row_has_code = False  # a token of the row being read is code (`code` gets one entry per row)
    # the tokenizer's state
    lnum = parenlev = continued = 0
    contstr, needcont = "", 0
    strstart_row = 0
    indents = [0]
    endprog: re.Pattern[str] = _PSEUDO_TOKEN
    last_line = line = ""
    rows = iter(lines)

    def newline(row: int, line: str) -> None:
        """A NEWLINE, or an NL outside brackets (`count_tokens`' newline branch)."""
        nonlocal chunk_start, clean_row, lead, blank_rows, lloc, n, semis, chunk_comments, colon, string, plain_in_part
        blank = line.isspace()
        if blank and row == chunk_start:
            chunk_start = clean_row = row
            chunk_start += 1
            return
        if blank and clean_row != row - 1:
            lead = lead or not (n or semis or chunk_comments)
            blank_rows += 1
            clean_row = row
            return
        lloc += 1 + (colon != n - 1) if colon >= 0 else n > 0
        if n <= 1 and not (semis or lead):
            tally.count_plain_chunk(n, chunk_comments, string, chunk_start, row, blank_rows + blank)
        chunk_start = row + 1
        clean_row = row
        n = semis = chunk_comments = blank_rows = 0
        colon = -1
        lead = False
        string = NO_STRING
        plain_in_part = False

    while True:
        last_line = line
        line = next(rows, "")  # `readline` past the end
        lnum += 1
        pos, max_ = 0, len(line)

        if contstr:  # continued string
            if not line:
                raise tokenize.TokenError("EOF in multi-line string", (strstart_row, 0))
            endmatch = endprog.match(line)
            if endmatch:
                pos = end = endmatch.end(0)
                # a STRING token from row strstart_row to lnum
                n += 1
                string = (contstr + line[:end], strstart_row, lnum)
                if strstart_row <= last_code + 1:
                    if lnum > last_code:
                        code[-1] = last_code = lnum
                else:
                    last_code = lnum
                    code += [strstart_row, lnum]
                contstr, needcont = "", 0
            elif needcont and line[-2:] != "\\\n" and line[-3:] != "\\\r\n":
                raise _NotClean  # an ERRORTOKEN
            else:
                contstr = contstr + line
                continue

        elif parenlev == 0 and not continued:  # new statement
            if not line:
                break
            column = 0
            while pos < max_:  # measure leading whitespace
                char = line[pos]
                if char == " ":
                    column += 1
                elif char == "\t":
                    column = (column // _TABSIZE + 1) * _TABSIZE
                elif char == "\f":
                    column = 0
                else:
                    break
                pos += 1
            if pos == max_:
                break

            if line[pos] in "#\r\n":  # a comment or blank line: (COMMENT) NL, outside brackets
                if line[pos] == "#":
                    comments += 1
                    chunk_comments += 1
                newline(lnum, line)
                continue
            # INDENT and DEDENT tokens count for nothing, but a dedent to no outer level is the tokenizer's error
            if column > indents[-1]:
                indents.append(column)
            while column < indents[-1]:
                if column not in indents:
                    raise _NotClean  # IndentationError: the general path reports it
                indents.pop()
        else:  # continued statement
            if not line:
                raise tokenize.TokenError("EOF in multi-line statement", (lnum, 0))
            continued = 0

        # A stretch of the row holding only names, numbers, operators and brackets (most rows whole, the others
        # between their strings and comments) is not cut into tokens: every character tokenizes, so it is counted
        # whole. At the part's NEWLINE the counts need of its tokens only that there are some (`n` grows by 2:
        # "more than one" and "one" count alike once a stretch has a token), whether one is a `:` and whether the
        # last one is (`colon` is kept at the same place relative to `n`), and the brackets' balance. A `;` needs
        # more (whether the colon is second to last in its part): a row holding one is cut into tokens, and a `;`
        # in a part with a stretch counted whole sends the text to the general path. A stretch ends at a token
        # boundary: before a quote or another character that may carry on the name or number it ends with (a
        # string prefix, a non-ASCII name), that name is left to the token loop.
        cut_whole = ";" not in line
        while pos < max_:
            if cut_whole:
                run = _PLAIN_RUN(line, pos).end()  # type: ignore[union-attr]  # `*`: it always matches
                if run > pos:
                    body = line[pos:run]
                    if run < max_ and line[run] not in _RUN_STOPS:
                        body = body.rstrip(_WORD_CHARS)
                        run = pos + len(body)
                    body = body.strip()
                    pos = run
                    if body:
                        plain_in_part = True
                        if body[-1] == ":":
                            colon = n + 1  # the last of the two tokens it counts as
                        elif ":" in body and _COLON_TOKEN(body) is not None:
                            colon = n
                        n += 2
                        parenlev += body.count("(") + body.count("[") + body.count("{")
                        parenlev -= body.count(")") + body.count("]") + body.count("}")
                        row_has_code = True
                    if pos == max_:
                        break
            pseudomatch = _PSEUDO(line, pos)
            if pseudomatch:  # scan for tokens
                start, end = pseudomatch.span(1)
                pos = end
                if start == end:
                    continue
                initial = line[start]

                # The two commonest kinds first, where the first character decides: a name (not a prefixed string:
                # a string token ends with its quote, or with the newline of a continued one), an operator.
                if initial in _NAME_HEADS and line[end - 1] not in _STRING_TAILS:
                    n += 1
                elif initial in _OPERATOR_HEADS:
                    if initial == ";":
                        if plain_in_part:
                            raise _NotClean  # see the stretches counted whole, above
                        lloc += logical_lines(n, colon, last=False)
                        n = 0
                        colon = -1
                        semis += 1
                    else:
                        if initial in _OPEN:
                            parenlev += 1
                        elif initial in _CLOSE:
                            parenlev -= 1
                        elif initial == ":" and end - start == 1:  # not `:=`
                            colon = n
                        n += 1
                # then tokenize's own order
                elif initial in _NUMCHARS or (initial == "." and line[start:end] not in (".", "...")):  # a number
                    n += 1
                elif initial in "\r\n":
                    if not parenlev:
                        newline(lnum, line)  # NEWLINE (an NL inside brackets counts for nothing)
                    continue
                elif initial == "#":
                    comments += 1
                    chunk_comments += 1
                    continue
                else:
                    token = line[start:end]
                    if token in _TRIPLE_QUOTED:
                        endprog = _ENDPATS[token]
                        endmatch = endprog.match(line, pos)
                        if endmatch:  # all on one line
                            pos = endmatch.end(0)
                            n += 1
                            string = (line[start:pos], lnum, lnum)
                        else:
                            strstart_row = lnum  # multiple lines
                            contstr = line[start:]
                            break
                    elif initial in _SINGLE_QUOTED or token[:2] in _SINGLE_QUOTED or token[:3] in _SINGLE_QUOTED:
                        if token[-1] == "\n":  # continued string
                            strstart_row = lnum
                            endprog = _ENDPATS.get(initial) or _ENDPATS.get(token[1]) or _ENDPATS[token[2]]
                            contstr, needcont = line[start:], 1
                            break
                        n += 1
                        string = (token, lnum, lnum)
                    elif initial.isidentifier():  # a name
                        n += 1
                    elif initial == "\\":  # continued statement
                        continued = 1
                        continue
                    else:  # the operators left: `.` and `...`, and a word character that starts no name
                        n += 1
                row_has_code = True  # a code token on this row
            else:
                raise _NotClean  # an ERRORTOKEN
        if row_has_code:  # the row's entry in the code ranges, whichever way its tokens were read
            row_has_code = False
            if lnum != last_code:
                if lnum == last_code + 1:
                    code[-1] = last_code = lnum
                else:
                    last_code = lnum
                    code += [lnum, lnum]
    if last_line and last_line[-1] not in "\r\n" and not last_line.strip().startswith("#"):
        newline(lnum - 1, "")  # the implicit NEWLINE at the end of a text without a final newline
    if n or semis or chunk_comments or blank_rows or parenlev:
        raise _NotClean  # radon's statement never ends
    tally.lloc = lloc
    tally.comments = comments
    return tally, code
