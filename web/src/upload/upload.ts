// The upload flow (SPEC §3): create the job → presigned POST of the archive with real progress
// (XMLHttpRequest upload events) → start. Each step's failure is an UploadError with a phase and words.

import { ApiError, api as realApi, randomKey } from "@/api/client";
import type { Created } from "@/api/types";

export type Phase = "creating" | "uploading" | "starting" | "started";

export class UploadError extends Error {
  constructor(
    readonly phase: Phase,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

export interface XhrLike {
  open(method: string, url: string): void;
  send(body: FormData): void;
  abort(): void;
  status: number;
  responseText: string;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export interface UploadDeps {
  api: Pick<typeof realApi, "create" | "start" | "remove">;
  xhr: () => XhrLike;
}

const ARCHIVE = /\.(zip|tar\.gz|tgz)$/i;

export function isArchiveName(name: string): boolean {
  return ARCHIVE.test(name);
}

/** The archive's own name, as the API accepts it (`filename`), or undefined. */
export function archiveFilename(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop() ?? "";
  return isArchiveName(base) && base.length <= 190 && !/[\x00-\x1f\x7f]/.test(base) ? base : undefined;
}

/** Words for what S3 answers to a refused POST (XML `<Code>`). */
export function storageRefusal(status: number, body: string): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  if (code === "EntityTooLarge") return "The archive is larger than the upload allows.";
  if (code === "AccessDenied" || code === "ExpiredToken" || status === 403)
    return "The upload link was refused or has expired; please try again.";
  const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1];
  return message ?? `Storage answered HTTP ${status}.`;
}

export function postToStorage(
  deps: UploadDeps,
  upload: NonNullable<Created["upload"]>,
  file: Blob,
  filename: string,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = deps.xhr();
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
    form.append("file", file, filename); // S3 wants the file last
    xhr.open("POST", upload.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new UploadError("uploading", storageRefusal(xhr.status, xhr.responseText), xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError("uploading", "The upload was interrupted (network)."));
    xhr.onabort = () => reject(new UploadError("uploading", "The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(form);
  });
}

export interface UploadInput {
  file: Blob;
  filename: string;
  name: string;
}

/** Create → upload → start. Returns the job id; `onPhase`/`onProgress` drive the page. */
export async function uploadAndStart(
  input: UploadInput,
  deps: UploadDeps,
  onPhase: (p: Phase, jobId?: string) => void,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  onPhase("creating");
  let created: Created;
  try {
    created = await deps.api.create(input.name, archiveFilename(input.filename), randomKey());
  } catch (e) {
    throw asUploadError("creating", e);
  }
  const jobId = created.job_id;
  if (created.upload) {
    if (input.file.size > created.upload.max_bytes) {
      // the limit is known only once the job exists: take the job back, or it waits for an upload forever
      await deps.api.remove(jobId).catch(() => undefined);
      throw new UploadError("uploading", `too_large:${created.upload.max_bytes}`, 413, "too_large");
    }
    onPhase("uploading", jobId);
    onProgress(0);
    await postToStorage(deps, created.upload, input.file, input.filename, onProgress, signal);
  }
  onPhase("starting", jobId);
  try {
    await deps.api.start(jobId);
  } catch (e) {
    // 409: already started (a retried start) is fine
    if (!(e instanceof ApiError && e.status === 409 && /already/i.test(e.message))) throw asUploadError("starting", e);
  }
  onPhase("started", jobId);
  return jobId;
}

function asUploadError(phase: Phase, e: unknown): UploadError {
  if (e instanceof ApiError) return new UploadError(phase, e.message, e.status, e.code);
  return new UploadError(phase, e instanceof Error ? e.message : String(e));
}

/** The browser's XMLHttpRequest as the XhrLike the flow uses (its progress events carry the fields read). */
export const browserXhr = (): XhrLike => new XMLHttpRequest() as unknown as XhrLike;
