import "server-only";
// "Stuck": the one definition. A setup is stuck when it is not completed and either failed the same
// check STUCK_FAILURE_STREAK times in a row or had no activity for `days` days. The list's filter
// (SQL, lib/progress/list.ts) and the badge's reason (below) are both written from these constants,
// side by side, and tests/integration/support-list.test.ts holds them to each other.
import { Prisma } from "../db";
import type { StepId } from "../steps";
import { CHECK_INFO, type CheckId } from "../verify/report";

/** Failing the same check this many times in a row counts as stuck. */
export const STUCK_FAILURE_STREAK = 3;
const DAY = 86_400_000;

export interface StuckRule {
  /** No activity for this many days (and not completed). */
  days: number;
  now?: Date;
}

export function stuckCutoff(rule: StuckRule): Date {
  return new Date((rule.now ?? new Date()).getTime() - rule.days * DAY);
}

/** The stuck condition as SQL on the setup table (the list and its count). */
export function stuckSql(rule: StuckRule): Prisma.Sql {
  return Prisma.sql`(status <> 'completed' AND ("lastActivityAt" < ${stuckCutoff(rule)} OR "consecutiveFailures" >= ${STUCK_FAILURE_STREAK}))`;
}

/** The same condition on one row, with the reason for the badge (null: not stuck). */
export function stuckReason(
  s: { status: string; lastActivityAt: Date; consecutiveFailures: number; lastFailedCheck: string | null },
  rule: StuckRule,
): string | null {
  if (s.status === "completed") return null;
  if (s.consecutiveFailures >= STUCK_FAILURE_STREAK) {
    return `${s.lastFailedCheck ?? "the same check"} failed ${s.consecutiveFailures} times in a row`;
  }
  if (s.lastActivityAt.getTime() < stuckCutoff(rule).getTime()) {
    const days = Math.floor(((rule.now ?? new Date()).getTime() - s.lastActivityAt.getTime()) / DAY);
    return `no activity for ${days} day${days === 1 ? "" : "s"}`;
  }
  return null;
}

/**
 * The step a stuck setup is stuck at: when a repeatedly failing check is why, the step that check is
 * failing (it can lie beyond the first unfinished step, say an unconfirmed prerequisite); else the
 * current step.
 * A check can fail a step other than its own (live.registration fails the permissions step when a
 * permission is missing at Microsoft): given the steps, the first one that check is failing is named.
 */
export function stuckAt(s: {
  currentStep: StepId | null;
  consecutiveFailures: number;
  lastFailedCheck: string | null;
  steps?: readonly { stepId: StepId; checks: { failing?: readonly string[] } | null }[];
}): StepId | null {
  if (s.consecutiveFailures >= STUCK_FAILURE_STREAK && s.lastFailedCheck && s.lastFailedCheck in CHECK_INFO) {
    const failing = s.steps?.find((step) => step.checks?.failing?.includes(s.lastFailedCheck!));
    return failing ? failing.stepId : CHECK_INFO[s.lastFailedCheck as CheckId].step;
  }
  return s.currentStep;
}
