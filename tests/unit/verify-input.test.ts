import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { httpStatusFor, prepareInput, reportSchema, verify, verifyInputSchema, verifyRules, toFieldError } from "@/lib/verify";
import { parseManifest } from "@/lib/verify/manifest";

const fixture = (name: string) => readFileSync(`tests/fixtures/manifests/${name}.json`, "utf8");

describe("a redirect URI's error reads as the form's words and the API's field", () => {
  it("the redirect URI (redirectUris[0]) is too long; the 2nd one is named as such", () => {
    const long = prepareInput({ redirectUris: ["x".repeat(3000)] });
    expect(!long.ok && long.error).toMatchObject({ code: "too_long", field: "redirectUris[0]" });
    expect(!long.ok && long.error.message).toBe("The redirect URI (redirectUris[0]) is too long (at most 2048 characters).");
    const second = prepareInput({ redirectUris: ["https://a.example", 1] });
    expect(!second.ok && second.error.message).toMatch(/^The redirect URI \(2nd\) \(redirectUris\[1\]\) must be /);
  });
});

describe("input schema: field errors name the field", () => {
  it.each([
    ["null", null, "invalid_body", null],
    ["a list", [], "invalid_body", null],
    ["a string", "a string", "invalid_body", null],
    ["nothing", {}, "empty_input", null],
    ["only blanks", { clientId: "  " }, "empty_input", null],
    ["a number as client ID", { clientId: 42 }, "invalid_type", "clientId"],
    ["a list as tenant", { tenant: ["x"] }, "invalid_type", "tenant"],
    ["an object as secret", { secret: { value: "x" } }, "invalid_type", "secret"],
    ["a 1025-char secret", { secret: "x".repeat(1025) }, "too_long", "secret"],
    ["a 201-char client ID", { clientId: "x".repeat(201) }, "too_long", "clientId"],
    ["a number among redirect URIs", { redirectUris: [1] }, "invalid_type", "redirectUris[0]"],
    ["101 redirect URIs", { redirectUris: Array.from({ length: 101 }, () => "https://x.example") }, "too_many", "redirectUris"],
    ["an unknown account type", { signInAudience: "Multitenant" }, "invalid_value", "signInAudience"],
    ["permissions as one string", { permissions: "Financials.ReadWrite.All" }, "invalid_type", "permissions"],
    ["a permission type 'admin'", { permissions: [{ name: "x", type: "admin" }] }, "invalid_value", "permissions[0]"],
    ["a permission without id or name", { permissions: [{ type: "delegated" }] }, "invalid_value", "permissions[0]"],
    ["a permission with an unknown key", { permissions: [{ name: "x", scope: "y" }] }, "unknown_field", "permissions[0].scope"],
    ["live as a string", { live: "yes", clientId: "x" }, "invalid_type", "live"],
    ["an unknown check id", { checks: ["nope"], clientId: "x" }, "invalid_value", "checks[0]"],
    ["an empty list of checks (it would report nothing, and pass)", { checks: [], clientId: "x" }, "invalid_value", "checks"],
    ["a misspelt field", { clientID: "x" }, "unknown_field", "clientID"],
    ["a number as manifest", { manifest: 42 }, "invalid_manifest", "manifest"],
    ["a list as manifest", { manifest: [1, 2] }, "invalid_manifest", "manifest"],
    ["a trailing comma in the manifest", { manifest: '{"appId": "x",}' }, "invalid_json", "manifest"],
    ["JSON that is not a manifest", { manifest: '{"hello": "world"}' }, "invalid_manifest", "manifest"],
    ["500 levels of nesting", { manifest: "[".repeat(500) + "]".repeat(500) }, "too_deep", "manifest"],
  ])("%s → %s on %s", (_label, raw, code, field) => {
    const r = prepareInput(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.field).toBe(field);
    expect(r.error.message.length).toBeGreaterThan(10);
    expect(httpStatusFor(r.error)).toBe(400);
  });

  it("an unknown field is named, with the known ones listed", () => {
    const r = prepareInput({ clientID: "x" });
    expect(!r.ok && r.error.message).toMatch(/Unknown field "clientID".*clientId/);
  });

  it("a manifest over 256 KB is too_large (HTTP 413)", () => {
    const big = JSON.stringify({ appId: "x", notes: "n".repeat(300 * 1024) });
    const r = prepareInput({ manifest: big });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: "too_large", field: "manifest" });
    expect(r.error.message).toMatch(/limit is 256 KB/);
    expect(httpStatusFor(r.error)).toBe(413);
  });

  it("a JSON syntax error in the manifest carries line and column", () => {
    const r = prepareInput({ manifest: fixture("broken-trailing-comma") });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: "invalid_json", field: "manifest", line: 7, column: 64 });
    expect(r.error.message).toMatch(/Trailing comma/);
  });

  it("toFieldError maps the first zod issue", () => {
    const parsed = verifyInputSchema.safeParse({ tenant: 5 });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(toFieldError(parsed.error)).toMatchObject({ code: "invalid_type", field: "tenant" });
  });
});

describe("input schema: a wrong type says what was sent", () => {
  it.each([
    [{ clientId: 42 }, "The client ID must be text, not a number."],
    [{ tenant: ["x"] }, "The tenant must be text, not a list."],
    [{ secret: { value: "x" } }, "The client secret must be text, not an object."],
    [{ live: "yes", clientId: "x" }, "Live must be true or false, not a string."],
  ])("%j", (raw, message) => {
    const r = prepareInput(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });
});

describe("input schema: what people type is accepted", () => {
  it("blank strings are absent, account type is case-insensitive, one URI per line", () => {
    const r = prepareInput({
      clientId: "",
      tenant: "contoso.onmicrosoft.com",
      signInAudience: "azureadandpersonalmicrosoftaccount",
      redirectUris: "https://a.example/cb\n\nhttps://b.example/cb\n",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.clientId).toBeUndefined();
    expect(r.input.signInAudience).toBe("AzureADandPersonalMicrosoftAccount");
    expect(r.input.redirectUris).toEqual(["https://a.example/cb", "https://b.example/cb"]);
  });

  it.each([
    ["Financials.ReadWrite.All", "Financials.ReadWrite.All", "Scope"],
    ["financials.readwrite.all", "Financials.ReadWrite.All", "Scope"],
    ["user_impersonation", "user_impersonation", "Scope"],
    ["user_impersonation (delegated)", "user_impersonation", "Scope"],
    ["Financials.ReadWrite.All (application)", "Financials.ReadWrite.All", "Role"],
    ["Application: API.ReadWrite.All", "API.ReadWrite.All", "Role"],
    ["2fb13c28-9d89-417f-9af2-ec3065bc16e6", "Financials.ReadWrite.All", "Scope"],
    ["A42B0B75-311E-488D-B67E-8FE84F924341", "API.ReadWrite.All", "Role"],
  ])("permission %j resolves to %s (%s)", (typed, name, type) => {
    const r = prepareInput({ permissions: [typed] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.permissions?.[0]).toMatchObject({ name, type, resourceAppId: "996def3d-b36c-4153-8607-a6fd3c01b89f" });
  });

  it("permission objects with a type", () => {
    const r = prepareInput({ permissions: [{ name: "user_impersonation", type: "Application" }, { id: "bce0976a-cb0b-473b-8800-84eda9f8e447" }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.permissions?.[0]).toMatchObject({ name: "user_impersonation", type: "Role" });
    expect(r.input.permissions?.[1]).toMatchObject({ name: "user_impersonation", type: "Scope" });
  });

  it("an unknown permission name is kept, unresolved", () => {
    const r = prepareInput({ permissions: ["Financials.Read.All"] });
    expect(r.ok && r.input.permissions?.[0]).toMatchObject({ name: "Financials.Read.All" });
    expect(r.ok && r.input.permissions?.[0]?.known).toBeUndefined();
  });
});

describe("manifest formats", () => {
  it("reads the Microsoft Graph format", () => {
    const r = parseManifest(fixture("graph-correct"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.registration;
    expect(m.format).toBe("graph");
    expect(m.appId).toBe("3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93");
    expect(m.objectId).toBe("5b1f7c1e-8d1a-4c57-9a0e-2f6d3b8e4a10");
    expect(m.signInAudience).toBe("AzureADandPersonalMicrosoftAccount");
    expect(m.accessTokenVersion).toBe(2);
    expect(m.redirects).toEqual([{ uri: "https://dynamics365businesscentral.codat.io/oauth/callback", platform: "web" }]);
    expect(m.resources.map((x) => x.resourceAppId)).toEqual(["996def3d-b36c-4153-8607-a6fd3c01b89f", "00000003-0000-0000-c000-000000000000"]);
    expect(m.secrets).toEqual([
      { keyId: "9c4e2a71-6b3d-4f8e-a1c5-7d2b9e0f3a64", displayName: "Codat", hint: "Xy7", start: "2025-03-14T09:24:10.512Z", end: "2099-03-14T09:24:10.512Z" },
    ]);
    expect(m.notes).toEqual([]);
  });

  it("reads the legacy Azure AD Graph format (replyUrlsWithType, endDate, accessTokenAcceptedVersion, name)", () => {
    const r = parseManifest(fixture("legacy-classic-mistakes"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.registration;
    expect(m.format).toBe("legacy");
    expect(m.displayName).toBe("bc-codat");
    expect(m.accessTokenVersion).toBeNull();
    expect(m.redirects).toEqual([
      { uri: "<https://dynamics365businesscentral.codat.io/oauth/callback`>", platform: "web" },
      { uri: "http://dynamics365businesscentral.codat.io/oauth/callback", platform: "publicClient" },
    ]);
    expect(m.secrets[0]).toMatchObject({ end: "2024-06-02T11:06:12.44Z", hint: "Zr1" });
  });

  it("accepts the manifest as an object, with a BOM or whitespace as text, and a Graph list response", () => {
    const obj = JSON.parse(fixture("graph-correct")) as Record<string, unknown>;
    expect(parseManifest(obj).ok).toBe(true);
    expect(parseManifest(`\ufeff\n\n  ${fixture("graph-correct")}  \n`).ok).toBe(true);
    const listed = parseManifest({ "@odata.context": "…", value: [obj] });
    expect(listed.ok && listed.registration.notes[0]).toMatch(/inside the Graph response/);
    const two = parseManifest({ value: [obj, obj] });
    expect(!two.ok && two.error.message).toMatch(/lists 2 applications/);
  });

  it("wrong types are ignored and noted, never a crash", () => {
    const r = parseManifest({
      appId: 12,
      signInAudience: ["x"],
      web: "https://x",
      spa: { redirectUris: [1, "https://ok.example/cb", null] },
      requiredResourceAccess: [{ resourceAppId: 5 }, null, { resourceAppId: "996def3d-b36c-4153-8607-a6fd3c01b89f", resourceAccess: [{ id: 1 }, { id: "2fb13c28-9d89-417f-9af2-ec3065bc16e6", type: "Scope" }] }],
      passwordCredentials: "none",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.registration;
    expect(m.appId).toBeUndefined();
    expect(m.signInAudience).toBeUndefined();
    expect(m.redirects).toEqual([{ uri: "https://ok.example/cb", platform: "spa" }]);
    expect(m.resources).toEqual([{ resourceAppId: "996def3d-b36c-4153-8607-a6fd3c01b89f", access: [{ id: "2fb13c28-9d89-417f-9af2-ec3065bc16e6", type: "Scope" }] }]);
    expect(m.secrets).toEqual([]);
    expect(m.notes.join(" ")).toMatch(/Ignored "appId": expected a string, found a number/);
    expect(m.notes.join(" ")).toMatch(/Ignored "passwordCredentials"/);
  });

  it("a manifest that holds a secret value keeps it out of the registration's visible fields", () => {
    const r = parseManifest({ appId: "x", passwordCredentials: [{ keyId: "k", hint: "abc", secretText: "abc1Q~shhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh" }] });
    expect(r.ok && r.registration.secrets[0]?.secretText).toBe("abc1Q~shhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh");
  });

  it("hostile shapes: prototype keys, cycles, huge arrays, deep nesting", () => {
    const proto = parseManifest('{"appId": "x", "__proto__": {"signInAudience": "AzureADMyOrg"}, "constructor": {"prototype": {"x": 1}}}');
    expect(proto.ok && proto.registration.signInAudience).toBeUndefined();
    expect(({} as { signInAudience?: string }).signInAudience).toBeUndefined();

    const cyclic: Record<string, unknown> = { appId: "x" };
    cyclic.self = cyclic;
    const c = parseManifest(cyclic);
    expect(!c.ok && c.error.code).toBe("invalid_manifest");

    const huge = parseManifest({ appId: "x", web: { redirectUris: Array.from({ length: 5000 }, (_, i) => `https://h${i}.example/cb`) } });
    expect(huge.ok && huge.registration.redirects.length).toBe(5000);

    let deep: unknown = { appId: "x" };
    for (let i = 0; i < 10_000; i++) deep = { appId: "x", nested: deep };
    const d = parseManifest(deep);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(["too_deep", "invalid_manifest"]).toContain(d.error.code);
  });
});

describe("an older-format secret in the wrong field", () => {
  // Secrets made before the "Q~" format: base64 with "=" (44 characters), or ~32 with [ ] : @ ? * = . _ -.
  const OLD = ["aBcD3fGh1jKlMn0pQrStUvWxYz1234567890abcd=", "r.Nj3F5-Z=?pHZi@:Ftk]DDaA0s0K_X1", "Ab3dE+fgH/ijKlmNoPqRsTuVwXyZ0123456789abcde=", "Q9w]E7r:T5y@U3i?O1p*A2s.D4f-G6h_"];
  const pieces = (s: string) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8)).slice(1);

  it("is removed from the client ID, tenant, redirect URIs and permissions before anything sees it", async () => {
    const p = prepareInput({ clientId: OLD[0], tenant: ` ${OLD[1]} `, redirectUris: [OLD[2]], permissions: [`${OLD[3]} (delegated)`] });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.input.clientId).toBe("aBc…(secret removed)");
    expect(p.input.misplacedSecrets).toEqual({ clientId: "aBc", tenant: "r.N", redirectUris: "Ab3", permissions: "Q9w" });
    const text = JSON.stringify(await verify(p.input));
    for (const s of OLD) for (const piece of pieces(s)) expect(text, s).not.toContain(piece);
    const report = await verify(p.input);
    const clientId = report.checks.find((c) => c.id === "client-id.format")!;
    expect(clientId.status).toBe("fail");
    expect(clientId.detail).toMatch(/The client ID holds what looks like a client secret \(starting "aBc"\)/);
  });

  it("inside other words too (\"client id: …\")", () => {
    const p = prepareInput({ clientId: `client id: ${OLD[0]}` });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.input.clientId).toBe("client id: aBc…(secret removed)");
  });

  it("what people rightly type there is left alone", () => {
    const p = prepareInput({
      clientId: "{3F2B8C6D-1E4A-4B7C-9D2E-6A5F8B1C0D93}",
      tenant: "Contoso365.onmicrosoft.com",
      redirectUris: ["https://dynamics365businesscentral.codat.io/oauth/callback", "Dynamics365BusinessCentral.codat.io/oauth/callback", "myapp2.azurewebsites.net/Signin2Oidc/CallbackABC"],
      permissions: ["Financials.ReadWrite.All", "API.ReadWrite.All (application)", "2FB13C28-9D89-417F-9AF2-EC3065BC16E6"],
    });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.input.misplacedSecrets).toBeUndefined();
    expect(p.input.tenant).toBe("Contoso365.onmicrosoft.com");
  });

  it("in the secret field it is the secret (checked, never shown)", async () => {
    const p = prepareInput({ secret: OLD[0] });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.input.misplacedSecrets).toBeUndefined();
    const report = await verify(p.input);
    expect(report.checks.find((c) => c.id === "secret.shape")!.status).toBe("warn");
    expect(JSON.stringify(report)).not.toContain(OLD[0]!.slice(3, 11));
  });
});

describe("errors never carry a secret, nor a name with a control character", () => {
  const secret = "abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
  it("a NUL in a property name: the error names the parent, never the name (the server action's path too)", () => {
    const top = prepareInput({ [`${secret}\u0000`]: 1 });
    expect(!top.ok && top.error).toEqual({ code: "invalid_character", message: expect.stringMatching(/^A property name in the input contains a NUL/), field: null });
    expect(JSON.stringify(top)).not.toContain(secret.slice(0, 6));
    const nested = prepareInput({ manifest: { [secret]: { ["x\u0000"]: 1 } } });
    expect(!nested.ok && nested.error.field).toBe("manifest.abc…(secret removed)");
    expect(JSON.stringify(nested)).not.toContain(secret.slice(0, 6));
  });

  it("an unknown field whose name has a control character is not named", () => {
    const r = prepareInput({ clientId: "x", ["client\u0001Id"]: "y" });
    expect(!r.ok && r.error).toMatchObject({ code: "unknown_field", field: null });
    expect(JSON.stringify(r)).not.toContain("\\u0001");
  });
});

describe("a misplaced secret's notice and `checks`", () => {
  it("the check that carries it is reported even when `checks` names others; the report stays the contract's", async () => {
    const p = prepareInput({ tenant: "xyz8Q~0123456789abcdefghijklmnopqrstuvwx", clientId: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", secret: "x", live: true, checks: ["live.token"] });
    if (!p.ok) throw new Error(p.error.message);
    const report = await verify(p.input);
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([["tenant.format", "fail"], ["live.token", "skip"]]);
    expect(report.checks[0]!.detail).toMatch(/holds what looks like a client secret/);
    expect(report.summary).toBe("fail");
    const rules = verifyRules(p.input);
    expect(rules.checks.map((c) => c.id)).toEqual(["tenant.format", "live.token"]);
  });
});

describe("blank redirect URIs are no input, in every form", () => {
  it.each([[[""]], [[" ", "\t"]], [""], ["\n \n"]])("%j with a client ID: no redirect URIs", (redirectUris) => {
    const p = prepareInput({ clientId: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", redirectUris });
    expect(p.ok && p.input.redirectUris).toBeUndefined();
    expect(!prepareInput({ redirectUris }).ok && (prepareInput({ redirectUris }) as { error: { code: string } }).error.code).toBe("empty_input");
  });
});
