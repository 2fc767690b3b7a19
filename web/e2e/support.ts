import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { AXE_LOG, SCREENSHOTS } from "./paths";

/** Set by global-setup.ts: the stack's web origin and the folder of fixtures. */
export function env() {
  const base = process.env.PURELIFT_E2E_BASE;
  const dir = process.env.PURELIFT_E2E_DIR;
  if (!base || !dir) throw new Error("PURELIFT_E2E_BASE is not set: run through `npx playwright test` (global-setup.ts)");
  return { base, dir, maxBytes: Number(process.env.PURELIFT_E2E_MAX_BYTES) };
}

export function fixture(name: string): string {
  return join(env().dir, name);
}

export interface CliFunction {
  qualname: string;
  lineno: number;
  pure: boolean;
  extractable: boolean;
  trivial?: boolean;
  reasons: { kind: string; lineno: number; detail: string }[];
}
export interface CliFile {
  path: string;
  classification: string;
  ui_line_ranges: [number, number][];
  functions: CliFunction[];
}
export interface CliResult {
  summary: {
    files: number;
    ui_files: number;
    mixed_files: number;
    logic_files: number;
    web_ready_files: number;
    functions: number;
    pure_functions: number;
    trivial_functions?: number;
    ui_pct: number;
    toolkits: Record<string, number>;
  };
  files: CliFile[];
}

/** `purelift analyze --format json` of the example app, run by global setup. */
export function cliResult(): CliResult {
  return JSON.parse(readFileSync(fixture("cli/analysis.json"), "utf8")) as CliResult;
}

export async function newSession(browser: Browser, user: string): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  page.on("pageerror", (e) => console.log(`[${user}] page error: ${e.message}`));
  await signIn(page, user);
  return page;
}

export async function signIn(page: Page, user: string): Promise<void> {
  await page.goto(env().base + "/signin");
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${user}`) }).first().click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await expect(page.getByRole("heading", { name: "Analyses" })).toBeVisible();
}

const SEVERE = new Set(["serious", "critical"]);

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  // Radix dialogs and menus animate in; colours mid-animation are not the page's.
  // (Only finite ones: a spinner or a pulsing placeholder runs for ever.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * axe-core on the page as it is, in the light and in the dark theme (the system's colour scheme, which the app
 * follows until the user picks one), with a screenshot of each: 0 serious or critical violations.
 * AXE_SOFT=1 prints the violations instead of failing (to see every page's at once while fixing them).
 */
type Theme = "light" | "dark";

export async function audit(page: Page, name: string, { themes = ["light", "dark"] }: { themes?: readonly Theme[] } = {}): Promise<void> {
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    await settle(page);
    const { violations } = await new AxeBuilder({ page }).analyze();
    appendFileSync(
      AXE_LOG,
      JSON.stringify({ page: name, theme, violations: violations.map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.length })) }) + "\n",
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${theme}.png`) });
    const severe = violations
      .filter((v) => SEVERE.has(v.impact ?? ""))
      .map((v) => `${v.id} [${v.impact}] ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    if (process.env.AXE_SOFT === "1") severe.forEach((v) => console.log(`axe ${name} (${theme}): ${v}`));
    else expect(severe, `axe-core on ${name} (${theme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** The job id of a report page's URL. */
export function jobIdOf(page: Page): string {
  const m = /\/jobs\/([^/?#]+)/.exec(page.url());
  if (!m?.[1]) throw new Error(`not a report URL: ${page.url()}`);
  return m[1];
}
