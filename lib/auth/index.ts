// The staff session check, done on the server by every /support page, server action and
// /api/support route handler (a proxy may redirect earlier, but is never the only check).
//
//   const check = await checkStaff("/support");             // pages: { staff } or { unavailable }
//   const staff = await requireStaff("/support");           // server actions
//   const staff = await staffFromRequest(request);          // route handlers (null → 401/redirect)
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { config } from "../config";
import { getPgPool, getPrisma, type PrismaClient } from "../db";
import { log } from "../log";
import { isDatabaseUnavailable } from "../progress/errors";
import { COOKIE_PREFIX, createStaffAuth, SESSION_DAYS, SESSION_UPDATE_AGE_SECONDS, type StaffAuth } from "./auth";
import { resolveAuthSecret } from "./secret";
import { authBaseURL } from "./base-url";

export { authBaseURL };

export { SIGN_IN_MAX_ATTEMPTS, SIGN_IN_WINDOW_SECONDS, MIN_PASSWORD_LENGTH } from "./auth";

export interface Staff {
  userId: string;
  email: string;
  name: string;
  role: string;
  sessionId: string;
}

const instances = new WeakMap<PrismaClient, StaffAuth>();


/** The app's Better Auth instance over getPrisma() (created on first use; throws in production without a secret). */
export function getAuth(): StaffAuth {
  const prisma = getPrisma();
  let auth = instances.get(prisma);
  if (!auth) {
    auth = createStaffAuth({ prisma, secret: resolveAuthSecret(config()), baseURL: authBaseURL(), signInMaxAttempts: config().STAFF_SIGN_IN_RATE_LIMIT });
    instances.set(prisma, auth);
  }
  return auth;
}

let secret: string | undefined;

/** The value of one cookie in a Cookie header, or null. */
function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Whether the request carries a session cookie (either name: plain or `__Secure-`). */
function hasSessionCookie(headers: Headers): boolean {
  const header = headers.get("cookie");
  return header !== null && header.includes(`${COOKIE_PREFIX}.session_token=`);
}

/**
 * The common case of a page view, without Better Auth's request machinery: a correctly signed session
 * cookie whose session exists, has not expired and is not due to be extended: one query (session
 * joined to its user). Anything else (no or a bad signature, no such session, expired, due for its
 * daily extension, "don't remember me") returns undefined and goes through Better Auth's own
 * getSession, which answers, deletes or extends exactly as before. The signature is the one Better
 * Auth's cookies carry (better-call: `token.` + base64 HMAC-SHA256 of the token with the auth secret).
 * Better Auth's getSession costs two queries through the Prisma adapter and its context on every
 * page (≈ 5 ms of CPU per call, measured; this path ≈ 0.5 ms).
 */
async function sessionFastPath(headers: Headers): Promise<Staff | null | undefined> {
  const header = headers.get("cookie");
  if (!header) return undefined;
  const secure = authBaseURL().startsWith("https://");
  const raw = cookieValue(header, `${secure ? "__Secure-" : ""}${COOKIE_PREFIX}.session_token`);
  if (!raw || cookieValue(header, `${secure ? "__Secure-" : ""}${COOKIE_PREFIX}.dont_remember`) !== null) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const dot = value.lastIndexOf(".");
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (dot < 1 || signature.length !== 44 || !signature.endsWith("=")) return undefined;
  secret ??= resolveAuthSecret(config());
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const { rows } = await getPgPool().query<{ sessionId: string; expiresAt: Date; userId: string; email: string; name: string; role: string | null }>(
    `SELECT s.id AS "sessionId", s."expiresAt", u.id AS "userId", u.email, u.name, u.role
       FROM staff_session s JOIN staff_user u ON u.id = s."userId"
      WHERE s.token = $1`,
    [token],
  );
  const row = rows[0];
  if (!row) return undefined;
  const now = Date.now();
  const expiresAt = row.expiresAt.getTime();
  const dueForExtension = expiresAt - SESSION_DAYS * 86_400_000 + SESSION_UPDATE_AGE_SECONDS * 1000 <= now;
  if (expiresAt <= now || dueForExtension) return undefined;
  return { userId: row.userId, email: row.email, name: row.name, role: row.role ?? "support", sessionId: row.sessionId };
}

/** The signed-in staff member for these request headers, or null (no cookie, expired or revoked session). */
export async function getStaff(headers: Headers): Promise<Staff | null> {
  // No session cookie at all (the sign-in page, a visitor): no session, without Better Auth's
  // machinery (≈ 3 ms of CPU a request for the same null). The app's Better Auth has no bearer or
  // API-key plugin: a session is only ever found through this cookie.
  if (!hasSessionCookie(headers)) return null;
  const fast = await sessionFastPath(headers);
  if (fast !== undefined) return fast;
  const result = await getAuth().api.getSession({ headers });
  if (!result) return null;
  const user = result.user as typeof result.user & { role?: string | null };
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? "support",
    sessionId: result.session.id,
  };
}

/** Route handlers: the staff member behind this request, or null. */
export function staffFromRequest(request: Request): Promise<Staff | null> {
  return getStaff(request.headers);
}

/** A same-site path to come back to after signing in (never an absolute or protocol-relative URL). */
export function safeNextPath(next: string | null | undefined, fallback = "/support"): string {
  if (typeof next !== "string" || next.length > 2048) return fallback;
  // Control characters, spaces and backslashes never belong in our own paths (a CR/LF would end up in a header).
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(next)) return fallback;
  if (!next.startsWith("/") || next.startsWith("//")) return fallback;
  if (!/^\/support(?:$|[/?#])/.test(next) || next.startsWith("/support/sign-in")) return fallback;
  return next;
}

export function signInPath(next: string): string {
  return `/support/sign-in?next=${encodeURIComponent(safeNextPath(next))}`;
}

/**
 * The staff member of the current request (pages, layouts, server actions), or null. Looked up once
 * per request: the layout and the page share the answer.
 */
export const currentStaff = cache(async (): Promise<Staff | null> => getStaff(await headers()));

/**
 * Pages and server actions: the signed-in staff member, or a redirect to the sign-in page that
 * comes back to `nextPath` afterwards. Reads the request's cookies through next/headers.
 */
export async function requireStaff(nextPath = "/support"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(signInPath(nextPath));
  return staff;
}

/** What a console page says when the session could not be looked up because the database did not answer. */
export const SESSION_UNAVAILABLE_MESSAGE = "The database did not answer, so we could not check your session. Try again in a moment.";

export type StaffCheck = { ok: true; staff: Staff } | { ok: false; reason: "unavailable"; message: string };

/**
 * Console pages: the signed-in staff member, a redirect to sign-in (no or a dead session), or, when
 * the database did not answer the session lookup, `{ ok: false }` for the page to show
 * SESSION_UNAVAILABLE_MESSAGE in the console's frame instead of the generic error page. Not a redirect
 * to sign-in: the session may be fine, and signing in needs the database too. Any other failure is
 * thrown (the console's error page, app/support/error.tsx).
 */
export async function checkStaff(nextPath = "/support"): Promise<StaffCheck> {
  let staff: Staff | null;
  try {
    staff = await currentStaff();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    log().warn({ event: "support.session_unavailable", error: err instanceof Error ? err.message : String(err) }, "staff session lookup: the database did not answer");
    return { ok: false, reason: "unavailable", message: SESSION_UNAVAILABLE_MESSAGE };
  }
  if (!staff) redirect(signInPath(nextPath));
  return { ok: true, staff };
}

/** The current request's headers (pages and server actions). */
export async function currentHeaders(): Promise<Headers> {
  return new Headers(await headers());
}
