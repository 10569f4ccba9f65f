// The panels' pure parts: the mapping of a submitted form onto the checker's one input schema, the
// instant hints (they must agree with the checker's verdict on the classic mistakes, and never echo a
// secret), and merging a re-run into the previous results. No database needed.
import { describe, expect, it } from "vitest";
import { AUDIENCE_OPTIONS, formFieldOf, formToInput, PERMISSION_OPTIONS } from "@/lib/customer/fields";
import { clientIdHint, manifestHint, redirectUriHint, secretHint, tenantHint } from "@/lib/customer/instant";
import { failedCheckIds, mergeRerun, summarize } from "@/lib/customer/summary";
import { deriveSetupState } from "@/lib/steps";
import { AUDIENCES } from "@/lib/verify/constants";
import { fieldLabel, prepareInput, verifyRules } from "@/lib/verify";
import { beginVerification } from "@/lib/customer/verify";

const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";
const GUID = "aaaaaaaa-0001-4000-8000-000000000001";
const SECRET = "FAK1Q~fake-secret-for-tests-only-good01";

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

describe("form → checker input", () => {
  it("offers the four account types of the portal, mapped onto every signInAudience value", () => {
    expect(AUDIENCE_OPTIONS.map((o) => o.value).sort()).toEqual([...AUDIENCES].sort());
    expect(AUDIENCE_OPTIONS.find((o) => o.value === "AzureADandPersonalMicrosoftAccount")!.label).toBe(
      "Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)",
    );
    expect(AUDIENCE_OPTIONS.find((o) => o.value === "AzureADMyOrg")!.label).toMatch(/^Accounts in this organizational directory only \(.* only - Single tenant\)$/);
  });

  it("reads only the panel's own fields, and every permission choice is accepted by the checker with its type", () => {
    const parsed = formToInput(form({ step: "register-application", mode: "fields", clientId: GUID, redirectUri: `${REDIRECT}/`, secret: SECRET, permissions: "API.ReadWrite.All (application)" }));
    expect(parsed.ok && parsed.form.input).toEqual({ clientId: GUID, redirectUris: `${REDIRECT}/` });
    const perms = formToInput(form({ step: "api-permissions", mode: "fields", permissions: PERMISSION_OPTIONS.map((p) => p.value) }));
    if (!perms.ok) throw new Error(perms.message);
    const prepared = prepareInput(perms.form.input);
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect(prepared.input.permissions!.map((p) => [p.name, p.type])).toEqual([
      ["Financials.ReadWrite.All", "Scope"],
      ["user_impersonation", "Scope"],
      ["API.ReadWrite.All", "Role"],
      ["Automation.ReadWrite.All", "Role"],
    ]);
  });

  it("the live box, re-run check ids and the idempotency key come through; a malformed key is dropped", () => {
    const parsed = formToInput(form({ step: "client-secret", mode: "fields", clientId: GUID, secret: SECRET, live: "on", checks: ["live.token", "secret.shape"], idempotencyKey: "0b6c1c2e-5d1e-4c39-9f0e-7d7a3c1b2a10" }));
    expect(parsed.ok && parsed.form).toMatchObject({ input: { live: true, checks: ["live.token", "secret.shape"] }, idempotencyKey: "0b6c1c2e-5d1e-4c39-9f0e-7d7a3c1b2a10" });
    const bad = formToInput(form({ step: "client-secret", mode: "fields", secret: SECRET, idempotencyKey: "<script>" }));
    expect(bad.ok && bad.form.idempotencyKey).toBeUndefined();
    // An unknown check id is left to the one schema to refuse, naming the field.
    const unknown = formToInput(form({ step: "client-secret", mode: "fields", secret: SECRET, checks: "nope" }));
    const prepared = unknown.ok ? prepareInput(unknown.form.input) : null;
    expect(prepared && !prepared.ok && prepared.error.field).toBe("checks[0]");
  });

  it("the manifest tab needs a manifest; checker errors map back onto the form's fields", () => {
    expect(formToInput(form({ step: "client-secret", mode: "manifest", manifest: "  " }))).toMatchObject({ ok: false, field: "manifest" });
    expect(formFieldOf("redirectUris[2]")).toBe("redirectUri");
    expect(formFieldOf("permissions[0].type")).toBe("permissions");
    expect(formFieldOf(null)).toBeNull();
  });
});

describe("a panel's errors in the panel's words", () => {
  it("an empty panel says what to fill in, not the API's field names; nothing is stored or charged", async () => {
    let charged = 0;
    const deps = {
      live: { loginBaseUrl: "http://127.0.0.1:9", graphBaseUrl: "http://127.0.0.1:9", timeoutMs: 200 },
      chargeSetupCreation: async () => {
        charged++;
        return { allowed: true, remaining: 1, retryAfterSeconds: 0 };
      },
    };
    const fields = await beginVerification(form({ step: "register-application", mode: "fields" }), undefined, deps);
    expect(fields.ok).toBe(false);
    if (!fields.ok) {
      expect(fields.error).toMatchObject({ code: "empty_input", field: null });
      expect(fields.error.message).toBe("Nothing to check yet: fill in at least one field of this step, then check again.");
      expect(fields.error.message).not.toMatch(/redirectUris|signInAudience|clientId/);
    }
    const manifest = await beginVerification(form({ step: "api-permissions", mode: "manifest", manifest: "   " }), undefined, deps);
    expect(!manifest.ok && manifest.error.message).toMatch(/^Paste the app manifest/);
    expect(charged).toBe(0);
  });

  it("a field named by the checker reads as the form's label", () => {
    expect(fieldLabel("redirectUris[0]")).toBe("the redirect URI");
    expect(fieldLabel("redirectUris[1]")).toBe("the redirect URI (2nd)");
    expect(fieldLabel("redirectUris[10]")).toBe("the redirect URI (11th)");
    expect(fieldLabel("clientId")).toBe("the client ID");
    expect(fieldLabel("permissions[2].type")).toBe("the permissions");
    expect(fieldLabel("signInAudience")).toBe("the account type (signInAudience)");
    expect(fieldLabel("somethingElse")).toBe("somethingElse");
  });
});

describe("instant hints agree with the checker on the classic mistakes", () => {
  const verdict = (redirect: string) => verifyRules((prepareInput({ redirectUris: [redirect] }) as { ok: true; input: never }).input).checks.find((c) => c.id === "redirect-uri")!;

  it.each([
    [`${REDIRECT}/`, /trailing slash/],
    ["http://dynamics365businesscentral.codat.io/oauth/callback", /https:\/\//],
    [`<${REDIRECT}>`, /angle brackets/],
    [`\`${REDIRECT}\``, /backtick/],
    [` ${REDIRECT} `, /spaces/],
    ["https://dynamics365businesscentral.codat.io/OAuth/callback", /lower case/],
  ])("%j", (uri, hint) => {
    const h = redirectUriHint(uri)!;
    expect(h.level).toBe("error");
    expect(h.message).toMatch(hint);
    expect(verdict(uri).status).toBe("fail");
  });

  it("the host's or scheme's letter case alone: a warning, as the checker's", () => {
    for (const uri of ["https://Dynamics365BusinessCentral.codat.io/oauth/callback", "HTTPS://dynamics365businesscentral.codat.io/oauth/callback"]) {
      expect(redirectUriHint(uri), uri).toMatchObject({ level: "warn", message: expect.stringMatching(/lower case/) });
      expect(verdict(uri).status, uri).toBe("warn");
    }
  });

  it("the exact URI is confirmed, and so is what the checker passes", () => {
    expect(redirectUriHint(REDIRECT)).toMatchObject({ level: "ok" });
    expect(verdict(REDIRECT).status).toBe("pass");
    expect(redirectUriHint("https://example.com/callback")).toMatchObject({ level: "warn" });
    expect(redirectUriHint("")).toBeNull();
  });

  it("GUID shape and tenants", () => {
    expect(clientIdHint(GUID)).toMatchObject({ level: "ok" });
    expect(clientIdHint(`{${GUID}}`)).toMatchObject({ level: "error" });
    expect(clientIdHint(`${GUID} `)).toMatchObject({ level: "warn" });
    expect(clientIdHint("my-app")!.message).toMatch(/GUID/);
    expect(clientIdHint("api://my-app")!.message).toMatch(/URI/);
    expect(clientIdHint("996def3d-b36c-4153-8607-a6fd3c01b89f")).toMatchObject({ level: "error", message: expect.stringMatching(/Business Central's own application ID/) });
    expect(tenantHint("common")!.message).toMatch(/not a tenant/);
    expect(tenantHint("contoso.onmicrosoft.com")).toMatchObject({ level: "ok" });
    expect(tenantHint("https://login.microsoftonline.com/x")).toMatchObject({ level: "error" });
  });

  it("a GUID in the secret field is the Secret ID; no hint ever quotes the secret", () => {
    expect(secretHint(GUID)!.message).toMatch(/Secret ID/);
    expect(secretHint("cccccccc-0001-4000-8000-000000000001", "cccccccc-0001-4000-8000-000000000001")!.message).toMatch(/client ID/);
    expect(secretHint(SECRET)).toBeNull();
    for (const s of [SECRET, ` ${SECRET}`, SECRET.slice(0, 20), `${SECRET}!!`]) {
      const h = secretHint(s);
      expect(h?.message ?? "").not.toContain(SECRET.slice(0, 8));
    }
    expect(secretHint("short")!.message).toMatch(/5/);
    expect(secretHint("eyJhbGciOi.eyJzdWIiOiIx.c2ln")).toMatchObject({ level: "error", message: expect.stringMatching(/access token/) });
  });

  it("the manifest must be JSON, and look like a manifest", () => {
    expect(manifestHint('{ "appId": "x", }')).toMatchObject({ level: "error" });
    expect(manifestHint("[1]")).toMatchObject({ level: "error" });
    expect(manifestHint('{"a":1}')).toMatchObject({ level: "warn" });
    expect(manifestHint('{"appId":"x"}')).toMatchObject({ level: "ok" });
  });
});

describe("results helpers", () => {
  it("a re-run replaces only the re-run checks and recomputes the summary", () => {
    const before = verifyRules((prepareInput({ clientId: GUID, redirectUris: [`${REDIRECT}/`] }) as { ok: true; input: never }).input);
    expect(failedCheckIds(before.checks)).toEqual(["redirect-uri"]);
    const rerun = verifyRules((prepareInput({ redirectUris: [REDIRECT], checks: ["redirect-uri"] }) as { ok: true; input: never }).input);
    const merged = mergeRerun(before, rerun);
    expect(merged.checks.map((c) => c.id)).toEqual(before.checks.map((c) => c.id));
    expect(merged.checks.find((c) => c.id === "redirect-uri")!.status).toBe("pass");
    expect(merged.summary).toBe("pass");
    expect(summarize(before.checks).text).toMatch(/^Something needs fixing: 1 check failed, 1 passed\.$/);
    expect(summarize(merged.checks).text).toMatch(/^All good/);
  });

  it("the next step is the first not done", () => {
    expect(deriveSetupState({}).currentStep).toBe("prerequisites");
    expect(deriveSetupState({ prerequisites: "confirmed", "register-application": "failed" }).currentStep).toBe("register-application");
  });
});
