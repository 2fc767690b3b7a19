import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router-dom";
import type { FileResult } from "@/api/types";
import { useI18n } from "@/i18n";
import { useReport, fileHref } from "./context";
import { buildTree, layout, uiOpacity, type Rect } from "./treemap";

const HUE = { UI: "var(--ui)", Mixed: "var(--mixed)", Logic: "var(--logic)" } as const;
// Pattern as well as colour (never colour alone): UI hatched, Mixed dotted, Logic plain.
const PATTERN = { UI: "url(#tm-hatch)", Mixed: "url(#tm-dots)", Logic: "none" } as const;

export default function Treemap({ files, height = 420 }: { files: FileResult[]; height?: number }) {
  const { t } = useI18n();
  const { base } = useReport();
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<Rect | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, Math.floor(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const tree = useMemo(() => buildTree(files), [files]);
  const laid = useMemo(() => layout(tree, width, height), [tree, width, height]);

  return (
    <div ref={box} className="relative w-full">
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={`${t("overview.map")}: ${t("overview.mapHint")}`}
        className="block select-none"
        onMouseLeave={() => setHover(null)}
      >
        <defs>
          <pattern id="tm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="hsl(var(--background))" strokeOpacity="0.35" strokeWidth="2" />
          </pattern>
          <pattern id="tm-dots" width="6" height="6" patternUnits="userSpaceOnUse">
            <circle cx="3" cy="3" r="1" fill="hsl(var(--background))" fillOpacity="0.4" />
          </pattern>
        </defs>
        {laid.folders.map((f) => (
          <g key={`d:${f.path}`} className="cursor-pointer" onClick={() => navigate(`${base}/files?q=${encodeURIComponent(`${f.path}/`)}`)}>
            <title>{f.path}/</title>
            <rect x={f.x0} y={f.y0} width={f.x1 - f.x0} height={f.y1 - f.y0} fill="hsl(var(--muted))" stroke="hsl(var(--border))" />
            {f.x1 - f.x0 > 40 && f.y1 - f.y0 > 30 && (
              <text x={f.x0 + 4} y={f.y0 + 12} className="fill-muted-foreground text-[10px]" style={{ font: "10px ui-monospace, monospace" }}>
                {clip(f.name, (f.x1 - f.x0 - 8) / 6)}
              </text>
            )}
          </g>
        ))}
        {laid.files.map((r) => {
          const f = r.file!;
          const w = r.x1 - r.x0;
          const h = r.y1 - r.y0;
          if (w < 1 || h < 1) return null;
          return (
            <g
              key={r.path}
              className="cursor-pointer"
              onMouseEnter={() => setHover(r)}
              onClick={() => navigate(fileHref(base, r.path))}
            >
              <rect x={r.x0} y={r.y0} width={w} height={h} fill={`hsl(${HUE[f.classification]})`} fillOpacity={uiOpacity(f.ui_pct)} />
              {f.classification !== "Logic" && <rect x={r.x0} y={r.y0} width={w} height={h} fill={PATTERN[f.classification]} />}
              {w > 50 && h > 14 && (
                <text x={r.x0 + 3} y={r.y0 + 11} style={{ font: "10px ui-monospace, monospace" }} className="pointer-events-none fill-foreground">
                  {clip(r.name, (w - 6) / 6)}
                </text>
              )}
              <title>{`${f.path}\n${f.sloc} SLOC · UI ${f.ui_pct.toFixed(1)} % · ${f.classification}`}</title>
            </g>
          );
        })}
        {hover && (
          <rect
            x={hover.x0}
            y={hover.y0}
            width={hover.x1 - hover.x0}
            height={hover.y1 - hover.y0}
            fill="none"
            stroke="hsl(var(--foreground))"
            strokeWidth={2}
            pointerEvents="none"
          />
        )}
      </svg>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3 text-xs">
        <ul className="flex items-center gap-3" aria-label={t("overview.legend")}>
          {(["Logic", "Mixed", "UI"] as const).map((c) => (
            <li key={c} className="flex items-center gap-1">
              <svg width="14" height="14" aria-hidden>
                <rect width="14" height="14" fill={`hsl(${HUE[c]})`} fillOpacity={0.8} />
                {c !== "Logic" && <rect width="14" height="14" fill={PATTERN[c]} />}
              </svg>
              {t(c === "UI" ? "legend.ui" : c === "Mixed" ? "legend.mixed" : "legend.logic")}
            </li>
          ))}
        </ul>
        <p className="min-h-4 truncate font-mono text-muted-foreground" aria-live="off">
          {hover?.file ? `${hover.file.path} · ${hover.file.sloc} SLOC · UI ${hover.file.ui_pct.toFixed(1)} %` : ""}
        </p>
      </div>
      {/* The same files, reachable by keyboard and screen readers: the largest first. */}
      <ul className="sr-only">
        {[...files]
          .sort((a, b) => b.sloc - a.sloc)
          .slice(0, 30)
          .map((f) => (
            <li key={f.path}>
              <a href={fileHref(base, f.path)} onClick={(e) => { e.preventDefault(); navigate(fileHref(base, f.path)); }}>
                {f.path}: {f.sloc} SLOC, UI {f.ui_pct.toFixed(1)} %
              </a>
            </li>
          ))}
      </ul>
    </div>
  );
}

function clip(s: string, chars: number): string {
  const n = Math.floor(chars);
  if (n <= 1) return "";
  return s.length <= n ? s : `${s.slice(0, Math.max(1, n - 1))}…`;
}
