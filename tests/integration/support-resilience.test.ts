// The support console when things go wrong, and what it keeps out of its audit trail:
//  - PostgreSQL down during the staff session lookup: every page says so in the console's frame (no
//    redirect to sign-in, no error page); the console's error page is worded for staff, without a stack;
//  - an audit row that cannot be written: the list, insights and audit log are still shown, a setup's
//    page says why it is not (instead of failing);
//  - viewing the audit log is itself audited, with its filters;
//  - a client secret pasted into a search box or filter is never stored in the audit trail.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

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

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTestDatabase } from "../helpers/db";
import { closeDatabase, createDatabase, setPrismaForTests, type PrismaClient } from "@/lib/db";
import { createStaffUser } from "@/lib/auth/staff";
import { hasSecretShape } from "@/lib/verify/secret-shapes";
import SetupsPage from "@/app/support/page";
import SetupPage from "@/app/support/setups/[publicId]/page";
import InsightsPage from "@/app/support/insights/page";
import AuditPage from "@/app/support/audit/page";
import SupportErrorPage from "@/app/support/error";
import { signInAction } from "@/lib/actions/support";
import { GET as exportCsv } from "@/app/api/support/export/route";
import { POST as authPost } from "@/app/api/auth/[...all]/route";

const PASSWORD = "resilient staff password";
const SESSION_DOWN = "The database did not answer, so we could not check your session. Try again in a moment.";
/** A current-format client secret (azure-facts.md: 3 characters, a digit, "Q~", 31–34 more). */
const SECRET = "Xy78Q~aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3";
/** An older-format one: 44 characters of base64 ending in "=". */
const OLDER_SECRET = "k3J9sPq2LmN8vR4tX7wY1zA5bC6dE0fG2hI4jK6lM8n=";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;

async function redirectTarget(p: unknown): Promise<string> {
  try {
    await p;
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (!digest?.startsWith("NEXT_REDIRECT;")) throw err;
    return digest.split(";").slice(2, -2).join(";");
  }
  throw new Error("expected a redirect");
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

const sp = (o: Record<string, string>) => ({ searchParams: Promise.resolve(o) });
const setupPage = () => SetupPage({ params: Promise.resolve({ publicId: "resilient-setup-0001" }) });
const latest = (action: string) => prisma.auditEvent.findFirst({ where: { action }, orderBy: { at: "desc" } });

/** Makes every INSERT into audit_event fail (a full disk, a lost permission) while reads still work. */
async function auditWritesFail<T>(fn: () => Promise<T>): Promise<T> {
  await db.pool.query(`
    CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit write refused'; END $$;
    CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
  try {
    return await fn();
  } finally {
    await db.pool.query(`DROP TRIGGER refuse_audit ON audit_event; DROP FUNCTION refuse_audit();`);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  await createStaffUser(prisma, { email: "lin@example.com", name: "Lin", password: PASSWORD }, { secret: "r".repeat(40), baseURL: "http://localhost:3000" });
  await prisma.setup.create({
    data: { publicId: "resilient-setup-0001", guide: "dynamics365-business-central", companyName: "Resilient Ltd", status: "failing", currentStep: "client-secret" },
  });
  request.headers = new Headers({ "x-forwarded-for": "10.41.0.1", "user-agent": "vitest-browser" });
  request.jar.clear();
  const form = new FormData();
  form.set("email", "lin@example.com");
  form.set("password", PASSWORD);
  form.set("next", "/support");
  expect(await redirectTarget(signInAction({}, form))).toBe("/support");
  const cookie = [...request.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  request.headers = new Headers({ "x-forwarded-for": "10.41.0.1", "user-agent": "vitest-browser", cookie });
});

afterAll(async () => {
  await db?.drop();
});

describe("PostgreSQL down during the staff session lookup", () => {
  it("every console page says the session could not be checked: no redirect to sign-in, no error page", async () => {
    const down = createDatabase("postgresql://postgres@127.0.0.1:9/closed", { max: 1 });
    setPrismaForTests(down.prisma, down.pool);
    const cookie = request.headers.get("cookie")!;
    try {
      const pages: [string, () => Promise<unknown>][] = [
        ["list", () => SetupsPage(sp({ q: "resilient" }))],
        ["setup", setupPage],
        ["insights", () => InsightsPage(sp({ days: "30" }))],
        ["audit", () => AuditPage(sp({}))],
      ];
      // The cookie checked by the one-query fast path, and (with "don't remember me") by Better Auth's own getSession.
      for (const headers of [cookie, `${cookie}; staff.dont_remember=x`]) {
        request.headers = new Headers({ "x-forwarded-for": "10.41.0.1", "user-agent": "vitest-browser", cookie: headers });
        for (const [name, render] of pages) {
          const text = textOf(await render());
          expect({ name, text: text.trim() }).toEqual({ name, text: SESSION_DOWN });
        }
      }
    } finally {
      request.headers = new Headers({ "x-forwarded-for": "10.41.0.1", "user-agent": "vitest-browser", cookie });
      setPrismaForTests(db.prisma, db.pool);
      await closeDatabase(down);
    }
  });

  it("the console's error page is worded for staff and shows neither the message nor the stack", () => {
    const error = Object.assign(new Error("relation \"setup\" does not exist at secret internals"), { digest: "1234567890" });
    const html = renderToStaticMarkup(createElement(SupportErrorPage, { error, reset: () => undefined }));
    expect(html).toContain("This console page could not be shown");
    expect(html).toContain("1234567890");
    expect(html).toContain('href="/support"');
    expect(html).not.toContain("does not exist");
    expect(html).not.toContain(error.stack!.split("\n")[1]!.trim());
    // Not the customers' wording.
    expect(html).not.toMatch(/tell Codat support|Nothing you saved/);
  });
});

describe("an audit row that cannot be written", () => {
  it("a setup's page says why it is not shown instead of failing; the list, insights and audit log are still shown", async () => {
    await auditWritesFail(async () => {
      const setup = textOf(await setupPage());
      expect(setup).toContain("Could not record this view in the audit log");
      expect(setup).not.toContain("Resilient Ltd");
      expect(textOf(await SetupsPage(sp({ q: "resilient" })))).toContain("setup matches");
      expect(textOf(await InsightsPage(sp({ days: "30" })))).toContain("Step funnel");
      expect(textOf(await AuditPage(sp({})))).toContain("Audit log");
    });
    expect(await prisma.auditEvent.count({ where: { action: { in: ["setup.view", "setups.list", "insights.view", "audit.view"] } } })).toBe(0);
    // And once the database takes writes again, the setup is shown (and audited).
    expect(textOf(await setupPage())).toContain("Resilient Ltd");
    expect(await latest("setup.view")).toMatchObject({ targetId: "resilient-setup-0001", actorEmail: "lin@example.com" });
  });
});

describe("viewing the audit log", () => {
  it("writes an audit.view row with its filters, who and from where", async () => {
    const before = await prisma.auditEvent.count({ where: { action: "audit.view" } });
    const text = textOf(await AuditPage(sp({ actor: "lin", action: "audit.view" })));
    // Recorded after the listing: the view is not among its own rows...
    expect(text).toContain("No audit events match.");
    expect(await prisma.auditEvent.count({ where: { action: "audit.view" } })).toBe(before + 1);
    const row = await latest("audit.view");
    expect(row).toMatchObject({ actorEmail: "lin@example.com", ip: "10.41.0.1", userAgent: "vitest-browser" });
    expect(row!.actorId).toBeTruthy();
    expect(row!.details).toEqual({ filters: { actor: "lin", action: "audit.view" } });
    // ...but the next view shows it, with its filters.
    expect(textOf(await AuditPage(sp({ actor: "lin", action: "audit.view" })))).toContain("actor=lin, action=audit.view");
  });

  it("without a session, redirects and records nothing", async () => {
    const saved = request.headers;
    request.headers = new Headers({ "x-forwarded-for": "10.41.0.9" });
    const before = await prisma.auditEvent.count();
    try {
      expect(await redirectTarget(AuditPage(sp({ actor: "lin" })))).toBe(`/support/sign-in?next=${encodeURIComponent("/support/audit?actor=lin")}`);
    } finally {
      request.headers = saved;
    }
    expect(await prisma.auditEvent.count()).toBe(before);
  });
});

describe("a client secret pasted into the console", () => {
  it("is never stored in the audit trail: search box, export filters, audit-log filters, a sign-in's email", async () => {
    expect(hasSecretShape(SECRET)).toBe(true);
    await SetupsPage(sp({ q: `resilient ${SECRET}` }));
    const list = await latest("setups.list");
    const q = (list!.details as { filters: { q: string } }).filters.q;
    expect(q).toBe("resilient Xy7…(secret removed)");

    await SetupsPage(sp({ q: OLDER_SECRET }));
    expect((await latest("setups.list"))!.details).toMatchObject({ filters: { q: "k3J…(secret removed)" } });

    const res = await exportCsv(new Request(`http://localhost:3000/api/support/export?q=${encodeURIComponent(SECRET)}`, { headers: request.headers }));
    expect(res.status).toBe(200);
    await res.text();
    expect((await latest("setups.export_csv"))!.details).toMatchObject({ filters: { q: "Xy7…(secret removed)" } });

    await AuditPage(sp({ actor: SECRET, target: SECRET.slice(0, 40) }));
    expect((await latest("audit.view"))!.details).toMatchObject({ filters: { actor: "Xy7…(secret removed)", target: "Xy7…(secret removed)" } });

    const signIn = await authPost(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": "10.41.0.2" },
        body: JSON.stringify({ email: SECRET, password: "not the password at all" }),
      }),
    );
    expect(signIn.status).toBeGreaterThanOrEqual(400);

    const everything = JSON.stringify(await prisma.auditEvent.findMany());
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("Q~");
    expect(everything).not.toContain(OLDER_SECRET);
    // The search still found what it could: the secret is kept out of the trail, not out of the search.
    expect(list!.details).toMatchObject({ matches: 0 });
  });
});
