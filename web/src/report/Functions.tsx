import { useMemo, useRef } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Search } from "lucide-react";
import { REASON_KINDS, type ReasonKind } from "@/api/types";
import { useI18n } from "@/i18n";
import { Badge, Input, NativeSelect } from "@/components/ui/misc";
import { EmptyState } from "@/components/common";
import { middleTruncate } from "@/lib/utils";
import { rowKeyHandler } from "@/lib/keys";
import { useReport, fileHref } from "./context";
import { allFunctions, filterFunctions, type FunctionFilters } from "./data";
import { reasonKinds, verdictOf } from "./marks";

const ROW = 32;
const COLS = "minmax(14rem,1.2fr) minmax(12rem,1fr) 6rem minmax(10rem,1fr) 7rem";

export default function Functions() {
  const { t, number } = useI18n();
  const { result, base } = useReport();
  const [params, setParams] = useSearchParams();
  const all = useMemo(() => allFunctions(result), [result]);
  const f: FunctionFilters = {
    verdict: (["pure", "impure", "trivial"] as const).find((v) => v === params.get("verdict")) ?? null,
    reason: (REASON_KINDS as readonly string[]).includes(params.get("reason") ?? "") ? (params.get("reason") as ReasonKind) : null,
    extractable: params.get("extractable") === "yes" ? "yes" : params.get("extractable") === "no" ? "no" : null,
    q: params.get("q") ?? "",
  };
  const rows = useMemo(() => filterFunctions(all, f), [all, f.verdict, f.reason, f.extractable, f.q]); // the filter values, not the object rebuilt each render
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 15 });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="search">
        <div className="relative w-full max-w-sm">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-muted-foreground" aria-hidden />
          <Input data-search type="search" className="pl-8" value={f.q} placeholder={t("common.search")} aria-label={t("common.search")} onChange={(e) => set("q", e.target.value)} />
        </div>
        <NativeSelect aria-label={t("filter.pure")} value={f.verdict ?? ""} onChange={(e) => set("verdict", e.target.value)}>
          <option value="">{t("filter.pure")}: {t("common.all")}</option>
          <option value="pure">{t("fn.pure")}</option>
          <option value="impure">{t("fn.impure")}</option>
          <option value="trivial">{t("fn.trivial")}</option>
        </NativeSelect>
        <NativeSelect aria-label={t("filter.reason")} value={f.reason ?? ""} onChange={(e) => set("reason", e.target.value)}>
          <option value="">{t("filter.reason")}: {t("common.all")}</option>
          {REASON_KINDS.map((k) => (
            <option key={k} value={k}>{t(`reason.${k}`)}</option>
          ))}
        </NativeSelect>
        <NativeSelect aria-label={t("filter.extractable")} value={f.extractable ?? ""} onChange={(e) => set("extractable", e.target.value)}>
          <option value="">{t("filter.extractable")}: {t("common.all")}</option>
          <option value="yes">{t("filter.extractable")}: {t("common.yes")}</option>
          <option value="no">{t("filter.extractable")}: {t("common.no")}</option>
        </NativeSelect>
        <p className="ml-auto text-sm text-muted-foreground" role="status">
          {t("fn.count", { shown: number(rows.length), total: number(all.length) })}
        </p>
      </div>
      <div role="table" aria-label={t("report.functions")} aria-rowcount={rows.length + 1} className="overflow-x-auto rounded-lg border text-sm">
        <div role="rowgroup" className="min-w-[52rem] bg-muted/50">
          <div role="row" className="grid border-b text-xs font-medium uppercase tracking-wide text-muted-foreground" style={{ gridTemplateColumns: COLS }}>
            <div role="columnheader" className="px-2 py-1.5">{t("fn.name")}</div>
            <div role="columnheader" className="px-2 py-1.5">{t("fn.file")}</div>
            <div role="columnheader" className="px-2 py-1.5">{t("fn.verdict")}</div>
            <div role="columnheader" className="px-2 py-1.5">{t("fn.reasons")}</div>
            <div role="columnheader" className="px-2 py-1.5">{t("filter.extractable")}</div>
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="p-4"><EmptyState>{t("fn.empty")}</EmptyState></div>
        ) : (
          <div ref={parent} role="rowgroup" onKeyDown={rowKeyHandler(rows.length, (i) => v.scrollToIndex(i))} className="relative min-w-[52rem] overflow-auto" style={{ height: "min(70vh, calc(100vh - 16rem))" }}>
            <div style={{ height: v.getTotalSize(), position: "relative" }}>
              {v.getVirtualItems().map((item) => {
                const r = rows[item.index]!;
                const verdict = verdictOf(r.fn);
                return (
                  <div key={r.key} role="row" data-index={item.index} aria-rowindex={item.index + 2} className="absolute left-0 grid w-full items-center border-b hover:bg-muted/40" style={{ top: item.start, height: ROW, gridTemplateColumns: COLS }}>
                    <div role="cell" className="truncate px-2 font-mono text-xs">
                      <Link className="text-primary hover:underline" to={fileHref(base, r.path, r.fn.lineno, r.fn.qualname)}>{r.fn.qualname}</Link>
                    </div>
                    <div role="cell" className="truncate px-2 font-mono text-xs text-muted-foreground" title={r.path}>
                      {middleTruncate(r.path, 50)}:{r.fn.lineno}
                    </div>
                    <div role="cell" className="px-2">
                      <Badge tone={verdict === "pure" ? "pure" : verdict === "impure" ? "impure" : "neutral"}>{t(`fn.${verdict}`)}</Badge>
                    </div>
                    <div role="cell" className="truncate px-2 text-xs">
                      {reasonKinds(r.fn).map((k) => t(`reason.${k as ReasonKind}`)).join(", ")}
                    </div>
                    <div role="cell" className="px-2 text-xs">{r.fn.extractable ? t("common.yes") : t("common.no")}</div>
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
