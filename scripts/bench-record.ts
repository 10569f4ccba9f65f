// `npm run bench -- record [--seconds 2] [--rounds 4] [--url postgresql://…]`: recording a run
// (lib/progress/record.ts recordRun) beside a minimal hand-written `pg` transaction doing the same
// work on the same database: lock the setup row, insert the run, upsert the step's progress, update
// the setup's counters. Both run interleaved (contender, reference, contender, …, each phase for
// --seconds) with 1 and 8 concurrent clients (each client its own setup, as customers are), so a busy
// machine slows both alike; prints transactions per second of each, their ratio (goal ≥ 0.4×) and the
// Node CPU milliseconds spent per record (process.cpuUsage, user + system).
import { randomBytes, randomUUID } from "node:crypto";
import { createDatabase, closeDatabase, setPrismaForTests } from "../lib/db";
import { createThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { argValue } from "../lib/db/script";
import { recordRun, startSetup } from "../lib/progress";
import { buildReport, makeCheck } from "../lib/verify/report";
import { now, ratio, reportGoal } from "./lib/bench";

const argv = process.argv.slice(2);
const seconds = Number(argValue(argv, "--seconds") ?? "2");
const rounds = Number(argValue(argv, "--rounds") ?? "4");
const serverUrl = argValue(argv, "--url") ?? (process.env.TEST_DATABASE_URL || undefined);

const report = buildReport([
  makeCheck("client-id.format", "pass", "A GUID."),
  makeCheck("redirect-uri", "fail", "Found a trailing slash.", "Remove the trailing slash."),
]);

interface Phase {
  ops: number;
  ms: number;
  cpuMs: number;
}

/** `clients` loops calling fn(client, i) until `ms` has passed; operations, wall time and Node CPU. */
async function phase(clients: number, ms: number, fn: (client: number, i: number) => Promise<unknown>): Promise<Phase> {
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; now() < end; i++) {
        await fn(c, i);
        ops++;
      }
    }),
  );
  const wall = now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ops, ms: wall, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main() {
  console.log(`bench:record: ${serverUrl ? "a database on the given server" : "throwaway embedded PostgreSQL"}, ${rounds} rounds of ${seconds} s per side, interleaved`);
  const db = await createThrowawayDatabase({ serverUrl, label: "benchrec" });
  const client = createDatabase(db.url, { max: 10 });
  setPrismaForTests(client.prisma, client.pool);
  const pool = client.pool;
  let key = 0;
  try {
    await applyMigrations(db.url);
    const evidence = JSON.stringify({ "client-id.format": { status: "pass", at: new Date().toISOString() }, "redirect-uri": { status: "fail", at: new Date().toISOString() } });
    const failed = report.checks.filter((c) => c.status === "fail").map((c) => c.id);
    const reportJson = JSON.stringify(report);

    /** The reference: the same writes in one transaction, with nothing computed (evidence fixed). */
    const reference = async (setupPublicId: string) => {
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        const { rows } = await c.query<{ id: string }>(`SELECT id FROM setup WHERE "publicId" = $1 FOR UPDATE`, [setupPublicId]);
        const setupId = rows[0]!.id;
        const runId = randomUUID();
        await c.query(
          `INSERT INTO verification_run (id, "publicId", "setupId", "stepId", source, summary, report, "failedChecks", "durationMs", "idempotencyKey", "createdAt")
           VALUES ($1, $2, $3, 'register-application', 'form', 'fail', $4, $5, 5, $6, now()) ON CONFLICT ("setupId", "idempotencyKey") DO NOTHING`,
          [runId, randomBytes(16).toString("base64url"), setupId, reportJson, failed, `ref-${key++}-xxxxxxxx`],
        );
        await c.query(
          `INSERT INTO step_progress ("setupId", "stepId", status, evidence, "lastAttemptAt", "lastRunId", "attemptCount", "firstAttemptAt")
           VALUES ($1, 'register-application', 'failed', $2, now(), $3, 1, now())
           ON CONFLICT ("setupId", "stepId") DO UPDATE SET status = EXCLUDED.status, evidence = EXCLUDED.evidence, "lastAttemptAt" = EXCLUDED."lastAttemptAt",
             "lastRunId" = EXCLUDED."lastRunId", "attemptCount" = step_progress."attemptCount" + 1`,
          [setupId, evidence, runId],
        );
        await c.query(
          `UPDATE setup SET "failedRuns" = "failedRuns" + 1, "consecutiveFailures" = "consecutiveFailures" + 1, "lastFailedCheck" = 'redirect-uri',
             status = 'failing', "currentStep" = 'prerequisites', "attemptedStepBits" = 2, "completedStepBits" = 0, "lastActivityAt" = now() WHERE id = $1`,
          [setupId],
        );
        await c.query("COMMIT");
      } catch (e) {
        await c.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    };
    const contender = (view: boolean) => (setupPublicId: string) =>
      recordRun({ setupPublicId, stepId: "register-application", source: "form", report, durationMs: 5, idempotencyKey: `bench-${key++}-xxxxxxxx`, view });

    for (const clients of [1, 8]) {
      const setups = await Promise.all(Array.from({ length: clients }, () => startSetup({ companyName: "Bench Ltd" })));
      const sides: Array<[string, (id: string) => Promise<unknown>]> = [
        ["recordRun (view: false, as sign-in)", contender(false)],
        ["recordRun, progress returned (as the panels)", contender(true)],
        ["pg reference transaction", reference],
      ];
      // Warm-up: plans, pools, JIT.
      for (const [, fn] of sides) await phase(clients, 300, (c) => fn(setups[c]!));
      const totals = sides.map(() => ({ ops: 0, ms: 0, cpuMs: 0 }));
      for (let r = 0; r < rounds; r++) {
        for (let s = 0; s < sides.length; s++) {
          const p = await phase(clients, seconds * 1000, (c) => sides[s]![1](setups[c]!));
          totals[s]!.ops += p.ops;
          totals[s]!.ms += p.ms;
          totals[s]!.cpuMs += p.cpuMs;
        }
      }
      const tps = totals.map((t) => (t.ops / t.ms) * 1000);
      const ref = tps[sides.length - 1]!;
      console.log(`${clients} client${clients > 1 ? "s" : ""}`);
      sides.forEach(([name], s) => {
        const t = totals[s]!;
        console.log(
          `  ${name.padEnd(46)} ${tps[s]!.toFixed(0).padStart(6)} tx/s  ${ratio(tps[s]!, ref).toFixed(2)}× reference  Node CPU ${(t.cpuMs / t.ops).toFixed(2)} ms/record  (${t.ops} records)`,
        );
      });
      // The goals hold for the path every verification takes (the panels: progress returned).
      const panel = 1;
      const r = ratio(tps[panel]!, ref);
      const cpu = totals[panel]!.cpuMs / totals[panel]!.ops;
      const who = `${clients} client${clients > 1 ? "s" : ""}`;
      reportGoal({ goal: `recordRun vs minimal pg transaction, ${who}`, figure: `${r.toFixed(2)}×`, target: "≥ 0.4×", met: r >= 0.4 });
      reportGoal({ goal: `recordRun Node CPU per record, ${who}`, figure: `${cpu.toFixed(2)} ms`, target: "≤ 3 ms", met: cpu <= 3 });
    }
  } finally {
    setPrismaForTests(null);
    await closeDatabase(client);
    await db.drop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(`bench:record: ${(e as Error).stack ?? e}`);
    process.exit(1);
  });
