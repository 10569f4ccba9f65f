// Recording a verification run: the run, the progress of every step it covers and the setup's
// summary, all in ONE transaction (never a run without its progress, or the reverse).
//
// Concurrency: the transaction starts by locking the setup row (SELECT … FOR UPDATE), so recordings
// on one setup apply one after the other and counters never lose an update. Idempotency: a run
// carries an optional client-chosen key, unique per setup; a second submission with the same key
// records nothing and returns the first run (the lock makes the check-then-insert safe, and the
// unique index backs it up).
import "server-only";
import { z } from "zod";
import { getPrisma, Prisma, type ReportStatus, type RunSource, type StepStatus } from "../db";
import { redact, type Report } from "../verify/report";
import { secretFingerprint, secretHint } from "./fingerprint";
import { checkPublicId, checkReport, inTransaction, loadSetupView, lockSetup, newPublicId, parseInput, refreshSetupState, type Tx } from "./setups";
import { CONFIRMING_CHECKS, STEPS, VERIFIABLE_STEPS, type StepId, type VerifiableStep } from "../steps";
import { mergeEvidence, parseEvidence, stepState } from "./evidence";
import type { SetupView } from "./views";

export interface RecordRunInput {
  /** The setup the run belongs to; null for a run outside any setup (API / CLI without a setup). */
  setupPublicId: string | null;
  /** The step the run was for; null for a whole-manifest run (its checks say which steps they cover). */
  stepId: StepId | null;
  source: RunSource;
  /** The report, as in the verification contract. */
  report: Report;
  durationMs: number;
  /** Client-chosen key: a second submission with the same key (per setup) records nothing. */
  idempotencyKey?: string;
  clientId?: string;
  tenant?: string;
  /** Only fingerprinted (keyed HMAC) and hinted (3 characters); never stored, logged or returned. */
  secret?: string;
}

export interface RecordRunResult {
  runPublicId: string;
  /** True when the idempotency key had been recorded already: nothing new was written. */
  duplicate: boolean;
  /** The setup after the run (null for a run outside any setup). */
  setup: SetupView | null;
}

const SOURCES = ["form", "manifest", "live", "api", "cli", "signed_in"] as const satisfies readonly RunSource[];

const inputSchema = z.object({
  stepId: z.enum(STEPS as unknown as [StepId, ...StepId[]]).nullable(),
  source: z.enum(SOURCES),
  durationMs: z.number().int("must be a whole number of milliseconds").min(0).max(600_000),
  idempotencyKey: z.string().trim().min(8, "must be at least 8 characters").max(100).optional(),
  clientId: z.string().trim().max(64).optional(),
  tenant: z.string().trim().max(255).optional(),
  secret: z.string().min(1).max(1024).optional(),
});

/**
 * The verifiable steps a run covers: those with a check that ran (not skipped) about them, or a
 * check that confirms them with Microsoft, and always the step the run was for.
 */
export function coveredSteps(report: Report, stepId: StepId | null): VerifiableStep[] {
  return VERIFIABLE_STEPS.filter(
    (s) => s === stepId || report.checks.some((c) => c.status !== "skip" && (c.step === s || CONFIRMING_CHECKS[s].includes(c.id))),
  );
}

/**
 * A step's progress after a run: the run's checks merged into the step's evidence, and the status
 * that evidence supports (lib/progress/evidence.ts). An attempted step is never "not started".
 */
export function nextStepProgress(step: VerifiableStep, previous: { evidence: unknown } | undefined, report: Report, now: Date) {
  const evidence = mergeEvidence(parseEvidence(previous?.evidence), report.checks, step, now);
  const state = stepState(step, evidence);
  const status: StepStatus = state.status === "not_started" ? "in_progress" : state.status;
  return { evidence, status, trust: state.trust };
}

/** Records a run and updates the progress it implies, atomically. See the top of this file. */
export async function recordRun(input: RecordRunInput): Promise<RecordRunResult> {
  const parsed = parseInput(inputSchema, input);
  const setupPublicId = input.setupPublicId === null ? null : checkPublicId(input.setupPublicId);
  const secret = parsed.secret;
  // Defence in depth: whatever produced the report, no copy of the secret is stored with it.
  const report = checkReport(secret ? redact(input.report, [secret]) : input.report);
  const failedChecks = report.checks.filter((c) => c.status === "fail").map((c) => c.id);
  const clientId = parsed.clientId ? parsed.clientId.toLowerCase() : undefined;
  const fingerprint = secret ? secretFingerprint(secret) : undefined;
  const hint = secret ? secretHint(secret) : undefined;
  const now = new Date();

  const runData = {
    publicId: newPublicId(),
    stepId: parsed.stepId,
    source: parsed.source,
    summary: report.summary as ReportStatus,
    report: report as unknown as Prisma.InputJsonValue,
    failedChecks,
    clientId: clientId ?? null,
    tenant: parsed.tenant ?? null,
    secretFingerprint: fingerprint ?? null,
    secretHint: hint ?? null,
    durationMs: parsed.durationMs,
    idempotencyKey: parsed.idempotencyKey ?? null,
    createdAt: now,
  };

  if (setupPublicId === null) {
    if (parsed.idempotencyKey) {
      const existing = await getPrisma().verificationRun.findFirst({
        where: { setupId: null, idempotencyKey: parsed.idempotencyKey },
        select: { publicId: true },
      });
      if (existing) return { runPublicId: existing.publicId, duplicate: true, setup: null };
    }
    const run = await getPrisma().verificationRun.create({ data: runData, select: { publicId: true } });
    return { runPublicId: run.publicId, duplicate: false, setup: null };
  }

  try {
    return await inTransaction((tx) => recordInTransaction(tx, setupPublicId, runData, report, parsed.stepId));
  } catch (e) {
    // The lock makes a duplicate key impossible between our own transactions; should another
    // writer have inserted it anyway, answer as a duplicate.
    if (parsed.idempotencyKey && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      return existingRun(setupPublicId, parsed.idempotencyKey);
    }
    throw e;
  }
}

async function existingRun(setupPublicId: string, key: string): Promise<RecordRunResult> {
  const prisma = getPrisma();
  const setup = await prisma.setup.findUniqueOrThrow({ where: { publicId: setupPublicId }, select: { id: true } });
  const run = await prisma.verificationRun.findUniqueOrThrow({
    where: { setupId_idempotencyKey: { setupId: setup.id, idempotencyKey: key } },
    select: { publicId: true },
  });
  return { runPublicId: run.publicId, duplicate: true, setup: await loadSetupView(prisma, setup.id) };
}

async function recordInTransaction(
  tx: Tx,
  setupPublicId: string,
  runData: Omit<Prisma.VerificationRunUncheckedCreateInput, "setupId"> & { idempotencyKey: string | null; failedChecks: string[]; clientId: string | null; tenant: string | null; secretFingerprint: string | null; secretHint: string | null },
  report: Report,
  stepId: StepId | null,
): Promise<RecordRunResult> {
  const setupId = await lockSetup(tx, setupPublicId);
  // Timestamps are taken under the lock: runs of one setup are dated in the order they applied.
  const now = new Date();

  if (runData.idempotencyKey) {
    const existing = await tx.verificationRun.findUnique({
      where: { setupId_idempotencyKey: { setupId, idempotencyKey: runData.idempotencyKey } },
      select: { publicId: true },
    });
    if (existing) return { runPublicId: existing.publicId, duplicate: true, setup: await loadSetupView(tx, setupId) };
  }

  const run = await tx.verificationRun.create({ data: { ...runData, setupId, createdAt: now }, select: { id: true, publicId: true } });

  // Every step the run covers: one attempt more, its evidence, and the status that evidence supports.
  const covered = coveredSteps(report, stepId);
  if (covered.length) {
    const existing = await tx.stepProgress.findMany({ where: { setupId, stepId: { in: covered } } });
    const byStep = new Map(existing.map((s) => [s.stepId, s]));
    for (const step of covered) {
      const prev = byStep.get(step);
      const { evidence, status, trust } = nextStepProgress(step, prev, report, now);
      const completedAt = status === "verified" ? (prev?.completedAt && prev.status === status ? prev.completedAt : now) : null;
      const data = { status, evidence: evidence as unknown as Prisma.InputJsonValue, trust, completedAt, lastAttemptAt: now, lastRunId: run.id };
      await tx.stepProgress.upsert({
        where: { setupId_stepId: { setupId, stepId: step } },
        create: { setupId, stepId: step, attemptCount: 1, firstAttemptAt: now, ...data },
        update: { attemptCount: { increment: 1 }, firstAttemptAt: prev?.firstAttemptAt ?? now, ...data },
      });
    }
  }

  // The setup's counters: failed runs, and how many runs in a row failed on the same check.
  const setup = await tx.setup.findUniqueOrThrow({ where: { id: setupId }, select: { lastFailedCheck: true } });
  const extra: Prisma.SetupUpdateInput = {};
  if (report.summary === "fail") {
    const failed = runData.failedChecks;
    const same = setup.lastFailedCheck !== null && failed.includes(setup.lastFailedCheck);
    extra.failedRuns = { increment: 1 };
    if (same) extra.consecutiveFailures = { increment: 1 };
    else {
      extra.consecutiveFailures = 1;
      extra.lastFailedCheck = failed[0] ?? null;
    }
  } else if (report.summary === "pass" || report.summary === "warn") {
    extra.consecutiveFailures = 0;
    extra.lastFailedCheck = null;
  }
  if (runData.clientId) extra.clientId = runData.clientId;
  if (runData.tenant) extra.tenant = runData.tenant;
  if (runData.secretFingerprint) {
    extra.secretFingerprint = runData.secretFingerprint;
    extra.secretHint = runData.secretHint;
  }
  await refreshSetupState(tx, setupId, now, extra);

  return { runPublicId: run.publicId, duplicate: false, setup: await loadSetupView(tx, setupId) };
}
