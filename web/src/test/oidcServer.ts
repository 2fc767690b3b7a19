// A small OpenID provider on 127.0.0.1 standing in for Cognito's Hosted UI in tests (issue 11: "the Cognito
// code + PKCE flow is tested against a local OIDC server"). Plain Node (http, crypto), no test framework, so a
// browser test can start it too. It is as strict as Cognito where the app could get things wrong: public
// client only (a client secret is refused), single-use codes bound to client_id, redirect_uri and the S256 code
// challenge, and Cognito's answers (`{"error": "invalid_grant"}` without a description; a refresh grant
// returns new id and access tokens but no new refresh token). Every request is recorded for the test to read,
// with the reason for each refusal (which Cognito does not tell the client).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createHash, generateKeyPairSync, randomBytes, sign, type JsonWebKey, type KeyObject } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface OidcUser {
  sub: string;
  username: string;
  email: string;
  groups: string[];
}

export interface OidcServerOptions {
  clientId: string;
  /** The app client's allowed callback URLs; an authorize request for another redirect_uri is refused. */
  redirectUris: string[];
  /** The app client's allowed sign-out URLs. */
  logoutUris?: string[];
  user?: OidcUser;
  /** Lifetime of id and access tokens in seconds (Cognito's default is an hour); can be changed later. */
  expiresIn?: number;
  /** The user pool's id: the issuer is `<server>/<poolId>` as Cognito's is `https://cognito-idp…/<poolId>`. */
  poolId?: string;
}

/** One `/oauth2/authorize` request as the provider saw it (null: the parameter was absent). */
export interface AuthorizeRequest {
  client_id: string | null;
  redirect_uri: string | null;
  response_type: string | null;
  scope: string | null;
  state: string | null;
  nonce: string | null;
  code_challenge: string | null;
  code_challenge_method: string | null;
}

/** One `/oauth2/token` request: its form fields, whether a secret came with it, and the answer. */
export interface TokenRequest {
  params: Record<string, string>;
  basicAuth: boolean;
  status: number;
  error: string | null;
  /** Why it was refused, in words (for the test; the client only gets `error`). */
  reason: string | null;
}

export interface IssuedTokens {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: "Bearer";
}

export interface OidcServer {
  /** The Hosted UI domain (config.json's `cognito_domain`). */
  readonly url: string;
  /** The user pool's issuer (config.json's optional `authority`); discovery is served under it too. */
  readonly issuer: string;
  readonly clientId: string;
  readonly jwks: { keys: JsonWebKey[] };
  readonly authorizeRequests: AuthorizeRequest[];
  readonly tokenRequests: TokenRequest[];
  /** Tokens handed out, newest last. */
  readonly issued: IssuedTokens[];
  user: OidcUser;
  expiresIn: number;
  /** Forget every code, refresh token and recorded request. */
  reset(): void;
  /** Make a refresh token unusable (a revoked session or a signed-out user). */
  revokeRefreshTokens(): void;
  close(): Promise<void>;
}

/** What a refresh token stands for: one sign-in of one client. */
interface SignIn {
  client_id: string;
  scope: string;
  /** When the user signed in (seconds); renewed tokens keep it, as Cognito's do. */
  auth_time: number;
}

interface CodeGrant extends SignIn {
  redirect_uri: string;
  nonce: string | null;
  code_challenge: string | null;
  expires: number;
}

const DEFAULT_USER: OidcUser = {
  sub: "2f1d5a2c-0000-4000-8000-000000000001",
  username: "ada",
  email: "ada@example.com",
  groups: ["analysts"],
};
const CODE_LIFETIME_MS = 5 * 60 * 1000; // Cognito's authorization codes last five minutes

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    reason: string,
  ) {
    super(reason);
  }
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString("base64url");

/** base64url(SHA-256(verifier)): RFC 7636's S256 transformation. */
export function s256(verifier: string): string {
  return b64url(createHash("sha256").update(verifier, "ascii").digest());
}

function jwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const signingInput = `${b64url(JSON.stringify({ kid, alg: "RS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
  return `${signingInput}.${b64url(sign("RSA-SHA256", Buffer.from(signingInput), key))}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    ...headers,
  });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

function redirect(res: ServerResponse, target: URL): void {
  res.writeHead(302, { Location: target.href, "Cache-Control": "no-store" });
  res.end();
}

/** Start the provider on 127.0.0.1 and a free port. */
export async function startOidcServer(options: OidcServerOptions): Promise<OidcServer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `test-${randomBytes(4).toString("hex")}`;
  const jwks = { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] };
  const poolId = options.poolId ?? "local_TestPool";
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Map<string, SignIn>();
  const accessTokens = new Set<string>();
  let url = "";
  let issuer = "";

  const state = {
    user: options.user ?? DEFAULT_USER,
    expiresIn: options.expiresIn ?? 3600,
    authorizeRequests: [] as AuthorizeRequest[],
    tokenRequests: [] as TokenRequest[],
    issued: [] as IssuedTokens[],
  };

  function mint({ client_id, scope, auth_time }: SignIn, nonce: string | null, withRefresh: boolean): IssuedTokens {
    const now = Math.floor(Date.now() / 1000);
    const { user } = state;
    const exp = now + state.expiresIn;
    const common = { sub: user.sub, iss: issuer, "cognito:groups": user.groups, auth_time, iat: now, exp };
    const id_token = jwt(
      {
        ...common,
        aud: client_id,
        token_use: "id",
        email: user.email,
        email_verified: true,
        "cognito:username": user.username,
        jti: randomBytes(8).toString("hex"),
        ...(nonce ? { nonce } : {}),
      },
      privateKey,
      kid,
    );
    const access_token = jwt(
      { ...common, client_id, token_use: "access", scope, username: user.username, jti: randomBytes(8).toString("hex") },
      privateKey,
      kid,
    );
    accessTokens.add(access_token);
    const tokens: IssuedTokens = { id_token, access_token, expires_in: state.expiresIn, token_type: "Bearer" };
    if (withRefresh) {
      tokens.refresh_token = randomBytes(24).toString("base64url");
      refreshTokens.set(tokens.refresh_token, { client_id, scope, auth_time });
    }
    state.issued.push(tokens);
    return tokens;
  }

  function authorize(res: ServerResponse, query: URLSearchParams): void {
    const p = (k: string) => query.get(k);
    const seen: AuthorizeRequest = {
      client_id: p("client_id"),
      redirect_uri: p("redirect_uri"),
      response_type: p("response_type"),
      scope: p("scope"),
      state: p("state"),
      nonce: p("nonce"),
      code_challenge: p("code_challenge"),
      code_challenge_method: p("code_challenge_method"),
    };
    state.authorizeRequests.push(seen);
    // An unknown client or callback URL gets an error page, never a redirect (an open redirector otherwise).
    if (seen.client_id !== options.clientId) return send(res, 400, { error: "invalid_client" });
    if (!seen.redirect_uri || !options.redirectUris.includes(seen.redirect_uri)) {
      return send(res, 400, { error: "redirect_mismatch" });
    }
    const back = new URL(seen.redirect_uri);
    const fail = (error: string) => {
      back.searchParams.set("error", error);
      if (seen.state) back.searchParams.set("state", seen.state);
      redirect(res, back);
    };
    if (seen.response_type !== "code") return fail("unsupported_response_type");
    if (seen.code_challenge_method !== null && seen.code_challenge_method !== "S256") return fail("invalid_request");
    const challengeOk = /^[A-Za-z0-9_-]{43}$/.test(seen.code_challenge ?? ""); // base64url of 32 bytes
    if (seen.code_challenge_method === "S256" && !challengeOk) return fail("invalid_request");
    const scopes = (seen.scope ?? "openid").split(" ");
    if (!scopes.includes("openid")) return fail("invalid_scope");
    // The Hosted UI would now show its sign-in form; the user signs in at once.
    const code = randomBytes(18).toString("base64url");
    codes.set(code, {
      client_id: seen.client_id,
      redirect_uri: seen.redirect_uri,
      scope: scopes.join(" "),
      nonce: seen.nonce,
      code_challenge: seen.code_challenge,
      auth_time: Math.floor(Date.now() / 1000),
      expires: Date.now() + CODE_LIFETIME_MS,
    });
    back.searchParams.set("code", code);
    if (seen.state) back.searchParams.set("state", seen.state);
    redirect(res, back);
  }

  function grant(params: Record<string, string>, basicAuth: boolean): IssuedTokens {
    if (basicAuth || params.client_secret !== undefined) {
      throw new Refusal(400, "invalid_client", "a client secret was sent: the app client is public (no secret)");
    }
    if (params.client_id !== options.clientId) {
      throw new Refusal(400, "invalid_client", `unknown client_id ${params.client_id ?? "(none)"}`);
    }
    if (params.grant_type === "authorization_code") {
      const g = codes.get(params.code ?? "");
      codes.delete(params.code ?? ""); // single use, whatever happens next
      if (!g || g.expires < Date.now()) throw new Refusal(400, "invalid_grant", "unknown, used or expired code");
      if (g.redirect_uri !== params.redirect_uri) {
        throw new Refusal(400, "invalid_grant", "redirect_uri differs from the authorize request's");
      }
      if (g.code_challenge !== null) {
        if (!params.code_verifier) throw new Refusal(400, "invalid_grant", "code_verifier missing");
        if (s256(params.code_verifier) !== g.code_challenge) {
          throw new Refusal(400, "invalid_grant", "code_verifier does not match code_challenge (S256)");
        }
      }
      return mint(g, g.nonce, true);
    }
    if (params.grant_type === "refresh_token") {
      const r = refreshTokens.get(params.refresh_token ?? "");
      if (!r || r.client_id !== params.client_id) {
        throw new Refusal(400, "invalid_grant", "unknown or revoked refresh token");
      }
      return mint(r, null, false); // Cognito keeps the refresh token and auth_time; it sends no new refresh token
    }
    throw new Refusal(400, "unsupported_grant_type", `grant_type ${params.grant_type ?? "(none)"}`);
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const params = Object.fromEntries(new URLSearchParams(body));
    const basicAuth = /^Basic /i.test(req.headers.authorization ?? "");
    const record: TokenRequest = { params, basicAuth, status: 200, error: null, reason: null };
    state.tokenRequests.push(record);
    try {
      if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        throw new Refusal(400, "invalid_request", `Content-Type ${req.headers["content-type"] ?? "(none)"}`);
      }
      send(res, 200, grant(params, basicAuth));
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      Object.assign(record, { status: e.status, error: e.error, reason: e.message });
      send(res, e.status, { error: e.error });
    }
  }

  function discovery(): Record<string, unknown> {
    return {
      issuer,
      authorization_endpoint: `${url}/oauth2/authorize`,
      token_endpoint: `${url}/oauth2/token`,
      userinfo_endpoint: `${url}/oauth2/userInfo`,
      revocation_endpoint: `${url}/oauth2/revoke`,
      end_session_endpoint: `${url}/logout`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      scopes_supported: ["openid", "email", "profile", "phone"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["none", "client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? "/", url);
    const path = u.pathname.replace(new RegExp(`^/${poolId}(?=/)`), "");
    const key = `${req.method ?? "GET"} ${path}`;
    if (req.method === "OPTIONS") return send(res, 204, undefined);
    switch (key) {
      case "GET /.well-known/openid-configuration":
        return send(res, 200, discovery());
      case "GET /.well-known/jwks.json":
        return send(res, 200, jwks);
      case "GET /oauth2/authorize":
        return authorize(res, u.searchParams);
      case "POST /oauth2/token":
        return token(req, res);
      case "GET /oauth2/userInfo": {
        const bearer = (req.headers.authorization ?? "").replace(/^Bearer /i, "");
        if (!accessTokens.has(bearer)) return send(res, 401, { error: "invalid_token" });
        const { user } = state;
        return send(res, 200, { sub: user.sub, email: user.email, email_verified: "true", username: user.username });
      }
      case "POST /oauth2/revoke": {
        const params = new URLSearchParams(await readBody(req));
        refreshTokens.delete(params.get("token") ?? "");
        return send(res, 200, undefined);
      }
      case "GET /logout": {
        const logoutUri = u.searchParams.get("logout_uri") ?? "";
        if (u.searchParams.get("client_id") !== options.clientId || !(options.logoutUris ?? []).includes(logoutUri)) {
          return send(res, 400, { error: "invalid_request" });
        }
        return redirect(res, new URL(logoutUri));
      }
      default:
        return send(res, 404, { error: "not_found" });
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: "server_error", error_description: String(e) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${url}/${poolId}`;

  return {
    url,
    issuer,
    clientId: options.clientId,
    jwks,
    get authorizeRequests() {
      return state.authorizeRequests;
    },
    get tokenRequests() {
      return state.tokenRequests;
    },
    get issued() {
      return state.issued;
    },
    get user() {
      return state.user;
    },
    set user(u: OidcUser) {
      state.user = u;
    },
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(s: number) {
      state.expiresIn = s;
    },
    reset() {
      codes.clear();
      refreshTokens.clear();
      accessTokens.clear();
      state.authorizeRequests = [];
      state.tokenRequests = [];
      state.issued = [];
      state.expiresIn = options.expiresIn ?? 3600;
    },
    revokeRefreshTokens() {
      refreshTokens.clear();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
