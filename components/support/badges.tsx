import type { ReportStatus, SetupStatus, StepStatus } from "@/lib/db";
import { STATUS_LABELS } from "@/lib/support/filters";

const base = "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

const SETUP_TONE: Record<SetupStatus, string> = {
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30",
  failing: "bg-rose-50 text-rose-800 ring-rose-600/30 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-400/30",
  in_progress: "bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/30",
  not_started: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-400/30",
};

export function SetupStatusBadge({ status }: { status: SetupStatus }) {
  return <span className={`${base} ${SETUP_TONE[status]}`}>{STATUS_LABELS[status]}</span>;
}

export const STEP_TONE: Record<StepStatus, string> = {
  verified: "bg-emerald-50 text-emerald-900 ring-emerald-600/40 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-400/40",
  confirmed: "bg-emerald-50 text-emerald-900 ring-emerald-600/40 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-400/40",
  failed: "bg-rose-50 text-rose-900 ring-rose-600/40 dark:bg-rose-950 dark:text-rose-100 dark:ring-rose-400/40",
  in_progress: "bg-amber-50 text-amber-900 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-400/40",
  not_started: "bg-zinc-50 text-zinc-700 ring-zinc-400/40 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-600/60",
};

export const STEP_LABEL: Record<StepStatus, string> = {
  verified: "Verified",
  confirmed: "Confirmed",
  failed: "Failed",
  in_progress: "In progress",
  not_started: "Not started",
};

const STEP_ICON: Record<StepStatus, string> = {
  verified: "✓",
  confirmed: "✓",
  failed: "✕",
  in_progress: "…",
  not_started: "○",
};

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return (
    <span className={`${base} ${STEP_TONE[status]}`}>
      <span aria-hidden="true">{STEP_ICON[status]}</span>
      {STEP_LABEL[status]}
    </span>
  );
}

const CHECK_TONE: Record<ReportStatus, string> = {
  pass: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30",
  warn: "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30",
  fail: "bg-rose-50 text-rose-800 ring-rose-600/30 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-400/30",
  skip: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30",
  error: "bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/30",
};

const CHECK_LABEL: Record<ReportStatus, string> = { pass: "Pass", warn: "Warn", fail: "Fail", skip: "Skipped", error: "Could not check" };

export function CheckStatusBadge({ status }: { status: ReportStatus }) {
  return <span className={`${base} ${CHECK_TONE[status]}`}>{CHECK_LABEL[status]}</span>;
}

export function StuckBadge({ reason }: { reason: string }) {
  return (
    <span
      className={`${base} bg-amber-100 text-amber-900 ring-amber-600/40 dark:bg-amber-900/60 dark:text-amber-100 dark:ring-amber-400/40`}
      title={reason}
    >
      <span aria-hidden="true">⚠</span> Stuck
    </span>
  );
}
