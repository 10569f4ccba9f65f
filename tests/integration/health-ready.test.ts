// /api/health and /api/ready on a real PostgreSQL: ready when migrated, 503 when migrations are
// pending or the database does not answer; the migrations check is cached for a few seconds.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { freePort } from "@/lib/db/embedded";
import { migrationProblemsAt, readinessChecker, readinessResponse, type ReadinessDeps } from "@/lib/health/ready";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
let empty: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ label: "ready" });
  empty = await createTestDatabase({ label: "notmigrated", migrated: false, useAsDefault: false });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await empty?.drop();
  await db?.drop();
});

function depsFor(t: TestDatabase, extra: Partial<ReadinessDeps> = {}): ReadinessDeps {
  return { ping: async () => void (await t.pool.query("SELECT 1")), migrationProblems: () => migrationProblemsAt(t.url), ...extra };
}

function noStack(body: unknown) {
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|postgres(ql)?:\/\/[^…]/);
}

describe("GET /api/health", () => {
  it("answers 200 without touching the database", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: "up" });
  });
});

describe("GET /api/ready", () => {
  it("the route: 200 {status:'ready'} on a migrated database (DATABASE_URL + the app's pool)", async () => {
    vi.stubEnv("DATABASE_URL", db.url);
    const { GET } = await import("@/app/api/ready/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it("503 migrations-pending on a database without the migrations, naming them", async () => {
    const r = await readinessChecker(depsFor(empty)).check();
    expect(r.status).toBe("not-ready");
    const res = readinessResponse(r);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { reason: string; pending: string[]; message: string };
    expect(body.reason).toBe("migrations-pending");
    expect(body.pending.length).toBeGreaterThan(0);
    expect(body.message).toMatch(/db:migrate/);
    noStack(body);
  });

  it("503 database-unreachable when PostgreSQL does not answer (nothing listens on the port)", async () => {
    const port = await freePort();
    const url = `postgresql://postgres:hunter2secret@127.0.0.1:${port}/nothing`;
    const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 1000 });
    pool.on("error", () => {});
    try {
      const checker = readinessChecker({ ping: async () => void (await pool.query("SELECT 1")), migrationProblems: () => migrationProblemsAt(url) });
      const res = readinessResponse(await checker.check());
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; reason: string; message: string };
      expect(body).toMatchObject({ status: "not-ready", reason: "database-unreachable" });
      expect(body.message).toMatch(/PostgreSQL does not answer/);
      expect(JSON.stringify(body)).not.toContain("hunter2secret");
      noStack(body);
    } finally {
      await pool.end();
    }
  });

  it("a hanging database is reported within the ping timeout, not waited on", async () => {
    const checker = readinessChecker({ ping: () => new Promise(() => {}), migrationProblems: async () => [] });
    const t0 = Date.now();
    const r = await checker.check();
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(r).toMatchObject({ status: "not-ready", reason: "database-unreachable" });
  });

  it("caches the migrations check for a few seconds and shares one check between concurrent requests", async () => {
    let clock = 1_000_000;
    let calls = 0;
    const checker = readinessChecker(
      depsFor(db, {
        now: () => clock,
        cacheMs: 5000,
        migrationProblems: async () => {
          calls++;
          return migrationProblemsAt(db.url);
        },
      }),
    );
    const first = await Promise.all([checker.check(), checker.check(), checker.check()]);
    expect(first.every((r) => r.status === "ready")).toBe(true);
    expect(calls).toBe(1);
    clock += 4000;
    await checker.check();
    expect(calls).toBe(1);
    clock += 2000;
    await checker.check();
    expect(calls).toBe(2);
  });

  it("503 migrations-check-failed (no stack) when the history cannot be read", async () => {
    const checker = readinessChecker({ ping: async () => {}, migrationProblems: async () => { throw new Error("boom\n    at x (/a/b.ts:1:2)"); } });
    const res = readinessResponse(await checker.check());
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ reason: "migrations-check-failed" });
    noStack(body);
  });
});
