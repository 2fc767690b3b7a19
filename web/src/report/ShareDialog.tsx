import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import type { JobStatusOut } from "@/api/types";
import { useI18n } from "@/i18n";
import { useTeams } from "@/hooks";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Label, NativeSelect } from "@/components/ui/misc";
import { ErrorState } from "@/components/common";

/** An expiry date (yyyy-mm-dd, the user's day) as the end of that day, ISO 8601 with a timezone. */
export function expiryIso(date: string): string | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T23:59:59`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function ShareDialog({ open, onOpenChange, job }: { open: boolean; onOpenChange: (o: boolean) => void; job: JobStatusOut }) {
  const { t } = useI18n();
  const teams = useTeams();
  const qc = useQueryClient();
  const [team, setTeam] = useState("");
  const [canView, setCanView] = useState(true);
  const [canDownload, setCanDownload] = useState(false);
  const [expires, setExpires] = useState("");
  const share = useMutation({
    mutationFn: () =>
      api.share(job.job_id, { team_id: team, can_view: canView, can_download: canDownload, ...(expiryIso(expires) ? { expires_at: expiryIso(expires) } : {}) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["shares", job.job_id] });
      onOpenChange(false);
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) share.reset();
      }}
    >
      <DialogContent title={t("share.title", { name: job.name })} closeLabel={t("common.close")}>
        {teams.data && teams.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("share.noTeams")}</p>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (team) share.mutate();
            }}
          >
            <div className="space-y-1.5">
              <Label htmlFor="share-team">{t("share.team")}</Label>
              <NativeSelect id="share-team" required className="w-full" value={team} onChange={(e) => setTeam(e.target.value)}>
                <option value="" disabled>
                  {t("share.pickTeam")}
                </option>
                {teams.data?.items.map((tm) => (
                  <option key={tm.team_id} value={tm.team_id}>
                    {tm.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="flex flex-wrap gap-5">
              <div className="flex items-center gap-2">
                <Checkbox id="share-view" checked={canView} onCheckedChange={(v) => setCanView(v === true)} />
                <Label htmlFor="share-view">{t("share.canView")}</Label>
              </div>
              <div className="flex items-center gap-2">
                <Checkbox id="share-dl" checked={canDownload} onCheckedChange={(v) => setCanDownload(v === true)} />
                <Label htmlFor="share-dl">{t("share.canDownload")}</Label>
              </div>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="share-exp">{t("share.expires")}</Label>
              <Input id="share-exp" type="date" min={today} value={expires} onChange={(e) => setExpires(e.target.value)} className="w-48" />
            </div>
            {share.isError && <ErrorState error={share.error} />}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" disabled={!team || share.isPending}>
                {t("share.submit")}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
