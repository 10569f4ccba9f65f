// A setup's full story for support: the step grid (status, first/last seen) and a timeline of
// every verification attempt with its check results, each failure's fix and the source.
import { z } from "zod";
import type { PrismaClient, ReportStatus, RunSource, SetupStatus, StepStatus } from "../db";
import { stuckReason, type StuckRule } from "./setups";

/** A check result as stored in a run's report (verification contract); unknown extra fields are ignored. */
const checkSchema = z.object({
  id: z.string(),
  step: z.string().optional(),
  status: z.enum(["pass", "warn", "fail", "skip", "error"]),
  title: z.string().optional(),
  detail: z.string().optional(),
  fix: z.string().optional(),
  docs: z.string().optional(),
});
const reportSchema = z.object({ checks: z.array(z.unknown()).default([]) }).passthrough();

export type CheckResult = z.infer<typeof checkSchema>;

export interface TimelineRun {
  id: string;
  publicId: string;
  stepId: string | null;
  source: RunSource;
  summary: ReportStatus;
  clientId: string | null;
  tenant: string | null;
  secretHint: string | null;
  durationMs: number;
  createdAt: Date;
  checks: CheckResult[];
  /** True when the stored report could not be read as the contract's shape. */
  unreadable: boolean;
}

export interface StepCell {
  stepId: string;
  title: string;
  status: StepStatus;
  attemptCount: number;
  firstAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
}

export interface SetupDetail {
  id: string;
  publicId: string;
  guide: string;
  companyName: string | null;
  contactEmail: string | null;
  status: SetupStatus;
  currentStep: string | null;
  clientId: string | null;
  tenant: string | null;
  secretHint: string | null;
  failedRuns: number;
  lastFailedCheck: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  lastActivityAt: Date;
  completedAt: Date | null;
  stuck: string | null;
  steps: StepCell[];
  /** One page of the timeline, newest first. */
  runs: TimelineRun[];
  /** All runs of the setup. */
  totalRuns: number;
  /** The page shown (1 = newest) and the number of pages (at least 1). */
  runPage: number;
  runPages: number;
  /** The newest run with a failing or warning check, whatever page is shown. */
  latestProblemRun: TimelineRun | null;
}

/** Runs per timeline page: one setup can have hundreds of runs (each with its report). */
export const RUNS_PER_PAGE = 20;

export function parseChecks(report: unknown): { checks: CheckResult[]; unreadable: boolean } {
  const r = reportSchema.safeParse(report);
  if (!r.success) return { checks: [], unreadable: true };
  const checks: CheckResult[] = [];
  let unreadable = false;
  for (const c of r.data.checks) {
    const parsed = checkSchema.safeParse(c);
    if (parsed.success) checks.push(parsed.data);
    else unreadable = true;
  }
  return { checks, unreadable };
}

/** A `?page=` value: a whole number from 1, anything else → 1. */
export function parseRunPage(raw: unknown): number {
  const n = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

type RunRow = {
  id: string;
  publicId: string;
  stepId: string | null;
  source: RunSource;
  summary: ReportStatus;
  clientId: string | null;
  tenant: string | null;
  secretHint: string | null;
  durationMs: number;
  createdAt: Date;
  report: unknown;
};

function toTimelineRun(r: RunRow): TimelineRun {
  const { checks, unreadable } = parseChecks(r.report);
  return {
    id: r.id,
    publicId: r.publicId,
    stepId: r.stepId,
    source: r.source,
    summary: r.summary,
    clientId: r.clientId,
    tenant: r.tenant,
    secretHint: r.secretHint,
    durationMs: r.durationMs,
    createdAt: r.createdAt,
    checks,
    unreadable,
  };
}

/**
 * The setup behind a public id, or null. Steps come in the guide's order (`stepOrder`), including
 * steps with no progress row yet; runs newest first, one page of `runsPerPage` (page `runPage`,
 * clamped to the last page).
 */
export async function getSetupDetail(
  prisma: PrismaClient,
  publicId: string,
  options: { stepOrder: { id: string; title: string }[]; rule: StuckRule; runPage?: number; runsPerPage?: number },
): Promise<SetupDetail | null> {
  const perPage = Math.max(1, Math.min(200, options.runsPerPage ?? RUNS_PER_PAGE));
  const base = await prisma.setup.findUnique({ where: { publicId }, select: { id: true, _count: { select: { runs: true } } } });
  if (!base) return null;
  const totalRuns = base._count.runs;
  const runPages = Math.max(1, Math.ceil(totalRuns / perPage));
  const runPage = Math.min(Math.max(1, Math.floor(options.runPage ?? 1)), runPages);
  const setup = await prisma.setup.findUnique({
    where: { publicId },
    include: {
      steps: true,
      runs: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (runPage - 1) * perPage, take: perPage },
    },
  });
  if (!setup) return null;
  const problem = await prisma.verificationRun.findFirst({
    where: { setupId: base.id, summary: { in: ["fail", "warn"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const byId = new Map(setup.steps.map((s) => [s.stepId, s]));
  const known = new Set(options.stepOrder.map((s) => s.id));
  const cells: StepCell[] = [
    ...options.stepOrder.map((s) => ({ id: s.id, title: s.title })),
    ...setup.steps.filter((s) => !known.has(s.stepId)).map((s) => ({ id: s.stepId, title: s.stepId })),
  ].map(({ id, title }) => {
    const p = byId.get(id);
    return {
      stepId: id,
      title,
      status: p?.status ?? "not_started",
      attemptCount: p?.attemptCount ?? 0,
      firstAttemptAt: p?.firstAttemptAt ?? null,
      lastAttemptAt: p?.lastAttemptAt ?? null,
      startedAt: p?.startedAt ?? null,
      completedAt: p?.completedAt ?? null,
    };
  });
  const runs = setup.runs.map(toTimelineRun);
  return {
    id: setup.id,
    publicId: setup.publicId,
    guide: setup.guide,
    companyName: setup.companyName,
    contactEmail: setup.contactEmail,
    status: setup.status,
    currentStep: setup.currentStep,
    clientId: setup.clientId,
    tenant: setup.tenant,
    secretHint: setup.secretHint,
    failedRuns: setup.failedRuns,
    lastFailedCheck: setup.lastFailedCheck,
    consecutiveFailures: setup.consecutiveFailures,
    createdAt: setup.createdAt,
    lastActivityAt: setup.lastActivityAt,
    completedAt: setup.completedAt,
    stuck: stuckReason(setup, options.rule),
    steps: cells,
    runs,
    totalRuns,
    runPage,
    runPages,
    latestProblemRun: problem ? toTimelineRun(problem) : null,
  };
}
