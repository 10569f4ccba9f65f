// The database: one Prisma Client per process, over a pg pool through @prisma/adapter-pg.
// This folder is the only place that imports the generated client (lib/db/generated, written by
// `prisma generate` at postinstall); everything else imports types and the client from "@/lib/db".
//
//   import { getPrisma } from "@/lib/db";
//   const setup = await getPrisma().setup.findUnique({ where: { publicId } });
//
// DATABASE_URL is validated by lib/config.ts; a bad or missing value fails on first use with one
// line naming the variable. Tests point getPrisma() at their own database with setPrismaForTests()
// (tests/helpers/db.ts does it for you).
import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { config, ConfigError } from "../config";
import { log } from "../log";
import { pgConfig } from "./connection";

export * from "./generated/client";
export { pgConfig } from "./connection";

export interface Database {
  prisma: PrismaClient;
  /** The pg pool under the client, for libraries that want one (rate-limiter-flexible's Postgres store). */
  pool: pg.Pool;
}

/** The validated DATABASE_URL, or a ConfigError with one line saying how to set it. */
export function databaseUrl(): string {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new ConfigError(
      "DATABASE_URL is not set: start the site with `npm start` (embedded PostgreSQL) or set DATABASE_URL=postgresql://user:password@host:5432/dbname",
    );
  }
  return url;
}

/** A new client and pool on `url` (scripts and tests; the app uses getPrisma()). Close with closeDatabase(). */
export function createDatabase(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  // Sessions in UTC whatever the server's TimeZone (lib/db/connection.ts): the adapter and the raw-SQL
  // paths (lib/progress/record.ts) must agree on what a timestamp without an offset means.
  const pool = new pg.Pool(
    pgConfig(url, {
      max: options.max ?? 10,
      application_name: options.applicationName ?? "bc-setup-checker",
      connectionTimeoutMillis: 10_000,
    }),
  );
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (err) => log().error({ event: "db.idle_connection_error", error: err.message }, "db: idle connection error"));
  // A client handed to a waiter can get the server's "terminating connection" (a restart) before the
  // waiter listens (pool.connect()'s promise resolves a tick later): an uncaughtException without this.
  // Its next query fails anyway and pg-pool drops it on release (scripts/bench-soak.ts found it).
  pool.on("connect", (client) => client.on("error", () => {}));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}

export async function closeDatabase(db: Database): Promise<void> {
  await db.prisma.$disconnect();
  if (!(db.pool as pg.Pool & { ended?: boolean }).ended) await db.pool.end();
}

// One database per process. In development Next.js re-evaluates modules on every change, so the
// instance lives on globalThis there to avoid opening a new pool per reload.
const holder = globalThis as unknown as { __bcSetupCheckerDb?: Database };
let instance: Database | undefined;
let testOverride: Database | undefined;

function current(): Database {
  if (testOverride) return testOverride;
  if (instance) return instance;
  if (config().NODE_ENV === "development" && holder.__bcSetupCheckerDb) {
    instance = holder.__bcSetupCheckerDb;
    return instance;
  }
  instance = createDatabase(databaseUrl());
  if (config().NODE_ENV === "development") holder.__bcSetupCheckerDb = instance;
  return instance;
}

/** The process's Prisma Client (created on first use from DATABASE_URL). */
export function getPrisma(): PrismaClient {
  return current().prisma;
}

/** The pg pool under getPrisma(). */
export function getPgPool(): pg.Pool {
  return current().pool;
}

/**
 * Tests: make getPrisma()/getPgPool() return this client (and pool) in this process, or pass null to
 * go back to DATABASE_URL. The caller keeps ownership (tests/helpers/db.ts closes it in drop()).
 */
export function setPrismaForTests(prisma: PrismaClient | null, pool?: pg.Pool): void {
  if (!prisma) {
    testOverride = undefined;
    return;
  }
  testOverride = { prisma, pool: pool ?? (undefined as unknown as pg.Pool) };
  if (!pool) {
    Object.defineProperty(testOverride, "pool", {
      get() {
        throw new Error("setPrismaForTests: no pg pool was given for getPgPool()");
      },
    });
  }
}

/** Closes the process's client and pool (scripts call this before exiting). */
export async function disconnectPrisma(): Promise<void> {
  const db = instance;
  instance = undefined;
  if (holder.__bcSetupCheckerDb === db) delete holder.__bcSetupCheckerDb;
  if (db) await closeDatabase(db);
}

/**
 * Runs fn on one pooled connection inside BEGIN … COMMIT (ROLLBACK when fn throws), for the hot paths
 * that speak SQL directly (lib/progress/record.ts). `begin` is sent with BEGIN in the same round trip:
 * a constant, parameter-free SQL text (several statements are allowed there). A statement_timeout
 * bounds the transaction's statements as Prisma's transaction timeout does for the others.
 */
export async function withPgTransaction<T>(
  fn: (client: pg.PoolClient, begun: pg.QueryResult[]) => Promise<T>,
  options: { begin?: string; statementTimeoutMs?: number } = {},
): Promise<T> {
  const client = await current().pool.connect();
  let broken: Error | undefined;
  try {
    const timeout = Math.max(1, Math.floor(options.statementTimeoutMs ?? 20_000));
    const sql = `BEGIN; SET LOCAL statement_timeout = ${timeout};${options.begin ? ` ${options.begin}` : ""}`;
    const res = (await client.query(sql)) as unknown as pg.QueryResult[] | pg.QueryResult;
    const results = Array.isArray(res) ? res.slice(2) : [];
    const out = await fn(client, results);
    await client.query("COMMIT");
    return out;
  } catch (e) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      // The connection is unusable (a restart, a network error): the pool must not hand it out again.
      broken = rollbackError as Error;
    }
    throw e;
  } finally {
    client.release(broken);
  }
}
