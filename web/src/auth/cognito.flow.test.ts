// The Cognito sign-in (code + PKCE, tokens in sessionStorage, silent renew) driven end to end against a local
// OpenID provider standing in for the Hosted UI (src/test/oidcServer.ts). The app's own code runs: makeManager
// and tokenOf from cognito.ts, and AuthProvider for the whole round trip; only the browser's navigation is
// intercepted (the authorize URL the app would open is fetched from the server instead, which answers with
// the redirect back to the app).
import { StrictMode, createElement } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render } from "@testing-library/react";
import { ErrorResponse, type UserManager } from "oidc-client-ts";
import { createPublicKey, verify } from "node:crypto";
import { URLSearchParams as NodeURLSearchParams } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { currentToken } from "@/api/client";
import { parseConfig, setConfig, type CognitoConfig } from "@/config";
import { s256, startOidcServer, type OidcServer } from "@/test/oidcServer";
import { AuthProvider, useAuth } from "./AuthProvider";
import { makeManager, tokenOf } from "./cognito";

const CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
const REDIRECT_URI = `${window.location.origin}/auth/callback`;
const LOGOUT_URI = `${window.location.origin}/signin`;
const SCOPE = "openid email profile"; // cognito.ts' default

let server: OidcServer;
const managers: UserManager[] = [];

beforeAll(async () => {
  // jsdom's URLSearchParams is not the class Node's fetch knows (a browser's fetch needs no help): oidc-client-ts
  // posts the token request as one, so it crosses over as Node's, with the same fields.
  const nodeFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body instanceof URLSearchParams ? new NodeURLSearchParams(init.body.toString()) : init?.body;
    return nodeFetch(input, { ...init, body });
  });
  server = await startOidcServer({ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI], logoutUris: [LOGOUT_URI] });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

beforeEach(() => {
  server.reset();
  sessionStorage.clear();
  localStorage.clear();
  window.history.replaceState(null, "", "/");
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const m of managers.splice(0)) {
    m.stopSilentRenew();
    await m.events.unload(); // cancel the token expiry timers
  }
});

/** config.json as the stack writes it in AWS, with the Hosted UI domain at the local server. */
function cognitoConfig(extra: Record<string, string> = {}): CognitoConfig {
  return parseConfig({
    api_url: "http://127.0.0.1:9/api/v1",
    ws_url: "ws://127.0.0.1:9/prod",
    auth: "cognito",
    cognito_domain: server.url,
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    logout_uri: LOGOUT_URI,
    ...extra,
  }) as CognitoConfig;
}

function manager(cfg = cognitoConfig()): UserManager {
  const um = makeManager(cfg);
  managers.push(um);
  return um;
}

/**
 * Run `start` with the browser's navigation captured and return the URL the page would have gone to.
 * oidc-client-ts navigates with `window.location.assign`; jsdom cannot leave the page, so `location` is
 * replaced by a copy whose assign/replace record the URL, for as long as the sign-in needs to reach it.
 */
async function navigationOf(start: () => PromiseLike<unknown>): Promise<URL> {
  const real = window.location;
  let went: (url: string) => void = () => {};
  const navigated = new Promise<string>((resolve) => (went = resolve));
  // A proxy over a blank object: Location's own members are non-configurable, so a proxy of it could not lie.
  const fake = new Proxy({} as Location, {
    get(_, key) {
      if (key === "assign" || key === "replace") return (u: string | URL) => went(String(u));
      const v: unknown = Reflect.get(real, key, real);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(real) : v;
    },
  });
  const spy = vi.spyOn(window, "location", "get").mockReturnValue(fake);
  const started = Promise.resolve(start()); // act() answers a thenable
  try {
    const url = await Promise.race([navigated, started.then(() => navigated)]); // a failure to start rejects
    return new URL(url);
  } finally {
    spy.mockRestore();
    window.dispatchEvent(new Event("pageshow")); // the redirect navigator waits for the page to come back
    await started.catch(() => undefined);
  }
}

/** What the browser does with the authorize URL: the Hosted UI signs the user in and redirects back. */
async function hostedUi(authorizeUrl: URL): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

/** The claims of a JWT whose RS256 signature verifies with a key from the provider's JWKS. */
async function verifiedClaims(token: string | null): Promise<Record<string, unknown>> {
  const [header, payload, signature] = (token ?? "").split(".");
  const { kid, alg } = JSON.parse(Buffer.from(header ?? "", "base64url").toString()) as { kid: string; alg: string };
  expect(alg).toBe("RS256");
  const jwks = (await (await fetch(`${server.issuer}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  const jwk = jwks.keys.find((k) => k.kid === kid);
  expect(jwk).toBeDefined();
  const key = createPublicKey({ key: jwk as never, format: "jwk" });
  const signed = Buffer.from(`${header}.${payload}`);
  expect(verify("RSA-SHA256", signed, key, Buffer.from(signature ?? "", "base64url"))).toBe(true);
  return JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
}

/** oidc-client-ts' stored sign-in state (the PKCE verifier) for one `state` value. */
function storedState(state: string): { code_verifier: string } & Record<string, unknown> {
  const raw = sessionStorage.getItem(`oidc.${state}`);
  expect(raw).not.toBeNull();
  return JSON.parse(raw ?? "{}") as { code_verifier: string };
}

function storedUserKeys(): string[] {
  return Object.keys(sessionStorage).filter((k) => k.startsWith("oidc.user:"));
}

/** Wait (real time) until `probe` holds. */
async function until(probe: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!probe()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await act(() => new Promise((r) => setTimeout(r, 5))); // React state set meanwhile is applied in act
  }
}

describe("Cognito code + PKCE against a local OIDC server", () => {
  it("signs in: authorize with an S256 challenge, code exchanged with its verifier, tokens in sessionStorage", async () => {
    const um = manager();

    // Given the app starts sign-in, when it navigates to the Hosted UI
    const authorize = await navigationOf(() => um.signinRedirect());

    // Then the request is the authorization code flow with PKCE, for this client and callback
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.url}/oauth2/authorize`);
    const q = authorize.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(CLIENT_ID);
    expect(q.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(q.get("scope")).toBe(SCOPE);
    expect(q.get("code_challenge_method")).toBe("S256");
    const challenge = q.get("code_challenge") ?? "";
    const state = q.get("state") ?? "";
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state).not.toBe("");
    // and the verifier behind the challenge waits in sessionStorage, nothing in localStorage
    const { code_verifier } = storedState(state);
    expect(code_verifier.length).toBeGreaterThanOrEqual(43);
    expect(s256(code_verifier)).toBe(challenge);
    expect(localStorage.length).toBe(0);

    // When the Hosted UI sends the browser back with a code
    const callback = await hostedUi(authorize);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("state")).toBe(state);
    const code = callback.searchParams.get("code");
    expect(code).toBeTruthy();
    expect(server.authorizeRequests).toEqual([
      {
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: SCOPE,
        state,
        nonce: null,
        code_challenge: challenge,
        code_challenge_method: "S256",
      },
    ]);

    // and the app completes the callback
    const user = await um.signinRedirectCallback(callback.href);

    // Then the code was redeemed once, by a public client, with the verifier matching the challenge
    expect(server.tokenRequests).toHaveLength(1);
    const exchange = server.tokenRequests[0]!;
    expect(exchange).toMatchObject({ status: 200, basicAuth: false });
    expect(exchange.params).toEqual({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier,
    });
    expect(s256(exchange.params.code_verifier ?? "")).toBe(challenge);

    // and the user holds the issued tokens; the API gets the id token (it carries email and groups)
    const issued = server.issued[0]!;
    const { id_token, access_token, refresh_token } = issued;
    expect(user).toMatchObject({ id_token, access_token, refresh_token });
    expect(user.expired).toBe(false);
    expect(user.profile).toMatchObject({ sub: server.user.sub, email: "ada@example.com", "cognito:groups": ["analysts"] });
    expect(tokenOf(user)).toBe(issued.id_token);
    expect(await verifiedClaims(tokenOf(user))).toMatchObject({
      iss: server.issuer,
      aud: CLIENT_ID,
      token_use: "id",
      sub: server.user.sub,
      email: "ada@example.com",
      "cognito:groups": ["analysts"],
    });

    // and the session lives in sessionStorage only; the one-time state is gone
    expect(storedUserKeys()).toEqual([`oidc.user:${server.url}:${CLIENT_ID}`]);
    expect(sessionStorage.getItem(storedUserKeys()[0]!)).toContain(issued.id_token);
    expect(sessionStorage.getItem(`oidc.${state}`)).toBeNull();
    expect(localStorage.length).toBe(0);
    // and a new page (a new manager) finds it
    expect(tokenOf(await manager().getUser())).toBe(issued.id_token);
  });

  it("finds the endpoints by OIDC discovery when config.json names the user pool's issuer", async () => {
    const um = manager(cognitoConfig({ authority: server.issuer }));
    const authorize = await navigationOf(() => um.signinRedirect());
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.url}/oauth2/authorize`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");

    const user = await um.signinRedirectCallback((await hostedUi(authorize)).href);

    expect(tokenOf(user)).toBe(server.issued[0]!.id_token);
    expect((await verifiedClaims(tokenOf(user))).iss).toBe(server.issuer);
  });

  it("refuses a callback whose state it did not issue, before redeeming the code, and a callback used twice", async () => {
    const um = manager();
    const callback = await hostedUi(await navigationOf(() => um.signinRedirect()));

    const forged = new URL(callback);
    forged.searchParams.set("state", "0e2f6e8b2c3c4a1f9b7d6e5c4b3a2f1e");
    await expect(um.signinRedirectCallback(forged.href)).rejects.toThrow(/No matching state/);
    expect(server.tokenRequests).toHaveLength(0);

    await um.signinRedirectCallback(callback.href);
    await expect(um.signinRedirectCallback(callback.href)).rejects.toThrow(/No matching state/);
    expect(server.tokenRequests).toHaveLength(1);
  });

  it("stops when the token endpoint refuses the verifier: a readable error and no session", async () => {
    const um = manager();
    const authorize = await navigationOf(() => um.signinRedirect());
    const state = authorize.searchParams.get("state") ?? "";
    // Given the stored verifier is not the one behind the challenge (a code injected from another sign-in)
    const stored = storedState(state);
    sessionStorage.setItem(`oidc.${state}`, JSON.stringify({ ...stored, code_verifier: "x".repeat(64) }));

    const failure: unknown = await um.signinRedirectCallback((await hostedUi(authorize)).href).catch((e: unknown) => e);

    expect(server.tokenRequests[0]).toMatchObject({
      status: 400,
      error: "invalid_grant",
      reason: expect.stringMatching(/code_verifier does not match/),
    });
    expect(failure).toBeInstanceOf(ErrorResponse);
    expect((failure as ErrorResponse).error).toBe("invalid_grant");
    expect((failure as ErrorResponse).message).toBe("invalid_grant"); // what AuthProvider shows on the sign-in page
    expect(storedUserKeys()).toEqual([]);
    expect(await um.getUser()).toBeNull();
  });

  it("silent renew trades the refresh token for new tokens, twice (Cognito keeps it), until it is revoked", async () => {
    const um = manager();
    const first = await um.signinRedirectCallback((await hostedUi(await navigationOf(() => um.signinRedirect()))).href);

    const second = await um.signinSilent();
    const third = await um.signinSilent();

    expect(server.tokenRequests.slice(1).map((t) => t.params)).toEqual([
      { grant_type: "refresh_token", client_id: CLIENT_ID, refresh_token: first.refresh_token, scope: SCOPE },
      { grant_type: "refresh_token", client_id: CLIENT_ID, refresh_token: first.refresh_token, scope: SCOPE },
    ]);
    expect(server.tokenRequests.every((t) => t.status === 200 && !t.basicAuth)).toBe(true);
    expect(tokenOf(second)).toBe(server.issued[1]!.id_token);
    expect(tokenOf(third)).toBe(server.issued[2]!.id_token);
    expect(new Set([tokenOf(first), tokenOf(second), tokenOf(third)]).size).toBe(3);
    expect(third?.refresh_token).toBe(first.refresh_token);
    expect(sessionStorage.getItem(storedUserKeys()[0]!)).toContain(server.issued[2]!.id_token);

    server.revokeRefreshTokens();
    await expect(um.signinSilent()).rejects.toThrow("invalid_grant");
  });
});

describe("the stand-in refuses what Cognito refuses (so the app's requests above prove something)", () => {
  const verifier = "v".repeat(50);

  function authorizeUrl(params: Record<string, string>): URL {
    const u = new URL(`${server.url}/oauth2/authorize`);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u;
  }
  async function exchangeable(): Promise<Record<string, string>> {
    const callback = await hostedUi(
      authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: "code",
        scope: "openid",
        state: "s",
        code_challenge: s256(verifier),
        code_challenge_method: "S256",
      }),
    );
    const code = callback.searchParams.get("code") ?? "";
    return { grant_type: "authorization_code", client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code, code_verifier: verifier };
  }
  async function post(form: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  const basic = { Authorization: `Basic ${btoa(`${CLIENT_ID}:s3cret`)}` };
  it.each([
    ["another grant type", { grant_type: "password" }, {}, "unsupported_grant_type"],
    ["an unknown code", { code: "nope" }, {}, "invalid_grant"],
    ["another redirect_uri", { redirect_uri: `${REDIRECT_URI}x` }, {}, "invalid_grant"],
    ["another client", { client_id: "other" }, {}, "invalid_client"],
    ["a client secret", { client_secret: "s3cret" }, {}, "invalid_client"],
    ["basic client authentication", {}, basic, "invalid_client"],
    ["no verifier", { code_verifier: "" }, {}, "invalid_grant"],
    ["the challenge sent as the verifier", { code_verifier: s256(verifier) }, {}, "invalid_grant"],
  ])("a code exchange with %s", async (_, change: Record<string, string>, headers: Record<string, string>, error) => {
    expect(await post({ ...(await exchangeable()), ...change }, headers)).toEqual({ status: 400, body: { error } });
  });

  it("a code is good for one exchange; an unknown refresh token is refused", async () => {
    const form = await exchangeable();
    expect((await post(form)).status).toBe(200);
    expect(await post(form)).toEqual({ status: 400, body: { error: "invalid_grant" } });
    expect(await post({ grant_type: "refresh_token", client_id: CLIENT_ID, refresh_token: "nope" })).toEqual({
      status: 400,
      body: { error: "invalid_grant" },
    });
  });

  it("an unregistered callback gets an error page, not a redirect; the plain PKCE method is refused", async () => {
    const base = { client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: "code", scope: "openid" };
    const elsewhere = await fetch(authorizeUrl({ ...base, redirect_uri: "https://evil.example/" }), { redirect: "manual" });
    expect(elsewhere.status).toBe(400);
    const plain = await hostedUi(authorizeUrl({ ...base, code_challenge: verifier, code_challenge_method: "plain" }));
    expect(plain.searchParams.get("error")).toBe("invalid_request");
  });
});

describe("the app's AuthProvider with Cognito", () => {
  let auth: ReturnType<typeof useAuth> | null = null;
  function Probe() {
    auth = useAuth();
    return null;
  }
  /** One page load of the app's auth layer at the current URL. */
  function page() {
    auth = null;
    const app = createElement(AuthProvider, null, createElement(Probe));
    return render(createElement(QueryClientProvider, { client: new QueryClient() }, app));
  }
  const status = () => auth?.status;

  /** Sign in from the page `from`; leaves the browser at the callback URL the Hosted UI redirected to. */
  async function signInFrom(from: string): Promise<URL> {
    setConfig(cognitoConfig());
    const first = page();
    await until(() => status() === "signedOut", "the signed-out page");
    const authorize = await navigationOf(() => auth!.signInCognito(from));
    first.unmount();
    const callback = await hostedUi(authorize);
    window.history.replaceState(null, "", `${callback.pathname}${callback.search}`);
    return authorize;
  }

  it("comes back signed in where the user was, hands the id token to the API client, and renews it silently", async () => {
    const authorize = await signInFrom("/jobs/42");

    // The expiry timers run on a fake clock from here (fetch and React keep real timers)
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    page();
    await until(() => status() !== "loading", "the callback to complete");

    expect(auth).toMatchObject({ status: "signedIn", returnTo: "/jobs/42", error: null });
    expect(auth!.session?.label).toBe("ada@example.com");
    expect(currentToken()).toBe(server.issued[0]!.id_token);
    expect(s256(server.tokenRequests[0]!.params.code_verifier ?? "")).toBe(authorize.searchParams.get("code_challenge"));
    expect(window.location.pathname).toBe("/auth/callback");
    expect(window.location.search).toBe(""); // the code and state are dropped from the address bar
    expect(localStorage.length).toBe(0);

    // When the token nears its end (oidc-client-ts starts renewing 60 s before), the refresh token is used
    await vi.advanceTimersByTimeAsync((server.expiresIn - 60) * 1000);
    await until(() => server.issued.length === 2 && currentToken() === server.issued[1]!.id_token, "the renewed token");
    expect(server.tokenRequests[1]!.params.grant_type).toBe("refresh_token");
    expect(auth!.status).toBe("signedIn");
  });

  it("under React's StrictMode (effects run twice) the code is redeemed once and the user is signed in", async () => {
    await signInFrom("/jobs/7");
    auth = null;
    const app = createElement(AuthProvider, null, createElement(Probe));
    render(createElement(StrictMode, null, createElement(QueryClientProvider, { client: new QueryClient() }, app)));
    await until(() => status() === "signedIn", "the callback to complete");
    expect(server.tokenRequests.filter((r) => r.params.grant_type === "authorization_code")).toHaveLength(1);
    expect(auth!.error).toBeNull();
  });

  it("a refused code exchange leaves the user signed out with the error, and no token for the API", async () => {
    const authorize = await signInFrom("/teams");
    const state = authorize.searchParams.get("state") ?? "";
    sessionStorage.setItem(`oidc.${state}`, JSON.stringify({ ...storedState(state), code_verifier: "y".repeat(64) }));

    page();
    await until(() => status() !== "loading", "the callback to fail");

    expect(auth).toMatchObject({ status: "signedOut", session: null, error: "invalid_grant" });
    expect(currentToken()).toBeNull();
    expect(server.tokenRequests[0]).toMatchObject({ status: 400, error: "invalid_grant" });
  });

  it("a renew the provider refuses ends the session", async () => {
    await signInFrom("/");
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    page();
    await until(() => status() === "signedIn", "the signed-in page");

    server.revokeRefreshTokens();
    await vi.advanceTimersByTimeAsync((server.expiresIn - 60) * 1000);
    await until(() => status() === "signedOut", "the session to end");

    const renew = server.tokenRequests[1];
    expect(renew).toMatchObject({ status: 400, error: "invalid_grant", params: { grant_type: "refresh_token" } });
    expect(currentToken()).toBeNull();
    expect(storedUserKeys()).toEqual([]);
  });

  it("signs out through the Hosted UI's /logout, which sends the browser back to the sign-in page", async () => {
    await signInFrom("/");
    page();
    await until(() => status() === "signedIn", "the signed-in page");

    const logout = await navigationOf(() => act(async () => auth!.signOut()));

    expect(`${logout.origin}${logout.pathname}`).toBe(`${server.url}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: CLIENT_ID, logout_uri: LOGOUT_URI });
    expect((await hostedUi(logout)).href).toBe(LOGOUT_URI);
    expect(status()).toBe("signedOut");
    expect(currentToken()).toBeNull();
    expect(storedUserKeys()).toEqual([]);
  });
});
