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
import { randomUUID } from "node:crypto";
import { checkPublicId, checkReport, inTransaction, loadSetupView, newPublicId, parseInput, type Tx } from "./setups";
import { CONFIRMING_CHECKS, deriveSetupState, isStepId, STEPS, VERIFIABLE_STEPS, type StepId, type VerifiableStep } from "../steps";
import { SetupNotFoundError } from "./errors";
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
  /** False: the caller does not need the setup afterwards (`setup` is null; no view is read). */
  view?: boolean;
}

export interface RecordRunResult {
  runPublicId: string;
  /** True when the idempotency key had been recorded already: nothing new was written. */
  duplicate: boolean;
  /** The setup after the run (null for a run outside any setup, or when `view: false` was asked). */
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

  let recorded: Recorded;
  try {
    recorded = await inTransaction((tx) => recordInTransaction(tx, setupPublicId, runData, report, parsed.stepId));
  } catch (e) {
    // The lock makes a duplicate key impossible between our own transactions; should another
    // writer have inserted it anyway, answer as a duplicate.
    if (parsed.idempotencyKey && (e instanceof DuplicateKeyRace || (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002"))) {
      return existingRun(setupPublicId, parsed.idempotencyKey, input.view !== false);
    }
    throw e;
  }
  // The view is read after the commit (the lock is not held for it), and only when the caller wants it.
  const setup = input.view === false ? null : await loadSetupView(getPrisma(), recorded.setupId);
  return { runPublicId: recorded.runPublicId, duplicate: recorded.duplicate, setup };
}

async function existingRun(setupPublicId: string, key: string, view: boolean): Promise<RecordRunResult> {
  const prisma = getPrisma();
  const setup = await prisma.setup.findUniqueOrThrow({ where: { publicId: setupPublicId }, select: { id: true } });
  const run = await prisma.verificationRun.findUniqueOrThrow({
    where: { setupId_idempotencyKey: { setupId: setup.id, idempotencyKey: key } },
    select: { publicId: true },
  });
  return { runPublicId: run.publicId, duplicate: true, setup: view ? await loadSetupView(prisma, setup.id) : null };
}

/** What the transaction decided; the view, when wanted, is read after it commits. */
interface Recorded {
  setupId: string;
  runPublicId: string;
  duplicate: boolean;
}

/** Another writer holds the idempotency key but its run is not visible to us yet: answered as a duplicate. */
class DuplicateKeyRace extends Error {}

type RunData = Omit<Prisma.VerificationRunUncheckedCreateInput, "setupId"> & {
  publicId: string;
  stepId: StepId | null;
  source: RunSource;
  summary: ReportStatus;
  idempotencyKey: string | null;
  failedChecks: string[];
  clientId: string | null;
  tenant: string | null;
  secretFingerprint: string | null;
  secretHint: string | null;
  durationMs: number;
};

interface StepRow {
  stepId: string;
  status: StepStatus;
  evidence: unknown;
  completedAt: string | null;
}

const iso = (d: Date) => d.toISOString();

/** RunSource as stored (prisma/schema.prisma maps signed_in to "signed-in"); raw SQL needs the stored value. */
const DB_SOURCE: Record<RunSource, string> = { form: "form", manifest: "manifest", live: "live", api: "api", cli: "cli", signed_in: "signed-in" };

/**
 * Three statements while the setup row is locked (plus BEGIN / COMMIT):
 *  1. lock the setup row (SELECT … FOR UPDATE), reading the counters the run updates;
 *  2. insert the run (ON CONFLICT on the idempotency key DO NOTHING) and, in the same statement, read
 *     the setup's step rows and the run an earlier submission stored under the same key;
 *  3. upsert the covered steps' rows (unnest) and update the setup's counters, status and current step.
 * Each statement after the lock takes a fresh snapshot (READ COMMITTED), so it sees every recording
 * committed before ours. Evidence, step statuses and the setup's state are computed here, in
 * TypeScript, by the same functions as before (mergeEvidence / stepState / deriveSetupState).
 */
async function recordInTransaction(tx: Tx, setupPublicId: string, runData: RunData, report: Report, stepId: StepId | null): Promise<Recorded> {
  const locked = await tx.$queryRaw<{ id: string; lastFailedCheck: string | null }[]>`
    SELECT id::text AS id, "lastFailedCheck" FROM setup WHERE "publicId" = ${setupPublicId} FOR UPDATE`;
  const row = locked[0];
  if (!row) throw new SetupNotFoundError(setupPublicId);
  const setupId = row.id;
  // Timestamps are taken under the lock: runs of one setup are dated in the order they applied.
  const now = new Date();
  const runId = randomUUID();

  const [written] = await tx.$queryRaw<{ inserted: string | null; existing: string | null; steps: string }[]>`
    WITH ins AS (
      INSERT INTO verification_run
        (id, "publicId", "setupId", "stepId", source, summary, report, "failedChecks", "clientId", tenant,
         "secretFingerprint", "secretHint", "durationMs", "idempotencyKey", "createdAt")
      VALUES
        (${runId}::uuid, ${runData.publicId}, ${setupId}::uuid, ${runData.stepId}, ${DB_SOURCE[runData.source]}::"RunSource",
         ${runData.summary}::"ReportStatus", ${JSON.stringify(report)}::jsonb, ${runData.failedChecks}::text[],
         ${runData.clientId}, ${runData.tenant}, ${runData.secretFingerprint}, ${runData.secretHint},
         ${runData.durationMs}::int, ${runData.idempotencyKey}, ${iso(now)}::timestamptz)
      ON CONFLICT ("setupId", "idempotencyKey") DO NOTHING
      RETURNING "publicId"
    )
    SELECT
      (SELECT "publicId" FROM ins) AS inserted,
      (SELECT "publicId" FROM verification_run
        WHERE ${runData.idempotencyKey}::text IS NOT NULL AND "setupId" = ${setupId}::uuid AND "idempotencyKey" = ${runData.idempotencyKey}) AS existing,
      (SELECT coalesce(json_agg(json_build_object('stepId', "stepId", 'status', status, 'evidence', evidence, 'completedAt', "completedAt")), '[]'::json)::text
        FROM step_progress WHERE "setupId" = ${setupId}::uuid) AS steps`;
  if (!written?.inserted) {
    if (written?.existing) return { setupId, runPublicId: written.existing, duplicate: true };
    throw new DuplicateKeyRace();
  }

  // Every step the run covers: one attempt more, its evidence, and the status that evidence supports.
  const rows = JSON.parse(written.steps) as StepRow[];
  const byStep = new Map(rows.map((r) => [r.stepId, r]));
  const statuses: Partial<Record<StepId, StepStatus>> = {};
  for (const r of rows) if (isStepId(r.stepId)) statuses[r.stepId] = r.status;
  const covered = coveredSteps(report, stepId);
  const up = { step: [] as string[], status: [] as string[], evidence: [] as string[], trust: [] as (string | null)[], completedAt: [] as (string | null)[] };
  for (const step of covered) {
    const prev = byStep.get(step);
    const { evidence, status, trust } = nextStepProgress(step, prev, report, now);
    const completedAt = status === "verified" ? (prev?.completedAt && prev.status === status ? iso(new Date(prev.completedAt)) : iso(now)) : null;
    statuses[step] = status;
    up.step.push(step);
    up.status.push(status);
    up.evidence.push(JSON.stringify(evidence));
    up.trust.push(trust);
    up.completedAt.push(completedAt);
  }

  // The setup's counters: failed runs, and how many runs in a row failed on the same check.
  let failedInc = 0;
  let consecutive: "inc" | "one" | "zero" | "keep" = "keep";
  let setLastFailed = false;
  let lastFailed: string | null = null;
  if (runData.summary === "fail") {
    failedInc = 1;
    if (row.lastFailedCheck !== null && runData.failedChecks.includes(row.lastFailedCheck)) consecutive = "inc";
    else {
      consecutive = "one";
      setLastFailed = true;
      lastFailed = runData.failedChecks[0] ?? null;
    }
  } else if (runData.summary === "pass" || runData.summary === "warn") {
    consecutive = "zero";
    setLastFailed = true;
  }
  const { status, currentStep } = deriveSetupState(statuses);
  const nowIso = iso(now);

  await tx.$executeRaw`
    WITH up AS (
      INSERT INTO step_progress
        ("setupId", "stepId", status, evidence, trust, "completedAt", "lastAttemptAt", "lastRunId", "attemptCount", "firstAttemptAt")
      SELECT ${setupId}::uuid, u.step, u.status::"StepStatus", u.evidence::jsonb, u.trust, u.completed::timestamptz,
             ${nowIso}::timestamptz, ${runId}::uuid, 1, ${nowIso}::timestamptz
      FROM unnest(${up.step}::text[], ${up.status}::text[], ${up.evidence}::text[], ${up.trust}::text[], ${up.completedAt}::text[])
        AS u(step, status, evidence, trust, completed)
      ON CONFLICT ("setupId", "stepId") DO UPDATE SET
        status = EXCLUDED.status, evidence = EXCLUDED.evidence, trust = EXCLUDED.trust, "completedAt" = EXCLUDED."completedAt",
        "lastAttemptAt" = EXCLUDED."lastAttemptAt", "lastRunId" = EXCLUDED."lastRunId",
        "attemptCount" = step_progress."attemptCount" + 1,
        "firstAttemptAt" = coalesce(step_progress."firstAttemptAt", EXCLUDED."firstAttemptAt")
      RETURNING 1
    )
    UPDATE setup SET
      "failedRuns" = "failedRuns" + ${failedInc}::int,
      "consecutiveFailures" = CASE ${consecutive}::text WHEN 'inc' THEN "consecutiveFailures" + 1 WHEN 'one' THEN 1 WHEN 'zero' THEN 0 ELSE "consecutiveFailures" END,
      "lastFailedCheck" = CASE WHEN ${setLastFailed}::boolean THEN ${lastFailed}::text ELSE "lastFailedCheck" END,
      "clientId" = coalesce(${runData.clientId || null}::text, "clientId"),
      tenant = coalesce(${runData.tenant || null}::text, tenant),
      "secretFingerprint" = coalesce(${runData.secretFingerprint || null}::text, "secretFingerprint"),
      "secretHint" = CASE WHEN ${runData.secretFingerprint || null}::text IS NULL THEN "secretHint" ELSE ${runData.secretHint}::text END,
      status = ${status}::"SetupStatus",
      "currentStep" = ${currentStep}::text,
      "lastActivityAt" = ${nowIso}::timestamptz,
      "completedAt" = CASE WHEN ${status}::text = 'completed' THEN coalesce("completedAt", ${nowIso}::timestamptz) ELSE NULL END
    WHERE id = ${setupId}::uuid`;

  return { setupId, runPublicId: runData.publicId, duplicate: false };
}
