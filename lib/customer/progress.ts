// The customer's progress use-cases behind the panels, the progress bar and the plain-HTML forms:
// load (from the cookie), start tracking (optional company name and email), confirm a step the checker
// can't see, start the App Link install timer. Each returns a result the UI can show as it is; a
// database failure becomes { ok: false, message } (never a thrown error, never a stack trace).
import { z } from "zod";
import type { CustomerStore } from "./ports";
import { isConfirmable, type ConfirmableStep } from "./steps";
import { isPublicId } from "./cookie";
import type { ProgressLoad, ProgressView } from "./view";

export const PROGRESS_UNAVAILABLE = "Your progress could not be loaded right now (our database is unreachable). Your checks still work; try again in a minute.";
export const NOT_SAVED = "That was not saved: our database is unreachable right now. Try again in a minute.";

export async function loadCustomerProgress(store: CustomerStore, cookieSetupId: string | undefined): Promise<ProgressLoad> {
  if (!isPublicId(cookieSetupId)) return { state: "none" };
  try {
    const progress = await store.findSetup(cookieSetupId);
    return progress ? { state: "ok", progress } : { state: "none" };
  } catch {
    return { state: "unavailable", message: PROGRESS_UNAVAILABLE };
  }
}

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().max(max).optional());

/** "Track my progress": both fields optional. */
export const trackSchema = z.object({
  companyName: optionalText(200),
  contactEmail: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z.email({ message: "Enter an email address like name@example.com, or leave it empty." }).max(320).optional(),
  ),
});

export type ActionResult =
  | { ok: true; progress: ProgressView; created?: boolean }
  | { ok: false; message: string; field?: string };

export async function trackProgress(store: CustomerStore, cookieSetupId: string | undefined, raw: { companyName?: unknown; contactEmail?: unknown }): Promise<ActionResult> {
  const parsed = trackSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    const message =
      field === "contactEmail"
        ? "Enter an email address like name@example.com, or leave it empty."
        : field === "companyName"
          ? "The company name is too long (at most 200 characters)."
          : "Check the form and try again.";
    return { ok: false, message, field };
  }
  const details: { companyName?: string; contactEmail?: string } = {};
  if (parsed.data.companyName) details.companyName = parsed.data.companyName;
  if (parsed.data.contactEmail) details.contactEmail = parsed.data.contactEmail;
  try {
    if (isPublicId(cookieSetupId)) {
      const updated = await store.updateDetails(cookieSetupId, details);
      if (updated) return { ok: true, progress: updated };
    }
    return { ok: true, progress: await store.createSetup(details), created: true };
  } catch {
    return { ok: false, message: NOT_SAVED };
  }
}

async function withSetup(
  store: CustomerStore,
  cookieSetupId: string | undefined,
  step: string,
  run: (publicId: string, step: ConfirmableStep) => Promise<ProgressView | null>,
): Promise<ActionResult> {
  if (!isConfirmable(step)) return { ok: false, message: "This step can't be confirmed by hand." };
  try {
    let publicId = isPublicId(cookieSetupId) ? cookieSetupId : undefined;
    let created = false;
    if (publicId && !(await store.findSetup(publicId))) publicId = undefined;
    if (!publicId) {
      publicId = (await store.createSetup({})).publicId;
      created = true;
    }
    const progress = await run(publicId, step);
    if (!progress) return { ok: false, message: NOT_SAVED };
    return { ok: true, progress, created };
  } catch {
    return { ok: false, message: NOT_SAVED };
  }
}

/** "I've done this": confirmed (with its time stamp) or, unticked, back to not started. */
export function confirmCustomerStep(store: CustomerStore, cookieSetupId: string | undefined, step: string, confirmed: boolean): Promise<ActionResult> {
  return withSetup(store, cookieSetupId, step, (id, s) => store.confirmStep(id, s, confirmed));
}

/** "I've started the install": starts the step's timer. */
export function startCustomerStep(store: CustomerStore, cookieSetupId: string | undefined, step: string): Promise<ActionResult> {
  return withSetup(store, cookieSetupId, step, (id, s) => store.startStep(id, s));
}
