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
import { escapeLiteral } from "pg";
import { getPrisma, Prisma, withPgTransaction, type ReportStatus, type RunSource, type StepStatus } from "../db";
import { redact, type Report } from "../verify/report";
import { secretFingerprint, secretHint } from "./fingerprint";
import { randomUUID } from "node:crypto";
import { checkPublicId, checkReport, loadSetupView, newPublicId, parseInput, setupProgressOf, stepStatesOf, type SetupRowOf, type StepRowOf } from "./setups";
import { deriveSetupState, isStepId, STEPS, VERIFIABLE_STEPS, type StepId, type VerifiableStep } from "../steps";
import { SetupNotFoundError } from "./errors";
import { checkStatusFor, evidenceFor, mergeEvidence, nextSubject, parseEvidence, parseSubject, STALE_KEY, stepState, SUBJECT_KEY, subjectChanged, type EvidenceSubject } from "./evidence";
import type { SetupProgress } from "./views";

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
  /**
   * The setup's progress after the run (its steps, no runs: what the panels show); null for a run
   * outside any setup, or when `view: false` was asked.
   */
  setup: SetupProgress | null;
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
    (s) =>
      s === stepId ||
      report.checks.some((c) => {
        const status = checkStatusFor(c, s);
        return status !== undefined && status !== "skip";
      }),
  );
}

/**
 * A step's progress after a run: the run's checks merged into the step's evidence, and the status
 * that evidence supports (lib/progress/evidence.ts). An attempted step is never "not started".
 */
export function nextStepProgress(
  step: VerifiableStep,
  previous: { evidence: unknown } | undefined,
  report: Report,
  now: Date,
  subject: EvidenceSubject = {},
  currentSecret?: string,
) {
  // Another app (or, for the secret step, another secret) than the evidence was about: start afresh, or
  // from what was set aside about this one, and set the replaced evidence aside (evidenceFor).
  const { base, aside } = evidenceFor(step, previous?.evidence, subject, currentSecret);
  const before = parseSubject(base);
  const checks = mergeEvidence(parseEvidence(base), report.checks, step, now);
  const state = stepState(step, checks);
  const status = attemptedStatus(state.status);
  const about = nextSubject(step, before, subject);
  const evidence: Record<string, unknown> = Object.keys(about).length > 0 ? { ...checks, [SUBJECT_KEY]: about } : { ...checks };
  if (aside.length > 0) evidence[STALE_KEY] = aside;
  return { evidence, status, trust: state.trust };
}

/** A step with attempts behind it is never "not started". */
function attemptedStatus(status: StepStatus): StepStatus {
  return status === "not_started" ? "in_progress" : status;
}

/**
 * Microsoft refused the sign-in for the run's client ID and tenant (AADSTS700016, 90002, 900023: live.token
 * fails having learnt nothing about the secret, `byStep: {}`, lib/verify/live.ts tokenFailure): the client
 * ID is no evidence of which app this setup is about — a mistyped GUID must not start every step afresh,
 * replace the setup's client ID and tenant, or add its results to the app the steps are about. (A signed-in
 * read that finds no registration is not counted: the app may be installed from another tenant, where its
 * consent results are real.)
 */
export function idsRefused(report: Report): boolean {
  return report.checks.some((c) => c.id === "live.token" && c.status === "fail" && c.byStep !== undefined && Object.keys(c.byStep).length === 0);
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
    recorded = await recordInTransaction(setupPublicId, runData, report, parsed.stepId);
  } catch (e) {
    // The lock makes a duplicate key impossible between our own transactions; should another
    // writer have inserted it anyway (23505: unique violation), answer as a duplicate.
    if (parsed.idempotencyKey && (e instanceof DuplicateKeyRace || (e as { code?: unknown }).code === "23505")) {
      return existingRun(setupPublicId, parsed.idempotencyKey, input.view !== false);
    }
    throw e;
  }
  if (input.view === false) return { runPublicId: recorded.runPublicId, duplicate: recorded.duplicate, setup: null };
  // A duplicate wrote nothing: its progress is read (after the commit, without the lock).
  const setup = recorded.progress ?? (await readProgress(recorded.setupId));
  return { runPublicId: recorded.runPublicId, duplicate: recorded.duplicate, setup };
}

async function existingRun(setupPublicId: string, key: string, view: boolean): Promise<RecordRunResult> {
  const prisma = getPrisma();
  const setup = await prisma.setup.findUniqueOrThrow({ where: { publicId: setupPublicId }, select: { id: true } });
  const run = await prisma.verificationRun.findUniqueOrThrow({
    where: { setupId_idempotencyKey: { setupId: setup.id, idempotencyKey: key } },
    select: { publicId: true },
  });
  return { runPublicId: run.publicId, duplicate: true, setup: view ? await readProgress(setup.id) : null };
}

/** The setup's progress as stored now (a duplicate wrote nothing to build it from). */
async function readProgress(setupId: string): Promise<SetupProgress> {
  const { recentRuns, totalRuns, runPage, runPages, latestProblemRun, passedSinceProblemAt, ...progress } = await loadSetupView(getPrisma(), setupId);
  void [recentRuns, totalRuns, runPage, runPages, latestProblemRun, passedSinceProblemAt];
  return progress;
}

/** What the transaction decided, and the setup's progress after it (null for a duplicate). */
interface Recorded {
  setupId: string;
  runPublicId: string;
  duplicate: boolean;
  progress: SetupProgress | null;
}

/** As Prisma's transaction timeout for the other use-cases (lib/progress/setups.ts). */
const TRANSACTION_TIMEOUT_MS = 20_000;

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

/** RunSource as stored (prisma/schema.prisma maps signed_in to "signed-in"); raw SQL needs the stored value. */
const DB_SOURCE: Record<RunSource, string> = { form: "form", manifest: "manifest", live: "live", api: "api", cli: "cli", signed_in: "signed-in" };

/** A step row as statement 2 reads it (json_build_object gives timestamps as text; they are parsed back). */
type StepRow = StepRowOf;
type StepJson = Omit<StepRow, "firstAttemptAt" | "lastAttemptAt" | "startedAt" | "completedAt"> & Record<"firstAttemptAt" | "lastAttemptAt" | "startedAt" | "completedAt", string | null>;

const INSERT_RUN_READ_STEPS = `
  WITH ins AS (
    INSERT INTO verification_run
      (id, "publicId", "setupId", "stepId", source, summary, report, "failedChecks", "clientId", tenant,
       "secretFingerprint", "secretHint", "durationMs", "idempotencyKey", "createdAt")
    VALUES ($1::uuid, $2, $3::uuid, $4, $5::"RunSource", $6::"ReportStatus", $7::jsonb, $8::text[], $9, $10, $11, $12, $13::int, $14, $15::timestamptz)
    ON CONFLICT ("setupId", "idempotencyKey") DO NOTHING
    RETURNING "publicId"
  )
  SELECT
    (SELECT "publicId" FROM ins) AS inserted,
    (SELECT "publicId" FROM verification_run
      WHERE $14::text IS NOT NULL AND "setupId" = $3::uuid AND "idempotencyKey" = $14) AS existing,
    (SELECT coalesce(json_agg(json_build_object(
        'stepId', p."stepId", 'status', p.status, 'evidence', p.evidence, 'trust', p.trust, 'attemptCount', p."attemptCount",
        'firstAttemptAt', p."firstAttemptAt", 'lastAttemptAt', p."lastAttemptAt", 'startedAt', p."startedAt",
        'completedAt', p."completedAt", 'lastRunPublicId', r."publicId")), '[]'::json)
      FROM step_progress p LEFT JOIN verification_run r ON r.id = p."lastRunId"
      WHERE p."setupId" = $3::uuid) AS steps`;

const UPSERT_STEPS_UPDATE_SETUP = `
  WITH up AS (
    INSERT INTO step_progress
      ("setupId", "stepId", status, evidence, trust, "completedAt", "lastAttemptAt", "lastRunId", "attemptCount", "firstAttemptAt")
    SELECT $1::uuid, u.step, u.status::"StepStatus", u.evidence::jsonb, u.trust, u.completed::timestamptz,
      CASE WHEN u.attempted THEN $2::timestamptz END, CASE WHEN u.attempted THEN $3::uuid END,
      CASE WHEN u.attempted THEN 1 ELSE 0 END, CASE WHEN u.attempted THEN $2::timestamptz END
    FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $21::boolean[]) AS u(step, status, evidence, trust, completed, attempted)
    ON CONFLICT ("setupId", "stepId") DO UPDATE SET
      status = EXCLUDED.status, evidence = EXCLUDED.evidence, trust = EXCLUDED.trust, "completedAt" = EXCLUDED."completedAt",
      "lastAttemptAt" = coalesce(EXCLUDED."lastAttemptAt", step_progress."lastAttemptAt"),
      "lastRunId" = coalesce(EXCLUDED."lastRunId", step_progress."lastRunId"),
      "attemptCount" = step_progress."attemptCount" + EXCLUDED."attemptCount",
      "firstAttemptAt" = coalesce(step_progress."firstAttemptAt", EXCLUDED."firstAttemptAt")
    RETURNING 1
  )
  UPDATE setup SET
    "failedRuns" = "failedRuns" + $9::int,
    "consecutiveFailures" = coalesce($10::int, "consecutiveFailures"),
    "failStreaks" = coalesce($22::jsonb, "failStreaks"),
    "lastFailedCheck" = CASE WHEN $11::boolean THEN $12::text ELSE "lastFailedCheck" END,
    "clientId" = coalesce($13::text, "clientId"),
    tenant = coalesce($14::text, tenant),
    "secretFingerprint" = coalesce($15::text, "secretFingerprint"),
    "secretHint" = CASE WHEN $15::text IS NULL THEN "secretHint" ELSE $16::text END,
    status = $17::"SetupStatus",
    "currentStep" = $18::text,
    "attemptedStepBits" = $19::int,
    "completedStepBits" = $20::int,
    "lastActivityAt" = $2::timestamptz,
    "completedAt" = CASE WHEN $17::text = 'completed' THEN coalesce("completedAt", $2::timestamptz) ELSE NULL END
  WHERE id = $1::uuid
  RETURNING id::text AS id, "publicId", guide, "companyName", "contactEmail", status::text AS status, "currentStep", "clientId", tenant,
    "secretHint", "failedRuns", "consecutiveFailures", "lastFailedCheck", "createdAt", "lastActivityAt", "completedAt"`;

/**
 * The failure streaks after a run, or undefined to keep them (a run that could not check anything).
 * Each check failing in this run continues its own streak (or starts one); a check that did not fail
 * drops out; a passing run clears them all. The longest streak is the setup's consecutiveFailures and
 * its check the lastFailedCheck (on a tie the check already named stays named, else the run's first).
 * Rows written before streaks were kept per check hold `{}`: their single streak is read as the only one.
 */
export function nextFailStreaks(
  row: { lastFailedCheck: string | null; consecutiveFailures: number; failStreaks: unknown },
  summary: string,
  failedChecks: readonly string[],
): { streaks: Record<string, number>; longest: number; check: string | null } | undefined {
  if (summary === "pass" || summary === "warn") return { streaks: {}, longest: 0, check: null };
  if (summary !== "fail") return undefined;
  const stored = row.failStreaks && typeof row.failStreaks === "object" && !Array.isArray(row.failStreaks) ? (row.failStreaks as Record<string, unknown>) : {};
  const before: Record<string, number> = {};
  for (const [k, v] of Object.entries(stored)) if (typeof v === "number" && Number.isInteger(v) && v > 0) before[k] = v;
  if (Object.keys(before).length === 0 && row.lastFailedCheck !== null && row.consecutiveFailures > 0) before[row.lastFailedCheck] = row.consecutiveFailures;
  const streaks: Record<string, number> = {};
  for (const c of failedChecks) streaks[c] = (before[c] ?? 0) + 1;
  let check: string | null = null;
  let longest = 0;
  for (const c of failedChecks) {
    const n = streaks[c]!;
    if (n > longest || (n === longest && c === row.lastFailedCheck)) {
      longest = n;
      check = c;
    }
  }
  return { streaks, longest, check };
}

/**
 * Four round trips on one pooled connection (lib/db withPgTransaction), straight SQL: the hot path
 * of every verification, so it skips Prisma's query engine (≈ 80 % of its cost here):
 *  1. BEGIN and lock the setup row (SELECT … FOR UPDATE), reading the counters the run updates;
 *  2. insert the run (ON CONFLICT on the idempotency key DO NOTHING) and, in the same statement, read
 *     the setup's step rows (with their latest run's public id) and the run an earlier submission
 *     stored under the same key;
 *  3. upsert the covered steps' rows (unnest; and reset the other steps whose evidence is about another
 *     app, without counting an attempt) and update the setup's counters, status and current step,
 *     returning the setup row;
 *  4. COMMIT.
 * Each statement after the lock takes a fresh snapshot (READ COMMITTED), so it sees every recording
 * committed before ours. Evidence, step statuses and the setup's state are computed here, in
 * TypeScript, by the same functions as before (mergeEvidence / stepState / deriveSetupState), and the
 * setup's progress after the run is built from what was read and written: no read after the commit.
 */
async function recordInTransaction(setupPublicId: string, runData: RunData, report: Report, stepId: StepId | null): Promise<Recorded> {
  // The public id was checked against [A-Za-z0-9_-]{16,64} (checkPublicId); escaped all the same.
  const lock = `SELECT id::text AS id, "lastFailedCheck", "consecutiveFailures", "failStreaks", "clientId", "secretFingerprint" FROM setup WHERE "publicId" = ${escapeLiteral(setupPublicId)} FOR UPDATE`;
  return withPgTransaction(
    async (client, [locked]) => {
      const row = locked?.rows[0] as
        | { id: string; lastFailedCheck: string | null; consecutiveFailures: number; failStreaks: unknown; clientId: string | null; secretFingerprint: string | null }
        | undefined;
      if (!row) throw new SetupNotFoundError(setupPublicId);
      const setupId = row.id;
      // Timestamps are taken under the lock: runs of one setup are dated in the order they applied.
      const now = new Date();
      const nowIso = now.toISOString();
      const runId = randomUUID();

      const written = await client.query<{ inserted: string | null; existing: string | null; steps: StepJson[] }>(
        INSERT_RUN_READ_STEPS,
        [
          runId, runData.publicId, setupId, runData.stepId, DB_SOURCE[runData.source], runData.summary, JSON.stringify(report),
          runData.failedChecks, runData.clientId, runData.tenant, runData.secretFingerprint, runData.secretHint, runData.durationMs,
          runData.idempotencyKey, nowIso,
        ],
      );
      const w = written.rows[0];
      if (!w?.inserted) {
        if (w?.existing) return { setupId, runPublicId: w.existing, duplicate: true, progress: null };
        throw new DuplicateKeyRace();
      }

      // json_build_object gives timestamps as text: back to Dates.
      const date = (v: string | null) => (v === null ? null : new Date(v));
      const rows: StepRow[] = w.steps.map((r) => ({
        ...r,
        firstAttemptAt: date(r.firstAttemptAt),
        lastAttemptAt: date(r.lastAttemptAt),
        startedAt: date(r.startedAt),
        completedAt: date(r.completedAt),
      }));
      const byStep = new Map(rows.map((r) => [r.stepId, r]));
      const statuses: Partial<Record<StepId, StepStatus>> = {};
      for (const r of rows) if (isStepId(r.stepId)) statuses[r.stepId] = r.status;

      // Every step the run covers: one attempt more, its evidence, and the status that evidence supports.
      const covered = coveredSteps(report, stepId);
      const up = {
        step: [] as string[],
        status: [] as string[],
        evidence: [] as string[],
        trust: [] as (string | null)[],
        completedAt: [] as (string | null)[],
        attempted: [] as boolean[],
      };
      /** One step row for statement 3 (and its status for the setup's state); `attempted`: the run counts as one of its attempts. */
      const stage = (step: StepId, row: { status: StepStatus; evidence: unknown; trust: string | null; completedAt: Date | null }, attempted: boolean) => {
        statuses[step] = row.status;
        up.step.push(step);
        up.status.push(row.status);
        up.evidence.push(JSON.stringify(row.evidence ?? {}));
        up.trust.push(row.trust);
        up.completedAt.push(row.completedAt ? row.completedAt.toISOString() : null);
        up.attempted.push(attempted);
      };
      // A client ID Microsoft refused the sign-in for is no evidence of which app the setup is about (idsRefused).
      const refused = idsRefused(report);
      // (A client ID the checker itself rejects never gets here: the caller passes clientIdOf's, lib/verify.)
      const app = runData.clientId && !refused ? runData.clientId : null;
      // A run that names no app (a redirect URI sent alone) is about the setup's app, the last one named:
      // what it learns is that app's, never credited to the next app named.
      // A refused run about the setup's own app (a mistyped tenant) is still about that app.
      const onApp = app ?? (refused && runData.clientId !== row.clientId ? null : row.clientId);
      const currentSecret = runData.secretFingerprint ?? row.secretFingerprint ?? undefined;
      for (const step of covered) {
        const prev = byStep.get(step);
        const subject: EvidenceSubject = {
          ...(onApp ? { clientId: onApp } : {}),
          ...(runData.secretFingerprint ? { secret: runData.secretFingerprint } : {}),
        };
        // Results about a client ID Microsoft refused never join evidence about any other app (or evidence
        // set aside for one): the attempt is counted, the step stays as it was. A new secret is still a new
        // secret: the secret step starts afresh for it (it was never tried), as for any other secret.
        const stored = parseSubject(prev?.evidence);
        const newSecret = step === "client-secret" && !!runData.secretFingerprint && stored.secret !== undefined && stored.secret !== runData.secretFingerprint;
        const keep = refused && !!runData.clientId && prev !== undefined && stored.clientId !== runData.clientId && !newSecret;
        const { evidence, status, trust } = keep
          ? { evidence: prev.evidence as Record<string, unknown>, status: prev.status, trust: prev.trust }
          : nextStepProgress(step, prev, report, now, subject, currentSecret);
        // Verified since: kept while the step stays verified about the same app (and secret); evidence
        // about another one, or given back, is verified from now.
        const sameSubject = !subjectChanged(step, parseSubject(prev?.evidence), parseSubject(evidence));
        const completedAt = status === "verified" ? (prev?.completedAt && prev.status === status && sameSubject ? prev.completedAt : now) : null;
        stage(step, { status, evidence, trust, completedAt }, true);
        // The row as statement 3 writes it, for the progress returned below.
        byStep.set(step, {
          stepId: step,
          status,
          evidence,
          trust,
          attemptCount: (prev?.attemptCount ?? 0) + 1,
          firstAttemptAt: prev?.firstAttemptAt ?? now,
          lastAttemptAt: now,
          startedAt: prev?.startedAt ?? null,
          completedAt,
          lastRunPublicId: runData.publicId,
        });
      }

      // The steps the run does not cover whose evidence is about another app (the customer made a new
      // registration, say): that evidence says nothing about the app this run names, so it is set aside
      // (evidenceFor) and the step starts afresh — or, when this app's evidence was the one set aside (a
      // mistyped client ID, then the right one again), gets it back. No attempt counted, the latest report
      // kept; the setup is never complete on two apps' checks.
      if (app) {
        for (const step of VERIFIABLE_STEPS) {
          const prev = byStep.get(step);
          if (covered.includes(step) || !prev) continue;
          const { base, aside, changed } = evidenceFor(step, prev.evidence, { clientId: app }, currentSecret);
          if (!changed) continue;
          const evidence: Record<string, unknown> = { ...base };
          if (aside.length > 0) evidence[STALE_KEY] = aside;
          const state = stepState(step, parseEvidence(base));
          const status = attemptedStatus(state.status);
          const completedAt = status === "verified" ? now : null;
          stage(step, { status, evidence, trust: state.trust, completedAt }, false);
          byStep.set(step, { ...prev, status, evidence, trust: state.trust, completedAt });
        }
      }

      // The keys the customer entered in the Codat Portal were another app's (the one the tick was given
      // for, kept as its subject by confirmStep), and this app now has a verified step of its own: "Add
      // the keys" is not done for it (unticked, as the customer would untick it; the portal step shows the
      // keys of the app now verified). A client ID typed alone verifies nothing, so it unticks nothing
      // (one typed with a correct redirect URI and account type is verified by the rules: they cannot know
      // whether the app exists); one Microsoft refused changes nothing at all (app is null then). Back to the
      // app the tick was given for, verified again — and the secret it was given with, if one was verified
      // then, verified again too — the tick comes back: the customer's word was about those keys, and only
      // the switch took it away. Likewise a new secret of the same app, verified, unticks a tick given with
      // the old one: the portal needs the new secret. A tick the customer took back (confirmStep(false))
      // keeps no app, so it never comes back by itself.
      const keys = byStep.get("add-keys-to-portal");
      const keysSubject = keys ? parseSubject(keys.evidence) : {};
      const keysFor = keysSubject.clientId;
      const appVerified = VERIFIABLE_STEPS.some((s) => statuses[s] === "verified" && parseSubject(byStep.get(s)?.evidence).clientId === onApp);
      if (onApp && keys && keysFor !== undefined && appVerified) {
        const ticked = keys.status === "confirmed";
        const secretNow = parseSubject(byStep.get("client-secret")?.evidence);
        const secretVerified = statuses["client-secret"] === "verified" && secretNow.clientId === onApp && secretNow.secret !== undefined;
        const newSecretVerified = keysSubject.secret !== undefined && secretVerified && secretNow.secret !== keysSubject.secret;
        // Ticked with a verified secret: it comes back only with that secret verified again (not merely
        // pasted again: it may have expired since).
        const sameKeys =
          keysFor === onApp && (keysSubject.secret === undefined ? true : secretVerified && secretNow.secret === keysSubject.secret && keysSubject.secret === currentSecret);
        if (ticked ? keysFor !== onApp || newSecretVerified : sameKeys) {
          const status: StepStatus = ticked ? (keys.startedAt ? "in_progress" : "not_started") : "confirmed";
          const completedAt = ticked ? null : now;
          stage("add-keys-to-portal", { status, evidence: keys.evidence, trust: null, completedAt }, false);
          byStep.set("add-keys-to-portal", { ...keys, status, completedAt });
        }
      }

      // The setup's counters: failed runs, and how many runs in a row each failing check failed.
      const failedInc = runData.summary === "fail" ? 1 : 0;
      const streak = nextFailStreaks(row, runData.summary, runData.failedChecks);
      const consecutive = streak?.longest ?? null;
      const setLastFailed = streak !== undefined;
      const lastFailed = streak?.check ?? null;
      const { status, currentStep, attemptedStepBits, completedStepBits } = deriveSetupState(statuses);

      const updated = await client.query<SetupRowOf>(UPSERT_STEPS_UPDATE_SETUP, [
        setupId, nowIso, runId, up.step, up.status, up.evidence, up.trust, up.completedAt,
        failedInc, consecutive, setLastFailed, lastFailed,
        app, refused ? null : runData.tenant || null, runData.secretFingerprint || null, runData.secretHint,
        status, currentStep, attemptedStepBits, completedStepBits, up.attempted,
        streak ? JSON.stringify(streak.streaks) : null,
      ]);
      const setupRow = updated.rows[0];
      if (!setupRow) throw new SetupNotFoundError(setupPublicId);
      return { setupId, runPublicId: runData.publicId, duplicate: false, progress: setupProgressOf(setupRow, stepStatesOf([...byStep.values()]), now) };
    },
    { begin: lock, statementTimeoutMs: TRANSACTION_TIMEOUT_MS },
  );
}
