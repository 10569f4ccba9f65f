// Every support page, server action and route handler checks the staff session on the server
// itself: called directly without a session they redirect to sign-in (pages, actions) or answer
// 401 (routes) and write nothing; with a session, each view writes an audit row.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    getAll: () => [...request.jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, opts?: { maxAge?: number }) => {
      if (value === "" || opts?.maxAge === 0) request.jar.delete(name);
      else request.jar.set(name, value);
    },
    delete: (name: string) => request.jar.delete(name),
  }),
}));

import { createTestDatabase } from "../helpers/db";
import type { PrismaClient } from "@/lib/db";
import { createStaffUser } from "@/lib/auth/staff";
import { SIGN_IN_MAX_ATTEMPTS } from "@/lib/auth/auth";
import SetupsPage from "@/app/support/page";
import SetupPage from "@/app/support/setups/[publicId]/page";
import InsightsPage from "@/app/support/insights/page";
import AuditPage from "@/app/support/audit/page";
import SignInPage from "@/app/support/sign-in/page";
import { signInAction, signOutAction } from "@/lib/actions/support";
import { GET as exportCsv } from "@/app/api/support/export/route";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";

const PASSWORD = "support staff password";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
let setupPublicId: string;

async function thrown(p: unknown): Promise<{ digest?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { digest?: string };
  }
  throw new Error("expected a redirect or not-found, but the call returned normally");
}

async function redirectTarget(p: unknown): Promise<string> {
  const err = await thrown(p);
  if (!err.digest?.startsWith("NEXT_REDIRECT;")) throw err;
  return err.digest.split(";").slice(2, -2).join(";");
}

function signedOut(ip = "10.9.0.1") {
  request.headers = new Headers({ "x-forwarded-for": ip, "user-agent": "vitest-browser" });
  request.jar.clear();
}

function cookieHeader(): string {
  return [...request.jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

async function signIn(ip: string): Promise<void> {
  signedOut(ip);
  const form = new FormData();
  form.set("email", "Grace@example.com");
  form.set("password", PASSWORD);
  form.set("next", "/support/insights");
  expect(await redirectTarget(signInAction({}, form))).toBe("/support/insights");
  request.headers = new Headers({ "x-forwarded-for": ip, "user-agent": "vitest-browser", cookie: cookieHeader() });
}

/** The text of a rendered element tree (server components return plain React elements). */
function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  const props = (node as { props?: Record<string, unknown> }).props;
  if (!props) return "";
  return [props.children, ...Object.values(props).filter((v) => typeof v === "object" && v && "props" in (v as object))].map(textOf).join(" ");
}

const auditCount = (action?: string) => prisma.auditEvent.count({ where: action ? { action } : {} });

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  await createStaffUser(prisma, { email: "grace@example.com", name: "Grace", password: PASSWORD }, { secret: "x".repeat(40), baseURL: "http://localhost:3000" });
  const setup = await prisma.setup.create({
    data: {
      publicId: "acme-setup-public-id",
      guide: "dynamics365-business-central",
      companyName: "ACME Corp",
      contactEmail: "it@acme.example",
      status: "failing",
      currentStep: "register-application",
      clientId: "11111111-2222-4333-8444-555555555555",
      failedRuns: 3,
      consecutiveFailures: 3,
      lastFailedCheck: "redirect-uri",
    },
  });
  setupPublicId = setup.publicId;
  await prisma.verificationRun.create({
    data: {
      publicId: "acme-run-1",
      setupId: setup.id,
      stepId: "register-application",
      source: "form",
      summary: "fail",
      failedChecks: ["redirect-uri"],
      durationMs: 12,
      report: {
        guide: "dynamics365-business-central",
        summary: "fail",
        checks: [{ id: "redirect-uri", status: "fail", title: "Web redirect URI", detail: "trailing slash", fix: "Remove the trailing slash" }],
      },
    },
  });
});

afterAll(async () => {
  await db?.drop();
});

describe("without a staff session", () => {
  beforeEach(() => signedOut());

  it("every support page redirects to sign-in with the way back", async () => {
    const sp = (o: Record<string, string>) => ({ searchParams: Promise.resolve(o) });
    expect(await redirectTarget(SetupsPage(sp({ q: "acme", status: "failing" })))).toBe(
      `/support/sign-in?next=${encodeURIComponent("/support?q=acme&status=failing")}`,
    );
    expect(await redirectTarget(SetupPage({ params: Promise.resolve({ publicId: setupPublicId }) }))).toBe(
      `/support/sign-in?next=${encodeURIComponent(`/support/setups/${setupPublicId}`)}`,
    );
    // An unknown setup redirects too: existence is not revealed before the session check.
    expect(await redirectTarget(SetupPage({ params: Promise.resolve({ publicId: "does-not-exist" }) }))).toMatch(/^\/support\/sign-in\?next=/);
    expect(await redirectTarget(InsightsPage(sp({ days: "7" })))).toBe(`/support/sign-in?next=${encodeURIComponent("/support/insights?days=7")}`);
    expect(await redirectTarget(AuditPage(sp({})))).toBe(`/support/sign-in?next=${encodeURIComponent("/support/audit")}`);
    expect(await auditCount()).toBe(0);
  });

  it("the sign-out action redirects to sign-in and records nothing", async () => {
    expect(await redirectTarget(signOutAction())).toBe(`/support/sign-in?next=${encodeURIComponent("/support")}`);
    expect(await auditCount()).toBe(0);
  });

  it("the CSV export answers 401 (or sends a browser to sign-in) and records nothing", async () => {
    const api = await exportCsv(new Request("http://localhost:3000/api/support/export?status=failing"));
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "unauthorized" } });
    const browser = await exportCsv(new Request("http://localhost:3000/api/support/export?status=failing", { headers: { accept: "text/html" } }));
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe(`/support/sign-in?next=${encodeURIComponent("/support?status=failing")}`);
    const forged = await exportCsv(
      new Request("http://localhost:3000/api/support/export", { headers: { cookie: "staff.session_token=forged.value" } }),
    );
    expect(forged.status).toBe(401);
    expect(await auditCount()).toBe(0);
  });

  it("Better Auth's route gives no session and no sign-up", async () => {
    const session = await authGet(new Request("http://localhost:3000/api/auth/get-session"));
    expect(await session.json()).toBeNull();
    const signUp = await authPost(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": "10.9.9.9" },
        body: JSON.stringify({ email: "intruder@example.com", password: "intruder-password", name: "I" }),
      }),
    );
    expect(signUp.status).toBe(404);
    expect(await prisma.staffUser.count({ where: { email: "intruder@example.com" } })).toBe(0);
  });
});

describe("signing in through the form's server action", () => {
  it("names the missing field, refuses a wrong password, then rate-limits", async () => {
    signedOut("10.8.0.1");
    const empty = new FormData();
    expect(await signInAction({}, empty)).toMatchObject({ fieldErrors: { email: "Enter your email address", password: "Enter your password" } });
    const wrong = new FormData();
    wrong.set("email", "grace@example.com");
    wrong.set("password", "definitely wrong");
    const results = [];
    for (let i = 0; i <= SIGN_IN_MAX_ATTEMPTS; i++) results.push(await signInAction({}, wrong));
    expect(results[0]).toEqual({ email: "grace@example.com", error: "Wrong email or password." });
    expect(results.at(-1)?.error).toMatch(/Too many sign-in attempts/);
    expect(request.jar.size).toBe(0);
    expect(await auditCount("auth.sign_in_failed")).toBe(SIGN_IN_MAX_ATTEMPTS);
    expect(await auditCount("auth.sign_in_rate_limited")).toBe(1);
    const failed = await prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in_failed" } });
    expect(failed).toMatchObject({ actorEmail: "grace@example.com", actorId: null, ip: "10.8.0.1", userAgent: "vitest-browser" });
  });

  it("a signed-in visit to the sign-in page goes on to the console", async () => {
    await signIn("10.7.0.1");
    expect(await redirectTarget(SignInPage({ searchParams: Promise.resolve({ next: "/support/audit" }) }))).toBe("/support/audit");
  });
});

describe("with a staff session", () => {
  beforeAll(async () => {
    await signIn("10.6.0.1");
  });

  it("opening a setup renders it and records who viewed it, from where", async () => {
    const before = await auditCount("setup.view");
    await SetupPage({ params: Promise.resolve({ publicId: setupPublicId }) });
    expect(await auditCount("setup.view")).toBe(before + 1);
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setup.view" }, orderBy: { at: "desc" } });
    expect(row).toMatchObject({
      actorEmail: "grace@example.com",
      targetType: "setup",
      targetId: setupPublicId,
      ip: "10.6.0.1",
      userAgent: "vitest-browser",
    });
    expect(row.actorId).toBeTruthy();
  });

  it("an unknown setup is a 404, not an error", async () => {
    const err = await thrown(SetupPage({ params: Promise.resolve({ publicId: "no-such-setup" }) }));
    expect(err.digest).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it("searching, insights and export each write an audit row", async () => {
    await SetupsPage({ searchParams: Promise.resolve({ q: "acme" }) });
    const list = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.list" }, orderBy: { at: "desc" } });
    expect(list.details).toMatchObject({ filters: { q: "acme" }, matches: 1 });

    const before = await auditCount("insights.view");
    await InsightsPage({ searchParams: Promise.resolve({ days: "90" }) });
    expect(await auditCount("insights.view")).toBe(before + 1);

    const res = await exportCsv(
      new Request("http://localhost:3000/api/support/export?q=acme", { headers: request.headers }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("ACME Corp");
    const exp = await prisma.auditEvent.findFirstOrThrow({ where: { action: "setups.export_csv" } });
    expect(exp.details).toMatchObject({ filters: { q: "acme" } });
    expect(exp.ip).toBe("10.6.0.1");
  });

  it("the audit page lists the events", async () => {
    const el = await AuditPage({ searchParams: Promise.resolve({}) });
    const text = textOf(el);
    expect(text).toContain("grace@example.com");
    expect(text).toContain("Viewed setup");
    expect(text).toContain(setupPublicId);
  });

  it("signing out ends the session: the same cookie no longer opens anything", async () => {
    const cookie = request.headers.get("cookie")!;
    expect(await redirectTarget(signOutAction())).toBe("/support/sign-in?signedOut=1");
    expect(await auditCount("auth.sign_out")).toBe(1);
    request.headers = new Headers({ cookie, "x-forwarded-for": "10.6.0.1" });
    expect(await redirectTarget(SetupPage({ params: Promise.resolve({ publicId: setupPublicId }) }))).toMatch(/^\/support\/sign-in/);
    const res = await exportCsv(new Request("http://localhost:3000/api/support/export", { headers: { cookie } }));
    expect(res.status).toBe(401);
  });
});
