// The cookie that remembers a customer's setup: its unguessable public id, nothing else.
// httpOnly (scripts can't read it), Secure in production, SameSite=Lax (sent when following a link
// to the guide, not on cross-site POSTs), for a year.
import "server-only";
export const SETUP_COOKIE = "bc_setup";
export const SETUP_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export interface CookieOptions {
  httpOnly: true;
  secure: boolean;
  sameSite: "lax";
  path: "/";
  maxAge: number;
}

export function setupCookieOptions(env: { NODE_ENV?: string; SITE_URL?: string } = process.env): CookieOptions {
  // Secure in production; also whenever the site is served over https.
  const secure = env.NODE_ENV === "production" ? !isLoopbackHttp(env.SITE_URL) : (env.SITE_URL ?? "").startsWith("https://");
  return { httpOnly: true, secure, sameSite: "lax", path: "/", maxAge: SETUP_COOKIE_MAX_AGE };
}

/** `next start` on http://127.0.0.1 (tests, demos) can't keep a Secure cookie: browsers drop it. */
function isLoopbackHttp(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}

/** Public ids look like this (lib/progress makes them); anything else in the cookie is ignored. */
export function isPublicId(value: string | undefined | null): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

/** The Set-Cookie header value, for route handlers that answer with a plain Response. */
export function serializeSetupCookie(publicId: string, options: CookieOptions = setupCookieOptions()): string {
  const parts = [`${SETUP_COOKIE}=${publicId}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`, "HttpOnly", "SameSite=Lax"];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
