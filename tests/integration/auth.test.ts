// Staff authentication with Better Auth on real Postgres: passwords hashed by the library,
// sessions in the database, sign-in rate-limited (database storage), sign-up closed over HTTP.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import type { PrismaClient } from "@/lib/db";
import { ConfigError } from "@/lib/config";
import { createStaffAuth, SIGN_IN_MAX_ATTEMPTS, type StaffAuth } from "@/lib/auth/auth";
import { getStaff, safeNextPath } from "@/lib/auth";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { signInWithPassword, signOutSession } from "@/lib/auth/sign-in";
import { createStaffUser, StaffExistsError } from "@/lib/auth/staff";
import { handleAuthRequest } from "@/lib/auth/http";

const BASE = "http://localhost:3000";
const SECRET = "test-secret-for-better-auth-0123456789abcdef";
const PASSWORD = "a long staff password";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
let auth: StaffAuth;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  auth = createStaffAuth({ prisma, secret: SECRET, baseURL: BASE });
  await createStaffUser(prisma, { email: "Ada@Example.com", name: "Ada", password: PASSWORD }, { secret: SECRET, baseURL: BASE });
});

afterAll(async () => {
  await db?.drop();
});

function signInRequest(email: string, password: string, ip: string): Request {
  return new Request(`${BASE}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": ip, "user-agent": "vitest" },
    body: JSON.stringify({ email, password }),
  });
}

function cookieFrom(setCookie: string): string {
  return setCookie
    .split(/,(?=\s*[\w.-]+=)/)
    .map((c) => c.split(";")[0]!.trim())
    .join("; ");
}

describe("staff users", () => {
  it("stores a hash made by the library, never the password", async () => {
    const user = await prisma.staffUser.findUniqueOrThrow({ where: { email: "ada@example.com" }, include: { accounts: true } });
    expect(user.role).toBe("support");
    expect(user.accounts).toHaveLength(1);
    const hash = user.accounts[0]!.password!;
    expect(user.accounts[0]!.providerId).toBe("credential");
    expect(hash).not.toContain(PASSWORD);
    expect(hash.length).toBeGreaterThan(40);
  });

  it("refuses a duplicate email and a short password", async () => {
    await expect(
      createStaffUser(prisma, { email: "ada@example.com", password: PASSWORD }, { secret: SECRET, baseURL: BASE }),
    ).rejects.toThrow(StaffExistsError);
    await expect(
      createStaffUser(prisma, { email: "bob@example.com", password: "short" }, { secret: SECRET, baseURL: BASE }),
    ).rejects.toThrow(/at least 12 characters/);
    expect(await prisma.staffUser.count({ where: { email: "bob@example.com" } })).toBe(0);
  });

  it("cannot be created or changed over HTTP", async () => {
    for (const p of ["/sign-up/email", "/update-user", "/change-email", "/delete-user", "/request-password-reset"]) {
      const res = await auth.handler(
        new Request(`${BASE}/api/auth${p}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": "10.0.0.1" },
          body: JSON.stringify({ email: "mallory@example.com", password: "mallory-password-123", name: "M" }),
        }),
      );
      expect(res.status, p).toBe(404);
    }
    expect(await prisma.staffUser.count({ where: { email: "mallory@example.com" } })).toBe(0);
  });

  it("staff:create reads the password from stdin, never from argv", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, BETTER_AUTH_SECRET: SECRET, NODE_ENV: "test" };
    const tsx = path.resolve("node_modules/.bin/tsx");
    const ok = spawnSync(tsx, ["scripts/staff-create.ts", "--email", "cli@example.com", "--name", "Cli"], {
      input: "cli password long enough\n",
      env,
      encoding: "utf8",
    });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Created staff user cli@example.com");
    const argv = spawnSync(tsx, ["scripts/staff-create.ts", "--email", "x@example.com", "--password", "in-argv-password"], {
      env,
      encoding: "utf8",
    });
    expect(argv.status).toBe(2);
    expect(argv.stderr).toContain("never pass the password as an argument");
    const short = spawnSync(tsx, ["scripts/staff-create.ts", "--email", "y@example.com"], { input: "short\n", env, encoding: "utf8" });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain("at least 12 characters");
  }, 60_000);
});

describe("sign-in and sessions", () => {
  it("signs in with the right password and keeps the session in the database", async () => {
    const res = await handleAuthRequest(auth, signInRequest("ada@example.com", PASSWORD, "10.1.0.1"));
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/staff\.session_token=/);
    expect(setCookie.toLowerCase()).toContain("httponly");
    const sessions = await prisma.staffSession.findMany({ where: { user: { email: "ada@example.com" } } });
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect(sessions.some((s) => s.ipAddress === "10.1.0.1" && s.userAgent === "vitest")).toBe(true);
  });

  it("resolves the staff member from the cookie, and nobody without one", async () => {
    const r = await signInWithPassword(auth, { email: "ada@example.com", password: PASSWORD }, new Headers({ "x-forwarded-for": "10.1.0.2" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cookie = cookieFrom(r.setCookie);
    const staff = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(staff?.user.email).toBe("ada@example.com");
    expect(await auth.api.getSession({ headers: new Headers() })).toBeNull();
    expect(await auth.api.getSession({ headers: new Headers({ cookie: cookie.replace(/=(.)/, "=X$1") }) })).toBeNull();
    // Expired in the database → no longer valid.
    const token = cookie.match(/staff\.session_token=([^.;]+)/)![1]!;
    await prisma.staffSession.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });

  it("signs out: the session row is gone and the cookie no longer works", async () => {
    const r = await signInWithPassword(auth, { email: "ada@example.com", password: PASSWORD }, new Headers({ "x-forwarded-for": "10.1.0.3" }));
    if (!r.ok) throw new Error("sign-in failed");
    const cookie = cookieFrom(r.setCookie);
    const before = await prisma.staffSession.count();
    const cleared = await signOutSession(auth, new Headers({ cookie }));
    expect(cleared).toMatch(/staff\.session_token=;|Max-Age=0/i);
    expect(await prisma.staffSession.count()).toBe(before - 1);
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const a = await signInWithPassword(auth, { email: "ada@example.com", password: "not the password" }, new Headers({ "x-forwarded-for": "10.2.0.1" }));
    const b = await signInWithPassword(auth, { email: "nobody@example.com", password: "not the password" }, new Headers({ "x-forwarded-for": "10.2.0.2" }));
    expect(a).toEqual({ ok: false, reason: "invalid" });
    expect(b).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("rate limit", () => {
  it(`blocks sign-in after ${SIGN_IN_MAX_ATTEMPTS} attempts a minute from one address, stored in the database`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_MAX_ATTEMPTS + 2; i++) {
      const res = await handleAuthRequest(auth, signInRequest("ada@example.com", `wrong password ${i}`, "10.3.0.1"));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("x-retry-after"))).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, SIGN_IN_MAX_ATTEMPTS)).toEqual(new Array(SIGN_IN_MAX_ATTEMPTS).fill(401));
    expect(statuses.slice(SIGN_IN_MAX_ATTEMPTS)).toEqual([429, 429]);
    // Even the right password is refused while the window lasts.
    expect((await handleAuthRequest(auth, signInRequest("ada@example.com", PASSWORD, "10.3.0.1"))).status).toBe(429);
    // Shared by every app instance: the counter lives in auth_rate_limit.
    const row = await prisma.authRateLimit.findUnique({ where: { key: "10.3.0.1|/sign-in/email" } });
    expect(row?.count).toBe(SIGN_IN_MAX_ATTEMPTS);
    const otherInstance = createStaffAuth({ prisma, secret: SECRET, baseURL: BASE });
    expect((await handleAuthRequest(otherInstance, signInRequest("ada@example.com", PASSWORD, "10.3.0.1"))).status).toBe(429);
    // Another address is not affected.
    expect((await handleAuthRequest(auth, signInRequest("ada@example.com", PASSWORD, "10.3.0.2"))).status).toBe(200);
  });

  it("the sign-in helper reports the wait", async () => {
    const h = new Headers({ "x-forwarded-for": "10.4.0.1" });
    let last;
    for (let i = 0; i <= SIGN_IN_MAX_ATTEMPTS; i++) last = await signInWithPassword(auth, { email: "ada@example.com", password: "nope nope nope" }, h);
    expect(last).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((last as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("configuration", () => {
  it("requires BETTER_AUTH_SECRET in production and keeps a generated one in development", () => {
    expect(() => resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: undefined })).toThrow(ConfigError);
    expect(() => resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: undefined })).toThrow(/BETTER_AUTH_SECRET/);
    expect(resolveAuthSecret({ NODE_ENV: "production", BETTER_AUTH_SECRET: SECRET })).toBe(SECRET);
    const dir = mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    try {
      const file = path.join(dir, "nested", "secret");
      const first = resolveAuthSecret({ NODE_ENV: "development", BETTER_AUTH_SECRET: undefined }, file);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(readFileSync(file, "utf8").trim()).toBe(first);
      expect(resolveAuthSecret({ NODE_ENV: "test", BETTER_AUTH_SECRET: undefined }, file)).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("only returns to support pages after sign-in", () => {
    expect(safeNextPath("/support/setups/abc?x=1")).toBe("/support/setups/abc?x=1");
    for (const bad of ["//evil.example/support", "https://evil.example/support", "/\\evil", "/guides/x", "/support/sign-in?next=x", "", null]) {
      expect(safeNextPath(bad)).toBe("/support");
    }
  });

  it("getStaff is null for a request without a session", async () => {
    // getStaff uses the app instance over getPrisma(), pointed at this test database by the helper.
    expect(await getStaff(new Headers())).toBeNull();
  });
});
