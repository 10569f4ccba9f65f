// The staff session check, done on the server by every /support page, server action and
// /api/support route handler (a proxy may redirect earlier, but is never the only check).
//
//   const staff = await requireStaff("/support");           // pages and server actions
//   const staff = await staffFromRequest(request);          // route handlers (null → 401/redirect)
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { config } from "../config";
import { getPrisma, type PrismaClient } from "../db";
import { createStaffAuth, type StaffAuth } from "./auth";
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

/** The signed-in staff member for these request headers, or null (no cookie, expired or revoked session). */
export async function getStaff(headers: Headers): Promise<Staff | null> {
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

/** The current request's headers (pages and server actions). */
export async function currentHeaders(): Promise<Headers> {
  return new Headers(await headers());
}
