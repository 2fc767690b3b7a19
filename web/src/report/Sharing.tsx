import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Share2, Trash2 } from "lucide-react";
import { api } from "@/api/client";
import { useI18n } from "@/i18n";
import { useMe, useTeamNames } from "@/hooks";
import { exactTime } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState, ErrorState, Loading } from "@/components/common";
import { useReport } from "./context";
import { ShareDialog } from "./ShareDialog";

export default function Sharing() {
  const { t } = useI18n();
  const { job } = useReport();
  const me = useMe();
  const teamName = useTeamNames();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const shares = useQuery({ queryKey: ["shares", job.job_id], queryFn: () => api.shares(job.job_id) });
  const unshare = useMutation({
    mutationFn: (team: string) => api.unshare(job.job_id, team),
    onSuccess: () => {
      setPending(null);
      void qc.invalidateQueries({ queryKey: ["shares", job.job_id] });
    },
  });
  const isAdmin = me.data?.role === "Admin";
  const leads = new Set(me.data?.teams.filter((x) => x.lead).map((x) => x.team_id) ?? []);
  // owner (can_delete is owner/Admin) or a lead of that team may unshare
  const mayUnshare = (team: string) => job.permissions.can_delete || isAdmin || leads.has(team);
  return (
    <section aria-labelledby="sharing-h" className="max-w-3xl space-y-3">
      <div className="flex items-center justify-between">
        <h2 id="sharing-h" className="font-semibold">{t("share.list")}</h2>
        {job.permissions.can_share && (
          <Button size="sm" onClick={() => setOpen(true)}>
            <Share2 aria-hidden />
            {t("report.share")}
          </Button>
        )}
      </div>
      {shares.isPending && <Loading />}
      {shares.isError && <ErrorState error={shares.error} onRetry={() => void shares.refetch()} />}
      {shares.data && shares.data.items.length === 0 && <EmptyState>{t("share.none")}</EmptyState>}
      {shares.data && shares.data.items.length > 0 && (
        <table className="w-full rounded-lg border text-sm">
          <thead className="bg-muted/50 text-left text-xs uppercase tracking-wide text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2">{t("share.team")}</th>
              <th scope="col" className="px-3 py-2">{t("share.canView")}</th>
              <th scope="col" className="px-3 py-2">{t("share.canDownload")}</th>
              <th scope="col" className="px-3 py-2">{t("share.expires")}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t("analyses.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {shares.data.items.map((s) => (
              <tr key={s.team_id} className="border-t">
                <td className="px-3 py-2">
                  <div className="font-medium">{teamName(s.team_id)}</div>
                  <div className="text-xs text-muted-foreground">{t("share.by", { user: s.shared_by })} · {exactTime(s.created_at)}</div>
                </td>
                <td className="px-3 py-2">{s.can_view ? t("common.yes") : t("common.no")}</td>
                <td className="px-3 py-2">{s.can_download ? t("common.yes") : t("common.no")}</td>
                <td className="px-3 py-2">{s.expires_at ? exactTime(s.expires_at) : t("share.never")}</td>
                <td className="px-3 py-2 text-right">
                  {mayUnshare(s.team_id) && (
                    <Button variant="ghost" size="sm" onClick={() => setPending(s.team_id)} aria-label={t("share.unshareTeam", { team: teamName(s.team_id) })}>
                      <Trash2 aria-hidden />
                      {t("share.unshare")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(o) => !o && setPending(null)}
        title={t("share.unshareTeam", { team: pending ? teamName(pending) : "" })}
        body={unshare.isError ? <ErrorState error={unshare.error} /> : job.name}
        confirm={t("share.unshare")}
        cancel={t("common.cancel")}
        busy={unshare.isPending}
        onConfirm={() => pending && unshare.mutate(pending)}
      />
      {job.permissions.can_share && <ShareDialog open={open} onOpenChange={setOpen} job={job} />}
    </section>
  );
}
