// The API's shapes (SPEC §2-§4; layers/common/purelift/api/schemas.py and analysis/model.py). Readers ignore
// fields they do not know, so every field added since schema_version 1 is optional here.

export type JobStatus = "awaiting_upload" | "queued" | "running" | "completed" | "failed";
export type Role = "User" | "TeamLead" | "Admin";
export type Classification = "UI" | "Logic" | "Mixed";
export const REASON_KINDS = [
  "io",
  "nondeterministic",
  "global_write",
  "global_read",
  "arg_mutation",
  "self_mutation",
  "ui",
  "calls_impure",
  "unknown",
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export interface Summary {
  files: number;
  parsed: number;
  failed: number;
  loc: number;
  sloc: number;
  ui_files: number;
  logic_files: number;
  mixed_files: number;
  web_ready_files: number;
  functions: number;
  pure_functions: number;
  extractable_functions: number;
  ui_pct: number;
  toolkits: Record<string, number>;
  trivial_functions?: number;
}

export interface Reason {
  kind: ReasonKind;
  lineno: number;
  detail: string;
}
export interface Blocker {
  lineno: number;
  detail: string;
}
export interface FunctionResult {
  qualname: string;
  lineno: number;
  end_lineno: number;
  pure: boolean;
  extractable: boolean;
  reasons: Reason[];
  calls: string[];
  trivial?: boolean;
}
export interface FileResult {
  path: string;
  loc: number;
  lloc: number;
  sloc: number;
  comments: number;
  multi: number;
  blank: number;
  ui_lines: number;
  ui_pct: number;
  classification: Classification;
  web_ready: boolean;
  web_ready_blockers: Blocker[];
  toolkits: string[];
  parse_error: { lineno: number; message: string } | null;
  functions: FunctionResult[];
  ui_line_ranges?: [number, number][];
}
export interface Warning {
  path: string;
  lineno: number;
  kind: string;
  detail: string;
}
export interface AnalysisResult {
  schema_version: number;
  job_id: string;
  name: string;
  created_at: string;
  processing_time: number;
  summary: Summary;
  files: FileResult[];
  skipped?: { path: string; reason: string }[];
  warnings?: Warning[];
}

export interface Job {
  job_id: string;
  name: string;
  status: JobStatus;
  progress: number;
  files_done: number;
  files_total: number;
  created_at: string;
  updated_at: string;
  summary: Summary | null;
  error: string | null;
}
export interface Permissions {
  can_view: boolean;
  can_download: boolean;
  can_share: boolean;
  can_delete: boolean;
}
export interface JobStatusOut extends Job {
  permissions: Permissions;
}
export interface History {
  items: Job[];
  cursor: string | null;
}
export interface Upload {
  url: string;
  fields: Record<string, string>;
  expires_in: number;
  max_bytes: number;
}
export interface Created {
  job_id: string;
  status: JobStatus;
  upload: Upload | null;
}
export interface Share {
  job_id: string;
  team_id: string;
  can_view: boolean;
  can_download: boolean;
  shared_by: string;
  created_at: string;
  expires_at: string | null;
}
export interface SharedJob {
  job: Job | { job_id: string; name: string };
  team_ids: string[];
  can_view: boolean;
  can_download: boolean;
  expires_at: string | null;
}
export interface SharedWithMe {
  items: SharedJob[];
  total: number;
  limit: number;
  offset: number;
}
export interface Stats {
  scope: "own" | "all";
  jobs: Record<string, number>;
  total: number;
  cache: { available: boolean; hits: number; misses: number; corrupt: number; hit_rate: number };
}
export interface Team {
  team_id: string;
  name: string;
}
export interface Member {
  team_id: string;
  user_id: string;
  lead: boolean;
}
export interface Me {
  user_id: string;
  role: Role;
  email: string | null;
  teams: { team_id: string; lead: boolean }[];
}
export interface Link {
  url: string;
  expires_at: string;
  filename?: string;
}
export interface DevIdentity {
  user_id: string;
  role: Role;
  email: string;
  label: string;
}
export type ExportFormat = "json" | "csv" | "zip";

export function isFullJob(job: SharedJob["job"]): job is Job {
  return "status" in job;
}
