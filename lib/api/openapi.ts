// The API reference: an OpenAPI 3.1 document generated from the SAME zod schemas the API validates
// with (lib/verify's verifyInputSchema and reportSchema, zod 4's z.toJSONSchema) and the error shape
// lib/api/verify.ts answers with. Served at /api/v1/openapi.json, rendered at /docs/api.
// Its examples are real: the 200 example is the checker's own report for the example input, and
// tests/integration/api-openapi.test.ts validates real responses of every status against it.
import { z } from "zod";
import { prepareInput, reportSchema, verifyInputSchema, verifyRules, type FieldError } from "../verify";

/** The body of every error answer: { error: { code, message, field } } (field: null for the whole input). */
export const fieldErrorSchema = z.strictObject({
  code: z.string().min(1).describe("Machine-readable: invalid_json, unknown_field, too_large, rate_limited, …"),
  message: z.string().min(1).describe("What is wrong and how to fix it, for a person."),
  field: z.string().nullable().describe('The input field at fault ("manifest", "redirectUris[2]"), or null for the whole input.'),
  line: z.number().int().optional().describe("invalid_json and too_deep (the body or the manifest): where the JSON broke."),
  column: z.number().int().optional(),
});
export const errorBodySchema = z.strictObject({ error: fieldErrorSchema });

// The TypeScript type the handler uses and the schema above must agree, both ways (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof fieldErrorSchema>, FieldError> = true;
void sameShape;

type JsonSchema = Record<string, unknown>;

/** A zod schema as a JSON Schema (2020-12, which OpenAPI 3.1 uses), without its own $schema key. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  delete out.$schema;
  return out;
}

export const EXAMPLE_INPUT = {
  clientId: "7c1f2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b",
  tenant: "contoso.onmicrosoft.com",
  redirectUris: ["https://dynamics365businesscentral.codat.io/oauth/callback/"],
  signInAudience: "AzureADMyOrg",
} as const;

function exampleReport() {
  const prepared = prepareInput(EXAMPLE_INPUT);
  if (!prepared.ok) throw new Error(`openapi: the example input is refused: ${prepared.error.message}`);
  return verifyRules(prepared.input, { now: new Date("2026-01-01T00:00:00Z") });
}

const err = (code: string, message: string, field: string | null) => ({ error: { code, message, field } });

export const ERROR_EXAMPLES = {
  400: {
    invalid_json: {
      error: {
        code: "invalid_json",
        message: 'The request body is not valid JSON: The JSON ends too early: the "{" at line 1, column 1 is never closed (line 1, column 17)',
        field: null,
        line: 1,
        column: 17,
      },
    },
    unknown_field: err("unknown_field", 'Unknown field "clientSecret". Known fields: manifest, clientId, tenant, secret, …', "clientSecret"),
  },
  413: { too_large: err("too_large", "The request body is larger than 640 KB.", null) },
  415: { unsupported_media_type: err("unsupported_media_type", 'Send the input as JSON with the header "Content-Type: application/json".', null) },
  429: {
    rate_limited: err("rate_limited", 'Too many live checks from this client: try again in 540 s. Checks without "live" are not limited.', "live"),
  },
  500: { internal: err("internal", "Something went wrong on our side; nothing was stored. Please try again.", null) },
} as const;

const REQUEST_ID_HEADER = {
  "X-Request-Id": {
    description: "The id of this request in the server's logs: quote it to support.",
    schema: { type: "string" },
  },
};

function errorResponse(description: string, examples: Record<string, unknown>, headers: Record<string, unknown> = {}) {
  return {
    description,
    headers: { ...REQUEST_ID_HEADER, ...headers },
    content: {
      "application/json": {
        schema: { $ref: "#/components/schemas/Error" },
        examples: Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, { value: v }])),
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;

function buildOpenApi() {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Business Central setup checker API",
      version: "1.0.0",
      description:
        "Checks a Microsoft Entra ID app registration for Dynamics 365 Business Central. The same engine as the guide's \"Verify my setup\" panels and the CLI (`npm run verify`): the same input, the same report. Every error is JSON of the `Error` schema, including the 405 for a method other than POST.",
    },
    paths: {
      "/api/v1/verify": {
        post: {
          operationId: "verify",
          summary: "Check an app registration",
          description:
            'Send any subset of the fields (at least one piece of evidence). With `"live": true` and tenant + client ID + secret, the checker also asks Microsoft for a token; live checks are rate-limited per client (per API key with `X-Api-Key`). The secret is never stored, logged or echoed.',
          parameters: [
            {
              name: "X-Api-Key",
              in: "header",
              required: false,
              description: "An API key from VERIFY_API_KEYS: its own rate-limit bucket instead of the caller's address.",
              schema: { type: "string" },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/VerifyInput" },
                examples: {
                  fields: { summary: "Typed fields", value: EXAMPLE_INPUT },
                  manifest: { summary: "The app manifest as copied from the portal", value: { manifest: '{"appId":"…","signInAudience":"AzureADandPersonalMicrosoftAccount","web":{"redirectUris":["…"]}}' } },
                  live: {
                    summary: "With the live check against Microsoft",
                    value: { tenant: "contoso.onmicrosoft.com", clientId: EXAMPLE_INPUT.clientId, secret: "<the client secret's Value>", live: true },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "The report (also when checks fail: look at `summary` and each check's `status`).",
              headers: REQUEST_ID_HEADER,
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Report" },
                  examples: { report: { summary: "The report for the typed-fields example", value: exampleReport() } },
                },
              },
            },
            "400": errorResponse("Invalid input: not JSON, not UTF-8, empty, an unknown field, a wrong type, or nothing to check.", ERROR_EXAMPLES[400]),
            "413": errorResponse("The body, or the manifest in it (256 KB), is too large; another field over its length is a 400 too_long.", ERROR_EXAMPLES[413]),
            "415": errorResponse("The body is not sent as JSON (Content-Type), or is declared in a charset other than UTF-8.", ERROR_EXAMPLES[415]),
            "429": errorResponse("Too many live checks from this client in the window.", ERROR_EXAMPLES[429], {
              "Retry-After": { description: "Seconds until a live check is allowed again.", required: true, schema: { type: "string", pattern: "^[0-9]+$" } },
            }),
            "500": errorResponse("A failure on our side (never a stack trace).", ERROR_EXAMPLES[500]),
          },
        },
      },
      "/api/health": {
        get: {
          operationId: "health",
          summary: "Liveness: the process is up (no database)",
          responses: { "200": { description: "Up", content: { "application/json": { example: { ok: true, status: "up" } } } } },
        },
      },
      "/api/ready": {
        get: {
          operationId: "ready",
          summary: "Readiness: PostgreSQL answers and every migration is applied",
          responses: {
            "200": { description: "Ready", content: { "application/json": { example: { status: "ready" } } } },
            "503": {
              description: "Not ready, with a reason: database-unreachable, migrations-pending, migrations-check-failed",
              content: { "application/json": { example: { status: "not-ready", reason: "migrations-pending", message: "1 migration(s) not applied: run `npm run db:migrate`", pending: ["20261130_example"] } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        VerifyInput: { ...jsonSchema(verifyInputSchema, "input"), description: "Any subset of these fields. `redirectUris` may also be one string with one URI per line; `signInAudience` is case-insensitive." },
        Report: { ...jsonSchema(reportSchema, "output"), description: "The verification report (summary: the worst status, fail > error > warn > pass)." },
        Error: jsonSchema(errorBodySchema, "output"),
      },
    },
  };
}

let cached: OpenApiDocument | undefined;
/** The document (built once per process). */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApi();
  return cached;
}
