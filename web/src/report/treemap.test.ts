import { describe, expect, it } from "vitest";
import { file } from "@/test/fixtures";
import { area, buildTree, layout, uiColour } from "./treemap";

const files = [
  file("app/gui/main.py", { sloc: 300, ui_pct: 80 }),
  file("app/gui/dialog.py", { sloc: 100, ui_pct: 40 }),
  file("app/core/calc.py", { sloc: 200 }),
  file("app/core/empty.py", { sloc: 0 }),
  file("setup.py", { sloc: 20 }),
  file("deep/only/child/mod.py", { sloc: 10 }),
];

describe("treemap data", () => {
  it("builds folders → files and merges single-folder chains", () => {
    const tree = buildTree(files);
    const names = tree.children!.map((c) => c.name).sort();
    expect(names).toEqual(["app", "deep/only/child", "setup.py"]);
    const app = tree.children!.find((c) => c.name === "app")!;
    expect(app.children!.map((c) => c.name).sort()).toEqual(["core", "gui"]);
    const gui = app.children!.find((c) => c.name === "gui")!;
    expect(gui.children!.map((c) => c.file?.path)).toEqual(["app/gui/main.py", "app/gui/dialog.py"]);
    const deep = tree.children!.find((c) => c.name === "deep/only/child")!;
    expect(deep.path).toBe("deep/only/child");
  });

  it("lays every file out once, area proportional to source lines, inside its folder", () => {
    const { files: rects, folders } = layout(buildTree(files), 1000, 600);
    expect(rects.map((r) => r.path).sort()).toEqual(files.map((f) => f.path).sort());
    const byPath = new Map(rects.map((r) => [r.path, r]));
    const size = (p: string) => {
      const r = byPath.get(p)!;
      return (r.x1 - r.x0) * (r.y1 - r.y0);
    };
    // padding and rounding aside, 300 sloc is about 1.5× 200 sloc
    const ratio = size("app/gui/main.py") / size("app/core/calc.py");
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(1.9);
    expect(size("app/core/empty.py")).toBeGreaterThanOrEqual(0);
    for (const r of rects) {
      expect(r.x0).toBeGreaterThanOrEqual(0);
      expect(r.y1).toBeLessThanOrEqual(600);
    }
    const gui = folders.find((f) => f.path === "app/gui")!;
    const main = byPath.get("app/gui/main.py")!;
    expect(main.x0).toBeGreaterThanOrEqual(gui.x0);
    expect(main.x1).toBeLessThanOrEqual(gui.x1);
    expect(main.y0).toBeGreaterThanOrEqual(gui.y0);
    expect(main.y1).toBeLessThanOrEqual(gui.y1);
  });

  it("gives empty files a sliver and colours by UI share", () => {
    expect(area(file("x.py", { sloc: 0 }))).toBe(1);
    expect(uiColour(80)).toBe("hsl(var(--ui))");
    expect(uiColour(20)).toBe("hsl(var(--mixed))");
    expect(uiColour(0)).toBe("hsl(var(--logic))");
  });

  it("lays out 5,000 files", () => {
    const many = Array.from({ length: 5000 }, (_, i) => file(`p${i % 40}/s${i % 7}/m${i}.py`, { sloc: 1 + (i % 300) }));
    const t0 = performance.now();
    const { files: rects } = layout(buildTree(many), 1200, 700);
    expect(rects).toHaveLength(5000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
