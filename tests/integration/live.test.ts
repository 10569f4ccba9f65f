// Live checks against the fake Entra ID + Graph, reached only through the production seams:
// msal-node's system.networkClient (login base URL rewritten) and the configurable Graph base URL.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareInput, reportSchema, verify, type Check, type Report } from "@/lib/verify";
import { AADSTS, explainAadsts } from "@/lib/verify/aadsts";
import { BC_RESOURCE_APP_ID, SECRET_VALUE_PATTERN, USER_IMPERSONATION_SCOPE } from "@/lib/verify/constants";
import { nextStepProgress } from "@/lib/progress/record";
import { FAKE, defaultRegistry, startFakeEntra, type FakeApp, type FakeEntra } from "../../dev/fake-entra";

const A = FAKE.apps;
const T = FAKE.tenants;
let fake: FakeEntra;

// Two scripted apps: errors that the checker's own validation never lets a real request produce.
const SCRIPTED_SCOPE = "aaaaaaaa-0101-4000-8000-000000000101";
const SCRIPTED_TENANT_ID = "aaaaaaaa-0102-4000-8000-000000000102";
const GRAPH_DOWN = "aaaaaaaa-0103-4000-8000-000000000103";
const SCRIPTED_CA = "aaaaaaaa-0111-4000-8000-000000000111";
const SCRIPTED_NO_SP = "aaaaaaaa-0112-4000-8000-000000000112";
const SCRIPTED_DENIED = "aaaaaaaa-0113-4000-8000-000000000113";
// AADSTS65001 (consent missing) as a warning with no token issued: it proves nothing about the secret.
const SCRIPTED_CONSENT = "aaaaaaaa-0114-4000-8000-000000000114";
// Registered in fabrikam, installed in contoso with Application.Read.All consented there: Graph answers 404 in contoso.
const READER_ELSEWHERE = "aaaaaaaa-0104-4000-8000-000000000104";
// Throttled: the token endpoint, or Graph's read of the registration, answers 429 with Retry-After: 120.
const TOKEN_THROTTLED = "aaaaaaaa-0105-4000-8000-000000000105";
const GRAPH_THROTTLED = "aaaaaaaa-0106-4000-8000-000000000106";
// Reads itself (Application.Read.All); registered as the guide says except Financials.ReadWrite.All is missing.
const NO_FINANCIALS = "aaaaaaaa-0107-4000-8000-000000000107";
const SCRIPTED_SECRET = "SCR9Q~fake-secret-for-tests-only-scri01";

beforeAll(async () => {
  const registry = defaultRegistry();
  // The misconfigured app holds Application.Read.All in this suite, so its registration can be read live.
  registry.apps.find((a) => a.appId === A.misconfigured.appId)!.graphAppRoles = ["Application.Read.All"];
  const template = registry.apps[0]!;
  const clone = (appId: string, extra: Partial<FakeApp>): FakeApp => ({
    ...template,
    appId,
    objectId: appId.replace(/^a/, "b"),
    installedIn: [],
    secrets: [{ ...template.secrets[0]!, value: SCRIPTED_SECRET, keyId: appId.replace(/^a/, "c") }],
    ...extra,
  });
  registry.apps.push(
    clone(SCRIPTED_SCOPE, {
      scriptedError: {
        status: 400,
        error: "invalid_scope",
        code: 1002012,
        message: "The provided value for scope https://api.businesscentral.dynamics.com is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
      },
    }),
    clone(SCRIPTED_CA, {
      scriptedError: { status: 400, error: "access_denied", code: 53003, message: "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance." },
    }),
    clone(SCRIPTED_NO_SP, {
      scriptedError: { status: 401, error: "invalid_client", code: 7000229, message: "The client application is missing service principal in the tenant." },
    }),
    clone(SCRIPTED_DENIED, {
      scriptedError: { status: 400, error: "access_denied", code: 53000, message: "Device is not in required device state." },
    }),
    clone(SCRIPTED_CONSENT, {
      scriptedError: { status: 400, error: "invalid_grant", code: 65001, message: "The user or administrator has not consented to use the application." },
    }),
    clone(SCRIPTED_TENANT_ID, {
      scriptedError: { status: 400, error: "invalid_request", code: 900023, message: "Specified tenant identifier 'x' is neither a valid DirectoryName nor a valid ObjectId." },
    }),
    clone(GRAPH_DOWN, { graphAccess: "unavailable", graphAppRoles: ["Application.Read.All"] }),
    clone(READER_ELSEWHERE, { homeTenantId: T.fabrikam.id, installedIn: [T.contoso.id], graphAppRolesByTenant: { [T.contoso.id]: ["Application.Read.All"] } }),
    clone(TOKEN_THROTTLED, {
      scriptedError: { status: 429, error: "temporarily_unavailable", code: 90055, message: "There are too many incoming requests. Retry after some time.", retryAfter: "120" },
    }),
    clone(GRAPH_THROTTLED, { graphAppRoles: ["Application.Read.All"] }),
    clone(NO_FINANCIALS, {
      graphAppRoles: ["Application.Read.All"],
      requiredResourceAccess: [{ resourceAppId: BC_RESOURCE_APP_ID, resourceAccess: [{ id: USER_IMPERSONATION_SCOPE.id, type: "Scope" }] }],
    }),
  );
  registry.tenants.find((t) => t.id === T.contoso.id)!.graphFaults = [
    { path: `applications(appId='${GRAPH_THROTTLED}')`, status: 429, code: "Request_ThrottledTemporarily", message: "Too many requests.", retryAfter: "120" },
  ];
  fake = await startFakeEntra({ registry, delayMs: 10_000 });
});
afterAll(async () => {
  await fake?.close();
});

async function live(input: Record<string, unknown>, timeoutMs = 4000, base?: { login?: string; graph?: string }): Promise<Report> {
  const p = prepareInput({ ...input, live: true });
  if (!p.ok) throw new Error(p.error.message);
  const r = await verify(p.input, {
    live: { loginBaseUrl: base?.login ?? fake.loginBaseUrl, graphBaseUrl: base?.graph ?? fake.graphBaseUrl, timeoutMs },
  });
  expect(reportSchema.safeParse(r).success).toBe(true);
  return r;
}
const get = (r: Report, id: string): Check => r.checks.find((c) => c.id === id)!;

describe("live.token: every AADSTS code of the facts table, through msal-node and the fake", () => {
  const rows: [string, string, string, string, number, "fail" | "warn" | "error", RegExp][] = [
    ["client ID not in the tenant (wrong tenant)", T.fabrikam.id, A.misconfigured.appId, A.misconfigured.secret, 700016, "fail", /found no app with the client ID .* in the tenant/],
    ["wrong secret", T.contoso.id, A.good.appId, "Bad1Q~fake-secret-for-tests-only-bad001", 7000215, "fail", /not a current secret of this app/],
    ["the Secret ID pasted", T.contoso.id, A.good.appId, A.good.secretId, 7000215, "fail", /what was sent is a Secret ID \(a GUID\), not the secret's Value/],
    ["expired secret", T.contoso.id, A.good.appId, A.good.expiredSecret, 7000222, "fail", /client secret has expired/],
    ["unknown tenant", T.unknown.id, A.good.appId, A.good.secret, 90002, "fail", /does not know the tenant/],
    ["unknown tenant by domain", T.unknown.domain, A.good.appId, A.good.secret, 90002, "fail", /does not know the tenant nobody-fake.onmicrosoft.com/],
    ["disabled app", T.contoso.id, A.disabled.appId, A.disabled.secret, 7000112, "fail", /application is disabled/],
    ["invalid scope (scripted)", T.contoso.id, SCRIPTED_SCOPE, SCRIPTED_SECRET, 1002012, "error", /problem on our side/],
    ["invalid tenant identifier (scripted)", T.contoso.id, SCRIPTED_TENANT_ID, SCRIPTED_SECRET, 900023, "fail", /neither a valid tenant ID nor a valid tenant domain/],
    ["blocked by Conditional Access (scripted): a verdict, not 'could not check'", T.contoso.id, SCRIPTED_CA, SCRIPTED_SECRET, 53003, "fail", /Conditional Access policy of the tenant applies to this app/],
    ["no enterprise application in the tenant (scripted)", T.contoso.id, SCRIPTED_NO_SP, SCRIPTED_SECRET, 7000229, "fail", /no enterprise application \(service principal\) for it in the tenant/],
    ["another access_denied code (scripted): still a refusal by the tenant", T.contoso.id, SCRIPTED_DENIED, SCRIPTED_SECRET, 53000, "fail", /refused the sign-in for this app \(access denied\)/],
  ];

  it.each(rows)("%s → AADSTS%i", async (_label, tenant, clientId, secret, code, status, meaning) => {
    const r = await live({ tenant, clientId, secret });
    const t = get(r, "live.token");
    expect(t.status).toBe(status);
    expect(t.detail).toMatch(meaning);
    expect(t.detail).toContain(`AADSTS${code}`);
    expect(t.detail).toMatch(/trace ID [0-9a-f-]{36}, correlation ID [0-9a-f-]{36}/);
    expect(t.fix).toBeTruthy();
    expect(get(r, "live.registration").status).toMatch(/skip|error/);
    // A refusal for the client ID or tenant never tried the secret: it links to where the Overview page's
    // IDs are, and tells progress nothing about the secret step; a refusal of the secret does.
    if ([700016, 90002, 900023].includes(code)) {
      expect(t.link?.href).toMatch(/#register-application$/);
      expect(t.byStep).toEqual({});
    } else {
      expect(t.byStep).toBeUndefined();
    }
  });

  it("the facts table's codes all have an explanation", () => {
    for (const code of [700016, 7000215, 7000222, 90002, 500011, 65001, 7000112, 1002012]) {
      expect(AADSTS[code], `AADSTS${code}`).toBeDefined();
      const ex = explainAadsts(code, undefined, { tenant: "t", clientId: "c", secretIsGuid: false });
      expect(ex.meaning.length).toBeGreaterThan(20);
      expect(ex.fix.length).toBeGreaterThan(10);
    }
    expect(explainAadsts(123456, "weird_error", { tenant: "t", clientId: "c", secretIsGuid: false }).status).toBe("error");
  });

  it("valid credentials, set up as the guide says: token pass; Graph refuses the self-read (403), so the registration is skip with the two ways to check it, and the summary is pass", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret });
    expect(get(r, "live.token")).toMatchObject({ status: "pass" });
    expect(get(r, "live.token").detail).toMatch(/does not prove admin consent/);
    const reg = get(r, "live.registration");
    expect(reg.status).toBe("skip");
    expect(reg.detail).toMatch(/^Microsoft Graph does not let an app read its own registration with its own credentials unless it holds a Graph application permission such as Application\.Read\.All.*\(Graph answered 403 Authorization_RequestDenied: this is normal, not a fault\)\./);
    expect(reg.detail).toMatch(/sign in with Microsoft below .*or paste the app's manifest/);
    expect(r.summary).toBe("pass");
  });

  it("an app that holds Graph's Application.Read.All reads itself: the registration read from Graph agrees with the rules", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: A.selfReader.appId, secret: A.selfReader.secret });
    expect(get(r, "live.token")).toMatchObject({ status: "pass" });
    const reg = get(r, "live.registration");
    expect(reg.status).toBe("pass");
    expect(reg.detail).toMatch(/Read from Microsoft Graph: app "Reads itself \(fake\)".*1 Web redirect URI, 2 permissions on Business Central, 1 client secret\. It agrees with every registration rule/);
    expect(r.summary).toBe("pass");
  });

  it("no admin consent (only delegated permissions, one user's own consent): client credentials still get a token, so live.token passes and says it does not prove consent", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: A.consent.appId, secret: A.consent.secret });
    const t = get(r, "live.token");
    expect(t.status).toBe("pass");
    expect(t.detail).toMatch(/does not prove admin consent/);
    expect(t.detail).not.toMatch(/AADSTS65001/);
  });

  it("a domain tenant works as well as the GUID", async () => {
    const r = await live({ tenant: T.contoso.domain.toUpperCase(), clientId: A.good.appId, secret: A.good.secret });
    expect(get(r, "live.token").status).toBe("pass");
  });

  it("no Business Central in the tenant (AADSTS500011): Graph still proves the credentials, so warn", async () => {
    const r = await live({ tenant: T.fabrikam.id, clientId: A.noBusinessCentral.appId, secret: A.noBusinessCentral.secret });
    const t = get(r, "live.token");
    expect(t.status).toBe("warn");
    expect(t.detail).toMatch(/tenant, client ID and secret are right .*Business Central is not set up in the tenant.*AADSTS500011/);
    expect(get(r, "live.registration").status).toBe("skip");
  });

  it("the registration as Microsoft has it is judged by the same rules", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: A.misconfigured.appId, secret: A.misconfigured.secret });
    expect(get(r, "live.token").status).toBe("pass");
    const reg = get(r, "live.registration");
    expect(reg.status).toBe("fail");
    expect(reg.detail).toMatch(/Supported account types \(fail\).*AzureADMyOrg/);
    expect(reg.detail).toMatch(/Web redirect URI \(fail\).*trailing slash/);
    expect(reg.detail).toMatch(/Delegated Financials.ReadWrite.All \(fail\).*API.ReadWrite.All/);
    // Microsoft documents the manifest as the way to change an existing app's account type.
    expect(reg.fix).toMatch(/Manifest page, set "signInAudience" to "AzureADandPersonalMicrosoftAccount"/);
  });

  it("each step is judged by its own facts in Microsoft's registration (byStep): a missing permission fails the permissions step, not the registration step", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: NO_FINANCIALS, secret: SCRIPTED_SECRET });
    expect(get(r, "live.token").status).toBe("pass");
    const reg = get(r, "live.registration");
    expect(reg.status).toBe("fail");
    expect(reg.detail).toMatch(/Delegated Financials.ReadWrite.All \(fail\)/);
    expect(reg.byStep).toEqual({ "register-application": "pass", "client-secret": "pass", "api-permissions": "fail" });
    const now = new Date();
    // Recorded from this one run: the registration step has no failure (its pasted facts were not given),
    // the permissions step fails on what Microsoft has.
    expect(nextStepProgress("register-application", undefined, r, now).status).toBe("in_progress");
    expect(nextStepProgress("api-permissions", undefined, r, now).status).toBe("failed");
    // The misconfigured app's registration is wrong on both steps' facts: both fail.
    const both = await live({ tenant: T.contoso.id, clientId: A.misconfigured.appId, secret: A.misconfigured.secret });
    expect(get(both, "live.registration").byStep).toMatchObject({ "register-application": "fail", "api-permissions": "fail" });
    // The registration read right: both steps confirmed by it.
    const good = await live({ tenant: T.contoso.id, clientId: A.selfReader.appId, secret: A.selfReader.secret });
    expect(get(good, "live.registration").byStep).toEqual({ "register-application": "pass", "client-secret": "pass", "api-permissions": "pass" });
  });

  it("says when the pasted manifest differs from Microsoft's registration", async () => {
    const pasted = readFileSync("tests/fixtures/manifests/graph-correct.json", "utf8").replace("3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", A.misconfigured.appId);
    const r = await live({ tenant: T.contoso.id, clientId: A.misconfigured.appId, secret: A.misconfigured.secret, manifest: pasted });
    expect(get(r, "redirect-uri").status).toBe("pass"); // the pasted manifest is right…
    expect(get(r, "live.registration").detail).toMatch(/The manifest you pasted differs from it \(account type .*the redirect URIs.*the Business Central permissions/); // …Microsoft's is not
  });

  it("a multi-tenant app signed in where it is installed, without a Graph permission: Graph answers 403 before looking it up, skip", async () => {
    const r = await live({ tenant: T.fabrikam.id, clientId: A.good.appId, secret: A.good.secret });
    expect(get(r, "live.token").status).toBe("warn"); // no Business Central in fabrikam: a Graph token proves the credentials
    expect(get(r, "live.registration")).toMatchObject({ status: "skip" });
    expect(get(r, "live.registration").detail).toMatch(/Graph answered 403 Authorization_RequestDenied/);
  });

  it("with Application.Read.All where it is installed, Graph answers 404 (registered in its home tenant): not a fault, no 'switch tenants'", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: READER_ELSEWHERE, secret: SCRIPTED_SECRET });
    expect(get(r, "live.token").status).toBe("pass");
    const reg = get(r, "live.registration");
    expect(reg.status).toBe("skip");
    expect(reg.detail).toMatch(/registration lives only in the app's home tenant/);
    expect(reg.detail).toMatch(new RegExp(`if your Business Central is in ${T.contoso.id}, these are the right credentials`));
    expect(`${reg.detail} ${reg.fix ?? ""}`).not.toMatch(/Use the Directory \(tenant\) ID/);
    expect(r.summary).not.toMatch(/error|fail|warn/);
  });

  it("Graph refuses (403) even with a permission: skip with the ways to check, never error", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: A.graphDenied.appId, secret: A.graphDenied.secret });
    expect(get(r, "live.token").status).toBe("pass");
    expect(get(r, "live.registration")).toMatchObject({ status: "skip" });
    expect(get(r, "live.registration").detail).toMatch(/403 Authorization_RequestDenied/);
    expect(r.summary).not.toMatch(/error|fail/);
  });

  it("uses the manifest's publisher domain when no tenant is given", async () => {
    const manifest = { appId: A.good.appId, publisherDomain: T.contoso.domain, signInAudience: "AzureADandPersonalMicrosoftAccount" };
    const r = await live({ manifest, secret: A.good.secret });
    expect(get(r, "live.token").status).toBe("pass");
    expect(get(r, "live.token").detail).toMatch(/publisher domain/);
  });
});

describe("Microsoft unreachable is 'could not check' (error), never 'fail'", () => {
  it("a timeout within the time budget", async () => {
    const r = await live({ tenant: T.slow.id, clientId: A.good.appId, secret: A.good.secret }, 400);
    const t = get(r, "live.token");
    expect(t.status).toBe("error");
    expect(t.detail).toMatch(/did not answer within 0\.4 s.*says nothing about your setup/);
    expect(get(r, "live.registration").status).toBe("skip");
    expect(r.summary).not.toBe("fail");
  });

  it("a 503 from the token endpoint (no Retry-After): try again in a minute", async () => {
    const r = await live({ tenant: T.down.id, clientId: A.good.appId, secret: A.good.secret });
    expect(get(r, "live.token")).toMatchObject({ status: "error", fix: "Try again in a minute." });
    expect(get(r, "live.token").detail).toMatch(/server error \(503\)/);
  });

  it("a 429 with Retry-After from the token endpoint or from Graph: says when to try again", async () => {
    const token = get(await live({ tenant: T.contoso.id, clientId: TOKEN_THROTTLED, secret: SCRIPTED_SECRET }), "live.token");
    expect(token).toMatchObject({ status: "error", fix: "Try again in 2 minutes." });
    expect(token.detail).toMatch(/slow down \(429\).*says nothing about your setup/);
    const r = await live({ tenant: T.contoso.id, clientId: GRAPH_THROTTLED, secret: SCRIPTED_SECRET });
    expect(get(r, "live.token").status).toBe("pass");
    expect(get(r, "live.registration")).toMatchObject({ status: "error", fix: "Try again in 2 minutes." });
  });

  it("the whole fake answering 503 (server-wide behaviour), then recovering", async () => {
    fake.setBehaviour("unavailable");
    try {
      const r = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret });
      expect(get(r, "live.token").status).toBe("error");
    } finally {
      fake.setBehaviour("normal");
    }
    const again = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret });
    expect(get(again, "live.token").status).toBe("pass");
  });

  it("a 503 from Graph after a good sign-in", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: GRAPH_DOWN, secret: SCRIPTED_SECRET });
    expect(get(r, "live.token").status).toBe("pass");
    expect(get(r, "live.registration")).toMatchObject({ status: "error" });
    expect(get(r, "live.registration").detail).toMatch(/503/);
    expect(get(r, "live.registration").fix).toBe("Try again in 10 seconds."); // the fake's Retry-After: 10
  });

  it("a DNS failure and a refused connection", async () => {
    const dns = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret }, 4000, { login: "http://no-such-host.invalid" });
    expect(get(dns, "live.token").status).toBe("error");
    expect(get(dns, "live.token").detail).toMatch(/could not be resolved|connection to Microsoft failed/);
    const refused = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret }, 4000, { login: "http://127.0.0.1:9" });
    expect(get(refused, "live.token")).toMatchObject({ status: "error" });
  });
});

describe("the seam: requests go only where the production code sends them", () => {
  it("token requests to /<tenant>/oauth2/v2.0/token and Graph's applications(appId='…'), nothing else", async () => {
    const before = fake.requests.length;
    await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret });
    const seen = fake.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(seen).toEqual([
      `POST /${T.contoso.id}/oauth2/v2.0/token 200`,
      `POST /${T.contoso.id}/oauth2/v2.0/token 200`,
      `GET /v1.0/applications(appId='${A.good.appId}') 403`,
    ]);
  });

  it("an invalid tenant or client ID never leaves the machine", async () => {
    const before = fake.requests.length;
    for (const tenant of ["contoso.com/../../v1.0", "evil.example:443", "common", "a b"]) {
      const r = await live({ tenant, clientId: A.good.appId, secret: A.good.secret });
      expect(get(r, "live.token").status).toBe("skip");
    }
    const r = await live({ tenant: T.contoso.id, clientId: "aaaaaaaa')/x", secret: A.good.secret });
    expect(get(r, "live.token").status).toBe("skip");
    expect(fake.requests.length).toBe(before);
  });
});

describe("the fake answers like the real services", () => {
  it("token errors: status, error, error_description with trace/correlation/timestamp, error_codes", async () => {
    const res = await fetch(`${fake.url}/${T.contoso.id}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "client-request-id": "0a1b2c3d-0000-4000-8000-000000000001" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: A.good.appId, client_secret: A.good.secretId, scope: "https://api.businesscentral.dynamics.com/.default" }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000215], correlation_id: "0a1b2c3d-0000-4000-8000-000000000001" });
    expect(body.error_description).toMatch(
      /^AADSTS7000215: Invalid client secret provided\. .* Trace ID: [0-9a-f-]{36} Correlation ID: 0a1b2c3d-0000-4000-8000-000000000001 Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
    );
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it("discovery: openid-configuration and instance discovery shapes; unknown tenant AADSTS90002", async () => {
    const oidc = (await (await fetch(`${fake.url}/${T.contoso.domain}/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(oidc).toMatchObject({
      token_endpoint: `https://login.microsoftonline.com/${T.contoso.id}/oauth2/v2.0/token`,
      issuer: `https://login.microsoftonline.com/${T.contoso.id}/v2.0`,
      authorization_endpoint: `https://login.microsoftonline.com/${T.contoso.id}/oauth2/v2.0/authorize`,
    });
    const inst = (await (await fetch(`${fake.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=x`)).json()) as Record<string, unknown>;
    expect(inst).toMatchObject({ "api-version": "1.1", tenant_discovery_endpoint: expect.stringContaining("openid-configuration") });
    const unknown = await fetch(`${fake.url}/${T.unknown.id}/v2.0/.well-known/openid-configuration`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
  });

  it("Graph: 401 without a token, 404/403 shapes, $select honoured", async () => {
    const path = `${fake.url}/v1.0/applications(appId='${A.good.appId}')`;
    const noToken = await fetch(path);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
    const tokenRes = await fetch(`${fake.url}/${T.contoso.id}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: A.good.appId, client_secret: A.good.secret, scope: "https://graph.microsoft.com/.default" }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    // Microsoft's default: no Graph application permission, no self-read.
    const self = await fetch(`${path}?$select=appId,web`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(self.status).toBe(403);
    expect(await self.json()).toMatchObject({ error: { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", innerError: { "request-id": expect.any(String) } } });
    const readerToken = (await (await fetch(`${fake.url}/${T.contoso.id}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: A.selfReader.appId, client_secret: A.selfReader.secret, scope: "https://graph.microsoft.com/.default" }),
    })).json()) as { access_token: string };
    const app = (await (await fetch(`${fake.url}/v1.0/applications(appId='${A.selfReader.appId}')?$select=appId,web`, { headers: { authorization: `Bearer ${readerToken.access_token}` } })).json()) as Record<string, unknown>;
    expect(Object.keys(app).sort()).toEqual(["@odata.context", "appId", "web"]);
    const other = await fetch(`${fake.url}/v1.0/applications(appId='${A.misconfigured.appId}')`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: "Authorization_RequestDenied", innerError: { "request-id": expect.any(String) } } });
    // Authorization comes before the lookup: an app of another tenant, or none at all, is also 403 (not 404).
    for (const appId of [A.noBusinessCentral.appId, "aaaaaaaa-0999-4000-8000-000000000999"]) {
      const elsewhere = await fetch(`${fake.url}/v1.0/applications(appId='${appId}')`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(elsewhere.status).toBe(403);
    }
    // With the permission, an app registered in another tenant is 404.
    const missing = await fetch(`${fake.url}/v1.0/applications(appId='${A.noBusinessCentral.appId}')`, { headers: { authorization: `Bearer ${readerToken.access_token}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "Request_ResourceNotFound" } });
  });

  it("its secrets are obviously fake but shaped like real values", () => {
    for (const app of Object.values(A)) expect(app.secret).toMatch(SECRET_VALUE_PATTERN);
    expect(A.good.expiredSecret).toMatch(SECRET_VALUE_PATTERN);
    for (const app of Object.values(A)) expect(app.secret).toContain("fake-secret-for-tests-only");
  });
});

describe("secret.match: a live sign-in outranks the pasted manifest's hints", () => {
  // The manifest copied before the secret was made: its only secret starts "Old".
  const stale = (appId: string) =>
    readFileSync("tests/fixtures/manifests/graph-correct.json", "utf8")
      .replace("3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93", appId)
      .replace(/"hint":\s*"[^"]*"/, '"hint": "Old"');

  it("Microsoft accepts the secret for the manifest's app: the manifest is older than the secret (warn)", async () => {
    const r = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, manifest: stale(A.good.appId) });
    expect(get(r, "live.token").status).toBe("pass");
    const m = get(r, "secret.match");
    expect(m.status).toBe("warn");
    expect(m.detail).toMatch(/Microsoft accepted that value for this app .* the manifest is older than the secret/);
    expect(m.fix).toMatch(/Copy the manifest again/);
  });

  it("the old manifest's only secret has expired: Microsoft accepting the new one makes secret.expiry a warning, not a failure", async () => {
    const expired = stale(A.good.appId).replace("2099-03-14T09:24:10.512Z", "2025-09-14T09:24:10.512Z");
    const r = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, manifest: expired });
    expect(get(r, "live.token").status).toBe("pass");
    const e = get(r, "secret.expiry");
    expect(e.status).toBe("warn");
    expect(e.detail).toMatch(/Microsoft accepted the value you gave for this app just now: the manifest is older than that secret/);
    expect(e.fix).toMatch(/Copy the manifest again/);
    // Offline the same paste still fails: nothing says the value is newer than the manifest.
    const offline = prepareInput({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, manifest: expired });
    if (!offline.ok) throw new Error(offline.error.message);
    expect(get(await verify(offline.input), "secret.expiry").status).toBe("fail");
  });

  it("a warning without a token (AADSTS65001) proves nothing about the secret: the old manifest's verdicts stand", async () => {
    const m = stale(SCRIPTED_CONSENT).replace("2099-03-14T09:24:10.512Z", "2025-09-14T09:24:10.512Z");
    const r = await live({ tenant: T.contoso.id, clientId: SCRIPTED_CONSENT, secret: SCRIPTED_SECRET, manifest: m });
    expect(get(r, "live.token").status).toBe("warn");
    expect(get(r, "secret.match").status).toBe("fail");
    expect(get(r, "secret.expiry").status).toBe("fail");
  });

  it("offline, or signed in as another app, it stays a failure", async () => {
    const offline = prepareInput({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, manifest: stale(A.good.appId) });
    if (!offline.ok) throw new Error(offline.error.message);
    expect(get(await verify(offline.input), "secret.match").status).toBe("fail");
    // The manifest is another app's: the sign-in says nothing about its secrets (client-id.match fails).
    const r = await live({ tenant: T.contoso.id, clientId: A.good.appId, secret: A.good.secret, manifest: stale(A.misconfigured.appId) });
    expect(get(r, "live.token").status).toBe("pass");
    expect(get(r, "secret.match").status).toBe("fail");
    expect(get(r, "client-id.match").status).toBe("fail");
  });
});
