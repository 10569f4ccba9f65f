// The guide's steps as the customer side sees them: which ones the checker can verify, which ones the
// customer confirms, short labels for the progress bar, and how a step's status reads.
// Client-safe: data only (no database, no zod), imported by the panels and the progress bar.
import { GUIDE, GUIDE_PATH, STEPS, type StepId } from "../verify/constants";

export { GUIDE, GUIDE_PATH, STEPS };
export type { StepId };

/** Steps with a "Verify my setup" panel. */
export const VERIFIABLE_STEPS = ["register-application", "client-secret", "api-permissions"] as const;
export type VerifiableStep = (typeof VERIFIABLE_STEPS)[number];

/** Steps that can't be checked from outside: the customer ticks "I've done this". */
export const CONFIRMABLE_STEPS = ["prerequisites", "add-keys-to-portal", "enable-integration", "extension-installation"] as const;
export type ConfirmableStep = (typeof CONFIRMABLE_STEPS)[number];

export const STEP_LABELS: Record<StepId, { short: string; title: string }> = {
  prerequisites: { short: "Prereqs", title: "Check what you need" },
  "register-application": { short: "Register", title: "Register an application in Microsoft Entra ID" },
  "client-secret": { short: "Secret", title: "Create a client secret" },
  "api-permissions": { short: "Permissions", title: "Add the Business Central permissions" },
  "add-keys-to-portal": { short: "Keys", title: "Add the keys to the Codat Portal" },
  "enable-integration": { short: "Switch on", title: "Switch on the integration" },
  "extension-installation": { short: "App Link", title: "Prepare customers for the App Link extension" },
};

/** Step progress status, as stored by lib/progress (Prisma enum StepStatus). */
export const STEP_STATUSES = ["not_started", "in_progress", "verified", "failed", "confirmed"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_STATUS_TEXT: Record<StepStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  verified: "Verified",
  failed: "Needs a fix",
  confirmed: "Done",
};

export function isVerifiable(step: string): step is VerifiableStep {
  return (VERIFIABLE_STEPS as readonly string[]).includes(step);
}

export function isConfirmable(step: string): step is ConfirmableStep {
  return (CONFIRMABLE_STEPS as readonly string[]).includes(step);
}

export function isStep(step: string): step is StepId {
  return (STEPS as readonly string[]).includes(step);
}

export function stepHref(step: StepId): string {
  return `${GUIDE_PATH}#${step}`;
}

/** A step counts as done when verified or confirmed. */
export function isDone(status: StepStatus): boolean {
  return status === "verified" || status === "confirmed";
}

/** The first step (in guide order) not yet done, or null when all are. */
export function nextStep(statuses: Partial<Record<StepId, StepStatus>>): StepId | null {
  for (const s of STEPS) if (!isDone(statuses[s] ?? "not_started")) return s;
  return null;
}
