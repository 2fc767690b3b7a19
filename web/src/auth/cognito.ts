// Cognito Hosted UI: OAuth 2.0 authorization code + PKCE through oidc-client-ts, tokens in sessionStorage,
// silent renew (refresh token, else an iframe). Loaded only in `auth: "cognito"` mode (a lazy chunk).
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import type { CognitoConfig } from "@/config";

const callbacks = new Map<string, Promise<User>>();

/** Finish the Hosted UI's redirect once per callback URL: a code can be redeemed only once, and React runs an
 *  effect twice under StrictMode (development), so a second run must share the first run's exchange. */
export function completeSignin(um: UserManager, url: string = window.location.href): Promise<User> {
  let pending = callbacks.get(url);
  if (!pending) {
    pending = um.signinRedirectCallback(url);
    callbacks.set(url, pending);
  }
  return pending;
}

export function makeManager(cfg: CognitoConfig): UserManager {
  const domain = cfg.cognito_domain.startsWith("http") ? cfg.cognito_domain : `https://${cfg.cognito_domain}`;
  return new UserManager({
    // The user pool's issuer when config.json names it (discovery, JWKS); else the Hosted UI's endpoints.
    authority: cfg.authority ?? domain,
    metadata: cfg.authority
      ? undefined
      : {
          issuer: domain,
          authorization_endpoint: `${domain}/oauth2/authorize`,
          token_endpoint: `${domain}/oauth2/token`,
          userinfo_endpoint: `${domain}/oauth2/userInfo`,
          revocation_endpoint: `${domain}/oauth2/revoke`,
          end_session_endpoint: `${domain}/logout`,
        },
    client_id: cfg.client_id,
    redirect_uri: cfg.redirect_uri,
    post_logout_redirect_uri: cfg.logout_uri,
    response_type: "code",
    scope: cfg.scope ?? "openid email profile",
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    loadUserInfo: false,
  });
}

export function tokenOf(user: User | null): string | null {
  if (!user || user.expired) return null;
  return user.id_token ?? user.access_token ?? null;
}

/** Cognito's logout wants `client_id` and `logout_uri` (not the OIDC standard parameters). */
export function cognitoLogoutUrl(cfg: CognitoConfig): string {
  const domain = cfg.cognito_domain.startsWith("http") ? cfg.cognito_domain : `https://${cfg.cognito_domain}`;
  return `${domain}/logout?client_id=${encodeURIComponent(cfg.client_id)}&logout_uri=${encodeURIComponent(cfg.logout_uri)}`;
}
