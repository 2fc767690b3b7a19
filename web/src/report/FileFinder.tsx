import { useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { useI18n } from "@/i18n";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Input } from "@/components/ui/misc";
import { ClassBadge } from "@/components/common";
import { cn } from "@/lib/utils";
import { useReport, fileHref } from "./context";

/** Score a path against a fuzzy query: every character in order; contiguous and file-name hits rank higher. */
export function fuzzyScore(path: string, query: string): number | null {
  const p = path.toLowerCase();
  const q = query.toLowerCase().replace(/\s+/g, "");
  if (!q) return 0;
  let score = 0;
  let pos = -1;
  let run = 0;
  const nameStart = p.lastIndexOf("/") + 1;
  for (const ch of q) {
    const next = p.indexOf(ch, pos + 1);
    if (next < 0) return null;
    run = next === pos + 1 ? run + 1 : 0;
    score += 1 + run * 2 + (next >= nameStart ? 2 : 0);
    pos = next;
  }
  return score - p.length * 0.01;
}

export function FileFinder({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const { t } = useI18n();
  const { result, base } = useReport();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const scored: { path: string; score: number; i: number }[] = [];
    result.files.forEach((f, i) => {
      const s = fuzzyScore(f.path, q);
      if (s !== null) scored.push({ path: f.path, score: s, i });
    });
    scored.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
    return scored.slice(0, 50);
  }, [q, result.files]);
  const go = (path: string) => {
    onOpenChange(false);
    setQ("");
    navigate(fileHref(base, path));
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={t("finder.title")} closeLabel={t("common.close")} className="w-[min(92vw,40rem)]">
        <Input
          autoFocus
          value={q}
          placeholder={t("finder.placeholder")}
          aria-label={t("finder.placeholder")}
          role="combobox"
          aria-expanded="true"
          aria-controls="finder-list"
          aria-activedescendant={matches[active] ? `finder-${active}` : undefined}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => Math.min(matches.length - 1, a + 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === "Enter" && matches[active]) {
              e.preventDefault();
              go(matches[active].path);
            }
          }}
        />
        <ul id="finder-list" role="listbox" aria-label={t("finder.title")} className="max-h-[50vh] overflow-auto">
          {matches.length === 0 && <li className="p-2 text-sm text-muted-foreground">{t("finder.none")}</li>}
          {matches.map((m, i) => (
            <li
              key={m.path}
              id={`finder-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => go(m.path)}
              className={cn("flex cursor-pointer items-center justify-between gap-2 rounded px-2 py-1.5 font-mono text-sm", i === active && "bg-accent")}
            >
              <span className="truncate">{m.path}</span>
              <ClassBadge value={result.files[m.i]!.classification} />
            </li>
          ))}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
