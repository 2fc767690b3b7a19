// Runtime settings from /config.json (SPEC §11): one build serves every stage.

export interface LocalConfig {
  api_url: string;
  ws_url: string;
  auth: "local";
}
export interface CognitoConfig {
  api_url: string;
  ws_url: string;
  auth: "cognito";
  cognito_domain: string;
  client_id: string;
  redirect_uri: string;
  logout_uri: string;
  scope?: string;
  /** The user pool's issuer, for OIDC discovery; omitted: the Hosted UI's /oauth2 endpoints are used. */
  authority?: string;
}
export type AppConfig = LocalConfig | CognitoConfig;

let current: AppConfig | null = null;

export function parseConfig(raw: unknown): AppConfig {
  if (typeof raw !== "object" || raw === null) throw new Error("config.json is not an object");
  const c = raw as Record<string, unknown>;
  const str = (k: string): string => {
    const v = c[k];
    if (typeof v !== "string" || !v) throw new Error(`config.json: "${k}" is missing`);
    return v;
  };
  const base = { api_url: str("api_url").replace(/\/+$/, ""), ws_url: str("ws_url") };
  if (c.auth === "cognito") {
    return {
      ...base,
      auth: "cognito",
      cognito_domain: str("cognito_domain").replace(/\/+$/, ""),
      client_id: str("client_id"),
      redirect_uri: str("redirect_uri"),
      logout_uri: str("logout_uri"),
      scope: typeof c.scope === "string" ? c.scope : undefined,
      authority: typeof c.authority === "string" && c.authority ? c.authority : undefined,
    };
  }
  return { ...base, auth: "local" };
}

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  const res = await fetcher("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  current = parseConfig(await res.json());
  return current;
}

export function setConfig(config: AppConfig): void {
  current = config;
}

export function config(): AppConfig {
  if (!current) throw new Error("config not loaded");
  return current;
}
