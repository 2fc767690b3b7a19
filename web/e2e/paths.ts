import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Screenshots of every page visited, light and dark (a test artifact, gitignored). */
export const SCREENSHOTS = join(web, "test-results", "screenshots");
/** One JSON line per axe-core audit; global teardown sums them up. */
export const AXE_LOG = join(web, "test-results", "axe.jsonl");
