import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import type { JobStatus } from "@/api/types";
import { useI18n } from "@/i18n";
import { useTitle } from "@/lib/keys";
import { Card } from "@/components/ui/misc";
import { ErrorState, Loading, PageHeader, StatusBadge } from "@/components/common";

const ORDER: JobStatus[] = ["awaiting_upload", "queued", "running", "completed", "failed"];

export default function StatsPage() {
  const { t, number } = useI18n();
  const stats = useQuery({ queryKey: ["stats"], queryFn: api.stats });
  useTitle(t("stats.title"));
  return (
    <section aria-labelledby="stats-title">
      <PageHeader title={<span id="stats-title">{t("stats.title")}</span>}>
        {stats.data && <p className="text-sm text-muted-foreground">{stats.data.scope === "all" ? t("stats.scopeAll") : t("stats.scopeOwn")}</p>}
      </PageHeader>
      {stats.isPending && <Loading />}
      {stats.isError && <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.data && (
        <div className="grid gap-4 md:grid-cols-2">
          <Card className="p-4">
            <h2 className="mb-3 font-semibold">{t("stats.jobs")}</h2>
            <table className="w-full text-sm">
              <tbody>
                {[...ORDER, ...Object.keys(stats.data.jobs).filter((k) => !ORDER.includes(k as JobStatus))].map((s) => (
                  <tr key={s} className="border-b last:border-0">
                    <th scope="row" className="py-1.5 text-left font-normal">
                      {ORDER.includes(s as JobStatus) ? <StatusBadge status={s as JobStatus} /> : s}
                    </th>
                    <td className="num py-1.5">{number(stats.data.jobs[s] ?? 0)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" className="py-1.5 text-left font-semibold">{t("stats.total")}</th>
                  <td className="num py-1.5 font-semibold">{number(stats.data.total)}</td>
                </tr>
              </tbody>
            </table>
          </Card>
          <Card className="p-4">
            <h2 className="mb-3 font-semibold">{t("stats.cache")}</h2>
            {!stats.data.cache.available && <p className="mb-2 text-sm text-muted-foreground">{t("stats.unavailable")}</p>}
            <dl className="grid grid-cols-3 gap-3">
              <div>
                <dt className="text-xs uppercase tracking-wide text-muted-foreground">{t("stats.hits")}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{number(stats.data.cache.hits)}</dd>
              </div>
              <div>
                <dt className="text-xs uppercase tracking-wide text-muted-foreground">{t("stats.misses")}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{number(stats.data.cache.misses)}</dd>
              </div>
              <div>
                <dt className="text-xs uppercase tracking-wide text-muted-foreground">{t("stats.hitRate")}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{(stats.data.cache.hit_rate * 100).toFixed(1)} %</dd>
              </div>
            </dl>
          </Card>
        </div>
      )}
    </section>
  );
}
