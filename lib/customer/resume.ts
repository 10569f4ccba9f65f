// The resume link (GET /resume/<id>) and a browser that already keeps ANOTHER setup: instead of
// silently replacing the visitor's setup cookie (a session-fixation path: anyone could plant their
// own setup in a victim's browser), the visitor sees both setups and chooses which one to keep.
// Nothing secret is shown: company, contact email, current step, progress, dates.
import "server-only";
import { isDone, STEP_INFO, STEPS, type StepId } from "../steps";
import { isPublicId } from "./cookie";
import { findProgress } from "./progress";
import type { ProgressView } from "./view";

export type ResumeDecision =
  | { kind: "not-found" }
  /** Set the cookie to the link's setup (no cookie, the same setup, or the cookie's setup is gone). */
  | { kind: "resume" }
  | { kind: "choose"; current: ProgressView; linked: ProgressView }
  /** The database did not answer: keep the link's setup (it is the customer's own link), as before. */
  | { kind: "unavailable" };

export async function decideResume(linkId: string, cookieId: string | undefined): Promise<ResumeDecision> {
  if (!isPublicId(linkId)) return { kind: "not-found" };
  try {
    const linked = await findProgress(linkId);
    if (!linked) return { kind: "not-found" };
    if (!isPublicId(cookieId) || cookieId === linkId) return { kind: "resume" };
    const current = await findProgress(cookieId);
    return current ? { kind: "choose", current, linked } : { kind: "resume" };
  } catch {
    return { kind: "unavailable" };
  }
}

export interface SetupSummary {
  company: string;
  contactEmail: string | null;
  currentStep: string;
  done: number;
  total: number;
  startedAt: string;
  lastActivityAt: string;
}

export function summariseSetup(p: ProgressView): SetupSummary {
  const steps = STEPS.map((id: StepId) => p.steps[id]).filter(Boolean);
  const times = [p.createdAt, ...steps.flatMap((s) => [s.lastAttemptAt, s.startedAt, s.completedAt])].filter((t): t is string => !!t);
  return {
    company: p.companyName ?? "No company name given",
    contactEmail: p.contactEmail,
    currentStep: p.currentStep ? STEP_INFO[p.currentStep].title : "All steps done",
    done: steps.filter((s) => isDone(s.status)).length,
    total: STEPS.length,
    startedAt: p.createdAt,
    lastActivityAt: times.sort().at(-1) ?? p.createdAt,
  };
}

/**
 * The visitor's choice (POST /resume/<id>): which setup this browser keeps. `current` must repeat the
 * id in the visitor's own cookie — a cross-site page can't know it, so it doubles as the CSRF token
 * (beside the same-origin check of the route).
 */
export function resolveChoice(linkId: string, cookieId: string | undefined, form: FormData): { keep: string } | { error: string } {
  const choice = form.get("keep");
  const current = form.get("current");
  if (!isPublicId(linkId) || !isPublicId(cookieId) || typeof current !== "string" || current !== cookieId) {
    return { error: "This choice is out of date (the setup kept in this browser changed). Open the link again." };
  }
  if (choice === "link") return { keep: linkId };
  if (choice === "current") return { keep: cookieId };
  return { error: "Choose one of the two setups." };
}
