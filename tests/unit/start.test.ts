// scripts/start.mjs (`npm start`): with DATABASE_URL set, a missing key is refused in one line before
// anything is installed, built or migrated (a refused start must not have changed the database).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm start with DATABASE_URL", () => {
  it("refuses a missing key in one line, before installing, building or migrating", () => {
    const key = "k".repeat(40);
    for (const [missing, others] of [
      ["SECRET_FINGERPRINT_KEY", { BETTER_AUTH_SECRET: key }],
      ["BETTER_AUTH_SECRET", { SECRET_FINGERPRINT_KEY: key }],
    ] as const) {
      const env: NodeJS.ProcessEnv = { ...process.env, ...others, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/never" };
      delete env[missing];
      const r = spawnSync(process.execPath, ["scripts/start.mjs"], { env, encoding: "utf8", timeout: 20_000 });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr.trim().split("\n").filter((l) => l.startsWith("start:"))).toEqual([
        expect.stringContaining(`start: set ${missing} (at least 32 characters`),
      ]);
      // No install, build or migration began (each prints its own line first).
      expect(r.stdout).not.toMatch(/installing|building|rebuilding|migrat/i);
    }
  });
});
