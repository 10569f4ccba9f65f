// Status badges of the support console: one class per badge (`badge` + its tone, app/globals.css)
// instead of a list of utilities, since a list page renders dozens of them, each twice (HTML and payload).
import type { ReportStatus, SetupStatus, StepStatus } from "@/lib/db";
import { setupStatusBadgeClass, STUCK_BADGE_CLASS } from "@/lib/support/badges";
import { STATUS_LABELS } from "@/lib/support/filters";

export function SetupStatusBadge({ status }: { status: SetupStatus }) {
  return <span className={setupStatusBadgeClass(status)}>{STATUS_LABELS[status]}</span>;
}

/** The tone class of a step's status (a badge's colours, also a step card's in the step grid). */
export const STEP_TONE: Record<StepStatus, string> = {
  verified: "t-done",
  confirmed: "t-done",
  failed: "t-failed",
  in_progress: "t-progress",
  not_started: "t-none",
};

export const STEP_LABEL: Record<StepStatus, string> = {
  verified: "Verified",
  confirmed: "Confirmed",
  failed: "Failed",
  in_progress: "In progress",
  not_started: "Not started",
};

/** Its icon comes from CSS (`.badge.i-…::before`, no text for screen readers): the label says it. */
const STEP_ICON: Record<StepStatus, string> = {
  verified: "i-ok",
  confirmed: "i-ok",
  failed: "i-fail",
  in_progress: "i-wait",
  not_started: "i-none",
};

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return <span className={`badge ${STEP_TONE[status]} ${STEP_ICON[status]}`}>{STEP_LABEL[status]}</span>;
}

const CHECK_LABEL: Record<ReportStatus, string> = { pass: "Pass", warn: "Warn", fail: "Fail", skip: "Skipped", error: "Could not check" };

export function CheckStatusBadge({ status }: { status: ReportStatus }) {
  return <span className={`badge c-${status}`}>{CHECK_LABEL[status]}</span>;
}

export function StuckBadge({ reason }: { reason: string }) {
  return (
    <span className={STUCK_BADGE_CLASS} title={reason}>
      Stuck
    </span>
  );
}
