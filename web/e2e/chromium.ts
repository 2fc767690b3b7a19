import { existsSync } from "node:fs";

/** The Chromium to drive: $CHROMIUM_PATH, else Debian's (`apt-get install chromium`) or another distribution's. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error("no Chromium: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH");
  return found;
}
