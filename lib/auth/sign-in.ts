// Signing in and out through Better Auth's own HTTP handler (wrapped by lib/auth/http.ts), so the
// sign-in rate limits (per address by the library, per account by lib/auth/lockout.ts) and the audit
// row of every attempt apply to the sign-in form exactly as to POST /api/auth/sign-in/email.
import "server-only";
import { z } from "zod";
import { AUTH_BASE_PATH, type StaffAuth } from "./auth";
import { authHttpDeps, handleAuthRequest, type AuthHttpDeps } from "./http";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address").max(320).email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(256, "Password is too long"),
});
export type SignInInput = z.infer<typeof signInInput>;

export type SignInResult =
  | { ok: true; userId: string; setCookie: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "locked"; retryAfterSeconds: number }
  | { ok: false; reason: "unavailable" };

/** Headers of the incoming request that Better Auth needs to see (X-Forwarded-For for the client
 *  address, read only by lib/http/client-ip.ts; UA for the session; the cookie). */
function forwardedHeaders(incoming: Headers, baseURL: string): Headers {
  const h = new Headers({ "content-type": "application/json", origin: baseURL });
  for (const name of ["x-forwarded-for", "user-agent", "cookie"]) {
    const v = incoming.get(name);
    if (v) h.set(name, v);
  }
  return h;
}

export async function signInWithPassword(
  auth: StaffAuth,
  input: SignInInput,
  incoming: Headers,
  deps: AuthHttpDeps = authHttpDeps(),
): Promise<SignInResult> {
  const baseURL = new URL(auth.options.baseURL as string).origin;
  const request = new Request(`${baseURL}${AUTH_BASE_PATH}/sign-in/email`, {
    method: "POST",
    headers: forwardedHeaders(incoming, baseURL),
    body: JSON.stringify({ email: input.email, password: input.password, rememberMe: true }),
  });
  let response: Response;
  try {
    response = await handleAuthRequest(auth, request, deps);
  } catch {
    return { ok: false, reason: "unavailable" };
  }
  if (response.status === 429) {
    const retry = Number(response.headers.get("x-retry-after") ?? "60");
    const retryAfterSeconds = Number.isFinite(retry) && retry > 0 ? retry : 60;
    const body = (await response.json().catch(() => null)) as { code?: string } | null;
    return { ok: false, reason: body?.code === "ACCOUNT_LOCKED" ? "locked" : "rate_limited", retryAfterSeconds };
  }
  if (response.status === 401 || response.status === 400 || response.status === 403) return { ok: false, reason: "invalid" };
  if (!response.ok) return { ok: false, reason: "unavailable" };
  const body = (await response.json().catch(() => null)) as { user?: { id?: string } } | null;
  const setCookie = response.headers.get("set-cookie");
  if (!body?.user?.id || !setCookie) return { ok: false, reason: "unavailable" };
  return { ok: true, userId: body.user.id, setCookie };
}

/** Ends the session behind `incoming`'s cookie; returns the Set-Cookie that clears it. */
export async function signOutSession(auth: StaffAuth, incoming: Headers, deps?: AuthHttpDeps): Promise<string | null> {
  const baseURL = new URL(auth.options.baseURL as string).origin;
  const response = await handleAuthRequest(
    auth,
    new Request(`${baseURL}${AUTH_BASE_PATH}/sign-out`, { method: "POST", headers: forwardedHeaders(incoming, baseURL), body: "{}" }),
    deps,
  );
  return response.headers.get("set-cookie");
}
