// What the data layer returns: plain objects (Dates, no Prisma types leaking), never a secret.
// ONE view of a setup (SetupView) serves the customer's pages (lib/customer projects it for the
// browser) and the support console's setup page.
import type { Check, Report, Status } from "../verify/report";
import type { ReportStatus, RunSource, SetupStatus, StepStatus } from "../db";
import type { StepId, Trust } from "../steps";

/** How far a verifiable step's own required checks have got (lib/progress/evidence.ts). */
export interface StepChecks {
  /** Required checks satisfied (latest pass or warn) and how many the step requires. */
  done: number;
  total: number;
  /** The required check ids still without a passing verdict, in catalogue order. */
  missing: string[];
  /** The check ids whose latest verdict fails the step (required or blocking). */
  failing?: string[];
}

export interface StepState {
  stepId: StepId;
  /** The catalogue's title (lib/steps.ts). */
  title: string;
  status: StepStatus;
  attemptCount: number;
  firstAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  /** When the customer started a step they confirm themselves (the extension-installation timer). */
  startedAt: Date | null;
  completedAt: Date | null;
  /** Permalink id of the latest run that touched this step. */
  lastRunPublicId: string | null;
  /** Verifiable steps: their required checks so far (null for steps the customer confirms). */
  checks: StepChecks | null;
  /** A verified step: "rules" (checked by the rules) or "microsoft" (confirmed with Microsoft); else null. */
  trust: Trust | null;
  /** "Add the keys to the Codat Portal" only: ticked for other keys (another app, an older secret) and
   *  undone when those were replaced — the customer should enter the verified keys and tick it again. */
  keysChanged?: true;
}

/** A check of a stored report: the contract's Check when the report reads as the contract (reportSchema). */
export interface CheckResult {
  id: string;
  status: Status;
  step?: string;
  title?: string;
  detail?: string;
  fix?: string;
  docs?: string;
  link?: Check["link"];
}

export interface RunSummary {
  id: string;
  publicId: string;
  stepId: StepId | null;
  source: RunSource;
  summary: ReportStatus;
  failedChecks: string[];
  clientId: string | null;
  tenant: string | null;
  secretHint: string | null;
  durationMs: number;
  createdAt: Date;
  /** The run's checks, read from its stored report. */
  checks: CheckResult[];
  /** True when the stored report does not read as the contract's shape (reportSchema). */
  unreadable: boolean;
}

export interface RunDetail extends RunSummary {
  report: Report;
  /** The setup the run belongs to, if any. */
  setupPublicId: string | null;
}

/** A setup and every step's state, without its runs: what recordRun returns for the panels. */
export interface SetupProgress {
  id: string;
  publicId: string;
  guide: string;
  companyName: string | null;
  contactEmail: string | null;
  status: SetupStatus;
  currentStep: StepId | null;
  clientId: string | null;
  tenant: string | null;
  secretHint: string | null;
  failedRuns: number;
  consecutiveFailures: number;
  lastFailedCheck: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  completedAt: Date | null;
  /** Why support would flag it stuck (lib/progress/stuck.ts, SUPPORT_STUCK_DAYS), or null. */
  stuck: string | null;
  /** Every step of the guide, in guide order (not_started when never touched). */
  steps: StepState[];
}

/** The one view of a setup: its progress, and (when asked) its runs. */
export interface SetupView extends SetupProgress {
  /** One page of runs, newest first (none unless asked for). */
  recentRuns: RunSummary[];
  /** All runs of the setup. */
  totalRuns: number;
  /** The page of runs shown (1 = newest) and the number of pages (at least 1). */
  runPage: number;
  runPages: number;
  /** The newest run with a failing or warning check, whatever the page (only when asked for). */
  latestProblemRun: RunSummary | null;
  /** When a later attempt passed every check it ran (after latestProblemRun), or null. */
  passedSinceProblemAt: Date | null;
}

/** Support's names for the same types (components/support). */
export type StepCell = StepState;
export type TimelineRun = RunSummary;
