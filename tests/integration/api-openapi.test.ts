// The OpenAPI document (lib/api/openapi.ts) against REAL answers of POST /api/v1/verify: every status
// the handler returns (200, 400, 413, 415, 429) is produced by lib/api/verify.ts handleVerifyRequest
// and validated with ajv against the JSON Schemas of the document itself; so are its examples.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { handleVerifyRequest, type VerifyApiDeps } from "@/lib/api/verify";
import { ERROR_EXAMPLES, type OpenApiDocument } from "@/lib/api/openapi";
import { liveOptions } from "@/lib/live-settings";
import { memoryLimiter, type RateLimiter } from "@/lib/ratelimit";

let doc: OpenApiDocument;
const validators: Record<string, ValidateFunction> = {};
const op = () => doc.paths["/api/v1/verify"].post;

beforeAll(async () => {
  // Served as JSON: validate what a client would download, not the in-memory object.
  const { GET } = await import("@/app/api/v1/openapi.json/route");
  doc = (await GET().json()) as OpenApiDocument;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(doc.components.schemas)) validators[name] = ajv.compile(schema);
});

/** The schema the document gives for this status of POST /api/v1/verify. */
function validatorFor(status: number): ValidateFunction {
  const response = (op().responses as Record<string, { content: { "application/json": { schema: { $ref: string } } } }>)[String(status)];
  expect(response, `the document lists status ${status}`).toBeDefined();
  const ref = response!.content["application/json"].schema.$ref;
  const v = validators[ref.replace("#/components/schemas/", "")];
  expect(v, ref).toBeDefined();
  return v!;
}

function deps(limiter: RateLimiter = memoryLimiter({ points: 100, durationSeconds: 60, keyPrefix: "openapi" }), extra: Partial<VerifyApiDeps> = {}): VerifyApiDeps {
  return { limiter, live: liveOptions(), apiKeys: [], ...extra };
}
function req(body: string, contentType = "application/json"): Request {
  return new Request("http://localhost/api/v1/verify", { method: "POST", headers: { "content-type": contentType }, body });
}
async function expectValid(res: Response, status: number) {
  expect(res.status).toBe(status);
  const body = await res.json();
  const validate = validatorFor(status);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  return body as Record<string, unknown>;
}

describe("the document", () => {
  it("is OpenAPI 3.1 and lists every status the handler returns, 429 with Retry-After", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(op().responses).sort()).toEqual(["200", "400", "413", "415", "429", "500"]);
    expect(Object.keys((op().responses["429"] as { headers: object }).headers)).toContain("Retry-After");
  });
  it("its request examples validate against VerifyInput, its response examples against their schemas", () => {
    for (const [name, ex] of Object.entries(op().requestBody.content["application/json"].examples)) {
      expect(validators.VerifyInput!(ex.value), `${name}: ${JSON.stringify(validators.VerifyInput!.errors)}`).toBe(true);
    }
    for (const [status, r] of Object.entries(op().responses)) {
      const content = (r as { content: { "application/json": { examples: Record<string, { value: unknown }> } } }).content["application/json"];
      for (const [name, ex] of Object.entries(content.examples)) {
        const v = validatorFor(Number(status));
        expect(v(ex.value), `${status} ${name}: ${JSON.stringify(v.errors)}`).toBe(true);
      }
    }
  });
  it("VerifyInput refuses what the API refuses: unknown fields, wrong types", () => {
    expect(validators.VerifyInput!({ clientSecret: "x" })).toBe(false);
    expect(validators.VerifyInput!({ live: "yes" })).toBe(false);
    expect(validators.Report!({ guide: "dynamics365-business-central", summary: "great", checks: [] })).toBe(false);
    expect(validators.Error!({ error: { code: "x", message: "y" } })).toBe(false);
  });
});

describe("real answers of handleVerifyRequest match the document", () => {
  it("200: the report for a manifest with mistakes", async () => {
    const manifest = readFileSync("tests/fixtures/manifests/graph-classic-mistakes.json", "utf8");
    const body = await expectValid(await handleVerifyRequest(req(JSON.stringify({ manifest })), deps()), 200);
    expect(body.summary).toBe("fail");
  });
  it("200: the document's own request example", async () => {
    const example = op().requestBody.content["application/json"].examples.fields.value;
    await expectValid(await handleVerifyRequest(req(JSON.stringify(example)), deps()), 200);
  });
  it("400: invalid JSON, unknown field, empty body", async () => {
    for (const body of ['{"clientId": ', '{"clientSecret": "abc"}', ""]) {
      const b = await expectValid(await handleVerifyRequest(req(body), deps()), 400);
      expect((b.error as { code: string }).code).toMatch(/invalid_json|unknown_field|empty_body/);
    }
  });
  it("the invalid_json example is the handler's real answer to its body, line and column included", async () => {
    const res = await handleVerifyRequest(req('{"clientId": "x"'), deps());
    expect(await res.json()).toEqual(ERROR_EXAMPLES[400].invalid_json);
  });
  it("413: a body over the limit", async () => {
    const big = JSON.stringify({ manifest: "x".repeat(5000) });
    await expectValid(await handleVerifyRequest(req(big), deps(undefined, { maxBodyBytes: 1024 })), 413);
  });
  it("415: not JSON", async () => {
    await expectValid(await handleVerifyRequest(req("clientId=abc", "application/x-www-form-urlencoded"), deps()), 415);
  });
  it("429 with Retry-After: a live check over the limit", async () => {
    const refuse: RateLimiter = { consume: async () => ({ allowed: false, remaining: 0, retryAfterSeconds: 42 }) };
    const body = JSON.stringify({ tenant: "contoso.onmicrosoft.com", clientId: "7c1f2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b", secret: "abc8Q~0123456789abcdefghijklmnopqrstuvw", live: true });
    const res = await handleVerifyRequest(req(body), deps(refuse));
    expect(res.headers.get("retry-after")).toBe("42");
    await expectValid(res, 429);
  });
});
