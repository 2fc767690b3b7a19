// The codebase map's data: folders → files, area = source lines, colour = UI %. Pure (d3-hierarchy's
// squarified layout), so it is tested without a browser. Loaded with the treemap chunk only.
import { hierarchy, treemap, treemapSquarify, type HierarchyRectangularNode } from "d3-hierarchy";
import type { Classification, FileResult } from "@/api/types";

export interface TreeNode {
  name: string;
  path: string; // folder path or file path
  file?: FileResult;
  children?: TreeNode[];
}

/** Folders → files. A folder with a single child folder is merged into it (`pkg/sub`), as code hosts do. */
export function buildTree(files: readonly FileResult[], rootName = ""): TreeNode {
  const root: TreeNode = { name: rootName, path: "", children: [] };
  for (const f of files) {
    const parts = f.path.split("/");
    let node = root;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const path = parts.slice(0, i + 1).join("/");
      let child = node.children!.find((c) => c.path === path && c.children);
      if (!child) {
        child = { name: parts[i]!, path, children: [] };
        node.children!.push(child);
      }
      node = child;
    }
    node.children!.push({ name: parts[parts.length - 1]!, path: f.path, file: f });
  }
  const compact = (n: TreeNode): TreeNode => {
    if (!n.children) return n;
    let cur = n;
    while (cur !== root && cur.children && cur.children.length === 1 && cur.children[0]!.children) {
      const only = cur.children[0]!;
      cur = { name: `${cur.name}/${only.name}`, path: only.path, children: only.children };
    }
    return { ...cur, children: cur.children!.map(compact) };
  };
  return compact(root);
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  depth: number;
  name: string;
  path: string;
  file?: FileResult;
  value: number;
}

/** Files with no source line still get a sliver (area 1) so they can be seen and clicked. */
export function area(f: FileResult): number {
  return Math.max(1, f.sloc);
}

export function layout(tree: TreeNode, width: number, height: number): { folders: Rect[]; files: Rect[] } {
  const root = hierarchy<TreeNode>(tree, (d) => d.children)
    .sum((d) => (d.file ? area(d.file) : 0))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.data.path.localeCompare(b.data.path));
  const laid = treemap<TreeNode>()
    .tile(treemapSquarify)
    .size([width, height])
    .paddingOuter(2)
    .paddingTop((d) => (d.depth > 0 && d.x1 - d.x0 > 40 && d.y1 - d.y0 > 30 ? 16 : 2))
    .paddingInner(1)
    .round(true)(root);
  const folders: Rect[] = [];
  const files: Rect[] = [];
  laid.each((n: HierarchyRectangularNode<TreeNode>) => {
    const r: Rect = { x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1, depth: n.depth, name: n.data.name, path: n.data.path, value: n.value ?? 0 };
    if (n.data.file) files.push({ ...r, file: n.data.file });
    else if (n.depth > 0) folders.push(r);
  });
  return { folders, files };
}

/** The colour of a UI share: Logic (teal) → Mixed (amber) → UI (rose), as CSS variables of the theme. */
export function uiColour(uiPct: number): string {
  if (uiPct >= 50) return "hsl(var(--ui))";
  if (uiPct >= 10) return "hsl(var(--mixed))";
  return "hsl(var(--logic))";
}

/** Opacity within the band, so 60 % and 100 % UI differ at a glance. */
export function uiOpacity(uiPct: number): number {
  const band = uiPct >= 50 ? (uiPct - 50) / 50 : uiPct >= 10 ? (uiPct - 10) / 40 : uiPct / 10;
  return 0.45 + 0.45 * Math.max(0, Math.min(1, band));
}

export function classOf(uiPct: number): Classification {
  return uiPct >= 50 ? "UI" : uiPct >= 10 ? "Mixed" : "Logic";
}
