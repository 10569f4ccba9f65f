// The customer use-cases (lib/customer) on a real PostgreSQL and against the fake Entra ID + Graph:
// a panel's form → the checker → one recorded run and the step's progress; the cookie's setup;
// idempotent submits; honest failures (database down, Microsoft unreachable, rate limit); the
// confirmations; the signed "not saved" result; and no secret in any table afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, createDatabase, setPrismaForTests } from "@/lib/db";
import { isPublicId, serializeSetupCookie, setupCookieOptions } from "@/lib/customer/cookie";
import { formToInput } from "@/lib/customer/fields";
import { sameOrigin } from "@/lib/customer/http";
import { confirmCustomerStep, loadCustomerProgress, startCustomerStep, trackProgress } from "@/lib/customer/progress";
import { rememberable } from "@/lib/customer/progress";
import { config } from "@/lib/config";
import { getRun } from "@/lib/progress";
import { decodeUnsaved, encodeUnsaved } from "@/lib/customer/unsaved";
import { beginVerification, derivedIdempotencyKey, NOT_SAVED_MESSAGE, type VerifyDeps } from "@/lib/customer/verify";
import type { VerifyPhase } from "@/lib/customer/view";
import { memoryLimiter } from "@/lib/ratelimit";
import { reportSchema } from "@/lib/verify";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const A = FAKE.apps;
const T = FAKE.tenants;
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";
const SECRETS = [A.good.secret, A.good.expiredSecret];

let db: TestDatabase;
let fake: FakeEntra;

function deps(extra: Partial<VerifyDeps> = {}): VerifyDeps {
  return { live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 }, clientKey: "ip:test", ...extra };
}

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

const register = (redirect: string, extra: Record<string, string> = {}) =>
  form({ step: "register-application", mode: "fields", clientId: A.good.appId, tenant: T.contoso.id, redirectUri: redirect, signInAudience: "AzureADandPersonalMicrosoftAccount", ...extra });

const secretForm = (secret: string, extra: Record<string, string> = {}) =>
  form({ step: "client-secret", mode: "fields", clientId: A.good.appId, tenant: T.contoso.id, secret, live: "on", ...extra });

async function run(fd: FormData, cookie?: string, d: VerifyDeps = deps(), phases?: VerifyPhase[]) {
  const begun = await beginVerification(fd, cookie, d);
  if (!begun.ok) throw new Error(`invalid: ${begun.error.message}`);
  const result = await begun.finish(phases ? (p) => phases.push(p) : undefined);
  return { begun, result };
}

async function dumpAllTables(): Promise<string> {
  const tables = await db.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const out: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await db.pool.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
    out.push(...rows.rows.map((r) => r.j));
  }
  return out.join("\n");
}

beforeAll(async () => {
  db = await createTestDatabase({ label: "customer" });
  fake = await startFakeEntra();
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
});

describe("verifying a panel", () => {
  it("a trailing slash fails with its fix, records a run on a new setup, and the fix turns the step verified", async () => {
    const first = await run(register(`${REDIRECT}/`, { idempotencyKey: "k-trailing-1" }));
    expect(first.begun.setupCreated).toBe(true);
    const setupId = first.begun.setupPublicId!;
    expect(isPublicId(setupId)).toBe(true);
    // The rules are there before the live phase (none here) and the saving.
    const rulesRedirect = first.begun.ok && first.begun.rules.checks.find((c) => c.id === "redirect-uri");
    expect(rulesRedirect && rulesRedirect.status).toBe("fail");
    const redirect = first.result.report.checks.find((c) => c.id === "redirect-uri")!;
    expect(redirect.status).toBe("fail");
    expect(redirect.detail).toContain("trailing slash");
    expect(redirect.fix).toContain(`exactly ${REDIRECT}`);
    expect(reportSchema.safeParse(first.result.report).success).toBe(true);
    expect(first.result.saved.ok).toBe(true);
    expect(first.result.progress!.steps["register-application"].status).toBe("failed");
    expect(first.result.progress!.resumeUrl).toBe(new URL(`/resume/${setupId}`, config().SITE_URL).href);

    const second = await run(register(REDIRECT, { idempotencyKey: "k-trailing-2" }), setupId);
    expect(second.begun.setupCreated).toBe(false);
    expect(second.begun.setupPublicId).toBe(setupId);
    expect(second.result.report.summary).toBe("pass");
    const p = second.result.progress!;
    expect(p.steps["register-application"].status).toBe("verified");
    expect(p.steps["register-application"].attemptCount).toBe(2);
    expect(p.steps["register-application"].completedAt).not.toBeNull();
    // Remembered for the next step (and never the secret).
    expect(p.clientId).toBe(A.good.appId);
    expect(p.tenant).toBe(T.contoso.id);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM verification_run r JOIN setup s ON s.id = r."setupId" WHERE s."publicId" = $1`, [setupId]);
    expect(rows[0].n).toBe(2);
  });

  it("re-running only the failed checks records a run with just those, and it settles the step", async () => {
    const { begun } = await run(register(`${REDIRECT}/`, { idempotencyKey: "k-rerun-1" }));
    const setupId = begun.ok ? begun.setupPublicId! : "";
    const fd = register(REDIRECT, { idempotencyKey: "k-rerun-2" });
    fd.append("checks", "redirect-uri");
    const { result } = await run(fd, setupId);
    expect(result.report.checks.map((c) => c.id)).toEqual(["redirect-uri"]);
    expect(result.report.checks[0]!.status).toBe("pass");
    expect(result.progress!.steps["register-application"].status).toBe("verified");
  });

  it("a double submit (same key, even at the same moment) records one attempt", async () => {
    const { begun } = await run(register(REDIRECT, { idempotencyKey: "k-setup-only" }));
    const setupId = begun.ok ? begun.setupPublicId! : "";
    const results = await Promise.all([0, 1, 2].map(() => run(register(`${REDIRECT}/`, { idempotencyKey: "k-double-click" }), setupId)));
    const ids = new Set(results.map((r) => (r.result.saved.ok ? r.result.saved.runId : "")));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.result.saved.ok && r.result.saved.duplicate)).toHaveLength(2);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS runs, (SELECT "attemptCount" FROM step_progress p JOIN setup s ON s.id = p."setupId" WHERE s."publicId" = $1 AND p."stepId" = 'register-application') AS attempts
         FROM verification_run r JOIN setup s ON s.id = r."setupId" WHERE s."publicId" = $1`,
      [setupId],
    );
    expect(rows[0]).toEqual({ runs: 2, attempts: 2 });
  });

  it("the same key with an edited form is a new attempt (a dropped connection keeps the panel's key): never the earlier run passed off as this one", async () => {
    const { begun } = await run(register(REDIRECT, { idempotencyKey: "k-edit-setup" }));
    const setupId = begun.ok ? begun.setupPublicId! : "";
    const first = await run(register(`${REDIRECT}/`, { idempotencyKey: "k-dropped-1" }), setupId);
    expect(first.result.saved).toMatchObject({ ok: true, duplicate: false });
    // The connection dropped before the panel saw the save; the customer fixes the slash and sends again.
    const edited = await run(register(REDIRECT, { idempotencyKey: "k-dropped-1" }), setupId);
    expect(edited.result.saved).toMatchObject({ ok: true, duplicate: false });
    expect(edited.result.saved.ok && first.result.saved.ok && edited.result.saved.runId !== first.result.saved.runId).toBe(true);
    expect(edited.result.progress!.steps["register-application"].status).toBe("verified");
    // The unedited form again under that key: the same attempt.
    const again = await run(register(REDIRECT, { idempotencyKey: "k-dropped-1" }), setupId);
    expect(again.result.saved).toMatchObject({ ok: true, duplicate: true });
    expect(again.result.saved.ok && edited.result.saved.ok && again.result.saved.runId).toBe(edited.result.saved.ok ? edited.result.saved.runId : "");
  });

  it("a plain form post (no key) is deduplicated by its content within a few seconds, and a changed form is a new attempt", async () => {
    const { begun } = await run(register(REDIRECT));
    const setupId = begun.ok ? begun.setupPublicId! : "";
    // A fixed clock, 1 s into a 10-second bucket: the same form twice is one attempt; 10 s later, a new one.
    const t0 = new Date(Math.floor(Date.now() / 10_000) * 10_000 + 1_000);
    const at = (t: Date) => deps({ now: () => t });
    const a = await run(register(`${REDIRECT}/`), setupId, at(t0));
    const b = await run(register(`${REDIRECT}/`), setupId, at(new Date(t0.getTime() + 1_500)));
    const c = await run(register(`http://dynamics365businesscentral.codat.io/oauth/callback`), setupId, at(t0));
    const later = await run(register(`${REDIRECT}/`), setupId, at(new Date(t0.getTime() + 10_000)));
    const id = (r: typeof a) => (r.result.saved.ok ? r.result.saved.runId : "");
    expect(id(a)).not.toBe("");
    expect(id(b)).toBe(id(a));
    expect(id(c)).not.toBe(id(a));
    expect(id(later)).not.toBe(id(a));
    // Keyed on everything submitted, the secret included (two different secrets are two attempts), through
    // the keyed HMAC: the key holds no piece of the secret and cannot be recomputed without the server's key.
    const withSecret = formToInput(secretForm(A.good.secret));
    const withOther = formToInput(secretForm(A.good.secret.replace(/.$/, "X")));
    if (!withSecret.ok || !withOther.ok) throw new Error("form");
    const now = new Date();
    const key = derivedIdempotencyKey(setupId, withSecret.form, now);
    expect(key).not.toBe(derivedIdempotencyKey(setupId, withOther.form, now));
    expect(key).toBe(derivedIdempotencyKey(setupId, withSecret.form, now));
    expect(key).not.toBe(derivedIdempotencyKey(setupId, withSecret.form, now, "another key of at least 32 characters!!"));
    for (let i = 0; i + 8 <= A.good.secret.length; i++) expect(key).not.toContain(A.good.secret.slice(i, i + 8));
  });

  it("a valid secret passes live, phase by phase; only the hint and a keyed fingerprint are kept", async () => {
    const phases: VerifyPhase[] = [];
    const { result } = await run(secretForm(A.good.secret, { idempotencyKey: "k-live-ok" }), undefined, deps(), phases);
    expect(result.report.checks.find((c) => c.id === "live.token")!.status).toBe("pass");
    expect(result.report.checks.find((c) => c.id === "live.registration")!.status).toBe("skip");
    expect(phases).toEqual(["token", "graph"]);
    expect(result.progress!.steps["client-secret"].status).toBe("verified");
    expect(result.progress!.secretHint).toBe(A.good.secret.slice(0, 3));
    expect(JSON.stringify(result)).not.toContain(A.good.secret);
    const { rows } = await db.pool.query(`SELECT "secretFingerprint", "secretHint", source FROM verification_run WHERE "publicId" = $1`, [result.saved.ok ? result.saved.runId : ""]);
    expect(rows[0].secretFingerprint).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(rows[0].secretHint).toBe(A.good.secret.slice(0, 3));
    expect(rows[0].source).toBe("live");
  });

  it("a Secret ID is named as the Secret ID / Value mix-up; an expired secret is explained", async () => {
    const id = await run(secretForm(A.good.secretId, { idempotencyKey: "k-secret-id" }));
    const shape = id.result.report.checks.find((c) => c.id === "secret.shape")!;
    expect(shape.status).toBe("fail");
    expect(shape.detail).toMatch(/Secret ID/);
    expect(shape.fix).toMatch(/Value column, not the Secret ID/);
    expect(id.result.report.checks.find((c) => c.id === "live.token")!.detail).toMatch(/Secret ID/);

    const expired = await run(secretForm(A.good.expiredSecret, { idempotencyKey: "k-expired" }));
    const token = expired.result.report.checks.find((c) => c.id === "live.token")!;
    expect(token.status).toBe("fail");
    expect(token.detail).toMatch(/expired/);
    expect(expired.result.progress!.steps["client-secret"].status).toBe("failed");
  });

  it("Microsoft unreachable: the live check says 'could not check', the rules still show, the run is still saved", async () => {
    const { result } = await run(secretForm(A.good.secret, { tenant: T.down.id, idempotencyKey: "k-down" }));
    const token = result.report.checks.find((c) => c.id === "live.token")!;
    expect(token.status).toBe("error");
    expect(token.detail).toMatch(/Could not check/);
    expect(result.report.checks.find((c) => c.id === "secret.shape")!.status).toBe("pass");
    expect(result.saved.ok).toBe(true);
    // No verdict on the step from an unreachable Microsoft alone: the secret's shape passed, so verified by the rules.
    expect(result.progress!.steps["client-secret"].status).not.toBe("failed");
  });

  it("too many live checks from one client: the live check is 'could not check' with the wait, the rules are complete", async () => {
    const limited = deps({ limiter: memoryLimiter({ points: 1, durationSeconds: 60, keyPrefix: "customer-test" }) });
    const ok = await run(secretForm(A.good.secret, { idempotencyKey: "k-limit-1" }), undefined, limited);
    expect(ok.result.report.checks.find((c) => c.id === "live.token")!.status).toBe("pass");
    const refused = await run(secretForm(A.good.secret, { idempotencyKey: "k-limit-2" }), undefined, limited);
    const token = refused.result.report.checks.find((c) => c.id === "live.token")!;
    expect(token.status).toBe("error");
    expect(token.detail).toMatch(/too many live checks/);
    expect(refused.result.report.checks.find((c) => c.id === "secret.shape")!.status).toBe("pass");
    expect(reportSchema.safeParse(refused.result.report).success).toBe(true);
  });

  it("the manifest tab checks every step at once and records one run for no single step", async () => {
    const manifest = {
      appId: A.misconfigured.appId,
      signInAudience: "AzureADMyOrg",
      web: { redirectUris: [REDIRECT] },
      requiredResourceAccess: [{ resourceAppId: "996def3d-b36c-4153-8607-a6fd3c01b89f", resourceAccess: [{ id: "2fb13c28-9d89-417f-9af2-ec3065bc16e6", type: "Role" }] }],
      passwordCredentials: [],
    };
    const { result } = await run(form({ step: "api-permissions", mode: "manifest", manifest: JSON.stringify(manifest), idempotencyKey: "k-manifest" }));
    const byId = Object.fromEntries(result.report.checks.map((c) => [c.id, c.status]));
    expect(byId["sign-in-audience"]).toBe("fail");
    expect(byId["permissions.financials"]).toBe("fail");
    expect(result.progress!.steps["register-application"].status).toBe("failed");
    expect(result.progress!.steps["api-permissions"].status).toBe("failed");
    const { rows } = await db.pool.query(`SELECT "stepId", source FROM verification_run WHERE "publicId" = $1`, [result.saved.ok ? result.saved.runId : ""]);
    expect(rows[0]).toEqual({ stepId: null, source: "manifest" });
  });

  it("bad input names the field and never echoes the secret", async () => {
    const broken = await beginVerification(form({ step: "register-application", mode: "manifest", manifest: '{ "appId": "x", }' }), undefined, deps());
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.field).toBe("manifest");
      expect(broken.error.line).toBe(1);
    }
    const noPerms = await beginVerification(form({ step: "api-permissions", mode: "fields" }), undefined, deps());
    expect(!noPerms.ok && noPerms.error.field).toBe("permissions");
    const unknownStep = await beginVerification(form({ step: "nope", mode: "fields" }), undefined, deps());
    expect(!unknownStep.ok && unknownStep.error.field).toBeNull();
    const longTenant = await beginVerification(secretForm(A.good.secret, { tenant: `${A.good.secret}${"x".repeat(400)}` }), undefined, deps());
    expect(longTenant.ok).toBe(false);
    expect(JSON.stringify(longTenant)).not.toContain(A.good.secret);
  });

  it("only well-formed client IDs and tenants are remembered", () => {
    expect(rememberable({ clientId: ` ${A.good.appId.toUpperCase()} `, tenant: "Contoso.onmicrosoft.com" })).toEqual({ clientId: A.good.appId, tenant: "contoso.onmicrosoft.com" });
    expect(rememberable({ clientId: "not-a-guid", tenant: "common stuff" })).toEqual({});
  });
});

describe("progress use-cases", () => {
  it("loads nothing without a cookie, and ignores a malformed one", async () => {
    expect(await loadCustomerProgress(undefined)).toEqual({ state: "none" });
    expect(await loadCustomerProgress("../etc/passwd")).toEqual({ state: "none" });
    expect(await loadCustomerProgress("A".repeat(22))).toEqual({ state: "none" });
  });

  it("track my progress: optional company and email, a bad email named, details updated later", async () => {
    const bad = await trackProgress(undefined, { companyName: "Contoso", contactEmail: "not an email" });
    expect(bad).toMatchObject({ ok: false, field: "contactEmail" });
    const created = await trackProgress(undefined, { companyName: " Contoso ", contactEmail: "" });
    expect(created.ok && created.created).toBe(true);
    if (!created.ok) throw new Error("not created");
    expect(created.progress.companyName).toBe("Contoso");
    const updated = await trackProgress(created.progress.publicId, { companyName: "Contoso Ltd", contactEmail: "ops@contoso.example" });
    expect(updated.ok && !updated.created && updated.progress.publicId).toBe(created.progress.publicId);
    expect(updated.ok && updated.progress.contactEmail).toBe("ops@contoso.example");
    const loaded = await loadCustomerProgress(created.progress.publicId);
    expect(loaded.state === "ok" && loaded.progress.companyName).toBe("Contoso Ltd");
  });

  it("a client secret pasted as the company name is never stored: only its 3-character hint is kept, in the database and in every view", async () => {
    const secret = "Qz81Q~fake-secret-for-tests-only-cmpny01";
    const older = "Kf3mZp9QwErTy7UiOpAsDf2GhJkL0xCv8BnM4qWe6R=";
    const created = await trackProgress(undefined, { companyName: `Contoso ${secret}` });
    if (!created.ok) throw new Error(created.message);
    expect(created.progress.companyName).toBe("Contoso Qz8…(secret removed)");
    const updated = await trackProgress(created.progress.publicId, { companyName: older });
    if (!updated.ok) throw new Error(updated.message);
    expect(updated.progress.companyName).not.toContain(older);
    const rows = await db.prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(s)::text AS row FROM setup s`;
    for (const r of rows) {
      expect(r.row).not.toContain(secret.slice(3));
      expect(r.row).not.toContain(older.slice(3));
    }
  });

  it("confirm a step with a time stamp, untick it, start the App Link timer; a verifiable step can't be confirmed", async () => {
    const c = await confirmCustomerStep(undefined, "add-keys-to-portal", true);
    if (!c.ok) throw new Error(c.message);
    expect(c.created).toBe(true);
    const id = c.progress.publicId;
    expect(c.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    expect(Date.parse(c.progress.steps["add-keys-to-portal"].completedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const u = await confirmCustomerStep(id, "add-keys-to-portal", false);
    expect(u.ok && u.progress.steps["add-keys-to-portal"].status).toBe("not_started");
    const s = await startCustomerStep(id, "extension-installation");
    expect(s.ok && s.progress.steps["extension-installation"].status).toBe("in_progress");
    expect(s.ok && s.progress.steps["extension-installation"].startedAt).not.toBeNull();
    const done = await confirmCustomerStep(id, "extension-installation", true);
    expect(done.ok && done.progress.steps["extension-installation"].status).toBe("confirmed");
    expect(done.ok && done.progress.steps["extension-installation"].startedAt).not.toBeNull();
    expect(await confirmCustomerStep(id, "client-secret", true)).toMatchObject({ ok: false });
    // A cookie naming a setup that no longer exists starts a new one.
    const orphan = await confirmCustomerStep("Z".repeat(22), "prerequisites", true);
    expect(orphan.ok && orphan.created && orphan.progress.publicId).not.toBe("Z".repeat(22));
  });

  it("a run's permalink view has the report, the hint, and no secret", async () => {
    const { result } = await run(secretForm(A.good.secret, { idempotencyKey: "k-permalink" }));
    if (!result.saved.ok) throw new Error("not saved");
    const view = await getRun(result.saved.runId);
    expect(view!.report.checks.find((c) => c.id === "live.token")!.status).toBe("pass");
    expect(view!.secretHint).toBe(A.good.secret.slice(0, 3));
    expect(view!.stepId).toBe("client-secret");
    expect(JSON.stringify(view)).not.toContain(A.good.secret);
    expect(await getRun("nope")).toBeNull();
  });
});

describe("when Postgres is down", () => {
  it("the customer still gets the results, with an honest 'not saved', and nothing throws", async () => {
    const down = createDatabase("postgresql://postgres@127.0.0.1:9/closed", { max: 1 });
    setPrismaForTests(down.prisma, down.pool);
    try {
      const phases: VerifyPhase[] = [];
      const begun = await beginVerification(secretForm(A.good.secret, { idempotencyKey: "k-db-down" }), "Q".repeat(22), deps());
      expect(begun.ok).toBe(true);
      if (!begun.ok) return;
      expect(begun.setupPublicId).toBeNull();
      expect(begun.setupCreated).toBe(false);
      const result = await begun.finish((p) => phases.push(p));
      expect(result.report.checks.find((c) => c.id === "live.token")!.status).toBe("pass");
      expect(result.saved).toEqual({ ok: false, message: NOT_SAVED_MESSAGE });
      expect(result.progress).toBeNull();
      expect(phases).toEqual(["token", "graph"]);

      const load = await loadCustomerProgress("Q".repeat(22));
      expect(load.state).toBe("unavailable");
      expect(await trackProgress(undefined, { companyName: "X" })).toMatchObject({ ok: false });
      expect(await confirmCustomerStep("Q".repeat(22), "prerequisites", true)).toMatchObject({ ok: false });
      expect(await startCustomerStep(undefined, "extension-installation")).toMatchObject({ ok: false });
      await expect(getRun("Q".repeat(22))).rejects.toThrow();

      // The plain-HTML path carries the unsaved result in a signed token instead.
      const token = encodeUnsaved({ kind: "report", step: "client-secret", report: result.report, message: result.saved.ok ? "" : result.saved.message, at: Date.now() });
      const back = decodeUnsaved(token);
      expect(back && back.kind === "report" && back.report).toEqual(result.report);
      expect(token).not.toContain(A.good.secret);
    } finally {
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(down);
    }
  });
});

describe("small pieces", () => {
  it("the unsaved-result token refuses tampering and age", () => {
    const payload = { kind: "invalid" as const, step: "register-application" as const, error: { code: "x", message: "bad", field: "manifest" }, at: Date.now() };
    const t = encodeUnsaved(payload);
    expect(decodeUnsaved(t)).toEqual(payload);
    const [data, sig] = t.split(".");
    expect(decodeUnsaved(`${data}x.${sig}`)).toBeNull();
    expect(decodeUnsaved(`${data}.${sig!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`)).toBeNull();
    expect(decodeUnsaved(t, Date.now() + 2 * 60 * 60 * 1000)).toBeNull();
    expect(decodeUnsaved("garbage")).toBeNull();
  });

  it("the cookie is httpOnly, SameSite=Lax, and Secure in production", () => {
    expect(setupCookieOptions({ NODE_ENV: "production", SITE_URL: "https://guides.example" })).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax" });
    expect(setupCookieOptions({ NODE_ENV: "development", SITE_URL: "http://localhost:3000" }).secure).toBe(false);
    expect(serializeSetupCookie("abcdefghijklmnopqrstuv", { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 10 })).toBe(
      "bc_setup=abcdefghijklmnopqrstuv; Path=/; Max-Age=10; HttpOnly; SameSite=Lax; Secure",
    );
  });

  it("plain form posts from another site are refused", () => {
    const req = (origin: string | null) => new Request("http://127.0.0.1:3100/verify", { method: "POST", headers: { host: "127.0.0.1:3100", ...(origin ? { origin } : {}) } });
    expect(sameOrigin(req("http://127.0.0.1:3100"))).toBe(true);
    expect(sameOrigin(req(null))).toBe(true);
    expect(sameOrigin(req("https://evil.example"))).toBe(false);
    expect(sameOrigin(req("null"))).toBe(false);
  });
});

describe("afterwards", () => {
  it("no secret value is in any table", async () => {
    const dump = await dumpAllTables();
    expect(dump.length).toBeGreaterThan(1000);
    for (const s of SECRETS) {
      expect(dump).not.toContain(s);
      expect(dump).not.toContain(s.slice(0, 12));
    }
  });
});
