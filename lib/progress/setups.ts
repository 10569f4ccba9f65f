// A customer's setup of the guide: start one, change its details, load it with its steps and
// recent runs, confirm a self-attested step, start a step's timer, read a run's report.
// Every change to a setup's progress runs in one transaction that first locks the setup row
// (SELECT … FOR UPDATE), so concurrent changes to one setup apply one after the other.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { config } from "../config";
import { getPrisma, Prisma } from "../db";
import { deriveSetupState, GUIDE, isConfirmable, isDone, isStepId, isVerifiable, STEP_INFO, STEPS, type StepId, type StepStatus } from "../steps";
import { parseEvidence, parseSubject, stepState, SUBJECT_KEY, type EvidenceSubject } from "./evidence";
import { reportSchema, type Report } from "../verify/report";
import { scrubOlderSecrets, scrubSecretShapes } from "../verify/secret-shapes";
import { ProgressInputError, SetupNotFoundError } from "./errors";
import { stuckReason } from "./stuck";
import type { CheckResult, RunDetail, RunSummary, SetupProgress, SetupView, StepState } from "./views";

export type Tx = Prisma.TransactionClient;

/** Unguessable public id: 128 random bits, base64url (22 characters). */
export function newPublicId(): string {
  return randomBytes(16).toString("base64url");
}

const PUBLIC_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** Public ids look like this (newPublicId makes them); anything else names no setup. */
export function isPublicIdShape(value: unknown): value is string {
  return typeof value === "string" && PUBLIC_ID.test(value);
}

export function checkPublicId(value: unknown, field = "setupPublicId"): string {
  if (!isPublicIdShape(value)) throw new ProgressInputError(field, "is not a valid id");
  return value;
}

export function checkStepId(value: unknown, field = "stepId"): StepId {
  if (!isStepId(value)) throw new ProgressInputError(field, `must be one of ${STEPS.join(", ")}`);
  return value;
}

/** Turns zod issues into a ProgressInputError naming the first bad field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ProgressInputError(issue.path.join(".") || "input", issue.message);
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

const detailsSchema = z.object({
  // A client secret pasted here (it happens: the field sits beside the checker's) is kept as its hint only.
  companyName: optionalText(200).transform((v) => (v === undefined ? v : scrubOlderSecrets(scrubSecretShapes(v).text))),
  contactEmail: z
    .string()
    .trim()
    .max(320, "must be at most 320 characters")
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .pipe(z.email("must be an email address").optional()),
});

const transactionOptions = { maxWait: 10_000, timeout: 20_000 } as const;

/** Runs fn in a transaction (generous waits: many recordings on one setup queue on its row lock). */
export function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getPrisma().$transaction(fn, transactionOptions);
}

/** Locks the setup row for the rest of the transaction; its id, or SetupNotFoundError. */
export async function lockSetup(tx: Tx, publicId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM setup WHERE "publicId" = ${publicId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new SetupNotFoundError(publicId);
  return row.id;
}

// ---- the one view ----

const runSelect = {
  id: true,
  publicId: true,
  stepId: true,
  source: true,
  summary: true,
  failedChecks: true,
  clientId: true,
  tenant: true,
  secretHint: true,
  durationMs: true,
  createdAt: true,
  report: true,
} satisfies Prisma.VerificationRunSelect;

type RunRow = Prisma.VerificationRunGetPayload<{ select: typeof runSelect }>;

/**
 * The checks of a stored report. A report that reads as the contract (reportSchema, lib/verify) gives
 * its checks; anything else is `unreadable`, keeping whatever entries still have an id and a status.
 */
export function readChecks(report: unknown): { checks: CheckResult[]; unreadable: boolean } {
  const strict = reportSchema.safeParse(report);
  if (strict.success) return { checks: strict.data.checks, unreadable: false };
  const list = report && typeof report === "object" && Array.isArray((report as { checks?: unknown }).checks) ? (report as { checks: unknown[] }).checks : null;
  if (!list) return { checks: [], unreadable: true };
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const checks: CheckResult[] = [];
  for (const c of list) {
    const o = (c ?? {}) as Record<string, unknown>;
    const status = o.status;
    if (typeof o.id !== "string" || !(status === "pass" || status === "warn" || status === "fail" || status === "skip" || status === "error")) continue;
    const item: CheckResult = { id: o.id, status };
    for (const k of ["title", "detail", "fix", "docs"] as const) if (str(o[k]) !== undefined) item[k] = str(o[k]);
    checks.push(item);
  }
  return { checks, unreadable: true };
}

function toRunSummary(r: RunRow): RunSummary {
  const { report, ...rest } = r;
  return { ...rest, stepId: isStepId(r.stepId) ? r.stepId : null, ...readChecks(report) };
}

/**
 * When every failing or warning check of a run has passed since (by the steps' evidence: the latest
 * verdict of each check), the time of the last of those passes; else null.
 */
export function laterPassOf(checks: readonly CheckResult[], steps: readonly { evidence: unknown }[], after: Date): Date | null {
  const problems = checks.filter((c) => c.status === "fail" || c.status === "warn");
  if (problems.length === 0) return null;
  const evidence = steps.map((s) => parseEvidence(s.evidence));
  let last: Date | null = null;
  for (const c of problems) {
    const items = evidence.map((e) => e[c.id]).filter((x) => x !== undefined);
    const latest = items.sort((a, b) => (a.at < b.at ? 1 : -1))[0];
    if (!latest || latest.status !== "pass") return null;
    const at = new Date(latest.at);
    if (!(at > after)) return null;
    if (!last || at > last) last = at;
  }
  return last;
}

/** Runs per page of a setup's runs: one setup can have hundreds (each with its report). */
export const RUNS_PER_PAGE = 20;

export interface SetupViewOptions {
  /** Runs per page (0: none). Default 0. */
  recentRuns?: number;
  /** The page of runs (1 = newest), clamped to the last page. */
  runPage?: number;
  /** Also find the newest run with a failing or warning check (the support page). */
  latestProblem?: boolean;
  /** "Now" for the stuck reason. */
  now?: Date;
}

/** A `?page=` value: a whole number from 1, anything else → 1. */
export function parseRunPage(raw: unknown): number {
  const n = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

/** The setup with every step in guide order and one page of its runs. */
export async function loadSetupView(db: Tx, setupId: string, options: SetupViewOptions = {}): Promise<SetupView> {
  const perPage = Math.max(0, Math.min(200, options.recentRuns ?? 0));
  const base = await db.setup.findUniqueOrThrow({ where: { id: setupId }, include: { steps: true, _count: { select: { runs: true } } } });
  const totalRuns = base._count.runs;
  const runPages = perPage ? Math.max(1, Math.ceil(totalRuns / perPage)) : 1;
  const runPage = Math.min(Math.max(1, Math.floor(options.runPage ?? 1)), runPages);
  const runs = perPage
    ? await db.verificationRun.findMany({
        where: { setupId },
        select: runSelect,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (runPage - 1) * perPage,
        take: perPage,
      })
    : [];
  const problem = options.latestProblem
    ? await db.verificationRun.findFirst({
        where: { setupId, summary: { in: ["fail", "warn"] } },
        select: runSelect,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      })
    : null;
  // "A later attempt passed": only when every check that failed or warned in that run has since passed
  // (the latest verdict in its step's evidence, newer than the run). Any later passing run is not
  // enough: it may have checked another step and left these problems as they were.
  const passedSince = problem ? laterPassOf(readChecks(problem.report).checks, base.steps, problem.createdAt) : null;
  const lastRunIds = base.steps.map((s) => s.lastRunId).filter((id): id is string => !!id);
  const runIds = new Map(
    lastRunIds.length
      ? (await db.verificationRun.findMany({ where: { id: { in: lastRunIds } }, select: { id: true, publicId: true } })).map((r) => [r.id, r.publicId])
      : [],
  );
  const steps = stepStatesOf(base.steps.map((s) => ({ ...s, lastRunPublicId: (s.lastRunId && runIds.get(s.lastRunId)) || null })));
  return {
    ...setupProgressOf(base, steps, options.now),
    recentRuns: runs.map(toRunSummary),
    totalRuns,
    runPage,
    runPages,
    latestProblemRun: problem ? toRunSummary(problem) : null,
    passedSinceProblemAt: passedSince,
  };
}

/**
 * Recomputes the setup's status, current step and completion from its step rows (inside the
 * transaction that changed them) and writes them with `extra`, touching lastActivityAt.
 */
export async function refreshSetupState(tx: Tx, setupId: string, now: Date, extra: Prisma.SetupUpdateInput = {}): Promise<void> {
  const rows = await tx.stepProgress.findMany({ where: { setupId }, select: { stepId: true, status: true } });
  const statuses: Partial<Record<StepId, (typeof rows)[number]["status"]>> = {};
  for (const r of rows) if (isStepId(r.stepId)) statuses[r.stepId] = r.status;
  const { status, currentStep, attemptedStepBits, completedStepBits } = deriveSetupState(statuses);
  const current = await tx.setup.findUniqueOrThrow({ where: { id: setupId }, select: { completedAt: true } });
  await tx.setup.update({
    where: { id: setupId },
    data: {
      ...extra,
      status,
      currentStep,
      attemptedStepBits,
      completedStepBits,
      lastActivityAt: now,
      completedAt: status === "completed" ? (current.completedAt ?? now) : null,
    },
  });
}

// ---- use-cases ----

export interface StartSetupInput {
  guide?: string;
  companyName?: string;
  contactEmail?: string;
}

/** Creates a setup and returns its unguessable public id (the customer's cookie / resume link). */
export async function startSetup(input: StartSetupInput = {}): Promise<string> {
  const details = parseInput(detailsSchema, { companyName: input.companyName, contactEmail: input.contactEmail });
  const guide = input.guide ?? GUIDE;
  if (guide !== GUIDE) throw new ProgressInputError("guide", `unknown guide (expected ${GUIDE})`);
  const publicId = newPublicId();
  await getPrisma().setup.create({
    data: { publicId, guide, companyName: details.companyName ?? null, contactEmail: details.contactEmail ?? null, currentStep: STEPS[0] },
  });
  return publicId;
}

/** Sets the company name / contact email (an empty string clears one). Null when the setup does not exist. */
export async function updateSetupDetails(
  setupPublicId: string,
  details: { companyName?: string; contactEmail?: string },
): Promise<SetupView | null> {
  const publicId = checkPublicId(setupPublicId);
  const parsed = parseInput(detailsSchema, details);
  const data: Prisma.SetupUpdateInput = { lastActivityAt: new Date() };
  if (details.companyName !== undefined) data.companyName = parsed.companyName ?? null;
  if (details.contactEmail !== undefined) data.contactEmail = parsed.contactEmail ?? null;
  return inTransaction(async (tx) => {
    const row = await tx.setup.findUnique({ where: { publicId }, select: { id: true } });
    if (!row) return null;
    await tx.setup.update({ where: { id: row.id }, data });
    return loadSetupView(tx, row.id);
  });
}

/** The setup with its steps (guide order) and, when asked, a page of its runs; or null. */
export async function getSetup(setupPublicId: string, options: SetupViewOptions = {}): Promise<SetupView | null> {
  if (!isPublicIdShape(setupPublicId)) return null;
  const prisma = getPrisma();
  const row = await prisma.setup.findUnique({ where: { publicId: setupPublicId }, select: { id: true } });
  return row ? loadSetupView(prisma, row.id, options) : null;
}

/** A run with its full report (the /reports/<publicId> permalink), or null. */
export async function getRun(runPublicId: string): Promise<RunDetail | null> {
  if (!isPublicIdShape(runPublicId)) return null;
  const run = await getPrisma().verificationRun.findUnique({
    where: { publicId: runPublicId },
    select: { ...runSelect, setup: { select: { publicId: true } } },
  });
  if (!run) return null;
  const { setup, ...row } = run;
  return { ...toRunSummary(row), report: row.report as unknown as Report, setupPublicId: setup?.publicId ?? null };
}

/**
 * The customer says a self-attested step is done (confirmed = true) or not done after all (false).
 * Only steps the checker cannot verify can be confirmed. Returns the updated setup.
 */
export async function confirmStep(setupPublicId: string, stepId: StepId, confirmed: boolean): Promise<SetupView> {
  const publicId = checkPublicId(setupPublicId);
  const step = checkStepId(stepId);
  if (!isConfirmable(step)) throw new ProgressInputError("stepId", `${step} is verified by the checker, not confirmed`);
  if (typeof confirmed !== "boolean") throw new ProgressInputError("confirmed", "must be true or false");
  const now = new Date();
  return inTransaction(async (tx) => {
    const setupId = await lockSetup(tx, publicId);
    const existing = await tx.stepProgress.findUnique({ where: { setupId_stepId: { setupId, stepId: step } } });
    const status = confirmed ? "confirmed" : existing?.startedAt ? "in_progress" : "not_started";
    // "Add the keys to the Codat Portal" remembers which app's keys they were — the app of a verified
    // registration or secret step, the keys the step shows (lib/customer/verified-keys.ts), and the secret
    // verified with that app — and record.ts unticks it once another app is verified (and ticks it again
    // back on that app with that secret). Ticked with nothing verified: no app is recorded, and no switch
    // unticks it.
    let evidence: Prisma.InputJsonValue | undefined;
    if (step === "add-keys-to-portal") {
      let keys: EvidenceSubject = {};
      if (confirmed) {
        const rows = await tx.stepProgress.findMany({
          where: { setupId, stepId: { in: ["client-secret", "register-application"] }, status: "verified" },
          select: { stepId: true, evidence: true },
        });
        rows.sort((a, b) => (a.stepId === "client-secret" ? -1 : b.stepId === "client-secret" ? 1 : 0));
        const subjects = rows.map((r) => parseSubject(r.evidence));
        const app = subjects.map((s) => s.clientId).find((id) => id !== undefined);
        const secret = subjects.find((s) => s.clientId === app && s.secret !== undefined)?.secret;
        if (app) keys = { clientId: app, ...(secret ? { secret } : {}) };
      }
      evidence = keys.clientId ? { [SUBJECT_KEY]: { ...keys } } : {};
    }
    await tx.stepProgress.upsert({
      where: { setupId_stepId: { setupId, stepId: step } },
      create: { setupId, stepId: step, status, completedAt: confirmed ? now : null, ...(evidence !== undefined ? { evidence } : {}) },
      update: {
        status,
        completedAt: confirmed ? (existing?.completedAt && isDone(existing.status) ? existing.completedAt : now) : null,
        ...(evidence !== undefined ? { evidence } : {}),
      },
    });
    await refreshSetupState(tx, setupId, now);
    return loadSetupView(tx, setupId);
  });
}

/** Marks a step as started (sets startedAt once; a not-started step becomes in_progress). */
export async function startStep(setupPublicId: string, stepId: StepId): Promise<SetupView> {
  const publicId = checkPublicId(setupPublicId);
  const step = checkStepId(stepId);
  const now = new Date();
  return inTransaction(async (tx) => {
    const setupId = await lockSetup(tx, publicId);
    const existing = await tx.stepProgress.findUnique({ where: { setupId_stepId: { setupId, stepId: step } } });
    if (!existing) {
      await tx.stepProgress.create({ data: { setupId, stepId: step, status: "in_progress", startedAt: now } });
    } else if (!existing.startedAt || existing.status === "not_started") {
      await tx.stepProgress.update({
        where: { setupId_stepId: { setupId, stepId: step } },
        data: { startedAt: existing.startedAt ?? now, status: existing.status === "not_started" ? "in_progress" : existing.status },
      });
    }
    await refreshSetupState(tx, setupId, now);
    return loadSetupView(tx, setupId);
  });
}

/** Validates a report against the contract (lib/verify/report.ts). */
export function checkReport(report: unknown): Report {
  const r = reportSchema.safeParse(report);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ProgressInputError(`report${issue.path.length ? `.${issue.path.join(".")}` : ""}`, issue.message);
  }
  return r.data as Report;
}

/** A step row as stored, with its latest run's public id (null when none). */
export type StepRowOf = Omit<StepState, "stepId" | "title" | "checks" | "trust"> & {
  stepId: string;
  evidence: unknown;
  trust: string | null;
};

/** Every step of the guide, in guide order, from the setup's step rows (missing rows: not started). */
export function stepStatesOf(rows: readonly StepRowOf[]): StepState[] {
  const byStep = new Map(rows.map((s) => [s.stepId, s]));
  return STEPS.map((stepId) => {
    const s = byStep.get(stepId);
    return {
      stepId,
      title: STEP_INFO[stepId].title,
      status: s?.status ?? "not_started",
      attemptCount: s?.attemptCount ?? 0,
      firstAttemptAt: s?.firstAttemptAt ?? null,
      lastAttemptAt: s?.lastAttemptAt ?? null,
      startedAt: s?.startedAt ?? null,
      completedAt: s?.completedAt ?? null,
      lastRunPublicId: s?.lastRunPublicId ?? null,
      ...stepChecksOf(stepId, s?.evidence, s?.status ?? "not_started", s?.trust ?? null),
      // Undone by record.ts when other keys were verified (it keeps the keys' subject; a customer's own
      // untick clears it).
      ...(stepId === "add-keys-to-portal" && s && s.status !== "confirmed" && parseSubject(s.evidence).clientId !== undefined ? { keysChanged: true as const } : {}),
    };
  });
}

/** The setup row's columns as the data layer shows them. */
export type SetupRowOf = Omit<SetupProgress, "currentStep" | "stuck" | "steps"> & { currentStep: string | null };

/** A setup row and its step states as a SetupProgress (with the stuck reason as of `now`). */
export function setupProgressOf(base: SetupRowOf, steps: StepState[], now?: Date): SetupProgress {
  return {
    id: base.id,
    publicId: base.publicId,
    guide: base.guide,
    companyName: base.companyName,
    contactEmail: base.contactEmail,
    status: base.status,
    currentStep: isStepId(base.currentStep) ? base.currentStep : null,
    clientId: base.clientId,
    tenant: base.tenant,
    secretHint: base.secretHint,
    failedRuns: base.failedRuns,
    consecutiveFailures: base.consecutiveFailures,
    lastFailedCheck: base.lastFailedCheck,
    createdAt: base.createdAt,
    lastActivityAt: base.lastActivityAt,
    completedAt: base.completedAt,
    stuck: stuckReason(base, { days: config().SUPPORT_STUCK_DAYS, now }),
    steps,
  };
}

/** The required checks of a verifiable step from its stored evidence, and the trust of a verified one. */
function stepChecksOf(stepId: StepId, evidence: unknown, status: StepStatus, trust: string | null): Pick<StepState, "checks" | "trust"> {
  if (!isVerifiable(stepId)) return { checks: null, trust: null };
  const state = stepState(stepId, parseEvidence(evidence));
  return {
    checks: { done: state.done, total: state.total, missing: state.missing, failing: state.failing },
    trust: status === "verified" && (trust === "rules" || trust === "microsoft") ? trust : null,
  };
}
