// `npm run bench:db [-- --setups 100000] [--runs 30] [--url postgresql://…]`: the data layer's figures.
//   - applying all migrations to an empty database
//   - seeding N setups (db:seed)
//   - the support list at that size: first page, filtered, search by company, by client ID, stuck,
//     a deep keyset page — and recording a run / loading a setup
// Runs on a throwaway embedded PostgreSQL by default, or on a new database on the server in --url /
// TEST_DATABASE_URL (dropped afterwards). Prints median and p95 in milliseconds.
import { createDatabase, closeDatabase, setPrismaForTests } from "../lib/db";
import { createThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { argValue } from "../lib/db/script";
import { seedDatabase } from "../lib/db/seed";
import { encodeListCursor, getSetup, listSetups, recordRun, startSetup, type ListSetupsInput } from "../lib/progress";
import { buildReport, makeCheck } from "../lib/verify/report";
import { measure as measureRuns, printFigure, timed } from "./lib/bench";

const argv = process.argv.slice(2);
const setups = Number(argValue(argv, "--setups") ?? "100000");
const repeat = Number(argValue(argv, "--runs") ?? "30");
const serverUrl = argValue(argv, "--url") ?? (process.env.TEST_DATABASE_URL || undefined);

const line = (name: string, samples: number[]) => printFigure(name, samples, { width: 44 });
/** One warm-up call (plans, caches), then `repeat` timed calls. */
const measure = (fn: () => Promise<unknown>) => measureRuns(fn, repeat);

async function main() {
  console.log(`bench:db: ${serverUrl ? "databases on the given server" : "throwaway embedded PostgreSQL"}, ${setups} setups, ${repeat} runs per query`);

  // 1. Migrations on empty databases.
  const migrate: number[] = [];
  for (let i = 0; i < 5; i++) {
    const empty = await createThrowawayDatabase({ serverUrl, label: "benchmig" });
    try {
      migrate.push((await timed(() => applyMigrations(empty.url)))[0]);
    } finally {
      await empty.drop();
    }
  }
  console.log("migrations");
  line("apply all migrations to an empty database", migrate);

  // 2. Seed.
  const db = await createThrowawayDatabase({ serverUrl, label: "bench" });
  const client = createDatabase(db.url, { max: 4 });
  setPrismaForTests(client.prisma, client.pool);
  try {
    await applyMigrations(db.url);
    const seeded = await seedDatabase(db.url, { setups, seed: 1, fingerprintKey: "bench-key-".repeat(4) });
    console.log("seed");
    console.log(`  ${`db:seed ${setups} setups`.padEnd(44)} ${(seeded.ms / 1000).toFixed(1)} s  (${seeded.stepRows} step rows, ${seeded.runs} runs)`);

    // 3. The list at this size.
    const sample = (await client.pool.query<{ companyName: string; clientId: string }>(
      `SELECT "companyName", "clientId" FROM setup WHERE "companyName" IS NOT NULL AND "clientId" IS NOT NULL ORDER BY "publicId" LIMIT 1 OFFSET 777`,
    )).rows[0]!;
    const word = sample.companyName.split(/[^A-Za-z]+/).find((w) => w.length >= 5)?.slice(0, 5) ?? sample.companyName.slice(0, 4);
    const deep = (await client.pool.query<{ id: string; lastActivityAt: Date; createdAt: Date }>(
      `SELECT id::text AS id, "lastActivityAt", "createdAt" FROM setup ORDER BY "lastActivityAt" DESC, id DESC LIMIT 1 OFFSET $1`,
      [Math.floor(setups * 0.9)],
    )).rows[0]!;
    const deepCursor = encodeListCursor("lastActivity", deep);

    const queries: Array<[string, ListSetupsInput]> = [
      ["list: first page (last activity)", {}],
      ["list: first page (created)", { sort: "created" }],
      ["list: status failing + step client-secret", { status: "failing", currentStep: "client-secret" }],
      ["list: stuck (7 days idle or 3 failures)", { stuck: true }],
      [`list: search company "${word}"`, { q: word }],
      ["list: search by client ID", { q: sample.clientId }],
      ["list: deep keyset page (90% down)", { cursor: deepCursor }],
    ];
    console.log(`list queries at ${setups} setups (50 rows a page)`);
    for (const [name, params] of queries) line(name, await measure(() => listSetups(params)));

    // 4. The customer's writes and reads.
    const id = await startSetup({ companyName: "Bench Ltd" });
    const report = buildReport([makeCheck("redirect-uri", "fail", "Found a trailing slash.", "Remove the trailing slash.")]);
    let k = 0;
    console.log("progress use-cases");
    line("recordRun (one transaction)", await measure(() => recordRun({ setupPublicId: id, stepId: "register-application", source: "form", report, durationMs: 5, idempotencyKey: `bench-${k++}-xxxxxxxx` })));
    line("getSetup (steps + 20 recent runs)", await measure(() => getSetup(id)));
  } finally {
    setPrismaForTests(null);
    await closeDatabase(client);
    await db.drop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(`bench:db: ${(e as Error).message}`);
    process.exit(1);
  });
