import { describe, expect, it } from "vitest";
import type { FileResult } from "@/api/types";
import { file } from "@/test/fixtures";
import {
  blockerKind,
  blockersByKind,
  EMPTY_FILTERS,
  filterFiles,
  filtersFromParams,
  filtersToParams,
  sortFiles,
  startHere,
} from "./data";

const files: FileResult[] = [
  file("app/gui/main_window.py", { classification: "UI", ui_pct: 80, sloc: 300, web_ready: false, toolkits: ["tkinter"], web_ready_blockers: [{ lineno: 1, detail: "the file is UI (80% UI lines)" }] }),
  file("app/gui/dialog.py", { classification: "Mixed", ui_pct: 40, sloc: 120, web_ready: false, toolkits: ["tkinter"], web_ready_blockers: [{ lineno: 3, detail: "the file is Mixed (40% UI lines)" }] }),
  file("app/core/calc.py", { sloc: 200 }),
  file("app/core/files.py", { sloc: 150, web_ready: false, web_ready_blockers: [{ lineno: 9, detail: "os.startfile opens a desktop application" }] }),
  file("app/qt/view.py", { classification: "UI", ui_pct: 95, sloc: 50, web_ready: false, toolkits: ["PyQt5"] }),
];

describe("files table filters", () => {
  it("filters by classification (several at once)", () => {
    expect(filterFiles(files, { ...EMPTY_FILTERS, cls: ["UI"] }).map((f) => f.path)).toEqual(["app/gui/main_window.py", "app/qt/view.py"]);
    expect(filterFiles(files, { ...EMPTY_FILTERS, cls: ["UI", "Mixed"] })).toHaveLength(3);
  });
  it("filters by web ready", () => {
    expect(filterFiles(files, { ...EMPTY_FILTERS, web: "yes" }).map((f) => f.path)).toEqual(["app/core/calc.py"]);
    expect(filterFiles(files, { ...EMPTY_FILTERS, web: "no" })).toHaveLength(4);
  });
  it("filters by toolkit, or files with none", () => {
    expect(filterFiles(files, { ...EMPTY_FILTERS, toolkit: "tkinter" })).toHaveLength(2);
    expect(filterFiles(files, { ...EMPTY_FILTERS, toolkit: "none" }).map((f) => f.path)).toEqual(["app/core/calc.py", "app/core/files.py"]);
  });
  it("searches paths by every term, case-insensitive", () => {
    expect(filterFiles(files, { ...EMPTY_FILTERS, q: "GUI dia" }).map((f) => f.path)).toEqual(["app/gui/dialog.py"]);
    expect(filterFiles(files, { ...EMPTY_FILTERS, q: "nothing" })).toEqual([]);
  });
  it("combines filters", () => {
    expect(filterFiles(files, { ...EMPTY_FILTERS, cls: ["Logic"], web: "no" }).map((f) => f.path)).toEqual(["app/core/files.py"]);
  });
  it("filters by blocker kind", () => {
    expect(filterFiles(files, { ...EMPTY_FILTERS, blocker: "desktop" }).map((f) => f.path)).toEqual(["app/core/files.py"]);
    expect(filterFiles(files, { ...EMPTY_FILTERS, blocker: "ui_file" })).toHaveLength(2);
  });
  it("round-trips through the query string", () => {
    const f = { cls: ["UI" as const, "Mixed" as const], web: "no" as const, toolkit: "tkinter", blocker: "desktop" as const, q: "dialog" };
    const p = filtersToParams(f);
    expect(p.toString()).toBe("class=UI%2CMixed&web=no&tk=tkinter&blocker=desktop&q=dialog");
    expect(filtersFromParams(p)).toEqual(f);
    expect(filtersFromParams(new URLSearchParams("class=Bogus&web=maybe&blocker=x"))).toEqual(EMPTY_FILTERS);
  });
  it("sorts numerically both ways, ties by path", () => {
    expect(sortFiles(files, { key: "sloc", dir: "desc" }).map((f) => f.sloc)).toEqual([300, 200, 150, 120, 50]);
    expect(sortFiles(files, { key: "ui_pct", dir: "asc" }).map((f) => f.path)).toEqual([
      "app/core/calc.py",
      "app/core/files.py",
      "app/gui/dialog.py",
      "app/gui/main_window.py",
      "app/qt/view.py",
    ]);
    expect(sortFiles(files, { key: "path", dir: "asc" })[0]!.path).toBe("app/core/calc.py");
  });
  it("filters 5,000 files quickly", () => {
    const many = Array.from({ length: 5000 }, (_, i) => file(`pkg${i % 50}/mod${i}.py`, { classification: i % 3 ? "Logic" : "UI" }));
    const t0 = performance.now();
    const out = sortFiles(filterFiles(many, { ...EMPTY_FILTERS, cls: ["UI"], q: "pkg1" }), { key: "path", dir: "asc" });
    expect(out.length).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe("overview data", () => {
  it("groups blockers by kind", () => {
    expect(blockerKind("imports a.py -> b.py, which is UI")).toBe("imports");
    expect(blockerKind("does not parse: invalid syntax")).toBe("parse");
    expect(blockersByKind(files)).toEqual([
      { kind: "ui_file", files: 2, count: 2 },
      { kind: "desktop", files: 1, count: 1 },
    ]);
  });
  it("starts with the largest Logic files not web ready", () => {
    expect(startHere(files).map((f) => f.path)).toEqual(["app/core/files.py"]);
  });
});
