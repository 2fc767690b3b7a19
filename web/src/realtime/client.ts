// The WebSocket client (SPEC §4): connect with the token, subscribe per job, reconnect with exponential
// backoff, re-subscribe after a reconnect, drop out-of-order messages, and poll the status endpoint while
// the socket is down. Framework-free so it is tested with a fake socket and fake timers.

import type { JobStatus, Summary } from "@/api/types";

export interface JobUpdate {
  job_id: string;
  status: JobStatus;
  progress: number;
  files_done?: number;
  files_total?: number;
  message?: string;
  summary?: Summary | null;
  error?: string | null;
}

export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting";

/** What the client needs of a WebSocket (the browser's satisfies it). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RealtimeOptions {
  url: string;
  token: () => string | null;
  /** The status endpoint, used while the socket is down. */
  poll: (jobId: string) => Promise<JobUpdate>;
  socket?: (url: string) => SocketLike;
  backoff?: { initialMs: number; maxMs: number; factor: number };
  /** 0..1 → multiplier of the delay (jitter); default 0.75-1.25 at random. */
  jitter?: () => number;
  pollIntervalMs?: number;
  pingIntervalMs?: number;
}

const OPEN = 1;
const TERMINAL: ReadonlySet<JobStatus> = new Set(["completed", "failed"]);

interface JobState {
  listeners: Set<(u: JobUpdate) => void>;
  lastSeq: number;
  last: JobUpdate | null;
}

/** A server message as a JobUpdate (null: not about a job, or not understood). */
export function toUpdate(msg: Record<string, unknown>, previous: JobUpdate | null): JobUpdate | null {
  const jobId = msg.job_id;
  if (typeof jobId !== "string") return null;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  switch (msg.type) {
    case "connected":
    case "progress":
      return {
        job_id: jobId,
        status: (typeof msg.status === "string" ? msg.status : (previous?.status ?? "running")) as JobStatus,
        progress: num(msg.progress) ?? previous?.progress ?? 0,
        files_done: num(msg.files_done) ?? previous?.files_done,
        files_total: num(msg.files_total) ?? previous?.files_total,
        message: typeof msg.message === "string" ? msg.message : undefined,
      };
    case "completed":
      return {
        job_id: jobId,
        status: "completed",
        progress: 100,
        files_done: previous?.files_total ?? previous?.files_done,
        files_total: previous?.files_total,
        summary: (msg.summary as Summary | undefined) ?? null,
      };
    case "error":
      return {
        job_id: jobId,
        status: "failed",
        progress: previous?.progress ?? 0,
        error: typeof msg.error === "string" ? msg.error : "The analysis failed.",
      };
    default:
      return null;
  }
}

export class RealtimeClient {
  private readonly opts: Required<Omit<RealtimeOptions, "socket">> & { socket: (url: string) => SocketLike };
  private ws: SocketLike | null = null;
  private jobs = new Map<string, JobState>();
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private stateListeners = new Set<(s: ConnectionState) => void>();
  private _state: ConnectionState = "idle";
  private stopped = false;

  constructor(options: RealtimeOptions) {
    this.opts = {
      socket: options.socket ?? ((url) => new WebSocket(url) as unknown as SocketLike),
      backoff: options.backoff ?? { initialMs: 500, maxMs: 15_000, factor: 2 },
      jitter: options.jitter ?? (() => 0.75 + Math.random() * 0.5),
      pollIntervalMs: options.pollIntervalMs ?? 3_000,
      pingIntervalMs: options.pingIntervalMs ?? 5 * 60_000,
      url: options.url,
      token: options.token,
      poll: options.poll,
    };
  }

  get state(): ConnectionState {
    return this._state;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Follow a job; the returned function stops following it (the last listener unsubscribes). */
  subscribe(jobId: string, listener: (u: JobUpdate) => void): () => void {
    let job = this.jobs.get(jobId);
    if (!job) {
      job = { listeners: new Set(), lastSeq: -Infinity, last: null };
      this.jobs.set(jobId, job);
      this.sendSubscribe(jobId);
    } else if (job.last) {
      listener(job.last);
    }
    job.listeners.add(listener);
    this.stopped = false;
    this.ensureConnected();
    this.syncPolling();
    return () => {
      const j = this.jobs.get(jobId);
      if (!j) return;
      j.listeners.delete(listener);
      if (j.listeners.size === 0) {
        this.jobs.delete(jobId);
        if (this.ws?.readyState === OPEN) this.ws.send(JSON.stringify({ action: "unsubscribe", job_id: jobId }));
        if (this.jobs.size === 0) this.close();
      }
    };
  }

  /** Close the socket and stop reconnecting (sign out, last subscription gone). */
  close(): void {
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = ws.onmessage = ws.onerror = ws.onopen = null;
      ws.close(1000);
    }
    this.attempt = 0;
    this.setState("idle");
  }

  private setState(s: ConnectionState): void {
    if (s === this._state) return;
    this._state = s;
    for (const l of this.stateListeners) l(s);
    this.syncPolling();
  }

  private ensureConnected(): void {
    if (this.ws || this.reconnectTimer || this.stopped) return;
    this.connect();
  }

  private connect(): void {
    this.reconnectTimer = null;
    const token = this.opts.token();
    if (!token) {
      this.scheduleReconnect();
      return;
    }
    const sep = this.opts.url.includes("?") ? "&" : "?";
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    let ws: SocketLike;
    try {
      ws = this.opts.socket(`${this.opts.url}${sep}token=${encodeURIComponent(token)}`);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState("open");
      for (const jobId of this.jobs.keys()) this.sendSubscribe(jobId);
      this.pingTimer = setInterval(() => this.send({ action: "ping" }), this.opts.pingIntervalMs);
    };
    ws.onmessage = (ev) => this.handle(ev.data);
    ws.onerror = () => {
      /* onclose follows */
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      if (this.stopped || this.jobs.size === 0) {
        this.setState("idle");
        return;
      }
      this.scheduleReconnect();
    };
  }

  /** The delay before reconnect attempt `n` (0-based): initial × factor^n, capped, jittered. */
  delayFor(n: number): number {
    const { initialMs, maxMs, factor } = this.opts.backoff;
    return Math.round(Math.min(maxMs, initialMs * factor ** n) * this.opts.jitter());
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.delayFor(this.attempt);
    this.attempt += 1;
    this.setState("reconnecting");
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private send(msg: object): void {
    if (this.ws?.readyState === OPEN) this.ws.send(JSON.stringify(msg));
  }

  private sendSubscribe(jobId: string): void {
    this.send({ action: "subscribe", job_id: jobId });
  }

  private handle(data: unknown): void {
    if (typeof data !== "string") return;
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return;
    }
    const jobId = msg.job_id;
    if (typeof jobId !== "string") return;
    const job = this.jobs.get(jobId);
    if (!job) return;
    // Ordering: a message carrying a sequence number older than one already seen is dropped.
    const seq = typeof msg.seq === "number" ? msg.seq : typeof msg.sequence === "number" ? msg.sequence : null;
    if (seq !== null) {
      if (seq <= job.lastSeq) return;
      job.lastSeq = seq;
    }
    const update = toUpdate(msg, job.last);
    if (update) this.deliver(job, update);
  }

  private deliver(job: JobState, update: JobUpdate): void {
    const last = job.last;
    if (last) {
      // A finished job stays finished (a late progress message cannot reopen it), and without sequence
      // numbers progress never goes backwards within the same status.
      if (TERMINAL.has(last.status) && !TERMINAL.has(update.status)) return;
      if (last.status === update.status && update.status === "running" && update.progress < last.progress) return;
    }
    job.last = update;
    for (const l of [...job.listeners]) l(update);
  }

  private syncPolling(): void {
    const wanted = this._state !== "open" && this._state !== "idle" && this.jobs.size > 0;
    if (wanted && !this.pollTimer) {
      this.pollTimer = setInterval(() => void this.pollOnce(), this.opts.pollIntervalMs);
      void this.pollOnce(); // at once: the page should not wait a whole interval for news
    } else if (!wanted && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = null;
    }
  }

  /** One round of status requests for every followed, unfinished job. */
  async pollOnce(): Promise<void> {
    const ids = [...this.jobs.entries()].filter(([, j]) => !j.last || !TERMINAL.has(j.last.status)).map(([id]) => id);
    await Promise.all(
      ids.map(async (id) => {
        try {
          const update = await this.opts.poll(id);
          const job = this.jobs.get(id);
          if (job) this.deliver(job, update);
        } catch {
          /* next round */
        }
      }),
    );
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.reconnectTimer = this.pollTimer = this.pingTimer = null;
  }
}
