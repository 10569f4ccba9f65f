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

/**
 * A companion marker, readable by scripts: "this browser has a setup". It holds no secret (always
 * "1"); the static guide page reads it to skip loading progress for visitors who never started one.
 * Set and cleared together with the setup cookie, with the same lifetime, path and SameSite.
 */
export const SETUP_MARKER_COOKIE = "bc_has_setup";

export interface MarkerCookieOptions {
  httpOnly: false;
  secure: boolean;
  sameSite: "lax";
  path: "/";
  maxAge: number;
}

export function setupMarkerCookieOptions(env: { NODE_ENV?: string; SITE_URL?: string } = process.env): MarkerCookieOptions {
  return { ...setupCookieOptions(env), httpOnly: false };
}

/** The marker's Set-Cookie header value, beside serializeSetupCookie's. */
export function serializeSetupMarkerCookie(options: { secure: boolean; maxAge: number } = setupMarkerCookieOptions()): string {
  const parts = [`${SETUP_MARKER_COOKIE}=1`, "Path=/", `Max-Age=${options.maxAge}`, "SameSite=Lax"];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
