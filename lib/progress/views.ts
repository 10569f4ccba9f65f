// What the progress use-cases return: plain objects (Dates, no Prisma types leaking), never a secret.
import type { Report } from "../verify/report";
import type { ReportStatus, RunSource, SetupStatus, StepStatus } from "../db";
import type { StepId } from "./steps";

export interface StepState {
  stepId: StepId;
  status: StepStatus;
  attemptCount: number;
  firstAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  /** When the customer started a step they confirm themselves (the extension-installation timer). */
  startedAt: Date | null;
  completedAt: Date | null;
  /** Permalink id of the latest run that touched this step. */
  lastRunPublicId: string | null;
}

export interface RunSummary {
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
}

export interface RunDetail extends RunSummary {
  report: Report;
  /** The setup the run belongs to, if any. */
  setupPublicId: string | null;
}

export interface SetupView {
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
  /** Every step of the guide, in guide order (not_started when never touched). */
  steps: StepState[];
  /** Newest first. */
  recentRuns: RunSummary[];
}
