import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./e2e/chromium";

// End-to-end tests (e2e/*.e2e.ts) in headless Chromium — Debian's `chromium`, never a downloaded browser — against
// `purelift serve`, which e2e/global-setup.ts starts on free ports and stops at the end. `npx playwright test`
// (or `make web-e2e` from the repository root). `--grep @bench` runs the render benchmark (bench/web.py) instead.
const bench = process.env.PURELIFT_E2E_BENCH === "1";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.e2e.ts",
  // The journey's steps build on each other, and the machine has two shared cores: one worker, in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  grep: bench ? /@bench/ : undefined,
  grepInvert: bench ? undefined : /@bench/,
  outputDir: bench ? "test-results/bench" : "test-results/output",
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: chromiumPath() },
    viewport: { width: 1400, height: 900 },
    locale: "en-US",
    colorScheme: "light",
    acceptDownloads: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
