"use server";
// Staff server actions. Thin: validate with zod, call lib/, record the audit row, redirect.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { getAuth, requireStaff, safeNextPath, SIGN_IN_MAX_ATTEMPTS, SIGN_IN_WINDOW_SECONDS } from "@/lib/auth";
import { requestInfo } from "@/lib/auth/request-info";
import { signInInput, signInWithPassword, signOutSession } from "@/lib/auth/sign-in";
import { getPrisma } from "@/lib/db";
import { AUDIT_ACTIONS, recordAudit } from "@/lib/support/audit";

export interface SignInState {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
}

async function applySetCookie(setCookie: string | null) {
  if (!setCookie) return;
  const jar = await cookies();
  parseSetCookieHeader(setCookie).forEach((value, name) => {
    if (name) jar.set(name, value.value, toCookieOptions(value));
  });
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInInput.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
  const email = typeof form.get("email") === "string" ? String(form.get("email")).slice(0, 320) : "";
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "email" || key === "password") && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    return { fieldErrors, email };
  }
  const incoming = await headers();
  const info = requestInfo(incoming);
  const prisma = getPrisma();
  let result;
  try {
    result = await signInWithPassword(getAuth(), parsed.data, incoming);
  } catch {
    result = { ok: false as const, reason: "unavailable" as const };
  }
  if (!result.ok) {
    const action =
      result.reason === "rate_limited" ? AUDIT_ACTIONS.signInRateLimited : result.reason === "invalid" ? AUDIT_ACTIONS.signInFailed : null;
    if (action) {
      await recordAudit(prisma, { actor: { userId: null, email: parsed.data.email }, action, request: info }).catch(() => undefined);
    }
    if (result.reason === "rate_limited") {
      return {
        email,
        error: `Too many sign-in attempts (more than ${SIGN_IN_MAX_ATTEMPTS} in ${SIGN_IN_WINDOW_SECONDS} seconds). Try again in ${result.retryAfterSeconds} seconds.`,
      };
    }
    if (result.reason === "invalid") return { email, error: "Wrong email or password." };
    return { email, error: "Could not sign you in right now (the database did not answer). Try again in a moment." };
  }
  await applySetCookie(result.setCookie);
  await recordAudit(prisma, {
    actor: { userId: result.userId, email: parsed.data.email },
    action: AUDIT_ACTIONS.signIn,
    request: info,
  }).catch(() => undefined);
  redirect(safeNextPath(typeof form.get("next") === "string" ? String(form.get("next")) : null));
}

export async function signOutAction(): Promise<void> {
  const staff = await requireStaff("/support");
  const incoming = await headers();
  const setCookie = await signOutSession(getAuth(), incoming);
  await applySetCookie(setCookie);
  await recordAudit(getPrisma(), {
    actor: { userId: staff.userId, email: staff.email },
    action: AUDIT_ACTIONS.signOut,
    request: requestInfo(incoming),
  });
  redirect("/support/sign-in?signedOut=1");
}
