import type { FileResult } from "@/api/types";

export function file(path: string, over: Partial<FileResult> = {}): FileResult {
  return {
    path,
    loc: 10,
    lloc: 8,
    sloc: 8,
    comments: 0,
    multi: 0,
    blank: 2,
    ui_lines: 0,
    ui_pct: 0,
    classification: "Logic",
    web_ready: true,
    web_ready_blockers: [],
    toolkits: [],
    parse_error: null,
    functions: [],
    ...over,
  };
}
