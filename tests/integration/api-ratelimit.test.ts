// The API's rate limiter on a real PostgreSQL (the migrated "rate_limits" table) and in memory.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryLimiter, postgresLimiter } from "@/lib/ratelimit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ useAsDefault: false, label: "ratelimit" });
});
afterAll(async () => {
  await db?.drop();
});

describe("Postgres store (shared by every app instance)", () => {
  it("allows the configured points, then refuses with a retry delay; state lives in rate_limits", async () => {
    const limiter = postgresLimiter(db.pool, { points: 2, durationSeconds: 60, keyPrefix: "t1" });
    expect(await limiter.consume("ip:203.0.113.1")).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.consume("ip:203.0.113.1")).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await limiter.consume("ip:203.0.113.1");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.consume("ip:203.0.113.2")).allowed).toBe(true);
    const rows = await db.pool.query<{ key: string; points: number }>("SELECT key, points FROM rate_limits WHERE key LIKE 't1:%' ORDER BY key");
    expect(rows.rows).toEqual([
      { key: "t1:ip:203.0.113.1", points: 3 },
      { key: "t1:ip:203.0.113.2", points: 1 },
    ]);
  });

  it("two instances (two pools) share one limit", async () => {
    const other = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const a = postgresLimiter(db.pool, { points: 3, durationSeconds: 60, keyPrefix: "t2" });
      const b = postgresLimiter(other, { points: 3, durationSeconds: 60, keyPrefix: "t2" });
      const results = await Promise.all([a.consume("k"), b.consume("k"), a.consume("k"), b.consume("k"), a.consume("k")]);
      expect(results.filter((r) => r.allowed)).toHaveLength(3);
      expect(results.filter((r) => !r.allowed)).toHaveLength(2);
    } finally {
      await other.end();
    }
  });

  it("if Postgres cannot be reached, a per-process memory limit still applies (never a crash)", async () => {
    const dead = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    dead.on("error", () => {});
    try {
      const limiter = postgresLimiter(dead, { points: 1, durationSeconds: 60, keyPrefix: "t3" });
      expect((await limiter.consume("k")).allowed).toBe(true);
      expect((await limiter.consume("k")).allowed).toBe(false);
    } finally {
      await dead.end();
    }
  });
});

describe("memory store", () => {
  it("counts per key", async () => {
    const limiter = memoryLimiter({ points: 1, durationSeconds: 30, keyPrefix: "m" });
    expect((await limiter.consume("a")).allowed).toBe(true);
    const r = await limiter.consume("a");
    expect(r).toMatchObject({ allowed: false, remaining: 0 });
    expect(r.retryAfterSeconds).toBeGreaterThan(0);
    expect((await limiter.consume("b")).allowed).toBe(true);
  });
});
