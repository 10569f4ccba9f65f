// What the customer use-cases need from storage, in their own words. lib/customer/store.ts implements
// it on lib/progress (Postgres); every method may throw when the database is unreachable, and the
// use-cases turn that into an honest "not saved" instead of an error page.
import type { Report } from "../verify";
import type { StepId } from "./steps";
import type { ProgressView } from "./view";

export type RunSource = "form" | "manifest" | "live" | "signed_in";

export interface RecordRunInput {
  setupPublicId: string;
  /** null for a whole-manifest run (it covers several steps). */
  step: StepId | null;
  source: RunSource;
  report: Report;
  /** Used only to compute the keyed fingerprint and the 3-character hint; never stored. */
  secret?: string;
  clientId?: string;
  tenant?: string;
  durationMs: number;
  idempotencyKey: string;
}

export interface RecordedRun {
  runPublicId: string;
  /** true when this idempotency key was already recorded (a double submit): nothing new was written. */
  duplicate: boolean;
  progress: ProgressView;
}

export interface RunView {
  publicId: string;
  step: StepId | null;
  source: string;
  report: Report;
  createdAt: string;
  clientId: string | null;
  tenant: string | null;
  secretHint: string | null;
  /** The setup it belongs to (only for showing the viewer their own progress, never displayed to others). */
  setupPublicId: string | null;
}

export interface CustomerStore {
  findSetup(publicId: string): Promise<ProgressView | null>;
  createSetup(details: { companyName?: string; contactEmail?: string }): Promise<ProgressView>;
  updateDetails(publicId: string, details: { companyName?: string; contactEmail?: string }): Promise<ProgressView | null>;
  recordRun(input: RecordRunInput): Promise<RecordedRun>;
  confirmStep(publicId: string, step: StepId, confirmed: boolean): Promise<ProgressView | null>;
  startStep(publicId: string, step: StepId): Promise<ProgressView | null>;
  getRun(runPublicId: string): Promise<RunView | null>;
}
