// The progress use-cases on a real PostgreSQL: setups, runs and step progress, confirmation,
// idempotent and concurrent recording, atomicity, and secrets never reaching the database.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  confirmStep,
  fingerprintKey,
  getRun,
  getSetup,
  isDatabaseUnavailable,
  listSetups,
  ProgressInputError,
  recordRun,
  SetupNotFoundError,
  startSetup,
  startStep,
  updateSetupDetails,
} from "../../lib/progress";
import { createDatabase, closeDatabase, setPrismaForTests } from "../../lib/db";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { report } from "../helpers/reports";
import { STEPS as STEP_IDS } from "../../lib/steps";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ label: "progress" });
});
afterAll(() => db?.drop());

const stepOf = (view: { steps: { stepId: string; status: string; attemptCount: number }[] }, id: string) =>
  view.steps.find((s) => s.stepId === id)!;

async function counts(setupPublicId: string) {
  const { rows } = await db.pool.query(
    `SELECT (SELECT count(*)::int FROM verification_run r JOIN setup s ON s.id = r."setupId" WHERE s."publicId" = $1) AS runs,
            (SELECT coalesce(sum("attemptCount"), 0)::int FROM step_progress p JOIN setup s ON s.id = p."setupId" WHERE s."publicId" = $1) AS attempts,
            (SELECT "failedRuns" FROM setup WHERE "publicId" = $1) AS "failedRuns"`,
    [setupPublicId],
  );
  return rows[0] as { runs: number; attempts: number; failedRuns: number };
}

describe("setups", () => {
  it("starts a setup with an unguessable id and every step not started, in guide order", async () => {
    const a = await startSetup({ companyName: "Contoso Ltd", contactEmail: "Ops@Contoso.example" });
    const b = await startSetup();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    const view = (await getSetup(a))!;
    expect(view.companyName).toBe("Contoso Ltd");
    expect(view.contactEmail).toBe("ops@contoso.example");
    expect(view.status).toBe("not_started");
    expect(view.currentStep).toBe("prerequisites");
    expect(view.steps.map((s) => s.stepId)).toEqual([...STEP_IDS]);
    expect(view.steps.every((s) => s.status === "not_started" && s.attemptCount === 0)).toBe(true);
    expect(await getSetup("doesnotexist_0000000")).toBeNull();
    expect(await getSetup("not an id")).toBeNull();
  });

  it("rejects bad details naming the field", async () => {
    await expect(startSetup({ contactEmail: "not-an-email" })).rejects.toMatchObject({ field: "contactEmail" });
    await expect(startSetup({ companyName: "x".repeat(201) })).rejects.toMatchObject({ field: "companyName" });
    const id = await startSetup();
    const updated = await updateSetupDetails(id, { companyName: "Fabrikam GmbH" });
    expect(updated?.companyName).toBe("Fabrikam GmbH");
    expect((await updateSetupDetails(id, { companyName: "" }))?.companyName).toBeNull();
  });

  it("records a step run: verified on pass, failed on fail, the report kept for its permalink", async () => {
    const id = await startSetup();
    const ok = await recordRun({
      setupPublicId: id,
      stepId: "register-application",
      source: "form",
      report: report({ "client-id.format": "pass", "sign-in-audience": "pass", "redirect-uri": "pass" }),
      durationMs: 12,
      clientId: "0E3B2C4D-1111-4222-8333-944445555666",
      tenant: "contoso.onmicrosoft.com",
    });
    expect(ok.duplicate).toBe(false);
    expect(stepOf(ok.setup!, "register-application")).toMatchObject({ status: "verified", attemptCount: 1 });
    expect(ok.setup!.status).toBe("in_progress");
    expect(ok.setup!.clientId).toBe("0e3b2c4d-1111-4222-8333-944445555666");
    expect(ok.setup!.steps.find((s) => s.stepId === "register-application")!.lastRunPublicId).toBe(ok.runPublicId);

    const run = (await getRun(ok.runPublicId))!;
    expect(run.report.summary).toBe("pass");
    expect(run.setupPublicId).toBe(id);
    expect(run.stepId).toBe("register-application");

    const bad = await recordRun({
      setupPublicId: id,
      stepId: "register-application",
      source: "form",
      report: report({ "redirect-uri": "fail", "sign-in-audience": "pass" }),
      durationMs: 9,
    });
    const step = stepOf(bad.setup!, "register-application");
    expect(step).toMatchObject({ status: "failed", attemptCount: 2 });
    expect(bad.setup!.status).toBe("failing");
    expect(bad.setup!.failedRuns).toBe(1);
    expect(bad.setup!.lastFailedCheck).toBe("redirect-uri");
    // The writes return the steps; a page of runs is read with getSetup.
    expect((await getSetup(bad.setup!.publicId, { recentRuns: 20 }))!.recentRuns.map((r) => r.publicId)).toEqual([bad.runPublicId, ok.runPublicId]);
  });

  it("a manifest run updates every step its checks name; skipped steps stay untouched", async () => {
    const id = await startSetup();
    const r = await recordRun({
      setupPublicId: id,
      stepId: null,
      source: "manifest",
      report: report({
        "redirect-uri": "fail",
        "sign-in-audience": "pass",
        "secret.shape": "skip",
        "permissions.resource": "pass",
        "permissions.financials": "pass",
        "permissions.user-impersonation": "pass",
        "permissions.extra": "warn",
      }),
      durationMs: 30,
    });
    const v = r.setup!;
    expect(stepOf(v, "register-application").status).toBe("failed");
    expect(stepOf(v, "api-permissions")).toMatchObject({ status: "verified", checks: { done: 3, total: 3, missing: [] }, trust: "rules" });
    expect(stepOf(v, "client-secret")).toMatchObject({ status: "not_started", attemptCount: 0 });
    expect(v.currentStep).toBe("prerequisites");
  });

  it("a run whose checks could not run (errors only) leaves the verdict unchanged", async () => {
    const id = await startSetup();
    await recordRun({ setupPublicId: id, stepId: "client-secret", source: "live", report: report({ "secret.shape": "pass", "live.token": "pass" }), durationMs: 5 });
    const r = await recordRun({ setupPublicId: id, stepId: "client-secret", source: "live", report: report({ "live.token": "error" }), durationMs: 5 });
    expect(stepOf(r.setup!, "client-secret")).toMatchObject({ status: "verified", attemptCount: 2 });
    const other = await startSetup();
    const r2 = await recordRun({ setupPublicId: other, stepId: "client-secret", source: "live", report: report({ "live.token": "error" }), durationMs: 5 });
    expect(stepOf(r2.setup!, "client-secret")).toMatchObject({ status: "in_progress", attemptCount: 1 });
    expect(r2.setup!.failedRuns).toBe(0);
  });

  it("confirms self-attested steps only, and completes the setup when every step is done", async () => {
    const id = await startSetup();
    await expect(confirmStep(id, "client-secret", true)).rejects.toBeInstanceOf(ProgressInputError);
    await confirmStep(id, "prerequisites", true);
    await recordRun({
      setupPublicId: id,
      stepId: null,
      source: "manifest",
      report: report({
        "client-id.format": "pass",
        "sign-in-audience": "pass",
        "redirect-uri": "pass",
        "secret.shape": "pass",
        "secret.expiry": "pass",
        "permissions.resource": "pass",
        "permissions.financials": "pass",
        "permissions.user-impersonation": "pass",
      }),
      durationMs: 3,
    });
    await confirmStep(id, "add-keys-to-portal", true);
    await confirmStep(id, "enable-integration", true);
    let v = await startStep(id, "extension-installation");
    const started = v.steps.find((s) => s.stepId === "extension-installation")!;
    expect(started.status).toBe("in_progress");
    expect(started.startedAt).toBeInstanceOf(Date);
    v = await startStep(id, "extension-installation");
    expect((v.steps.find((s) => s.stepId === "extension-installation")!).startedAt).toEqual(started.startedAt);
    expect(v.status).toBe("in_progress");
    expect(v.currentStep).toBe("extension-installation");

    v = await confirmStep(id, "extension-installation", true);
    expect(v.status).toBe("completed");
    expect(v.currentStep).toBeNull();
    expect(v.completedAt).toBeInstanceOf(Date);

    v = await confirmStep(id, "enable-integration", false);
    expect(stepOf(v, "enable-integration").status).toBe("not_started");
    expect(v.status).toBe("in_progress");
    expect(v.currentStep).toBe("enable-integration");
    expect(v.completedAt).toBeNull();
  });

  it("counts failures of the same check in a row, and the list calls such a setup stuck", async () => {
    const id = await startSetup({ companyName: "Streak Testing Co" });
    for (let i = 0; i < 3; i++) {
      await recordRun({ setupPublicId: id, stepId: "client-secret", source: "form", report: report({ "secret.shape": "fail" }), durationMs: 1 });
    }
    let v = (await getSetup(id))!;
    expect(v.consecutiveFailures).toBe(3);
    expect(v.lastFailedCheck).toBe("secret.shape");
    const stuck = await listSetups({ stuck: true, q: "Streak Testing" });
    expect(stuck.items.map((s) => s.publicId)).toEqual([id]);
    await recordRun({ setupPublicId: id, stepId: "client-secret", source: "form", report: report({ "secret.shape": "pass" }), durationMs: 1 });
    v = (await getSetup(id))!;
    expect(v.consecutiveFailures).toBe(0);
    expect(v.lastFailedCheck).toBeNull();
    expect(v.failedRuns).toBe(3);
    expect((await listSetups({ stuck: true, q: "Streak Testing" })).items).toEqual([]);
  });

  it("each failing check keeps its own streak: fixing the first of two failing checks does not restart the other's", async () => {
    const id = await startSetup({ companyName: "Two Streaks Co" });
    const run = (checks: Record<string, string>) => recordRun({ setupPublicId: id, stepId: "register-application", source: "form", report: report(checks), durationMs: 1 });
    await run({ "redirect-uri": "fail", "sign-in-audience": "fail" });
    await run({ "redirect-uri": "fail", "sign-in-audience": "fail" });
    let v = (await getSetup(id))!;
    expect([v.consecutiveFailures, v.lastFailedCheck]).toEqual([2, "redirect-uri"]);
    await run({ "redirect-uri": "pass", "sign-in-audience": "fail" });
    v = (await getSetup(id))!;
    // Before: the count followed redirect-uri only and started again at 1 for sign-in-audience.
    expect([v.consecutiveFailures, v.lastFailedCheck]).toEqual([3, "sign-in-audience"]);
    expect((await listSetups({ stuck: true, q: "Two Streaks" })).items.map((s) => s.publicId)).toEqual([id]);
    await run({ "redirect-uri": "fail", "sign-in-audience": "fail" });
    v = (await getSetup(id))!;
    expect([v.consecutiveFailures, v.lastFailedCheck]).toEqual([4, "sign-in-audience"]);
    // A passing run clears them.
    await run({ "redirect-uri": "pass", "sign-in-audience": "pass" });
    v = (await getSetup(id))!;
    expect([v.consecutiveFailures, v.lastFailedCheck]).toEqual([0, null]);
  });

  it("rejects bad runs with the field named, and unknown setups", async () => {
    const id = await startSetup();
    const good = report({ "redirect-uri": "pass" });
    await expect(recordRun({ setupPublicId: id, stepId: null, source: "form", report: { ...good, summary: "fail" }, durationMs: 1 })).rejects.toMatchObject({
      field: "report",
    });
    await expect(
      recordRun({ setupPublicId: id, stepId: "nope" as never, source: "form", report: good, durationMs: 1 }),
    ).rejects.toMatchObject({ field: "stepId" });
    await expect(recordRun({ setupPublicId: id, stepId: null, source: "form", report: good, durationMs: -1 })).rejects.toMatchObject({
      field: "durationMs",
    });
    await expect(recordRun({ setupPublicId: "Zz".repeat(11), stepId: null, source: "form", report: good, durationMs: 1 })).rejects.toBeInstanceOf(
      SetupNotFoundError,
    );
    expect((await counts(id)).runs).toBe(0);
  });

  it("records runs outside any setup (API / CLI)", async () => {
    const r = await recordRun({ setupPublicId: null, stepId: null, source: "api", report: report({ "redirect-uri": "pass" }), durationMs: 2 });
    expect(r.setup).toBeNull();
    expect((await getRun(r.runPublicId))?.setupPublicId).toBeNull();
  });
});

describe("idempotency and concurrency", () => {
  it("a double submit with one idempotency key records one run and returns the same result", async () => {
    const id = await startSetup();
    const input = {
      setupPublicId: id,
      stepId: "register-application" as const,
      source: "form" as const,
      report: report({ "redirect-uri": "fail" }),
      durationMs: 4,
      idempotencyKey: "submit-0001-abcdef",
    };
    const first = await recordRun(input);
    const second = await recordRun(input);
    expect(second.duplicate).toBe(true);
    expect(second.runPublicId).toBe(first.runPublicId);
    expect(await counts(id)).toEqual({ runs: 1, attempts: 1, failedRuns: 1 });

    // The same key sent many times at once (a frantic double-click): still one run.
    const burst = await Promise.all(Array.from({ length: 8 }, () => recordRun({ ...input, idempotencyKey: "submit-0002-abcdef" })));
    expect(new Set(burst.map((b) => b.runPublicId)).size).toBe(1);
    expect(burst.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await counts(id)).toEqual({ runs: 2, attempts: 2, failedRuns: 2 });
  });

  it("20 concurrent recordings on one setup give exact counts", async () => {
    const id = await startSetup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordRun({
          setupPublicId: id,
          stepId: "client-secret",
          source: "form",
          report: report(i % 4 === 0 ? { "secret.shape": "fail" } : { "secret.shape": "pass", "secret.expiry": "pass" }),
          durationMs: i,
          idempotencyKey: `concurrent-${i}-xxxxxxxx`,
        }),
      ),
    );
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(await counts(id)).toEqual({ runs: 20, attempts: 20, failedRuns: 5 });
    const v = (await getSetup(id, { recentRuns: 50 }))!;
    expect(stepOf(v, "client-secret").attemptCount).toBe(20);
    expect(v.recentRuns).toHaveLength(20);
    // The step's status is the verdict of the run applied last, which is also the latest dated.
    const step = v.steps.find((s) => s.stepId === "client-secret")!;
    const lastRun = v.recentRuns.find((r) => r.publicId === step.lastRunPublicId)!;
    expect(step.status).toBe(lastRun.summary === "fail" ? "failed" : "verified");
    expect(v.recentRuns.every((r) => r.createdAt.getTime() <= lastRun.createdAt.getTime())).toBe(true);
  });
});

describe("what recordRun returns and costs", () => {
  /** The setup as a fresh read shows it, without its runs (what recordRun returns). */
  async function freshProgress(id: string) {
    const { recentRuns, totalRuns, runPage, runPages, latestProblemRun, passedSinceProblemAt, ...progress } = (await getSetup(id))!;
    void [recentRuns, totalRuns, runPage, runPages, latestProblemRun, passedSinceProblemAt];
    return progress;
  }

  it("returns the setup's progress exactly as a read after the commit shows it", async () => {
    const id = await startSetup({ companyName: "Return Ltd" });
    await confirmStep(id, "prerequisites", true);
    await startStep(id, "extension-installation");
    const runs = [
      { stepId: "register-application" as const, source: "form" as const, report: report({ "client-id.format": "pass", "redirect-uri": "fail" }), clientId: "11111111-2222-3333-4444-555555555555" },
      { stepId: null, source: "manifest" as const, report: report({ "redirect-uri": "pass", "sign-in-audience": "pass", "permissions.financials": "pass", "permissions.extra": "warn" }) },
      { stepId: "client-secret" as const, source: "live" as const, report: report({ "secret.shape": "pass", "live.token": "pass" }), secret: "Q1w8Q~abcdefghijklmnopqrstuvwxyz0123456", tenant: "contoso.onmicrosoft.com" },
      { stepId: "register-application" as const, source: "form" as const, report: report({ "client-id.format": "pass", "redirect-uri": "pass", "sign-in-audience": "pass" }) },
    ];
    for (const [i, r] of runs.entries()) {
      const rec = await recordRun({ setupPublicId: id, durationMs: i, idempotencyKey: `returned-${i}-xxxxxxxx`, ...r });
      expect(rec.setup).toEqual(await freshProgress(id));
    }
    // A duplicate returns the progress too (read, as nothing was written).
    const dup = await recordRun({ setupPublicId: id, durationMs: 1, idempotencyKey: "returned-0-xxxxxxxx", ...runs[0]! });
    expect(dup.duplicate).toBe(true);
    expect(dup.setup).toEqual(await freshProgress(id));
    // view: false reads nothing back.
    expect((await recordRun({ setupPublicId: id, durationMs: 1, view: false, ...runs[3]! })).setup).toBeNull();
  });

  it("takes 4 round trips to the database (BEGIN + lock, run + steps read, steps + setup, COMMIT)", async () => {
    const id = await startSetup();
    const counted = createDatabase(db.url);
    const sql: string[] = [];
    counted.pool.on("connect", (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
        const text = typeof a[0] === "string" ? a[0] : (a[0] as { text?: string }).text ?? "";
        sql.push(text.trim().split(/\s+/).slice(0, 3).join(" "));
        return query(...a);
      };
    });
    setPrismaForTests(counted.prisma, counted.pool);
    try {
      await recordRun({ setupPublicId: id, stepId: "register-application", source: "form", report: report({ "redirect-uri": "fail" }), durationMs: 1 });
      sql.length = 0;
      await recordRun({ setupPublicId: id, stepId: null, source: "manifest", report: report({ "redirect-uri": "pass", "permissions.financials": "pass" }), durationMs: 1, idempotencyKey: "round-trips-xxxxxxxx" });
      expect(sql).toHaveLength(4);
      expect(sql[0]).toMatch(/^BEGIN/);
      expect(sql[3]).toBe("COMMIT");
    } finally {
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(counted);
    }
  });
});

describe("atomicity", () => {
  // A real failure inside the transaction (no mocks): a trigger makes the database reject the very
  // last write of recordRun, after the run and the step progress were written.
  async function withFailingTrigger(table: "setup" | "step_progress", fn: () => Promise<void>) {
    await db.pool.query(`CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await db.pool.query(`CREATE TRIGGER test_fail BEFORE UPDATE OR INSERT ON ${table} FOR EACH ROW
      WHEN (pg_trigger_depth() = 0 AND current_setting('test.fail', true) = 'on') EXECUTE FUNCTION test_fail()`);
    await db.pool.query(`ALTER DATABASE "${db.name}" SET test.fail = 'on'`);
    // New connections pick the setting up: use a fresh client for the code under test.
    const fresh = createDatabase(db.url);
    setPrismaForTests(fresh.prisma, fresh.pool);
    try {
      await fn();
    } finally {
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(fresh);
      await db.pool.query(`ALTER DATABASE "${db.name}" RESET test.fail`);
      await db.pool.query(`DROP TRIGGER test_fail ON ${table}`);
    }
  }

  async function snapshot(publicId: string) {
    const { rows } = await db.pool.query(
      `SELECT row_to_json(s)::text AS setup,
              (SELECT coalesce(json_agg(p ORDER BY p."stepId"), '[]')::text FROM step_progress p WHERE p."setupId" = s.id) AS steps,
              (SELECT count(*)::int FROM verification_run r WHERE r."setupId" = s.id) AS runs
         FROM setup s WHERE s."publicId" = $1`,
      [publicId],
    );
    return rows[0];
  }

  for (const table of ["setup", "step_progress"] as const) {
    it(`a failure while writing ${table} leaves nothing half-written`, async () => {
      const id = await startSetup();
      await recordRun({ setupPublicId: id, stepId: "register-application", source: "form", report: report({ "redirect-uri": "pass" }), durationMs: 1 });
      const before = await snapshot(id);
      await withFailingTrigger(table, async () => {
        await expect(
          recordRun({
            setupPublicId: id,
            stepId: null,
            source: "manifest",
            report: report({ "redirect-uri": "fail", "permissions.financials": "pass" }),
            durationMs: 1,
            secret: "Q1w8Q~abcdefghijklmnopqrstuvwxyz0123456",
          }),
        ).rejects.toThrow(/injected failure/);
      });
      expect(await snapshot(id)).toEqual(before);
      expect(before.runs).toBe(1);
    });
  }
});

describe("secrets", () => {
  it("never stores the secret anywhere: only a keyed fingerprint and the 3-character hint", async () => {
    const secret = "Xy7Q~Zq9vV.Secret-Value_1234567890abcd";
    const id = await startSetup({ companyName: "Secretive Ltd" });
    // Even a report that (wrongly) repeats the secret is stored without it.
    const leaky = report({ "secret.shape": "pass" });
    leaky.checks[0]!.detail = `Checked ${secret}.`;
    const r = await recordRun({ setupPublicId: id, stepId: "client-secret", source: "form", report: leaky, durationMs: 3, secret });
    const expected = `hmac-sha256:${createHmac("sha256", fingerprintKey()).update(secret).digest("hex")}`;
    expect(r.setup!.secretHint).toBe("Xy7");
    expect(JSON.stringify(r)).not.toContain(secret);

    const tables = (
      await db.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ).rows.map((t) => t.tablename);
    expect(tables).toEqual(expect.arrayContaining(["setup", "verification_run", "step_progress", "audit_event"]));
    let dump = "";
    for (const t of tables) {
      const { rows } = await db.pool.query(`SELECT coalesce(json_agg(t), '[]')::text AS rows FROM "${t}" t`);
      dump += rows[0].rows;
    }
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(0, 12));
    expect(dump).toContain(expected);
    const { rows } = await db.pool.query(`SELECT "secretFingerprint", "secretHint" FROM verification_run WHERE "publicId" = $1`, [r.runPublicId]);
    expect(rows[0]).toEqual({ secretFingerprint: expected, secretHint: "Xy7" });
  });
});

describe("database unavailable", () => {
  it("is recognised, so callers can say 'could not save, try again'", async () => {
    const down = createDatabase("postgresql://postgres:x@127.0.0.1:1/nowhere");
    setPrismaForTests(down.prisma, down.pool);
    try {
      const err = await startSetup().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(down);
    }
    expect(isDatabaseUnavailable(new ProgressInputError("x", "bad"))).toBe(false);
  });
});
