// Pure functions over a result: the files table's filters and sort, the functions list, blockers by kind.
import type { AnalysisResult, Classification, FileResult, FunctionResult, ReasonKind } from "@/api/types";

export interface FileFilters {
  cls: Classification[]; // empty: all
  web: "yes" | "no" | null;
  toolkit: string | null; // "none": files with no toolkit
  blocker: BlockerKind | null;
  q: string;
}
export type FileSortKey = "path" | "classification" | "sloc" | "ui_pct" | "functions" | "pure" | "web_ready";
export interface Sort<K extends string> {
  key: K;
  dir: "asc" | "desc";
}

export const EMPTY_FILTERS: FileFilters = { cls: [], web: null, toolkit: null, blocker: null, q: "" };

export function pureCount(f: FileResult): number {
  return f.functions.filter((fn) => fn.pure && !fn.trivial).length;
}

/** Every term of the query (space separated) must appear in the path, case-insensitive. */
export function pathMatches(path: string, q: string): boolean {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const p = path.toLowerCase();
  return terms.every((t) => p.includes(t));
}

export function filterFiles(files: readonly FileResult[], f: FileFilters): FileResult[] {
  return files.filter(
    (file) =>
      (f.cls.length === 0 || f.cls.includes(file.classification)) &&
      (f.web === null || file.web_ready === (f.web === "yes")) &&
      (f.toolkit === null || (f.toolkit === "none" ? file.toolkits.length === 0 : file.toolkits.includes(f.toolkit))) &&
      (f.blocker === null || file.web_ready_blockers.some((b) => blockerKind(b.detail) === f.blocker)) &&
      pathMatches(file.path, f.q),
  );
}

const CLASS_ORDER: Record<Classification, number> = { UI: 0, Mixed: 1, Logic: 2 };

export function sortFiles(files: FileResult[], sort: Sort<FileSortKey>): FileResult[] {
  const value = (f: FileResult): number | string => {
    switch (sort.key) {
      case "path":
        return f.path;
      case "classification":
        return CLASS_ORDER[f.classification];
      case "sloc":
        return f.sloc;
      case "ui_pct":
        return f.ui_pct;
      case "functions":
        return f.functions.length;
      case "pure":
        return pureCount(f);
      case "web_ready":
        return f.web_ready ? 1 : 0;
    }
  };
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...files].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === "string" ? va.localeCompare(vb as string) : va - (vb as number);
    return c !== 0 ? sign * c : a.path.localeCompare(b.path); // stable: path breaks ties
  });
}

/** Filters ⇄ query string (?class=UI,Mixed&web=no&tk=tkinter&q=dialog), so every view is linkable. */
export function filtersFromParams(p: URLSearchParams): FileFilters {
  const cls = (p.get("class") ?? "")
    .split(",")
    .filter((c): c is Classification => c === "UI" || c === "Mixed" || c === "Logic");
  const web = p.get("web");
  const blocker = p.get("blocker");
  return {
    cls,
    web: web === "yes" || web === "no" ? web : null,
    toolkit: p.get("tk") || null,
    blocker: BLOCKER_KINDS.includes(blocker as BlockerKind) ? (blocker as BlockerKind) : null,
    q: p.get("q") ?? "",
  };
}

export function filtersToParams(f: FileFilters, base = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(base);
  const set = (k: string, v: string | null) => (v ? p.set(k, v) : p.delete(k));
  set("class", f.cls.join(",") || null);
  set("web", f.web);
  set("tk", f.toolkit);
  set("blocker", f.blocker);
  set("q", f.q || null);
  return p;
}

export function toolkitsOf(result: AnalysisResult): string[] {
  const s = new Set<string>();
  for (const f of result.files) for (const tk of f.toolkits) s.add(tk);
  return [...s].sort();
}

export interface FunctionRow {
  fn: FunctionResult;
  path: string;
  key: string;
}

export function allFunctions(result: AnalysisResult): FunctionRow[] {
  const out: FunctionRow[] = [];
  for (const f of result.files)
    for (const fn of f.functions) out.push({ fn, path: f.path, key: `${f.path}::${fn.qualname}:${fn.lineno}` });
  return out;
}

export interface FunctionFilters {
  verdict: "pure" | "impure" | "trivial" | null;
  reason: ReasonKind | null;
  extractable: "yes" | "no" | null;
  q: string;
}

export function filterFunctions(rows: readonly FunctionRow[], f: FunctionFilters): FunctionRow[] {
  return rows.filter(({ fn, path }) => {
    if (f.verdict === "pure" && !(fn.pure && !fn.trivial)) return false;
    if (f.verdict === "impure" && fn.pure) return false;
    if (f.verdict === "trivial" && !fn.trivial) return false;
    if (f.reason && !fn.reasons.some((r) => r.kind === f.reason)) return false;
    if (f.extractable && fn.extractable !== (f.extractable === "yes")) return false;
    return pathMatches(`${path} ${fn.qualname}`, f.q);
  });
}

/** Web-ready blockers grouped by kind, with file and blocker counts, most files first. */
export function blockersByKind(files: readonly FileResult[]): { kind: BlockerKind; files: number; count: number }[] {
  const map = new Map<BlockerKind, { files: Set<string>; count: number }>();
  for (const f of files) {
    for (const b of f.web_ready_blockers) {
      const kind = blockerKind(b.detail);
      const e = map.get(kind) ?? { files: new Set(), count: 0 };
      e.files.add(f.path);
      e.count += 1;
      map.set(kind, e);
    }
  }
  return [...map.entries()]
    .map(([kind, e]) => ({ kind, files: e.files.size, count: e.count }))
    .sort((a, b) => b.files - a.files || a.kind.localeCompare(b.kind));
}

export type BlockerKind = "ui_file" | "parse" | "imports" | "desktop";
export const BLOCKER_KINDS: BlockerKind[] = ["ui_file", "desktop", "imports", "parse"];

/** What a blocker is, from the engine's wording (analysis/solve.py): the file is UI/Mixed, it does not parse,
 * it imports a module that is not web ready, or it uses a desktop-only API. */
export function blockerKind(detail: string): BlockerKind {
  if (detail.startsWith("the file is ")) return "ui_file";
  if (detail.startsWith("does not parse")) return "parse";
  if (detail.startsWith("imports ")) return "imports";
  return "desktop";
}

/** The largest Logic files that are not web ready: where to start. */
export function startHere(files: readonly FileResult[], n = 10): FileResult[] {
  return files
    .filter((f) => f.classification === "Logic" && !f.web_ready)
    .sort((a, b) => b.sloc - a.sloc || a.path.localeCompare(b.path))
    .slice(0, n);
}
