import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { UserManager } from "oidc-client-ts";
import { useQueryClient } from "@tanstack/react-query";
import { api, setTokenSource } from "@/api/client";
import type { DevIdentity } from "@/api/types";
import { config, type CognitoConfig } from "@/config";

const LOCAL_KEY = "purelift.session";
const RETURN_KEY = "purelift.returnTo";

export interface Session {
  token: string;
  expiresAt: number | null; // ms since epoch
  label?: string;
}

interface AuthState {
  status: "loading" | "signedOut" | "signedIn";
  session: Session | null;
  error: string | null;
  /** Where to go after a Cognito redirect came back (the page that asked for sign in). */
  returnTo: string | null;
  signInLocal: (identity: DevIdentity) => Promise<void>;
  signInCognito: (returnTo?: string) => Promise<void>;
  signOut: () => void;
}

const Ctx = createContext<AuthState | null>(null);

function toMillis(v: string | number | undefined | null): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return v > 1e12 ? v : v * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

export function readLocalSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(LOCAL_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || (s.expiresAt !== null && s.expiresAt <= now)) return null;
    return s;
  } catch {
    return null;
  }
}

export function rememberReturn(path: string): void {
  sessionStorage.setItem(RETURN_KEY, path);
}
export function takeReturn(): string {
  const p = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  return p && p.startsWith("/") && !p.startsWith("//") ? p : "/";
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const cfg = config();
  const [session, setSession] = useState<Session | null>(() => (cfg.auth === "local" ? readLocalSession() : null));
  const [status, setStatus] = useState<AuthState["status"]>(cfg.auth === "local" ? (session ? "signedIn" : "signedOut") : "loading");
  const [error, setError] = useState<string | null>(null);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const manager = useRef<UserManager | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const queryClient = useQueryClient();
  const signOutLocal = useCallback(() => {
    sessionStorage.removeItem(LOCAL_KEY);
    setSession(null);
    setStatus("signedOut");
    queryClient.clear(); // nothing of one user's data stays for the next
  }, [queryClient]);

  // Cognito: load oidc-client-ts lazily, finish a redirect, keep the session in step with silent renew.
  useEffect(() => {
    if (cfg.auth !== "cognito") return;
    let cancelled = false;
    void (async () => {
      try {
        const { makeManager, tokenOf, completeSignin } = await import("./cognito");
        const um = makeManager(cfg as CognitoConfig);
        manager.current = um;
        const apply = (user: Awaited<ReturnType<UserManager["getUser"]>>) => {
          const token = tokenOf(user);
          if (cancelled) return;
          if (token && user) {
            setSession({ token, expiresAt: user.expires_at ? user.expires_at * 1000 : null, label: user.profile.email });
            setStatus("signedIn");
          } else {
            setSession(null);
            setStatus("signedOut");
          }
        };
        um.events.addUserLoaded((u) => apply(u));
        um.events.addUserUnloaded(() => apply(null));
        um.events.addSilentRenewError(() => void um.removeUser());
        const params = new URLSearchParams(window.location.search);
        if (params.has("code") && params.has("state")) {
          const user = await completeSignin(um);
          const back = takeReturn();
          window.history.replaceState(null, "", window.location.pathname); // drop ?code&state
          setReturnTo(back);
          apply(user);
          return;
        }
        if (params.has("error")) setError(params.get("error_description") ?? params.get("error"));
        apply(await um.getUser());
      } catch (e) {
        if (!cancelled) {
          setError(e instanceof Error ? e.message : String(e));
          setStatus("signedOut");
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [cfg]);

  const signOut = useCallback(() => {
    if (cfg.auth === "cognito") {
      const um = manager.current;
      void (async () => {
        const { cognitoLogoutUrl } = await import("./cognito");
        await um?.removeUser();
        window.location.assign(cognitoLogoutUrl(cfg));
      })();
      setSession(null);
      setStatus("signedOut");
      queryClient.clear();
    } else {
      signOutLocal();
    }
  }, [cfg, signOutLocal, queryClient]);

  // A session ends when its token does (the API would answer 401 from then on).
  useEffect(() => {
    if (!session?.expiresAt || cfg.auth !== "local") return;
    const left = session.expiresAt - Date.now();
    const timer = setTimeout(signOutLocal, Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, cfg.auth, signOutLocal]);

  // The API client reads the token from here; a 401 on an authenticated call ends the session. Set during
  // render, not in an effect: children's effects (their first requests) run before a parent's effects.
  useMemo(() => {
    setTokenSource(
      // An expired token is still sent: the API's 401 then ends the session (onUnauthorized).
      () => sessionRef.current?.token ?? null,
      () => signOut(),
    );
  }, [signOut]);

  const signInLocal = useCallback(async (identity: DevIdentity) => {
    setError(null);
    const { token, expires_at } = await api.devToken(identity.user_id);
    const s: Session = { token, expiresAt: toMillis(expires_at), label: identity.user_id };
    sessionStorage.setItem(LOCAL_KEY, JSON.stringify(s));
    queryClient.clear();
    setSession(s);
    setStatus("signedIn");
  }, [queryClient]);

  const signInCognito = useCallback(async (returnTo = "/") => {
    rememberReturn(returnTo);
    const um = manager.current ?? (await import("./cognito")).makeManager(cfg as CognitoConfig);
    await um.signinRedirect();
  }, [cfg]);

  const value = useMemo<AuthState>(
    () => ({ status, session, error, returnTo, signInLocal, signInCognito, signOut }),
    [status, session, error, returnTo, signInLocal, signInCognito, signOut],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
