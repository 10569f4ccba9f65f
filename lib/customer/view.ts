// What the browser gets to know about a customer's progress and a verification: plain data, no secret
// (the client ID and tenant they entered, the 3-character hint the portal shows too, at most).
// Client-safe: types only.
import type { FieldError, Report } from "../verify";
import type { StepId, StepStatus, Trust } from "../steps";

export interface StepView {
  status: StepStatus;
  attemptCount: number;
  lastAttemptAt: string | null;
  /** When the customer started a step they confirm themselves (the App Link install timer). */
  startedAt: string | null;
  completedAt: string | null;
  /** Permalink of the step's latest report, when there is one. */
  lastReportUrl: string | null;
  /** Verifiable steps: required checks done, of how many, the ids still missing and those failing the step (null: confirmed by the customer). */
  checks: { done: number; total: number; missing: string[]; failing?: string[] } | null;
  /** A verified step: checked by the rules, or confirmed with Microsoft. */
  trust: Trust | null;
  /** "Add the keys to the Codat Portal": ticked earlier for keys since replaced by other verified ones. */
  keysChanged?: true;
}

export interface ProgressView {
  publicId: string;
  /** Absolute /resume/<publicId> link: opens this progress on another device. */
  resumeUrl: string;
  companyName: string | null;
  contactEmail: string | null;
  clientId: string | null;
  tenant: string | null;
  /** First three characters of the last verified secret (what the portal shows too). */
  secretHint: string | null;
  currentStep: StepId | null;
  steps: Record<StepId, StepView>;
  createdAt: string;
}

export type ProgressLoad =
  | { state: "none" }
  | { state: "ok"; progress: ProgressView }
  | { state: "unavailable"; message: string };

export type SaveOutcome =
  | { ok: true; runId: string; reportUrl: string; duplicate: boolean }
  | { ok: false; message: string };

export interface VerifyResult {
  report: Report;
  saved: SaveOutcome;
  progress: ProgressView | null;
  /** Milliseconds the whole verification took on the server (rules + live + saving). */
  durationMs: number;
}

export type VerifyPhase = "token" | "graph";

/** What a verification streams to the panel: rules first, then which live check runs, then the end. */
export type VerifyEvent =
  | { phase: "invalid"; error: FieldError }
  | { phase: "rules"; report: Report; live: boolean; next: Promise<VerifyEvent> }
  | { phase: VerifyPhase; next: Promise<VerifyEvent> }
  | { phase: "done"; result: VerifyResult };
