// The customer's progress use-cases behind the panels, the progress bar and the plain-HTML forms:
// load (from the cookie), start tracking (optional company name and email), confirm a step the checker
// can't see, start the App Link install timer. Each returns a result the UI can show as it is; a
// database failure becomes { ok: false, message } (never a thrown error, never a stack trace).
import "server-only";
import { z } from "zod";
import { config } from "../config";
import { confirmStep, getSetup, startSetup, startStep, updateSetupDetails, type SetupProgress, type SetupView } from "../progress";
import { isConfirmable, STEPS, type ConfirmableStep, type StepId } from "../steps";
import { DOMAIN_NAME_PATTERN } from "../verify/constants";
import { isGuid, trimAll } from "../verify/text";
import { isPublicId } from "./cookie";
import type { ProgressLoad, ProgressView, StepView } from "./view";

// ---- the browser's view of a setup (lib/progress's SetupView, projected: strings, links, no ids) ----

export function resumeUrl(publicId: string, siteUrl: string = config().SITE_URL): string {
  return new URL(`/resume/${publicId}`, siteUrl).href;
}

export function toProgressView(setup: SetupProgress): ProgressView {
  const steps = {} as Record<StepId, StepView>;
  for (const id of STEPS) {
    const s = setup.steps.find((x) => x.stepId === id);
    steps[id] = {
      status: s?.status ?? "not_started",
      attemptCount: s?.attemptCount ?? 0,
      lastAttemptAt: s?.lastAttemptAt?.toISOString() ?? null,
      startedAt: s?.startedAt?.toISOString() ?? null,
      completedAt: s?.completedAt?.toISOString() ?? null,
      lastReportUrl: s?.lastRunPublicId ? `/reports/${s.lastRunPublicId}` : null,
      checks: s?.checks ?? null,
      trust: s?.trust ?? null,
      ...(s?.keysChanged ? { keysChanged: true as const } : {}),
    };
  }
  return {
    publicId: setup.publicId,
    resumeUrl: resumeUrl(setup.publicId),
    companyName: setup.companyName,
    contactEmail: setup.contactEmail,
    clientId: setup.clientId,
    tenant: setup.tenant,
    secretHint: setup.secretHint,
    currentStep: setup.currentStep,
    steps,
    createdAt: setup.createdAt.toISOString(),
  };
}

/** The customer's setup as the browser sees it, or null. Throws when the database is unreachable. */
export async function findProgress(publicId: string): Promise<ProgressView | null> {
  const s = await getSetup(publicId);
  return s ? toProgressView(s) : null;
}

/** A new setup, as the browser sees it. */
export async function createProgress(details: { companyName?: string; contactEmail?: string } = {}): Promise<ProgressView> {
  const publicId = await startSetup(details);
  const s = await getSetup(publicId);
  if (!s) throw new Error("the new setup could not be read back");
  return toProgressView(s);
}


/** Only well-formed values are remembered on the setup (a typo is not worth prefilling next time). */
export function rememberable(input: { clientId?: string; tenant?: string }): { clientId?: string; tenant?: string } {
  const out: { clientId?: string; tenant?: string } = {};
  const id = input.clientId !== undefined ? trimAll(input.clientId) : undefined;
  if (id && isGuid(id)) out.clientId = id.toLowerCase();
  const t = input.tenant !== undefined ? trimAll(input.tenant) : undefined;
  if (t && t.length <= 255 && (isGuid(t) || DOMAIN_NAME_PATTERN.test(t))) out.tenant = t.toLowerCase();
  return out;
}

// ---- the use-cases ----

export const PROGRESS_UNAVAILABLE = "Your progress could not be loaded right now (our database is unreachable). Your checks still work; try again in a minute.";
export const NOT_SAVED = "That was not saved: our database is unreachable right now. Try again in a minute.";

export async function loadCustomerProgress(cookieSetupId: string | undefined): Promise<ProgressLoad> {
  if (!isPublicId(cookieSetupId)) return { state: "none" };
  try {
    const progress = await findProgress(cookieSetupId);
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

export async function trackProgress(cookieSetupId: string | undefined, raw: { companyName?: unknown; contactEmail?: unknown }): Promise<ActionResult> {
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
      const updated = await updateSetupDetails(cookieSetupId, details);
      if (updated) return { ok: true, progress: toProgressView(updated) };
    }
    return { ok: true, progress: await createProgress(details), created: true };
  } catch {
    return { ok: false, message: NOT_SAVED };
  }
}

async function withSetup(
  cookieSetupId: string | undefined,
  step: string,
  run: (publicId: string, step: ConfirmableStep) => Promise<SetupView | null>,
): Promise<ActionResult> {
  if (!isConfirmable(step)) return { ok: false, message: "This step can't be confirmed by hand." };
  try {
    let publicId = isPublicId(cookieSetupId) ? cookieSetupId : undefined;
    let created = false;
    if (publicId && !(await getSetup(publicId))) publicId = undefined;
    if (!publicId) {
      publicId = await startSetup({});
      created = true;
    }
    const setup = await run(publicId, step);
    if (!setup) return { ok: false, message: NOT_SAVED };
    return { ok: true, progress: toProgressView(setup), created };
  } catch {
    return { ok: false, message: NOT_SAVED };
  }
}

/** "I've done this": confirmed (with its time stamp) or, unticked, back to not started. */
export function confirmCustomerStep(cookieSetupId: string | undefined, step: string, confirmed: boolean): Promise<ActionResult> {
  return withSetup(cookieSetupId, step, (id, s) => confirmStep(id, s, confirmed));
}

/** "I've started the install": starts the step's timer. */
export function startCustomerStep(cookieSetupId: string | undefined, step: string): Promise<ActionResult> {
  return withSetup(cookieSetupId, step, (id, s) => startStep(id, s));
}
