// The demo seed: consistent data (what lib/progress would have recorded), contract-valid reports,
// and a database that still matches schema.prisma after the fast load (indexes rebuilt).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDatabaseToSchema } from "../../lib/db/migrate";
import { seedDatabase, type SeedResult } from "../../lib/db/seed";
import { deriveSetupState, STEPS as STEP_IDS, type StepId } from "../../lib/steps";
import { reportSchema } from "../../lib/verify/report";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
let seeded: SeedResult;
beforeAll(async () => {
  db = await createTestDatabase({ label: "seed" });
  seeded = await seedDatabase(db.url, { setups: 600, reset: true, seed: 7, fingerprintKey: "k".repeat(40), batchSize: 250 });
});
afterAll(() => db?.drop());

describe("db:seed", () => {
  it("makes what it says, across every status and current step", async () => {
    expect(seeded.setups).toBe(600);
    const { rows } = await db.pool.query(
      `SELECT (SELECT count(*)::int FROM setup) s, (SELECT count(*)::int FROM step_progress) p, (SELECT count(*)::int FROM verification_run) r`,
    );
    expect(rows[0]).toEqual({ s: 600, p: seeded.stepRows, r: seeded.runs });
    expect(Object.keys(seeded.byStatus).sort()).toEqual(["completed", "failing", "in_progress", "not_started"]);
    expect(Object.keys(seeded.byCurrentStep).sort()).toEqual(["(completed)", ...STEP_IDS].sort());
  });

  it("leaves the database exactly as the migrations made it (indexes and keys rebuilt)", async () => {
    expect(await diffDatabaseToSchema(db.url)).toBe("");
  });

  it("is consistent: statuses, current steps, attempt counts and failure counters follow from the runs", async () => {
    const setups = await db.prisma.setup.findMany({ include: { steps: true, runs: { orderBy: { createdAt: "asc" } } } });
    for (const s of setups) {
      const statuses: Partial<Record<StepId, (typeof s.steps)[number]["status"]>> = {};
      for (const p of s.steps) statuses[p.stepId as StepId] = p.status;
      expect({ status: s.status, currentStep: s.currentStep, attemptedStepBits: s.attemptedStepBits, completedStepBits: s.completedStepBits }).toEqual(deriveSetupState(statuses));
      for (const p of s.steps) expect(p.attemptCount).toBe(s.runs.filter((r) => r.stepId === p.stepId).length);
      expect(s.failedRuns).toBe(s.runs.filter((r) => r.summary === "fail").length);
      if (s.consecutiveFailures > 0) expect(s.runs.at(-1)!.failedChecks).toContain(s.lastFailedCheck);
      expect(s.lastActivityAt.getTime()).toBeGreaterThanOrEqual(s.createdAt.getTime());
    }
  });

  it("stores contract-valid reports with the near-miss mistakes people make", async () => {
    const runs = await db.prisma.verificationRun.findMany({ select: { report: true, summary: true, failedChecks: true } });
    for (const r of runs) {
      const parsed = reportSchema.safeParse(r.report);
      expect(parsed.success).toBe(true);
      expect(parsed.data!.summary).toBe(r.summary);
    }
    const text = JSON.stringify(runs.map((r) => r.report));
    for (const near of ["trailing slash", "Secret ID", "AzureADMyOrg", "application permission (Role)", "AADSTS7000215"]) expect(text).toContain(near);
  });

  it("keeps only fingerprints and 3-character hints of the (made-up) secrets", async () => {
    const { rows } = await db.pool.query(`SELECT "secretFingerprint" f, "secretHint" h FROM verification_run WHERE "secretFingerprint" IS NOT NULL LIMIT 50`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.f).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
      expect(r.h).toHaveLength(3);
    }
  });
});
