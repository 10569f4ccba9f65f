// Rate limits and the sign-in audit key on the real client address (lib/http/client-ip.ts), on a
// real PostgreSQL: spoofed X-Forwarded-For entries don't make new buckets, spellings of one address
// share one, an account locks after N failures whatever the address, every sign-in attempt is audited
// with the real address on both paths. The HTTP tests go through a real Node server with
// scripts/http-preload.cjs preloaded, as `npm start` runs Next.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    getAll: () => [...request.jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => request.jar.set(name, value),
    delete: (name: string) => request.jar.delete(name),
  }),
}));

import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { handleVerifyRequest, type VerifyApiDeps } from "@/lib/api/verify";
import { postgresLimiter } from "@/lib/ratelimit";
import { createStaffAuth, SIGN_IN_MAX_ATTEMPTS, type StaffAuth } from "@/lib/auth/auth";
import { createStaffUser } from "@/lib/auth/staff";
import { handleAuthRequest, type AuthHttpDeps } from "@/lib/auth/http";
import { accountKey, postgresLockout } from "@/lib/auth/lockout";
import { signInAction } from "@/lib/actions/support";
import { NOT_A_FORM_MESSAGE } from "@/lib/http/action-input";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";

const BASE = "http://localhost:3000";
const SECRET = "test-secret-for-better-auth-0123456789abcdef";
const PASSWORD = "a long staff password";
let db: TestDatabase;
let fake: FakeEntra;
let auth: StaffAuth;
let server: http.Server;
let origin: string;
/** What the server under test does with a request: set per test. */
let handler: (r: Request) => Promise<Response>;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await startFakeEntra();
  auth = createStaffAuth({ prisma: db.prisma, secret: SECRET, baseURL: BASE });
  for (const email of ["ada@example.com", "bob@example.com", "cy@example.com"]) {
    await createStaffUser(db.prisma, { email, password: PASSWORD }, { secret: SECRET, baseURL: BASE });
  }
  createRequire(import.meta.url)("../../scripts/http-preload.cjs");
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const r = await handler(new Request(`${BASE}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await fake?.close();
  await db?.drop();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: BASE, ...headers }, body: JSON.stringify(body) });
}

const liveBody = { tenant: FAKE.tenants.contoso.id, clientId: FAKE.apps.good.appId, secret: "Bad1Q~fake-secret-for-tests-only-bad001", live: true };

function verifyDeps(prefix: string, hops = 0): VerifyApiDeps {
  return {
    limiter: postgresLimiter(db.pool, { points: 3, durationSeconds: 600, keyPrefix: prefix }),
    live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 },
    apiKeys: [],
    hops,
  };
}

describe("live-check rate limit", () => {
  it("hops = 0: 30 live checks with 30 distinct spoofed X-Forwarded-For share the socket's bucket", async () => {
    const deps = verifyDeps("xff-spoof");
    handler = (r) => handleVerifyRequest(r, deps);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await post("/api/v1/verify", liveBody, { "x-forwarded-for": `198.51.100.${i}` })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(27);
    const keys = await db.pool.query<{ key: string }>("select key from rate_limits where key like 'xff-spoof%'");
    expect(keys.rows.map((r) => r.key)).toEqual(["xff-spoof:ip:127.0.0.1"]);
  });

  it("six spellings of one address share one bucket", async () => {
    const deps = verifyDeps("xff-spell");
    const spellings = ["10.9.8.7", "::ffff:10.9.8.7", "010.009.008.007", "::FFFF:0a09:0807", "0:0:0:0:0:ffff:10.9.8.7", "[::ffff:10.9.8.7]:443"];
    const statuses: number[] = [];
    for (const s of spellings) {
      // As the app sees it behind one proxy: the proxy appended the client, http-preload.cjs the proxy.
      const r = new Request(`${BASE}/api/v1/verify`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": `1.2.3.4, ${s}, 10.0.0.2` }, body: JSON.stringify(liveBody) });
      statuses.push((await handleVerifyRequest(r, { ...deps, hops: 1 })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const keys = await db.pool.query<{ key: string }>("select key from rate_limits where key like 'xff-spell%'");
    expect(keys.rows.map((r) => r.key)).toEqual(["xff-spell:ip:10.9.8.7"]);
  });
});

describe("staff sign-in", () => {
  const deps = (): AuthHttpDeps => ({ lockout: postgresLockout(db.pool, { maxFailures: 4, windowSeconds: 900 }), hops: 0 });

  it(`hops = 0: 40 attempts with distinct spoofed X-Forwarded-For are limited after ${SIGN_IN_MAX_ATTEMPTS}`, async () => {
    const d = deps();
    handler = (r) => handleAuthRequest(auth, r, d);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await post("/api/auth/sign-in/email", { email: `nobody${i}@example.com`, password: "wrong password" }, { "x-forwarded-for": `203.0.113.${i}` })).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_MAX_ATTEMPTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - SIGN_IN_MAX_ATTEMPTS);
    // Audited, with the socket address, not the spoofed one.
    const rows = await db.prisma.auditEvent.findMany({ where: { actorEmail: { startsWith: "nobody" } } });
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
    expect(rows.filter((r) => r.action === "auth.sign_in_rate_limited")).toHaveLength(40 - SIGN_IN_MAX_ATTEMPTS);
  });

  it("locks an account after N failures even from N+1 different addresses, across instances, and says so", async () => {
    const d = { ...deps(), hops: 1 };
    const attempt = (password: string, ip: string, a: StaffAuth = auth) =>
      handleAuthRequest(a, new Request(`${BASE}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": `${ip}, 10.0.0.2` }, body: JSON.stringify({ email: "Bob@Example.com", password }) }), d);
    for (let i = 0; i < 4; i++) expect((await attempt(`wrong ${i}`, `192.0.2.${i + 1}`)).status).toBe(401);
    // Locked now: even the right password, from yet another address, through another instance.
    const other = createStaffAuth({ prisma: db.prisma, secret: SECRET, baseURL: BASE });
    const locked = await attempt(PASSWORD, "192.0.2.99", other);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await locked.json()).toMatchObject({ code: "ACCOUNT_LOCKED" });
    expect(await db.prisma.auditEvent.count({ where: { actorEmail: "bob@example.com", action: "auth.sign_in_locked", ip: "192.0.2.99" } })).toBe(1);
    // Another account is not affected; a success clears that account's count.
    const ok = await handleAuthRequest(auth, new Request(`${BASE}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": "192.0.2.50, 10.0.0.2" }, body: JSON.stringify({ email: "cy@example.com", password: PASSWORD }) }), d);
    expect(ok.status).toBe(200);
    const keys = (await db.pool.query<{ key: string }>("select key from rate_limits where key like 'sign-in-account%'")).rows.map((r) => r.key);
    expect(keys).toContain(`sign-in-account:${accountKey("bob@example.com")}`);
    expect(keys).not.toContain(`sign-in-account:${accountKey("cy@example.com")}`);
  });

  it("audits both paths with the real address: the HTTP route and the sign-in form's server action", async () => {
    const d = deps();
    // A fresh address for the per-address limit: behind one proxy.
    handler = (r) => handleAuthRequest(auth, r, { ...d, hops: 1 });
    const res = await post("/api/auth/sign-in/email", { email: "ada@example.com", password: PASSWORD }, { "x-forwarded-for": "6.6.6.6, 198.51.100.77" });
    expect(res.status).toBe(200);
    const viaHttp = await db.prisma.auditEvent.findFirst({ where: { actorEmail: "ada@example.com", action: "auth.sign_in" } });
    // The proxy in front is the test's own 127.0.0.1 peer; the client is the entry it "appended".
    expect(viaHttp).toMatchObject({ ip: "198.51.100.77" });
    expect(viaHttp?.actorId).toBeTruthy();

    // The server action (lib/actions/support.ts): headers as Next passes them (peer appended last).
    request.headers = new Headers({ "x-forwarded-for": "6.6.6.6, ::ffff:203.0.113.200", "user-agent": "vitest" });
    const form = new FormData();
    form.set("email", "ada@example.com");
    form.set("password", "wrong password here");
    const state = await signInAction({}, form);
    expect(state.error).toBe("Wrong email or password.");
    const viaAction = await db.prisma.auditEvent.findFirst({ where: { actorEmail: "ada@example.com", action: "auth.sign_in_failed" } });
    expect(viaAction).toMatchObject({ ip: "203.0.113.200", userAgent: "vitest" });
    expect(JSON.stringify(await db.prisma.auditEvent.findMany())).not.toContain("wrong password here");
  });

  it("the staff session cookie is Secure when the site is served over https, and not on plain http", async () => {
    const httpsBase = "https://support.example.com";
    const secureAuth = createStaffAuth({ prisma: db.prisma, secret: SECRET, baseURL: httpsBase });
    const signIn = (a: StaffAuth, base: string, ip: string) =>
      handleAuthRequest(a, new Request(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base, "x-forwarded-for": ip }, body: JSON.stringify({ email: "cy@example.com", password: PASSWORD }) }), { ...deps(), hops: 0 });
    const secure = await signIn(secureAuth, httpsBase, "192.0.2.201");
    expect(secure.status).toBe(200);
    expect(secure.headers.get("set-cookie")).toMatch(/session_token=[^;]+;[^,]*Secure/i);
    const plain = await signIn(auth, BASE, "192.0.2.202");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });

  it("the sign-in action answers a clear error to a non-form argument", async () => {
    expect(await signInAction({}, "not a form" as unknown as FormData)).toEqual({ error: NOT_A_FORM_MESSAGE });
    expect(await signInAction({}, { get: 1 } as unknown as FormData)).toEqual({ error: NOT_A_FORM_MESSAGE });
  });
});
