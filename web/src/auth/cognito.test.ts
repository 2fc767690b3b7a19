import { describe, expect, it } from "vitest";
import type { CognitoConfig } from "@/config";
import { parseConfig } from "@/config";
import { cognitoLogoutUrl, makeManager, tokenOf } from "./cognito";

const cfg: CognitoConfig = {
  api_url: "https://api.example.com/prod/api/v1",
  ws_url: "wss://ws.example.com/prod",
  auth: "cognito",
  cognito_domain: "purelift-dev.auth.eu-west-1.amazoncognito.com",
  client_id: "abc123",
  redirect_uri: "https://app.example.com/auth/callback",
  logout_uri: "https://app.example.com/signin",
};

describe("Cognito sign-in settings", () => {
  it("parses config.json for both modes", () => {
    expect(parseConfig({ ...cfg, api_url: "https://api.example.com/prod/api/v1/" }).api_url).toBe("https://api.example.com/prod/api/v1");
    expect(parseConfig({ api_url: "http://127.0.0.1:8000/api/v1", ws_url: "ws://127.0.0.1:8001/prod", auth: "local" }).auth).toBe("local");
    expect(() => parseConfig({ ...cfg, client_id: "" })).toThrow(/client_id/);
  });

  it("uses the authorization code flow against the Hosted UI's endpoints, tokens in sessionStorage, silent renew", () => {
    const s = makeManager(cfg).settings;
    expect(s.response_type).toBe("code");
    expect(s.client_id).toBe("abc123");
    expect(s.redirect_uri).toBe(cfg.redirect_uri);
    expect(s.automaticSilentRenew).toBe(true);
    expect(s.metadata?.authorization_endpoint).toBe("https://purelift-dev.auth.eu-west-1.amazoncognito.com/oauth2/authorize");
    expect(s.metadata?.token_endpoint).toBe("https://purelift-dev.auth.eu-west-1.amazoncognito.com/oauth2/token");
    expect(s.scope).toBe("openid email profile");
  });

  it("uses OIDC discovery when config.json names the issuer (a local OIDC server in tests)", () => {
    const s = makeManager(parseConfig({ ...cfg, cognito_domain: "http://127.0.0.1:9400", authority: "http://127.0.0.1:9400" }) as CognitoConfig).settings;
    expect(s.authority).toBe("http://127.0.0.1:9400");
    expect(s.metadata).toBeUndefined();
  });

  it("sends the id token (it carries email and groups) and none once expired", () => {
    expect(tokenOf({ expired: false, id_token: "id", access_token: "acc" } as never)).toBe("id");
    expect(tokenOf({ expired: true, id_token: "id", access_token: "acc" } as never)).toBeNull();
    expect(tokenOf(null)).toBeNull();
  });

  it("logs out through Cognito's /logout with client_id and logout_uri", () => {
    expect(cognitoLogoutUrl(cfg)).toBe(
      "https://purelift-dev.auth.eu-west-1.amazoncognito.com/logout?client_id=abc123&logout_uri=https%3A%2F%2Fapp.example.com%2Fsignin",
    );
  });
});
