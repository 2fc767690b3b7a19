import { useState } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { KeyRound, LogIn, Moon, Sun } from "lucide-react";
import { api } from "@/api/client";
import type { DevIdentity } from "@/api/types";
import { useAuth } from "@/auth/AuthProvider";
import { config } from "@/config";
import { LANGS, useI18n } from "@/i18n";
import { useTheme } from "@/lib/theme";
import { useTitle } from "@/lib/keys";
import { Button } from "@/components/ui/button";
import { Card, Badge } from "@/components/ui/misc";
import { ErrorState, Loading } from "@/components/common";

export function SignInPage() {
  const { t, lang, setLang } = useI18n();
  const { dark, setChoice } = useTheme();
  const auth = useAuth();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const cfg = config();
  useTitle(t("signin.title"));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const identities = useQuery({
    queryKey: ["dev-identities"],
    queryFn: api.devIdentities,
    enabled: cfg.auth === "local",
    staleTime: Infinity,
  });

  if (auth.status === "signedIn") return <Navigate to={auth.returnTo ?? from} replace />;

  const signIn = async (who: DevIdentity) => {
    setBusy(who.user_id);
    setError(null);
    try {
      await auth.signInLocal(who);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-6">
      <div className="flex items-center justify-between">
        <div className="flex items-center gap-2 text-lg font-semibold">
          <KeyRound className="h-5 w-5 text-primary" aria-hidden />
          purelift
        </div>
        <div className="flex items-center gap-1">
          {LANGS.map((l) => (
            <Button key={l.code} variant={lang === l.code ? "secondary" : "ghost"} size="sm" lang={l.code} aria-pressed={lang === l.code} onClick={() => setLang(l.code)}>
              {l.label}
            </Button>
          ))}
          <Button variant="ghost" size="icon" aria-label={t("theme.toggle")} aria-pressed={dark} onClick={() => setChoice(dark ? "light" : "dark")}>
            {dark ? <Sun aria-hidden /> : <Moon aria-hidden />}
          </Button>
        </div>
      </div>
      <Card className="p-5">
        <h1 className="text-xl font-semibold">{t("signin.title")}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t("app.tagline")}</p>
        {cfg.auth === "cognito" ? (
          <div className="mt-5 space-y-3">
            {auth.status === "loading" ? (
              <Loading label={t("signin.redirecting")} />
            ) : (
              <Button className="w-full" onClick={() => void auth.signInCognito(from).catch(setError)}>
                <LogIn aria-hidden />
                {t("signin.cognito")}
              </Button>
            )}
            {auth.error && <ErrorState error={new Error(auth.error)} />}
          </div>
        ) : (
          <div className="mt-5 space-y-3">
            <p className="text-sm text-muted-foreground">{t("signin.local")}</p>
            {identities.isPending && <Loading />}
            {identities.isError && <ErrorState error={identities.error} onRetry={() => void identities.refetch()} />}
            <ul className="space-y-2" aria-label={t("signin.title")}>
              {identities.data?.identities.map((who) => (
                <li key={who.user_id}>
                  <Button
                    variant="outline"
                    className="h-auto w-full justify-between px-3 py-2 text-left"
                    disabled={busy !== null}
                    onClick={() => void signIn(who)}
                  >
                    <span className="flex min-w-0 flex-col">
                      <span className="truncate font-medium">
                        <span className="sr-only">{t("signin.asPrefix")} </span>
                        {who.user_id}
                        {who.email && <span className="ml-2 font-normal text-muted-foreground">{who.email}</span>}
                      </span>
                      {who.label && <span className="whitespace-normal text-xs text-muted-foreground">{who.label}</span>}
                    </span>
                    <Badge tone={who.role === "Admin" ? "ui" : who.role === "TeamLead" ? "info" : "neutral"}>{t(`role.${who.role}`)}</Badge>
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error !== null && <ErrorState className="mt-3" error={error} />}
      </Card>
    </main>
  );
}
