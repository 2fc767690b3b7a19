import { lazy, Suspense, useCallback, useState } from "react";
import { Link, NavLink, Route, Routes, useParams } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { ChevronDown, Download, FileSearch, Share2 } from "lucide-react";
import { api, ApiError, getResult } from "@/api/client";
import type { ExportFormat, JobStatusOut } from "@/api/types";
import { useI18n } from "@/i18n";
import { useJobLive } from "@/realtime/RealtimeProvider";
import { exactTime, relativeTime } from "@/lib/format";
import { useShortcut, useTitle } from "@/lib/keys";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Card, Kbd, Progress } from "@/components/ui/misc";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown";
import { ErrorState, Loading, StatusBadge } from "@/components/common";
import { ReportContext, type ReportData } from "./context";
import { FileFinder } from "./FileFinder";
import { ShareDialog } from "./ShareDialog";

const Overview = lazy(() => import("./Overview"));
const FilesTable = lazy(() => import("./FilesTable"));
const FileView = lazy(() => import("./FileView"));
const Functions = lazy(() => import("./Functions"));
const Extraction = lazy(() => import("./Extraction"));
const Sharing = lazy(() => import("./Sharing"));

export async function openDownload(jobId: string, format: ExportFormat): Promise<void> {
  const link = await api.downloadLink(jobId, format);
  const a = document.createElement("a");
  a.href = link.url;
  if (link.filename) a.download = link.filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export default function ReportPage() {
  const { jobId = "" } = useParams();
  const { t } = useI18n();
  const job = useQuery({ queryKey: ["job", jobId], queryFn: () => api.job(jobId) });
  useTitle(job.data?.name);
  const running = job.data?.status === "queued" || job.data?.status === "running";
  const live = useJobLive(jobId, running);
  const [progress, setProgress] = useState<number | null>(null);
  const completed = (live?.status ?? job.data?.status) === "completed";
  const result = useQuery({
    queryKey: ["result", jobId],
    queryFn: () => getResult(jobId, setProgress),
    enabled: completed && !!job.data?.permissions.can_view,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });

  if (job.isPending) return <Loading />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;

  if (!completed) {
    const status = live?.status ?? j.status;
    const p = live?.progress ?? j.progress;
    return (
      <section aria-labelledby="report-title" className="mx-auto max-w-2xl">
        <h1 id="report-title" className="mb-3 text-xl font-semibold">{j.name}</h1>
        <Card className="space-y-3 p-5">
          <StatusBadge status={status} />
          {status === "failed" ? (
            <ErrorState error={t("report.failed")} className="mt-2" />
          ) : (
            <>
              <p className="text-sm text-muted-foreground">{t("report.notReady")}</p>
              <Progress value={p} label={`${j.name}: ${p} %`} />
              <p className="text-xs text-muted-foreground">{live?.message ?? `${p} %`}</p>
            </>
          )}
          {status === "failed" && (live?.error ?? j.error) && <p className="text-sm">{live?.error ?? j.error}</p>}
          {status === "failed" && (
            <Button asChild variant="outline">
              <Link to="/new">{t("common.retry")}</Link>
            </Button>
          )}
        </Card>
      </section>
    );
  }
  if (!j.permissions.can_view) return <ErrorState error={new ApiError(403, "forbidden", j.name)} />;
  if (result.isError) return <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  if (!result.data)
    return (
      <div className="mx-auto max-w-md space-y-2 p-6" role="status">
        <p className="text-sm text-muted-foreground">{t("report.loadingResult")}</p>
        <Progress value={progress === null ? null : Math.round(progress * 100)} label={t("report.loadingResult")} />
      </div>
    );
  return <Report data={{ job: j, result: result.data, base: `/jobs/${jobId}` }} />;
}

function Report({ data }: { data: ReportData }) {
  const { t } = useI18n();
  const { job, result, base } = data;
  const [finder, setFinder] = useState(false);
  const [share, setShare] = useState(false);
  const [dlError, setDlError] = useState<unknown>(null);
  useShortcut("t", useCallback(() => setFinder(true), []));
  const p = job.permissions;
  const tabs = [
    { to: base, label: t("report.overview"), end: true },
    { to: `${base}/files`, label: t("report.files"), end: false },
    { to: `${base}/functions`, label: t("report.functions"), end: false },
    ...(p.can_download ? [{ to: `${base}/extraction`, label: t("report.extraction"), end: false }] : []),
    ...(p.can_share || p.can_delete ? [{ to: `${base}/sharing`, label: t("report.sharing"), end: false }] : []),
  ];
  const download = (f: ExportFormat) => {
    setDlError(null);
    openDownload(job.job_id, f).catch(setDlError);
  };
  return (
    <ReportContext.Provider value={data}>
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold tracking-tight">{result.name}</h1>
          <p className="text-xs text-muted-foreground">
            <time dateTime={job.updated_at} title={exactTime(job.updated_at)}>
              {t("report.completedAgo", { ago: relativeTime(job.updated_at, t) })}
            </time>
            {" · "}
            {t("report.processing", { s: result.processing_time.toFixed(1) })}
            {Object.keys(result.summary.toolkits).length > 0 && ` · ${Object.keys(result.summary.toolkits).join(", ")}`}
          </p>
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button variant="outline" size="sm" onClick={() => setFinder(true)} aria-keyshortcuts="t">
            <FileSearch aria-hidden />
            {t("finder.title")} <Kbd>t</Kbd>
          </Button>
          {p.can_share && (
            <Button variant="outline" size="sm" onClick={() => setShare(true)}>
              <Share2 aria-hidden />
              {t("report.share")}
            </Button>
          )}
          {p.can_download && (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button size="sm">
                  <Download aria-hidden />
                  {t("report.download")}
                  <ChevronDown aria-hidden />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                <DropdownMenuItem onSelect={() => download("json")}>{t("report.downloadJson")}</DropdownMenuItem>
                <DropdownMenuItem onSelect={() => download("csv")}>{t("report.downloadCsv")}</DropdownMenuItem>
                <DropdownMenuItem onSelect={() => download("zip")}>{t("report.downloadZip")}</DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          )}
        </div>
      </div>
      {dlError !== null && <ErrorState className="mb-3" error={dlError} />}
      <nav aria-label={t("report.sections")} className="mb-4 flex gap-1 overflow-x-auto border-b">
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) =>
              cn(
                "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground",
                isActive ? "border-primary text-foreground" : "border-transparent",
              )
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Overview />} />
          <Route path="files" element={<FilesTable />} />
          <Route path="files/*" element={<FileView />} />
          <Route path="functions" element={<Functions />} />
          <Route path="extraction" element={<Extraction />} />
          <Route path="sharing" element={<Sharing />} />
        </Routes>
      </Suspense>
      <FileFinder open={finder} onOpenChange={setFinder} />
      {p.can_share && <ShareDialog open={share} onOpenChange={setShare} job={job as JobStatusOut} />}
    </ReportContext.Provider>
  );
}
