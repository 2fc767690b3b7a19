import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { AlertTriangle, CheckCircle2, X } from "lucide-react";
import { api, ApiError } from "@/api/client";
import type { FileResult, FunctionResult } from "@/api/types";
import { useI18n } from "@/i18n";
import { Input, Badge } from "@/components/ui/misc";
import { Button } from "@/components/ui/button";
import { ClassBadge, EmptyState, ErrorState, Loading } from "@/components/common";
import { cn } from "@/lib/utils";
import { CodeView } from "./CodeView";
import { useReport, fileHref } from "./context";
import { pathMatches } from "./data";
import { lineMarks, reasonKinds, verdictOf } from "./marks";
import { parseManifest, unitCode, useExtraction } from "./extraction-data";

export default function FileView() {
  const { t, number } = useI18n();
  const { result, base, job } = useReport();
  const params = useParams();
  const path = (params["*"] ?? "").split("/").map(safeDecode).join("/");
  const file = useMemo(() => result.files.find((f) => f.path === path), [result.files, path]);
  const location = useLocation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const line = /^#L(\d+)$/.exec(location.hash)?.[1];
  const fnName = search.get("fn");

  const source = useQuery({
    queryKey: ["source", job.job_id, path],
    queryFn: () => api.file(job.job_id, path),
    enabled: !!file,
    staleTime: Infinity,
  });
  const lineCount = useMemo(() => (source.data ? source.data.split(/\r\n|\r|\n/).length : file?.loc ?? 0), [source.data, file]);
  const marks = useMemo(() => (file ? lineMarks(file, lineCount) : undefined), [file, lineCount]);
  const selected = file?.functions.find((f) => f.qualname === fnName) ?? null;
  const highlight = line ? Number(line) : (selected?.lineno ?? null);

  const openFn = (fn: FunctionResult | null) => {
    const next = new URLSearchParams(search);
    if (fn) next.set("fn", fn.qualname);
    else next.delete("fn");
    navigate({ search: next.toString() ? `?${next.toString()}` : "", hash: location.hash }, { replace: true });
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && fnName) openFn(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="grid gap-3 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <FileTree current={path} />
      <div className="min-w-0 space-y-3">
        {!file ? (
          <EmptyState>{t("file.notInResult")}</EmptyState>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="break-all font-mono text-sm font-semibold">{file.path}</h2>
              <ClassBadge value={file.classification} />
              <span className="text-xs text-muted-foreground">
                {number(file.sloc)} SLOC · UI {file.ui_pct.toFixed(1)} % · {t("file.lines", { n: number(file.loc) })}
                {file.toolkits.length > 0 && ` · ${file.toolkits.join(", ")}`}
              </span>
            </div>
            <BlockerList file={file} base={base} />
            <div className={cn("grid gap-3", selected && "xl:grid-cols-[minmax(0,1fr)_22rem]")}>
              <div className="min-w-0">
                {source.isPending && <Loading label={t("file.loading")} />}
                {source.isError &&
                  (source.error instanceof ApiError && source.error.status === 404 ? (
                    <EmptyState>{t("file.sourceMissing")}</EmptyState>
                  ) : (
                    <ErrorState error={source.error} onRetry={() => void source.refetch()} />
                  ))}
                {source.data !== undefined && (
                  <CodeView
                    source={source.data}
                    marks={marks}
                    highlight={highlight}
                    label={`${t("file.source")}: ${file.path}`}
                    onFunction={(fn) => openFn(selected?.qualname === fn.qualname ? null : fn)}
                    selectedFunction={fnName}
                    lineHref={(n) => `#L${n}`}
                    className="h-[calc(100vh-17rem)] min-h-[20rem]"
                  />
                )}
              </div>
              {selected && <FunctionPanel fn={selected} file={file} onClose={() => openFn(null)} />}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function BlockerList({ file, base }: { file: FileResult; base: string }) {
  const { t } = useI18n();
  if (file.web_ready)
    return (
      <p className="flex items-center gap-1.5 text-sm text-pure">
        <CheckCircle2 className="h-4 w-4" aria-hidden />
        {t("file.noBlockers")}
      </p>
    );
  return (
    <section aria-labelledby="blockers-h" className="rounded-md border border-destructive/30 bg-destructive/5 p-2">
      <h3 id="blockers-h" className="mb-1 flex items-center gap-1.5 text-sm font-semibold">
        <AlertTriangle className="h-4 w-4 text-destructive" aria-hidden />
        {t("file.blockers")} ({file.web_ready_blockers.length})
      </h3>
      <ul className="max-h-32 space-y-0.5 overflow-auto text-xs">
        {file.parse_error && (
          <li>{t("files.parseError", { line: file.parse_error.lineno, message: file.parse_error.message })}</li>
        )}
        {file.web_ready_blockers.map((b, i) => (
          <li key={i}>
            <Link to={fileHref(base, file.path, b.lineno)} className="font-mono text-primary hover:underline">
              L{b.lineno}
            </Link>{" "}
            {b.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FunctionPanel({ fn, file, onClose }: { fn: FunctionResult; file: FileResult; onClose: () => void }) {
  const { t } = useI18n();
  const { base, result, job } = useReport();
  const verdict = verdictOf(fn);
  const kinds = reasonKinds(fn);
  // calls are dotted names (pkg.mod.func): link those whose module is a file of the job
  const callTarget = (call: string): string | null => {
    const parts = call.split(".");
    for (let i = parts.length - 1; i > 0; i -= 1) {
      const mod = parts.slice(0, i).join("/");
      const hit = result.files.find((f) => f.path === `${mod}.py` || f.path === `${mod}/__init__.py` || f.path.endsWith(`/${mod}.py`));
      if (hit) return fileHref(base, hit.path, undefined, parts.slice(i).join("."));
    }
    return null;
  };
  return (
    <aside aria-label={t("fn.panel")} className="h-fit rounded-lg border bg-card p-3 text-sm xl:sticky xl:top-16">
      <div className="flex items-start justify-between gap-2">
        <h3 className="break-all font-mono font-semibold">{fn.qualname}</h3>
        <Button variant="ghost" size="icon" className="h-7 w-7" aria-label={t("common.close")} onClick={onClose}>
          <X aria-hidden />
        </Button>
      </div>
      <div className="mt-1 flex flex-wrap gap-1">
        <Badge tone={verdict === "pure" ? "pure" : verdict === "impure" ? "impure" : "neutral"}>{t(`fn.${verdict}`)}</Badge>
        <Badge tone={fn.extractable ? "info" : "neutral"}>{fn.extractable ? t("fn.extractable") : t("fn.notExtractable")}</Badge>
        {kinds.map((k) => (
          <Badge key={k}>{t(`reason.${k as "io"}`)}</Badge>
        ))}
      </div>
      <p className="mt-2 text-xs text-muted-foreground">
        <Link className="text-primary hover:underline" to={fileHref(base, file.path, fn.lineno, fn.qualname)}>
          {t("fn.lines", { start: fn.lineno, end: fn.end_lineno })}
        </Link>
      </p>
      <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{t("fn.reasons")}</h4>
      {fn.reasons.length === 0 ? (
        <p className="mt-1 text-xs">{t("fn.noReasons")}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {fn.reasons.map((r, i) => (
            <li key={i} className="text-xs">
              <Badge tone="impure">{t(`reason.${r.kind}`)}</Badge>{" "}
              <Link className="font-mono text-primary hover:underline" to={fileHref(base, file.path, r.lineno, fn.qualname)}>
                L{r.lineno}
              </Link>{" "}
              <span className="break-words">{r.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {job.permissions.can_download && fn.pure && !fn.trivial && <ExtractedCode fn={fn} file={file} />}
      <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{t("fn.calls")}</h4>
      {fn.calls.length === 0 ? (
        <p className="mt-1 text-xs">{t("fn.noCalls")}</p>
      ) : (
        <ul className="mt-1 space-y-0.5 font-mono text-xs">
          {fn.calls.map((c) => {
            const href = callTarget(c);
            return <li key={c}>{href ? <Link className="text-primary hover:underline" to={href}>{c}</Link> : c}</li>;
          })}
        </ul>
      )}
    </aside>
  );
}

function FileTree({ current }: { current: string }) {
  const { t } = useI18n();
  const { result, base } = useReport();
  const [q, setQ] = useState("");
  const files = useMemo(() => [...result.files].filter((f) => pathMatches(f.path, q)).sort((a, b) => a.path.localeCompare(b.path)), [result.files, q]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: files.length, getScrollElement: () => parent.current, estimateSize: () => 26, overscan: 10 });
  useEffect(() => {
    const i = files.findIndex((f) => f.path === current);
    if (i >= 0) v.scrollToIndex(i, { align: "auto" });
    // only when the open file changes, not on every filter keystroke
  }, [current]);
  const dot = { UI: "bg-ui", Mixed: "bg-mixed", Logic: "bg-logic" } as const;
  return (
    <nav aria-label={t("file.tree")} className="rounded-lg border bg-card p-2">
      <Input data-search value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("file.filter")} aria-label={t("file.filter")} className="mb-2 h-8" />
      <div ref={parent} className="h-[40vh] overflow-auto lg:h-[calc(100vh-15rem)]">
        <ul style={{ height: v.getTotalSize(), position: "relative" }}>
          {v.getVirtualItems().map((item) => {
            const f = files[item.index]!;
            const active = f.path === current;
            const slash = f.path.lastIndexOf("/");
            return (
              <li key={f.path} className="absolute left-0 w-full" style={{ top: item.start, height: 26 }}>
                <Link
                  to={fileHref(base, f.path)}
                  aria-current={active ? "page" : undefined}
                  title={`${f.path} · ${f.classification}`}
                  className={cn("flex h-full items-center gap-1.5 rounded px-1.5 font-mono text-xs hover:bg-accent", active && "bg-accent font-semibold")}
                >
                  <span className={cn("h-2 w-2 shrink-0 rounded-full", dot[f.classification])} aria-hidden />
                  <span className="truncate">
                    <span className="text-muted-foreground">{slash >= 0 ? f.path.slice(0, slash + 1) : ""}</span>
                    {f.path.slice(slash + 1)}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

/** Where an extracted function went (module, name, dependencies, its code), or why a pure one was not extracted. */
function ExtractedCode({ fn, file }: { fn: FunctionResult; file: FileResult }) {
  const { t } = useI18n();
  const { job, base } = useReport();
  const cached = useQueryClient().getQueryData(["extraction", job.job_id]) !== undefined;
  const [wanted, setWanted] = useState(cached);
  const zip = useExtraction(job.job_id, wanted);
  const manifest = useMemo(() => (zip.data ? parseManifest(zip.data) : null), [zip.data]);
  const unit = manifest?.units.find((u) => u.source_path === file.path && u.qualname === fn.qualname);
  const miss = manifest?.not_extracted.find((m) => m.source_path === file.path && m.qualname === fn.qualname);
  const code = unit ? unitCode(zip.data?.find((f) => f.path === unit.target_module)?.text ?? "", unit) : null;
  return (
    <>
      <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{t("fn.extraction")}</h4>
      {!wanted && (
        <Button variant="outline" size="sm" className="mt-1" onClick={() => setWanted(true)}>
          {t("fn.showExtracted")}
        </Button>
      )}
      {wanted && zip.isPending && <Loading label={t("extract.loading")} />}
      {zip.isError && <ErrorState error={zip.error} />}
      {miss && <p className="mt-1 text-xs">{t("fn.whyNot", { reason: miss.reason })}</p>}
      {unit && (
        <div className="mt-1 space-y-1 text-xs">
          <p>
            <Link className="font-mono text-primary hover:underline" to={`${base}/extraction?module=${encodeURIComponent(unit.target_module)}`}>
              {t("fn.target", { module: unit.target_module, name: unit.name })}
            </Link>
          </p>
          {unit.dependencies.length > 0 && <p className="break-words text-muted-foreground">{t("fn.depends", { deps: unit.dependencies.join(", ") })}</p>}
          {unit.note && <p className="text-muted-foreground">{unit.note}</p>}
          {code && <CodeView source={code} label={unit.target_module} className="max-h-64" lineHref={() => "#"} />}
        </div>
      )}
    </>
  );
}
