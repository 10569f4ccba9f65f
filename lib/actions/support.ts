"use server";
// Staff server actions. Thin: validate with zod, call lib/, record the audit row, redirect.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { config } from "@/lib/config";
import { getAuth, requireStaff, safeNextPath, SIGN_IN_WINDOW_SECONDS } from "@/lib/auth";
import { requestInfo } from "@/lib/auth/request-info";
import { signInInput, signInWithPassword, signOutSession } from "@/lib/auth/sign-in";
import { ACCOUNT_MAX_FAILURES } from "@/lib/auth/lockout";
import { isFormData, NOT_A_FORM_MESSAGE } from "@/lib/http/action-input";
import { AUDIT_ACTIONS, recordAudit } from "@/lib/progress";

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
  if (!isFormData(form)) return { error: NOT_A_FORM_MESSAGE };
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
  // Every attempt is audited (with the real client address) by lib/auth/http.ts, on this path and on
  // POST /api/auth/sign-in/email alike.
  const incoming = await headers();
  let result;
  try {
    result = await signInWithPassword(getAuth(), parsed.data, incoming);
  } catch {
    result = { ok: false as const, reason: "unavailable" as const };
  }
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      return {
        email,
        error: `Too many sign-in attempts (more than ${config().STAFF_SIGN_IN_RATE_LIMIT} in ${SIGN_IN_WINDOW_SECONDS} seconds). Try again in ${result.retryAfterSeconds} seconds.`,
      };
    }
    if (result.reason === "locked") {
      return {
        email,
        error: `Too many failed sign-ins for this account (${ACCOUNT_MAX_FAILURES}). Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
      };
    }
    if (result.reason === "invalid") return { email, error: "Wrong email or password." };
    return { email, error: "Could not sign you in right now (the database did not answer). Try again in a moment." };
  }
  await applySetCookie(result.setCookie);
  redirect(safeNextPath(typeof form.get("next") === "string" ? String(form.get("next")) : null));
}

export async function signOutAction(): Promise<void> {
  const staff = await requireStaff("/support");
  const incoming = await headers();
  const setCookie = await signOutSession(getAuth(), incoming);
  await applySetCookie(setCookie);
  await recordAudit({
    actor: { userId: staff.userId, email: staff.email },
    action: AUDIT_ACTIONS.signOut,
    request: requestInfo(incoming),
  });
  redirect("/support/sign-in?signedOut=1");
}
