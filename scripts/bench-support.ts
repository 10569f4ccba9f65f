// npm run bench:support [-- --setups 100000] [--runs 20] [--url postgresql://…] [--existing]
//                        [--skip-queries] [--skip-export] [--skip-http] [--requests 1] [--port P] [--cpu-prof DIR] [--server DIR] [--dump DIR]
//                        [--only TEXT]
// 1. Queries: the support console's queries in-process: the list, a deep keyset page, each kind of
//    search, filters, the funnel, the failing checks, and a full CSV export (rows/s, memory).
// 2. HTTP (needs `next build`): the standalone server (.next/standalone/server.js through
//    scripts/cluster.cjs, as `npm start` runs it: WEB_CONCURRENCY workers, default one per core) on the same database; a staff user is created and signed in, then /support, a filtered
//    /support, a setup page and /support/insights?days=90 are loaded with the session cookie, 10 at a
//    time over keep-alive connections, asking as a browser does (`Accept-Encoding: gzip, deflate, br, zstd`:
//    the server gzips each answer, as it does for staff; before 2026-11-30 23:00 UTC the bench asked for none,
//    and the answers went out uncompressed), interleaved in rounds with two references on the same server:
//    GET /api/health (Next's floor for a route handler: routing, proxy.ts, a JSON answer) and
//    GET /support/sign-in without a session (the floor of a console page: the same layout and RSC
//    render to HTML, no database; Better Auth's own /api/auth/get-session would be the floor of an
//    authenticated request, but its rate limit, 100 a minute, answers most of such a run with 429). Printed: p50/p99, req/s, and the server's CPU per request (utime + stime of the primary and its
//    workers from /proc/<pid>/stat before/after each phase; PostgreSQL's own CPU is not in it), each with its ratio
//    to the references, and the bytes on the wire per answer. --requests scales the number of requests per phase.
// Default: a throwaway database (embedded PostgreSQL, or a new database on --url / TEST_DATABASE_URL)
// migrated and filled by db:seed with --setups setups, dropped afterwards. --existing measures the
// database in DATABASE_URL (or the embedded development database) as it is (the HTTP phase adds a
// staff user, removed afterwards, and its audit rows). --cpu-prof DIR: the server's processes (the
// cluster's primary and each worker; WEB_CONCURRENCY=1 for one) run with node --cpu-prof and each writes its profile there when it stops. --server DIR: run that standalone build
// instead of .next/standalone (a copy of the build before a change, to compare on the same database).
// --dump DIR: writes one answer of each page there first. --only TEXT: only the page with that path,
// else those whose path contains TEXT (with --cpu-prof, a profile of that page alone); no goals then.
import { closeDatabase, createDatabase, disconnectPrisma, getPrisma, setPrismaForTests, type PrismaClient } from "../lib/db";
import { createThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { runDbScript, argValue } from "../lib/db/script";
import { seedDatabase } from "../lib/db/seed";
import { countSupportSetups, listSupportSetups, stepFunnel, stepFunnelByScan, topFailingChecks, topFailingChecksByScan } from "../lib/progress";
import { clearFailingCheckRollup } from "../lib/progress/failing-rollup";
import { setupsCsvStream } from "../lib/support/export";
import type { ListParams } from "../lib/support/filters";
import { randomBytes } from "node:crypto";
import { freePort, formatMs, measure, now, printFigure, ratio, reportGoal, roundMs, timed } from "./lib/bench";
import { benchHttp } from "./lib/bench-support-http";

const RULE = { days: 3 };

const argv = process.argv.slice(2);
const runs = Number(argValue(argv, "--runs") ?? 20);
const skipQueries = argv.includes("--skip-queries");
const skipExport = argv.includes("--skip-export");
const skipHttp = argv.includes("--skip-http");
const requestScale = Number(argValue(argv, "--requests") ?? 1);
const httpPort = argValue(argv, "--port");

async function measureAll(prisma: PrismaClient, where: string, url: string) {
  if (!skipQueries) await measureQueries(prisma, where);
  if (!skipHttp) await benchHttp({ prisma, url, scale: requestScale, port: Number(new URL(process.env.SITE_URL!).port), cpuProfDir: argValue(argv, "--cpu-prof"), serverDir: argValue(argv, "--server"), dumpDir: argValue(argv, "--dump"), only: argValue(argv, "--only") });
}

async function measureQueries(prisma: PrismaClient, where: string) {
  {
    const total = await prisma.setup.count();
    const runCount = await prisma.verificationRun.count();
    console.log(`bench:support: ${total.toLocaleString("en-US")} setups, ${runCount.toLocaleString("en-US")} runs in ${where}; ${runs} timed runs each\n`);

    const sample = await prisma.setup.findFirst({ where: { clientId: { not: null }, companyName: { not: null }, contactEmail: { not: null } }, orderBy: { createdAt: "asc" } });
    if (!sample) throw new Error("no setups to search for: seed first (npm run db:seed -- --setups 100000)");
    const company = sample.companyName!;
    const word = company.split(" ")[0]!.toLowerCase();
    const deepCursor = await (async () => {
      let after: string | undefined;
      for (let i = 0; i < 100; i++) after = (await listSupportSetups({ sort: "activity", after }, RULE)).next ?? after;
      return after;
    })();

    const base: ListParams = { sort: "activity" };
    const cases: [string, () => Promise<unknown>][] = [
      ["list: first page (50, last activity)", () => listSupportSetups(base, RULE)],
      ["list: count of all setups", () => countSupportSetups(base, RULE)],
      ["list: page 101 by keyset", () => listSupportSetups({ ...base, after: deepCursor }, RULE)],
      ["list: first page by created", () => listSupportSetups({ sort: "created" }, RULE)],
      [`search: company, exact name "${company}"`, () => listSupportSetups({ ...base, q: company }, RULE)],
      [`search: company, common word "${word}"`, () => listSupportSetups({ ...base, q: word }, RULE)],
      [`search: company + count "${company}"`, () => countSupportSetups({ ...base, q: company }, RULE)],
      ["search: contact email", () => listSupportSetups({ ...base, q: sample.contactEmail! }, RULE)],
      ["search: client ID (upper case)", () => listSupportSetups({ ...base, q: sample.clientId!.toUpperCase() }, RULE)],
      ["search: setup public id", () => listSupportSetups({ ...base, q: sample.publicId }, RULE)],
      ["filter: failing at client-secret", () => listSupportSetups({ ...base, status: "failing", step: "client-secret" }, RULE)],
      ["filter: stuck only", () => listSupportSetups({ ...base, stuck: "yes" }, RULE)],
      ["filter: stuck only + count", () => countSupportSetups({ ...base, stuck: "yes" }, RULE)],
    ];
    const width = Math.max(...cases.map(([n]) => n.length));
    for (const [name, fn] of cases) printFigure(name, await measure(fn, runs), { width });

    // Most frequent failing checks: the daily rollup (closed days) + live rows beside the one pass over
    // the period's runs it replaced (the reference), interleaved; first the cold read that rolls up
    // every closed day of the period.
    console.log("\nMost frequent failing checks (rollup of closed days + live rest, beside the full scan of the period's runs)");
    await clearFailingCheckRollup();
    const [coldMs] = await timed(() => topFailingChecks({ days: 90 }));
    console.log(`  first read after clearing the rollup (rolls up ~90 days): ${roundMs(coldMs)}`);
    for (const days of [30, 90]) {
      const scan: number[] = [];
      const rolled: number[] = [];
      await topFailingChecksByScan({ days });
      for (let i = 0; i < runs; i++) {
        scan.push((await timed(() => topFailingChecksByScan({ days })))[0]);
        rolled.push((await timed(() => topFailingChecks({ days })))[0]);
      }
      const a = printFigure(`failing checks, ${days} days: full scan (before)`, scan, { width });
      const b = printFigure(`failing checks, ${days} days: rollup + live`, rolled, { width });
      console.log(`  ${"".padEnd(width)} ratio of medians ${ratio(b.median, a.median).toFixed(3)}×`);
      if (days === 90) reportGoal({ goal: "failing checks over 90 days, 100k setups (median)", figure: formatMs(b.median), target: "≤ 50 ms", met: b.median <= 50 });
    }

    // The step funnel: each setup's step bits from one index (setup_funnel_idx) beside the count from
    // the step rows it replaced (a grouped query on setup and a join of step_progress), interleaved.
    console.log("\nStep funnel (setup step bits, index-only, beside the count from the step rows)");
    for (const days of [30, 90]) {
      const scan: number[] = [];
      const bits: number[] = [];
      await stepFunnelByScan({ days });
      await stepFunnel({ days });
      for (let i = 0; i < runs; i++) {
        scan.push((await timed(() => stepFunnelByScan({ days })))[0]);
        bits.push((await timed(() => stepFunnel({ days })))[0]);
      }
      const a = printFigure(`funnel, ${days} days: from the step rows (before)`, scan, { width });
      const b = printFigure(`funnel, ${days} days: step bits`, bits, { width });
      console.log(`  ${"".padEnd(width)} ratio of medians ${ratio(b.median, a.median).toFixed(3)}×`);
    }
    if (skipExport) return;

    // The whole list as CSV, streamed.
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const t = now();
    const reader = setupsCsvStream(base, RULE).getReader();
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const s = (now() - t) / 1000;
    console.log(
      `\nCSV export of all ${(lines - 1).toLocaleString("en-US")} rows: ${s.toFixed(1)} s (${Math.round((lines - 1) / s).toLocaleString("en-US")} rows/s), ` +
        `${(bytes / 1e6).toFixed(1)} MB, RSS grew by at most ${((peak - rss0) / 1e6).toFixed(0)} MB`,
    );
  }
}

async function main() {
  // The server's origin and signing secret, set before anything reads the configuration: the HTTP part
  // measures the app's own session check (getStaff) in this process too, on the server's cookie.
  const port = httpPort ? Number(httpPort) : await freePort();
  process.env.SITE_URL = process.env.BETTER_AUTH_URL = `http://127.0.0.1:${port}`;
  process.env.BETTER_AUTH_SECRET = randomBytes(48).toString("base64url");
  if (argv.includes("--existing")) {
    await runDbScript("bench:support", async (url, where) => {
      // The support queries use the process's client (getPrisma), as the app does: point it at `url`.
      process.env.DATABASE_URL = url;
      try {
        await measureAll(getPrisma(), where, url);
      } finally {
        await disconnectPrisma();
      }
    });
    return;
  }
  const setups = Number(argValue(argv, "--setups") ?? "100000");
  const serverUrl = argValue(argv, "--url") ?? (process.env.TEST_DATABASE_URL || undefined);
  const db = await createThrowawayDatabase({ serverUrl, label: "benchsup" });
  const client = createDatabase(db.url, { max: 4, applicationName: "bench-support" });
  setPrismaForTests(client.prisma, client.pool);
  try {
    await applyMigrations(db.url);
    const seeded = await seedDatabase(db.url, { setups, seed: 6, fingerprintKey: "bench-key-".repeat(4) });
    console.log(`bench:support: db:seed made ${seeded.setups} setups, ${seeded.runs} runs in ${(seeded.ms / 1000).toFixed(1)} s`);
    await measureAll(client.prisma, db.where, db.url);
  } finally {
    setPrismaForTests(null);
    await closeDatabase(client);
    await db.drop();
  }
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(`bench:support: ${(e as Error).message?.split("\n")[0] ?? String(e)}`);
  process.exit(1);
});
