// Honest progress, through the customer's own path (form → checker → recorded run, real PostgreSQL):
// a step is verified only when its own required checks have all passed, across visits; a later
// failure un-verifies it; the customer and support see the same state and how far it is trusted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginVerification, type VerifyDeps } from "@/lib/customer/verify";
import { confirmStep, countSupportSetups, getSetup, listSupportSetups } from "@/lib/progress";
import { FAKE, startFakeEntra, type FakeEntra } from "../../dev/fake-entra";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const A = FAKE.apps;
const T = FAKE.tenants;
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";
let db: TestDatabase;
let fake: FakeEntra;

const deps = (): VerifyDeps => ({ live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 3000 }, clientKey: "ip:honest" });

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function submit(fields: Record<string, string>, cookie?: string) {
  const begun = await beginVerification(form({ mode: "fields", ...fields }), cookie, deps());
  if (!begun.ok) throw new Error(begun.error.message);
  const result = await begun.finish();
  expect(result.saved.ok).toBe(true);
  return { setupId: begun.setupPublicId!, progress: result.progress! };
}

/** A run through the customer's path, returning its report's summary too. */
async function begin(fields: Record<string, string>, cookie?: string) {
  const begun = await beginVerification(form({ mode: "fields", ...fields }), cookie, deps());
  if (!begun.ok) throw new Error(begun.error.message);
  const result = await begun.finish();
  expect(result.saved.ok).toBe(true);
  return { summary: result.report.summary };
}

beforeAll(async () => {
  db = await createTestDatabase({ label: "honest" });
  fake = await startFakeEntra();
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
});

describe("register-application, one field at a time", () => {
  it("client ID alone: in progress, 1 of 3; account type and redirect URI later: verified; a later trailing slash: failed", async () => {
    const first = await submit({ step: "register-application", clientId: A.good.appId });
    const setupId = first.setupId;
    expect(first.progress.steps["register-application"]).toMatchObject({
      status: "in_progress",
      checks: { done: 1, total: 3, missing: ["sign-in-audience", "redirect-uri"] },
      trust: null,
    });

    // Another day: the redirect URI and the account type.
    const second = await submit({ step: "register-application", redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, setupId);
    expect(second.progress.steps["register-application"]).toMatchObject({ status: "verified", checks: { done: 3, total: 3, missing: [] }, trust: "rules" });

    // Support sees the same state, and can find it by its trust.
    const seen = await getSetup(setupId);
    expect(seen!.steps.find((s) => s.stepId === "register-application")).toMatchObject({ status: "verified", trust: "rules", checks: { done: 3 } });
    const rule = { days: 3, now: new Date() };
    expect(await countSupportSetups({ q: setupId, trust: "rules", sort: "activity" }, rule)).toBe(1);
    expect(await countSupportSetups({ q: setupId, trust: "microsoft", sort: "activity" }, rule)).toBe(0);
    const row = (await listSupportSetups({ q: setupId, sort: "activity" }, rule)).rows[0]!;
    expect(row.verifiedSteps).toBe("register-application:rules");

    // Later a trailing slash: the step is failed again, and no longer counted as verified.
    const third = await submit({ step: "register-application", redirectUri: `${REDIRECT}/` }, setupId);
    expect(third.progress.steps["register-application"]).toMatchObject({ status: "failed", trust: null });
    expect(await countSupportSetups({ q: setupId, trust: "rules", sort: "activity" }, rule)).toBe(0);
  });
});

describe("client-secret", () => {
  it("the secret's shape alone is in progress; the live token proves it and confirms it with Microsoft", async () => {
    const first = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret });
    expect(first.progress.steps["client-secret"]).toMatchObject({ status: "in_progress", checks: { done: 1, total: 2 } });
    const second = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, first.setupId);
    expect(second.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    const rule = { days: 3, now: new Date() };
    expect(await countSupportSetups({ q: first.setupId, trust: "microsoft", sort: "activity" }, rule)).toBe(1);
  });
});

describe("a sign-in refused for the client ID or tenant says nothing about the secret", () => {
  it("an unknown tenant (AADSTS90002) does not fail the secret step; the same secret with the right tenant verifies it", async () => {
    const wrong = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.unknown.id, secret: A.good.secret, live: "on" });
    expect(wrong.progress.steps["client-secret"].status).not.toBe("failed");
    expect(wrong.progress.steps["client-secret"].checks?.failing ?? []).toEqual([]);
    const right = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, wrong.setupId);
    expect(right.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    // A refused secret still fails it.
    const refused = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secretId, live: "on" }, wrong.setupId);
    expect(refused.progress.steps["client-secret"].status).toBe("failed");
  });
});

describe("evidence is about one app and one secret", () => {
  it("a different client ID starts the step's evidence afresh: another app's checks never verify this one", async () => {
    const first = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    expect(first.progress.steps["register-application"]).toMatchObject({ status: "verified", checks: { done: 3 } });
    // The misconfigured app's client ID alone: its account type and redirect URI are not known.
    const other = await submit({ step: "register-application", clientId: A.misconfigured.appId }, first.setupId);
    expect(other.progress.steps["register-application"]).toMatchObject({ status: "in_progress", checks: { done: 1, total: 3, missing: ["sign-in-audience", "redirect-uri"] } });
    // A field typed without a client ID adds to what is known of the current app.
    const more = await submit({ step: "register-application", redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, first.setupId);
    expect(more.progress.steps["register-application"]).toMatchObject({ status: "verified" });
  });

  it("a run about another app also resets the steps it does not cover: the setup is never complete on two apps' checks", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    const sec = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    expect(sec.progress.steps["register-application"]).toMatchObject({ status: "verified" });
    expect(sec.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    const before = await getSetup(reg.setupId);
    const attempts = (id: string, s: typeof before) => s!.steps.find((x) => x.stepId === id)!.attemptCount;

    // A new registration (the account type cannot be changed on the old one): its client ID on the
    // register step. The secret step's evidence was about the other app: it is no longer verified.
    const other = await submit({ step: "register-application", clientId: A.misconfigured.appId }, reg.setupId);
    expect(other.progress.steps["register-application"]).toMatchObject({ status: "in_progress", checks: { done: 1, total: 3 } });
    expect(other.progress.steps["client-secret"]).toMatchObject({ status: "in_progress", trust: null, checks: { done: 0, total: 2 } });
    const after = await getSetup(reg.setupId);
    expect(after!.steps.find((x) => x.stepId === "client-secret")).toMatchObject({ status: "in_progress", trust: null, completedAt: null });
    // Not an attempt of the secret step (nobody tried it), and its latest report is still there.
    expect(attempts("client-secret", after)).toBe(attempts("client-secret", before));
    expect(other.progress.steps["client-secret"].lastReportUrl).toBe(sec.progress.steps["client-secret"].lastReportUrl);

    // A run without a client ID (a redirect URI alone) says nothing about which app: nothing else moves.
    const more = await submit({ step: "register-application", redirectUri: REDIRECT }, reg.setupId);
    expect(more.progress.steps["client-secret"]).toMatchObject({ status: "in_progress" });
    // The new app's secret verified with Microsoft: the secret step is verified again, for this app.
    const agreed = await submit({ step: "client-secret", clientId: A.misconfigured.appId, tenant: T.contoso.id, secret: A.misconfigured.secret, live: "on" }, reg.setupId);
    expect(agreed.progress.steps["register-application"].status).not.toBe("verified");
    expect(agreed.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("going back to the first app gives its evidence back: a mistaken client ID does not cost every check", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    // Another GUID on the register step (the Object ID, say): both steps start afresh…
    const other = await submit({ step: "register-application", clientId: A.misconfigured.appId }, reg.setupId);
    expect(other.progress.steps["register-application"]).toMatchObject({ status: "in_progress" });
    expect(other.progress.steps["client-secret"]).toMatchObject({ status: "in_progress" });
    // …and the right client ID again brings back what was learnt about that app, on both.
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["register-application"]).toMatchObject({ status: "verified", checks: { done: 3, total: 3 } });
    expect(back.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("a client ID Microsoft refused (AADSTS700016) is no evidence of another app: nothing is reset, the setup keeps its client ID", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    // A mistyped GUID with the live check: Microsoft finds no such app in the tenant.
    const typo = await submit({ step: "client-secret", clientId: "aaaaaaaa-0001-4000-8000-00000000000f", tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    expect(typo.progress.steps["register-application"]).toMatchObject({ status: "verified" });
    expect(typo.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    expect(typo.progress.clientId).toBe(A.good.appId);
    const run = await getSetup(reg.setupId, { recentRuns: 1, now: new Date() });
    expect(run!.recentRuns[0]!.failedChecks).toContain("live.token");
  });

  it("'Add the keys to the Codat Portal' is undone once another app is verified, not by a mistyped or refused client ID", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    // A mistyped client ID that Microsoft refused: the portal's keys are still the right ones.
    const typo = await submit({ step: "client-secret", clientId: "aaaaaaaa-0001-4000-8000-00000000000f", tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    expect(typo.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    // Another GUID typed on the register step (the Object ID, say), checked by the rules only: it verifies nothing.
    const objectId = await submit({ step: "register-application", clientId: A.good.objectId }, reg.setupId);
    expect(objectId.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    // A new registration, verified: the keys in the portal are the old app's.
    const other = await submit({ step: "register-application", clientId: A.misconfigured.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, reg.setupId);
    expect(other.progress.steps["register-application"].status).toBe("verified");
    expect(other.progress.steps["add-keys-to-portal"]).toMatchObject({ status: "not_started", completedAt: null, keysChanged: true });
    const seen = await getSetup(reg.setupId);
    expect(seen!.steps.find((x) => x.stepId === "add-keys-to-portal")).toMatchObject({ status: "not_started", completedAt: null });
    // Back to the first app, whose keys the tick was given for: its evidence and the tick come back.
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["register-application"].status).toBe("verified");
    expect(back.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    expect(back.progress.steps["add-keys-to-portal"].keysChanged).toBeUndefined();
    expect((await getSetup(reg.setupId))!.steps.find((x) => x.stepId === "add-keys-to-portal")!.completedAt).not.toBeNull();
    // Run by run it follows the app (each run a panel's own key: the same form again within 10 s
    // without one is taken for a double submission).
    const again = await submit({ step: "register-application", clientId: A.misconfigured.appId, idempotencyKey: "panel-key-1" }, reg.setupId);
    expect(again.progress.steps["add-keys-to-portal"].status).toBe("not_started");
    const third = await submit({ step: "register-application", clientId: A.good.appId, idempotencyKey: "panel-key-2" }, reg.setupId);
    expect(third.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
  });

  it("the portal tick follows the keys it was given for: another app's tick is undone back on the first app, and another secret brings none back", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    // The second app, verified, and ticked for it: the portal now holds its keys.
    const b = await submit({ step: "register-application", clientId: A.misconfigured.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, reg.setupId);
    expect(b.progress.steps["add-keys-to-portal"].status).toBe("not_started");
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    // Back to the first app: the tick was for the second app's keys.
    const back = await submit({ step: "register-application", clientId: A.good.appId, idempotencyKey: "panel-key-a" }, reg.setupId);
    expect(back.progress.steps["register-application"].status).toBe("verified");
    expect(back.progress.steps["add-keys-to-portal"].status).toBe("not_started");

    // Ticked with the first app and its secret; then the second app; then the first app with another of
    // its secrets (an expired one): the portal holds the secret the tick was given with, not this one.
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    await submit({ step: "register-application", clientId: A.misconfigured.appId, idempotencyKey: "panel-key-b" }, reg.setupId);
    const otherSecret = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.expiredSecret, live: "on" }, reg.setupId);
    expect(otherSecret.progress.steps["register-application"].status).toBe("verified");
    expect(otherSecret.progress.steps["add-keys-to-portal"].status).toBe("not_started");
    // The secret the tick was given with again: the tick comes back.
    const same = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on", idempotencyKey: "panel-key-c" }, reg.setupId);
    expect(same.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
  });

  it("a run that names no app verifies the setup's app: the first app's portal tick is undone then too", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    // The second app's client ID alone verifies nothing: the tick stays.
    const named = await submit({ step: "register-application", clientId: A.misconfigured.appId }, reg.setupId);
    expect(named.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    // Its redirect URI and account type, sent without the client ID, verify the second app's registration.
    const rest = await submit({ step: "register-application", redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, reg.setupId);
    expect(rest.progress.steps["register-application"].status).toBe("verified");
    expect(rest.progress.clientId).toBe(A.misconfigured.appId);
    expect(rest.progress.steps["add-keys-to-portal"].status).toBe("not_started");
  });

  it("what a run naming no app learns is about the setup's app, never credited to the next app named", async () => {
    const reg = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" });
    expect(reg.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    // The second app named on the registration step: the secret step starts afresh for it…
    const b = await submit({ step: "register-application", clientId: A.misconfigured.appId }, reg.setupId);
    expect(b.progress.steps["client-secret"].status).not.toBe("verified");
    // …a secret pasted alone, with no client ID, is checked for the second app…
    const alone = await submit({ step: "client-secret", secret: A.good.secret }, reg.setupId);
    expect(alone.progress.clientId).toBe(A.misconfigured.appId);
    expect(alone.progress.steps["client-secret"].status).not.toBe("verified");
    // …so the first app named again gets its own evidence back (its live sign-in with this secret).
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("a client ID the checker rejects (Business Central's own app ID) is not the setup's app: nothing else starts afresh", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    const wrong = await submit({ step: "register-application", clientId: "996def3d-b36c-4153-8607-a6fd3c01b89f" }, reg.setupId);
    expect(wrong.progress.clientId).toBe(A.good.appId);
    expect(wrong.progress.steps["register-application"]).toMatchObject({ status: "failed", checks: { failing: ["client-id.format"] } });
    expect(wrong.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    expect(wrong.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    // The right client ID again: the registration is verified again, on its own evidence.
    const right = await submit({ step: "register-application", clientId: A.good.appId, idempotencyKey: "panel-key-e" }, reg.setupId);
    expect(right.progress.steps["register-application"]).toMatchObject({ status: "verified", checks: { done: 3, total: 3 } });
  });

  it("a new secret of the same app, verified, undoes the portal tick given with the old one; the old one again brings it back", async () => {
    const app = fake.registry.apps.find((a) => a.appId === A.good.appId)!;
    const rotated = "ROT7Q~fake-secret-for-tests-only-rotated01";
    app.secrets.push({ keyId: "cccccccc-0001-4000-8000-0000000000a7", value: rotated, displayName: "Codat (rotated)", startDateTime: new Date(Date.now() - 86_400_000).toISOString(), endDateTime: new Date(Date.now() + 365 * 86_400_000).toISOString() });
    try {
      const reg = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" });
      await confirmStep(reg.setupId, "add-keys-to-portal", true);
      // A new secret that does not work yet: nothing to say about the portal.
      const bad = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.expiredSecret, live: "on" }, reg.setupId);
      expect(bad.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
      // The new secret works: the portal still holds the old one.
      const next = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: rotated, live: "on" }, reg.setupId);
      expect(next.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
      expect(next.progress.steps["add-keys-to-portal"].status).toBe("not_started");
      // Back to the secret the tick was given with (still valid): the tick comes back.
      const old = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on", idempotencyKey: "panel-key-f" }, reg.setupId);
      expect(old.progress.steps["client-secret"].status).toBe("verified");
      expect(old.progress.steps["add-keys-to-portal"].status).toBe("confirmed");
    } finally {
      app.secrets = app.secrets.filter((x) => x.value !== rotated);
    }
  });

  it("a step verified again on another app's evidence is verified from then, not from the other app's date", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    const b = await submit({ step: "register-application", clientId: A.misconfigured.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, reg.setupId);
    expect(b.progress.steps["register-application"].status).toBe("verified");
    const bAt = (await getSetup(reg.setupId))!.steps.find((x) => x.stepId === "register-application")!.completedAt!;
    await new Promise((r) => setTimeout(r, 20));
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["register-application"].status).toBe("verified");
    const backAt = (await getSetup(reg.setupId))!.steps.find((x) => x.stepId === "register-application")!.completedAt!;
    expect(backAt.getTime()).toBeGreaterThan(bAt.getTime());
  });

  it("'re-run failed checks' with a rejected client ID (Business Central's app ID) does not make it the setup's app", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    // The panel's re-run asks only for the checks that failed: client-id.format is not among them.
    const rerun = await submit({ step: "register-application", clientId: "996def3d-b36c-4153-8607-a6fd3c01b89f", redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount", checks: "redirect-uri" }, reg.setupId);
    expect(rerun.progress.clientId).toBe(A.good.appId);
    expect(rerun.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    expect(rerun.progress.steps["register-application"].status).toBe("verified");
  });

  it("a tick given with a verified secret does not come back for that secret pasted again but refused", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    await submit({ step: "register-application", clientId: A.misconfigured.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, reg.setupId);
    // Back on the first app with its secret, which has expired since: Microsoft refuses it. The
    // registration is verified, the secret is not, and the portal's secret is that expired one.
    const secret = fake.registry.apps.find((a) => a.appId === A.good.appId)!.secrets.find((x) => x.value === A.good.secret)!;
    const until = secret.endDateTime;
    secret.endDateTime = new Date(Date.now() - 60_000).toISOString();
    try {
      const back = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on", idempotencyKey: "panel-key-g" }, reg.setupId);
      expect(back.progress.steps["register-application"].status).toBe("verified");
      expect(back.progress.steps["client-secret"].status).toBe("failed");
      expect(back.progress.steps["add-keys-to-portal"]).toMatchObject({ status: "not_started", keysChanged: true });
    } finally {
      secret.endDateTime = until;
    }
  });

  it("a tick the customer took back on the portal step stays taken back when the app comes back", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await confirmStep(reg.setupId, "add-keys-to-portal", true);
    await confirmStep(reg.setupId, "add-keys-to-portal", false);
    await submit({ step: "register-application", clientId: A.misconfigured.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" }, reg.setupId);
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["register-application"].status).toBe("verified");
    expect(back.progress.steps["add-keys-to-portal"].status).not.toBe("confirmed");
    // Nothing to say about other keys: the customer took the tick back themselves.
    expect(back.progress.steps["add-keys-to-portal"].keysChanged).toBeUndefined();
  });

  it("the secret step's evidence comes back only for the secret the setup holds now", async () => {
    const reg = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" });
    expect(reg.progress.steps["client-secret"]).toMatchObject({ status: "verified" });
    // Another app and its own secret, verified with Microsoft.
    const b = await submit({ step: "client-secret", clientId: A.misconfigured.appId, tenant: T.contoso.id, secret: A.misconfigured.secret, live: "on" }, reg.setupId);
    expect(b.progress.steps["client-secret"]).toMatchObject({ status: "verified" });
    // The first app's client ID again, without a secret: the setup's secret is B's, never checked with A.
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["client-secret"].status).not.toBe("verified");
    expect(back.progress.secretHint).toBe(A.misconfigured.secret.slice(0, 3));
    // B again (the setup still holds B's secret): what was learnt about B's secret with B comes back.
    const b2 = await submit({ step: "register-application", clientId: A.misconfigured.appId }, reg.setupId);
    expect(b2.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("a refused client ID with a new secret: the secret step is not verified for a secret never tried", async () => {
    const reg = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" });
    const typo = await submit({ step: "client-secret", clientId: "aaaaaaaa-0001-4000-8000-00000000000f", tenant: T.contoso.id, secret: A.good.expiredSecret, live: "on" }, reg.setupId);
    expect(typo.progress.steps["client-secret"].status).not.toBe("verified");
    expect(typo.progress.clientId).toBe(A.good.appId);
  });

  it("a refused client ID adds nothing to evidence set aside for another app: going back still restores it", async () => {
    const reg = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: REDIRECT, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    await submit({ step: "register-application", clientId: A.misconfigured.appId }, reg.setupId);
    await submit({ step: "client-secret", clientId: "aaaaaaaa-0001-4000-8000-00000000000f", tenant: T.contoso.id, secret: A.good.secret, live: "on" }, reg.setupId);
    const back = await submit({ step: "register-application", clientId: A.good.appId }, reg.setupId);
    expect(back.progress.steps["register-application"]).toMatchObject({ status: "verified" });
    expect(back.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("a run with a tenant and no client ID still remembers the tenant", async () => {
    const r = await submit({ step: "client-secret", tenant: T.contoso.id, secret: A.good.secret });
    expect(r.progress.tenant).toBe(T.contoso.id.toLowerCase());
  });

  it("a different secret is not proven by the last one's live sign-in", async () => {
    const live = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" });
    expect(live.progress.steps["client-secret"]).toMatchObject({ status: "verified", trust: "microsoft" });
    // The expired secret of the same app, without a live check: only its shape is known.
    const next = await submit({ step: "client-secret", clientId: A.good.appId, secret: A.good.expiredSecret }, live.setupId);
    expect(next.progress.steps["client-secret"]).toMatchObject({ status: "in_progress", trust: null, checks: { done: 1, total: 2 } });
    const seen = await getSetup(live.setupId);
    expect(seen!.steps.find((s) => s.stepId === "client-secret")).toMatchObject({ status: "in_progress", trust: null });
    // The same secret again, with nothing else: still the evidence gathered for it.
    const again = await submit({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.expiredSecret, live: "on" }, live.setupId);
    expect(again.progress.steps["client-secret"]).toMatchObject({ status: "failed" });
  });
});

describe("the support page's 'a later attempt passed' note", () => {
  it("only when the problem's own checks have passed since, not after any passing run", async () => {
    const bad = await submit({ step: "register-application", clientId: A.good.appId, redirectUri: `${REDIRECT}/`, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    const id = bad.setupId;
    // A passing run of another step: the redirect URI is still wrong.
    const other = await begin({ step: "client-secret", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on" }, id);
    expect(other.summary).toBe("pass");
    let view = await getSetup(id, { latestProblem: true });
    expect(view!.latestProblemRun!.checks.some((c) => c.id === "redirect-uri" && c.status === "fail")).toBe(true);
    expect(view!.passedSinceProblemAt).toBeNull();
    // The redirect URI fixed: now the note has a time.
    await submit({ step: "register-application", redirectUri: REDIRECT }, id);
    view = await getSetup(id, { latestProblem: true });
    expect(view!.passedSinceProblemAt).toBeInstanceOf(Date);
  });
});
