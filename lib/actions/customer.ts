"use server";
// Server actions of the customer side (the guide's panels and progress bar). Thin: read the cookie,
// call lib/customer, set the cookie when a setup was created, return plain data (never the secret).
import { cookies, headers } from "next/headers";
import { SETUP_COOKIE, SETUP_MARKER_COOKIE, setupCookieOptions, setupMarkerCookieOptions } from "@/lib/customer/cookie";
import { confirmCustomerStep, loadCustomerProgress, startCustomerStep, trackProgress, type ActionResult } from "@/lib/customer/progress";
import { beginVerification, verifyDeps } from "@/lib/customer/verify";
import type { ProgressLoad, VerifyEvent, VerifyPhase } from "@/lib/customer/view";
import { isFormData, NOT_A_FORM_MESSAGE } from "@/lib/http/action-input";
import { formFlag, formText as text } from "@/lib/http/form";

const notAForm: ActionResult = { ok: false, message: NOT_A_FORM_MESSAGE };

async function cookieSetupId(): Promise<string | undefined> {
  return (await cookies()).get(SETUP_COOKIE)?.value;
}

async function remember(publicId: string): Promise<void> {
  const jar = await cookies();
  jar.set(SETUP_COOKIE, publicId, setupCookieOptions());
  jar.set(SETUP_MARKER_COOKIE, "1", setupMarkerCookieOptions());
}

/** The customer's progress, for the static guide page after hydration. */
export async function loadProgress(): Promise<ProgressLoad> {
  return loadCustomerProgress(await cookieSetupId());
}

/**
 * Verifies one panel. Answers at once with the offline rules; `next` then resolves with each live
 * phase as it starts ("token", "graph") and finally "done" with the recorded result.
 */
export async function verifyStep(formData: FormData): Promise<VerifyEvent> {
  if (!isFormData(formData)) return { phase: "invalid", error: { code: "not_a_form", message: NOT_A_FORM_MESSAGE, field: null } };
  const cookie = await cookieSetupId();
  const incoming = await headers();
  // A submission that starts a new setup is limited per client (verifyDeps' chargeSetupCreation, once
  // the input is valid), as on the no-JavaScript route.
  const begun = await beginVerification(formData, cookie, verifyDeps(incoming));
  if (!begun.ok) return { phase: "invalid", error: begun.error };
  if (begun.setupCreated && begun.setupPublicId) await remember(begun.setupPublicId);

  let push!: (e: VerifyEvent) => void;
  const first = new Promise<VerifyEvent>((r) => (push = r));
  const onPhase = (phase: VerifyPhase) => {
    let resolveNext!: (e: VerifyEvent) => void;
    const next = new Promise<VerifyEvent>((r) => (resolveNext = r));
    push({ phase, next });
    push = resolveNext;
  };
  begun
    .finish(begun.live ? onPhase : undefined)
    .then((result) => push({ phase: "done", result }))
    .catch(() =>
      push({
        phase: "done",
        result: { report: begun.rules, saved: { ok: false, message: "Something went wrong on our side; the results above are from the offline checks. Try again." }, progress: null, durationMs: 0 },
      }),
    );
  return { phase: "rules", report: begun.rules, live: begun.live, next: first };
}

async function after(result: ActionResult): Promise<ActionResult> {
  if (result.ok && result.created) await remember(result.progress.publicId);
  return result;
}

export async function trackProgressAction(formData: FormData): Promise<ActionResult> {
  if (!isFormData(formData)) return notAForm;
  return after(await trackProgress(await cookieSetupId(), { companyName: text(formData, "companyName"), contactEmail: text(formData, "contactEmail") }));
}

export async function confirmStepAction(formData: FormData): Promise<ActionResult> {
  if (!isFormData(formData)) return notAForm;
  return after(await confirmCustomerStep(await cookieSetupId(), text(formData, "step") ?? "", formFlag(formData, "confirmed")));
}

export async function startStepAction(formData: FormData): Promise<ActionResult> {
  if (!isFormData(formData)) return notAForm;
  return after(await startCustomerStep(await cookieSetupId(), text(formData, "step") ?? ""));
}
