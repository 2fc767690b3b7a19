import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** `pkg/sub/deep/dialog.py` → `pkg/…/dialog.py` when longer than `max`. */
export function middleTruncate(path: string, max = 60): string {
  if (path.length <= max) return path;
  const parts = path.split("/");
  const last = parts[parts.length - 1] ?? path;
  const first = parts[0] ?? "";
  const short = `${first}/…/${last}`;
  if (short.length <= max) return short;
  return `…${path.slice(path.length - max + 1)}`;
}
