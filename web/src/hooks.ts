import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";

export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: api.me, staleTime: 60_000 });
}

export function useTeams() {
  return useQuery({ queryKey: ["teams"], queryFn: api.teams, staleTime: 60_000 });
}

/** team_id → name (ids the caller cannot name fall back to the id). */
export function useTeamNames(): (id: string) => string {
  const teams = useTeams();
  return (id) => teams.data?.items.find((t) => t.team_id === id)?.name ?? id.slice(0, 8);
}
