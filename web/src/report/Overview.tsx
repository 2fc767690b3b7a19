import { lazy, Suspense, useState } from "react";
import { Link } from "react-router-dom";
import { AlertTriangle, ChevronRight } from "lucide-react";
import type { Summary } from "@/api/types";
import { useI18n } from "@/i18n";
import { Card, Skeleton } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { cn, middleTruncate } from "@/lib/utils";
import { useReport, fileHref } from "./context";
import { blockersByKind, filtersToParams, EMPTY_FILTERS, startHere } from "./data";

const Treemap = lazy(() => import("./Treemap"));

function Bar({ parts, label }: { parts: { value: number; className: string }[]; label: string }) {
  const total = parts.reduce((s, p) => s + p.value, 0) || 1;
  return (
    <div className="mt-2 flex h-2 w-full overflow-hidden rounded-full bg-muted" role="img" aria-label={label}>
      {parts.map((p, i) => (
        <div key={i} className={p.className} style={{ width: `${(p.value / total) * 100}%` }} />
      ))}
    </div>
  );
}

function Stat({ label, value, sub, children }: { label: string; value: string; sub?: string; children?: React.ReactNode }) {
  return (
    <Card className="p-3" role="group" aria-label={label}>
      <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {sub && <p className="text-xs text-muted-foreground">{sub}</p>}
      {children}
    </Card>
  );
}

export function verdictKey(s: Summary): "verdict.mostlyLogic" | "verdict.mixed" | "verdict.mostlyUi" {
  if (s.ui_pct < 20) return "verdict.mostlyLogic";
  if (s.ui_pct < 50) return "verdict.mixed";
  return "verdict.mostlyUi";
}

export default function Overview() {
  const { t, number } = useI18n();
  const { result, base } = useReport();
  const s = result.summary;
  const [showWarnings, setShowWarnings] = useState(false);
  const warnings = result.warnings ?? [];
  const skipped = result.skipped ?? [];
  const pure = s.pure_functions;
  const fnTotal = s.functions - (s.trivial_functions ?? 0);
  const starts = startHere(result.files);
  const blockers = blockersByKind(result.files);
  const filesLink = (f: Partial<typeof EMPTY_FILTERS>) => `${base}/files?${filtersToParams({ ...EMPTY_FILTERS, ...f }).toString()}`;
  return (
    <div className="space-y-4">
      {(warnings.length > 0 || skipped.length > 0) && (
        <div role="status" className="rounded-lg border border-mixed/40 bg-mixed-soft p-3 text-sm text-mixed">
          <div className="flex flex-wrap items-center gap-3">
            <AlertTriangle className="h-4 w-4" aria-hidden />
            {warnings.length > 0 && <span className="font-medium">{t("overview.warnings", { n: warnings.length })}</span>}
            {skipped.length > 0 && <span className="font-medium">{t("overview.skipped", { n: skipped.length })}</span>}
            <Button variant="link" size="sm" className="h-auto p-0 text-mixed underline" aria-expanded={showWarnings} onClick={() => setShowWarnings((v) => !v)}>
              {t("overview.showDetails")}
            </Button>
          </div>
          {showWarnings && (
            <ul className="mt-2 space-y-1 text-foreground">
              {warnings.map((w, i) => (
                <li key={`w${i}`} className="font-mono text-xs">
                  <Link className="text-primary hover:underline" to={fileHref(base, w.path, w.lineno)}>
                    {w.path}:{w.lineno}
                  </Link>{" "}
                  <span className="font-sans">[{w.kind}] {w.detail}</span>
                </li>
              ))}
              {skipped.map((sk) => (
                <li key={sk.path} className="font-mono text-xs">
                  {sk.path} — <span className="font-sans">{sk.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="text-sm">
        <span className="font-medium">{t(verdictKey(s))}</span>
      </p>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Stat label={t("card.uiShare")} value={`${s.ui_pct.toFixed(1)} %`} sub={t("card.uiShareHint")}>
          <Bar label={`${s.ui_pct.toFixed(1)} %`} parts={[{ value: s.ui_pct, className: "bg-ui" }, { value: 100 - s.ui_pct, className: "bg-logic/60" }]} />
        </Stat>
        <Stat label={t("card.files")} value={number(s.files)} sub={s.failed ? t("card.parsed", { n: s.failed }) : `${number(s.sloc)} SLOC`}>
          <Bar
            label={`${t("legend.ui")} ${s.ui_files}, ${t("legend.mixed")} ${s.mixed_files}, ${t("legend.logic")} ${s.logic_files}`}
            parts={[
              { value: s.ui_files, className: "bg-ui" },
              { value: s.mixed_files, className: "bg-mixed" },
              { value: s.logic_files, className: "bg-logic" },
            ]}
          />
        </Stat>
        <Card className="p-3" role="group" aria-label={t("files.class")}>
          <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("files.class")}</p>
          <ul className="mt-1 space-y-0.5 text-sm">
            {(
              [
                ["UI", s.ui_files, "bg-ui", "legend.ui"],
                ["Mixed", s.mixed_files, "bg-mixed", "legend.mixed"],
                ["Logic", s.logic_files, "bg-logic", "legend.logic"],
              ] as const
            ).map(([cls, n, bg, key]) => (
              <li key={cls}>
                <Link to={filesLink({ cls: [cls] })} className="flex items-center justify-between gap-2 rounded hover:bg-accent">
                  <span className="flex items-center gap-1.5">
                    <span className={cn("inline-block h-2.5 w-2.5 rounded-sm", bg)} aria-hidden />
                    {t(key)}
                  </span>
                  <span className="num font-medium">{number(n)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
        <Stat label={t("card.webReady")} value={`${number(s.web_ready_files)}/${number(s.files)}`}>
          <Bar label={`${s.web_ready_files}/${s.files}`} parts={[{ value: s.web_ready_files, className: "bg-pure" }, { value: s.files - s.web_ready_files, className: "bg-muted" }]} />
        </Stat>
        <Stat
          label={t("card.pure")}
          value={`${number(pure)}/${number(fnTotal)}`}
          sub={[t("card.extractable", { n: s.extractable_functions }), s.trivial_functions ? t("card.trivial", { n: s.trivial_functions }) : ""].filter(Boolean).join(" · ")}
        >
          <Bar label={`${pure}/${fnTotal}`} parts={[{ value: pure, className: "bg-pure" }, { value: fnTotal - pure, className: "bg-impure/60" }]} />
        </Stat>
        <Card className="p-3" role="group" aria-label={t("card.toolkits")}>
          <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("card.toolkits")}</p>
          <ul className="mt-1 space-y-0.5 text-sm">
            {Object.entries(s.toolkits).length === 0 && <li className="text-muted-foreground">{t("common.none")}</li>}
            {Object.entries(s.toolkits)
              .sort((a, b) => b[1] - a[1])
              .map(([tk, n]) => (
                <li key={tk}>
                  <Link to={filesLink({ toolkit: tk })} className="flex justify-between gap-2 rounded hover:bg-accent">
                    <span className="font-mono">{tk}</span>
                    <span className="num">{number(n)}</span>
                  </Link>
                </li>
              ))}
          </ul>
        </Card>
      </div>

      <Card className="p-3">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">{t("overview.map")}</h2>
          <p className="text-xs text-muted-foreground">{t("overview.mapHint")}</p>
        </div>
        <Suspense fallback={<Skeleton className="h-[420px] w-full" />}>
          <Treemap files={result.files} />
        </Suspense>
      </Card>

      <div className="grid gap-3 lg:grid-cols-2">
        <Card className="p-3">
          <h2 className="mb-2 font-semibold">{t("overview.startHere")}</h2>
          {starts.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("overview.startHereEmpty")}</p>
          ) : (
            <ul className="divide-y text-sm">
              {starts.map((f) => (
                <li key={f.path}>
                  <Link to={fileHref(base, f.path)} title={f.path} className="flex items-center justify-between gap-2 py-1.5 hover:bg-accent">
                    <span className="truncate font-mono text-xs">{middleTruncate(f.path, 70)}</span>
                    <span className="num shrink-0 text-xs text-muted-foreground">{number(f.sloc)} SLOC</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="p-3">
          <h2 className="mb-2 font-semibold">{t("overview.blockers")}</h2>
          {blockers.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("overview.blockersEmpty")}</p>
          ) : (
            <ul className="divide-y text-sm">
              {blockers.map((b) => (
                <li key={b.kind}>
                  <Link to={filesLink({ blocker: b.kind, web: "no" })} className="flex items-center justify-between gap-2 py-1.5 hover:bg-accent">
                    <span>{t(`blocker.${b.kind}`)}</span>
                    <span className="flex items-center gap-1 text-xs text-muted-foreground">
                      <span className="num">{t("analyses.files")}: {number(b.files)}</span>
                      <ChevronRight className="h-3 w-3" aria-hidden />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
