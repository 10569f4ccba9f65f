// A bad DATABASE_URL fails fast with one line naming the variable (and never echoes its value).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../lib/config";

function run(script: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env, NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr.trim(), stdout: r.stdout.trim() };
}

describe("DATABASE_URL", () => {
  it("accepts postgres:// and postgresql:// URLs, and unset", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db.example:5432/app" }).DATABASE_URL).toBe("postgresql://u:p@db.example:5432/app");
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/app" }).DATABASE_URL).toBe("postgres://localhost/app");
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each(["mysql://u:hunter2@db/app", "not a url", "postgresql://", "http://db.example/app"])("rejects %s with one line naming the variable", (value) => {
    let message = "";
    try {
      loadConfig({ DATABASE_URL: value });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid environment variable DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).not.toContain("\n");
    expect(message).not.toContain("hunter2");
  });

  it("stops a script before it touches anything, with one line on stderr", () => {
    const r = run("scripts/db-migrate.ts", { DATABASE_URL: "mysql://user:hunter2@db.example/app" });
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^db:migrate: Invalid environment variable DATABASE_URL: /);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("says where the server could not be reached", () => {
    const r = run("scripts/db-status.ts", { DATABASE_URL: "postgresql://postgres:secretpw@127.0.0.1:1/app" });
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^db:status: .*127\.0\.0\.1:1/);
    expect(r.stderr).not.toContain("secretpw");
  });
});
