// Structured logs (lib/log.ts): one line per API request and per customer verification, joinable by
// the request id (returned as X-Request-Id) and carrying the run id and the failed check ids — and
// never the secret, whatever the caller logs by mistake (pino's redact paths).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleVerifyRequest, type VerifyApiDeps } from "@/lib/api/verify";
import { beginVerification } from "@/lib/customer/verify";
import { createLogger, log, requestIdFrom, setLoggerForTests } from "@/lib/log";
import { memoryLimiter } from "@/lib/ratelimit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const SECRET = "Abc8Q~k3Jd9LmNoPqRsTuVwXyZ0123456789abcd";
const CLIENT_ID = "7c1f2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b";
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";

let db: TestDatabase;
let lines: string[];
type Line = Record<string, unknown> & { event?: string; requestId?: string; level?: string };
const parsed = (): Line[] => lines.map((l) => JSON.parse(l) as Line);

beforeAll(async () => {
  db = await createTestDatabase({ label: "logs" });
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(() => {
  lines = [];
  setLoggerForTests(createLogger({ write: (l: string) => void lines.push(l) }, { level: "trace" }));
});
afterEach(() => setLoggerForTests(null));

function expectNoSecret() {
  const all = lines.join("\n");
  expect(all).not.toContain(SECRET);
  for (let i = 1; i + 8 <= SECRET.length; i++) expect(all, `piece at ${i}`).not.toContain(SECRET.slice(i, i + 8));
}

const apiDeps = (): VerifyApiDeps => ({
  limiter: memoryLimiter({ points: 10, durationSeconds: 60, keyPrefix: "logs" }),
  live: { loginBaseUrl: "http://127.0.0.1:9", graphBaseUrl: "http://127.0.0.1:9", timeoutMs: 500 },
  apiKeys: [],
});
const apiRequest = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/verify", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `bc_setup=${SECRET}`, ...headers },
    body: JSON.stringify(body),
  });

describe("POST /api/v1/verify", () => {
  it("one line per request with the request id of X-Request-Id, the failed check ids, and no secret", async () => {
    const res = await handleVerifyRequest(
      apiRequest({ clientId: CLIENT_ID, secret: SECRET, redirectUris: [`${REDIRECT}/`], manifest: { appId: CLIENT_ID, displayName: SECRET } }),
      apiDeps(),
    );
    expect(res.status).toBe(200);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const mine = parsed().filter((l) => l.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ event: "api.verify", status: 200, level: "info", summary: "fail" });
    expect(mine[0]!.failedChecks).toContain("redirect-uri");
    expect(lines.join("\n")).toContain(requestId!);
    expectNoSecret();
  });

  it("an error answer is logged with its code, and the secret in an invalid input is not", async () => {
    const res = await handleVerifyRequest(apiRequest({ secret: SECRET, clientSecret: SECRET }), apiDeps());
    expect(res.status).toBe(400);
    const line = parsed().find((l) => l.requestId === res.headers.get("x-request-id"));
    expect(line).toMatchObject({ event: "api.verify", status: 400, errorCode: "unknown_field" });
    expectNoSecret();
  });

  it("a proxy's X-Request-Id (a plain token) is kept; anything else is replaced", async () => {
    const res = await handleVerifyRequest(apiRequest({ clientId: CLIENT_ID }, { "x-request-id": "nginx-7f3a9c2e11" }), apiDeps());
    expect(res.headers.get("x-request-id")).toBe("nginx-7f3a9c2e11");
    expect(parsed().some((l) => l.requestId === "nginx-7f3a9c2e11")).toBe(true);
    expect(requestIdFrom(new Headers({ "x-request-id": "bad id <script>" }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("a customer verification", () => {
  it("one line with the request id, the run id and the failed check ids; no secret", async () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ step: "client-secret", mode: "fields", clientId: CLIENT_ID, tenant: "contoso.onmicrosoft.com", secret: SECRET })) f.append(k, v);
    const begun = await beginVerification(f, undefined, {
      live: apiDeps().live,
      clientKey: "ip:test",
      requestId: "req-logs-test-0001",
    });
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    const result = await begun.finish();
    expect(result.saved.ok).toBe(true);
    const runId = result.saved.ok ? result.saved.runId : "";
    const line = parsed().find((l) => l.event === "customer.verify");
    expect(line).toMatchObject({ requestId: "req-logs-test-0001", runId, saved: true, step: "client-secret" });
    expect(Array.isArray(line!.failedChecks)).toBe(true);
    expectNoSecret();
  });
});

describe("redaction, the second line of defence", () => {
  it("secrets, tokens, cookies and passwords are censored wherever a caller puts them", () => {
    log().info(
      {
        secret: SECRET,
        password: SECRET,
        input: { secret: SECRET, clientId: CLIENT_ID },
        headers: { cookie: `a=${SECRET}`, authorization: `Bearer ${SECRET}` },
        auth: { accessToken: SECRET, refreshToken: SECRET, idToken: SECRET, clientSecret: SECRET },
      },
      "a careless line",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("[redacted]");
    expectNoSecret();
  });
});
