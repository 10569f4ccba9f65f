// What the app sees when PostgreSQL drops its connections (a restart, a failover: the server sends
// "terminating connection", 57P01): every shape of that error reads as "database unavailable" (the
// customer is told "could not reach our database", not "a problem on our side"), and a client that
// is checked out between queries when it happens is no uncaughtException. Found by
// `npm run bench -- soak`, which restarts PostgreSQL under load.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase, type Database } from "../../lib/db";
import { isDatabaseUnavailable } from "../../lib/progress";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
let victim: Database;
let admin: pg.Client;
const app = `victim-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  db = await createTestDatabase({ label: "dbrestart", useAsDefault: false });
  victim = createDatabase(db.url, { max: 3, applicationName: app });
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  if (victim) await closeDatabase(victim);
  await db?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What a server shutdown does to each connection of the app: pg_terminate_backend sends the same 57P01. */
const terminate = () => admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [app]);

describe("PostgreSQL terminating the app's connections", () => {
  it("a transaction cut between two statements reads as unavailable", async () => {
    const err = await victim.prisma
      .$transaction(async (tx) => {
        await tx.setup.findFirst();
        await terminate();
        await sleep(100);
        await tx.setup.findFirst();
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("a statement cut while it runs reads as unavailable, in a transaction or not", async () => {
    /** Terminates the connection once its pg_sleep is running (bounded wait). */
    const terminateWhenRunning = async () => {
      for (let i = 0; i < 100; i++) {
        const { rowCount } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE '%pg_sleep%'", [app]);
        if (rowCount) break;
        await sleep(50);
      }
      await terminate();
    };
    const [plain] = await Promise.all([victim.prisma.$queryRawUnsafe("SELECT pg_sleep(5)::text AS slept").catch((e: unknown) => e), terminateWhenRunning()]);
    expect(plain).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(plain)).toBe(true);
    const inTx = await victim.prisma
      .$transaction(async (tx) => {
        await Promise.all([tx.$queryRawUnsafe("SELECT pg_sleep(5)::text AS slept"), terminateWhenRunning()]);
      })
      .catch((e: unknown) => e);
    expect(inTx).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(inTx)).toBe(true);
  });

  it("a client checked out but not querying when it is cut is no uncaughtException, and the pool recovers", async () => {
    const client = await victim.pool.connect();
    expect(client.listenerCount("error")).toBeGreaterThan(0);
    await terminate();
    await sleep(200); // the "terminating connection" message arrives while nobody queries
    const err = await client.query("SELECT 1").catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    client.release();
    expect(await victim.prisma.setup.count()).toBeGreaterThanOrEqual(0);
  });
});
