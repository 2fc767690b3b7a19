import { Link } from "react-router-dom";
import { useI18n } from "@/i18n";
import { EmptyState } from "@/components/common";
import { Button } from "@/components/ui/button";

export function NotFound() {
  const { t } = useI18n();
  return (
    <div>
      <h1 className="sr-only">{t("error.pageNotFound")}</h1>
      <EmptyState
        action={
          <Button asChild variant="outline">
            <Link to="/">{t("nav.analyses")}</Link>
          </Button>
        }
      >
        {t("error.pageNotFound")}
      </EmptyState>
    </div>
  );
}
