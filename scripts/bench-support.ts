// npm run bench:support [-- --seed 100000] [--runs 20]
// Times the support console's queries on the database in DATABASE_URL (or the embedded development
// database): the list, deep keyset pages, each kind of search, filters, the funnel, the failing
// checks, and a full CSV export (rows/s and memory). With --seed N it first tops the setups up to N
// with generated ones (prefer `npm run db:seed -- --setups N` when available).
import { disconnectPrisma, getPrisma, type PrismaClient } from "../lib/db";
import { runDbScript, argValue } from "../lib/db/script";
import { countSupportSetups, listSupportSetups } from "../lib/support/setups";
import { stepFunnel, topFailingChecks } from "../lib/support/insights";
import { setupsCsvStream } from "../lib/support/export";
import { SUPPORT_GUIDE, SUPPORT_STEPS } from "../lib/support/steps";
import { seedRuns, seedSetups } from "../tests/integration/support-fixtures";
import type { ListParams } from "../lib/support/filters";

const RULE = { days: 3 };

async function time<T>(fn: () => Promise<T>, runs: number): Promise<{ median: number; p95: number; result: T }> {
  let result = await fn(); // warm-up (plans, caches)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]!, result };
}

async function main(url: string, where: string) {
  const argv = process.argv.slice(2);
  const seedTo = Number(argValue(argv, "--seed") ?? 0);
  const runs = Number(argValue(argv, "--runs") ?? 20);
  // The support queries use the process's client (getPrisma), as the app does: point it at `url`.
  process.env.DATABASE_URL = url;
  const prisma: PrismaClient = getPrisma();
  try {
    let total = await prisma.setup.count();
    if (seedTo > total) {
      const t = performance.now();
      const add = seedTo - total;
      const made = [];
      for (let i = 0; i < add; i += 10_000) {
        made.push(...(await seedSetups(prisma, { count: Math.min(10_000, add - i), seed: 1000 + i, tag: `b${i.toString(36)}` })));
      }
      await seedRuns(prisma, made, { count: add * 3, days: 120, seed: 77 });
      await prisma.$executeRawUnsafe("ANALYZE");
      console.log(`bench:support: added ${add} setups and ${add * 3} runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      total = await prisma.setup.count();
    }
    const runCount = await prisma.verificationRun.count();
    console.log(`bench:support: ${total.toLocaleString("en-US")} setups, ${runCount.toLocaleString("en-US")} runs in ${where}; ${runs} timed runs each\n`);

    const sample = await prisma.setup.findFirst({ where: { clientId: { not: null }, companyName: { not: null }, contactEmail: { not: null } }, orderBy: { createdAt: "asc" } });
    if (!sample) throw new Error("no setups to search for: seed first (--seed 100000)");
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
      ["insights: funnel, 30 days", () => stepFunnel(prisma, { guide: SUPPORT_GUIDE, steps: [...SUPPORT_STEPS], days: 30 })],
      ["insights: funnel, 90 days", () => stepFunnel(prisma, { guide: SUPPORT_GUIDE, steps: [...SUPPORT_STEPS], days: 90 })],
      ["insights: top failing checks, 30 days", () => topFailingChecks(prisma, { days: 30 })],
      ["insights: top failing checks, 90 days", () => topFailingChecks(prisma, { days: 90 })],
    ];
    const width = Math.max(...cases.map(([n]) => n.length));
    console.log(`${"query".padEnd(width)}  median ms  p95 ms`);
    for (const [name, fn] of cases) {
      const r = await time(fn, runs);
      console.log(`${name.padEnd(width)}  ${r.median.toFixed(1).padStart(9)}  ${r.p95.toFixed(1).padStart(6)}`);
    }

    // The whole list as CSV, streamed.
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const t = performance.now();
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
    const s = (performance.now() - t) / 1000;
    console.log(
      `\nCSV export of all ${(lines - 1).toLocaleString("en-US")} rows: ${s.toFixed(1)} s (${Math.round((lines - 1) / s).toLocaleString("en-US")} rows/s), ` +
        `${(bytes / 1e6).toFixed(1)} MB, RSS grew by at most ${((peak - rss0) / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await disconnectPrisma();
  }
}

void runDbScript("bench:support", main);
