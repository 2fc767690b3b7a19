import { useEffect, useRef, useState, type DragEvent } from "react";
import { Link } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, FileArchive, FolderOpen, UploadCloud, XCircle } from "lucide-react";
import { api, ApiError } from "@/api/client";
import { useI18n } from "@/i18n";
import { useJobLive } from "@/realtime/RealtimeProvider";
import { useTitle } from "@/lib/keys";
import { formatBytes, cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Card, Input, Label, Progress } from "@/components/ui/misc";
import { ErrorState, PageHeader } from "@/components/common";
import { browserXhr, isArchiveName, uploadAndStart, UploadError, type Phase } from "@/upload/upload";
import { fromEntry, fromFileList, zipFiles, type PickedFile } from "@/upload/folder";

/** The compressed-archive limit of SPEC §8 (the API's presigned POST enforces its own `max_bytes` too). */
export const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

/** An archive's size and the limit it is over, in bytes when rounding would show the same figure twice. */
export function sizes(size: number, max: number): { size: string; max: string } {
  const [a, b] = [formatBytes(size), formatBytes(max)];
  return a === b ? { size: `${size.toLocaleString("en")} B`, max: `${max.toLocaleString("en")} B` } : { size: a, max: b };
}

interface Selected {
  file: Blob;
  filename: string;
  fileCount?: number;
}

export default function NewAnalysisPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  useTitle(t("new.title"));
  const [selected, setSelected] = useState<Selected | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [zipping, setZipping] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [uploadProgress, setUploadProgress] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const archiveInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const live = useJobLive(jobId ?? undefined, phase === "started");
  const busy = phase !== null && !(live?.status === "completed" || live?.status === "failed");

  useEffect(() => {
    folderInput.current?.setAttribute("webkitdirectory", "");
  }, []);

  const reset = () => {
    setSelected(null);
    setName("");
    setError(null);
    setPhase(null);
    setJobId(null);
    setUploadProgress(0);
  };

  const chooseArchive = (file: File) => {
    reset();
    if (!isArchiveName(file.name)) return setError(t("new.notArchive"));
    if (file.size > MAX_ARCHIVE_BYTES)
      return setError(t("new.tooLarge", sizes(file.size, MAX_ARCHIVE_BYTES)));
    setSelected({ file, filename: file.name });
    setName(file.name.replace(/\.(zip|tar\.gz|tgz)$/i, ""));
  };

  const chooseFolder = async (folder: string, files: PickedFile[]) => {
    reset();
    if (files.length === 0) return setError(t("new.noPython"));
    setZipping(files.length);
    try {
      const blob = await zipFiles(files);
      if (blob.size > MAX_ARCHIVE_BYTES)
        return setError(t("new.tooLarge", sizes(blob.size, MAX_ARCHIVE_BYTES)));
      setSelected({ file: blob, filename: `${folder || "folder"}.zip`, fileCount: files.length });
      setName(folder);
    } catch (e) {
      setError(e);
    } finally {
      setZipping(null);
    }
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const item = e.dataTransfer.items?.[0];
    const entry = item?.webkitGetAsEntry?.();
    if (entry?.isDirectory) {
      await chooseFolder(entry.name, await fromEntry(entry));
      return;
    }
    const file = e.dataTransfer.files[0];
    if (file) chooseArchive(file);
  };

  const start = async () => {
    if (!selected) return;
    setError(null);
    try {
      await uploadAndStart(
        { file: selected.file, filename: selected.filename, name: name.trim() || selected.filename },
        { api, xhr: browserXhr },
        (p, id) => {
          setPhase(p);
          if (id) setJobId(id);
        },
        setUploadProgress,
      );
      void qc.invalidateQueries({ queryKey: ["history"] });
    } catch (e) {
      setPhase(null);
      if (e instanceof UploadError && e.code === "too_large") {
        const max = Number(e.message.split(":")[1]);
        setError(t("new.tooLarge", sizes(selected.file.size, max)));
      } else if (e instanceof UploadError && e.phase === "uploading") {
        setError(t("new.uploadFailed", { reason: e.message }));
      } else {
        setError(e instanceof UploadError && e.status ? new ApiError(e.status, e.code ?? "", e.message) : e);
      }
    }
  };

  const analysisProgress = live?.progress ?? 0;
  const done = live?.status === "completed";
  const failed = live?.status === "failed";

  return (
    <section aria-labelledby="new-title" className="mx-auto max-w-2xl">
      <PageHeader title={<span id="new-title">{t("new.title")}</span>} />
      {phase === null && (
        <Card className="p-5">
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => void onDrop(e)}
            className={cn(
              "flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-8 text-center",
              dragging && "border-primary bg-primary/5",
            )}
          >
            <UploadCloud className="h-10 w-10 text-muted-foreground" aria-hidden />
            <p className="font-medium">{t("new.drop")}</p>
            <div className="flex flex-wrap items-center justify-center gap-2">
              <Button variant="outline" onClick={() => archiveInput.current?.click()}>
                <FileArchive aria-hidden />
                {t("new.pickArchive")}
              </Button>
              <span className="text-sm text-muted-foreground">{t("new.or")}</span>
              <Button variant="outline" onClick={() => folderInput.current?.click()}>
                <FolderOpen aria-hidden />
                {t("new.pickFolder")}
              </Button>
            </div>
            <p className="max-w-md text-xs text-muted-foreground">{t("new.folderNote")}</p>
            <input
              ref={archiveInput}
              type="file"
              accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
              className="sr-only"
              tabIndex={-1}
              aria-label={t("new.pickArchive")}
              data-testid="archive-input"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) chooseArchive(f);
                e.target.value = "";
              }}
            />
            <input
              ref={folderInput}
              type="file"
              multiple
              className="sr-only"
              tabIndex={-1}
              aria-label={t("new.pickFolder")}
              data-testid="folder-input"
              onChange={(e) => {
                const list = e.target.files;
                if (list && list.length) {
                  const first = (list[0] as File & { webkitRelativePath?: string }).webkitRelativePath ?? "";
                  void chooseFolder(first.split("/")[0] ?? "folder", fromFileList(list));
                }
                e.target.value = "";
              }}
            />
          </div>
          {zipping !== null && (
            <p role="status" className="mt-3 text-sm text-muted-foreground">
              {t("new.zipping", { count: zipping })}
            </p>
          )}
          {selected && (
            <form
              className="mt-5 space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                void start();
              }}
            >
              <p className="flex items-center gap-2 text-sm">
                <FileArchive className="h-4 w-4 text-muted-foreground" aria-hidden />
                <span className="font-mono">{t("new.selected", { name: selected.filename, size: formatBytes(selected.file.size) })}</span>
              </p>
              <div className="space-y-1.5">
                <Label htmlFor="job-name">{t("new.name")}</Label>
                <Input id="job-name" value={name} maxLength={200} required placeholder={t("new.namePlaceholder")} onChange={(e) => setName(e.target.value)} />
              </div>
              <Button type="submit">{t("new.start")}</Button>
            </form>
          )}
        </Card>
      )}

      {phase !== null && (
        <Card className="space-y-5 p-5" aria-live="polite">
          <div className="space-y-1.5">
            <div className="flex justify-between text-sm">
              <span className="font-medium">{t("new.upload")}</span>
              <span className="num text-muted-foreground">{Math.round(uploadProgress * 100)} %</span>
            </div>
            <Progress value={phase === "creating" ? 0 : Math.round(uploadProgress * 100)} label={t("new.upload")} />
            <p className="text-xs text-muted-foreground">
              {phase === "creating" || phase === "uploading" ? t("new.uploading") : phase === "starting" ? t("new.starting") : formatBytes(selected?.file.size ?? 0)}
            </p>
          </div>
          <div className="space-y-1.5">
            <div className="flex justify-between text-sm">
              <span className="font-medium">{t("new.analysis")}</span>
              <span className="num text-muted-foreground">{analysisProgress} %</span>
            </div>
            <Progress value={phase === "started" ? analysisProgress : 0} label={t("new.analysis")} />
            <p className="text-xs text-muted-foreground">
              {failed
                ? t("status.failed") // the reason is in the alert below; "Analysing…" would say the opposite
                : (live?.message ??
                  (live?.files_total
                    ? t("analyses.filesProgress", { done: live.files_done ?? 0, total: live.files_total })
                    : phase === "started"
                      ? t("new.analysing")
                      : ""))}
            </p>
          </div>
          {done && jobId && (
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-pure-soft p-3 text-pure">
              <CheckCircle2 className="h-5 w-5" aria-hidden />
              <span className="font-medium">{t("new.done")}</span>
              <Button asChild className="ml-auto">
                <Link to={`/jobs/${jobId}`}>{t("new.openReport")}</Link>
              </Button>
            </div>
          )}
          {failed && (
            <div role="alert" className="flex flex-wrap items-start gap-3 rounded-md bg-impure-soft p-3 text-impure">
              <XCircle className="mt-0.5 h-5 w-5" aria-hidden />
              <div>
                <p className="font-medium">{t("new.failed")}</p>
                {live?.error && <p className="mt-1 text-sm">{live.error}</p>}
              </div>
            </div>
          )}
          {!busy && (
            <Button variant="outline" onClick={reset}>
              {t("new.another")}
            </Button>
          )}
        </Card>
      )}
      {error !== null && (
        <ErrorState className="mt-4" error={error} onRetry={selected ? () => void start() : undefined} />
      )}
    </section>
  );
}

