// The code view: virtualised lines (only what is on screen is in the DOM), Python colours, UI lines marked
// in the gutter, a verdict badge on each function's `def` line. Used by the file view and the extraction
// preview (without marks). Lazy: it comes with the report's file and extraction chunks.
import { memo, useEffect, useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertTriangle } from "lucide-react";
import type { FunctionResult } from "@/api/types";
import { useI18n } from "@/i18n";
import { cn } from "@/lib/utils";
import { lex, type Token } from "./lexer";
import { reasonKinds, verdictOf, type LineMarks } from "./marks";

const ROW = 20;

export interface CodeViewProps {
  source: string;
  marks?: Map<number, LineMarks>;
  highlight?: number | null;
  label: string;
  onFunction?: (fn: FunctionResult) => void;
  selectedFunction?: string | null;
  lineHref?: (n: number) => string;
  className?: string;
  /** Plain text (no Python colours): README.md, manifest.json. */
  plain?: boolean;
}

export function CodeView({ source, marks, highlight, label, onFunction, selectedFunction, lineHref, className, plain }: CodeViewProps) {
  const lines = useMemo(() => {
    const text = source.endsWith("\n") ? source.slice(0, -1) : source;
    return plain ? text.split(/\r\n|\r|\n/).map((l): Token[] => [["", l]]) : lex(text);
  }, [source, plain]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: lines.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 20 });
  const gutter = `${String(lines.length).length + 1}ch`;

  useEffect(() => {
    if (highlight && highlight >= 1 && highlight <= lines.length) v.scrollToIndex(highlight - 1, { align: "center" });
  }, [highlight, lines.length, v]);

  return (
    <div
      ref={parent}
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cn("relative overflow-auto rounded-md border bg-card font-mono text-[12.5px] leading-5", className)}
    >
      <div style={{ height: v.getTotalSize(), position: "relative", minWidth: "100%" }} className="w-max">
        {v.getVirtualItems().map((item) => {
          const n = item.index + 1;
          return (
            <Line
              key={item.key}
              n={n}
              top={item.start}
              tokens={lines[item.index]!}
              mark={marks?.get(n)}
              highlighted={highlight === n}
              gutter={gutter}
              onFunction={onFunction}
              selectedFunction={selectedFunction}
              href={lineHref?.(n) ?? `#L${n}`}
            />
          );
        })}
      </div>
    </div>
  );
}

interface LineProps {
  n: number;
  top: number;
  tokens: Token[];
  mark: LineMarks | undefined;
  highlighted: boolean;
  gutter: string;
  onFunction?: (fn: FunctionResult) => void;
  selectedFunction?: string | null;
  href: string;
}

const Line = memo(function Line({ n, top, tokens, mark, highlighted, gutter, onFunction, selectedFunction, href }: LineProps) {
  const { t } = useI18n();
  return (
    <div
      id={`L${n}`}
      data-line={n}
      data-ui={mark?.ui ? "true" : undefined}
      className={cn("absolute left-0 flex w-full items-stretch", highlighted && "bg-primary/15", mark?.blockers.length && "bg-destructive/5")}
      style={{ top, height: ROW }}
    >
      <span
        className={cn("w-1 shrink-0", mark?.ui ? "bg-ui" : "bg-transparent")}
        title={mark?.ui ? t("file.uiLine") : undefined}
        aria-label={mark?.ui ? t("file.uiLine") : undefined}
        role={mark?.ui ? "img" : undefined}
      />
      <a
        href={href}
        className="shrink-0 select-none pr-3 text-right text-muted-foreground hover:text-foreground"
        style={{ width: gutter, minWidth: gutter }}
        tabIndex={-1}
        aria-label={t("file.line", { n })}
      >
        {n}
      </a>
      <span className="whitespace-pre pr-4">
        {tokens.map(([cls, text], i) => (cls ? <span key={i} className={`tok-${cls}`}>{text}</span> : text))}
        {mark?.functions.map((fn) => (
          <FunctionBadge key={fn.qualname + fn.lineno} fn={fn} onClick={onFunction} selected={selectedFunction === fn.qualname} />
        ))}
        {mark && mark.blockers.length > 0 && (
          <span className="ml-3 inline-flex max-w-[60ch] items-center gap-1 align-bottom font-sans text-xs text-destructive" title={mark.blockers.join("\n")}>
            <AlertTriangle className="h-3 w-3 shrink-0" aria-hidden />
            <span className="truncate">{mark.blockers[0]}</span>
            {mark.blockers.length > 1 && <span className="shrink-0">+{mark.blockers.length - 1}</span>}
          </span>
        )}
        {mark && mark.reasons.length > 0 && (
          <span className="ml-3 font-sans text-xs text-impure" title={mark.reasons.map((r) => `${r.fn.qualname}: ${r.reason.kind} — ${r.reason.detail}`).join("\n")}>
            ◂ {[...new Set(mark.reasons.map((r) => t(`reason.${r.reason.kind}`)))].join(", ")}
          </span>
        )}
      </span>
    </div>
  );
});

export function FunctionBadge({ fn, onClick, selected }: { fn: FunctionResult; onClick?: (fn: FunctionResult) => void; selected?: boolean }) {
  const { t } = useI18n();
  const verdict = verdictOf(fn);
  const kinds = reasonKinds(fn);
  const text = verdict === "impure" && kinds.length ? `${t("fn.impure")} (${kinds.map((k) => t(`reason.${k as "io"}`)).join(", ")})` : t(`fn.${verdict}`);
  return (
    <button
      type="button"
      onClick={() => onClick?.(fn)}
      aria-pressed={selected}
      className={cn(
        "ml-3 inline-flex h-[18px] items-center rounded border px-1.5 align-middle font-sans text-[11px] font-medium",
        verdict === "pure" && "border-pure/40 bg-pure-soft text-pure",
        verdict === "impure" && "border-impure/40 bg-impure-soft text-impure",
        verdict === "trivial" && "border-border bg-muted text-muted-foreground",
        selected && "ring-2 ring-ring",
      )}
    >
      <span className="sr-only">{fn.qualname}: </span>
      <span aria-hidden>{verdict === "pure" ? "✓ " : verdict === "impure" ? "✗ " : "· "}</span>
      {text}
      {fn.extractable && <span className="ml-1">· {t("fn.extractable")}</span>}
    </button>
  );
}
