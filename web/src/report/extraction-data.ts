// pure_functions.zip, fetched once per job and unpacked in the browser (fflate loads with it), shared by the
// extraction preview and the file view's function panel.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, ApiError, fetchWithProgress } from "@/api/client";
import type { ZipText } from "./zip";

export interface Unit {
  source_path: string;
  qualname: string;
  lines: [number, number];
  target_module: string;
  name: string;
  dependencies: string[];
  note?: string;
}
export interface Miss {
  source_path: string;
  qualname: string;
  reason: string;
}
export interface Manifest {
  units: Unit[];
  not_extracted: Miss[];
}

export function parseManifest(files: ZipText[]): Manifest | null {
  const m = files.find((f) => f.path === "manifest.json");
  if (!m) return null;
  try {
    const data = JSON.parse(m.text) as Partial<Manifest>;
    return { units: Array.isArray(data.units) ? data.units : [], not_extracted: Array.isArray(data.not_extracted) ? data.not_extracted : [] };
  } catch {
    return null;
  }
}

/** The text of one extracted definition in its module: from its `# from <path> lines a-b` comment to the next. */
export function unitCode(moduleText: string, unit: Unit): string | null {
  const lines = moduleText.split("\n");
  const marker = `# from ${unit.source_path} lines ${unit.lines[0]}-${unit.lines[1]}`;
  const start = lines.findIndex((l) => l.trim() === marker);
  if (start < 0) return null;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i += 1) {
    if (lines[i]!.startsWith("# from ")) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join("\n").trimEnd();
}

export function useExtraction(jobId: string, enabled: boolean) {
  const [progress, setProgress] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ["extraction", jobId],
    enabled,
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    queryFn: async () => {
      const link = await api.downloadLink(jobId, "zip");
      const res = await fetchWithProgress(link.url, {
        responseType: "arraybuffer",
        onProgress: (l, total) => setProgress(total ? l / total : null),
      });
      if (res.status === 0 || res.status >= 400) throw new ApiError(res.status, "storage", "The archive could not be downloaded.");
      const { readZip } = await import("./zip");
      return readZip(res.body as ArrayBuffer);
    },
  });
  return { ...query, progress };
}
