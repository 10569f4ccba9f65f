// POST /api/v1/verify: the exported route handler called with Request objects (no server, no build),
// configured through the environment like production, with the fake Entra ID + Graph for live checks.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError } from "@/lib/config";
import { handleVerifyRequest, MAX_BODY_BYTES, type VerifyApiDeps } from "@/lib/api/verify";
import { createLogger, setLoggerForTests } from "@/lib/log";
import { memoryLimiter } from "@/lib/ratelimit";
import { reportSchema, type Report } from "@/lib/verify";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";

let fake: FakeEntra;
let POST: (r: Request) => Promise<Response>;
let route: Record<string, unknown>;
const A = FAKE.apps;
const T = FAKE.tenants;
const URL_ = "http://localhost/api/v1/verify";
const graphCorrect = readFileSync("tests/fixtures/manifests/graph-correct.json", "utf8");
const mistakes = readFileSync("tests/fixtures/manifests/graph-classic-mistakes.json", "utf8");

beforeAll(async () => {
  fake = await startFakeEntra();
  vi.stubEnv("ENTRA_LOGIN_BASE_URL", fake.loginBaseUrl);
  vi.stubEnv("GRAPH_BASE_URL", fake.graphBaseUrl);
  vi.stubEnv("VERIFY_LIVE_RATE_LIMIT", "3");
  vi.stubEnv("VERIFY_LIVE_RATE_WINDOW_SECONDS", "600");
  route = await import("@/app/api/v1/verify/route");
  ({ POST } = route as { POST: typeof POST });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
});

function req(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
async function expectError(res: Response, status: number, code: string, field: string | null) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string; field: string | null } };
  expect(body.error.code).toBe(code);
  expect(body.error.field).toBe(field);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return body.error;
}

describe("200: the report", () => {
  it("a manifest as a JSON string", async () => {
    const res = await POST(req({ manifest: mistakes }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const report = (await res.json()) as Report;
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.summary).toBe("fail");
    expect(report.checks.find((c) => c.id === "redirect-uri")?.detail).toMatch(/trailing slash/);
  });

  it("a manifest as an object, and content-type with a charset", async () => {
    const res = await POST(req({ manifest: JSON.parse(graphCorrect) }, { "content-type": "application/json; charset=utf-8" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Report).summary).toBe("pass");
  });

  it("live checks against the fake, through the configured seams", async () => {
    const res = await POST(req({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, live: true }, { "x-forwarded-for": "203.0.113.10" }));
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.checks.find((c) => c.id === "live.token")?.status).toBe("pass");
    // Graph refuses an app's self-read (Microsoft's default): skip, and the report is still a pass.
    expect(report.checks.find((c) => c.id === "live.registration")?.status).toBe("skip");
    expect(report.summary).toBe("pass");
  });
});

describe("400: invalid input names the field", () => {
  it.each([
    ["a number as clientId", { clientId: 5 }, "invalid_type", "clientId"],
    ["an unknown field", { clientid: "x" }, "unknown_field", "clientid"],
    ["a __proto__ key", '{"__proto__": {"live": true}, "clientId": "x"}', "unknown_field", "__proto__"],
    ["nothing to check", {}, "empty_input", null],
    ["a list body", [1, 2], "invalid_body", null],
    ["a broken manifest", { manifest: '{"appId": "x",\n}' }, "invalid_json", "manifest"],
    ["a bad account type", { signInAudience: "everyone" }, "invalid_value", "signInAudience"],
  ])("%s", async (_label, body, code, field) => {
    await expectError(await POST(req(body as unknown)), 400, code, field);
  });

  it("a body that is not JSON says where it breaks", async () => {
    const err = await expectError(await POST(req('{"clientId": "x",\n  }')), 400, "invalid_json", null);
    expect(err.message).toMatch(/Trailing comma.*line 1, column 17/);
  });

  it("an empty body, and a body nested too deep", async () => {
    await expectError(await POST(req("")), 400, "empty_body", null);
    const deep = `{"manifest": ${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const err = await expectError(await POST(req(deep)), 400, "invalid_json", null);
    expect(err.message).toMatch(/nested more than 64 levels/);
  });

  it("invalid UTF-8", async () => {
    const res = await POST(new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }));
    await expectError(res, 400, "invalid_encoding", null);
  });
});

describe("415: not JSON", () => {
  it.each([["text/plain"], ["application/x-www-form-urlencoded"], [""]])("content-type %j", async (type) => {
    const headers: Record<string, string> = type ? { "content-type": type } : {};
    const res = await POST(new Request(URL_, { method: "POST", headers, body: '{"clientId":"x"}' }));
    await expectError(res, 415, "unsupported_media_type", null);
  });

  it("JSON declared in another charset than UTF-8 (UTF-16 without a BOM would read as noise)", async () => {
    const body = Buffer.from('{"clientId":"x"}', "utf16le");
    const res = await POST(new Request(URL_, { method: "POST", headers: { "content-type": "application/json; charset=utf-16" }, body }));
    const err = await expectError(res, 415, "unsupported_media_type", null);
    expect(err.message).toMatch(/declared as utf-16: send it as UTF-8/);
    for (const ok of ["application/json; charset=UTF-8", 'application/json;charset="utf-8"', "application/json; charset=utf8"]) {
      expect((await POST(req({ manifest: graphCorrect }, { "content-type": ok }))).status, ok).toBe(200);
    }
  });
});

describe("links to another step are full addresses", () => {
  it("an unknown tenant's sign-in links to the registration step on SITE_URL", async () => {
    const res = await POST(req({ tenant: T.unknown.id, clientId: A.good.appId, secret: A.good.secret, live: true }, { "x-forwarded-for": "198.51.100.201" }));
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(reportSchema.safeParse(report).success).toBe(true);
    const token = report.checks.find((c) => c.id === "live.token")!;
    expect(token.status).toBe("fail");
    expect(token.link?.href).toMatch(/^https?:\/\/[^/]+\/guides\/dynamics365-business-central\/setup#register-application$/);
  });
});

describe("405: another method than POST", () => {
  it("GET (and PUT, PATCH, DELETE where the proxy lets them through) answer JSON that says what to send, with Allow: POST", async () => {
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
      const handler = route[method] as (r: Request) => Response;
      expect(typeof handler, method).toBe("function");
      const res = handler(new Request(URL_, { method, headers: { "x-request-id": "req-405-abcdef0123" } }));
      const error = await expectError(res, 405, "method_not_allowed", null);
      expect(error.message).toContain(`${method} is not supported here: send POST`);
      expect(res.headers.get("allow")).toBe("POST");
      expect(res.headers.get("x-request-id")).toBe("req-405-abcdef0123");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });
});

describe("413: too large", () => {
  it("by Content-Length, before reading", async () => {
    const res = await POST(req({ clientId: "x" }, { "content-length": String(MAX_BODY_BYTES + 1) }));
    await expectError(res, 413, "too_large", null);
  });

  it("by the actual body, when Content-Length is absent or lies", async () => {
    const big = new TextEncoder().encode(JSON.stringify({ manifest: "x".repeat(MAX_BODY_BYTES) }));
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < big.length; i += 65536) c.enqueue(big.slice(i, i + 65536));
        c.close();
      },
    });
    const res = await POST(new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit));
    await expectError(res, 413, "too_large", null);
    const lying = await POST(req(JSON.stringify({ manifest: "x".repeat(MAX_BODY_BYTES) }), { "content-length": "20" }));
    await expectError(lying, 413, "too_large", null);
  });

  it("a manifest over 256 KB inside an allowed body", async () => {
    const manifest = JSON.stringify({ appId: "x", notes: "n".repeat(270 * 1024) });
    const err = await expectError(await POST(req({ manifest })), 413, "too_large", "manifest");
    expect(err.message).toMatch(/256 KB/);
  });
});

describe("429: live checks are rate-limited per client", () => {
  it("the configured limit (3) per IP, with Retry-After; rule-only checks are not limited", async () => {
    const live = (ip: string) =>
      POST(req({ tenant: T.contoso.id, clientId: A.good.appId, secret: "Bad1Q~fake-secret-for-tests-only-bad001", live: true }, { "x-forwarded-for": `10.0.0.1, ${ip}` }));
    for (let i = 0; i < 3; i++) expect((await live("198.51.100.7")).status).toBe(200);
    const limited = await live("198.51.100.7");
    const err = await expectError(limited, 429, "rate_limited", "live");
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(600);
    expect(err.message).toContain(`${retry} s`);
    // Another client is not affected, and checks without live are never limited.
    expect((await live("198.51.100.8")).status).toBe(200);
    expect((await POST(req({ manifest: mistakes }, { "x-forwarded-for": "198.51.100.7" }))).status).toBe(200);
  });

  it("only a request that would ask Microsoft is charged: live without a secret, or with only rule checks, is never refused", async () => {
    const charged: string[] = [];
    const refuseAll = { consume: async (key: string) => (charged.push(key), { allowed: false, remaining: 0, retryAfterSeconds: 60 }) };
    const deps: VerifyApiDeps = { limiter: refuseAll, live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 }, apiKeys: [] };
    const noSecret = await handleVerifyRequest(req({ tenant: T.contoso.id, clientId: A.good.appId, live: true }), deps);
    expect(noSecret.status).toBe(200);
    const report = (await noSecret.json()) as Report;
    expect(report.checks.find((c) => c.id === "live.token")).toMatchObject({ status: "skip" });
    expect(report.checks.find((c) => c.id === "live.token")!.detail).toMatch(/need.*the client secret/);
    const rulesOnly = await handleVerifyRequest(req({ manifest: mistakes, tenant: T.contoso.id, secret: A.good.secret, live: true, checks: ["redirect-uri"] }), deps);
    expect(rulesOnly.status).toBe(200);
    expect(charged).toEqual([]);
    // The same limiter refuses a request that would go to Microsoft.
    expect((await handleVerifyRequest(req({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, live: true }), deps)).status).toBe(429);
    expect(charged).toHaveLength(1);
  });

  it("a known API key gets its own bucket; an unknown one falls back to the IP", async () => {
    const apiKey = "test-api-key-0123456789abcdef";
    const deps: VerifyApiDeps = { limiter: memoryLimiter({ points: 1, durationSeconds: 60, keyPrefix: "t" }), live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 }, apiKeys: [apiKey] };
    const body = { tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, live: true };
    expect((await handleVerifyRequest(req(body, { "x-forwarded-for": "192.0.2.1" }), deps)).status).toBe(200);
    expect((await handleVerifyRequest(req(body, { "x-forwarded-for": "192.0.2.1", "x-api-key": "unknown-key-000000000000" }), deps)).status).toBe(429);
    expect((await handleVerifyRequest(req(body, { "x-forwarded-for": "192.0.2.1", "x-api-key": apiKey }), deps)).status).toBe(200);
    expect((await handleVerifyRequest(req(body, { "x-api-key": apiKey }), deps)).status).toBe(429);
  });
});

describe("never a 500 with a stack trace", () => {
  it("a broken configuration answers JSON", async () => {
    const lines: string[] = [];
    setLoggerForTests(createLogger({ write: (l: string) => void lines.push(l) }, { level: "info" }));
    try {
      const res = await handleVerifyRequest(req({ clientId: "x" }), () => {
        throw new ConfigError("Invalid environment variable GRAPH_BASE_URL: must be an https:// URL");
      });
      const err = await expectError(res, 500, "internal", null);
      expect(err.message).toMatch(/try again/i);
      const errors = lines.map((l) => JSON.parse(l) as { level: string; event: string; requestId: string }).filter((l) => l.level === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]!.event).toBe("api.verify.internal_error");
      expect(errors[0]!.requestId).toBe(res.headers.get("x-request-id"));
    } finally {
      setLoggerForTests(null);
    }
  });

  it("a limiter whose store fails answers JSON", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const deps: VerifyApiDeps = {
        limiter: { consume: () => Promise.reject(new Error("connection refused")) },
        live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl },
        apiKeys: [],
      };
      const res = await handleVerifyRequest(req({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, live: true }), deps);
      const err = await expectError(res, 500, "internal", null);
      expect(JSON.stringify(err)).not.toContain(A.good.secret);
    } finally {
      errors.mockRestore();
    }
  });
});

// A secret pasted where the JSON breaks, or as a property name: the answer and the log line carry at most
// its 3-character hint, whatever the parser's message says.
const SECRET = "abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
/** Any 6 characters in a row of the secret: more than its hint. */
function leaks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 6 <= SECRET.length; i++) if (text.includes(SECRET.slice(i, i + 6))) out.push(SECRET.slice(i, i + 6));
  return out;
}
async function answeredWithLogs(send: () => Promise<Response>): Promise<{ res: Response; body: string; logs: string[] }> {
  const logs: string[] = [];
  setLoggerForTests(createLogger({ write: (l: string) => void logs.push(l) }, { level: "trace" }));
  try {
    const res = await send();
    return { res, body: await res.text(), logs };
  } finally {
    setLoggerForTests(null);
  }
}

describe("400: no error quotes a secret", () => {
  const S = SECRET;
  // Every kind of message parseJson has, each with the secret where the JSON breaks or next to it.
  const broken: [string, string][] = [
    ["a colon missing after a long property name (the reviewer's case)", `{"tenant":"contoso.onmicrosoft.com","${S}"}`],
    ["a colon missing after a property name, then a value", `{"${S}" 1}`],
    ["a secret without quotes as a value", `{"tenant": ${S}}`],
    ["a word that starts like true", `{"tenant": t${S}}`],
    ["a number followed by letters", `{"tenant": 1${S}}`],
    ["a minus and no number", `{"tenant": -${S}}`],
    ["a property name without quotes", `{${S}: 1}`],
    ["single quotes", `{'${S}': 1}`],
    ["curly quotes", `{"tenant": “${S}”}`],
    ["a string never closed", `{"tenant": "${S}`],
    ["an invalid escape", `{"tenant": "${S}\\q"}`],
    ["an invalid \\u escape", `{"${S}\\u12": 1}`],
    ["a line break inside a string", `{"tenant": "${S}\n"}`],
    ["a control character inside a string", `{"tenant": "${S}\u0001"}`],
    ["a comma or } expected", `{"tenant": "x" ${S}}`],
    ["a comma missing between properties", `{"tenant": "x" "${S}": 1}`],
    ["a comma or ] expected", `["x" ${S}]`],
    ["a comma missing between items", `["x" "${S}"]`],
    ["a trailing comma", `{"tenant": "${S}",}`],
    ["a trailing comma in a list", `["${S}",]`],
    ["a comment", `{"tenant": "x" // ${S}\n}`],
    ["text after the end", `{"tenant": "${S}"} ${S}`],
    ["more JSON after the end", `{"tenant": "${S}"} {"${S}": 1}`],
    ["the end too early", `{"${S}": ["x"`],
    ["the end too early after a name", `{"${S}":`],
    ["nesting too deep", `{"${S}": ${"[".repeat(100)}`],
  ];

  it.each(broken)("the body: %s", async (_label, text) => {
    const { res, body, logs } = await answeredWithLogs(() => POST(req(text)));
    expect(res.status).toBe(400);
    expect((JSON.parse(body) as { error: { code: string } }).error.code).toBe("invalid_json");
    expect(leaks(body), body).toEqual([]);
    expect(logs.length).toBeGreaterThan(0);
    expect(leaks(logs.join("\n"))).toEqual([]);
  });

  it.each(broken)("a manifest given as text: %s", async (_label, text) => {
    const { res, body, logs } = await answeredWithLogs(() => POST(req({ manifest: text, clientId: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93" })));
    expect(res.status).toBe(400);
    expect(leaks(body), body).toEqual([]);
    expect(leaks(logs.join("\n"))).toEqual([]);
  });

  it("the reviewer's body names no property at all: a long name is never quoted", async () => {
    const err = await expectError(await POST(req(`{"tenant":"contoso.onmicrosoft.com","${S}"}`)), 400, "invalid_json", null);
    expect(err.message).toMatch(/a colon \(:\) was expected after a property name \(not shown: it may be a secret\)/);
    // A short name is still named, as a word is.
    const short = await expectError(await POST(req('{"tenant" "x"}')), 400, "invalid_json", null);
    expect(short.message).toMatch(/a colon \(:\) was expected after "tenant"/);
  });

  it("a NUL character in a property name: neither the field, the message nor the log line holds the name", async () => {
    for (const text of [`{"${S}\\u0000": 1}`, `{"clientId": "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", "x\\u0000${S}": 1}`]) {
      const { res, body, logs } = await answeredWithLogs(() => POST(req(text)));
      expect(res.status).toBe(400);
      const { error } = JSON.parse(body) as { error: { code: string; message: string; field: string | null } };
      expect(error).toMatchObject({ code: "invalid_character", field: null });
      expect(error.message).toMatch(/^A property name in the input contains a NUL character/);
      expect(leaks(body), body).toEqual([]);
      expect(body).not.toContain("\\u0000");
      const line = logs.map((l) => JSON.parse(l) as { event: string; field?: unknown; errorCode?: string }).find((l) => l.event === "api.verify");
      expect(line).toMatchObject({ errorCode: "invalid_character", field: null });
      expect(leaks(logs.join("\n"))).toEqual([]);
    }
  });

  it("a NUL deeper down names the path up to it, scrubbed; a name with another control character is never named", async () => {
    const nested = await answeredWithLogs(() => POST(req(`{"manifest": {"${S}": {"x\\u0000": 1}}}`)));
    expect(nested.res.status).toBe(400);
    const { error } = JSON.parse(nested.body) as { error: { code: string; field: string | null } };
    expect(error.code).toBe("invalid_character");
    expect(error.field).toBe("manifest.abc…(secret removed)");
    expect(leaks(nested.body + nested.logs.join("\n"))).toEqual([]);

    const control = await answeredWithLogs(() => POST(req(`{"manifest": {"a\\u0001b": {"c": "\\u0000"}}}`)));
    expect((JSON.parse(control.body) as { error: { field: string | null } }).error.field).toBe("manifest");
    const unknown = await answeredWithLogs(() => POST(req(`{"clientId": "x", "client\\u0001Id": "y"}`)));
    const u = (JSON.parse(unknown.body) as { error: { code: string; message: string; field: string | null } }).error;
    expect(u).toMatchObject({ code: "unknown_field", field: null });
    expect(u.message).toMatch(/a name with a control character, not shown/);
    expect(unknown.body + unknown.logs.join("\n")).not.toMatch(/\\u0001/);
  });
});

describe("a secret in the wrong field is reported whatever `checks` asks for", () => {
  it("a re-run of live.token alone still says the tenant held a secret (and the report is the contract's)", async () => {
    const allow = { consume: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 0 }) };
    const deps: VerifyApiDeps = { limiter: allow, live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 }, apiKeys: [] };
    const secret40 = "xyz8Q~0123456789abcdefghijklmnopqrstuvwx";
    const res = await handleVerifyRequest(req({ tenant: secret40, clientId: A.good.appId, secret: "x", live: true, checks: ["live.token"] }), deps);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(secret40.slice(0, 8));
    const report = JSON.parse(text) as Report;
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(["tenant.format", "live.token"]);
    const tenant = report.checks[0]!;
    expect(tenant.status).toBe("fail");
    expect(tenant.detail).toMatch(/The tenant holds what looks like a client secret \(starting "xyz"\)/);
    expect(tenant.fix).toMatch(/create a new secret/);
    expect(report.summary).toBe("fail");
    // Without a misplaced secret, `checks` reports only what it names.
    const plain = (await (await handleVerifyRequest(req({ tenant: T.contoso.id, clientId: A.good.appId, checks: ["live.token"] }), deps)).json()) as Report;
    expect(plain.checks.map((c) => c.id)).toEqual(["live.token"]);
  });
});

describe("a blank redirect URI is no redirect URI (skip, as in the form)", () => {
  it.each([[[""]], [[" "]], [["\t", ""]]])("redirectUris %j with a client ID: redirect-uri is skip", async (redirectUris) => {
    const res = await POST(req({ clientId: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", redirectUris }));
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.checks.find((c) => c.id === "redirect-uri")?.status).toBe("skip");
  });

  it("alone it is nothing to check; beside a URI it is dropped; an error keeps the index sent", async () => {
    await expectError(await POST(req({ redirectUris: [""] })), 400, "empty_input", null);
    const res = await POST(req({ redirectUris: ["", "https://dynamics365businesscentral.codat.io/oauth/callback", " "] }));
    expect(((await res.json()) as Report).checks.find((c) => c.id === "redirect-uri")?.status).toBe("pass");
    await expectError(await POST(req({ redirectUris: ["", 1] })), 400, "invalid_type", "redirectUris[1]");
  });
});

describe("413: one manifest limit however the manifest is sent", () => {
  it("a pretty-printed manifest over 256 KB sent as an object is refused as the same text pasted is", async () => {
    const manifest = { ...(JSON.parse(graphCorrect) as Record<string, unknown>), tags: Array.from({ length: 30_000 }, () => "a") };
    const pretty = JSON.stringify(manifest, null, 2);
    expect(JSON.stringify(manifest).length).toBeLessThan(256 * 1024);
    expect(pretty.length).toBeGreaterThan(256 * 1024);
    const asObject = await expectError(await POST(req(`{"manifest": ${pretty}}`)), 413, "too_large", "manifest");
    expect(asObject.message).toMatch(/the limit is 256 KB/);
    await expectError(await POST(req({ manifest: pretty })), 413, "too_large", "manifest");
    // The same object written compactly is within the limit, as its compact text pasted is.
    expect((await POST(req(`{"manifest": ${JSON.stringify(manifest)}}`))).status).toBe(200);
    expect((await POST(req({ manifest: JSON.stringify(manifest) }))).status).toBe(200);
  });
});
