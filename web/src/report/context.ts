import { createContext, useContext } from "react";
import type { AnalysisResult, JobStatusOut } from "@/api/types";

export interface ReportData {
  job: JobStatusOut;
  result: AnalysisResult;
  base: string; // /jobs/:id
}
export const ReportContext = createContext<ReportData | null>(null);

export function useReport(): ReportData {
  const r = useContext(ReportContext);
  if (!r) throw new Error("useReport outside a report");
  return r;
}

/** The URL of a file's view (path segments encoded, slashes kept). */
export function fileHref(base: string, path: string, line?: number, fn?: string): string {
  const enc = path.split("/").map(encodeURIComponent).join("/");
  return `${base}/files/${enc}${fn ? `?fn=${encodeURIComponent(fn)}` : ""}${line ? `#L${line}` : ""}`;
}
