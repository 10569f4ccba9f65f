// The embedded PostgreSQL of the zero-setup default: data survives a stop and a start.
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase } from "../../lib/db";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrate";

let tmp: string | undefined;
let server: EmbeddedServer | undefined;
afterAll(async () => {
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("keeps its data across a restart, and runs in UTC", async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "bc-restart-"));
    await chmod(tmp, 0o755);
    const dataDir = path.join(tmp, "postgres");

    server = await startEmbeddedPostgres({ dataDir, persistent: true });
    expect((await applyMigrations(server.url)).applied.length).toBeGreaterThan(0);
    let db = createDatabase(server.url);
    await db.prisma.setup.create({ data: { publicId: "restart_test_0000000001", guide: "dynamics365-business-central", companyName: "Persistent Ltd" } });
    await closeDatabase(db);
    await server.stop();
    expect((await stat(path.join(dataDir, "PG_VERSION"))).isFile()).toBe(true);
    expect((await stat(`${dataDir}.password`)).mode & 0o077).toBe(0);

    server = await startEmbeddedPostgres({ dataDir, persistent: true });
    // The server itself runs in UTC, whatever the host's zone (initdb takes it): a bare session that
    // asks for no zone (psql, a tool) sees UTC too. (tests/integration/db-timezone.test.ts: the app's own.)
    const bare = new pg.Client({ connectionString: server.url });
    await bare.connect();
    try {
      expect((await bare.query<{ TimeZone: string }>("SHOW TimeZone")).rows[0]!.TimeZone).toBe("UTC");
    } finally {
      await bare.end();
    }
    expect((await applyMigrations(server.url)).applied).toEqual([]);
    db = createDatabase(server.url);
    try {
      const row = await db.prisma.setup.findUnique({ where: { publicId: "restart_test_0000000001" } });
      expect(row?.companyName).toBe("Persistent Ltd");
    } finally {
      await closeDatabase(db);
    }
    await server.stop();
    server = undefined;
  });
});
