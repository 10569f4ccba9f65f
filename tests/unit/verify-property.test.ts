// Property tests: thousands of generated and mutated manifests and inputs. The engine never throws,
// and every report it returns obeys the contract (the zod schema of the report).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareInput, reportSchema, verifyRules, type Report } from "@/lib/verify";
import { parseJson } from "@/lib/verify/json";

const NOW = new Date("2026-06-01T00:00:00Z");
const FIXTURES = ["graph-correct", "graph-classic-mistakes", "graph-spa-and-dynamics-crm", "legacy-correct", "legacy-classic-mistakes"].map(
  (f) => JSON.parse(readFileSync(`tests/fixtures/manifests/${f}.json`, "utf8")) as Record<string, unknown>,
);

/** Runs the whole offline pipeline; returns the report, or null for a refused input. Throws only on a bug. */
function run(raw: unknown): Report | null {
  const p = prepareInput(raw);
  if (!p.ok) {
    expect(typeof p.error.code).toBe("string");
    expect(p.error.message.length).toBeGreaterThan(0);
    expect(p.error.field === null || typeof p.error.field === "string").toBe(true);
    return null;
  }
  const r = verifyRules(p.input, { now: NOW });
  const valid = reportSchema.safeParse(r);
  if (!valid.success) throw new Error(`contract broken: ${valid.error.issues[0]?.message} in ${JSON.stringify(r).slice(0, 500)}`);
  return r;
}

// Values people (or attackers) put where a manifest field goes.
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    "https://dynamics365businesscentral.codat.io/oauth/callback/",
    "<https://dynamics365businesscentral.codat.io/oauth/callback`>",
    "AzureADMyOrg",
    "Scope",
    "Role",
    "996def3d-b36c-4153-8607-a6fd3c01b89f",
    "2fb13c28-9d89-417f-9af2-ec3065bc16e6",
    "",
    "\u200b",
    "__proto__",
    "9999-99-99",
    null,
  ),
  fc.string({ maxLength: 300 }),
);
const keyName = fc.oneof(
  fc.constantFrom(
    "appId", "signInAudience", "web", "spa", "publicClient", "replyUrlsWithType", "requiredResourceAccess",
    "passwordCredentials", "api", "__proto__", "constructor", "prototype", "toString", "value", "id", "displayName",
  ),
  fc.string({ maxLength: 12 }),
);

type Json = unknown;
/** A mutation applied somewhere inside a manifest: replace, delete, insert, or wrap a value. */
function mutate(value: Json, path: number[], op: number, replacement: Json, key: string): Json {
  if (path.length === 0 || value === null || typeof value !== "object") {
    switch (op % 4) {
      case 0: return replacement;
      case 1: return [value, replacement];
      case 2: return { [key]: value };
      default: return value;
    }
  }
  const [step, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return op % 2 ? [replacement] : value;
    const i = step! % value.length;
    const copy = [...value];
    if (op % 5 === 4 && rest.length === 0) copy.splice(i, 1);
    else copy[i] = mutate(copy[i], rest, op, replacement, key);
    return copy;
  }
  const obj = value as Record<string, Json>;
  const keys = Object.keys(obj);
  if (keys.length === 0) return { [key]: replacement };
  const k = keys[step! % keys.length]!;
  const copy: Record<string, Json> = { ...obj };
  if (op % 5 === 4 && rest.length === 0) delete copy[k];
  else if (op % 7 === 6) Object.defineProperty(copy, key, { value: replacement, enumerable: true, configurable: true, writable: true });
  else copy[k] = mutate(obj[k], rest, op, replacement, key);
  return copy;
}

const mutatedManifest = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), fc.nat(), nasty, keyName), { minLength: 1, maxLength: 6 }),
  )
  .map(([m, muts]) => muts.reduce<Json>((acc, [path, op, rep, key]) => mutate(acc, path, op, rep, key), m));

const otherFields = fc.record(
  {
    clientId: fc.oneof(fc.uuid(), fc.string({ maxLength: 60 }), nasty),
    tenant: fc.oneof(fc.uuid(), fc.domain(), fc.constantFrom("common", "contoso.onmicrosoft.com/../x", "a@b.com"), nasty),
    secret: fc.oneof(fc.uuid(), fc.string({ minLength: 0, maxLength: 60 }), fc.constant("Xy71Q~abcdefghijklmnopqrstuvwxyz0123456"), nasty),
    redirectUris: fc.oneof(fc.array(fc.oneof(fc.webUrl(), fc.string({ maxLength: 80 })), { maxLength: 5 }), nasty),
    signInAudience: fc.oneof(fc.constantFrom("AzureADMyOrg", "azureadandpersonalmicrosoftaccount", "x"), nasty),
    permissions: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom("Financials.ReadWrite.All", "user_impersonation (application)", "API.ReadWrite.All"), fc.uuid(), fc.string({ maxLength: 30 }), fc.record({ name: fc.string({ maxLength: 20 }), type: fc.constantFrom("delegated", "application", "x") })), { maxLength: 6 }),
      nasty,
    ),
    checks: fc.oneof(fc.array(fc.constantFrom("redirect-uri", "secret.shape", "live.token", "bogus"), { maxLength: 3 }), nasty),
  },
  { requiredKeys: [] },
);

describe("property: the engine never throws and every report obeys the contract", () => {
  it("1500 mutated manifests (as objects and as text), alone and with other fields", () => {
    let reports = 0;
    fc.assert(
      fc.property(mutatedManifest, otherFields, fc.boolean(), fc.boolean(), (m, others, asText, withOthers) => {
        const manifest = asText ? JSON.stringify(m) : m;
        const r = run(withOthers ? { ...others, manifest } : { manifest });
        if (r) reports++;
      }),
      { numRuns: 1500, seed: 20261128 },
    );
    // Most mutations still produce a report (the rest are refused with a clear error).
    expect(reports).toBeGreaterThan(500);
  });

  it("1000 arbitrary inputs of any shape", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), otherFields, fc.record({ manifest: fc.anything({ maxDepth: 5 }) })), (raw) => {
        run(raw);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it("1000 mangled manifest texts: the parser never throws and points inside the text", () => {
    const texts = FIXTURES.map((f) => JSON.stringify(f, null, 2));
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(",", "}", "]", "{", "[", '"', "'", ":", "\n", "/", "\\", "\u0000", "\ufeff", "x")), { minLength: 1, maxLength: 4 }),
        (text, edits) => {
          let t = text;
          for (const [pos, op, ch] of edits) {
            const i = pos % (t.length + 1);
            if (op === 0) t = t.slice(0, i) + ch + t.slice(i);
            else if (op === 1) t = t.slice(0, i) + t.slice(i + 1);
            else if (op === 2) t = t.slice(0, i);
            else t = t.slice(0, i) + ch + t.slice(i + 1);
          }
          const parsed = parseJson(t);
          if (!parsed.ok) {
            const lines = t.replace(/^\ufeff/, "").split("\n");
            expect(parsed.line).toBeGreaterThanOrEqual(1);
            expect(parsed.line).toBeLessThanOrEqual(lines.length);
            expect(parsed.column).toBeGreaterThanOrEqual(1);
            expect(parsed.column).toBeLessThanOrEqual((lines[parsed.line - 1]?.length ?? 0) + 1);
          } else {
            expect(parsed.value).toEqual(JSON.parse(t.replace(/^\ufeff/, "")));
          }
          run({ manifest: t });
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
  });

  it("no generated report contains the secret it was given", () => {
    fc.assert(
      fc.property(mutatedManifest, fc.stringMatching(/^[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{33}$/), fc.boolean(), (m, secret, echo) => {
        // Sometimes the secret is pasted into other fields too: it must not come back from them either.
        const r = run({ manifest: m, secret, ...(echo ? { clientId: secret, tenant: secret, redirectUris: [secret] } : {}) });
        if (r) expect(JSON.stringify(r)).not.toContain(secret);
      }),
      { numRuns: 300, seed: 99 },
    );
  });
});
