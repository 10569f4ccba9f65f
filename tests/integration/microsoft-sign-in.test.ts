// "Sign in with Microsoft to check" end to end on the server: the route handlers (lib/signin/http.ts)
// → msal-node's authorization-code flow with PKCE → the fake's authorize page and token endpoint →
// the delegated Graph reads → one recorded run. Every way it goes wrong, and no token kept anywhere.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config";
import { reportSchema, type Report } from "@/lib/verify";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const A = FAKE.apps;
const U = FAKE.users;
const SITE = "http://127.0.0.1:3999";
const GUIDE = "/guides/dynamics365-business-central/setup";
let fake: FakeEntra;
let db: TestDatabase;
let http: typeof import("@/lib/signin/http");
const logs: string[] = [];

beforeAll(async () => {
  fake = await startFakeEntra({ checkerRedirectUris: [`${SITE}/auth/microsoft/callback`] });
  Object.assign(process.env, {
    SITE_URL: SITE,
    ENTRA_LOGIN_BASE_URL: fake.loginBaseUrl,
    GRAPH_BASE_URL: fake.graphBaseUrl,
    CHECKER_CLIENT_ID: A.checker.appId,
    CHECKER_CLIENT_SECRET: A.checker.secret,
    LIVE_CHECK_TIMEOUT_MS: "4000",
  });
  db = await createTestDatabase({ label: "signin" });
  http = await import("@/lib/signin/http");
  for (const m of ["log", "error", "warn", "info"] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(" ")));
  // The app's structured log (lib/log.ts), every level, into the same list.
  const { createLogger, setLoggerForTests } = await import("@/lib/log");
  setLoggerForTests(createLogger({ write: (l: string) => void logs.push(l) }, { level: "trace" }));
});
afterAll(async () => {
  (await import("@/lib/log")).setLoggerForTests(null);
  vi.restoreAllMocks();
  await db?.drop();
  await fake?.close();
});

const cookieJar = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [kv] = c.split(";");
    const [k, ...v] = kv!.split("=");
    if (v.join("=") === "") jar.delete(k!);
    else jar.set(k!, v.join("="));
  }
};
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

interface Dance {
  final: URL;
  callbackUrl?: string;
  code?: string;
  jar: Map<string, string>;
  ms: number;
}

/** The browser's part: start → Microsoft's page → pick an account (or cancel) → callback → back on the guide. */
async function dance(account: string | "cancel", clientId: string, opts: { jar?: Map<string, string>; tamper?: (u: URL) => void; beforeCallback?: () => void | Promise<unknown> } = {}): Promise<Dance> {
  const jar = opts.jar ?? new Map<string, string>();
  const t0 = performance.now();
  const form = new FormData();
  form.set("clientId", clientId);
  form.set("returnTo", GUIDE);
  const start = await http.handleStart(new Request(`${SITE}/auth/microsoft/start`, { method: "POST", body: form, headers: { cookie: cookieHeader(jar), origin: SITE, host: "127.0.0.1:3999" } }));
  expect(start.status).toBe(303);
  cookieJar(start, jar);
  const authorize = new URL(start.headers.get("location")!);
  expect(authorize.origin).toBe(fake.url);
  expect(authorize.searchParams.get("prompt")).toBe("select_account");
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("nonce")).toBeTruthy();
  const page = await fetch(authorize);
  expect(await page.text()).toContain("Pick an account");
  const picked = new URLSearchParams(authorize.searchParams);
  if (account === "cancel") picked.set("choice", "cancel");
  else picked.set("account", account);
  const toCallback = await fetch(`${authorize.origin}${authorize.pathname}`, { method: "POST", body: picked, redirect: "manual" });
  expect(toCallback.status).toBe(302);
  const callback = new URL(toCallback.headers.get("location")!);
  opts.tamper?.(callback);
  await opts.beforeCallback?.();
  const back = await http.handleCallback(new Request(callback.href, { headers: { cookie: cookieHeader(jar) } }));
  expect(back.status).toBe(303);
  cookieJar(back, jar);
  return { final: new URL(back.headers.get("location")!, SITE), callbackUrl: callback.href, code: callback.searchParams.get("code") ?? undefined, jar, ms: performance.now() - t0 };
}

async function runReport(d: Dance): Promise<Report> {
  const id = d.final.searchParams.get("run");
  expect(id).toBeTruthy();
  const row = await db.prisma.verificationRun.findUnique({ where: { publicId: id! } });
  expect(row?.source).toBe("signed_in");
  const report = row!.report as unknown as Report;
  expect(reportSchema.safeParse(report).success).toBe(true);
  return report;
}
const get = (r: Report, id: string) => r.checks.find((c) => c.id === id)!;

describe("a correct setup, an admin signs in: green", () => {
  it("reads the registration and the admin consent, records a signed-in run, updates the steps", async () => {
    const before = fake.requests.length;
    const d = await dance(U.contosoAdmin.upn, A.good.appId);
    expect(d.final.pathname).toBe(GUIDE);
    expect(d.final.searchParams.get("signin")).toBe("ok");
    const r = await runReport(d);
    expect(r.summary).toBe("pass");
    expect(get(r, "live.registration").status).toBe("pass");
    expect(get(r, "client-id.format").detail).toMatch(/as Microsoft has it, read by an administrator/);
    expect(get(r, "redirect-uri").status).toBe("pass");
    expect(get(r, "sign-in-audience").status).toBe("pass");
    expect(get(r, "permissions.financials").status).toBe("pass");
    expect(get(r, "consent.admin")).toMatchObject({ status: "pass" });
    expect(get(r, "consent.admin").detail).toMatch(/AllPrincipals.*Financials\.ReadWrite\.All and user_impersonation/);
    const steps = await db.prisma.stepProgress.findMany({ where: { setup: { publicId: d.jar.get("bc_setup")! } } });
    const status = Object.fromEntries(steps.map((s) => [s.stepId, s.status]));
    expect(status["register-application"]).toBe("verified");
    expect(status["api-permissions"]).toBe("verified");
    // Requests to Microsoft for one check: the authorize page (2, the browser's), then 1 token + 4 Graph reads; no discovery.
    const seen = fake.requests.slice(before).map((x) => `${x.method} ${x.path.replace(/'[^']*'/, "'…'")}`);
    expect(seen.filter((x) => x.includes("openid-configuration") || x.includes("discovery"))).toEqual([]);
    expect(seen.filter((x) => !x.includes("/authorize"))).toHaveLength(5);
    console.info(`measured: sign-in check ${d.ms.toFixed(0)} ms for the whole dance, ${seen.length} requests to the fake (${seen.filter((x) => !x.includes("/authorize")).length} by the server)`);
  });

  it("never stores or logs the signed-in user's tokens or the code", async () => {
    const d = await dance(U.contosoAdmin.upn, A.good.appId);
    expect(d.final.searchParams.get("signin")).toBe("ok");
    const tables = await db.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    const dump: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await db.pool.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
      dump.push(...rows.rows.map((x) => x.j));
    }
    const all = dump.join("\n");
    expect(all).not.toContain(d.code!);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT (access or id token)
    expect(all).not.toContain(A.checker.secret);
    expect(await db.prisma.microsoftSignIn.count()).toBe(0); // state rows are gone once used
    const log = logs.join("\n");
    expect(log).not.toContain(d.code!);
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(log).not.toContain(U.contosoAdmin.upn);
    expect(log).toMatch(/microsoft sign-in: pass in \d+ ms, 5 requests to Microsoft/);
    // Only the setup cookie (and its script-readable marker, "1") remains in the browser: the state
    // cookie is cleared, no token cookie.
    expect([...d.jar.keys()]).toEqual(["bc_setup", "bc_has_setup"]);
    expect(d.jar.get("bc_has_setup")).toBe("1");
  });
});

describe("what Graph really returns", () => {
  it("more than 100 per-user consents with the admin consent last: Graph pages them, every page is read, consent.admin passes", async () => {
    const appId = "aaaaaaaa-0301-4000-8000-000000000301";
    const good = fake.registry.apps.find((a) => a.appId === A.good.appId)!;
    fake.registry.apps.push({ ...good, appId, objectId: "bbbbbbbb-0301-4000-8000-000000000301", installedIn: [], secrets: [] });
    const contoso = fake.registry.tenants.find((t) => t.id === FAKE.tenants.contoso.id)!;
    const bc = "996def3d-b36c-4153-8607-a6fd3c01b89f";
    for (let i = 0; i < 120; i++) {
      contoso.grants!.push({ clientAppId: appId, resourceAppId: bc, consentType: "Principal", principalId: `dddddddd-8${String(i).padStart(3, "0")}-4000-8000-000000000000`, scope: "Financials.ReadWrite.All user_impersonation" });
    }
    contoso.grants!.push({ clientAppId: appId, resourceAppId: bc, consentType: "AllPrincipals", scope: "Financials.ReadWrite.All User_Impersonation" });
    const before = fake.requests.length;
    const r = await runReport(await dance(U.contosoAdmin.upn, appId));
    expect(get(r, "consent.admin")).toMatchObject({ status: "pass" });
    expect(fake.requests.slice(before).filter((x) => x.path.endsWith("/oauth2PermissionGrants")).map((x) => x.status)).toEqual([200, 200]);
  });

  it("a client ID of no app in the tenant (the application and its service principal both 404): consent.admin is still in the report", async () => {
    const appId = "aaaaaaaa-0399-4000-8000-000000000399";
    const r = await runReport(await dance(U.contosoAdmin.upn, appId));
    expect(get(r, "live.registration").detail).toMatch(/There is no app with the client ID/);
    // Nothing was read "as Microsoft has it": the client ID is only a well-formed GUID.
    expect(get(r, "client-id.format").detail).toBe(`The client ID ${appId} is a GUID, but Microsoft has no registration for it in this tenant (see the live registration check).`);
    const c = get(r, "consent.admin");
    expect(c.status).toBe("skip");
    expect(c.detail).toMatch(/was not found in the tenant 1111.*so there is no consent to check there/);
    expect(c.link?.href).toMatch(new RegExp(`/${FAKE.tenants.contoso.id}/adminconsent\\?client_id=${appId}`));
  });
});

describe("what goes wrong, with a clear message and no 500", () => {
  it("admin consent missing (only a per-user grant): consent.admin fails with the tenant's admin-consent link", async () => {
    const d = await dance(U.contosoAdmin.upn, A.consent.appId);
    const r = await runReport(d);
    const c = get(r, "consent.admin");
    expect(c.status).toBe("fail");
    expect(c.detail).toMatch(/no tenant-wide \(AllPrincipals\) grant.*one user has consented for themselves/);
    expect(c.link?.href).toBe(`https://login.microsoftonline.com/${FAKE.tenants.contoso.id}/adminconsent?client_id=${A.consent.appId}&redirect_uri=${encodeURIComponent("https://dynamics365businesscentral.codat.io/oauth/callback")}`);
    expect(get(r, "live.registration").status).toBe("pass");
    expect(c.fix).not.toMatch(/works only once/);
    expect(r.summary).toBe("fail");
  });

  it("consent granted before Financials.ReadWrite.All was added, and a wrong registration: both named", async () => {
    const r = await runReport(await dance(U.contosoAdmin.upn, A.misconfigured.appId));
    expect(get(r, "consent.admin").detail).toMatch(/does not cover Financials\.ReadWrite\.All/);
    expect(get(r, "redirect-uri").detail).toMatch(/trailing slash/);
    // The consent link's redirect_uri is not registered on this app (it has the trailing slash): said.
    expect(get(r, "consent.admin").fix).toMatch(/The link works only once https:\/\/dynamics365businesscentral\.codat\.io\/oauth\/callback is registered on the app exactly.*AADSTS50011/);
    expect(get(r, "sign-in-audience").status).toBe("fail");
  });

  it.each([
    ["the user cancels", "cancel", "cancelled"],
    ["a member without a directory role (Graph 403)", U.contosoUser.upn, "no-role"],
    ["a member who may not consent (AADSTS90094)", U.fabrikamUser.upn, "consent-not-allowed"],
    ["a personal Microsoft account (AADSTS50020)", U.personal.upn, "personal-account"],
  ])("%s → %s", async (_label, account, outcome) => {
    const d = await dance(account, A.good.appId);
    expect(d.final.pathname).toBe(GUIDE);
    expect(d.final.searchParams.get("signin")).toBe(outcome);
    expect(d.final.searchParams.get("run")).toBeNull();
  });

  it("an admin of another tenant than the app's: the registration can't be read there, said plainly", async () => {
    const d = await dance(U.fabrikamAdmin.upn, A.good.appId);
    const r = await runReport(d);
    expect(get(r, "live.registration")).toMatchObject({ status: "warn" });
    expect(get(r, "live.registration").detail).toMatch(/installed in the tenant 2222.*registered in another tenant \(11111111/);
    // Nothing of the registration was read: a warning to the customer, no evidence for either step.
    expect(get(r, "live.registration").byStep).toEqual({});
    const steps = await db.prisma.stepProgress.findMany({ where: { setup: { publicId: d.jar.get("bc_setup")! } } });
    const reg = steps.find((s) => s.stepId === "register-application");
    expect(reg?.trust ?? null).not.toBe("microsoft");
    expect(JSON.stringify(reg?.evidence ?? {})).not.toContain("live.registration");
  });

  it("a permission missing at Microsoft fails the permissions step and leaves a correct registration step verified", async () => {
    const appId = "aaaaaaaa-0302-4000-8000-000000000302";
    const good = fake.registry.apps.find((a) => a.appId === A.good.appId)!;
    const bc = "996def3d-b36c-4153-8607-a6fd3c01b89f";
    fake.registry.apps.push({
      ...good,
      appId,
      objectId: "bbbbbbbb-0302-4000-8000-000000000302",
      installedIn: [],
      secrets: [],
      requiredResourceAccess: [{ resourceAppId: bc, resourceAccess: [{ id: "bce0976a-cb0b-473b-8800-84eda9f8e447", type: "Scope" }] }],
    });
    const d = await dance(U.contosoAdmin.upn, appId);
    const r = await runReport(d);
    expect(get(r, "permissions.financials").status).toBe("fail");
    expect(get(r, "live.registration")).toMatchObject({ status: "fail", byStep: { "register-application": "pass", "api-permissions": "fail" } });
    const steps = await db.prisma.stepProgress.findMany({ where: { setup: { publicId: d.jar.get("bc_setup")! } } });
    const status = Object.fromEntries(steps.map((s) => [s.stepId, [s.status, s.trust]]));
    expect(status["register-application"]).toEqual(["verified", "microsoft"]);
    expect(status["api-permissions"]?.[0]).toBe("failed");
  });

  it("a replayed callback is refused (state used once) and audited", async () => {
    const d = await dance(U.contosoAdmin.upn, A.good.appId);
    const jar = new Map(d.jar);
    jar.set("bc_ms_signin", new URL(d.callbackUrl!).searchParams.get("state")!);
    const again = await http.handleCallback(new Request(d.callbackUrl!, { headers: { cookie: cookieHeader(jar) } }));
    expect(new URL(again.headers.get("location")!, SITE).searchParams.get("signin")).toBe("state");
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "customer.microsoft_sign_in_refused" } });
    expect(audit.map((a) => (a.details as { why: string }).why)).toContain("unknown or already used state");
  });

  it("a tampered state is refused and audited; so is a missing state cookie", async () => {
    const d = await dance(U.contosoAdmin.upn, A.good.appId, { tamper: (u) => u.searchParams.set("state", `${u.searchParams.get("state")}x`) });
    expect(d.final.searchParams.get("signin")).toBe("state");
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "customer.microsoft_sign_in_refused" } });
    expect(audit.map((a) => (a.details as { why: string }).why)).toContain("state differs from this browser's");
  });

  it("a code replayed with a fresh sign-in's state: Microsoft says it was redeemed (code-used)", async () => {
    const first = await dance(U.contosoAdmin.upn, A.good.appId);
    const oldCode = first.code!;
    const d = await dance(U.contosoAdmin.upn, A.good.appId, { jar: first.jar, tamper: (u) => u.searchParams.set("code", oldCode) });
    expect(d.final.searchParams.get("signin")).toBe("code-used");
  });

  it("a sign-in that took more than 10 minutes is refused as expired, and nothing is recorded", async () => {
    const runsBefore = await db.prisma.verificationRun.count({ where: { source: "signed_in" } });
    const d = await dance(U.contosoAdmin.upn, A.good.appId, {
      beforeCallback: () => db.prisma.microsoftSignIn.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } }),
    });
    expect(d.final.searchParams.get("signin")).toBe("expired");
    expect(await db.prisma.verificationRun.count({ where: { source: "signed_in" } })).toBe(runsBefore);
  });

  it("Microsoft unreachable when the code is redeemed: could not check", async () => {
    try {
      const d = await dance(U.contosoAdmin.upn, A.good.appId, { beforeCallback: () => fake.setBehaviour("unavailable") });
      expect(d.final.searchParams.get("signin")).toBe("unreachable");
    } finally {
      fake.setBehaviour("normal");
    }
  });

  it("Graph answering what we cannot read (a 400): its own outcome, not 'could not reach Microsoft'", async () => {
    const contoso = fake.registry.tenants.find((t) => t.id === FAKE.tenants.contoso.id)!;
    contoso.graphFaults = [{ path: `applications(appId='${A.good.appId}')`, status: 400, code: "Request_BadRequest", message: "Scripted by the test.", times: 1 }];
    try {
      const d = await dance(U.contosoAdmin.upn, A.good.appId);
      expect(d.final.searchParams.get("signin")).toBe("bad-response");
    } finally {
      contoso.graphFaults = [];
    }
  });

  it("a client ID that is not a GUID never leaves for Microsoft", async () => {
    const form = new FormData();
    form.set("clientId", "not-a-guid");
    form.set("returnTo", "https://evil.example/");
    const res = await http.handleStart(new Request(`${SITE}/auth/microsoft/start`, { method: "POST", body: form }));
    expect(res.headers.get("location")).toBe("/progress?signin=no-client-id#sign-in-with-microsoft");
  });

  it("configuration: CHECKER_CLIENT_ID and CHECKER_CLIENT_SECRET both or neither", () => {
    expect(() => loadConfig({ CHECKER_CLIENT_ID: A.checker.appId })).toThrow(/Missing environment variable CHECKER_CLIENT_SECRET/);
    expect(() => loadConfig({ CHECKER_CLIENT_SECRET: "x".repeat(20) })).toThrow(/Missing environment variable CHECKER_CLIENT_ID/);
    expect(() => loadConfig({ CHECKER_CLIENT_ID: "nope", CHECKER_CLIENT_SECRET: "x".repeat(20) })).toThrow(/CHECKER_CLIENT_ID: must be/);
    expect(loadConfig({}).CHECKER_CLIENT_ID).toBeUndefined();
  });
});
