// A small Python lexer for the code view: per line, a list of [class, text] tokens. It keeps state across
// lines (triple-quoted strings, bracket continuation do not matter for colour), is linear in the text, and
// never evaluates anything. Classes map to .tok-* in index.css.

export type TokenClass = "kw" | "str" | "com" | "num" | "fn" | "dec" | "bi" | "";
export type Token = [TokenClass, string];

const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type".split(
    " ",
  ),
);
const BUILTINS = new Set(
  "abs all any bool bytes callable chr classmethod dict dir enumerate filter float format frozenset getattr hasattr hash id input int isinstance issubclass iter len list map max min next object open ord print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type zip self cls Exception ValueError TypeError KeyError IndexError RuntimeError".split(
    " ",
  ),
);

// One regex, alternatives in priority order; sticky so it scans left to right.
const TOKEN =
  /(#.*)|([rRbBuUfF]{0,2}(?:'''|"""))|([rRbBuUfF]{0,2}(?:'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?))|(\b(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?j?|\.\d[\d_]*(?:[eE][+-]?\d+)?j?)\b)|(@[\w.]+)|([A-Za-z_\u00C0-\uFFFF][\w\u00C0-\uFFFF]*)|(\s+)|(.)/y;

export function lex(source: string): Token[][] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: Token[][] = [];
  let openTriple: string | null = null; // the quote that closes the current triple-quoted string
  let prevWord = "";
  for (const line of lines) {
    const tokens: Token[] = [];
    let i = 0;
    if (openTriple) {
      const end = line.indexOf(openTriple);
      if (end < 0) {
        out.push(line ? [["str", line]] : []);
        continue;
      }
      tokens.push(["str", line.slice(0, end + 3)]);
      i = end + 3;
      openTriple = null;
    }
    while (i < line.length) {
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(line);
      if (!m) break;
      const text = m[0];
      if (m[1]) tokens.push(["com", text]);
      else if (m[2]) {
        const quote = text.slice(-3);
        const end = line.indexOf(quote, i + text.length);
        if (end < 0) {
          tokens.push(["str", line.slice(i)]);
          openTriple = quote;
          i = line.length;
          continue;
        }
        tokens.push(["str", line.slice(i, end + 3)]);
        i = end + 3;
        prevWord = "";
        continue;
      } else if (m[3]) tokens.push(["str", text]);
      else if (m[4]) tokens.push(["num", text]);
      else if (m[5]) tokens.push(["dec", text]);
      else if (m[6]) {
        const cls: TokenClass =
          prevWord === "def" || prevWord === "class" ? "fn" : KEYWORDS.has(text) ? "kw" : BUILTINS.has(text) ? "bi" : "";
        tokens.push([cls, text]);
        prevWord = text;
        i += text.length;
        continue;
      } else tokens.push(["", text]);
      if (!m[7]) prevWord = "";
      i += text.length;
    }
    out.push(merge(tokens));
  }
  return out;
}

/** Adjacent tokens of the same class become one (fewer DOM nodes). */
function merge(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last && last[0] === t[0]) last[1] += t[1];
    else out.push([t[0], t[1]]);
  }
  return out;
}
