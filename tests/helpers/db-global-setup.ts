// vitest globalSetup: one PostgreSQL server per test run, and a migrated template database on it.
// Each test file then clones the template (CREATE DATABASE … TEMPLATE, a few ms) through
// createTestDatabase() in tests/helpers/db.ts, so files are isolated and can run in parallel.
//
// The server: TEST_DATABASE_URL when set (e.g. postgresql://postgres@127.0.0.1:5432/test; any
// database on it will do, we only create and drop our own), otherwise a throwaway embedded
// PostgreSQL 18 with its data under the temp dir, stopped and deleted at the end of the run.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { removeStaleTemporaries, startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrate";
import { pgConfig } from "../../lib/db/connection";
import { withDatabaseName } from "./db-context";

/** True when the run was asked for specific files and none of them is an integration test. */
function onlyUnitTests(): boolean {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("-") && !["run", "watch", "dev", "related"].includes(a));
  return args.length > 0 && args.every((a) => !/integration/.test(a));
}

export default async function setup(project: TestProject) {
  if (onlyUnitTests()) {
    project.provide("testDb", null);
    return;
  }
  const external = process.env.TEST_DATABASE_URL?.trim();
  // Databases and clusters of earlier runs that were killed before their teardown.
  await removeStaleTemporaries({ serverUrl: external || undefined, databasePrefix: "bct_", tmpPrefix: "bc-test-pg-" }).catch(() => {});
  let server: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let serverUrl: string;
  if (external) {
    serverUrl = external;
  } else {
    tmp = await mkdtemp(path.join(os.tmpdir(), "bc-test-pg-"));
    await chmod(tmp, 0o755); // the server runs as the `postgres` user when we are root
    server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), persistent: false, fast: true, database: "postgres" }).catch(
      async (e: unknown) => {
        await rm(tmp!, { recursive: true, force: true });
        throw e;
      },
    );
    serverUrl = server.adminUrl;
  }

  const prefix = `bct_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}_`;
  const template = `${prefix}template`;
  const admin = new pg.Client(pgConfig(serverUrl));
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
  } catch (e) {
    await admin.end().catch(() => {});
    await server?.stop();
    throw new Error(`test database server unreachable (${external ? "TEST_DATABASE_URL" : "embedded"}): ${(e as Error).message}`);
  }
  await applyMigrations(withDatabaseName(serverUrl, template));
  await admin.end();

  project.provide("testDb", { serverUrl, template, prefix, embedded: !external });

  return async () => {
    const c = new pg.Client(pgConfig(serverUrl));
    await c.connect();
    try {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
}
