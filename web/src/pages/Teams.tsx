import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Crown, Plus, UserMinus, UserPlus, Users } from "lucide-react";
import { api } from "@/api/client";
import type { Team } from "@/api/types";
import { useI18n } from "@/i18n";
import { useMe, useTeams } from "@/hooks";
import { useTitle } from "@/lib/keys";
import { Button } from "@/components/ui/button";
import { Badge, Card, Checkbox, Input, Label } from "@/components/ui/misc";
import { EmptyState, ErrorState, Loading, PageHeader } from "@/components/common";

export default function TeamsPage() {
  const { t } = useI18n();
  const me = useMe();
  const teams = useTeams();
  useTitle(t("teams.title"));
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const isAdmin = me.data?.role === "Admin";
  const create = useMutation({
    mutationFn: () => api.createTeam(name.trim()),
    onSuccess: () => {
      setName("");
      void qc.invalidateQueries({ queryKey: ["teams"] });
      void qc.invalidateQueries({ queryKey: ["me"] });
    },
  });
  return (
    <section aria-labelledby="teams-title">
      <PageHeader title={<span id="teams-title">{t("teams.title")}</span>} />
      {isAdmin && (
        <Card className="mb-4 p-4">
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) create.mutate();
            }}
          >
            <div className="space-y-1.5">
              <Label htmlFor="team-name">{t("teams.name")}</Label>
              <Input id="team-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} className="w-64" />
            </div>
            <Button type="submit" disabled={!name.trim() || create.isPending}>
              <Plus aria-hidden />
              {t("teams.create")}
            </Button>
          </form>
          {create.isError && <ErrorState className="mt-3" error={create.error} />}
        </Card>
      )}
      {(teams.isPending || me.isPending) && <Loading />}
      {teams.isError && <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.data && teams.data.items.length === 0 && <EmptyState icon={<Users className="h-8 w-8" aria-hidden />}>{t("teams.empty")}</EmptyState>}
      <div className="grid gap-4 lg:grid-cols-2">
        {teams.data?.items.map((team) => (
          <TeamCard key={team.team_id} team={team} isAdmin={isAdmin} isLead={!!me.data?.teams.find((x) => x.team_id === team.team_id && x.lead)} />
        ))}
      </div>
    </section>
  );
}

function TeamCard({ team, isAdmin, isLead }: { team: Team; isAdmin: boolean; isLead: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const members = useQuery({ queryKey: ["members", team.team_id], queryFn: () => api.members(team.team_id) });
  const [user, setUser] = useState("");
  const [lead, setLead] = useState(false);
  const canManage = isAdmin || isLead;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ["members", team.team_id] });
    void qc.invalidateQueries({ queryKey: ["me"] });
  };
  const add = useMutation({
    mutationFn: () => api.addMember(team.team_id, user.trim(), isAdmin && lead),
    onSuccess: () => {
      setUser("");
      setLead(false);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (u: string) => api.removeMember(team.team_id, u), onSuccess: refresh });
  const headingId = `team-${team.team_id}`;
  return (
    <Card className="p-4">
      <section aria-labelledby={headingId}>
        <div className="mb-2 flex items-center justify-between">
          <h2 id={headingId} className="font-semibold">{team.name}</h2>
          {isLead && <Badge tone="info">{t("teams.lead")}</Badge>}
        </div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{t("teams.members")}</h3>
        {members.isPending && <Loading />}
        {members.isError && <ErrorState error={members.error} />}
        {members.data && members.data.items.length === 0 && <p className="text-sm text-muted-foreground">{t("teams.noMembers")}</p>}
        <ul className="divide-y text-sm">
          {members.data?.items.map((m) => (
            <li key={m.user_id} className="flex items-center justify-between gap-2 py-1.5">
              <span className="flex items-center gap-2">
                <span className="font-mono">{m.user_id}</span>
                {m.lead ? (
                  <Badge tone="info"><Crown aria-hidden />{t("teams.lead")}</Badge>
                ) : (
                  <Badge>{t("teams.member")}</Badge>
                )}
              </span>
              {(isAdmin || (isLead && !m.lead)) && (
                <Button variant="ghost" size="sm" aria-label={t("teams.remove", { user: m.user_id })} onClick={() => remove.mutate(m.user_id)} disabled={remove.isPending}>
                  <UserMinus aria-hidden />
                </Button>
              )}
            </li>
          ))}
        </ul>
        {remove.isError && <ErrorState className="mt-2" error={remove.error} />}
        {canManage && (
          <form
            className="mt-3 flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (user.trim()) add.mutate();
            }}
          >
            <div className="space-y-1.5">
              <Label htmlFor={`add-${team.team_id}`}>{t("teams.userId")}</Label>
              <Input id={`add-${team.team_id}`} value={user} onChange={(e) => setUser(e.target.value)} className="w-48" pattern="[A-Za-z0-9@._+\-]+" />
            </div>
            {isAdmin && (
              <div className="flex h-9 items-center gap-2">
                <Checkbox id={`lead-${team.team_id}`} checked={lead} onCheckedChange={(v) => setLead(v === true)} />
                <Label htmlFor={`lead-${team.team_id}`}>{t("teams.asLead")}</Label>
              </div>
            )}
            <Button type="submit" variant="outline" disabled={!user.trim() || add.isPending}>
              <UserPlus aria-hidden />
              {t("teams.add")}
            </Button>
          </form>
        )}
        {add.isError && <ErrorState className="mt-2" error={add.error} />}
      </section>
    </Card>
  );
}
