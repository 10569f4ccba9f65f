// The step funnel reads each setup's step bits (attemptedStepBits / completedStepBits) from an index
// instead of every step row. These tests hold the bits to the step rows: written by every writer
// (recording a run, confirming, starting a step, the demo seed), filled by the migration's backfill
// for setups that predate it, and the funnel equal to the one counted from the step rows.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../lib/db/seed";
import { confirmStep, recordRun, startSetup, startStep, stepFunnel, stepFunnelByScan } from "../../lib/progress";
import { deriveSetupState, STEP_BIT, STEPS, type StepId, type StepStatus } from "../../lib/steps";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { report } from "../helpers/reports";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ label: "funnel" });
  // A demo history (runs back to 120 days ago, every status and current step), then live use on top.
  await seedDatabase(db.url, { setups: 400, seed: 11, fingerprintKey: "f".repeat(40), batchSize: 150 });
});
afterAll(() => db?.drop());

/** Every setup whose bits differ from what its step rows say. */
async function driftedSetups(): Promise<{ publicId: string; stored: [number, number]; derived: [number, number] }[]> {
  const { rows } = await db.pool.query<{ publicId: string; a: number; c: number; steps: { stepId: string; status: StepStatus }[] | null }>(
    `SELECT s."publicId", s."attemptedStepBits" AS a, s."completedStepBits" AS c,
            (SELECT json_agg(json_build_object('stepId', p."stepId", 'status', p.status)) FROM step_progress p WHERE p."setupId" = s.id) AS steps
       FROM setup s`,
  );
  const out: { publicId: string; stored: [number, number]; derived: [number, number] }[] = [];
  for (const r of rows) {
    const statuses: Partial<Record<StepId, StepStatus>> = {};
    for (const p of r.steps ?? []) statuses[p.stepId as StepId] = p.status;
    const d = deriveSetupState(statuses);
    if (d.attemptedStepBits !== r.a || d.completedStepBits !== r.c) out.push({ publicId: r.publicId, stored: [r.a, r.c], derived: [d.attemptedStepBits, d.completedStepBits] });
  }
  return out;
}

describe("step bits", () => {
  it("gives every step its own bit, below the sign bit", () => {
    const bits = STEPS.map((s) => STEP_BIT[s]);
    expect(new Set(bits).size).toBe(STEPS.length);
    expect(bits.every((b) => Number.isInteger(b) && b >= 0 && b <= 30)).toBe(true);
  });

  it("are written by every writer: the seed, recording runs, confirming and starting steps", async () => {
    const a = await startSetup();
    await confirmStep(a, "prerequisites", true);
    await recordRun({
      setupPublicId: a,
      stepId: "register-application",
      source: "form",
      report: report({ "client-id.format": "pass", "sign-in-audience": "pass", "redirect-uri": "pass" }),
      durationMs: 5,
    });
    await recordRun({ setupPublicId: a, stepId: "client-secret", source: "form", report: report({ "secret.shape": "fail" }), durationMs: 5 });
    const b = await startSetup();
    await startStep(b, "extension-installation");
    await confirmStep(b, "prerequisites", true);
    await confirmStep(b, "prerequisites", false);
    expect(await driftedSetups()).toEqual([]);

    const { rows } = await db.pool.query<{ a: number; c: number }>(`SELECT "attemptedStepBits" AS a, "completedStepBits" AS c FROM setup WHERE "publicId" = $1`, [a]);
    const bit = (s: StepId) => 1 << STEP_BIT[s];
    expect(rows[0]).toEqual({
      a: bit("prerequisites") | bit("register-application") | bit("client-secret"),
      c: bit("prerequisites") | bit("register-application"),
    });
  });

  it("are filled for existing setups by the migration's backfill", async () => {
    const dir = path.join(process.cwd(), "prisma", "migrations");
    const migration = readdirSync(dir).find((d) => d.endsWith("_setup_step_bits"))!;
    const sql = readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("UPDATE"), sql.indexOf("-- CreateIndex"));
    expect(backfill).toContain("step_progress");
    await db.pool.query(`UPDATE setup SET "attemptedStepBits" = 0, "completedStepBits" = 0`);
    expect((await driftedSetups()).length).toBeGreaterThan(300);
    await db.pool.query(backfill);
    expect(await driftedSetups()).toEqual([]);
  });
});

describe("step funnel", () => {
  for (const days of [7, 30, 90]) {
    it(`over ${days} days equals the funnel counted from the step rows`, async () => {
      const now = new Date();
      const funnel = await stepFunnel({ days, now });
      expect(funnel).toEqual(await stepFunnelByScan({ days, now }));
      expect(funnel.started).toBeGreaterThan(0);
      expect(funnel.steps.some((s) => s.completed > 0 && s.attempted > s.completed)).toBe(true);
    });
  }

  it("is answered by the setup table's funnel index alone (an index-only scan, no step row)", async () => {
    const client = await db.pool.connect();
    try {
      // On 400 setups the planner would rather read the table; forbid that to see what the index covers.
      await client.query("SET enable_seqscan = off; SET enable_bitmapscan = off");
      await client.query("VACUUM setup");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT "currentStep", status::text, "attemptedStepBits", "completedStepBits", count(*)::int
           FROM setup WHERE guide = 'dynamics365-business-central' AND "createdAt" >= now() - interval '90 days' AND "createdAt" <= now()
          GROUP BY 1, 2, 3, 4`,
      );
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("Index Only Scan using setup_funnel_idx");
      expect(plan).not.toContain("step_progress");
    } finally {
      await client.query("RESET enable_seqscan; RESET enable_bitmapscan");
      client.release();
    }
  });
});
