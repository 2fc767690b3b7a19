import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setConfig } from "@/config";
import { api, ApiError, errorFrom, getResult, setTokenSource } from "./client";

const result = { schema_version: 1, job_id: "j", name: "app", created_at: "", processing_time: 1, summary: { files: 1 }, files: [] };

/** A fake XMLHttpRequest answering each URL from a table, with progress events. */
function installXhr(routes: Record<string, { status: number; body: string; chunks?: number }>) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  class FakeXhr {
    url = "";
    headers: Record<string, string> = {};
    status = 0;
    response: unknown = null;
    responseType = "";
    onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null = null;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    open(_m: string, url: string) {
      this.url = url;
    }
    setRequestHeader(k: string, v: string) {
      this.headers[k] = v;
    }
    getResponseHeader() {
      return "application/json";
    }
    send() {
      seen.push({ url: this.url, headers: this.headers });
      const r = routes[this.url];
      queueMicrotask(() => {
        if (!r) return this.onerror?.();
        const n = r.chunks ?? 1;
        for (let i = 1; i <= n; i += 1) this.onprogress?.({ loaded: (r.body.length * i) / n, total: r.body.length, lengthComputable: true });
        this.status = r.status;
        this.response = r.body;
        this.onload?.();
      });
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  return seen;
}

describe("api client", () => {
  beforeEach(() => {
    setConfig({ api_url: "http://api.test/api/v1", ws_url: "ws://ws.test/prod", auth: "local" });
    setTokenSource(() => "tok", () => {});
  });
  afterEach(() => vi.unstubAllGlobals());

  it("reads a small result inline, with the bearer token and Accept: application/json", async () => {
    const seen = installXhr({ "http://api.test/api/v1/analysis/j/result": { status: 200, body: JSON.stringify(result) } });
    const progress: (number | null)[] = [];
    await expect(getResult("j", (p) => progress.push(p))).resolves.toEqual(result);
    expect(seen[0]!.headers).toEqual({ Accept: "application/json", Authorization: "Bearer tok" });
    expect(progress.at(-1)).toBe(1);
  });

  it("follows a large result's {url} itself (no token sent to storage), reporting progress", async () => {
    const seen = installXhr({
      "http://api.test/api/v1/analysis/j/result": { status: 200, body: JSON.stringify({ url: "http://s3.test/results/j.json?sig", expires_at: "x" }) },
      "http://s3.test/results/j.json?sig": { status: 200, body: JSON.stringify(result), chunks: 4 },
    });
    const progress: (number | null)[] = [];
    await expect(getResult("j", (p) => progress.push(p))).resolves.toEqual(result);
    expect(seen.map((s) => s.url)).toEqual(["http://api.test/api/v1/analysis/j/result", "http://s3.test/results/j.json?sig"]);
    expect(seen[1]!.headers.Authorization).toBeUndefined();
    expect(progress).toContain(0.5);
    expect(progress.at(-1)).toBe(1);
  });

  it("turns an error body into an ApiError with the server's words", async () => {
    installXhr({
      "http://api.test/api/v1/analysis/j/result": {
        status: 404,
        body: JSON.stringify({ error: { code: "not_found", message: "No such analysis job.", request_id: "r1" } }),
      },
    });
    const err = (await getResult("j").catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.message, err.requestId]).toEqual([404, "not_found", "No such analysis job.", "r1"]);
  });

  it("maps fetch answers: JSON errors, FastAPI's detail, non-JSON bodies, network failures, 401 ends the session", async () => {
    const unauthorized = vi.fn();
    setTokenSource(() => "tok", unauthorized);
    const answers = [
      new Response(JSON.stringify({ error: { code: "too_large", message: "Archive too large (4 MB)." } }), { status: 413 }),
      new Response(JSON.stringify({ detail: "Method Not Allowed" }), { status: 405 }),
      new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
      new Response(JSON.stringify({ error: { code: "unauthorized", message: "Invalid token." } }), { status: 401 }),
    ];
    vi.stubGlobal("fetch", vi.fn(async () => answers.shift()!));
    await expect(api.history()).rejects.toMatchObject({ status: 413, code: "too_large", message: "Archive too large (4 MB)." });
    await expect(api.history()).rejects.toMatchObject({ status: 405, message: "Method Not Allowed" });
    await expect(api.history()).rejects.toMatchObject({ status: 502, message: "Bad Gateway" });
    await expect(api.history()).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toHaveBeenCalledTimes(1);
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: "network" });
    expect(errorFrom(500, null, "x").message).toBe("x");
  });
});
