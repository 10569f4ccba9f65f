// A secret never leaks: not in a report, an error message, a log line (console spied), the API's
// responses, or the CLI's output — for valid, wrong, expired and malformed secrets, live and offline.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { handleVerifyRequest, type VerifyApiDeps } from "@/lib/api/verify";
import { memoryLimiter } from "@/lib/ratelimit";
import { verifyRaw } from "@/lib/verify";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";
import { createLogger, setLoggerForTests } from "@/lib/log";

const A = FAKE.apps;
const T = FAKE.tenants;
let fake: FakeEntra;
const fakeLog: string[] = [];
let spies: MockInstance[] = [];
const logged: string[] = [];

beforeAll(async () => {
  fake = await startFakeEntra({ log: (l) => fakeLog.push(l), delayMs: 5000 });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  logged.length = 0;
  spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    }),
  );
  // The app's structured log (lib/log.ts), every level, into the same list.
  setLoggerForTests(createLogger({ write: (l: string) => void logged.push(l) }, { level: "trace" }));
});
afterEach(() => {
  for (const s of spies) s.mockRestore();
  setLoggerForTests(null);
});

/** Fails if the secret, or any 8-character piece of it beyond the 3-char hint, appears. */
function expectNoSecret(text: string, secret: string) {
  expect(text).not.toContain(secret);
  for (let i = 1; i + 8 <= secret.length; i++) expect(text, `piece ${i}`).not.toContain(secret.slice(i, i + 8));
}

const SECRETS: [string, string, string][] = [
  ["valid", A.good.appId, A.good.secret],
  ["wrong", A.good.appId, "Wrg1Q~fake-secret-for-tests-only-wrong1"],
  ["expired", A.good.appId, A.good.expiredSecret],
  ["disabled app's", A.disabled.appId, A.disabled.secret],
  ["old-style with spaces", A.good.appId, "  Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo=  "],
];
const live = () => ({ loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 });

describe("the engine", () => {
  it.each(SECRETS)("secret (%s): not in the report nor any log line", async (_label, clientId, secret) => {
    const r = await verifyRaw(
      { tenant: T.contoso.id, clientId, secret, live: true, manifest: { appId: clientId, displayName: secret, passwordCredentials: [{ hint: secret.trim().slice(0, 3), endDateTime: "2099-01-01T00:00:00Z" }] } },
      { live: live() },
    );
    expect(r.ok).toBe(true);
    expectNoSecret(JSON.stringify(r.ok ? r.report : r), secret.trim());
    expectNoSecret(logged.join("\n"), secret.trim());
  });

  it("a timeout and an unreachable Microsoft: the 'could not check' messages carry no secret", async () => {
    const secret = A.good.secret;
    for (const tenant of [T.slow.id, T.down.id]) {
      const r = await verifyRaw({ tenant, clientId: A.good.appId, secret, live: true }, { live: { ...live(), timeoutMs: 300 } });
      expectNoSecret(JSON.stringify(r), secret);
    }
    expectNoSecret(logged.join("\n"), secret);
  });

  it("input errors never echo the secret, wherever it was pasted", async () => {
    const secret = A.good.secret;
    for (const raw of [
      { secret, clientId: 5 },
      { secret, manifest: `{"appId": "${secret}",` },
      { secret, manifest: `{"appId": ${secret}}` },
      { secret, [secret]: "x" },
      { secret, signInAudience: secret },
      { secret, permissions: [{ name: secret, type: secret }] },
      { secret, checks: [secret] },
    ]) {
      const r = await verifyRaw(raw);
      expect(r.ok).toBe(false);
      expectNoSecret(JSON.stringify(r), secret);
    }
  });

  it("a secret value inside a pasted manifest (secretText) is never shown", async () => {
    const secretText = "Mnf1Q~fake-secret-for-tests-only-mnfst1";
    const r = await verifyRaw({ manifest: { appId: A.good.appId, passwordCredentials: [{ keyId: A.good.secretId, hint: "Mnf", secretText, endDateTime: "2099-01-01T00:00:00Z" }], notes: secretText } });
    expect(r.ok && r.report.checks.find((c) => c.id === "manifest.format")?.status).toBe("warn");
    expectNoSecret(JSON.stringify(r), secretText);
  });
});

describe("the HTTP API", () => {
  const deps = (): VerifyApiDeps => ({ limiter: memoryLimiter({ points: 100, durationSeconds: 60, keyPrefix: "s" }), live: live(), apiKeys: [] });
  const post = (body: unknown) =>
    handleVerifyRequest(new Request("http://localhost/api/v1/verify", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }), deps());

  it.each(SECRETS)("secret (%s): not in the response nor any log line", async (_label, clientId, secret) => {
    const res = await post({ tenant: T.contoso.id, clientId, secret, live: true });
    expect(res.status).toBe(200);
    expectNoSecret(await res.text(), secret.trim());
    expectNoSecret(logged.join("\n"), secret.trim());
  });

  it("error responses and the internal-error log line carry no secret", async () => {
    const secret = A.good.secret;
    for (const body of [{ secret, clientId: 5 }, `{"secret": "${secret}", "manifest": "{\\"x\\": ${secret}}"}`, `{"secret": "${secret}",}`]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expectNoSecret(await res.text(), secret);
    }
    const failing: VerifyApiDeps = { ...deps(), limiter: { consume: () => Promise.reject(new Error(`store down while handling ${secret}`)) } };
    const res = await handleVerifyRequest(
      new Request("http://localhost/api/v1/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ secret, tenant: T.contoso.id, clientId: A.good.appId, live: true }) }),
      failing,
    );
    expect(res.status).toBe(500);
    expectNoSecret(await res.text(), secret);
    expect(logged.length).toBeGreaterThan(0);
    expectNoSecret(logged.join("\n"), secret);
  });
});

describe("the CLI", { timeout: 120_000 }, () => {
  const ROOT = path.resolve(__dirname, "../..");
  const run = (args: string[], stdin: string) =>
    new Promise<string>((resolve, reject) => {
      const env = { ...process.env, ENTRA_LOGIN_BASE_URL: fake.loginBaseUrl, GRAPH_BASE_URL: fake.graphBaseUrl, FORCE_COLOR: "1" };
      const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/verify.ts", ...args], { cwd: ROOT, env });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("error", reject);
      child.on("close", () => resolve(out));
      child.stdin.end(stdin);
    });

  it("human and JSON output, valid and expired secrets, live", async () => {
    for (const [secret, json] of [
      [A.good.secret, false],
      [A.good.expiredSecret, true],
    ] as const) {
      const out = await run(["--tenant", T.contoso.id, "--client-id", A.good.appId, "--secret-stdin", "--live", "--manifest", "tests/fixtures/manifests/graph-correct.json", ...(json ? ["--json"] : [])], `${secret}\n`);
      expect(out).toMatch(/live\.token/);
      expectNoSecret(out, secret);
    }
  });
});

describe("the fake's own request log", () => {
  it("names paths and codes only", () => {
    expect(fakeLog.length).toBeGreaterThan(0);
    for (const [, , secret] of SECRETS) expectNoSecret(fakeLog.join("\n"), secret.trim());
  });
});
