import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, currentToken } from "@/api/client";
import { config } from "@/config";
import { RealtimeClient, type ConnectionState, type JobUpdate } from "./client";

const Ctx = createContext<RealtimeClient | null>(null);

export function RealtimeProvider({ children, token }: { children: ReactNode; token: string | null }) {
  const client = useMemo(
    () =>
      new RealtimeClient({
        url: config().ws_url,
        token: currentToken,
        poll: async (id) => {
          const j = await api.job(id);
          return {
            job_id: id,
            status: j.status,
            progress: j.progress,
            files_done: j.files_done,
            files_total: j.files_total,
            summary: j.summary,
            error: j.error,
          };
        },
      }),
    // a new token (another user) gets a new connection
    [token],
  );
  useEffect(() => () => client.close(), [client]);
  return <Ctx.Provider value={client}>{children}</Ctx.Provider>;
}

export function useRealtime(): RealtimeClient {
  const c = useContext(Ctx);
  if (!c) throw new Error("useRealtime outside RealtimeProvider");
  return c;
}

/** Follow one job while `enabled`; the latest update (null until one arrives). Refreshes queries on the end. */
export function useJobLive(jobId: string | undefined, enabled: boolean): JobUpdate | null {
  const client = useRealtime();
  const qc = useQueryClient();
  const [update, setUpdate] = useState<JobUpdate | null>(null);
  useEffect(() => {
    if (!jobId || !enabled) return;
    return client.subscribe(jobId, (u) => {
      setUpdate(u);
      if (u.status === "completed" || u.status === "failed") {
        void qc.invalidateQueries({ queryKey: ["job", jobId] });
        void qc.invalidateQueries({ queryKey: ["history"] });
      }
    });
  }, [client, jobId, enabled, qc]);
  return update;
}

export function useConnectionState(): ConnectionState {
  const client = useRealtime();
  const [state, setState] = useState<ConnectionState>(client.state);
  useEffect(() => {
    setState(client.state);
    return client.onState(setState);
  }, [client]);
  return state;
}
