import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/api/client";
import type { Created } from "@/api/types";
import { archiveFilename, storageRefusal, uploadAndStart, UploadError, type Phase, type XhrLike } from "./upload";
import { keepPath, skippedDir } from "./folder";

class FakeXhr implements XhrLike {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  body: FormData | null = null;
  status = 0;
  responseText = "";
  upload: XhrLike["upload"] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor(private readonly behave: (x: FakeXhr) => void) {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
    queueMicrotask(() => this.behave(this));
  }
  abort() {
    this.onabort?.();
  }
}

const created: Created = {
  job_id: "a".repeat(32),
  status: "awaiting_upload",
  upload: { url: "http://127.0.0.1:9000/bucket", fields: { key: "uploads/x/source.zip", policy: "p" }, expires_in: 900, max_bytes: 1000 },
};

function deps(behave: (x: FakeXhr) => void, overrides: Partial<{ create: unknown; start: unknown }> = {}) {
  const api = {
    create: vi.fn(async () => created),
    start: vi.fn(async () => ({})),
    remove: vi.fn(async () => undefined),
    ...overrides,
  };
  return {
    api: api as never as { create: typeof api.create; start: typeof api.start; remove: typeof api.remove },
    xhr: () => new FakeXhr(behave),
  };
}

const ok = (x: FakeXhr) => {
  x.upload.onprogress?.({ loaded: 250, total: 1000, lengthComputable: true });
  x.upload.onprogress?.({ loaded: 1000, total: 1000, lengthComputable: true });
  x.status = 204;
  x.onload?.();
};

describe("upload flow", () => {
  it("creates, posts the archive with the presigned fields first and the file last, reports progress, starts", async () => {
    const d = deps(ok);
    const phases: Phase[] = [];
    const progress: number[] = [];
    const file = new Blob(["PK\x03\x04 zip bytes"]);
    const id = await uploadAndStart(
      { file, filename: "app.zip", name: "My app" },
      d as never,
      (p) => phases.push(p),
      (f) => progress.push(f),
    );
    expect(id).toBe(created.job_id);
    expect(phases).toEqual(["creating", "uploading", "starting", "started"]);
    expect(progress).toEqual([0, 0.25, 1, 1]);
    expect(d.api.create).toHaveBeenCalledWith("My app", "app.zip", expect.any(String));
    expect(d.api.start).toHaveBeenCalledWith(created.job_id);
    const x = FakeXhr.last!;
    expect(x.method).toBe("POST");
    expect(x.url).toBe(created.upload!.url);
    const keys = [...x.body!.keys()];
    expect(keys).toEqual(["key", "policy", "file"]);
  });

  it("refuses a file over the upload's max_bytes before sending it", async () => {
    const d = deps(ok);
    FakeXhr.last = null;
    await expect(
      uploadAndStart({ file: new Blob([new Uint8Array(2000)]), filename: "big.zip", name: "big" }, d as never, () => {}, () => {}),
    ).rejects.toMatchObject({ status: 413, code: "too_large" });
    expect(FakeXhr.last).toBeNull();
    expect(d.api.start).not.toHaveBeenCalled();
    expect(d.api.remove).toHaveBeenCalledWith(created.job_id); // no job left waiting for an upload
  });

  it("puts storage's refusal in words and does not start", async () => {
    const d = deps((x) => {
      x.status = 400;
      x.responseText = "<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>";
      x.onload?.();
    });
    const err = await uploadAndStart({ file: new Blob(["x"]), filename: "a.zip", name: "a" }, d as never, () => {}, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).phase).toBe("uploading");
    expect((err as UploadError).message).toBe("The archive is larger than the upload allows.");
    expect(d.api.start).not.toHaveBeenCalled();
  });

  it("reports a network failure during the upload", async () => {
    const d = deps((x) => x.onerror?.());
    await expect(uploadAndStart({ file: new Blob(["x"]), filename: "a.zip", name: "a" }, d as never, () => {}, () => {})).rejects.toThrow(
      /interrupted/,
    );
  });

  it("keeps the API's status and message when creating fails (422)", async () => {
    const d = deps(ok, { create: vi.fn(async () => Promise.reject(new ApiError(422, "validation_error", "name: too long"))) });
    const err = (await uploadAndStart({ file: new Blob(["x"]), filename: "a.zip", name: "a" }, d as never, () => {}, () => {}).catch(
      (e: unknown) => e,
    )) as UploadError;
    expect(err.phase).toBe("creating");
    expect(err.status).toBe(422);
    expect(err.message).toBe("name: too long");
  });

  it("passes a start failure on (409 not uploaded) but accepts an already started job", async () => {
    const failing = deps(ok, { start: vi.fn(async () => Promise.reject(new ApiError(409, "conflict", "No archive was uploaded."))) });
    await expect(uploadAndStart({ file: new Blob(["x"]), filename: "a.zip", name: "a" }, failing as never, () => {}, () => {})).rejects.toMatchObject({
      phase: "starting",
      status: 409,
    });
    const again = deps(ok, { start: vi.fn(async () => Promise.reject(new ApiError(409, "conflict", "The job has already started."))) });
    await expect(uploadAndStart({ file: new Blob(["x"]), filename: "a.zip", name: "a" }, again as never, () => {}, () => {})).resolves.toBe(
      created.job_id,
    );
  });

  it("names archives as the API accepts them", () => {
    expect(archiveFilename("C:\\Users\\me\\app.tar.gz")).toBe("app.tar.gz");
    expect(archiveFilename("notes.txt")).toBeUndefined();
    expect(storageRefusal(403, "<Error><Code>AccessDenied</Code></Error>")).toMatch(/expired/);
  });
});

describe("folder selection", () => {
  it("keeps Python files outside .git, venvs, __pycache__ and node_modules", () => {
    expect(keepPath("app/main.py")).toBe(true);
    expect(keepPath("app/gui/win.pyw")).toBe(true);
    expect(keepPath("app/README.md")).toBe(false);
    expect(keepPath("app/.git/hooks/x.py")).toBe(false);
    expect(keepPath("app/.venv/lib/python3.11/site-packages/six.py")).toBe(false);
    expect(keepPath("app/venv311/x.py")).toBe(false);
    expect(keepPath("app/pkg/__pycache__/m.py")).toBe(false);
    expect(keepPath("app/web/node_modules/x.py")).toBe(false);
    expect(skippedDir("venv")).toBe(true);
    expect(skippedDir("inventory")).toBe(false);
  });
});
