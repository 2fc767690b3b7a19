import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { en, type MessageKey } from "./en";
import { ko } from "./ko";

export type Lang = "en" | "ko";
export const LANGS: { code: Lang; label: string }[] = [
  { code: "en", label: "English" },
  { code: "ko", label: "한국어" },
];
const DICTS: Record<Lang, Record<MessageKey, string>> = { en, ko };
const KEY = "purelift.lang";

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = DICTS[lang][key] ?? en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** The stored choice, else the browser's language (Korean when it asks for it first), else English. */
export function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored === "en" || stored === "ko") return stored;
  } catch {
    /* storage blocked */
  }
  const wanted = typeof navigator !== "undefined" ? (navigator.languages?.[0] ?? navigator.language ?? "en") : "en";
  return wanted.toLowerCase().startsWith("ko") ? "ko" : "en";
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  number: (n: number, digits?: number) => string;
}
const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* storage blocked */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = lang;
    const fmt = new Map<number, Intl.NumberFormat>();
    return {
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      number: (n, digits = 0) => {
        let f = fmt.get(digits);
        if (!f) {
          f = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
          fmt.set(digits, f);
        }
        return f.format(n);
      },
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}
export type { MessageKey };
