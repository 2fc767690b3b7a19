import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeClient, type JobUpdate, type SocketLike } from "./client";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  push(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function setup(poll = vi.fn(async (id: string): Promise<JobUpdate> => ({ job_id: id, status: "running", progress: 42 }))) {
  const sockets: FakeSocket[] = [];
  const client = new RealtimeClient({
    url: "ws://127.0.0.1:8001/prod",
    token: () => "tok en",
    poll,
    socket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    backoff: { initialMs: 100, maxMs: 1000, factor: 2 },
    jitter: () => 1,
    pollIntervalMs: 500,
  });
  return { client, sockets, poll };
}

describe("RealtimeClient", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("connects with the token and subscribes once open", () => {
    const { client, sockets } = setup();
    client.subscribe("job1", () => {});
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url).toBe("ws://127.0.0.1:8001/prod?token=tok%20en");
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ action: "subscribe", job_id: "job1" }]);
    expect(client.state).toBe("open");
  });

  it("delivers progress, completed and error as updates", () => {
    const { client, sockets } = setup();
    const seen: JobUpdate[] = [];
    client.subscribe("job1", (u) => seen.push(u));
    sockets[0]!.open();
    sockets[0]!.push({ type: "connected", job_id: "job1", status: "running", progress: 10 });
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 50, files_done: 5, files_total: 10 });
    sockets[0]!.push({ type: "progress", job_id: "other", status: "running", progress: 70 });
    sockets[0]!.push({ type: "completed", job_id: "job1", summary: { files: 10 } });
    expect(seen.map((u) => [u.status, u.progress])).toEqual([
      ["running", 10],
      ["running", 50],
      ["completed", 100],
    ]);
    expect(seen[1]!.files_total).toBe(10);
  });

  it("reconnects with exponential backoff and re-subscribes every job", () => {
    const { client, sockets } = setup();
    client.subscribe("a", () => {});
    client.subscribe("b", () => {});
    sockets[0]!.open();
    sockets[0]!.drop();
    expect(client.state).toBe("reconnecting");
    expect(client.delayFor(0)).toBe(100);
    expect(client.delayFor(1)).toBe(200);
    expect(client.delayFor(10)).toBe(1000);
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop(); // refused: the next wait doubles
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open();
    expect(sockets[2]!.sent).toEqual([
      { action: "subscribe", job_id: "a" },
      { action: "subscribe", job_id: "b" },
    ]);
    // a successful open resets the backoff
    sockets[2]!.drop();
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(4);
  });

  it("drops messages older than the last sequence number", () => {
    const { client, sockets } = setup();
    const seen: number[] = [];
    client.subscribe("job1", (u) => seen.push(u.progress));
    sockets[0]!.open();
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 30, seq: 3 });
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 20, seq: 2 });
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 30, seq: 3 });
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 40, seq: 4 });
    expect(seen).toEqual([30, 40]);
  });

  it("never reopens a finished job nor moves progress back without sequence numbers", () => {
    const { client, sockets } = setup();
    const seen: string[] = [];
    client.subscribe("job1", (u) => seen.push(`${u.status}:${u.progress}`));
    sockets[0]!.open();
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 60 });
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 50 });
    sockets[0]!.push({ type: "completed", job_id: "job1", summary: {} });
    sockets[0]!.push({ type: "progress", job_id: "job1", status: "running", progress: 90 });
    expect(seen).toEqual(["running:60", "completed:100"]);
  });

  it("polls the status endpoint while the socket is down, and stops once it is back", async () => {
    const { client, sockets, poll } = setup();
    const seen: number[] = [];
    client.subscribe("job1", (u) => seen.push(u.progress));
    sockets[0]!.drop(); // never opened: refused
    expect(poll).toHaveBeenCalledTimes(1); // at once
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([42]);
    await vi.advanceTimersByTimeAsync(100); // the reconnect attempt (still not open)
    await vi.advanceTimersByTimeAsync(400);
    expect(poll).toHaveBeenCalledTimes(2); // and every interval
    expect(poll).toHaveBeenCalledWith("job1");
    // reconnect happened at 100 ms; open it: polling stops
    sockets[sockets.length - 1]!.open();
    poll.mockClear();
    await vi.advanceTimersByTimeAsync(2000);
    expect(poll).not.toHaveBeenCalled();
  });

  it("unsubscribes and closes when the last listener leaves", () => {
    const { client, sockets } = setup();
    const stop = client.subscribe("job1", () => {});
    sockets[0]!.open();
    stop();
    expect(sockets[0]!.sent).toContainEqual({ action: "unsubscribe", job_id: "job1" });
    expect(client.state).toBe("idle");
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});
