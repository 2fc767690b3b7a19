import { describe, expect, it } from "vitest";
import { file } from "@/test/fixtures";
import { lex } from "./lexer";
import { functionAt, lineMarks, reasonKinds, uiLineSet, verdictOf } from "./marks";

const f = file("app/win.py", {
  ui_line_ranges: [
    [1, 2],
    [10, 12],
    [40, 99],
  ],
  web_ready_blockers: [{ lineno: 11, detail: "the file is UI (60% UI lines)" }],
  functions: [
    { qualname: "helper", lineno: 4, end_lineno: 6, pure: true, extractable: true, reasons: [], calls: [] },
    {
      qualname: "Win.on_click",
      lineno: 8,
      end_lineno: 14,
      pure: false,
      extractable: false,
      reasons: [
        { kind: "ui", lineno: 10, detail: "calls tkinter.messagebox.showinfo" },
        { kind: "io", lineno: 12, detail: "calls open" },
        { kind: "ui", lineno: 13, detail: "reads self.entry" },
      ],
      calls: ["app.win.helper"],
    },
    { qualname: "Win.noop", lineno: 16, end_lineno: 17, pure: true, extractable: false, reasons: [], calls: [], trivial: true },
  ],
});

describe("code view line marks", () => {
  it("marks UI lines from ui_line_ranges, clamped to the file", () => {
    expect([...uiLineSet(f.ui_line_ranges, 42)].sort((a, b) => a - b)).toEqual([1, 2, 10, 11, 12, 40, 41, 42]);
    expect(uiLineSet(undefined, 10).size).toBe(0);
  });

  it("puts each function's badge on its def line and reasons and blockers on theirs", () => {
    const marks = lineMarks(f, 20);
    expect(marks.get(4)!.functions.map((fn) => fn.qualname)).toEqual(["helper"]);
    expect(marks.get(4)!.ui).toBe(false);
    expect(marks.get(8)!.functions[0]!.qualname).toBe("Win.on_click");
    expect(marks.get(10)!.ui).toBe(true);
    expect(marks.get(10)!.reasons.map((r) => r.reason.kind)).toEqual(["ui"]);
    expect(marks.get(11)!.blockers).toEqual(["the file is UI (60% UI lines)"]);
    expect(marks.get(12)!.reasons[0]!.reason.detail).toBe("calls open");
    expect(marks.has(3)).toBe(false);
    expect(marks.has(40)).toBe(false); // beyond the 20 lines given
  });

  it("names verdicts and reason kinds", () => {
    expect(f.functions.map(verdictOf)).toEqual(["pure", "impure", "trivial"]);
    expect(reasonKinds(f.functions[1]!)).toEqual(["ui", "io"]);
    expect(functionAt(f, 12)!.qualname).toBe("Win.on_click");
    expect(functionAt(f, 15)).toBeUndefined();
  });
});

describe("python lexer", () => {
  it("colours keywords, names after def, strings, comments and numbers", () => {
    const [line] = lex("def area(r):  # circle");
    expect(line).toEqual([
      ["kw", "def"],
      ["", " "],
      ["fn", "area"],
      ["", "(r):  "],
      ["com", "# circle"],
    ]);
    expect(lex("x = 3.14 * 'a'")[0]).toContainEqual(["num", "3.14"]);
    expect(lex("x = 3.14 * 'a'")[0]).toContainEqual(["str", "'a'"]);
  });
  it("carries triple-quoted strings across lines and keeps one token list per line", () => {
    const lines = lex('s = """one\ntwo # not a comment\nthree""" + x\n@dec\nclass K: pass');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toEqual([["str", "two # not a comment"]]);
    expect(lines[2]![0]).toEqual(["str", 'three"""']);
    expect(lines[3]).toEqual([["dec", "@dec"]]);
    expect(lines[4]).toContainEqual(["fn", "K"]);
  });
  it("keeps Korean text intact", () => {
    const text = lex("msg = '안녕하세요'  # 인사")[0]!.map((t) => t[1]).join("");
    expect(text).toBe("msg = '안녕하세요'  # 인사");
  });
});
