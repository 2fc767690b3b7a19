// The API's shapes under the names the app reads them by. The shapes themselves are generated from the API's
// OpenAPI document (schema.gen.ts: `make web-types`; a unit test fails when it is stale), which FastAPI derives
// from the engine's result dataclasses and the API's pydantic models: one definition of each.
import type * as Api from "./schema.gen";

export type JobStatus = Api.JobStatus;
export type Role = Api.Role;
export type Classification = Api.FileResult["classification"];
export type ReasonKind = Api.Reason["kind"];
/** Every reason kind, in the order the report lists them (the type below fails to compile if one is missing). */
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
] as const satisfies readonly ReasonKind[];
type MissingKind = Exclude<ReasonKind, (typeof REASON_KINDS)[number]>;
export const REASON_KINDS_COMPLETE: [MissingKind] extends [never] ? true : MissingKind = true;

export type Summary = Api.Summary;
export type Reason = Api.Reason;
export type Blocker = Api.Blocker;
export type FunctionResult = Api.FunctionResult;
export type FileResult = Api.FileResult;
export type Warning = Api.AnalysisWarning;
export type AnalysisResult = Api.AnalysisResult;

export type Job = Api.JobOut;
export type Permissions = Api.PermissionsOut;
export type JobStatusOut = Api.JobStatusOut;
export type History = Api.HistoryOut;
export type Upload = Api.UploadOut;
export type Created = Api.CreatedOut;
export type Share = Api.ShareOut;
export type SharedJob = Api.SharedJobOut;
export type SharedWithMe = Api.SharedWithMeOut;
export type Stats = Api.StatsOut;
export type Team = Api.TeamOut;
export type Member = Api.MemberOut;
export type Me = Api.MeOut;
export type Link = Api.DownloadOut;
export type ExportFormat = "json" | "csv" | "zip";

/** A sign-in choice of the local stack's development login (`purelift.local.devauth`, not part of the API). */
export interface DevIdentity {
  user_id: string;
  role: Role;
  email: string;
  label: string;
}

export function isFullJob(job: SharedJob["job"]): job is Job {
  return "status" in job;
}
