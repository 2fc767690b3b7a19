import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { unzipSync } from "fflate";
import { SCREENSHOTS } from "./paths";
import { audit, cliResult, env, fixture, jobIdOf, newSession, signIn, type CliFunction } from "./support";

// Issue 11's journey, one user after another on one stack: alice uploads the example desktop app and reads the
// report, shares it with her team without download rights; bob (a member) sees it but cannot download; carol
// (in no team) gets "not found"; alice's dark mode survives a reload. Every page: axe-core, light and dark.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const badge = (page: Page, fn: CliFunction) => page.getByRole("button", { name: new RegExp(`^${escape(fn.qualname)}: `) });

test("the journey: upload, watch, read, extract, download, share; a member, an outsider; dark mode", async ({ page, browser }) => {
  test.setTimeout(480_000); // ~1.5 min alone on 2 cores; 42 axe audits and screenshots are most of it
  const cli = cliResult();
  const s = cli.summary;
  let jobId = "";
  let reportUrl = "";
  let sharedUrl = "";

  await test.step("alice signs in", async () => {
    await page.goto(env().base + "/signin");
    await expect(page.getByRole("button", { name: /^Sign in as alice/ }).first()).toBeVisible();
    await audit(page, "01-signin");
    await signIn(page, "alice");
    await audit(page, "02-analyses");
  });

  await test.step("uploads the example app and watches the progress reach 100 % live", async () => {
    const frames: { type: string; job_id?: string; progress?: number }[] = [];
    page.on("websocket", (ws) =>
      ws.on("framereceived", (f) => {
        try {
          frames.push(JSON.parse(String(f.payload)) as (typeof frames)[number]);
        } catch {
          /* not JSON */
        }
      }),
    );
    await page.getByRole("link", { name: "New analysis" }).first().click();
    await expect(page.getByRole("heading", { name: "New analysis" })).toBeVisible();
    await audit(page, "03-new");
    await page.getByTestId("archive-input").setInputFiles(fixture("tkcalc.zip"));
    await expect(page.getByLabel("Name")).toHaveValue("tkcalc");
    await page.getByRole("button", { name: "Upload and analyse" }).click();
    const analysis = page.getByRole("progressbar", { name: "Analysis" });
    await expect(page.getByRole("link", { name: "Open report" })).toBeVisible({ timeout: 120_000 });
    await expect(analysis).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByText("100 %")).toHaveCount(2); // upload and analysis
    // live: the page heard the job's progress over the WebSocket, in order, then its completion
    const mine = frames.filter((f) => f.job_id && (f.type === "progress" || f.type === "completed"));
    const progress = mine.filter((f) => f.type === "progress").map((f) => f.progress ?? 0);
    expect(progress.length, `progress messages: ${JSON.stringify(frames)}`).toBeGreaterThan(0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(mine.at(-1)?.type).toBe("completed");
    await audit(page, "04-new-done");
    await page.getByRole("link", { name: "Open report" }).click();
    await expect(page.getByRole("img", { name: /^Codebase map/ })).toBeVisible();
    jobId = jobIdOf(page);
    reportUrl = `${env().base}/jobs/${jobId}`;
  });

  await test.step("the report's numbers are the CLI's for the same archive", async () => {
    const card = (name: string) => page.getByRole("group", { name, exact: true });
    await expect(card("Files")).toContainText(String(s.files));
    const classes = card("Class");
    await expect(classes.getByRole("link", { name: new RegExp(`^UI\\s*${s.ui_files}$`) })).toBeVisible();
    await expect(classes.getByRole("link", { name: new RegExp(`^Mixed\\s*${s.mixed_files}$`) })).toBeVisible();
    await expect(classes.getByRole("link", { name: new RegExp(`^Logic\\s*${s.logic_files}$`) })).toBeVisible();
    await expect(card("Pure functions")).toContainText(`${s.pure_functions}/${s.functions - (s.trivial_functions ?? 0)}`);
    await expect(card("Web ready")).toContainText(`${s.web_ready_files}/${s.files}`);
    await expect(card("UI share")).toContainText(`${s.ui_pct.toFixed(1)} %`);
    for (const [toolkit, n] of Object.entries(s.toolkits)) {
      await expect(card("Toolkits").getByRole("link", { name: new RegExp(`^${toolkit}\\s*${n}$`) })).toBeVisible();
    }
    await audit(page, "05-overview");
    await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Files" }).click();
    await expect(page.getByText(`${s.files} of ${s.files} files`)).toBeVisible();
    await audit(page, "06-files");
  });

  const window = cli.files.find((f) => f.path === "ui/window.py");
  if (!window) throw new Error("the example app has no ui/window.py");
  const pure = window.functions.find((f) => f.pure && !f.trivial);
  const impure = window.functions.find((f) => !f.pure && f.reasons.length > 0);
  if (!pure || !impure) throw new Error("ui/window.py lacks a pure or an impure function");

  await test.step("opens a file: a UI line in the gutter, a pure function's and an impure function's reasons", async () => {
    await page.getByRole("table", { name: "Files" }).getByRole("link", { name: "ui/window.py" }).click();
    const code = page.getByRole("region", { name: "ui/window.py" });
    await expect(code).toBeVisible();
    const uiLine = window.ui_line_ranges[0]![0];
    await expect(code.locator(`#L${uiLine}`).getByRole("img", { name: "UI line" })).toBeVisible();
    const uiLines = new Set(window.ui_line_ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)));
    const plain = [1, 2, 3, 4, 5, 6].find((n) => !uiLines.has(n))!;
    await expect(code.locator(`#L${plain}`)).toBeVisible();
    await expect(code.locator(`#L${plain}`).getByRole("img", { name: "UI line" })).toHaveCount(0);
    await audit(page, "07-file");

    const panel = page.getByRole("complementary", { name: "Function details" });
    await badge(page, pure).click();
    await expect(panel.getByRole("heading", { name: pure.qualname })).toBeVisible();
    await expect(panel).toContainText("pure");
    await expect(panel).toContainText("No impurity found");

    await badge(page, impure).click();
    await expect(panel.getByRole("heading", { name: impure.qualname })).toBeVisible();
    await expect(panel).toContainText("impure");
    const items = panel.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^L\d+$/ }) });
    await expect(items).toHaveCount(impure.reasons.length);
    for (const [i, r] of impure.reasons.entries()) {
      await expect(items.nth(i).getByRole("link", { name: `L${r.lineno}`, exact: true })).toBeVisible();
      await expect(items.nth(i)).toContainText(r.detail);
    }
    await audit(page, "08-file-function");
  });

  await test.step("functions view", async () => {
    await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Functions" }).click();
    await expect(page.getByRole("table", { name: "Functions" })).toBeVisible();
    await expect(page.getByText(new RegExp(`of ${s.functions} functions`))).toBeVisible();
    await audit(page, "09-functions");
  });

  const cliZip = unzipSync(new Uint8Array(readFileSync(fixture("cli/pure_functions.zip"))));

  await test.step("previews an extracted module", async () => {
    await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Extraction" }).click();
    const modules = page.getByRole("navigation", { name: "Modules" });
    await expect(modules).toBeVisible({ timeout: 30_000 });
    for (const path of Object.keys(cliZip).filter((p) => !p.endsWith("/"))) {
      await expect(modules.getByRole("button", { name: path, exact: true })).toBeVisible();
    }
    const module = Object.keys(cliZip).find((p) => p.endsWith("_pure.py"));
    if (!module) throw new Error("the CLI extracted no _pure.py module");
    await modules.getByRole("button", { name: module, exact: true }).click();
    const firstDef = new TextDecoder()
      .decode(cliZip[module])
      .split("\n")
      .find((l) => l.startsWith("def "));
    await expect(page.getByRole("region", { name: module })).toContainText(firstDef!.trim());
    await audit(page, "10-extraction");
  });

  await test.step("downloads the ZIP", async () => {
    await page.getByRole("button", { name: "Download" }).click();
    await expect(page.getByRole("menuitem", { name: "Pure functions (ZIP)" })).toBeVisible();
    await audit(page, "11-download-menu");
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Pure functions (ZIP)" }).click();
    const path = await (await download).path();
    const bytes = new Uint8Array(readFileSync(path));
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe("PK\u0003\u0004");
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toContain("manifest.json");
    expect(Object.keys(entries).sort()).toEqual(Object.keys(cliZip).sort());
  });

  await test.step("alice, a User, may not share: no Share button", async () => {
    await expect(page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
    await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Sharing" }).click();
    await expect(page.getByText("Not shared with any team.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
    await audit(page, "12-sharing-user");
  });

  await test.step("the file finder, teams and stats pages", async () => {
    await page.goto(reportUrl);
    await expect(page.getByRole("img", { name: /^Codebase map/ })).toBeVisible();
    await page.keyboard.press("t");
    await expect(page.getByRole("dialog")).toBeVisible();
    await audit(page, "13-file-finder");
    await page.keyboard.press("Escape");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
    await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
    await audit(page, "14-teams");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats" }).click();
    await expect(page.getByRole("heading", { name: "Stats", level: 1 })).toBeVisible();
    await audit(page, "15-stats");
  });

  // Sharing is the right of an owner who is a TeamLead or an Admin (SPEC's permission table): the team's lead
  // uploads the same app and shares it with the team, view only.
  await test.step("lead uploads the app and shares it with the team, view only", async () => {
    const lead = await newSession(browser, "lead");
    await lead.getByRole("link", { name: "New analysis" }).first().click();
    await lead.getByTestId("archive-input").setInputFiles(fixture("tkcalc.zip"));
    await lead.getByRole("button", { name: "Upload and analyse" }).click();
    await lead.getByRole("link", { name: "Open report" }).click({ timeout: 120_000 });
    await expect(lead.getByRole("img", { name: /^Codebase map/ })).toBeVisible();
    sharedUrl = `${env().base}/jobs/${jobIdOf(lead)}`;
    await lead.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = lead.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Team").selectOption({ label: "Desktop migration" });
    const view = dialog.getByRole("checkbox", { name: "Can view" });
    const dl = dialog.getByRole("checkbox", { name: "Can download" });
    if (!(await view.isChecked())) await view.click();
    if (await dl.isChecked()) await dl.click();
    await expect(view).toBeChecked();
    await expect(dl).not.toBeChecked();
    await audit(lead, "16-share-dialog");
    await dialog.getByRole("button", { name: "Share", exact: true }).click();
    await expect(dialog).toBeHidden();
    await lead.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Sharing" }).click();
    const row = lead.getByRole("row").filter({ hasText: "Desktop migration" });
    await expect(row.getByRole("cell")).toHaveText([/Desktop migration/, "Yes", "No", "never", /Unshare/], { useInnerText: true });
    await audit(lead, "17-sharing-lead");
    await lead.context().close();
  });

  await test.step("bob, a member of the team, sees it, without the download", async () => {
    const bob = await newSession(browser, "bob");
    await bob.getByRole("tab", { name: "Shared with me" }).click();
    const link = bob.getByRole("tabpanel").getByRole("link", { name: "tkcalc" });
    await expect(link).toBeVisible();
    await audit(bob, "18-member-shared-with-me");
    await link.click();
    await expect(bob.getByRole("img", { name: /^Codebase map/ })).toBeVisible();
    await expect(bob.getByRole("group", { name: "Files", exact: true })).toContainText(String(s.files));
    await expect(bob.getByRole("button", { name: "Download" })).toHaveCount(0);
    await expect(bob.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Extraction" })).toHaveCount(0);
    await expect(bob.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
    await audit(bob, "19-member-report");
    await bob.goto(`${sharedUrl}/extraction`);
    await expect(bob.getByText("You may view this analysis but not download it")).toBeVisible();
    await bob.context().close();
  });

  await test.step("carol, in no team, gets not found", async () => {
    const carol = await newSession(browser, "carol");
    await carol.getByRole("tab", { name: "Shared with me" }).click();
    await expect(carol.getByText("Nothing has been shared with you yet.")).toBeVisible();
    await carol.goto(sharedUrl);
    await expect(carol.getByRole("alert")).toContainText("Not found");
    await expect(carol.getByRole("img", { name: /^Codebase map/ })).toHaveCount(0);
    await audit(carol, "20-outsider-not-found");
    await carol.context().close();
  });

  await test.step("alice toggles dark mode; it survives a reload", async () => {
    await page.goto(env().base + "/");
    const toggle = page.getByRole("button", { name: "Toggle dark mode" });
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Analyses" })).toBeVisible();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/); // the system says light: the choice wins
    await expect(page.getByRole("button", { name: "Toggle dark mode" })).toHaveAttribute("aria-pressed", "true");
    await audit(page, "21-dark-chosen", { themes: ["dark"] });
  });

  await test.step("at half a laptop screen (960 × 720) every page fits its width", async () => {
    // Wide content (the files table, a long source line) scrolls inside its own box; the page itself never
    // scrolls sideways, and the navigation stays reachable.
    await page.setViewportSize({ width: 960, height: 720 });
    const pages: [string, string][] = [
      ["analyses", "/"],
      ["new", "/new"],
      ["overview", `/jobs/${jobId}`],
      ["files", `/jobs/${jobId}/files`],
      ["file", `/jobs/${jobId}/files/ui/window.py`],
      ["functions", `/jobs/${jobId}/functions`],
      ["extraction", `/jobs/${jobId}/extraction`],
      ["teams", "/teams"],
      ["stats", "/stats"],
    ];
    for (const [name, path] of pages) {
      await page.goto(env().base + path);
      await expect(page.getByRole("main")).toBeVisible();
      await expect(page.getByRole("link", { name: "New analysis" }).first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      const { scroll, width } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: document.documentElement.clientWidth,
      }));
      expect(scroll, `${name} at 960 px scrolls sideways (${scroll} > ${width})`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SCREENSHOTS}/half-screen-${name}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
