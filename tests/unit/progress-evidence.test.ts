// A step is verified only when its own required checks have all passed, across runs; a later failure
// un-verifies it; the trust level says whether Microsoft itself confirmed it.
import { describe, expect, it } from "vitest";
import { evidenceFor, mergeEvidence, parseEvidence, STALE_KEY, STALE_LIMIT, stepState, SUBJECT_KEY, type Evidence } from "@/lib/progress/evidence";
import { idsRefused, nextFailStreaks } from "@/lib/progress/record";
import { CHECK_IDS, CHECK_INFO } from "@/lib/verify";
import { BLOCKING_CHECKS, BLOCKING_CHECK_TEXT, BLOCKING_RESCUED_BY, CONFIRM_HOW, CONFIRMING_CHECKS, REQUIRED_CHECKS, VERIFIABLE_STEPS, stepChecksText } from "@/lib/steps";
import { stuckAt } from "@/lib/progress/stuck";

const check = (id: (typeof CHECK_IDS)[number], status: string) => ({ id, step: CHECK_INFO[id].step, status });
const t = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));

describe("the catalogue names only real checks", () => {
  it("every required, blocking and confirming id is a checker check id", () => {
    const ids = new Set<string>(CHECK_IDS);
    for (const s of VERIFIABLE_STEPS) {
      for (const id of [...REQUIRED_CHECKS[s].flat(), ...BLOCKING_CHECKS[s], ...CONFIRMING_CHECKS[s]]) expect(ids.has(id), `${s}: ${id}`).toBe(true);
      for (const id of REQUIRED_CHECKS[s].flat()) expect(CHECK_INFO[id as (typeof CHECK_IDS)[number]].step).toBe(s);
    }
    const blocking = new Set(VERIFIABLE_STEPS.flatMap((s) => BLOCKING_CHECKS[s]));
    for (const [id, rescuers] of Object.entries(BLOCKING_RESCUED_BY)) {
      expect(blocking.has(id), `${id} is a blocking check`).toBe(true);
      for (const r of rescuers) expect(ids.has(r), r).toBe(true);
    }
  });
});

describe("register-application", () => {
  it("client ID alone: in progress, 1 of 3, the redirect URI and account type missing, not verified", () => {
    const e = mergeEvidence({}, [check("client-id.format", "pass"), check("redirect-uri", "skip"), check("sign-in-audience", "skip")], "register-application", t(0));
    expect(stepState("register-application", e)).toEqual({ status: "in_progress", done: 1, total: 3, missing: ["sign-in-audience", "redirect-uri"], failing: [], trust: null });
  });

  it("redirect URI and account type on a later visit: verified by the rules", () => {
    let e = mergeEvidence({}, [check("client-id.format", "pass")], "register-application", t(0));
    e = mergeEvidence(e, [check("client-id.format", "skip"), check("redirect-uri", "pass"), check("sign-in-audience", "pass")], "register-application", t(5));
    expect(stepState("register-application", e)).toMatchObject({ status: "verified", done: 3, missing: [], trust: "rules" });
  });

  it("a later trailing slash fails it again; fixing it verifies it again", () => {
    let e = mergeEvidence({}, [check("client-id.format", "pass"), check("redirect-uri", "pass"), check("sign-in-audience", "warn")], "register-application", t(0));
    e = mergeEvidence(e, [check("redirect-uri", "fail")], "register-application", t(1));
    expect(stepState("register-application", e)).toMatchObject({ status: "failed", failing: ["redirect-uri"], done: 2 });
    e = mergeEvidence(e, [check("redirect-uri", "pass")], "register-application", t(2));
    expect(stepState("register-application", e).status).toBe("verified");
  });

  it("the live registration read confirms it with Microsoft; its failure fails the step", () => {
    const base = [check("client-id.format", "pass"), check("redirect-uri", "pass"), check("sign-in-audience", "pass")];
    const e = mergeEvidence({}, [...base, check("live.registration", "pass")], "register-application", t(0));
    expect(stepState("register-application", e).trust).toBe("microsoft");
    const f = mergeEvidence(e, [check("live.registration", "fail")], "register-application", t(1));
    expect(stepState("register-application", f)).toMatchObject({ status: "failed", failing: ["live.registration"], trust: null });
  });

  it("checks of other steps in the same report leave this step alone", () => {
    const e = mergeEvidence({}, [check("secret.shape", "pass"), check("permissions.resource", "fail")], "register-application", t(0));
    expect(e).toEqual({});
    expect(stepState("register-application", e).status).toBe("not_started");
  });
});

describe("client-secret", () => {
  it("the shape alone is not enough; a working live token completes it and confirms it with Microsoft", () => {
    let e = mergeEvidence({}, [check("secret.shape", "pass"), check("live.token", "skip")], "client-secret", t(0));
    expect(stepState("client-secret", e)).toMatchObject({ status: "in_progress", done: 1, total: 2, missing: ["secret.expiry"] });
    e = mergeEvidence(e, [check("secret.shape", "pass"), check("live.token", "pass")], "client-secret", t(1));
    expect(stepState("client-secret", e)).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("an unreachable Microsoft (error) keeps the last verdict instead of erasing it", () => {
    let e = mergeEvidence({}, [check("secret.shape", "pass"), check("live.token", "pass")], "client-secret", t(0));
    e = mergeEvidence(e, [check("live.token", "error")], "client-secret", t(1));
    expect(e["live.token"]!.status).toBe("pass");
    expect(stepState("client-secret", e).status).toBe("verified");
  });

  it("a later passing alternative outweighs an earlier failed one; a later failure of the token fails it", () => {
    let e = mergeEvidence({}, [check("secret.shape", "pass"), check("secret.expiry", "fail")], "client-secret", t(0));
    expect(stepState("client-secret", e).status).toBe("failed");
    e = mergeEvidence(e, [check("live.token", "pass")], "client-secret", t(1));
    expect(stepState("client-secret", e).status).toBe("verified");
    e = mergeEvidence(e, [check("live.token", "fail")], "client-secret", t(2));
    expect(stepState("client-secret", e)).toMatchObject({ status: "failed" });
  });

  it("Microsoft's refusal of the secret is not outweighed by a manifest pasted later: only a later working sign-in", () => {
    // AADSTS7000215: Microsoft refused the secret the customer has. A manifest listing an unexpired
    // secret says nothing about that one.
    let e = mergeEvidence({}, [check("secret.shape", "pass"), check("live.token", "fail")], "client-secret", t(0));
    expect(stepState("client-secret", e)).toMatchObject({ status: "failed", failing: ["live.token"] });
    e = mergeEvidence(e, [check("secret.expiry", "pass")], "client-secret", t(1));
    expect(stepState("client-secret", e)).toMatchObject({ status: "failed", failing: ["live.token"], trust: null });
    e = mergeEvidence(e, [check("live.token", "pass")], "client-secret", t(2));
    expect(stepState("client-secret", e)).toMatchObject({ status: "verified", trust: "microsoft" });
  });

  it("a signed-in read's secret.expiry about the app's latest secret (byStep {}) does not verify the step; 'every secret has expired' fails it", () => {
    let e = mergeEvidence({}, [check("secret.shape", "pass"), check("secret.expiry", "fail")], "client-secret", t(0));
    e = mergeEvidence(e, [{ ...check("secret.expiry", "pass"), byStep: {} }], "client-secret", t(1));
    expect(stepState("client-secret", e).status).toBe("failed");
    e = mergeEvidence({}, [check("secret.shape", "pass"), check("live.token", "pass")], "client-secret", t(0));
    e = mergeEvidence(e, [check("secret.expiry", "fail")], "client-secret", t(1));
    expect(stepState("client-secret", e).status).toBe("failed");
  });
});

describe("client-secret: a secret that is none of the pasted manifest's", () => {
  it("shape and expiry pass, secret.match fails: not verified; a later working sign-in verifies it with Microsoft", () => {
    let e = mergeEvidence({}, [check("secret.shape", "pass"), check("secret.match", "fail"), check("secret.expiry", "pass")], "client-secret", t(0));
    expect(stepState("client-secret", e)).toMatchObject({ status: "failed", failing: ["secret.match"] });
    // The same run's sign-in does not rescue it (the verdicts are of one moment: the engine already
    // turns secret.match into a warning when the sign-in was the manifest's own app).
    e = mergeEvidence(e, [check("live.token", "pass")], "client-secret", t(0));
    expect(stepState("client-secret", e).status).toBe("failed");
    e = mergeEvidence(e, [check("secret.shape", "pass"), check("live.token", "pass")], "client-secret", t(1));
    expect(stepState("client-secret", e)).toMatchObject({ status: "verified", trust: "microsoft" });
    // A later secret that again matches none of the manifest's hints fails it again.
    e = mergeEvidence(e, [check("secret.match", "fail")], "client-secret", t(2));
    expect(stepState("client-secret", e).status).toBe("failed");
  });

  it("only the named rescuer outweighs a blocking failure: a registration read does not prove admin consent", () => {
    let e = mergeEvidence({}, [check("permissions.resource", "pass"), check("permissions.financials", "pass"), check("permissions.user-impersonation", "pass"), check("consent.admin", "fail")], "api-permissions", t(0));
    e = mergeEvidence(e, [check("live.registration", "pass")], "api-permissions", t(1));
    expect(stepState("api-permissions", e)).toMatchObject({ status: "failed", failing: ["consent.admin"] });
  });
});

describe("live.registration: the registration read from Microsoft judges each step by that step's own facts", () => {
  const rules = {
    "register-application": [check("client-id.format", "pass"), check("redirect-uri", "pass"), check("sign-in-audience", "pass")],
    "api-permissions": [check("permissions.resource", "pass"), check("permissions.financials", "pass"), check("permissions.user-impersonation", "pass")],
  } as const;
  const live = (status: string, byStep: Record<string, string>) => ({ ...check("live.registration", status), byStep });

  it("a permission missing at Microsoft fails the permissions step, not a correct registration step", () => {
    const read = live("fail", { "register-application": "pass", "client-secret": "pass", "api-permissions": "fail" });
    const reg = mergeEvidence({}, [...rules["register-application"], read], "register-application", t(0));
    expect(stepState("register-application", reg)).toMatchObject({ status: "verified", failing: [], trust: "microsoft" });
    // The pasted permissions were right, Microsoft's are not: Microsoft wins.
    const perms = mergeEvidence({}, [...rules["api-permissions"], read], "api-permissions", t(0));
    const state = stepState("api-permissions", perms);
    expect(state).toMatchObject({ status: "failed", done: 3, failing: ["live.registration"], trust: null });
    expect(stepChecksText(state, state.status)).toBe("3 of 3 checks passed; to fix: the registration as Microsoft has it");
    // Fixed in the portal and read again: confirmed with Microsoft.
    const again = mergeEvidence(perms, [live("pass", { "register-application": "pass", "client-secret": "pass", "api-permissions": "pass" })], "api-permissions", t(1));
    expect(stepState("api-permissions", again)).toMatchObject({ status: "verified", failing: [], trust: "microsoft" });
  });

  it("a wrong redirect URI at Microsoft fails the registration step and leaves correct permissions confirmed", () => {
    const read = live("fail", { "register-application": "fail", "client-secret": "pass", "api-permissions": "pass" });
    expect(stepState("register-application", mergeEvidence({}, [...rules["register-application"], read], "register-application", t(0)))).toMatchObject({
      status: "failed",
      failing: ["live.registration"],
    });
    expect(stepState("api-permissions", mergeEvidence({}, [...rules["api-permissions"], read], "api-permissions", t(0)))).toMatchObject({
      status: "verified",
      trust: "microsoft",
    });
  });

  it("a step the check learnt nothing about gets no evidence from it (the registration lives in another tenant: a warning, not a confirmation)", () => {
    const notRead = live("warn", {});
    for (const step of ["register-application", "api-permissions"] as const) {
      const e = mergeEvidence({}, [...rules[step], notRead], step, t(0));
      expect(e["live.registration"]).toBeUndefined();
      expect(stepState(step, e)).toMatchObject({ status: "verified", trust: "rules" });
    }
  });
});

describe("api-permissions", () => {
  it("all three required; missing admin consent (signed-in check) fails the step", () => {
    const perms = [check("permissions.resource", "pass"), check("permissions.financials", "pass"), check("permissions.user-impersonation", "warn")];
    const e = mergeEvidence({}, perms, "api-permissions", t(0));
    expect(stepState("api-permissions", e)).toMatchObject({ status: "verified", trust: "rules" });
    const f = mergeEvidence(e, [check("consent.admin", "fail")], "api-permissions", t(1));
    expect(stepState("api-permissions", f)).toMatchObject({ status: "failed", failing: ["consent.admin"] });
    const g = mergeEvidence(f, [check("consent.admin", "pass")], "api-permissions", t(2));
    expect(stepState("api-permissions", g)).toMatchObject({ status: "verified", trust: "microsoft" });
  });
});

describe("stored evidence", () => {
  it("parses what was stored and drops what is malformed", () => {
    const stored: unknown = { "redirect-uri": { status: "pass", at: "2026-11-30T09:00:00.000Z" }, bad: { status: "maybe", at: "x" }, worse: null, "x.y": "pass" };
    expect(parseEvidence(stored)).toEqual({ "redirect-uri": { status: "pass", at: "2026-11-30T09:00:00.000Z" } } satisfies Evidence);
    expect(parseEvidence([1, 2])).toEqual({});
    expect(parseEvidence(null)).toEqual({});
  });
});

describe("how a step checked by the rules gets confirmed", () => {
  it("the registration and permissions by signing in (an app set up as the guide says gets 403 reading itself); the secret by a live check", () => {
    expect(CONFIRM_HOW["register-application"]).toMatch(/^signing in with Microsoft/);
    expect(CONFIRM_HOW["api-permissions"]).toMatch(/^signing in with Microsoft/);
    expect(CONFIRM_HOW["client-secret"]).toMatch(/^a live check/);
    for (const s of VERIFIABLE_STEPS) expect(CONFIRM_HOW[s]).not.toMatch(/live check or/);
  });
});

describe("evidence set aside for another app", () => {
  const A = { "redirect-uri": { status: "pass", at: "2026-11-30T09:00:00.000Z" }, [SUBJECT_KEY]: { clientId: "a" } };
  it("another app starts afresh and sets the old evidence aside; the old app again gets it back; nothing nests", () => {
    const toB = evidenceFor("register-application", A, { clientId: "b" });
    expect(toB).toEqual({ base: {}, aside: [A], changed: true });
    const storedB = { "redirect-uri": { status: "fail", at: "2026-11-30T10:00:00.000Z" }, [SUBJECT_KEY]: { clientId: "b" }, [STALE_KEY]: A };
    const back = evidenceFor("register-application", storedB, { clientId: "a" });
    expect(back.base).toEqual(A);
    expect(back.aside).toEqual([{ "redirect-uri": { status: "fail", at: "2026-11-30T10:00:00.000Z" }, [SUBJECT_KEY]: { clientId: "b" } }]);
    expect(parseEvidence(storedB)).toEqual({ "redirect-uri": { status: "fail", at: "2026-11-30T10:00:00.000Z" } });
    // A run that names no app adds to what is there.
    expect(evidenceFor("register-application", storedB, {}).changed).toBe(false);
  });
  it("several apps' evidence is kept aside, newest first, one entry per app, at most STALE_LIMIT; nothing nests", () => {
    const ev = (id: string) => ({ "redirect-uri": { status: "pass", at: "2026-11-30T09:00:00.000Z" }, [SUBJECT_KEY]: { clientId: id } });
    // a → b → c: both a's and b's evidence are aside; a comes back with b and c still aside.
    let stored: Record<string, unknown> = ev("a");
    for (const id of ["b", "c"]) {
      const { aside } = evidenceFor("register-application", stored, { clientId: id });
      stored = { ...ev(id), [STALE_KEY]: aside };
    }
    expect(stored[STALE_KEY]).toEqual([ev("b"), ev("a")]);
    const backToA = evidenceFor("register-application", stored, { clientId: "a" });
    expect(backToA).toEqual({ base: ev("a"), aside: [ev("c"), ev("b")], changed: true });
    // A row written before the list (one object): read as a list of one.
    expect(evidenceFor("register-application", { ...ev("b"), [STALE_KEY]: ev("a") }, { clientId: "a" }).base).toEqual(ev("a"));
    // Many switches: capped, the oldest dropped, one entry per app.
    stored = ev("x0");
    for (const id of ["x1", "x2", "x3", "x4", "x5", "x1"]) stored = { ...ev(id), [STALE_KEY]: evidenceFor("register-application", stored, { clientId: id }).aside };
    const aside = stored[STALE_KEY] as Record<string, unknown>[];
    expect(aside.map((e) => (e[SUBJECT_KEY] as { clientId: string }).clientId)).toEqual(["x5", "x4", "x3", "x2"]);
    expect(aside.length).toBe(STALE_LIMIT);
    for (const e of aside) expect(e[STALE_KEY]).toBeUndefined();
    // Junk under the key is ignored, not trusted.
    expect(evidenceFor("register-application", { ...ev("b"), [STALE_KEY]: ["x", 1, null] }, { clientId: "a" })).toEqual({ base: {}, aside: [ev("b")], changed: true });
  });
  it("the secret step: evidence about the secret held comes back before evidence about no secret; evidence naming no app is not kept aside", () => {
    const noSecret = { "secret.format": { status: "pass", at: "2026-11-30T09:00:00.000Z" }, [SUBJECT_KEY]: { clientId: "a" } };
    const s2 = { "live.token": { status: "pass", at: "2026-11-30T08:00:00.000Z" }, [SUBJECT_KEY]: { clientId: "a", secret: "s2" } };
    const stored = { [SUBJECT_KEY]: { clientId: "b", secret: "s3" }, [STALE_KEY]: [noSecret, s2] };
    expect(evidenceFor("client-secret", stored, { clientId: "a" }, "s2").base).toEqual(s2);
    // Secrets sent without a client ID: what is replaced names no app, so it could never come back and
    // takes no place from an app's evidence.
    let row: Record<string, unknown> = { ...s2 };
    for (const sec of ["s3", "s4", "s5", "s6", "s7"]) {
      const { base, aside } = evidenceFor("client-secret", row, { secret: sec }, sec);
      row = { ...base, [SUBJECT_KEY]: { secret: sec }, [STALE_KEY]: aside };
    }
    expect(row[STALE_KEY]).toEqual([s2]);
  });
  it("the secret step's set-aside evidence comes back only for the secret the setup holds", () => {
    const S = { "live.token": { status: "pass", at: "2026-11-30T09:00:00.000Z" }, [SUBJECT_KEY]: { clientId: "a", secret: "s1" } };
    const stored = { [SUBJECT_KEY]: { clientId: "b", secret: "s2" }, [STALE_KEY]: S };
    expect(evidenceFor("client-secret", stored, { clientId: "a" }, "s2")).toMatchObject({ base: {}, aside: [{ [SUBJECT_KEY]: { clientId: "b", secret: "s2" } }, S] });
    expect(evidenceFor("client-secret", stored, { clientId: "a" }, "s1").base).toEqual(S);
    expect(evidenceFor("client-secret", stored, { clientId: "a", secret: "s1" }, "s1").base).toEqual(S);
  });
  it("idsRefused: a sign-in refused for the IDs; not a signed-in read that found no registration (the app may be installed from another tenant)", () => {
    const r = (checks: object[]) => ({ guide: "dynamics365-business-central", summary: "fail", checks }) as never;
    expect(idsRefused(r([{ id: "live.token", status: "fail", byStep: {} }]))).toBe(true);
    expect(idsRefused(r([{ id: "live.registration", status: "warn", byStep: {} }]))).toBe(false);
    expect(idsRefused(r([{ id: "live.token", status: "fail" }]))).toBe(false);
    expect(idsRefused(r([{ id: "live.token", status: "error", byStep: {} }]))).toBe(false);
    expect(idsRefused(r([{ id: "live.registration", status: "fail", byStep: { "api-permissions": "fail" } }]))).toBe(false);
  });
});

describe("what a failed step names", () => {
  it("a failed step whose required checks all passed names the blocking check that failed it", () => {
    let e = mergeEvidence({}, [check("client-id.format", "pass"), check("redirect-uri", "pass"), check("sign-in-audience", "pass")], "register-application", t(0));
    e = mergeEvidence(e, [check("live.registration", "fail")], "register-application", t(1));
    const s = stepState("register-application", e);
    expect(stepChecksText({ ...s }, s.status)).toBe("3 of 3 checks passed; to fix: the registration as Microsoft has it");
    expect(stepChecksText({ done: 1, total: 2, missing: ["secret.expiry"], failing: ["secret.match"] }, "failed")).toBe(
      "1 of 2 checks passed; to fix: a secret of this app (it is none of the manifest's); still to check: the secret's expiry (paste the manifest) or a live check with Microsoft",
    );
    for (const s of VERIFIABLE_STEPS) for (const id of BLOCKING_CHECKS[s]) expect(BLOCKING_CHECK_TEXT[id], id).toBeTruthy();
  });

  it("only what failed is 'to fix'; what was never checked is 'still to check'", () => {
    // A redirect URI typed alone, with a trailing slash: the client ID and account type were not checked.
    const e = mergeEvidence({}, [check("redirect-uri", "fail")], "register-application", t(0));
    const s = stepState("register-application", e);
    expect(s).toMatchObject({ status: "failed", failing: ["redirect-uri"] });
    expect(stepChecksText(s, s.status)).toBe(
      "0 of 3 checks passed; to fix: the Web redirect URI; still to check: the Application (client) ID and the supported account types",
    );
    // A blocking failure is named even while required checks are missing (admin consent, with one permission unchecked).
    const p = mergeEvidence({}, [check("permissions.resource", "pass"), check("permissions.financials", "pass"), check("consent.admin", "fail")], "api-permissions", t(0));
    const ps = stepState("api-permissions", p);
    expect(stepChecksText(ps, ps.status)).toBe("2 of 3 checks passed; to fix: admin consent; still to check: user_impersonation (delegated)");
    // The secret Microsoft refused: its group (expiry or a live check) is the one to fix, not also "to check".
    const k = mergeEvidence({}, [check("secret.shape", "pass"), check("live.token", "fail")], "client-secret", t(0));
    const ks = stepState("client-secret", k);
    expect(stepChecksText(ks, ks.status)).toBe("1 of 2 checks passed; to fix: the sign-in Microsoft refused");
  });
});

describe("stuck at", () => {
  it("the step of the check that keeps failing, else the current step", () => {
    expect(stuckAt({ currentStep: "prerequisites", consecutiveFailures: 3, lastFailedCheck: "secret.shape" })).toBe("client-secret");
    expect(stuckAt({ currentStep: "prerequisites", consecutiveFailures: 2, lastFailedCheck: "secret.shape" })).toBe("prerequisites");
    expect(stuckAt({ currentStep: "register-application", consecutiveFailures: 5, lastFailedCheck: "no.such-check" })).toBe("register-application");
  });

  it("the step that check is failing, when it fails another step than its own (a permission missing at Microsoft)", () => {
    const steps = [
      { stepId: "register-application" as const, checks: { failing: [] } },
      { stepId: "client-secret" as const, checks: { failing: [] } },
      { stepId: "api-permissions" as const, checks: { failing: ["live.registration"] } },
      { stepId: "add-keys-to-portal" as const, checks: null },
    ];
    expect(stuckAt({ currentStep: "api-permissions", consecutiveFailures: 3, lastFailedCheck: "live.registration", steps })).toBe("api-permissions");
    expect(stuckAt({ currentStep: "register-application", consecutiveFailures: 3, lastFailedCheck: "live.registration" })).toBe("register-application");
  });
});

describe("failure streaks, one per failing check (who is stuck)", () => {
  const row = (failStreaks: unknown, lastFailedCheck: string | null = null, consecutiveFailures = 0) => ({ failStreaks, lastFailedCheck, consecutiveFailures });
  it("[A,B], [A,B], [B], [B]: B has failed 4 times in a row", () => {
    let r = nextFailStreaks(row({}), "fail", ["A", "B"])!;
    r = nextFailStreaks(row(r.streaks, r.check, r.longest), "fail", ["A", "B"])!;
    expect(r).toEqual({ streaks: { A: 2, B: 2 }, longest: 2, check: "A" });
    r = nextFailStreaks(row(r.streaks, r.check, r.longest), "fail", ["B"])!;
    r = nextFailStreaks(row(r.streaks, r.check, r.longest), "fail", ["B"])!;
    expect(r).toEqual({ streaks: { B: 4 }, longest: 4, check: "B" });
  });
  it("a run that could not check (error) keeps them; a passing or warning run clears them", () => {
    expect(nextFailStreaks(row({ A: 3 }, "A", 3), "error", [])).toBeUndefined();
    expect(nextFailStreaks(row({ A: 3 }, "A", 3), "warn", [])).toEqual({ streaks: {}, longest: 0, check: null });
  });
  it("a row from before per-check streaks: its single streak is the only one; malformed stored values are ignored", () => {
    expect(nextFailStreaks(row({}, "A", 5), "fail", ["A", "B"])).toEqual({ streaks: { A: 6, B: 1 }, longest: 6, check: "A" });
    expect(nextFailStreaks(row({ A: "x", B: -1, C: 2 }, "C", 2), "fail", ["A", "C"])).toEqual({ streaks: { A: 1, C: 3 }, longest: 3, check: "C" });
    expect(nextFailStreaks(row(null), "fail", ["A"])).toEqual({ streaks: { A: 1 }, longest: 1, check: "A" });
  });
});
