import { useMemo } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { FileCode2, FileJson, FileText } from "lucide-react";
import { useI18n } from "@/i18n";
import { Progress } from "@/components/ui/misc";
import { EmptyState, ErrorState } from "@/components/common";
import { cn } from "@/lib/utils";
import { CodeView } from "./CodeView";
import { fileHref, useReport } from "./context";
import { parseManifest, useExtraction } from "./extraction-data";

export default function Extraction() {
  const { t } = useI18n();
  const { job, base } = useReport();
  const [params, setParams] = useSearchParams();
  const selected = params.get("module");
  const setSelected = (m: string) => setParams({ module: m }, { replace: true });
  const zip = useExtraction(job.job_id, job.permissions.can_download);
  const progress = zip.progress;
  const files = zip.data ?? [];
  const manifest = useMemo(() => parseManifest(files), [files]);
  const units = manifest ? manifest.units.length : null;
  const current = files.find((f) => f.path === selected) ?? files.find((f) => f.path.endsWith("_pure.py")) ?? files[0];

  if (!job.permissions.can_download) return <EmptyState>{t("extract.noDownload")}</EmptyState>;
  if (zip.isError) return <ErrorState error={zip.error} onRetry={() => void zip.refetch()} />;
  if (zip.isPending)
    return (
      <div className="max-w-md space-y-2" role="status">
        <p className="text-sm text-muted-foreground">{t("extract.loading")}</p>
        <Progress value={progress === null ? null : Math.round(progress * 100)} label={t("extract.loading")} />
      </div>
    );
  if (files.length === 0) return <EmptyState>{t("extract.empty")}</EmptyState>;
  const icon = (p: string) => (p.endsWith(".json") ? <FileJson aria-hidden /> : p.endsWith(".py") ? <FileCode2 aria-hidden /> : <FileText aria-hidden />);
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted-foreground">
        {t("extract.intro")}
        {units !== null && ` ${t("extract.units", { n: units })}.`}
      </p>
      <div className="grid gap-3 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <nav aria-label={t("extract.modules")} className="rounded-lg border bg-card p-2">
          <ul className="max-h-[calc(100vh-16rem)] space-y-0.5 overflow-auto">
            {files.map((f) => (
              <li key={f.path}>
                <button
                  onClick={() => setSelected(f.path)}
                  aria-current={current?.path === f.path ? "true" : undefined}
                  className={cn(
                    "flex w-full items-center gap-1.5 rounded px-1.5 py-1 text-left font-mono text-xs hover:bg-accent [&_svg]:h-3.5 [&_svg]:w-3.5 [&_svg]:shrink-0",
                    current?.path === f.path && "bg-accent font-semibold",
                  )}
                >
                  {icon(f.path)}
                  <span className="truncate">{f.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {current && (
          <div className="min-w-0 space-y-2">
            <h2 className="font-mono text-sm font-semibold">{current.path}</h2>
            <CodeView source={current.text} label={current.path} plain={!/\.pyw?$/.test(current.path)} className="h-[calc(100vh-17rem)] min-h-[20rem]" lineHref={(n) => `#L${n}`} />
          </div>
        )}
      </div>
      {manifest && manifest.not_extracted.length > 0 && (
        <details className="rounded-lg border p-3">
          <summary className="cursor-pointer text-sm font-semibold">{t("extract.notExtracted", { n: manifest.not_extracted.length })}</summary>
          <ul className="mt-2 max-h-72 space-y-1 overflow-auto text-xs">
            {manifest.not_extracted.map((m) => (
              <li key={`${m.source_path}:${m.qualname}`}>
                <Link className="font-mono text-primary hover:underline" to={fileHref(base, m.source_path, undefined, m.qualname)}>
                  {m.source_path} · {m.qualname}
                </Link>{" "}
                — {m.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
