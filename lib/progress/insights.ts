// Where customers drop off and what they get wrong: the step funnel and the most frequent failing
// checks over the last 7 / 30 / 90 days.
import "server-only";
import { getPrisma, Prisma, type SetupStatus } from "../db";
import { GUIDE, STEP_LIST } from "../steps";

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
}

export interface Funnel {
  days: number;
  since: Date;
  started: number;
  completed: number;
  steps: FunnelStep[];
}

/**
 * Setups created in the last `days` days, and for each step of the guide how many reached it.
 * A setup has reached step k when its current step (the first not yet verified or confirmed) is
 * k or later, or it is completed. One grouped query on the setup table.
 */
export async function stepFunnel(options: { days: number; now?: Date; guide?: string; steps?: readonly { id: string; title: string }[] }): Promise<Funnel> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.days * DAY);
  const guide = options.guide ?? GUIDE;
  const stepList = options.steps ?? STEP_LIST;
  const groups = await getPrisma().setup.groupBy({
    by: ["currentStep", "status"],
    where: { guide, createdAt: { gte: since, lte: now } },
    _count: { _all: true },
  });
  const index = new Map(stepList.map((s, i) => [s.id, i]));
  const last = stepList.length;
  let started = 0;
  let completed = 0;
  const reachedUpTo = new Array<number>(last + 1).fill(0); // count of setups whose furthest step index is i
  for (const g of groups) {
    const n = g._count._all;
    started += n;
    const status = g.status as SetupStatus;
    if (status === "completed" || g.currentStep === null) {
      if (status === "completed") completed += n;
      reachedUpTo[status === "completed" ? last : 0]! += n;
      continue;
    }
    reachedUpTo[index.get(g.currentStep) ?? 0]! += n;
  }
  // reached[k] = setups whose furthest index >= k
  const steps: FunnelStep[] = stepList.map((s, k) => {
    let reached = 0;
    for (let i = k; i <= last; i++) reached += reachedUpTo[i]!;
    return { stepId: s.id, title: s.title, reached, share: started ? reached / started : 0 };
  });
  return { days: options.days, since, started, completed, steps };
}

export interface FailingCheck {
  checkId: string;
  /** Failed runs that included this check. */
  failures: number;
  /** Distinct setups that hit it. */
  setups: number;
}

/** The checks that failed most often in runs of the last `days` days (runs without a setup count too). */
export async function topFailingChecks(options: { days: number; limit?: number; now?: Date }): Promise<FailingCheck[]> {
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
