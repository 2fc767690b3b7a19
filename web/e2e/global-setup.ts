import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FullConfig } from "@playwright/test";
import { AXE_LOG, SCREENSHOTS } from "./paths";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
/** The API's presigned-POST limit in this stack (template parameter UploadMaxBytes; 200 MB by default). */
export const UPLOAD_MAX_BYTES = 1_048_576;

function python(): string {
  const venv = join(repo, ".venv", "bin");
  const bin = process.env.PURELIFT_BIN ?? join(venv, "purelift");
  if (!existsSync(bin)) throw new Error(`no ${bin}: run 'make .venv/.installed-stamp' (or any make target) in ${repo} first`);
  return join(dirname(bin), "python");
}

/** Everything the tests upload or compare with, made once: the example app zipped, the CLI's result of it, bad inputs. */
function fixtures(dir: string, py: string): void {
  const run = (code: string) => execFileSync(py, ["-c", code, dir, repo], { stdio: "inherit" });
  run(`
import io, json, os, sys, zipfile
out, repo = sys.argv[1], sys.argv[2]
example = os.path.join(repo, "examples", "tkcalc")
with zipfile.ZipFile(os.path.join(out, "tkcalc.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(example):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            if not f.endswith(".pyc"):
                full = os.path.join(root, f)
                z.write(full, os.path.join("tkcalc", os.path.relpath(full, example)))
data = open(os.path.join(out, "tkcalc.zip"), "rb").read()
open(os.path.join(out, "corrupt.zip"), "wb").write(data[: len(data) // 2])
with zipfile.ZipFile(os.path.join(out, "no-python.zip"), "w") as z:
    z.writestr("app/README.txt", "A desktop app without a single Python file.\\n")
open(os.path.join(out, "notes.txt"), "w").write("not an archive\\n")
# just over the stack's limit, named and shaped like a zip (the page must refuse it on size, not on name)
with open(os.path.join(out, "oversized.zip"), "wb") as f:
    f.write(b"PK\\x03\\x04" + os.urandom(${UPLOAD_MAX_BYTES} + 1 - 4))
`);
  // The CLI's answer for the same archive: what the report must show.
  execFileSync(join(dirname(py), "purelift"), ["analyze", join(dir, "tkcalc.zip"), "--format", "json,zip", "--quiet", "--out", join(dir, "cli")], {
    stdio: "inherit",
  });
}

async function startStack(dir: string): Promise<{ child: ChildProcess; base: string }> {
  const bin = join(dirname(python()), "purelift");
  const log = join(dir, "serve.log");
  const fd = openSync(log, "w");
  const child = spawn(
    bin,
    ["serve", "--port", "0", "--ws-port", "0", "--data", join(dir, "data"), "--parameter", "BatchSize=2", "--parameter", `UploadMaxBytes=${UPLOAD_MAX_BYTES}`],
    { cwd: repo, stdio: ["ignore", fd, fd], env: { ...process.env, PYTHONUNBUFFERED: "1" } },
  );
  closeSync(fd);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`purelift serve exited (${child.exitCode}):\n${readFileSync(log, "utf8")}`);
    const m = /Web app\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(readFileSync(log, "utf8"));
    if (m?.[1] && /Dev tokens/.test(readFileSync(log, "utf8"))) return { child, base: m[1] };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`purelift serve did not print its banner within 90 s:\n${readFileSync(log, "utf8")}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "purelift-web-e2e-"));
  const py = python();
  if (!existsSync(join(here, "..", "dist", "index.html"))) throw new Error("no web/dist: run 'npm run build' first");
  fixtures(dir, py);
  const { child, base } = await startStack(dir);
  // A test run killed half way (Ctrl-C) must not leave the stack behind.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  process.env.PURELIFT_E2E_BASE = base;
  process.env.PURELIFT_E2E_DIR = dir;
  process.env.PURELIFT_E2E_MAX_BYTES = String(UPLOAD_MAX_BYTES);
  const bench = process.env.PURELIFT_E2E_BENCH === "1";
  if (!bench) {
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(AXE_LOG, "");
  }
  console.log(`purelift serve: ${base} (data and log in ${dir})`);
  return async () => {
    await stop(child);
    process.removeListener("exit", kill);
    if (!bench) {
      const audits = readFileSync(AXE_LOG, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { page: string; theme: string; violations: { id: string; impact: string | null; nodes: number }[] });
      const serious = audits.flatMap((a) => a.violations.filter((v) => v.impact === "serious" || v.impact === "critical"));
      const other = audits.flatMap((a) => a.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical"));
      const shots = existsSync(SCREENSHOTS) ? readdirSync(SCREENSHOTS).filter((f) => f.endsWith(".png")).length : 0;
      console.log(
        `axe-core: ${audits.length} audits (${new Set(audits.map((a) => a.page)).size} pages × light/dark): ` +
          `${serious.length} serious or critical violations, ${other.length} minor or moderate` +
          (other.length ? ` (${[...new Set(other.map((v) => `${v.id} [${v.impact}]`))].join(", ")})` : ""),
      );
      console.log(`screenshots: ${shots} in ${SCREENSHOTS}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
