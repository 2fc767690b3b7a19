// What the code view marks on each line: UI lines (gutter bar, from `ui_line_ranges`), function starts
// (a pure/impure/trivial badge on the `def` line), reasons of impurity, web-ready blockers. Pure, tested.
import type { FileResult, FunctionResult, Reason } from "@/api/types";

export interface LineMarks {
  ui: boolean;
  functions: FunctionResult[]; // functions whose `def` is on this line
  blockers: string[];
  reasons: { fn: FunctionResult; reason: Reason }[];
}

/** The set of UI lines (1-based) from `[[start, end], …]`, clamped to the file. */
export function uiLineSet(ranges: readonly (readonly number[])[] | undefined, lineCount: number): Set<number> {
  const s = new Set<number>();
  for (const [a, b] of ranges ?? []) {
    if (a === undefined || b === undefined) continue; // `[start, end]` pairs (the schema says lists of integers)
    for (let n = Math.max(1, a); n <= Math.min(b, lineCount); n += 1) s.add(n);
  }
  return s;
}

/** Marks per line; lines with nothing marked are absent from the map. */
export function lineMarks(file: FileResult, lineCount: number): Map<number, LineMarks> {
  const out = new Map<number, LineMarks>();
  const at = (n: number): LineMarks => {
    let m = out.get(n);
    if (!m) {
      m = { ui: false, functions: [], blockers: [], reasons: [] };
      out.set(n, m);
    }
    return m;
  };
  for (const n of uiLineSet(file.ui_line_ranges, lineCount)) at(n).ui = true;
  for (const fn of file.functions) {
    if (fn.lineno >= 1 && fn.lineno <= lineCount) at(fn.lineno).functions.push(fn);
    for (const reason of fn.reasons) if (reason.lineno >= 1 && reason.lineno <= lineCount) at(reason.lineno).reasons.push({ fn, reason });
  }
  for (const b of file.web_ready_blockers) if (b.lineno >= 1 && b.lineno <= lineCount) at(b.lineno).blockers.push(b.detail);
  return out;
}

export type Verdict = "pure" | "impure" | "trivial";
export function verdictOf(fn: FunctionResult): Verdict {
  if (fn.trivial) return "trivial";
  return fn.pure ? "pure" : "impure";
}

/** The distinct reason kinds of a function, in first-seen order (for the badge: `impure (io, ui)`). */
export function reasonKinds(fn: FunctionResult): string[] {
  return [...new Set(fn.reasons.map((r) => r.kind))];
}

/** The innermost function that holds a line (for `?fn=` and reason links). */
export function functionAt(file: FileResult, line: number): FunctionResult | undefined {
  let best: FunctionResult | undefined;
  for (const fn of file.functions) {
    if (fn.lineno <= line && line <= fn.end_lineno && (!best || fn.lineno >= best.lineno)) best = fn;
  }
  return best;
}
