// Every request to Better Auth goes through handleAuthRequest: the HTTP route (app/api/auth/[...all])
// and the support sign-in form's server action (lib/auth/sign-in.ts) alike. It
//  - gives Better Auth the client address from lib/http/client-ip.ts in its own header (any value a
//    client sent in that header is overwritten), so its per-address sign-in limit and the session's
//    ipAddress use the same normalised, unspoofable address as everything else;
//  - refuses sign-in to an account locked by too many failures (lib/auth/lockout.ts), whatever the
//    address, and counts failures / clears them on success;
//  - writes one audit row per sign-in attempt (success, failure, rate-limited, locked) with the real
//    address. The password is never read beyond Better Auth, never logged nor stored;
//  - serves only HTTP_AUTH_PATHS (lib/auth/auth.ts): any other path, including one below a disabled
//    path (/reset-password/<token>) or a differently spelt one (a trailing slash, other case, which
//    would miss the sign-in guard below), is answered 404 before Better Auth
//    sees it (Better Auth's disabledPaths refuses the same endpoints again, by exact path).
import "server-only";
import { z } from "zod";
import { config } from "../config";
import { getPgPool } from "../db";
import { clientIp, UNKNOWN_IP } from "../http/client-ip";
import { AUDIT_ACTIONS, recordAudit, type AuditAction } from "../progress/audit";
import { AUTH_BASE_PATH, CLIENT_IP_HEADER, HTTP_AUTH_PATHS, type StaffAuth } from "./auth";
import { memoryLockout, postgresLockout, type AccountLockout } from "./lockout";

/** Sent to Better Auth when the address is unknown: those requests share one rate-limit bucket. */
const UNKNOWN_BUCKET = "0.0.0.0";
const MAX_SIGN_IN_BODY = 16 * 1024;

export interface AuthHttpDeps {
  lockout: AccountLockout;
  /** TRUSTED_PROXY_HOPS (config) unless given. */
  hops?: number;
}

let lockout: AccountLockout | undefined;

export function authHttpDeps(): AuthHttpDeps {
  lockout ??= config().DATABASE_URL ? postgresLockout(getPgPool()) : memoryLockout();
  return { lockout };
}

const signInBody = z.object({ email: z.string().max(320) }).passthrough();

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...extra } });
}

const served = new Set<string>(HTTP_AUTH_PATHS);

/** The endpoint path under AUTH_BASE_PATH ("/sign-in/email"), exactly as sent; null if outside it. */
function endpointPath(url: URL): string | null {
  if (!url.pathname.startsWith(`${AUTH_BASE_PATH}/`)) return null;
  return url.pathname.slice(AUTH_BASE_PATH.length);
}

export async function handleAuthRequest(auth: StaffAuth, request: Request, deps: AuthHttpDeps = authHttpDeps()): Promise<Response> {
  const path = endpointPath(new URL(request.url));
  if (path === null || !served.has(path)) {
    return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const ip = deps.hops === undefined ? clientIp(request.headers) : clientIp(request.headers, deps.hops);
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP_HEADER, ip === UNKNOWN_IP ? UNKNOWN_BUCKET : ip);
  const url = new URL(request.url);
  const isSignIn = request.method === "POST" && path === "/sign-in/email";
  if (!isSignIn) {
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return auth.handler(new Request(url, { method: request.method, headers, body }));
  }

  const text = await request.text();
  if (text.length > MAX_SIGN_IN_BODY) return json(413, { code: "TOO_LARGE", message: "Request body too large" });
  let email = "";
  try {
    const parsed = signInBody.safeParse(JSON.parse(text));
    if (parsed.success) email = parsed.data.email.trim().toLowerCase();
  } catch {
    // Better Auth answers the malformed body itself.
  }
  const audit = (action: AuditAction, userId: string | null = null, details?: Record<string, unknown>) =>
    recordAudit({
      actor: { userId, email: email || "(none)" },
      action,
      request: { ip: ip === UNKNOWN_IP ? null : ip, userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null },
      ...(details ? { details } : {}),
    }).catch(() => undefined);

  if (email) {
    const state = await deps.lockout.check(email).catch(() => ({ locked: false, retryAfterSeconds: 0 }));
    if (state.locked) {
      await audit(AUDIT_ACTIONS.signInLocked);
      return json(
        429,
        { code: "ACCOUNT_LOCKED", message: "Too many failed sign-ins for this account. Try again later." },
        { "x-retry-after": String(state.retryAfterSeconds), "retry-after": String(state.retryAfterSeconds) },
      );
    }
  }

  const response = await auth.handler(new Request(url, { method: "POST", headers, body: text }));
  if (response.status === 200) {
    const body = (await response.clone().json().catch(() => null)) as { user?: { id?: string } } | null;
    if (email) await deps.lockout.reset(email).catch(() => undefined);
    await audit(AUDIT_ACTIONS.signIn, body?.user?.id ?? null);
  } else if (response.status === 429) {
    await audit(AUDIT_ACTIONS.signInRateLimited);
  } else if (response.status >= 400 && response.status < 500) {
    if (email && response.status === 401) await deps.lockout.fail(email).catch(() => undefined);
    await audit(AUDIT_ACTIONS.signInFailed, null, { status: response.status });
  }
  return response;
}
