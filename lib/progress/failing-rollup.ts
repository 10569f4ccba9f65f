// "Most frequent failing checks" from a daily rollup: closed UTC days are read from
// failing_check_daily (filled once per day by the first read that needs it), the rest of the period
// (the partial day at its start and the days not closed yet, today included) live from
// verification_run. The answer equals the full scan over verification_run exactly
// (tests/integration/failing-rollup.test.ts).
//
// Failures add up across days; distinct setups do not. Each rollup row therefore keeps `gap`: how
// many days before its day the same setup last failed the same check (0 = never before, -1 = runs
// without a setup). The setups of whole days [from, to) are the rows whose previous failure lies
// before `from` (gap = 0 or gap > day - from): each setup counted once, on its first failing day in the
// period. The live part counts the setups that have no failure of that check in the whole days.
//
// A day is closed an hour after it ends (ROLLUP_GRACE_MS): a run is stamped when its transaction
// starts, and none takes that long. Rows of a day are written in one transaction with the day's mark,
// under a transaction-level advisory lock (two first readers do not both compute), and with ON
// CONFLICT DO NOTHING. A run inserted, deleted or moved into a day already rolled up (a lagging
// clock, a backfill, db:seed, test fixtures) makes triggers on verification_run forget the rolled days
// from that day on, under the same lock (migration failing_rollup_late_runs); the next read rolls
// them up again. recordRun writes "now", which is never rolled up.
import "server-only";
import { getPrisma, Prisma } from "../db";

const DAY = 24 * 60 * 60 * 1000;
export const ROLLUP_GRACE_MS = 60 * 60 * 1000;
/** pg_advisory_xact_lock key of the rollup writers. */
const LOCK_KEY = 0x6663_6472; // "fcdr"

export interface FailingCheckRow {
  checkId: string;
  failures: number;
  setups: number;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** How a period splits: whole closed days [fullFrom, fullTo) from the rollup, the rest live. */
export function rollupPlan(since: Date, now: Date, realNow = Date.now()): { fullFrom: Date; fullTo: Date } {
  const from = Math.ceil(since.getTime() / DAY) * DAY;
  const closedUntil = Math.floor((realNow - ROLLUP_GRACE_MS) / DAY) * DAY;
  const to = Math.min(Math.floor(now.getTime() / DAY) * DAY, closedUntil);
  if (to <= from) return { fullFrom: since, fullTo: since };
  return { fullFrom: new Date(from), fullTo: new Date(to) };
}

/** Rolls up the days of [from, to) (UTC midnights) not rolled up yet; returns how many it wrote. */
export async function ensureRolledUp(from: Date, to: Date): Promise<number> {
  const prisma = getPrisma();
  const missingOf = async (q: Pick<typeof prisma, "$queryRaw">) =>
    (
      await q.$queryRaw<{ day: string }[]>`
        SELECT to_char(d, 'YYYY-MM-DD') AS day
          FROM generate_series(${isoDay(from.getTime())}::date, ${isoDay(to.getTime() - DAY)}::date, interval '1 day') AS d
         WHERE NOT EXISTS (SELECT 1 FROM failing_check_rollup r WHERE r.day = d::date)
         ORDER BY 1`
    )
      .map((r) => r.day)
      // Sorted here too: the first and last bound the scan below (PostgreSQL 16+ may hash the series).
      .sort();
  if (to.getTime() <= from.getTime() || (await missingOf(prisma)).length === 0) return 0;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      await tx.$executeRaw`SET LOCAL jit = off`;
      const missing = await missingOf(tx);
      if (missing.length === 0) return 0;
      const lo = new Date(`${missing[0]}T00:00:00.000Z`);
      const hi = new Date(new Date(`${missing[missing.length - 1]}T00:00:00.000Z`).getTime() + DAY);
      await tx.$executeRaw`
        WITH ev AS (
          SELECT (r."createdAt" AT TIME ZONE 'UTC')::date AS day, c AS check_id, r."setupId" AS setup_id, count(*)::int AS failures
            FROM verification_run r, unnest(r."failedChecks") AS c
           WHERE r."createdAt" >= ${lo} AND r."createdAt" < ${hi} AND cardinality(r."failedChecks") > 0
             AND (r."createdAt" AT TIME ZONE 'UTC')::date = ANY(${missing}::date[])
           GROUP BY 1, 2, 3
        ), g AS (
          SELECT ev.day, ev.check_id, ev.failures,
                 CASE WHEN ev.setup_id IS NULL THEN -1
                      ELSE coalesce(ev.day - (SELECT (max(p."createdAt") AT TIME ZONE 'UTC')::date
                                                FROM verification_run p
                                               WHERE p."setupId" = ev.setup_id
                                                 AND p."createdAt" < (ev.day::timestamp AT TIME ZONE 'UTC')
                                                 AND ev.check_id = ANY(p."failedChecks")), 0)
                 END AS gap
            FROM ev
        )
        INSERT INTO failing_check_daily (day, "checkId", gap, failures, setups)
        SELECT day, check_id, gap, sum(failures)::int, (count(*) FILTER (WHERE gap >= 0))::int
          FROM g GROUP BY 1, 2, 3
        ON CONFLICT DO NOTHING`;
      await tx.$executeRaw`INSERT INTO failing_check_rollup (day) SELECT unnest(${missing}::date[]) ON CONFLICT DO NOTHING`;
      return missing.length;
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/** The checks that failed most often in runs of [since, now], from the rollup and live rows. */
export async function failingChecksFromRollup(since: Date, now: Date, limit: number): Promise<FailingCheckRow[]> {
  const { fullFrom, fullTo } = rollupPlan(since, now);
  await ensureRolledUp(fullFrom, fullTo);
  const fromDay = isoDay(fullFrom.getTime());
  const toDay = isoDay(fullTo.getTime());
  const rows = await getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<{ check_id: string; failures: bigint | number | string; setups: bigint | number | string }[]>(Prisma.sql`
      WITH rolled AS (
        SELECT "checkId" AS check_id, sum(failures)::bigint AS failures,
               coalesce(sum(setups) FILTER (WHERE gap = 0 OR gap > day - ${fromDay}::date), 0)::bigint AS setups
          FROM failing_check_daily
         WHERE day >= ${fromDay}::date AND day < ${toDay}::date
         GROUP BY 1
      ), live AS (
        SELECT c AS check_id, count(*)::bigint AS failures,
               (count(DISTINCT r."setupId") FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM verification_run p
                   WHERE p."setupId" = r."setupId" AND p."createdAt" >= ${fullFrom} AND p."createdAt" < ${fullTo}
                     AND c = ANY(p."failedChecks"))))::bigint AS setups
          FROM verification_run r, unnest(r."failedChecks") AS c
         WHERE ((r."createdAt" >= ${since} AND r."createdAt" < ${fullFrom}) OR (r."createdAt" >= ${fullTo} AND r."createdAt" <= ${now}))
           AND cardinality(r."failedChecks") > 0
         GROUP BY 1
      )
      SELECT check_id, sum(failures)::bigint AS failures, sum(setups)::bigint AS setups
        FROM (SELECT * FROM rolled UNION ALL SELECT * FROM live) AS x
       GROUP BY 1
       ORDER BY 2 DESC, check_id COLLATE "C" ASC
       LIMIT ${limit}`);
  });
  return rows.map((r) => ({ checkId: r.check_id, failures: Number(r.failures), setups: Number(r.setups) }));
}

/** Forgets the rollup: for whatever writes runs into the past (seeding, test fixtures). */
export async function clearFailingCheckRollup(): Promise<void> {
  await getPrisma().$executeRaw`TRUNCATE failing_check_daily, failing_check_rollup`;
}
