// Migrations: applied through the wasm schema engine on an empty database, recorded in
// _prisma_migrations exactly as Prisma Migrate does, and matching schema.prisma (drift test).
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffDatabaseToSchema,
  diffMigrationsToSchema,
  migrationStatus,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
} from "../../lib/db/migrate";
import { createTestDatabase, testServerUrl, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
let tmp: string;

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false, useAsDefault: false });
  tmp = await mkdtemp(path.join(os.tmpdir(), "bc-drift-"));
});
afterAll(async () => {
  await db?.drop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** schema.prisma with one more column on Setup: a change nobody wrote a migration for. */
async function changedSchema(): Promise<string> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const changed = schema.replace(/model Setup \{\n/, "model Setup {\n  driftProbe String?\n");
  expect(changed).not.toBe(schema);
  const file = path.join(tmp, "schema.prisma");
  await writeFile(file, changed);
  return file;
}

describe("migrations", () => {
  it("an empty database reports every migration as pending", async () => {
    const status = await migrationStatus(db.url);
    expect(status.local).toEqual(await migrationNames());
    expect(status.pending).toEqual(status.local);
    expect(status.upToDate).toBe(false);
  });

  it("applies every migration once and records it like prisma migrate deploy", async () => {
    const first = await applyMigrations(db.url);
    expect(first.applied).toEqual(await migrationNames());
    const again = await applyMigrations(db.url);
    expect(again.applied).toEqual([]);

    const { rows } = await db.pool.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(await migrationNames());
    for (const r of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, r.migration_name, "migration.sql"), "utf8");
      expect(r.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.logs).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
    const status = await migrationStatus(db.url);
    expect(status.pending).toEqual([]);
    expect(status.upToDate).toBe(true);
  });

  it("the first migration enables pg_trgm for the search indexes", async () => {
    const { rows } = await db.pool.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
    expect(rows).toHaveLength(1);
    const idx = await db.pool.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'setup_company_trgm_idx'");
    expect(idx.rows[0]?.indexdef).toMatch(/USING gin .*gin_trgm_ops/);
  });

  it("the migrated database matches schema.prisma exactly (drift test)", async () => {
    expect(await diffDatabaseToSchema(db.url)).toBe("");
  });

  it("the migrations folder, replayed on a shadow database, matches schema.prisma", async () => {
    expect(await diffMigrationsToSchema(testServerUrl())).toBe("");
  });

  it("a schema change without its migration is caught by both checks", async () => {
    const schemaPath = await changedSchema();
    expect(await diffDatabaseToSchema(db.url, { schemaPath })).toMatch(/ALTER TABLE "setup" ADD COLUMN\s+"driftProbe" TEXT/);
    expect(await diffMigrationsToSchema(testServerUrl(), { schemaPath })).toMatch(/ALTER TABLE "setup" ADD COLUMN\s+"driftProbe" TEXT/);
  });

  it("an edited migration shows up in the status", async () => {
    const dir = path.join(tmp, "migrations");
    const { cp } = await import("node:fs/promises");
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const [firstName] = await migrationNames();
    const file = path.join(dir, firstName!, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited after it was applied\n`);
    const status = await migrationStatus(db.url, { dir });
    expect(status.edited).toEqual([firstName]);
    expect(status.upToDate).toBe(false);
  });
});
