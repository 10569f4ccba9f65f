// A customer's setup of the guide: start one, change its details, load it with its steps and
// recent runs, confirm a self-attested step, start a step's timer, read a run's report.
// Every change to a setup's progress runs in one transaction that first locks the setup row
// (SELECT … FOR UPDATE), so concurrent changes to one setup apply one after the other.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getPrisma, Prisma, type PrismaClient } from "../db";
import { reportSchema, type Report } from "../verify/report";
import { ProgressInputError, SetupNotFoundError } from "./errors";
import { deriveSetupState, GUIDE, isConfirmableStep, isDone, isStepId, STEP_IDS, type StepId } from "./steps";
import type { RunDetail, RunSummary, SetupView, StepState } from "./views";

export type Tx = Prisma.TransactionClient;

/** Unguessable public id: 128 random bits, base64url (22 characters). */
export function newPublicId(): string {
  return randomBytes(16).toString("base64url");
}

const PUBLIC_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function checkPublicId(value: unknown, field = "setupPublicId"): string {
  if (typeof value !== "string" || !PUBLIC_ID.test(value)) throw new ProgressInputError(field, "is not a valid id");
  return value;
}

export function checkStepId(value: unknown, field = "stepId"): StepId {
  if (!isStepId(value)) throw new ProgressInputError(field, `must be one of ${STEP_IDS.join(", ")}`);
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
  companyName: optionalText(200),
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
export function inTransaction<T>(fn: (tx: Tx) => Promise<T>, prisma: PrismaClient = getPrisma()): Promise<T> {
  return prisma.$transaction(fn, transactionOptions);
}

/** Locks the setup row for the rest of the transaction; its id, or SetupNotFoundError. */
export async function lockSetup(tx: Tx, publicId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM setup WHERE "publicId" = ${publicId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new SetupNotFoundError(publicId);
  return row.id;
}

// ---- views ----

const runSummarySelect = {
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
} satisfies Prisma.VerificationRunSelect;

function toRunSummary(r: Prisma.VerificationRunGetPayload<{ select: typeof runSummarySelect }>): RunSummary {
  return { ...r, stepId: isStepId(r.stepId) ? r.stepId : null };
}

/** The setup with every step in guide order and its newest runs. */
export async function loadSetupView(db: Tx | PrismaClient, setupId: string, recentRuns = 20): Promise<SetupView> {
  const setup = await db.setup.findUniqueOrThrow({
    where: { id: setupId },
    include: {
      steps: true,
      runs: { select: runSummarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: recentRuns },
    },
  });
  const lastRunIds = setup.steps.map((s) => s.lastRunId).filter((id): id is string => !!id);
  const runIds = new Map(
    lastRunIds.length
      ? (await db.verificationRun.findMany({ where: { id: { in: lastRunIds } }, select: { id: true, publicId: true } })).map((r) => [r.id, r.publicId])
      : [],
  );
  const byStep = new Map(setup.steps.map((s) => [s.stepId, s]));
  const steps: StepState[] = STEP_IDS.map((stepId) => {
    const s = byStep.get(stepId);
    return {
      stepId,
      status: s?.status ?? "not_started",
      attemptCount: s?.attemptCount ?? 0,
      firstAttemptAt: s?.firstAttemptAt ?? null,
      lastAttemptAt: s?.lastAttemptAt ?? null,
      startedAt: s?.startedAt ?? null,
      completedAt: s?.completedAt ?? null,
      lastRunPublicId: (s?.lastRunId && runIds.get(s.lastRunId)) || null,
    };
  });
  return {
    publicId: setup.publicId,
    guide: setup.guide,
    companyName: setup.companyName,
    contactEmail: setup.contactEmail,
    status: setup.status,
    currentStep: isStepId(setup.currentStep) ? setup.currentStep : null,
    clientId: setup.clientId,
    tenant: setup.tenant,
    secretHint: setup.secretHint,
    failedRuns: setup.failedRuns,
    consecutiveFailures: setup.consecutiveFailures,
    lastFailedCheck: setup.lastFailedCheck,
    createdAt: setup.createdAt,
    lastActivityAt: setup.lastActivityAt,
    completedAt: setup.completedAt,
    steps,
    recentRuns: setup.runs.map(toRunSummary),
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
  const { status, currentStep } = deriveSetupState(statuses);
  const current = await tx.setup.findUniqueOrThrow({ where: { id: setupId }, select: { completedAt: true } });
  await tx.setup.update({
    where: { id: setupId },
    data: {
      ...extra,
      status,
      currentStep,
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
    data: { publicId, guide, companyName: details.companyName ?? null, contactEmail: details.contactEmail ?? null, currentStep: STEP_IDS[0] },
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

/** The setup with its steps (guide order) and newest runs, or null. */
export async function getSetup(setupPublicId: string, options: { recentRuns?: number } = {}): Promise<SetupView | null> {
  if (typeof setupPublicId !== "string" || !PUBLIC_ID.test(setupPublicId)) return null;
  const prisma = getPrisma();
  const row = await prisma.setup.findUnique({ where: { publicId: setupPublicId }, select: { id: true } });
  return row ? loadSetupView(prisma, row.id, options.recentRuns ?? 20) : null;
}

/** A run with its full report (the /reports/<publicId> permalink), or null. */
export async function getRun(runPublicId: string): Promise<RunDetail | null> {
  if (typeof runPublicId !== "string" || !PUBLIC_ID.test(runPublicId)) return null;
  const run = await getPrisma().verificationRun.findUnique({
    where: { publicId: runPublicId },
    select: { ...runSummarySelect, report: true, setup: { select: { publicId: true } } },
  });
  if (!run) return null;
  const { report, setup, ...summary } = run;
  return { ...toRunSummary(summary), report: report as unknown as Report, setupPublicId: setup?.publicId ?? null };
}

/**
 * The customer says a self-attested step is done (confirmed = true) or not done after all (false).
 * Only steps the checker cannot verify can be confirmed. Returns the updated setup.
 */
export async function confirmStep(setupPublicId: string, stepId: StepId, confirmed: boolean): Promise<SetupView> {
  const publicId = checkPublicId(setupPublicId);
  const step = checkStepId(stepId);
  if (!isConfirmableStep(step)) throw new ProgressInputError("stepId", `${step} is verified by the checker, not confirmed`);
  if (typeof confirmed !== "boolean") throw new ProgressInputError("confirmed", "must be true or false");
  const now = new Date();
  return inTransaction(async (tx) => {
    const setupId = await lockSetup(tx, publicId);
    const existing = await tx.stepProgress.findUnique({ where: { setupId_stepId: { setupId, stepId: step } } });
    const status = confirmed ? "confirmed" : existing?.startedAt ? "in_progress" : "not_started";
    await tx.stepProgress.upsert({
      where: { setupId_stepId: { setupId, stepId: step } },
      create: { setupId, stepId: step, status, completedAt: confirmed ? now : null },
      update: { status, completedAt: confirmed ? (existing?.completedAt && isDone(existing.status) ? existing.completedAt : now) : null },
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
