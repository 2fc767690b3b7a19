import type { Translate } from "@/i18n";
import { ApiError } from "@/api/client";
import type { MessageKey } from "@/i18n/en";

export function relativeTime(iso: string | null | undefined, t: Translate, now = Date.now()): string {
  if (!iso) return "";
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 5) return t("time.now");
  if (s < 60) return t("time.s", { n: s });
  if (s < 3600) return t("time.m", { n: Math.round(s / 60) });
  if (s < 86400) return t("time.h", { n: Math.round(s / 3600) });
  return t("time.d", { n: Math.round(s / 86400) });
}

export function exactTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  // in the app's language (the I18nProvider keeps <html lang> in step), not the browser's
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(document.documentElement.lang || undefined);
}

export function pct(n: number, digits = 1): string {
  return `${n.toFixed(digits)} %`;
}

/** A title (by status, translated) and the server's own message, for any error. */
export function describeError(err: unknown, t: Translate): { title: string; detail: string | null } {
  if (typeof err === "string") return { title: err, detail: null };
  if (err instanceof ApiError) {
    if (err.status === 0) return { title: t("error.network"), detail: null };
    const key = `error.${err.status}` as MessageKey;
    const known = ["400", "401", "403", "404", "409", "413", "422", "429"].includes(String(err.status));
    const title = known ? t(key) : err.status >= 500 ? t("error.500") : t("error.title");
    return { title, detail: err.message && err.message !== title ? err.message : null };
  }
  if (err instanceof Error) return { title: t("error.title"), detail: err.message };
  return { title: t("error.title"), detail: String(err) };
}
