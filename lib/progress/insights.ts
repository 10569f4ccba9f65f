// Where customers drop off and what they get wrong: the step funnel and the most frequent failing
// checks over the last 7 / 30 / 90 days.
import "server-only";
import { getPrisma, Prisma, type SetupStatus } from "../db";
import { GUIDE, isStepId, STEP_BIT, STEP_LIST } from "../steps";
import { failingChecksFromRollup } from "./failing-rollup";

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

const DAY = 24 * 60 * 60 * 1000;

export interface FunnelStep {
  stepId: string;
  title: string;
  /** Setups started in the period that reached this step (every earlier step verified or confirmed). */
  reached: number;
  /** reached / started, 0..1 */
  share: number;
  /** Setups started in the period that tried this step (checked it or started it), whatever came before. */
  attempted: number;
  /** Setups started in the period whose step is verified or confirmed, whatever came before. */
  completed: number;
}

export interface Funnel {
  days: number;
  since: Date;
  started: number;
  completed: number;
  steps: FunnelStep[];
}

/** How the funnel is built from (current step, status) groups and per-step attempted/completed counts. */
function funnelOf(
  days: number,
  since: Date,
  stepList: readonly { id: string; title: string }[],
  groups: readonly { currentStep: string | null; status: string; n: number }[],
  perStep: ReadonlyMap<string, { attempted: number; completed: number }>,
): Funnel {
  const index = new Map(stepList.map((s, i) => [s.id, i]));
  const last = stepList.length;
  let started = 0;
  let completed = 0;
  const reachedUpTo = new Array<number>(last + 1).fill(0); // count of setups whose furthest step index is i
  for (const g of groups) {
    started += g.n;
    const status = g.status as SetupStatus;
    if (status === "completed" || g.currentStep === null) {
      if (status === "completed") completed += g.n;
      reachedUpTo[status === "completed" ? last : 0]! += g.n;
      continue;
    }
    reachedUpTo[index.get(g.currentStep) ?? 0]! += g.n;
  }
  // reached[k] = setups whose furthest index >= k
  const steps: FunnelStep[] = stepList.map((s, k) => {
    let reached = 0;
    for (let i = k; i <= last; i++) reached += reachedUpTo[i]!;
    const own = perStep.get(s.id);
    return { stepId: s.id, title: s.title, reached, share: started ? reached / started : 0, attempted: own?.attempted ?? 0, completed: own?.completed ?? 0 };
  });
  return { days, since, started, completed, steps };
}

/**
 * Setups created in the last `days` days, and for each step of the guide how many reached it.
 * A setup has reached step k when its current step (the first not yet verified or confirmed) is
 * k or later, or it is completed. Beside it, per step, how many attempted and completed it on its own:
 * "reached" is strict (a first step nobody ticks holds every later one at 0), "attempted"/"completed"
 * show the work anyway. One grouped query on the setup table, an index-only scan of setup_funnel_idx:
 * each setup carries its steps' bits (attemptedStepBits / completedStepBits, lib/steps.ts STEP_BIT),
 * written with its status wherever its steps change, so no step row is read. Equal to stepFunnelByScan.
 */
export async function stepFunnel(options: { days: number; now?: Date; guide?: string; steps?: readonly { id: string; title: string }[] }): Promise<Funnel> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.days * DAY);
  const guide = options.guide ?? GUIDE;
  const stepList = options.steps ?? STEP_LIST;
  const groups = await getPrisma().$queryRaw<{ currentStep: string | null; status: string; attempted: number; completed: number; n: number }[]>`
    SELECT "currentStep", status::text AS status, "attemptedStepBits" AS attempted, "completedStepBits" AS completed, count(*)::int AS n
      FROM setup
     WHERE guide = ${guide} AND "createdAt" >= ${since} AND "createdAt" <= ${now}
     GROUP BY 1, 2, 3, 4`;
  const perStep = new Map<string, { attempted: number; completed: number }>();
  for (const s of stepList) {
    if (!isStepId(s.id)) continue;
    const bit = 1 << STEP_BIT[s.id];
    let attempted = 0;
    let completed = 0;
    for (const g of groups) {
      if (g.attempted & bit) attempted += g.n;
      if (g.completed & bit) completed += g.n;
    }
    perStep.set(s.id, { attempted, completed });
  }
  return funnelOf(options.days, since, stepList, groups, perStep);
}

/**
 * stepFunnel from the step rows themselves (a grouped query on setup and a join of step_progress):
 * the reference stepFunnel is tested and measured against (≈ 0.4 s for 90 days at 100k setups).
 */
export async function stepFunnelByScan(options: { days: number; now?: Date; guide?: string; steps?: readonly { id: string; title: string }[] }): Promise<Funnel> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.days * DAY);
  const guide = options.guide ?? GUIDE;
  const stepList = options.steps ?? STEP_LIST;
  const groups = await getPrisma().setup.groupBy({
    by: ["currentStep", "status"],
    where: { guide, createdAt: { gte: since, lte: now } },
    _count: { _all: true },
  });
  const perStep = await getPrisma().$queryRaw<{ stepId: string; attempted: number; completed: number }[]>`
    SELECT sp."stepId",
           count(*) FILTER (WHERE sp.status <> 'not_started')::int AS attempted,
           count(*) FILTER (WHERE sp.status IN ('verified', 'confirmed'))::int AS completed
      FROM step_progress sp JOIN setup s ON s.id = sp."setupId"
     WHERE s.guide = ${guide} AND s."createdAt" >= ${since} AND s."createdAt" <= ${now}
     GROUP BY sp."stepId"`;
  return funnelOf(
    options.days,
    since,
    stepList,
    groups.map((g) => ({ currentStep: g.currentStep, status: g.status, n: g._count._all })),
    new Map(perStep.map((r) => [r.stepId, r])),
  );
}

export interface FailingCheck {
  checkId: string;
  /** Failed runs that included this check. */
  failures: number;
  /** Distinct setups that hit it. */
  setups: number;
}

/**
 * The checks that failed most often in runs of the last `days` days (runs without a setup count too):
 * whole closed days from the daily rollup, the rest live (lib/progress/failing-rollup.ts). Equal to
 * topFailingChecksByScan, which reads every run of the period (≈ 1 s for 90 days at 360k runs).
 */
export async function topFailingChecks(options: { days: number; limit?: number; now?: Date }): Promise<FailingCheck[]> {
  const now = options.now ?? new Date();
  return failingChecksFromRollup(new Date(now.getTime() - options.days * DAY), now, options.limit ?? 10);
}

/** topFailingChecks by one pass over the period's runs: the reference the rollup is tested and measured against. */
export async function topFailingChecksByScan(options: { days: number; limit?: number; now?: Date }): Promise<FailingCheck[]> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.days * DAY);
  const limit = options.limit ?? 10;
  // One pass over the period's runs; JIT compilation costs more than it saves on this query (~0.2 s).
  const rows = await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<{ check_id: string; failures: bigint; setups: bigint }[]>(Prisma.sql`
      SELECT c AS check_id, count(*) AS failures, count(DISTINCT r."setupId") AS setups
      FROM verification_run r, unnest(r."failedChecks") AS c
      WHERE r."createdAt" >= ${since} AND r."createdAt" <= ${now} AND cardinality(r."failedChecks") > 0
      GROUP BY c
      ORDER BY failures DESC, c COLLATE "C" ASC
      LIMIT ${limit}`);
  });
  return rows.map((r) => ({ checkId: r.check_id, failures: Number(r.failures), setups: Number(r.setups) }));
}

export function parsePeriod(raw: string | string[] | undefined): PeriodDays {
  const v = Number(Array.isArray(raw) ? raw[0] : raw);
  return (PERIODS as readonly number[]).includes(v) ? (v as PeriodDays) : 30;
}
