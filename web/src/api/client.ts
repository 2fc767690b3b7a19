// The typed REST client (SPEC §3): bearer token, JSON error bodies → ApiError with a readable message.
import { config } from "@/config";
import type {
  AnalysisResult,
  Created,
  DevIdentity,
  ExportFormat,
  History,
  JobStatusOut,
  Link,
  Me,
  Member,
  Share,
  SharedWithMe,
  Stats,
  Team,
} from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type TokenSource = () => string | null;
let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => {};

export function setTokenSource(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export function currentToken(): string | null {
  return tokenSource();
}

/** An error body `{error: {code, message, request_id}}` (or FastAPI's `{detail}`) as an ApiError. */
export function errorFrom(status: number, body: unknown, fallback: string): ApiError {
  if (body && typeof body === "object") {
    const e = (body as { error?: { code?: unknown; message?: unknown; request_id?: unknown } }).error;
    if (e && typeof e.message === "string") {
      return new ApiError(
        status,
        typeof e.code === "string" ? e.code : `http_${status}`,
        e.message,
        typeof e.request_id === "string" ? e.request_id : undefined,
      );
    }
    const detail = (body as { detail?: unknown }).detail;
    if (typeof detail === "string") return new ApiError(status, `http_${status}`, detail);
  }
  return new ApiError(status, `http_${status}`, fallback);
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
  const token = opts.auth === false ? null : tokenSource();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(config().api_url + path, { method, headers, body, signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "The server could not be reached.");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && token) onUnauthorized();
    throw errorFrom(res.status, parsed, res.statusText || `HTTP ${res.status}`);
  }
  return parsed as T;
}

/** Fetch a URL with download progress (XMLHttpRequest: its progress events are what browsers report). */
export function fetchWithProgress(
  url: string,
  opts: { headers?: Record<string, string>; responseType: "text" | "arraybuffer"; onProgress?: (loaded: number, total: number | null) => void },
): Promise<{ status: number; body: string | ArrayBuffer; contentType: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.responseType = opts.responseType;
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v);
    xhr.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : null);
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        body: xhr.response as string | ArrayBuffer,
        contentType: xhr.getResponseHeader("Content-Type") ?? "",
      });
    xhr.onerror = () => reject(new ApiError(0, "network", "The download failed (network)."));
    xhr.send();
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The result: inline, or for a large one `{url, expires_at}` (Accept: application/json) which is fetched from
 * storage directly, with progress. `onProgress(fraction | null)`: null while the size is unknown.
 */
export async function getResult(jobId: string, onProgress?: (fraction: number | null) => void): Promise<AnalysisResult> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = tokenSource();
  if (token) headers.Authorization = `Bearer ${token}`;
  const report = (loaded: number, total: number | null) =>
    onProgress?.(total ? Math.min(0.99, loaded / total) : null);
  const first = await fetchWithProgress(`${config().api_url}/analysis/${jobId}/result`, {
    headers,
    responseType: "text",
    onProgress: report,
  });
  const body = parseJson(first.body as string);
  if (first.status === 0) throw new ApiError(0, "network", "The server could not be reached.");
  if (first.status >= 400) {
    if (first.status === 401 && token) onUnauthorized();
    throw errorFrom(first.status, body, `HTTP ${first.status}`);
  }
  if (isLink(body)) {
    onProgress?.(0);
    const stored = await fetchWithProgress(body.url, { responseType: "text", onProgress: report });
    if (stored.status >= 400 || stored.status === 0)
      throw new ApiError(stored.status, "storage", "The stored result could not be read (the link may have expired).");
    const result = parseJson(stored.body as string);
    if (!isResult(result)) throw new ApiError(502, "bad_result", "The stored result is not a valid analysis result.");
    onProgress?.(1);
    return result;
  }
  if (!isResult(body)) throw new ApiError(502, "bad_result", "The server sent something that is not an analysis result.");
  onProgress?.(1);
  return body;
}

function isLink(v: unknown): v is { url: string; expires_at: string } {
  return !!v && typeof v === "object" && typeof (v as { url?: unknown }).url === "string" && !("schema_version" in v);
}
function isResult(v: unknown): v is AnalysisResult {
  return !!v && typeof v === "object" && Array.isArray((v as { files?: unknown }).files) && "summary" in v;
}

export const api = {
  health: () => request<{ status: string; version: string }>("GET", "/health", { auth: false }),
  me: () => request<Me>("GET", "/me"),
  devIdentities: () => request<{ identities: DevIdentity[] }>("GET", "/dev/identities", { auth: false }),
  devToken: (user_id: string) =>
    request<{ token: string; expires_at: string | number }>("POST", "/dev/token", { body: { user_id }, auth: false }),
  history: (cursor?: string | null, limit = 20) =>
    request<History>("GET", `/analysis/history?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
  sharedWithMe: (offset = 0, limit = 50) =>
    request<SharedWithMe>("GET", `/analysis/shared-with-me?limit=${limit}&offset=${offset}`),
  stats: () => request<Stats>("GET", "/analysis/stats"),
  job: (id: string) => request<JobStatusOut>("GET", `/analysis/${id}`),
  create: (name: string, filename?: string, idempotencyKey: string = randomKey()) =>
    request<Created>("POST", "/analysis", {
      body: filename ? { name, filename } : { name },
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  start: (id: string) => request<unknown>("POST", `/analysis/${id}/start`),
  remove: (id: string) => request<void>("DELETE", `/analysis/${id}`),
  downloadLink: (id: string, format: ExportFormat) =>
    request<Link>("GET", `/analysis/${id}/download?format=${format}`),
  file: async (id: string, path: string): Promise<string> => {
    const headers: Record<string, string> = { Accept: "text/plain" };
    const token = tokenSource();
    if (token) headers.Authorization = `Bearer ${token}`;
    const encoded = path.split("/").map(encodeURIComponent).join("/");
    const res = await fetch(`${config().api_url}/analysis/${id}/files/${encoded}`, { headers });
    const text = await res.text();
    if (!res.ok) throw errorFrom(res.status, parseJson(text), `HTTP ${res.status}`);
    return text;
  },
  shares: (id: string) => request<{ items: Share[] }>("GET", `/analysis/${id}/shares`),
  share: (id: string, body: { team_id: string; can_view: boolean; can_download: boolean; expires_at?: string }) =>
    request<Share>("POST", `/analysis/${id}/share`, { body }),
  unshare: (id: string, team: string) => request<void>("DELETE", `/analysis/${id}/share/${team}`),
  teams: () => request<{ items: Team[] }>("GET", "/teams"),
  createTeam: (name: string) => request<Team>("POST", "/teams", { body: { name } }),
  members: (team: string) => request<{ items: Member[] }>("GET", `/teams/${team}/members`),
  addMember: (team: string, user_id: string, lead: boolean) =>
    request<Member>("POST", `/teams/${team}/members`, { body: { user_id, lead } }),
  removeMember: (team: string, user: string) =>
    request<void>("DELETE", `/teams/${team}/members/${encodeURIComponent(user)}`),
};

export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
