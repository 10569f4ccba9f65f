// The delegated Graph reads of "Sign in with Microsoft to check" (lib/verify/delegated.ts) against the
// fake: a real delegated token from the fake's authorize page and token endpoint, then
// runDelegatedChecks with the fake as its Graph base URL. Graph's paging, and every answer that is
// "could not check" rather than a verdict on the customer's setup.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_GRANT_PAGES, runDelegatedChecks, type DelegatedOutcome } from "@/lib/verify/delegated";
import type { Check } from "@/lib/verify/report";
import { CHECKER_GRAPH_SCOPES, FAKE, defaultRegistry, servicePrincipalId, startFakeEntra, type FakeApp, type FakeEntra, type FakeGrant, type FakeTenant } from "../../dev/fake-entra";

const A = FAKE.apps;
const T = FAKE.tenants;
const U = FAKE.users;
const BC_APP = "996def3d-b36c-4153-8607-a6fd3c01b89f";
const CALLBACK = "http://localhost:3000/auth/microsoft/callback";
// Apps of this suite, all registered in contoso like "good".
const MANY = "aaaaaaaa-0201-4000-8000-000000000201"; // 150 per-user grants, the admin grant last
const CASED = "aaaaaaaa-0202-4000-8000-000000000202"; // admin grant with other letter case and a tab
const HUGE = "aaaaaaaa-0203-4000-8000-000000000203"; // more pages than the checker reads
const FAULTY = "aaaaaaaa-0204-4000-8000-000000000204"; // Graph scripted to misbehave on its reads
const NOWHERE = "aaaaaaaa-0299-4000-8000-000000000299"; // in no tenant at all
let fake: FakeEntra;
let contoso: FakeTenant;
let adminToken: string;

const perUser = (clientAppId: string, n: number): FakeGrant[] =>
  Array.from({ length: n }, (_, i) => ({
    clientAppId,
    resourceAppId: BC_APP,
    consentType: "Principal",
    principalId: `dddddddd-9${String(i).padStart(3, "0")}-4000-8000-000000000000`,
    scope: "Financials.ReadWrite.All user_impersonation",
  }));
const allPrincipals = (clientAppId: string, scope = "Financials.ReadWrite.All user_impersonation"): FakeGrant => ({ clientAppId, resourceAppId: BC_APP, consentType: "AllPrincipals", scope });

beforeAll(async () => {
  const registry = defaultRegistry();
  const template = registry.apps[0]!;
  const clone = (appId: string): FakeApp => ({ ...template, appId, objectId: appId.replace(/^a/, "b"), installedIn: [], secrets: [] });
  registry.apps.push(clone(MANY), clone(CASED), clone(HUGE), clone(FAULTY));
  contoso = registry.tenants.find((t) => t.id === T.contoso.id)!;
  contoso.grants!.push(
    ...perUser(MANY, 150),
    allPrincipals(MANY),
    allPrincipals(CASED, "financials.readwrite.all\tUser_Impersonation"),
    ...perUser(HUGE, MAX_GRANT_PAGES * 100),
    allPrincipals(HUGE),
    allPrincipals(FAULTY),
  );
  fake = await startFakeEntra({ registry });
  adminToken = await signIn(U.contosoAdmin.upn);
});
afterAll(async () => {
  await fake?.close();
});

/** The browser's and the server's part of a delegated sign-in, straight against the fake: a Graph token. */
async function signIn(upn: string): Promise<string> {
  const verifier = randomBytes(32).toString("base64url");
  const params = new URLSearchParams({
    client_id: A.checker.appId,
    redirect_uri: CALLBACK,
    response_type: "code",
    scope: `openid ${CHECKER_GRAPH_SCOPES.split(" ").filter((x) => x.includes(".")).map((x) => `https://graph.microsoft.com/${x}`).join(" ")}`,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state: "s",
    account: upn,
  });
  const back = await fetch(`${fake.url}/organizations/oauth2/v2.0/authorize`, { method: "POST", body: params, redirect: "manual" });
  const code = new URL(back.headers.get("location")!).searchParams.get("code");
  expect(code).toBeTruthy();
  const token = await fetch(`${fake.url}/organizations/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: A.checker.appId, client_secret: A.checker.secret, code: code!, redirect_uri: CALLBACK, code_verifier: verifier }),
  });
  expect(token.status).toBe(200);
  return ((await token.json()) as { access_token: string }).access_token;
}

const check = (clientId: string, token = adminToken, graphBaseUrl = fake.graphBaseUrl): Promise<DelegatedOutcome> =>
  runDelegatedChecks(token, { clientId, tenantId: T.contoso.id, signedInAs: U.contosoAdmin.upn }, { graphBaseUrl, deadline: Date.now() + 4000, timeoutMs: 4000 });
const consentOf = (o: DelegatedOutcome): Check => {
  if (!o.ok) throw new Error(`not ok: ${o.reason} ${o.detail}`);
  return o.checks.find((c) => c.id === "consent.admin")!;
};
const grantsPath = (appId: string) => `servicePrincipals/${servicePrincipalId(appId, T.contoso.id)}/oauth2PermissionGrants`;

describe("consent grants, paged like Graph", () => {
  it("the fake pages them: 100 by default, $top honoured up to 999, @odata.nextLink with a $skiptoken", async () => {
    const url = `${fake.graphBaseUrl}/v1.0/${grantsPath(MANY)}`;
    const headers = { authorization: `Bearer ${adminToken}` };
    const first = (await (await fetch(url, { headers })).json()) as { value: unknown[]; "@odata.nextLink"?: string };
    expect(first.value).toHaveLength(100);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${fake.graphBaseUrl.replace(/[.]/g, "\\.")}/v1\\.0/servicePrincipals/[0-9a-f-]{36}/oauth2PermissionGrants\\?\\$skiptoken=[A-Za-z0-9_-]+$`));
    const second = (await (await fetch(first["@odata.nextLink"]!, { headers })).json()) as { value: { consentType: string }[]; "@odata.nextLink"?: string };
    expect(second.value).toHaveLength(51);
    expect(second.value.at(-1)!.consentType).toBe("AllPrincipals");
    expect(second["@odata.nextLink"]).toBeUndefined();
    const top = (await (await fetch(`${url}?$top=999`, { headers })).json()) as { value: unknown[]; "@odata.nextLink"?: string };
    expect(top.value).toHaveLength(151);
    expect((await fetch(`${url}?$top=1000`, { headers })).status).toBe(400);
  });

  it("more than 100 per-user grants with the admin grant last: every page is read, consent.admin passes", async () => {
    const before = fake.requests.length;
    const out = await check(MANY);
    expect(consentOf(out)).toMatchObject({ status: "pass" });
    expect(consentOf(out).detail).toMatch(/AllPrincipals.*covers Financials\.ReadWrite\.All and user_impersonation/);
    expect(out.requests).toBe(5); // 3 reads, then 2 pages of grants
    expect(fake.requests.slice(before).filter((r) => r.path.endsWith("/oauth2PermissionGrants"))).toHaveLength(2);
  });

  it("scope names are compared without regard to letter case, split on any whitespace", async () => {
    expect(consentOf(await check(CASED))).toMatchObject({ status: "pass" });
  });

  it(`at most ${MAX_GRANT_PAGES} pages: past them without the admin grant is 'could not check', never 'missing'`, async () => {
    const out = await check(HUGE);
    expect(out).toMatchObject({ ok: false, reason: "bad-response", requests: 3 + MAX_GRANT_PAGES });
  });

  it("a page without a list of grants is 'could not check', never 'admin consent missing'", async () => {
    contoso.graphFaults = [{ path: grantsPath(FAULTY), status: 200, code: "", message: "", body: { "@odata.context": "x", value: null }, times: 1 }];
    expect(await check(FAULTY)).toMatchObject({ ok: false, reason: "bad-response" });
  });

  it("a next-page link outside the Graph we called is not followed", async () => {
    const before = fake.requests.length;
    contoso.graphFaults = [{ path: grantsPath(FAULTY), status: 200, code: "", message: "", body: { value: [], "@odata.nextLink": `http://127.0.0.1:9/v1.0/${grantsPath(FAULTY)}?$skiptoken=x` }, times: 1 }];
    const out = await check(FAULTY);
    expect(out).toMatchObject({ ok: false, reason: "bad-response", requests: 4 });
    expect(fake.requests.length - before).toBe(4);
  });
});

describe("only a 404 means 'does not exist'; any other answer is 'could not check'", () => {
  it.each([
    ["a 400 on the app's service principal", `servicePrincipals(appId='${FAULTY}')`, 400, "Request_BadRequest", "bad-response"],
    ["a 400 on Business Central's service principal", `servicePrincipals(appId='${BC_APP}')`, 400, "Request_BadRequest", "bad-response"],
    ["a 400 on the application", `applications(appId='${FAULTY}')`, 400, "Request_BadRequest", "bad-response"],
    ["a 500 on Business Central's service principal", `servicePrincipals(appId='${BC_APP}')`, 500, "generalException", "unreachable"],
    ["a 429 on the grants", grantsPath(FAULTY), 429, "Request_ThrottledTemporarily", "unreachable"],
  ])("%s → %s", async (_label, path, status, code, reason) => {
    contoso.graphFaults = [{ path, status, code, message: "Scripted by the test.", times: 1 }];
    const out = await check(FAULTY);
    expect(out).toMatchObject({ ok: false, reason });
    expect(contoso.graphFaults[0]!.times).toBe(0);
    contoso.graphFaults = [];
    expect(consentOf(await check(FAULTY)).status).toBe("pass");
  });

  it("a 403 on the grants only (the account may read applications, not the consent grants): the registration read stands, consent.admin is 'could not check'", async () => {
    contoso.graphFaults = [{ path: grantsPath(FAULTY), status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.", times: 1 }];
    const out = await check(FAULTY);
    contoso.graphFaults = [];
    if (!out.ok) throw new Error(`not ok: ${out.reason}`);
    // The registration's own verdicts are kept (this clone has no secrets, so its verdict is a fail).
    expect(out.checks.find((c) => c.id === "live.registration")?.status).toMatch(/^(pass|warn|fail)$/);
    expect(out.checks.find((c) => c.id === "redirect-uri")?.status).toBe("pass");
    const c = consentOf(out);
    expect(c.status).toBe("error");
    expect(c.detail).toMatch(/Could not check admin consent: Microsoft Graph would not show the consent grants .* \(Microsoft Graph answered 403 Authorization_RequestDenied\)\. The registration above was read\./);
    expect(c.link?.href).toMatch(/adminconsent\?client_id=/);
  });

  it("a 429 with Retry-After says when to try again", async () => {
    contoso.graphFaults = [{ path: grantsPath(FAULTY), status: 429, code: "Request_ThrottledTemporarily", message: "Scripted.", retryAfter: "120", times: 1 }];
    const out = await check(FAULTY);
    expect(out).toMatchObject({ ok: false, reason: "unreachable" });
    if (!out.ok) expect(out.detail).toMatch(/slow down \(429\)\. Try again in 2 minutes\./);
  });

  it("a 401 is the sign-in's token, not a missing directory role", async () => {
    const out = await check(FAULTY, "eyJ0eXAiOiJKV1QifQ.e30.not-a-token-the-fake-issued");
    expect(out).toMatchObject({ ok: false, reason: "token-rejected" });
    if (!out.ok) expect(out.detail).toMatch(/401 InvalidAuthenticationToken: the sign-in has expired or was not accepted\. Sign in again\./);
  });

  it("a member without a directory role: 403 is still 'forbidden'", async () => {
    expect(await check(FAULTY, await signIn(U.contosoUser.upn))).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("secret.expiry read without a secret judges the app's latest secret, so it tells the secret step nothing (byStep {}) unless every secret has expired", async () => {
    const out = await check(A.good.appId);
    if (!out.ok) throw new Error(out.detail);
    const e = out.checks.find((c) => c.id === "secret.expiry")!;
    expect(e.status).toBe("pass");
    expect(e.byStep).toEqual({});
  });

  it("neither the application nor its service principal (both 404): consent.admin is still reported, a skip with the consent link", async () => {
    const out = await check(NOWHERE);
    if (!out.ok) throw new Error(out.detail);
    expect(out.checks.find((c) => c.id === "live.registration")).toMatchObject({ status: "warn" });
    const c = consentOf(out);
    expect(c.status).toBe("skip");
    expect(c.detail).toMatch(new RegExp(`The app ${NOWHERE} was not found in the tenant ${T.contoso.id}`));
    expect(c.link?.href).toBe(`https://login.microsoftonline.com/${T.contoso.id}/adminconsent?client_id=${NOWHERE}&redirect_uri=${encodeURIComponent("https://dynamics365businesscentral.codat.io/oauth/callback")}`);
  });
});
