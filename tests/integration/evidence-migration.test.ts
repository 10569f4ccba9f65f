// The migration that came with live.registration's per-step verdicts (byStep): evidence stored before
// it kept the check's overall status under the permissions step, where a fail could be about the
// redirect URI and was only advisory. Now that live.registration blocks that step, those stored fails
// are dropped, so recording the next run does not fail a step on another step's facts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRun, startSetup } from "../../lib/progress";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { report } from "../helpers/reports";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ label: "evidence-migration" });
});
afterAll(() => db?.drop());

const at = "2026-11-30T09:00:00.000Z";
const perms = { "permissions.resource": { status: "pass", at }, "permissions.financials": { status: "pass", at }, "permissions.user-impersonation": { status: "pass", at } };

describe("dropping stored live.registration fails from the permissions step", () => {
  it("removes only a fail under api-permissions; the registration step's and passes stay; the next run then verifies the step", async () => {
    const a = await startSetup();
    const { rows } = await db.pool.query<{ id: string }>(`SELECT id::text AS id FROM setup WHERE "publicId" = $1`, [a]);
    const setupId = rows[0]!.id;
    const insert = (step: string, evidence: unknown, status: string) =>
      db.pool.query(`INSERT INTO step_progress ("setupId", "stepId", status, evidence, "attemptCount") VALUES ($1, $2, $3::"StepStatus", $4::jsonb, 1)`, [setupId, step, status, JSON.stringify(evidence)]);
    await insert("api-permissions", { ...perms, "live.registration": { status: "fail", at } }, "verified");
    await insert("register-application", { "live.registration": { status: "fail", at } }, "failed");
    const b = await startSetup();
    const other = (await db.pool.query<{ id: string }>(`SELECT id::text AS id FROM setup WHERE "publicId" = $1`, [b])).rows[0]!.id;
    await db.pool.query(`INSERT INTO step_progress ("setupId", "stepId", status, evidence, "attemptCount") VALUES ($1, 'api-permissions', 'verified', $2::jsonb, 1)`, [
      other,
      JSON.stringify({ ...perms, "live.registration": { status: "pass", at } }),
    ]);

    const dir = path.join(process.cwd(), "prisma", "migrations");
    const migration = readdirSync(dir).find((d) => d.endsWith("_live_registration_per_step"))!;
    await db.pool.query(readFileSync(path.join(dir, migration, "migration.sql"), "utf8"));

    const evidence = async (setup: string, step: string) =>
      (await db.pool.query<{ evidence: Record<string, unknown> }>(`SELECT evidence FROM step_progress WHERE "setupId" = $1 AND "stepId" = $2`, [setup, step])).rows[0]!.evidence;
    expect(await evidence(setupId, "api-permissions")).toEqual(perms);
    expect(await evidence(setupId, "register-application")).toEqual({ "live.registration": { status: "fail", at } });
    expect(await evidence(other, "api-permissions")).toEqual({ ...perms, "live.registration": { status: "pass", at } });

    // The next run about the permissions step keeps it verified (the dropped fail would have failed it).
    const r = await recordRun({ setupPublicId: a, stepId: "api-permissions", source: "form", report: report({ "permissions.extra": "pass" }), durationMs: 5 });
    expect(r.setup?.steps.find((s) => s.stepId === "api-permissions")?.status).toBe("verified");
  });
});
