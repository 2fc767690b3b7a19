import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { FolderSearch, Plus, Search, Trash2 } from "lucide-react";
import { api } from "@/api/client";
import { isFullJob, type Job, type SharedJob } from "@/api/types";
import { useI18n } from "@/i18n";
import { useMe, useTeamNames } from "@/hooks";
import { useTitle } from "@/lib/keys";
import { useJobLive } from "@/realtime/RealtimeProvider";
import { exactTime, relativeTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Input, Progress, Skeleton } from "@/components/ui/misc";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState, ErrorState, PageHeader, StatusBadge } from "@/components/common";

const ACTIVE = new Set(["queued", "running"]);

export default function AnalysesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const ws = params.get("ws") ?? "mine";
  const q = params.get("q") ?? "";
  const me = useMe();
  useTitle(t("analyses.title"));
  const teamName = useTeamNames();
  const workspaces = [
    { id: "mine", label: t("analyses.mine") },
    { id: "shared", label: t("analyses.shared") },
    ...(me.data?.teams ?? []).map((tm) => ({ id: `team:${tm.team_id}`, label: teamName(tm.team_id) })),
  ];
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <section aria-labelledby="analyses-title">
      <PageHeader
        title={<span id="analyses-title">{t("analyses.title")}</span>}
        actions={
          <Button asChild>
            <Link to="/new">
              <Plus aria-hidden />
              {t("nav.new")}
            </Link>
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <div
          role="tablist"
          aria-label={t("analyses.workspace")}
          className="flex flex-wrap gap-1 rounded-lg bg-muted p-1"
          onKeyDown={(e) => {
            // the ARIA tabs pattern: ←/→ move between workspaces
            if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
            const i = workspaces.findIndex((w) => w.id === ws);
            const next = workspaces[(i + (e.key === "ArrowRight" ? 1 : workspaces.length - 1)) % workspaces.length]!;
            setParam("ws", next.id === "mine" ? "" : next.id);
            requestAnimationFrame(() => document.getElementById(`ws-${next.id}`)?.focus());
          }}
        >
          {workspaces.map((w) => (
            <button
              key={w.id}
              id={`ws-${w.id}`}
              role="tab"
              tabIndex={ws === w.id ? 0 : -1}
              aria-selected={ws === w.id}
              onClick={() => setParam("ws", w.id === "mine" ? "" : w.id)}
              className={cn(
                "rounded-md px-3 py-1 text-sm font-medium text-muted-foreground",
                ws === w.id && "bg-background text-foreground shadow-sm",
              )}
            >
              {w.label}
            </button>
          ))}
        </div>
        <div className="relative ml-auto w-full max-w-xs">
          <Search className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-muted-foreground" aria-hidden />
          <Input
            data-search
            type="search"
            value={q}
            onChange={(e) => setParam("q", e.target.value)}
            placeholder={t("analyses.filter")}
            aria-label={t("analyses.filter")}
            className="pl-8"
          />
        </div>
      </div>
      <div role="tabpanel" aria-label={workspaces.find((w) => w.id === ws)?.label}>
        {ws === "mine" ? <MyJobs filter={q} /> : <SharedJobs team={ws.startsWith("team:") ? ws.slice(5) : null} filter={q} />}
      </div>
    </section>
  );
}

function matches(name: string, filter: string): boolean {
  return !filter || name.toLowerCase().includes(filter.toLowerCase());
}

function MyJobs({ filter }: { filter: string }) {
  const { t } = useI18n();
  const history = useInfiniteQuery({
    queryKey: ["history"],
    queryFn: ({ pageParam }) => api.history(pageParam, 20),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cursor,
  });
  const jobs = useMemo(() => history.data?.pages.flatMap((p) => p.items) ?? [], [history.data]);
  if (history.isPending) return <TableSkeleton />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (jobs.length === 0)
    return (
      <EmptyState
        icon={<FolderSearch className="h-8 w-8" aria-hidden />}
        action={
          <Button asChild>
            <Link to="/new">{t("nav.new")}</Link>
          </Button>
        }
      >
        {t("analyses.empty")}
      </EmptyState>
    );
  const shown = jobs.filter((j) => matches(j.name, filter));
  return (
    <>
      <JobTable rows={shown.map((job) => ({ job, canDelete: true }))} />
      {history.hasNextPage && (
        <div className="mt-3 flex justify-center">
          <Button variant="outline" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {t("common.more")}
          </Button>
        </div>
      )}
    </>
  );
}

function SharedJobs({ team, filter }: { team: string | null; filter: string }) {
  const { t } = useI18n();
  const shared = useInfiniteQuery({
    queryKey: ["shared-with-me"],
    queryFn: ({ pageParam }) => api.sharedWithMe(pageParam, 50),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined),
  });
  const items = useMemo(() => shared.data?.pages.flatMap((p) => p.items) ?? [], [shared.data]);
  if (shared.isPending) return <TableSkeleton />;
  if (shared.isError) return <ErrorState error={shared.error} onRetry={() => void shared.refetch()} />;
  const rows = items.filter((s) => (!team || s.team_ids.includes(team)) && matches(s.job.name, filter));
  if (rows.length === 0) return <EmptyState>{team ? t("analyses.emptyTeam") : t("analyses.emptyShared")}</EmptyState>;
  return (
    <>
      <JobTable rows={rows.map((s) => ({ job: s.job, shared: s, canDelete: false }))} />
      {shared.hasNextPage && (
        <div className="mt-3 flex justify-center">
          <Button variant="outline" onClick={() => void shared.fetchNextPage()}>
            {t("common.more")}
          </Button>
        </div>
      )}
    </>
  );
}

interface Row {
  job: Job | { job_id: string; name: string };
  shared?: SharedJob;
  canDelete: boolean;
}

function JobTable({ rows }: { rows: Row[] }) {
  const { t } = useI18n();
  const [toDelete, setToDelete] = useState<Job | null>(null);
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => api.remove(id),
    onSuccess: () => {
      setToDelete(null);
      void qc.invalidateQueries({ queryKey: ["history"] });
      void qc.invalidateQueries({ queryKey: ["stats"] });
    },
  });
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full text-sm">
        <thead className="bg-muted/50 text-left text-xs uppercase tracking-wide text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("analyses.name")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("analyses.status")}</th>
            <th scope="col" className="num px-3 py-2 font-medium">{t("analyses.files")}</th>
            <th scope="col" className="num px-3 py-2 font-medium">{t("analyses.ui")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("analyses.created")}</th>
            <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">{t("analyses.actions")}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <JobRow key={r.job.job_id} row={r} onDelete={setToDelete} />
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(o) => {
          if (!o) {
            setToDelete(null);
            remove.reset();
          }
        }}
        title={t("analyses.deleteTitle", { name: toDelete?.name ?? "" })}
        body={
          <>
            {t("analyses.deleteBody")}
            {remove.isError && <ErrorState className="mt-3" error={remove.error} />}
          </>
        }
        confirm={t("common.delete")}
        cancel={t("common.cancel")}
        busy={remove.isPending}
        onConfirm={() => toDelete && remove.mutate(toDelete.job_id)}
      />
    </div>
  );
}

function JobRow({ row, onDelete }: { row: Row; onDelete: (j: Job) => void }) {
  const { t, number } = useI18n();
  const teamName = useTeamNames();
  const full = isFullJob(row.job) ? row.job : null;
  const live = useJobLive(row.job.job_id, !!full && ACTIVE.has(full.status));
  const status = live?.status ?? full?.status;
  const progress = live?.progress ?? full?.progress ?? 0;
  const filesTotal = live?.files_total ?? full?.files_total ?? 0;
  const filesDone = live?.files_done ?? full?.files_done ?? 0;
  const summary = live?.summary ?? full?.summary;
  const canOpen = full !== null && (row.shared ? row.shared.can_view : true);
  return (
    <tr className="border-t hover:bg-muted/30">
      <td className="max-w-[22rem] px-3 py-2">
        {canOpen ? (
          <Link to={`/jobs/${row.job.job_id}`} className="font-medium text-primary hover:underline">
            {row.job.name}
          </Link>
        ) : (
          <span className="font-medium">{row.job.name}</span>
        )}
        {row.shared && (
          <div className="mt-0.5 text-xs text-muted-foreground">
            {t("analyses.teams", { teams: row.shared.team_ids.map(teamName).join(", ") })}
            {row.shared.expires_at && ` · ${t("analyses.expires", { date: exactTime(row.shared.expires_at) })}`}
            {!row.shared.can_view && ` · ${t("analyses.noView")}`}
          </div>
        )}
      </td>
      <td className="px-3 py-2">
        {status && (
          <div className="flex min-w-[10rem] max-w-[16rem] flex-col items-start gap-1">
            <StatusBadge status={status} />
            {status && ACTIVE.has(status) && (
              <>
                <Progress value={progress} label={`${row.job.name}: ${progress} %`} />
                <span className="text-xs text-muted-foreground">
                  {progress} %{filesTotal > 0 && ` · ${t("analyses.filesProgress", { done: filesDone, total: filesTotal })}`}
                </span>
              </>
            )}
            {status === "failed" && (live?.error ?? full?.error) && (
              <span className="line-clamp-2 text-xs text-destructive">{live?.error ?? full?.error}</span>
            )}
          </div>
        )}
      </td>
      <td className="num px-3 py-2">{summary ? number(summary.files) : filesTotal ? number(filesTotal) : "—"}</td>
      <td className="num px-3 py-2">{summary ? `${summary.ui_pct.toFixed(1)} %` : "—"}</td>
      <td className="whitespace-nowrap px-3 py-2 text-muted-foreground">
        {full && <time dateTime={full.created_at} title={exactTime(full.created_at)}>{relativeTime(full.created_at, t)}</time>}
      </td>
      <td className="px-3 py-2 text-right">
        {row.canDelete && full && (
          <Button variant="ghost" size="icon" aria-label={`${t("common.delete")} ${row.job.name}`} onClick={() => onDelete(full)}>
            <Trash2 aria-hidden />
          </Button>
        )}
      </td>
    </tr>
  );
}

function TableSkeleton() {
  return (
    <div className="space-y-2 rounded-lg border p-3" aria-busy="true">
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-8 w-full" />
      ))}
    </div>
  );
}
