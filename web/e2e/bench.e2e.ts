import { writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { env, fixture, jobIdOf, signIn } from "./support";

// `make bench`'s web figure (bench/web.py runs `npx playwright test --grep @bench` with PURELIFT_E2E_BENCH=1):
// a synthetic 2,000-file result vs an empty one, each answered for a real completed job of the local stack (the
// result request is fulfilled by the test; everything else is the stack's). Timed in the page from the start of
// the navigation: the overview with its treemap drawn (every file a rectangle), then the Files tab with its table
// drawn; both after two animation frames, so painted. A figure, not a test: it asserts only that the page drew.

const N = Number(process.env.PURELIFT_BENCH_FILES ?? 2000);
const REPEATS = Number(process.env.PURELIFT_BENCH_REPEATS ?? 3);

function file(i: number) {
  const cls = (["Logic", "Logic", "Mixed", "UI"] as const)[i % 4]!;
  return {
    path: `pkg${i % 60}/sub${i % 9}/module_${i}.py`,
    loc: 120,
    lloc: 90,
    sloc: 20 + ((i * 37) % 400),
    comments: 5,
    multi: 2,
    blank: 10,
    ui_lines: 5,
    ui_pct: cls === "UI" ? 70 : cls === "Mixed" ? 30 : 0,
    classification: cls,
    web_ready: i % 3 === 0,
    web_ready_blockers: i % 3 ? [{ lineno: 3, detail: "the file is UI" }] : [],
    toolkits: cls === "Logic" ? [] : ["tkinter"],
    parse_error: null,
    ui_line_ranges: [[1, 5]],
    functions: Array.from({ length: 6 }, (_, k) => ({
      qualname: `f${k}`,
      lineno: 10 + k * 10,
      end_lineno: 18 + k * 10,
      pure: k % 2 === 0,
      extractable: k % 2 === 0,
      reasons: k % 2 ? [{ kind: "io", lineno: 12 + k * 10, detail: "calls open" }] : [],
      calls: [],
      trivial: false,
    })),
  };
}

function result(jobId: string, files: ReturnType<typeof file>[]) {
  const count = (c: string) => files.filter((f) => f.classification === c).length;
  const fns = files.flatMap((f) => f.functions);
  return {
    schema_version: 1,
    job_id: jobId,
    name: `${files.length} files`,
    created_at: "2026-01-01T00:00:00Z",
    processing_time: 1,
    summary: {
      files: files.length,
      parsed: files.length,
      failed: 0,
      loc: files.reduce((s, f) => s + f.loc, 0),
      sloc: files.reduce((s, f) => s + f.sloc, 0),
      ui_files: count("UI"),
      logic_files: count("Logic"),
      mixed_files: count("Mixed"),
      web_ready_files: files.filter((f) => f.web_ready).length,
      functions: fns.length,
      pure_functions: fns.filter((f) => f.pure).length,
      extractable_functions: fns.filter((f) => f.extractable).length,
      trivial_functions: 0,
      ui_pct: 20,
      toolkits: files.length ? { tkinter: files.length - count("Logic") } : {},
    },
    files,
    skipped: [],
    warnings: [],
  };
}

const painted = (page: Page) => page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now())))));

async function measure(page: Page, url: string, files: number): Promise<{ overview: number; table: number }> {
  await page.goto(env().base + "/");
  await expect(page.getByRole("heading", { name: "Analyses" })).toBeVisible();
  await page.goto(url);
  const map = page.getByRole("img", { name: /^Codebase map/ });
  await expect(map).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction((n) => (document.querySelector('svg[role="img"]')?.querySelectorAll("rect").length ?? 0) >= n, files, { timeout: 60_000 });
  const overview = await painted(page);
  await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Files" }).click();
  const table = page.getByRole("table", { name: "Files" });
  await expect(table).toBeVisible();
  await expect(page.getByText(`${files.toLocaleString("en")} of ${files.toLocaleString("en")} files`)).toBeVisible();
  if (files) await expect(table.getByRole("link").first()).toBeVisible();
  const t1 = await painted(page);
  return { overview, table: t1 - overview };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test("@bench a 2,000-file report vs an empty one: overview with treemap, then the files table", async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, "alice");
  await page.goto(env().base + "/new");
  await page.getByTestId("archive-input").setInputFiles(fixture("tkcalc.zip"));
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  await page.getByRole("link", { name: "Open report" }).click({ timeout: 120_000 });
  await expect(page.getByRole("img", { name: /^Codebase map/ })).toBeVisible();
  const jobId = jobIdOf(page);
  const url = `${env().base}/jobs/${jobId}`;
  const bodies = { empty: JSON.stringify(result(jobId, [])), big: JSON.stringify(result(jobId, Array.from({ length: N }, (_, i) => file(i)))) };
  let body = bodies.empty;
  await page.route(`**/analysis/${jobId}/result`, (r) => r.fulfill({ status: 200, contentType: "application/json", body }));
  const runs: Record<"empty" | "big", { overview: number; table: number }[]> = { empty: [], big: [] };
  await measure(page, url, 0); // warm: every chunk in the cache, as for a user's second report
  for (let i = 0; i < REPEATS; i++) {
    for (const kind of ["empty", "big"] as const) {
      body = bodies[kind];
      runs[kind].push(await measure(page, url, kind === "big" ? N : 0));
    }
  }
  const summary = Object.fromEntries(
    (["empty", "big"] as const).map((k) => {
      const overview = median(runs[k].map((r) => r.overview));
      const table = median(runs[k].map((r) => r.table));
      return [k, { overview_ms: Math.round(overview), table_ms: Math.round(table), total_ms: Math.round(median(runs[k].map((r) => r.overview + r.table))) }];
    }),
  ) as Record<"empty" | "big", { overview_ms: number; table_ms: number; total_ms: number }>;
  const out = { files: N, repeats: REPEATS, result_bytes: bodies.big.length, ...summary, ratio: summary.big.total_ms / summary.empty.total_ms };
  console.log(JSON.stringify(out));
  if (process.env.PURELIFT_BENCH_OUT) writeFileSync(process.env.PURELIFT_BENCH_OUT, JSON.stringify(out));
});
