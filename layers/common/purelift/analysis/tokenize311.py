"""Python 3.11's pure-Python tokenizer, for the line counts of text that does not tokenize (issue 12, item 6).

Line counts must be the same on every interpreter the CLI and the Lambda runtime use (3.11-3.13). On valid
code the C tokenizer of 3.12+ gives 3.11's tokens but for f-strings, which `rawmetrics` reads back as one
STRING. On broken code (Python 2, syntax errors, binary junk: `rawmetrics.fallback_counts`) it differs
throughout: it raises where 3.11 yields an ERRORTOKEN (`$`, a backtick, an unmatched `)`), it raises
`UnicodeEncodeError` on a lone surrogate and, on some inputs, `SystemError`; radon's reference numbers were
taken with 3.11's tokenizer. So the fallback tokenizes with this copy of 3.11's `tokenize._tokenize`
(CPython 3.11.7, `Lib/tokenize.py`, PSF License), unchanged but for typing, `str` input only, and the
operator table frozen at 3.11's (3.12 added `!`). It is used only where the C tokenizer has already failed,
so its slowness costs nothing on valid code.
"""

from __future__ import annotations

import re
import tokenize
from collections.abc import Callable, Iterator
from token import EXACT_TOKEN_TYPES

__all__ = ["generate_tokens"]

TokenInfo = tokenize.TokenInfo
_OPERATORS_3_11 = sorted((op for op in EXACT_TOKEN_TYPES if op != "!"), reverse=True)
_FUNNY = tokenize.group(r"\r?\n", tokenize.group(*map(re.escape, _OPERATORS_3_11)))
_PSEUDO_TOKEN = re.compile(
    tokenize.Whitespace
    + tokenize.group(tokenize.PseudoExtras, tokenize.Number, _FUNNY, tokenize.ContStr, tokenize.Name),
    re.UNICODE,
)
_ENDPATS = {prefix: re.compile(pattern, re.UNICODE) for prefix, pattern in tokenize.endpats.items() if pattern}
_SINGLE_QUOTED = tokenize.single_quoted
_TRIPLE_QUOTED = tokenize.triple_quoted
_TABSIZE = tokenize.tabsize
_NUMCHARS = "0123456789"


def generate_tokens(readline: Callable[[], str]) -> Iterator[TokenInfo]:  # noqa: C901 - CPython 3.11 verbatim
    """`tokenize.generate_tokens` as Python 3.11 runs it (see the module doc); 3.11's control flow kept as is."""
    lnum = parenlev = continued = 0
    contstr, needcont = "", 0
    contline: str | None = None
    indents = [0]
    strstart = (0, 0)
    endprog = _PSEUDO_TOKEN
    last_line = line = ""
    while True:  # loop over lines in stream
        try:
            last_line = line
            line = readline()
        except StopIteration:
            line = ""
        lnum += 1
        pos, max_ = 0, len(line)

        if contstr:  # continued string
            if not line:
                raise tokenize.TokenError("EOF in multi-line string", strstart)
            endmatch = endprog.match(line)
            if endmatch:
                pos = end = endmatch.end(0)
                yield TokenInfo(tokenize.STRING, contstr + line[:end], strstart, (lnum, end), (contline or "") + line)
                contstr, needcont = "", 0
                contline = None
            elif needcont and line[-2:] != "\\\n" and line[-3:] != "\\\r\n":
                yield TokenInfo(tokenize.ERRORTOKEN, contstr + line, strstart, (lnum, len(line)), contline or "")
                contstr = ""
                contline = None
                continue
            else:
                contstr = contstr + line
                contline = (contline or "") + line
                continue

        elif parenlev == 0 and not continued:  # new statement
            if not line:
                break
            column = 0
            while pos < max_:  # measure leading whitespace
                if line[pos] == " ":
                    column += 1
                elif line[pos] == "\t":
                    column = (column // _TABSIZE + 1) * _TABSIZE
                elif line[pos] == "\f":
                    column = 0
                else:
                    break
                pos += 1
            if pos == max_:
                break

            if line[pos] in "#\r\n":  # skip comments or blank lines
                if line[pos] == "#":
                    comment_token = line[pos:].rstrip("\r\n")
                    yield TokenInfo(
                        tokenize.COMMENT, comment_token, (lnum, pos), (lnum, pos + len(comment_token)), line
                    )
                    pos += len(comment_token)
                yield TokenInfo(tokenize.NL, line[pos:], (lnum, pos), (lnum, len(line)), line)
                continue

            if column > indents[-1]:  # count indents or dedents
                indents.append(column)
                yield TokenInfo(tokenize.INDENT, line[:pos], (lnum, 0), (lnum, pos), line)
            while column < indents[-1]:
                if column not in indents:
                    raise IndentationError(
                        "unindent does not match any outer indentation level", ("<tokenize>", lnum, pos, line)
                    )
                indents = indents[:-1]
                yield TokenInfo(tokenize.DEDENT, "", (lnum, pos), (lnum, pos), line)

        else:  # continued statement
            if not line:
                raise tokenize.TokenError("EOF in multi-line statement", (lnum, 0))
            continued = 0

        while pos < max_:
            pseudomatch = _PSEUDO_TOKEN.match(line, pos)
            if pseudomatch:  # scan for tokens
                start, end = pseudomatch.span(1)
                spos, epos, pos = (lnum, start), (lnum, end), end
                if start == end:
                    continue
                token, initial = line[start:end], line[start]

                if initial in _NUMCHARS or (initial == "." and token not in (".", "...")):  # ordinary number
                    yield TokenInfo(tokenize.NUMBER, token, spos, epos, line)
                elif initial in "\r\n":
                    yield TokenInfo(tokenize.NL if parenlev > 0 else tokenize.NEWLINE, token, spos, epos, line)
                elif initial == "#":
                    yield TokenInfo(tokenize.COMMENT, token, spos, epos, line)
                elif token in _TRIPLE_QUOTED:
                    endprog = _ENDPATS[token]
                    endmatch = endprog.match(line, pos)
                    if endmatch:  # all on one line
                        pos = endmatch.end(0)
                        token = line[start:pos]
                        yield TokenInfo(tokenize.STRING, token, spos, (lnum, pos), line)
                    else:
                        strstart = (lnum, start)  # multiple lines
                        contstr = line[start:]
                        contline = line
                        break
                # the first 3 characters name the string's prefix and quote ("rb'"): see 3.11's comments
                elif initial in _SINGLE_QUOTED or token[:2] in _SINGLE_QUOTED or token[:3] in _SINGLE_QUOTED:
                    if token[-1] == "\n":  # continued string
                        strstart = (lnum, start)
                        endprog = _ENDPATS.get(initial) or _ENDPATS.get(token[1]) or _ENDPATS[token[2]]
                        contstr, needcont = line[start:], 1
                        contline = line
                        break
                    yield TokenInfo(tokenize.STRING, token, spos, epos, line)  # ordinary string
                elif initial.isidentifier():  # ordinary name
                    yield TokenInfo(tokenize.NAME, token, spos, epos, line)
                elif initial == "\\":  # continued stmt
                    continued = 1
                else:
                    if initial in "([{":
                        parenlev += 1
                    elif initial in ")]}":
                        parenlev -= 1
                    yield TokenInfo(tokenize.OP, token, spos, epos, line)
            else:
                yield TokenInfo(tokenize.ERRORTOKEN, line[pos], (lnum, pos), (lnum, pos + 1), line)
                pos += 1

    # Add an implicit NEWLINE if the input doesn't end in one
    if last_line and last_line[-1] not in "\r\n" and not last_line.strip().startswith("#"):
        yield TokenInfo(tokenize.NEWLINE, "", (lnum - 1, len(last_line)), (lnum - 1, len(last_line) + 1), "")
    for _ in indents[1:]:  # pop remaining indent levels
        yield TokenInfo(tokenize.DEDENT, "", (lnum, 0), (lnum, 0), "")
    yield TokenInfo(tokenize.ENDMARKER, "", (lnum, 0), (lnum, 0), "")
