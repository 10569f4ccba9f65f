// "Sign in with Microsoft to check": msal-node's authorization-code flow with PKCE, on our own
// multi-tenant checker registration (CHECKER_CLIENT_ID / CHECKER_CLIENT_SECRET), read-only.
//
//   start:    state + nonce + PKCE verifier saved server-side (store.ts, bound to the setup cookie),
//             the state also in a short-lived httpOnly cookie of this browser → Microsoft's sign-in page
//             (prompt=select_account).
//   callback: state must equal the cookie's and exist server-side (taken: one use), for the same
//             setup → the code is redeemed with the verifier and nonce (msal-node checks them) → the
//             delegated Graph reads (lib/verify/delegated.ts) → one recorded run (record.ts).
//
// The signed-in user's tokens live only in this request's memory: a fresh ConfidentialClientApplication
// per request whose cache is cleared before returning; nothing is written to the database, a cookie or
// the log.
import { createHash, randomBytes } from "node:crypto";
import { AuthError, ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { LOGIN_HOST } from "../verify/constants";
import { runDelegatedChecks } from "../verify/delegated";
import { BudgetedNetworkModule, type FetchLike } from "../verify/network";
import { buildReport, makeCheck, type Report } from "../verify/report";
import { isGuid, stripTrailingSlashes } from "../verify/text";
import type { SignInOutcome } from "./messages";
import { savePendingSignIn, SIGN_IN_TTL_MS, takePendingSignIn, type PendingSignIn } from "./store";

/** Delegated Microsoft Graph permissions the checker asks for (both need admin consent; read-only). */
export const CHECKER_SCOPES = ["https://graph.microsoft.com/Application.Read.All", "https://graph.microsoft.com/Directory.Read.All"];
export const CALLBACK_PATH = "/auth/microsoft/callback";
/** Personal Microsoft accounts sign in as this tenant. */
export const MSA_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
export const STATE_COOKIE = "bc_ms_signin";

export interface SignInConfig {
  clientId: string;
  clientSecret: string;
  siteUrl: string;
  loginBaseUrl: string;
  graphBaseUrl: string;
  timeoutMs: number;
  fetch?: FetchLike;
}

export const redirectUriOf = (siteUrl: string) => `${stripTrailingSlashes(siteUrl)}${CALLBACK_PATH}`;

const AUTHORITY = `${LOGIN_HOST}/organizations`;
// Known metadata: msal-node needs no discovery request (one round trip less per check).
const AUTHORITY_METADATA = JSON.stringify({
  token_endpoint: `${AUTHORITY}/oauth2/v2.0/token`,
  authorization_endpoint: `${AUTHORITY}/oauth2/v2.0/authorize`,
  end_session_endpoint: `${AUTHORITY}/oauth2/v2.0/logout`,
  issuer: `${LOGIN_HOST}/{tenantid}/v2.0`,
  jwks_uri: `${AUTHORITY}/discovery/v2.0/keys`,
});
const CLOUD_METADATA = JSON.stringify({
  tenant_discovery_endpoint: `${LOGIN_HOST}/{tenant}/v2.0/.well-known/openid-configuration`,
  "api-version": "1.1",
  metadata: [{ preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"] }],
});

function client(cfg: SignInConfig, net: BudgetedNetworkModule): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: cfg.clientId,
      clientSecret: cfg.clientSecret,
      authority: AUTHORITY,
      knownAuthorities: ["login.microsoftonline.com"],
      authorityMetadata: AUTHORITY_METADATA,
      cloudDiscoveryMetadata: CLOUD_METADATA,
    },
    system: { networkClient: net, loggerOptions: { loggerCallback: () => {}, piiLoggingEnabled: false, logLevel: LogLevel.Error } },
  });
}

/** Where the customer may be sent back to: a guide page or /progress, nothing else (no open redirect). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string") return "/progress";
  return /^\/(?:guides\/[a-z0-9-]+\/[a-z0-9-]+|progress)$/.test(value) ? value : "/progress";
}

export type StartResult = { ok: true; url: string; state: string } | { ok: false; outcome: SignInOutcome };

export async function startSignIn(cfg: SignInConfig, p: { setupPublicId: string; clientId: string; returnTo: string }, now = new Date()): Promise<StartResult> {
  const clientId = p.clientId.trim().replace(/^[{(]|[})]$/g, "").toLowerCase();
  if (!isGuid(clientId)) return { ok: false, outcome: "no-client-id" };
  const state = randomBytes(32).toString("base64url");
  const nonce = randomBytes(24).toString("base64url");
  const codeVerifier = randomBytes(48).toString("base64url");
  const codeChallenge = createHash("sha256").update(codeVerifier).digest("base64url");
  const net = new BudgetedNetworkModule(cfg.loginBaseUrl, Date.now() + cfg.timeoutMs, cfg.fetch);
  let url: string;
  try {
    url = await client(cfg, net).getAuthCodeUrl({
      scopes: CHECKER_SCOPES,
      redirectUri: redirectUriOf(cfg.siteUrl),
      codeChallenge,
      codeChallengeMethod: "S256",
      state,
      nonce,
      prompt: "select_account",
      responseMode: "query",
    });
  } catch {
    return { ok: false, outcome: "unreachable" };
  }
  await savePendingSignIn(state, { setupPublicId: p.setupPublicId, clientId, codeVerifier, nonce, returnTo: safeReturnTo(p.returnTo) }, now);
  // The browser goes where msal-node's requests go (the fake in tests and demos).
  if (url.startsWith(`${LOGIN_HOST}/`)) url = `${stripTrailingSlashes(cfg.loginBaseUrl)}${url.slice(LOGIN_HOST.length)}`;
  return { ok: true, url, state };
}

export interface CallbackInput {
  query: URLSearchParams;
  /** The state in this browser's short-lived cookie. */
  cookieState: string | undefined;
  /** The customer's setup cookie. */
  cookieSetupId: string | undefined;
}

export type CallbackResult =
  | { ok: true; returnTo: string; setupPublicId: string; clientId: string; tenantId: string; report: Report; durationMs: number; requests: number }
  | { ok: false; returnTo: string; outcome: SignInOutcome; refused?: { why: string; setupPublicId?: string } };

/** Microsoft's error redirect → what to tell the customer. */
export function outcomeOfError(error: string, description: string): SignInOutcome {
  const code = /AADSTS(\d+)/.exec(description)?.[1];
  if (code === "90094" || code === "65001" || code === "90095" || error === "consent_required") return "consent-not-allowed";
  if (code === "50020") return /live\.com|personal/i.test(description) ? "personal-account" : "wrong-tenant";
  if (error === "access_denied" || code === "65004") return "cancelled";
  if (code === "54005" || code === "70008" || code === "9002313") return "code-used";
  if (error === "temporarily_unavailable" || error === "server_error") return "unreachable";
  return "microsoft-error";
}

export async function finishSignIn(cfg: SignInConfig, input: CallbackInput, now = new Date()): Promise<CallbackResult> {
  const started = performance.now();
  const q = input.query;
  const state = q.get("state") ?? "";
  // The state must be the one this browser started with, and still pending for this very setup.
  if (!state || !input.cookieState || state.length > 200 || state !== input.cookieState) {
    return { ok: false, returnTo: "/progress", outcome: "state", refused: { why: !state ? "no state" : !input.cookieState ? "no state cookie" : "state differs from this browser's" } };
  }
  let pending: PendingSignIn | undefined;
  try {
    pending = await takePendingSignIn(state);
  } catch {
    return { ok: false, returnTo: "/progress", outcome: "not-saved" };
  }
  if (!pending) return { ok: false, returnTo: "/progress", outcome: "state", refused: { why: "unknown or already used state" } };
  const returnTo = safeReturnTo(pending.returnTo);
  if (pending.setupPublicId !== input.cookieSetupId) {
    return { ok: false, returnTo, outcome: "state", refused: { why: "state of another setup", setupPublicId: pending.setupPublicId } };
  }
  if (pending.expiresAt.getTime() <= now.getTime()) return { ok: false, returnTo, outcome: "expired" };
  const error = q.get("error");
  if (error) return { ok: false, returnTo, outcome: outcomeOfError(error, q.get("error_description") ?? "") };
  const code = q.get("code");
  if (!code || code.length > 4096) return { ok: false, returnTo, outcome: "microsoft-error" };

  const deadline = Date.now() + cfg.timeoutMs;
  const net = new BudgetedNetworkModule(cfg.loginBaseUrl, deadline, cfg.fetch);
  const cca = client(cfg, net);
  let accessToken: string | undefined;
  let tenantId = "";
  let upn: string | undefined;
  let tokenRequests = 0;
  try {
    tokenRequests++;
    const result = await cca.acquireTokenByCode(
      { code, scopes: CHECKER_SCOPES, redirectUri: redirectUriOf(cfg.siteUrl), codeVerifier: pending.codeVerifier, nonce: pending.nonce, state },
      { code, state },
    );
    accessToken = result.accessToken;
    const claims = (result.idTokenClaims ?? {}) as { tid?: unknown; preferred_username?: unknown };
    tenantId = typeof claims.tid === "string" ? claims.tid : result.tenantId;
    upn = typeof claims.preferred_username === "string" ? claims.preferred_username.slice(0, 200) : undefined;
  } catch (e) {
    if (net.failure) return { ok: false, returnTo, outcome: "unreachable" };
    const le = net.lastError;
    const desc = le?.error_description ?? (e instanceof AuthError ? e.errorMessage : "");
    return { ok: false, returnTo, outcome: outcomeOfError(le?.error ?? (e instanceof AuthError ? e.errorCode : ""), `${le?.error_codes?.[0] ? `AADSTS${le.error_codes[0]} ` : ""}${desc}`) };
  } finally {
    // Nothing of the user's sign-in outlives this request, not even in msal's memory.
    await cca.clearCache();
  }
  if (tenantId.toLowerCase() === MSA_TENANT_ID) return { ok: false, returnTo, outcome: "personal-account" };
  if (!accessToken || !isGuid(tenantId)) return { ok: false, returnTo, outcome: "microsoft-error" };

  const out = await runDelegatedChecks(accessToken, { clientId: pending.clientId, tenantId, ...(upn ? { signedInAs: upn } : {}) }, {
    graphBaseUrl: cfg.graphBaseUrl,
    deadline,
    timeoutMs: cfg.timeoutMs,
    now,
    ...(cfg.fetch ? { fetch: cfg.fetch } : {}),
  });
  accessToken = undefined;
  if (!out.ok) {
    // 403: the account lacks a role that may read applications; 401: Graph refused the token itself.
    const outcome = out.reason === "forbidden" ? "no-role" : out.reason === "token-rejected" ? "token-rejected" : out.reason === "bad-response" ? "bad-response" : "unreachable";
    return { ok: false, returnTo, outcome };
  }
  // live.registration with `byStep: {}`: Graph has no registration for this client ID in the tenant.
  const read = out.checks.some((c) => c.id === "live.registration" && (c.byStep === undefined || Object.keys(c.byStep).length > 0));
  const report = buildReport([
    makeCheck(
      "client-id.format",
      "pass",
      read
        ? `Checked the app ${pending.clientId} as Microsoft has it, read by an administrator who signed in (read-only).`
        : `The client ID ${pending.clientId} is a GUID, but Microsoft has no registration for it in this tenant (see the live registration check).`,
    ),
    ...out.checks,
  ]);
  return { ok: true, returnTo, setupPublicId: pending.setupPublicId, clientId: pending.clientId, tenantId, report, durationMs: Math.round(performance.now() - started), requests: tokenRequests + out.requests };
}

export { SIGN_IN_TTL_MS };
