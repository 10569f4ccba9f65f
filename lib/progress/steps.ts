// The guide's steps in order (the same ids as the guide's frontmatter and the checker's
// lib/verify/constants.ts), which ones the checker verifies and which ones the customer confirms,
// and how a setup's overall state follows from its steps.
import { GUIDE, STEPS, type StepId } from "../verify/constants";
import type { SetupStatus, StepStatus } from "../db";

export { GUIDE };
export type { StepId };

/** prerequisites, register-application, client-secret, api-permissions, add-keys-to-portal, enable-integration, extension-installation */
export const STEP_IDS: readonly StepId[] = STEPS;

/** Steps with checks (a "Verify my setup" panel). */
export const VERIFIABLE_STEPS = ["register-application", "client-secret", "api-permissions"] as const satisfies readonly StepId[];
/** Steps nobody can check from outside: the customer says "I've done this". */
export const CONFIRMABLE_STEPS = ["prerequisites", "add-keys-to-portal", "enable-integration", "extension-installation"] as const satisfies readonly StepId[];

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (STEPS as readonly string[]).includes(value);
}

export function isConfirmableStep(step: StepId): boolean {
  return (CONFIRMABLE_STEPS as readonly string[]).includes(step);
}

export function isDone(status: StepStatus): boolean {
  return status === "verified" || status === "confirmed";
}

/** A setup's status and current step from its steps' statuses (a step without a row is not_started). */
export function deriveSetupState(statuses: Partial<Record<StepId, StepStatus>>): { status: SetupStatus; currentStep: StepId | null } {
  const of = (s: StepId): StepStatus => statuses[s] ?? "not_started";
  const currentStep = STEPS.find((s) => !isDone(of(s))) ?? null;
  if (currentStep === null) return { status: "completed", currentStep };
  if (STEPS.some((s) => of(s) === "failed")) return { status: "failing", currentStep };
  if (STEPS.some((s) => of(s) !== "not_started")) return { status: "in_progress", currentStep };
  return { status: "not_started", currentStep };
}
