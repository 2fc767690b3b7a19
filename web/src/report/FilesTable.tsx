import { useMemo, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp, Check, Search, X } from "lucide-react";
import type { Classification } from "@/api/types";
import { useI18n } from "@/i18n";
import type { MessageKey } from "@/i18n/en";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/misc";
import { ClassBadge, EmptyState } from "@/components/common";
import { cn, middleTruncate } from "@/lib/utils";
import { rowKeyHandler } from "@/lib/keys";
import { useReport, fileHref } from "./context";
import {
  BLOCKER_KINDS,
  EMPTY_FILTERS,
  filterFiles,
  filtersFromParams,
  filtersToParams,
  pureCount,
  sortFiles,
  toolkitsOf,
  type FileFilters,
  type FileSortKey,
  type Sort,
} from "./data";

const ROW = 34;
const COLS = "minmax(16rem,1fr) 6.5rem 5rem 5rem 5.5rem 5rem 6rem 8rem";

export default function FilesTable() {
  const { t, number } = useI18n();
  const { result, base } = useReport();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFromParams(params);
  const sort: Sort<FileSortKey> = {
    key: (params.get("sort") as FileSortKey) || "path",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
  const toolkits = useMemo(() => toolkitsOf(result), [result]);
  const rows = useMemo(
    () => sortFiles(filterFiles(result.files, filters), sort),
    // keyed on the query string: `filters` and `sort` are rebuilt from it on every render
    [result.files, params.toString()],
  );
  const setFilters = (f: FileFilters) => setParams(filtersToParams(f, params), { replace: true });
  const setSort = (key: FileSortKey) => {
    const next = new URLSearchParams(params);
    const dir = sort.key === key && sort.dir === "asc" ? "desc" : sort.key === key ? "asc" : key === "path" ? "asc" : "desc";
    next.set("sort", key);
    next.set("dir", dir);
    setParams(next, { replace: true });
  };
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 15 });
  const toggleCls = (c: Classification) =>
    setFilters({ ...filters, cls: filters.cls.includes(c) ? filters.cls.filter((x) => x !== c) : [...filters.cls, c] });
  const filtered = JSON.stringify({ ...filters }) !== JSON.stringify(EMPTY_FILTERS);

  const headers: { key: FileSortKey; label: MessageKey; num?: boolean }[] = [
    { key: "path", label: "files.path" },
    { key: "classification", label: "files.class" },
    { key: "sloc", label: "files.sloc", num: true },
    { key: "ui_pct", label: "files.uiPct", num: true },
    { key: "functions", label: "files.functions", num: true },
    { key: "pure", label: "files.pure", num: true },
    { key: "web_ready", label: "files.webReady" },
  ];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="search">
        <div className="relative w-full max-w-sm">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-muted-foreground" aria-hidden />
          <Input
            data-search
            type="search"
            className="pl-8"
            placeholder={t("files.search")}
            aria-label={t("files.search")}
            value={filters.q}
            onChange={(e) => setFilters({ ...filters, q: e.target.value })}
          />
        </div>
        <div role="group" aria-label={t("filter.class")} className="flex gap-1">
          {(["UI", "Mixed", "Logic"] as const).map((c) => (
            <Button key={c} size="sm" variant={filters.cls.includes(c) ? "secondary" : "outline"} aria-pressed={filters.cls.includes(c)} onClick={() => toggleCls(c)}>
              {filters.cls.includes(c) && <Check aria-hidden />}
              {t(c === "UI" ? "legend.ui" : c === "Mixed" ? "legend.mixed" : "legend.logic")}
            </Button>
          ))}
        </div>
        <NativeSelect aria-label={t("filter.web")} value={filters.web ?? ""} onChange={(e) => setFilters({ ...filters, web: (e.target.value || null) as FileFilters["web"] })}>
          <option value="">{t("filter.web")}: {t("common.all")}</option>
          <option value="yes">{t("filter.web")}: {t("common.yes")}</option>
          <option value="no">{t("filter.web")}: {t("common.no")}</option>
        </NativeSelect>
        <NativeSelect aria-label={t("filter.toolkit")} value={filters.toolkit ?? ""} onChange={(e) => setFilters({ ...filters, toolkit: e.target.value || null })}>
          <option value="">{t("filter.toolkit")}: {t("common.all")}</option>
          <option value="none">{t("filter.toolkit")}: {t("common.none")}</option>
          {toolkits.map((tk) => (
            <option key={tk} value={tk}>
              {tk}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label={t("files.blockerFilter")}
          value={filters.blocker ?? ""}
          onChange={(e) => setFilters({ ...filters, blocker: (e.target.value || null) as FileFilters["blocker"] })}
        >
          <option value="">{t("files.blockerFilter")}: {t("common.all")}</option>
          {BLOCKER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`blocker.${k}`)}
            </option>
          ))}
        </NativeSelect>
        {filtered && (
          <Button variant="ghost" size="sm" onClick={() => setFilters(EMPTY_FILTERS)}>
            <X aria-hidden />
            {t("files.clear")}
          </Button>
        )}
        <p className="ml-auto text-sm text-muted-foreground" role="status">
          {t("files.count", { shown: number(rows.length), total: number(result.files.length) })}
        </p>
      </div>

      <div role="table" aria-label={t("report.files")} aria-rowcount={rows.length + 1} className="overflow-x-auto rounded-lg border text-sm">
        <div role="rowgroup" className="min-w-[56rem] bg-muted/50">
          <div role="row" aria-rowindex={1} className="grid items-center border-b text-xs text-muted-foreground" style={{ gridTemplateColumns: COLS }}>
            {headers.map((h) => (
              <div
                key={h.key}
                role="columnheader"
                aria-sort={sort.key === h.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                className={cn("px-2 py-1.5", h.num && "text-right")}
              >
                <button className={cn("inline-flex items-center gap-1 font-medium uppercase tracking-wide hover:text-foreground", h.num && "flex-row-reverse")} onClick={() => setSort(h.key)}>
                  {t(h.label)}
                  {sort.key === h.key && (sort.dir === "asc" ? <ArrowUp className="h-3 w-3" aria-hidden /> : <ArrowDown className="h-3 w-3" aria-hidden />)}
                </button>
              </div>
            ))}
            <div role="columnheader" className="px-2 py-1.5 font-medium uppercase tracking-wide">
              {t("files.toolkits")}
            </div>
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="p-4">
            <EmptyState>{t("files.empty")}</EmptyState>
          </div>
        ) : (
          <div ref={parent} role="rowgroup" onKeyDown={rowKeyHandler(rows.length, (i) => v.scrollToIndex(i))} className="relative min-w-[56rem] overflow-auto" style={{ height: "min(70vh, calc(100vh - 16rem))" }}>
            <div style={{ height: v.getTotalSize(), position: "relative" }}>
              {v.getVirtualItems().map((item) => {
                const f = rows[item.index]!;
                const href = fileHref(base, f.path);
                return (
                  <div
                    key={f.path}
                    role="row"
                    data-index={item.index}
                    aria-rowindex={item.index + 2}
                    className="absolute left-0 grid w-full cursor-pointer items-center border-b hover:bg-muted/40"
                    style={{ top: item.start, height: ROW, gridTemplateColumns: COLS }}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest("a")) return;
                      navigate(href);
                    }}
                  >
                    <div role="cell" className="truncate px-2 font-mono text-xs" title={f.path}>
                      <Link to={href} className="text-primary hover:underline">
                        {middleTruncate(f.path, 80)}
                      </Link>
                      {f.parse_error && <span className="ml-2 text-destructive">⚠</span>}
                    </div>
                    <div role="cell" className="px-2">
                      <ClassBadge value={f.classification} />
                    </div>
                    <div role="cell" className="num px-2">{number(f.sloc)}</div>
                    <div role="cell" className="num px-2">{f.ui_pct.toFixed(1)}</div>
                    <div role="cell" className="num px-2">{number(f.functions.length)}</div>
                    <div role="cell" className="num px-2">{number(pureCount(f))}</div>
                    <div role="cell" className="px-2">
                      {f.web_ready ? (
                        <span className="inline-flex items-center gap-1 text-pure"><Check className="h-3.5 w-3.5" aria-hidden />{t("common.yes")}</span>
                      ) : (
                        <span className="inline-flex items-center gap-1 text-muted-foreground" title={f.web_ready_blockers.map((b) => `${b.lineno}: ${b.detail}`).join("\n")}>
                          <X className="h-3.5 w-3.5" aria-hidden />{t("common.no")}
                        </span>
                      )}
                    </div>
                    <div role="cell" className="truncate px-2 font-mono text-xs text-muted-foreground">{f.toolkits.join(", ")}</div>
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
      {((result.skipped?.length ?? 0) > 0 || (result.warnings?.length ?? 0) > 0) && (
        <div className="grid gap-3 md:grid-cols-2">
          {(result.skipped?.length ?? 0) > 0 && (
            <section aria-labelledby="skipped-h" className="rounded-lg border p-3">
              <h2 id="skipped-h" className="mb-2 text-sm font-semibold">{t("files.skipped")} ({result.skipped!.length})</h2>
              <ul className="max-h-64 space-y-1 overflow-auto text-xs">
                {result.skipped!.map((s) => (
                  <li key={s.path}><span className="font-mono">{s.path}</span> — {s.reason}</li>
                ))}
              </ul>
            </section>
          )}
          {(result.warnings?.length ?? 0) > 0 && (
            <section aria-labelledby="warnings-h" className="rounded-lg border p-3">
              <h2 id="warnings-h" className="mb-2 text-sm font-semibold">{t("files.warnings")} ({result.warnings!.length})</h2>
              <ul className="max-h-64 space-y-1 overflow-auto text-xs">
                {result.warnings!.map((w, i) => (
                  <li key={i}>
                    <Link to={fileHref(base, w.path, w.lineno)} className="font-mono text-primary hover:underline">{w.path}:{w.lineno}</Link> [{w.kind}] {w.detail}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
