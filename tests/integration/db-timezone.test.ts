// Timestamps on a database whose default TimeZone is far from UTC (Asia/Tokyo, +09:00): the app's
// connections still run in UTC (lib/db/connection.ts), so what the raw-pg path (recordRun) and Prisma
// write reads back as the instant that was written. Without that, @prisma/adapter-pg writes Dates
// as local Tokyo times and reads timestamptz with Tokyo's offset relabelled +00:00: 9 hours off.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase, setPrismaForTests, type Database } from "../../lib/db";
import { getRun, recordRun, startSetup } from "../../lib/progress";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { report } from "../helpers/reports";

const FAR_ZONE = "Asia/Tokyo";

let db: TestDatabase;
let app: Database;

beforeAll(async () => {
  db = await createTestDatabase({ label: "timezone" });
  // Only sessions opened from now on take the database's default: the app's are opened below.
  await db.pool.query(`ALTER DATABASE "${db.name}" SET timezone = '${FAR_ZONE}'`);
  app = createDatabase(db.url, { max: 2, applicationName: "bc-setup-checker-test-tz" });
  setPrismaForTests(app.prisma, app.pool);
});

afterAll(async () => {
  if (app) await closeDatabase(app);
  if (db) {
    await db.pool.query(`ALTER DATABASE "${db.name}" RESET timezone`);
    await db.drop();
  }
});

/** A session that asks for no time zone: it gets whatever the server and database say. */
async function bare<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The stored instant, in ms since the epoch (independent of the reading session's time zone). */
async function storedMs(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await app.pool.query<{ ms: string }>(`SELECT (extract(epoch FROM (${sql})) * 1000)::bigint::text AS ms`, params);
  return Number(rows[0]!.ms);
}

describe("session time zone", () => {
  it("the database's default is far from UTC (a session that asks for none gets it)", async () => {
    const { rows } = await bare(db.url, (c) => c.query<{ TimeZone: string }>("SHOW TimeZone"));
    expect(rows[0]!.TimeZone).toBe(FAR_ZONE);
  });

  it("the app's new connections run in UTC all the same: its pg pool and Prisma over it", async () => {
    const { rows } = await app.pool.query<{ TimeZone: string }>("SHOW TimeZone");
    expect(rows[0]!.TimeZone).toBe("UTC");
    const viaPrisma = await app.prisma.$queryRawUnsafe<{ TimeZone: string }[]>("SHOW TimeZone");
    expect(viaPrisma[0]!.TimeZone).toBe("UTC");
    // A transaction (a connection of its own, checked out with connect()) too.
    const inTx = await app.prisma.$transaction((tx) => tx.$queryRawUnsafe<{ TimeZone: string }[]>("SHOW TimeZone"));
    expect(inTx[0]!.TimeZone).toBe("UTC");
  });

  it("keeps the options already in the URL, and UTC still wins over one there", async () => {
    const other = createDatabase(`${db.url}?options=${encodeURIComponent("-c statement_timeout=4321 -c TimeZone=America/Los_Angeles")}`, { max: 1 });
    try {
      const { rows } = await other.pool.query<{ tz: string; st: string }>("SELECT current_setting('TimeZone') AS tz, current_setting('statement_timeout') AS st");
      expect(rows[0]).toEqual({ tz: "UTC", st: "4321ms" });
    } finally {
      await closeDatabase(other);
    }
  });
});

describe("timestamps read back as written", () => {
  it("a run recorded through pg (recordRun): its dates are the instant it was recorded", async () => {
    const id = await startSetup();
    const before = Date.now();
    const r = await recordRun({ setupPublicId: id, stepId: "register-application", source: "form", report: report({ "redirect-uri": "pass" }), durationMs: 3 });
    const after = Date.now();
    const near = (ms: number) => {
      expect(ms).toBeGreaterThanOrEqual(before - 1000);
      expect(ms).toBeLessThanOrEqual(after + 1000);
    };

    near(await storedMs(`SELECT "createdAt" FROM verification_run WHERE "publicId" = $1`, [r.runPublicId]));
    near(await storedMs(`SELECT "lastActivityAt" FROM setup WHERE "publicId" = $1`, [id]));
    // Read through Prisma (the adapter relabels the server's offset as +00:00: right only in UTC).
    near((await app.prisma.verificationRun.findUniqueOrThrow({ where: { publicId: r.runPublicId } })).createdAt.getTime());
    near((await getRun(r.runPublicId))!.createdAt.getTime());
    const setup = await app.prisma.setup.findUniqueOrThrow({ where: { publicId: id }, include: { steps: true } });
    near(setup.lastActivityAt.getTime());
    const step = setup.steps.find((s) => s.stepId === "register-application")!;
    near(step.lastAttemptAt!.getTime());
  });

  it("a Date written through Prisma is stored as that instant and reads back equal", async () => {
    const id = await startSetup();
    const written = new Date("2025-07-01T23:30:15.250Z"); // late evening UTC: already the next day in Tokyo
    await app.prisma.setup.update({ where: { publicId: id }, data: { lastActivityAt: written } });

    expect(Math.abs((await storedMs(`SELECT "lastActivityAt" FROM setup WHERE "publicId" = $1`, [id])) - written.getTime())).toBeLessThan(1000);
    const read = await app.prisma.setup.findUniqueOrThrow({ where: { publicId: id } });
    expect(Math.abs(read.lastActivityAt.getTime() - written.getTime())).toBeLessThan(1000);
    // And the day it falls on, as a UTC rollup counts it.
    const { rows } = await app.pool.query<{ day: string }>(`SELECT "lastActivityAt"::date::text AS day FROM setup WHERE "publicId" = $1`, [id]);
    expect(rows[0]!.day).toBe("2025-07-01");
  });
});
