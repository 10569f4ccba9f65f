// How a check status and a step status look: an icon, a word and a colour (never colour alone).
import type { Status } from "@/lib/verify";
import { STEP_STATUS_TEXT, type StepStatus } from "@/lib/steps";

export const CHECK_STATUS_TEXT: Record<Status, string> = {
  pass: "Passed",
  warn: "Warning",
  fail: "Failed",
  skip: "Not checked",
  error: "Could not check",
};

const CHECK_STYLE: Record<Status, string> = {
  pass: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-200",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-600 dark:bg-amber-950/60 dark:text-amber-200",
  fail: "border-red-300 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950/60 dark:text-red-200",
  skip: "border-zinc-300 bg-zinc-50 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300",
  error: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950/60 dark:text-sky-200",
};

export function StatusGlyph({ status, className = "" }: { status: Status | "running"; className?: string }) {
  const common = { width: 14, height: 14, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2.5, strokeLinecap: "round" as const, strokeLinejoin: "round" as const, "aria-hidden": true, focusable: false, className };
  switch (status) {
    case "pass":
      return (
        <svg {...common}>
          <path d="M20 6 9 17l-5-5" />
        </svg>
      );
    case "fail":
      return (
        <svg {...common}>
          <path d="M18 6 6 18M6 6l12 12" />
        </svg>
      );
    case "warn":
      return (
        <svg {...common}>
          <path d="M12 8v5M12 17h.01" />
          <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
        </svg>
      );
    case "error":
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="9" />
          <path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17h.01" />
        </svg>
      );
    case "running":
      return (
        <svg {...common} className={`${className} animate-spin motion-reduce:animate-none`}>
          <path d="M21 12a9 9 0 1 1-6.2-8.6" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <path d="M5 12h14" />
        </svg>
      );
  }
}

export function CheckStatusBadge({ status }: { status: Status }) {
  return (
    <span data-status={status} className={`inline-flex shrink-0 items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-semibold ${CHECK_STYLE[status]}`}>
      <StatusGlyph status={status} />
      {CHECK_STATUS_TEXT[status]}
    </span>
  );
}

export const STEP_STYLE: Record<StepStatus, { chip: string; dot: string }> = {
  not_started: { chip: "border-zinc-300 bg-white text-zinc-700 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300", dot: "bg-zinc-300 dark:bg-zinc-600" },
  in_progress: { chip: "border-sky-400 bg-sky-50 text-sky-900 dark:border-sky-600 dark:bg-sky-950/60 dark:text-sky-200", dot: "bg-sky-500" },
  failed: { chip: "border-red-400 bg-red-50 text-red-900 dark:border-red-600 dark:bg-red-950/60 dark:text-red-200", dot: "bg-red-600" },
  verified: { chip: "border-emerald-500 bg-emerald-50 text-emerald-900 dark:border-emerald-600 dark:bg-emerald-950/60 dark:text-emerald-200", dot: "bg-emerald-600" },
  confirmed: { chip: "border-emerald-500 bg-emerald-50 text-emerald-900 dark:border-emerald-600 dark:bg-emerald-950/60 dark:text-emerald-200", dot: "bg-emerald-600" },
};

export function stepGlyphStatus(s: StepStatus): Status {
  return s === "verified" || s === "confirmed" ? "pass" : s === "failed" ? "fail" : s === "in_progress" ? "warn" : "skip";
}

export function StepStatusText({ status }: { status: StepStatus }) {
  return <>{STEP_STATUS_TEXT[status]}</>;
}
