// The funnel and the top failing checks agree with direct counts on real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import type { PrismaClient } from "@/lib/db";
import { stepFunnel, topFailingChecks } from "@/lib/progress";
import { GUIDE as SUPPORT_GUIDE, STEP_LIST as SUPPORT_STEPS } from "@/lib/steps";
import { seedRuns, seedSetups, type SeededRun, type SeededSetup } from "../../dev/support-fixtures";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const DAY = 86_400_000;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
let setups: SeededSetup[];
let runs: SeededRun[];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  setups = await seedSetups(prisma, { count: 2500, now: NOW, seed: 3 });
  runs = await seedRuns(prisma, setups, { count: 4000, days: 120, now: NOW });
  // Another guide's setups must not count in this guide's funnel.
  await prisma.setup.create({ data: { publicId: "other-guide-1", guide: "another-guide", createdAt: NOW, lastActivityAt: NOW } });
});

afterAll(async () => {
  await db?.drop();
});

describe("step funnel", () => {
  for (const days of [7, 30, 90]) {
    it(`counts the setups of the last ${days} days that reached each step`, async () => {
      const funnel = await stepFunnel({ guide: SUPPORT_GUIDE, steps: [...SUPPORT_STEPS], days, now: NOW });
      const since = NOW.getTime() - days * DAY;
      const inWindow = setups.filter((s) => s.createdAt.getTime() >= since);
      expect(funnel.started).toBe(inWindow.length);
      expect(funnel.completed).toBe(inWindow.filter((s) => s.status === "completed").length);
      const order: string[] = SUPPORT_STEPS.map((s) => s.id);
      funnel.steps.forEach((step, k) => {
        const expected = inWindow.filter((s) => s.status === "completed" || order.indexOf(s.currentStep!) >= k).length;
        expect(step.reached, step.stepId).toBe(expected);
      });
      // Monotone: nobody reaches a later step without the earlier ones.
      for (let k = 1; k < funnel.steps.length; k++) expect(funnel.steps[k]!.reached).toBeLessThanOrEqual(funnel.steps[k - 1]!.reached);
      expect(funnel.steps[0]!.reached).toBe(funnel.started);
    });
  }

  it("matches a direct SQL count", async () => {
    const funnel = await stepFunnel({ guide: SUPPORT_GUIDE, steps: [...SUPPORT_STEPS], days: 30, now: NOW });
    const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM setup WHERE guide = ${SUPPORT_GUIDE} AND "createdAt" >= ${new Date(NOW.getTime() - 30 * DAY)}`;
    expect(funnel.started).toBe(Number(row!.n));
  });
});

describe("most frequent failing checks", () => {
  it("ranks checks by failed runs in the period, with distinct setups", async () => {
    const top = await topFailingChecks({ days: 30, now: NOW, limit: 20 });
    const since = NOW.getTime() - 30 * DAY;
    const counts = new Map<string, { failures: number; setups: Set<string> }>();
    for (const r of runs) {
      if (r.createdAt.getTime() < since) continue;
      for (const c of r.failedChecks) {
        const e = counts.get(c) ?? { failures: 0, setups: new Set<string>() };
        e.failures++;
        if (r.setupId) e.setups.add(r.setupId);
        counts.set(c, e);
      }
    }
    const expected = [...counts.entries()]
      .map(([checkId, e]) => ({ checkId, failures: e.failures, setups: e.setups.size }))
      .sort((a, b) => b.failures - a.failures || (a.checkId < b.checkId ? -1 : 1));
    expect(top).toEqual(expected);
  });

  it("honours the limit and an empty period", async () => {
    expect(await topFailingChecks({ days: 7, now: NOW, limit: 3 })).toHaveLength(3);
    expect(await topFailingChecks({ days: 7, now: new Date("2020-01-01T00:00:00Z") })).toEqual([]);
  });
});
