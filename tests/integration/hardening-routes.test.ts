// Regression tests of the "Hardening" issue's smaller items, on a real PostgreSQL: the resume link
// asks before replacing another setup; cookie-less POSTs to /verify can't create setups without
// limit; the support timeline is paged; a NUL in the support search is removed, said and audited;
// every customer server action answers a clear error to a non-form argument; a bad `next` is ignored.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    getAll: () => [...request.jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => request.jar.set(name, value),
    delete: (name: string) => request.jar.delete(name),
  }),
}));

import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { GET as resumeGet, POST as resumePost } from "@/app/(site)/resume/[id]/route";
import ChoosePage from "@/app/(site)/resume/[id]/choose/page";
import { POST as verifyPost } from "@/app/verify/route";
import { confirmStepAction, startStepAction, trackProgressAction, verifyStep } from "@/lib/actions/customer";
import { NOT_A_FORM_MESSAGE } from "@/lib/http/action-input";
import { SETUP_COOKIE } from "@/lib/customer/cookie";
import { setupCreatePolicy } from "@/lib/customer/creation-limit";
import { getSetup, parseRunPage, RUNS_PER_PAGE } from "@/lib/progress";
import { parseListParams } from "@/lib/support/filters";
import { safeNextPath } from "@/lib/auth";

let db: TestDatabase;
const ORIGIN = "http://localhost:3000";

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(() => {
  request.jar.clear();
  request.headers = new Headers({ host: "localhost:3000", "x-forwarded-for": "203.0.113.5" });
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function makeSetup(publicId: string, companyName: string) {
  return db.prisma.setup.create({ data: { publicId, guide: "dynamics365-business-central", companyName, contactEmail: `it@${companyName.toLowerCase()}.example`, currentStep: "client-secret", status: "in_progress" } });
}

function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  const el = node as { type?: unknown; props?: Record<string, unknown> };
  if (!el.props) return "";
  if (typeof el.type === "function") return textOf((el.type as (p: unknown) => unknown)(el.props));
  return textOf(el.props.children);
}

describe("resume link: no silent replacement of another setup", () => {
  const A = "setup-a-0000000000000001";
  const B = "setup-b-0000000000000002";
  beforeAll(async () => {
    await makeSetup(A, "Alpha");
    await makeSetup(B, "Bravo");
  });

  it("no cookie, or the same setup → sets the cookie and opens the guide, as before", async () => {
    let res = await resumeGet(new Request(`${ORIGIN}/resume/${A}`), params(A));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/guides\/.*resumed=1/);
    expect(res.headers.get("set-cookie")).toContain(`${SETUP_COOKIE}=${A}`);
    request.jar.set(SETUP_COOKIE, A);
    res = await resumeGet(new Request(`${ORIGIN}/resume/${A}`), params(A));
    expect(res.headers.get("set-cookie")).toContain(`${SETUP_COOKIE}=${A}`);
  });

  it("a cookie naming another existing setup → the choice page, cookie untouched; it shows both", async () => {
    request.jar.set(SETUP_COOKIE, A);
    const res = await resumeGet(new Request(`${ORIGIN}/resume/${B}`), params(B));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/resume/${B}/choose`);
    expect(res.headers.get("set-cookie")).toBeNull();
    const page = textOf(await ChoosePage(params(B)));
    expect(page).toContain("Alpha");
    expect(page).toContain("Bravo");
    expect(page).toContain("it@alpha.example");
    expect(page).toMatch(/Create a client secret/);
    expect(page).toMatch(/Keep this browser.s setup/);
    expect(page).toMatch(/Switch to the link.s setup/);
  });

  it("the POSTed choice: keep or switch; refused cross-site or without the visitor's own id", async () => {
    request.jar.set(SETUP_COOKIE, A);
    const post = (fields: Record<string, string>, origin = ORIGIN) =>
      resumePost(new Request(`${ORIGIN}/resume/${B}`, { method: "POST", headers: { origin, host: "localhost:3000", "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() }), params(B));
    const keep = await post({ keep: "current", current: A });
    expect(keep.status).toBe(303);
    expect(keep.headers.get("set-cookie")).toContain(`${SETUP_COOKIE}=${A}`);
    const sw = await post({ keep: "link", current: A });
    expect(sw.headers.get("set-cookie")).toContain(`${SETUP_COOKIE}=${B}`);
    expect((await post({ keep: "link", current: A }, "https://evil.example")).status).toBe(403);
    const forged = await post({ keep: "link", current: "someone-elses-setup-id" });
    expect(forged.status).toBe(409);
    expect(forged.headers.get("set-cookie")).toBeNull();
    expect((await post({ keep: "link" })).status).toBe(409);
  });

  it("a stale cookie (its setup is gone) → resumes the link's setup", async () => {
    request.jar.set(SETUP_COOKIE, "gone-setup-000000000000");
    const res = await resumeGet(new Request(`${ORIGIN}/resume/${B}`), params(B));
    expect(res.headers.get("set-cookie")).toContain(`${SETUP_COOKIE}=${B}`);
  });
});

describe("POST /verify without a cookie: setup creation is limited per client", () => {
  it(`creates at most ${setupCreatePolicy().points} setups per client, then answers 429; spoofed X-Forwarded-For doesn't help`, async () => {
    const before = await db.prisma.setup.count();
    const statuses: number[] = [];
    for (let i = 0; i < setupCreatePolicy().points + 5; i++) {
      request.jar.clear();
      request.headers = new Headers({ host: "localhost:3000", "x-forwarded-for": `10.0.${i}.1, 198.51.100.60` });
      const res = await verifyPost(
        new Request(`${ORIGIN}/verify`, {
          method: "POST",
          headers: { origin: ORIGIN, host: "localhost:3000", "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ step: "register-application", mode: "fields", clientId: "aaaaaaaa-0001-4000-8000-000000000001" }).toString(),
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(setupCreatePolicy().points);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await db.prisma.setup.count()) - before).toBeLessThanOrEqual(setupCreatePolicy().points);
  });
});

describe("setup creation is charged only for valid input", () => {
  it("empty or broken submissions from one network never use up its allowance: the next valid one still starts a setup", async () => {
    const post = (body: Record<string, string>) =>
      verifyPost(
        new Request(`${ORIGIN}/verify`, {
          method: "POST",
          headers: { origin: ORIGIN, host: "localhost:3000", "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(body).toString(),
        }),
      );
    const before = await db.prisma.setup.count();
    for (let i = 0; i < setupCreatePolicy().points + 3; i++) {
      request.jar.clear();
      request.headers = new Headers({ host: "localhost:3000", "x-forwarded-for": "198.51.100.77" });
      // An empty panel (no evidence) and a broken manifest, alternately: both answered, neither starts a setup.
      const res = await post(i % 2 ? { step: "register-application", mode: "fields" } : { mode: "manifest", manifest: "{ not json" });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/reports\/unsaved\?t=/);
      const action = new FormData();
      action.set("step", "client-secret");
      action.set("mode", "fields");
      expect((await verifyStep(action)).phase).toBe("invalid");
    }
    expect(await db.prisma.setup.count()).toBe(before);
    request.jar.clear();
    const ok = await post({ step: "register-application", mode: "fields", clientId: "aaaaaaaa-0001-4000-8000-000000000001" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(/^\/reports\/[^u]/);
    expect(await db.prisma.setup.count()).toBe(before + 1);
  });
});

describe("server actions check their argument", () => {
  it("every customer action answers a clear error to a non-FormData argument", async () => {
    for (const bad of ["x", 42, null, { get: 1 }, []]) {
      expect(await verifyStep(bad as unknown as FormData)).toEqual({ phase: "invalid", error: { code: "not_a_form", message: NOT_A_FORM_MESSAGE, field: null } });
      for (const action of [trackProgressAction, confirmStepAction, startStepAction]) {
        expect(await action(bad as unknown as FormData)).toEqual({ ok: false, message: NOT_A_FORM_MESSAGE });
      }
    }
  });
});

describe("support", () => {
  it("the timeline is paged: 20 runs a page, the latest problem whatever the page", async () => {
    const setup = await makeSetup("many-runs-0000000000001", "Many");
    const base = Date.now() - 1_000_000;
    await db.prisma.verificationRun.createMany({
      data: Array.from({ length: 279 }, (_, i) => ({
        publicId: `many-run-${String(i).padStart(4, "0")}`,
        setupId: setup.id,
        stepId: "register-application",
        source: "form" as const,
        summary: i === 0 ? ("fail" as const) : ("pass" as const),
        failedChecks: i === 0 ? ["redirect-uri"] : [],
        durationMs: 5,
        createdAt: new Date(base + i * 1000),
        report: { checks: [{ id: "redirect-uri", status: i === 0 ? "fail" : "pass" }] },
      })),
    });
    const opts = { recentRuns: RUNS_PER_PAGE, latestProblem: true, now: new Date() };
    const first = await getSetup(setup.publicId, opts);
    expect(first!.recentRuns).toHaveLength(RUNS_PER_PAGE);
    expect(first!.totalRuns).toBe(279);
    expect(first!.runPages).toBe(14);
    expect(first!.recentRuns[0]!.publicId).toBe("many-run-0278");
    expect(first!.latestProblemRun?.publicId).toBe("many-run-0000");
    const last = await getSetup(setup.publicId, { ...opts, runPage: 99 });
    expect(last!.runPage).toBe(14);
    expect(last!.recentRuns.map((r) => r.publicId)).toEqual(Array.from({ length: 19 }, (_, i) => `many-run-${String(18 - i).padStart(4, "0")}`));
    expect(parseRunPage("3")).toBe(3);
    for (const bad of ["0", "-1", "x", undefined, ["2"], "1e9"]) expect(parseRunPage(bad)).toBe(1);
  });

  it("a NUL (or any control character) in the search is removed and said", () => {
    const { params: p, errors } = parseListParams({ q: "\u0000" });
    expect(p.q).toBeUndefined();
    expect(errors).toEqual([{ field: "q", message: expect.stringMatching(/control characters/) }]);
    const mixed = parseListParams(new URLSearchParams("q=acme%00corp"));
    expect(mixed.params.q).toBe("acmecorp");
    expect(mixed.errors).toHaveLength(1);
  });

  it("a bad `next` after sign-in is ignored", () => {
    for (const bad of ["/support\r\n", "/support%0d%0a\r\nSet-Cookie: x=1", "/support\u0000", "//evil.example", "/supportx", "https://evil.example/support", "/support\\evil"]) {
      expect(safeNextPath(bad), JSON.stringify(bad)).toBe("/support");
    }
    expect(safeNextPath("/support/setups/abc?x=1")).toBe("/support/setups/abc?x=1");
    expect(safeNextPath("/support?status=failing")).toBe("/support?status=failing");
  });
});
