import { expect, test, type Page } from "@playwright/test";
import { audit, env, fixture, signIn } from "./support";

// Bad input through the page: each shows a readable message (no blank page, no stack trace, no "undefined"),
// and the app keeps working afterwards: another upload can be chosen and the other pages still load.

const unreadable = /undefined|null|\[object|Traceback|Exception|NaN/;

async function choose(page: Page, file: string): Promise<void> {
  await page.goto(env().base + "/new");
  await expect(page.getByRole("heading", { name: "New analysis" })).toBeVisible();
  await page.getByTestId("archive-input").setInputFiles(fixture(file));
}

/** The app still works: back to a fresh New analysis form, then the Analyses page with its list. */
async function keepsWorking(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analyses" }).click();
  await expect(page.getByRole("heading", { name: "Analyses", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New analysis" }).click();
  await page.getByTestId("archive-input").setInputFiles(fixture("tkcalc.zip"));
  await expect(page.getByRole("button", { name: "Upload and analyse" })).toBeEnabled();
}

/** A job that ends failed: the live view says so in words, and so does its report page and the history. */
async function failsReadably(page: Page, file: string, name: string, message: RegExp): Promise<void> {
  await choose(page, file);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The analysis failed", { timeout: 120_000 });
  await expect(alert).toContainText(message);
  await expect(alert).not.toContainText(unreadable);
  await audit(page, `bad-${name}`);
  await page.getByRole("button", { name: "Analyse another" }).click();
  await expect(page.getByText("Drop a .zip or .tar.gz here, or a folder")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analyses" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row).toContainText(/failed/i);
  await row.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("This analysis failed");
  await expect(page.getByRole("main")).toContainText(message);
  await audit(page, `bad-${name}-report`);
  await keepsWorking(page);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "alice");
});

test("a file that is not an archive is refused on the page, before any upload", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") requests.push(r.url());
  });
  await choose(page, "notes.txt");
  await expect(page.getByRole("alert")).toHaveText(/This is not a \.zip or \.tar\.gz archive\./);
  await expect(page.getByRole("button", { name: "Upload and analyse" })).toHaveCount(0);
  expect(requests).toEqual([]);
  await audit(page, "bad-not-an-archive");
  await keepsWorking(page);
});

test("an archive just over the API's limit is refused with the sizes, before it is sent", async ({ page }) => {
  const uploads: string[] = [];
  page.on("request", (r) => {
    // the presigned POST goes to the storage (moto's port), not to the app's origin
    if (r.method() === "POST" && !r.url().startsWith(env().base)) uploads.push(r.url());
  });
  await choose(page, "oversized.zip");
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  const alert = page.getByRole("alert");
  const over = env().maxBytes + 1;
  await expect(alert).toContainText(`The archive is ${over.toLocaleString("en")} B; the limit is ${env().maxBytes.toLocaleString("en")} B.`);
  await expect(alert).not.toContainText(unreadable);
  expect(uploads).toEqual([]);
  await audit(page, "bad-oversized");
  await keepsWorking(page);
});

test("a corrupt zip: the job fails with a readable message", async ({ page }) => {
  await failsReadably(page, "corrupt.zip", "corrupt", /zip|archive|corrupt/i);
});

test("an archive without a Python file: the job fails with a readable message", async ({ page }) => {
  await failsReadably(page, "no-python.zip", "no-python", /Python/);
});
