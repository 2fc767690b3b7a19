import { AlertTriangle, CheckCircle2, CircleDashed, Loader2, MonitorSmartphone, Shuffle, Cpu, XCircle, Clock, Upload, Radio, WifiOff } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "@/api/client";
import type { Classification, JobStatus } from "@/api/types";
import { useI18n } from "@/i18n";
import { describeError } from "@/lib/format";
import { Badge } from "./ui/misc";
import { Button } from "./ui/button";
import { useConnectionState } from "@/realtime/RealtimeProvider";
import { cn } from "@/lib/utils";

/** Whether trying the same request again may help (network, 5xx, 408, 429): else no "Try again" is offered. */
export function retryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
  return true;
}

export function ErrorState({ error, onRetry, className }: { error: unknown; onRetry?: () => void; className?: string }) {
  const { t } = useI18n();
  const { title, detail } = describeError(error, t);
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <div role="alert" className={cn("rounded-lg border border-destructive/40 bg-destructive/5 p-4", className)}>
      <div className="flex items-start gap-3">
        <AlertTriangle className="mt-0.5 h-5 w-5 shrink-0 text-destructive" aria-hidden />
        <div className="min-w-0 flex-1">
          <p className="font-medium">{title}</p>
          {detail && <p className="mt-1 break-words text-sm text-muted-foreground">{detail}</p>}
          {onRetry && retryable(error) && (
            <Button variant="outline" size="sm" className="mt-3" onClick={onRetry}>
              {t("common.retry")}
            </Button>
          )}
          {notFound && (
            <Button variant="outline" size="sm" className="mt-3" asChild>
              <Link to="/">{t("nav.analyses")}</Link>
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

export function EmptyState({ icon, children, action }: { icon?: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed p-10 text-center text-sm text-muted-foreground">
      {icon}
      <p className="max-w-md">{children}</p>
      {action}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="flex items-center gap-2 p-6 text-sm text-muted-foreground">
      <Loader2 className="h-4 w-4 animate-spin" aria-hidden />
      {label ?? t("common.loading")}
    </div>
  );
}

const STATUS_ICON: Record<JobStatus, ReactNode> = {
  awaiting_upload: <Upload aria-hidden />,
  queued: <Clock aria-hidden />,
  running: <Loader2 aria-hidden className="animate-spin" />,
  completed: <CheckCircle2 aria-hidden />,
  failed: <XCircle aria-hidden />,
};
export function StatusBadge({ status }: { status: JobStatus }) {
  const { t } = useI18n();
  const tone = status === "completed" ? "pure" : status === "failed" ? "impure" : status === "running" ? "info" : "neutral";
  return (
    <Badge tone={tone}>
      {STATUS_ICON[status] ?? <CircleDashed aria-hidden />}
      {t(`status.${status}`)}
    </Badge>
  );
}

export const CLASS_TONE = { UI: "ui", Mixed: "mixed", Logic: "logic" } as const;
const CLASS_ICON: Record<Classification, ReactNode> = {
  UI: <MonitorSmartphone aria-hidden />,
  Mixed: <Shuffle aria-hidden />,
  Logic: <Cpu aria-hidden />,
};
export function ClassBadge({ value }: { value: Classification }) {
  const { t } = useI18n();
  const key = value === "UI" ? "legend.ui" : value === "Mixed" ? "legend.mixed" : "legend.logic";
  return (
    <Badge tone={CLASS_TONE[value]}>
      {CLASS_ICON[value]}
      {t(key)}
    </Badge>
  );
}

export function LiveIndicator() {
  const { t } = useI18n();
  const state = useConnectionState();
  if (state === "idle" || state === "connecting") return null;
  const live = state === "open";
  return (
    <span
      role="status"
      title={live ? t("live.live") : t("live.polling")}
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium",
        live ? "bg-pure-soft text-pure" : "bg-mixed-soft text-mixed",
      )}
    >
      {live ? <Radio className="h-3 w-3" aria-hidden /> : <WifiOff className="h-3 w-3" aria-hidden />}
      {live ? t("live.live") : t("live.reconnecting")}
    </span>
  );
}

export function PageHeader({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="truncate text-xl font-semibold tracking-tight">{title}</h1>
        {children}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
