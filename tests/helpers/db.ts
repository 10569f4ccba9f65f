// Test databases on a real PostgreSQL (never a mock).
//
// How a test gets a database:
//
//   import { createTestDatabase, type TestDatabase } from "../helpers/db";
//   let db: TestDatabase;
//   beforeAll(async () => { db = await createTestDatabase(); });
//   afterAll(() => db.drop());
//
//   db.prisma / db.pool / db.url     a fresh, fully migrated database of this test file
//
// Code under test that calls getPrisma() / getPgPool() from "@/lib/db" gets this database too:
// createTestDatabase() calls setPrismaForTests(db.prisma, db.pool) (pass { useAsDefault: false } to
// opt out, e.g. for a second database in the same file); drop() undoes it. Each test file runs in its
// own worker, so files never see each other's database and can run in parallel. Child processes
// (scripts) get the database through DATABASE_URL=db.url.
//
// Where the server comes from (tests/helpers/db-global-setup.ts, once per vitest run): the server in
// TEST_DATABASE_URL when set, otherwise a throwaway embedded PostgreSQL 18. Every database is a
// clone of a template migrated once per run; { migrated: false } gives an empty database instead
// (migration and drift tests). All of this run's databases are dropped when the run ends.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { closeDatabase, createDatabase, pgConfig, setPrismaForTests, type PrismaClient } from "../../lib/db";
import { withDatabaseName, type TestDbContext } from "./db-context";

export interface TestDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Closes the client, drops the database, and stops routing getPrisma() to it. */
  drop(): Promise<void>;
}

function context(): TestDbContext {
  const ctx = inject("testDb");
  if (!ctx) {
    throw new Error("no test database server: the vitest globalSetup (tests/helpers/db-global-setup.ts) did not start one for this run");
  }
  return ctx;
}

/** URL of a database on the test server from which databases may be created (for tests that need raw access). */
export function testServerUrl(): string {
  return context().serverUrl;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(pgConfig(context().serverUrl));
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new database name of this run (dropped at the end of the run at the latest). */
export function newDatabaseName(label = "db"): string {
  return `${context().prefix}${label.replace(/[^a-z0-9]/gi, "").toLowerCase().slice(0, 12)}_${randomBytes(4).toString("hex")}`;
}

export async function createTestDatabase(
  options: { migrated?: boolean; useAsDefault?: boolean; label?: string; poolSize?: number } = {},
): Promise<TestDatabase> {
  const ctx = context();
  const name = newDatabaseName(options.label);
  const migrated = options.migrated ?? true;
  await admin(async (c) => {
    // Cloning fails while another session is connected to the template; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(migrated ? `CREATE DATABASE "${name}" TEMPLATE "${ctx.template}"` : `CREATE DATABASE "${name}"`);
        return;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabaseName(ctx.serverUrl, name);
  const db = createDatabase(url, { max: options.poolSize ?? 10, applicationName: "bc-setup-checker-test" });
  const useAsDefault = options.useAsDefault ?? true;
  if (useAsDefault) setPrismaForTests(db.prisma, db.pool);
  let dropped = false;
  return {
    name,
    url,
    prisma: db.prisma,
    pool: db.pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      if (useAsDefault) setPrismaForTests(null);
      await closeDatabase(db);
      await dropDatabase(name);
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
