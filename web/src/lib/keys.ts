import type React from "react";
import { useEffect } from "react";

/** True when the event comes from a field the user types into (no shortcut fires there). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

/** A single-key shortcut (`/`, `t`) outside text fields and without modifiers. */
export function useShortcut(key: string, handler: (e: KeyboardEvent) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const on = (e: KeyboardEvent) => {
      if (e.key !== key || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      handler(e);
    };
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, [key, handler, enabled]);
}

/** `/` focuses the page's search box: the element marked data-search. */
export function focusSearch(): boolean {
  const el = document.querySelector<HTMLInputElement>("[data-search]");
  if (!el) return false;
  el.focus();
  el.select();
  return true;
}

/**
 * Arrow keys in a virtualised table: ↑/↓ (and Home/End) move focus to the first link of the neighbouring row
 * (`[data-index] a`), scrolling it into view first.
 */
export function rowKeyHandler(count: number, scrollToIndex: (i: number) => void) {
  return (e: React.KeyboardEvent<HTMLElement>) => {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const row = (e.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (!row) return;
    const i = Number(row.dataset.index);
    const next = e.key === "ArrowDown" ? i + 1 : e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : count - 1;
    if (next < 0 || next >= count) return;
    e.preventDefault();
    scrollToIndex(next);
    const container = e.currentTarget;
    const focus = (tries: number) => {
      const link = container.querySelector<HTMLElement>(`[data-index="${next}"] a`);
      if (link) link.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(5);
  };
}

/** The tab's title: "<page> · purelift". */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · purelift` : "purelift";
  }, [title]);
}
