// "Most frequent failing checks" from the daily rollup equals the full scan over verification_run,
// exactly, for every period, for a "now" in the middle of a day, at a midnight and a millisecond
// after, with runs on both sides of day boundaries, today included (live) and after more runs arrive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { topFailingChecks, topFailingChecksByScan } from "@/lib/progress";
import { clearFailingCheckRollup, ensureRolledUp, ROLLUP_GRACE_MS, rollupPlan } from "@/lib/progress/failing-rollup";
import { CHECK_IDS, seedRuns, seedSetups, type SeededRun, type SeededSetup } from "../../dev/support-fixtures";

const DAY = 86_400_000;
const REAL_NOW = new Date();
const TODAY = Math.floor(REAL_NOW.getTime() / DAY) * DAY;

let db: TestDatabase;
let setups: SeededSetup[];
let runs: SeededRun[];

/** The answer computed in JavaScript from the runs themselves. */
function expected(all: SeededRun[], since: number, now: number) {
  const counts = new Map<string, { failures: number; setups: Set<string> }>();
  for (const r of all) {
    const t = r.createdAt.getTime();
    if (t < since || t > now) continue;
    for (const c of r.failedChecks) {
      const e = counts.get(c) ?? { failures: 0, setups: new Set<string>() };
      e.failures++;
      if (r.setupId) e.setups.add(r.setupId);
      counts.set(c, e);
    }
  }
  return [...counts.entries()]
    .map(([checkId, e]) => ({ checkId, failures: e.failures, setups: e.setups.size }))
    .sort((a, b) => b.failures - a.failures || (a.checkId < b.checkId ? -1 : 1));
}

async function addRun(setupId: string | null, failedChecks: string[], createdAt: Date): Promise<void> {
  await db.prisma.verificationRun.create({
    data: {
      publicId: `edge${runs.length}x${Math.random().toString(36).slice(2, 10)}`,
      setupId,
      stepId: "register-application",
      source: "form",
      summary: failedChecks.length ? "fail" : "pass",
      report: {},
      failedChecks,
      durationMs: 1,
      createdAt,
    },
  });
  runs.push({ setupId, failedChecks, createdAt });
}

beforeAll(async () => {
  db = await createTestDatabase();
  setups = await seedSetups(db.prisma, { count: 400, now: REAL_NOW, seed: 11 });
  // Many runs per setup spread over 100 days: the same setup fails the same check on many days.
  runs = await seedRuns(db.prisma, setups, { count: 5000, days: 100, now: REAL_NOW, seed: 5 });
  // Both sides of midnights, the first and the last millisecond of a day, today and yesterday.
  const s = setups.slice(0, 6).map((x) => x.id);
  const c = CHECK_IDS.slice(0, 3);
  for (const [setupId, check, t] of [
    [s[0], c[0], TODAY - 1],
    [s[0], c[0], TODAY],
    [s[1], c[1], TODAY - DAY],
    [s[1], c[1], TODAY - DAY - 1],
    [s[2], c[2], TODAY - 10 * DAY + 1],
    [s[2], c[2], TODAY - 30 * DAY],
    [s[3], c[0], TODAY - 30 * DAY - 1],
    [s[4], c[1], TODAY - 7 * DAY + 12 * 3600_000],
    [null, c[2], TODAY - 2 * DAY],
    [null, c[2], TODAY + 1],
    [s[5], c[0], REAL_NOW.getTime() - 1],
  ] as const) {
    await addRun(setupId ?? null, [check!], new Date(t));
  }
  await addRun(s[5]!, [c[0]!, c[1]!, c[2]!], new Date(TODAY - 45 * DAY + 5));
});

afterAll(async () => {
  await db?.drop();
});

const NOWS: [string, Date][] = [
  ["the real now", REAL_NOW],
  ["mid-day, three and a half days ago", new Date(TODAY - 3 * DAY - 12 * 3600_000)],
  ["exactly midnight ten days ago", new Date(TODAY - 10 * DAY)],
  ["a millisecond after midnight yesterday", new Date(TODAY - DAY + 1)],
];

describe("failing checks from the daily rollup", () => {
  for (const [label, now] of NOWS) {
    for (const days of [7, 30, 90]) {
      it(`equals the full scan: ${days} days up to ${label}`, async () => {
        const since = new Date(now.getTime() - days * DAY);
        const scan = await topFailingChecksByScan({ days, now, limit: 100 });
        const rolled = await topFailingChecks({ days, now, limit: 100 });
        expect(scan).toEqual(expected(runs, since.getTime(), now.getTime()));
        expect(rolled).toEqual(scan);
        expect(await topFailingChecks({ days, now, limit: 5 })).toEqual(scan.slice(0, 5));
      });
    }
  }

  it("rolls up only closed days, each once, and is safe when several readers fill it together", async () => {
    await clearFailingCheckRollup();
    const results = await Promise.all(Array.from({ length: 4 }, () => topFailingChecks({ days: 90, now: REAL_NOW, limit: 100 })));
    for (const r of results) expect(r).toEqual(await topFailingChecksByScan({ days: 90, now: REAL_NOW, limit: 100 }));
    const marked = await db.prisma.failingCheckRollupDay.findMany({ orderBy: { day: "asc" } });
    const plan = rollupPlan(new Date(REAL_NOW.getTime() - 90 * DAY), REAL_NOW);
    expect(marked.length).toBe(Math.round((plan.fullTo.getTime() - plan.fullFrom.getTime()) / DAY));
    expect(marked.at(-1)!.day.getTime()).toBeLessThanOrEqual(REAL_NOW.getTime() - ROLLUP_GRACE_MS - DAY);
    // A second fill of the same days writes nothing.
    expect(await ensureRolledUp(plan.fullFrom, plan.fullTo)).toBe(0);
  });

  it("counts runs of today as they arrive (the live part)", async () => {
    const before = await topFailingChecks({ days: 7, now: new Date(), limit: 100 });
    await addRun(setups[7]!.id, [CHECK_IDS[4]!], new Date());
    const now = new Date();
    const after = await topFailingChecks({ days: 7, now, limit: 100 });
    expect(after).toEqual(await topFailingChecksByScan({ days: 7, now, limit: 100 }));
    const f = (rows: typeof before) => rows.find((r) => r.checkId === CHECK_IDS[4])?.failures ?? 0;
    expect(f(after)).toBe(f(before) + 1);
  });

  it("a run written late into a day already rolled up is counted, once, and leaves later days' setups right", async () => {
    await topFailingChecks({ days: 30, now: REAL_NOW, limit: 100 }); // the rollup is filled
    const s = setups[9]!.id;
    // A run stamped five days ago (an instance whose clock lags, a backfill), then one now.
    await addRun(s, ["zz.late"], new Date(TODAY - 5 * DAY + 3600_000));
    await addRun(s, ["zz.late"], new Date());
    const now = new Date();
    const late = (await topFailingChecks({ days: 30, now, limit: 100 })).find((r) => r.checkId === "zz.late");
    expect(late).toEqual({ checkId: "zz.late", failures: 2, setups: 1 });
    expect(await topFailingChecks({ days: 30, now, limit: 100 })).toEqual(await topFailingChecksByScan({ days: 30, now, limit: 100 }));
  });

  it("a late run on a day before one rolled up does not count its setup twice (the later day's gap is recomputed)", async () => {
    await clearFailingCheckRollup();
    const s = setups[10]!.id;
    await addRun(s, ["zz.gap"], new Date(TODAY - 3 * DAY + 3600_000));
    await topFailingChecks({ days: 7, now: new Date(), limit: 100 }); // rolls up days after the 20-days-ago run
    await addRun(s, ["zz.gap"], new Date(TODAY - 20 * DAY + 3600_000));
    const now = new Date();
    const rows = await topFailingChecks({ days: 30, now, limit: 100 });
    expect(rows.find((r) => r.checkId === "zz.gap")).toEqual({ checkId: "zz.gap", failures: 2, setups: 1 });
    expect(rows).toEqual(await topFailingChecksByScan({ days: 30, now, limit: 100 }));
  });

  it("a run deleted, or moved to another day, from a rolled-up day is no longer counted there", async () => {
    await topFailingChecks({ days: 30, now: REAL_NOW, limit: 100 });
    const s = setups[11]!.id;
    await addRun(s, ["zz.gone"], new Date(TODAY - 4 * DAY + 3600_000));
    await addRun(s, ["zz.moved"], new Date(TODAY - 4 * DAY + 3600_000));
    await topFailingChecks({ days: 30, now: new Date(), limit: 100 });
    await db.pool.query(`DELETE FROM verification_run WHERE 'zz.gone' = ANY("failedChecks")`);
    runs = runs.filter((r) => !r.failedChecks.includes("zz.gone"));
    await db.pool.query(`UPDATE verification_run SET "createdAt" = $1 WHERE 'zz.moved' = ANY("failedChecks")`, [new Date(TODAY - 40 * DAY)]);
    for (const r of runs) if (r.failedChecks.includes("zz.moved")) r.createdAt = new Date(TODAY - 40 * DAY);
    const now = new Date();
    const rows = await topFailingChecks({ days: 30, now, limit: 100 });
    expect(rows.find((r) => r.checkId === "zz.gone")).toBeUndefined();
    expect(rows.find((r) => r.checkId === "zz.moved")).toBeUndefined();
    expect(rows).toEqual(await topFailingChecksByScan({ days: 30, now, limit: 100 }));
  });

  it("a run stamped now leaves the rolled-up days alone", async () => {
    await topFailingChecks({ days: 30, now: REAL_NOW, limit: 100 });
    const before = await db.prisma.failingCheckRollupDay.count();
    expect(before).toBeGreaterThan(20);
    await addRun(setups[12]!.id, [CHECK_IDS[1]!], new Date());
    expect(await db.prisma.failingCheckRollupDay.count()).toBe(before);
  });

  it("splits a period into whole closed days and live parts", () => {
    const realNow = Date.UTC(2026, 5, 15, 12, 0, 0);
    const now = new Date(realNow);
    const p = rollupPlan(new Date(realNow - 7 * DAY), now, realNow);
    expect(p.fullFrom.toISOString()).toBe("2026-06-09T00:00:00.000Z");
    expect(p.fullTo.toISOString()).toBe("2026-06-15T00:00:00.000Z");
    // Yesterday is not closed until an hour after midnight.
    const early = Date.UTC(2026, 5, 15, 0, 30, 0);
    expect(rollupPlan(new Date(early - 7 * DAY), new Date(early), early).fullTo.toISOString()).toBe("2026-06-14T00:00:00.000Z");
    // Less than a whole closed day: everything live.
    const q = rollupPlan(new Date(realNow - DAY / 2), now, realNow);
    expect(q.fullFrom.getTime()).toBe(q.fullTo.getTime());
  });
});
