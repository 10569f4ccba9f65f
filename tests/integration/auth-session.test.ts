// getStaff, the session check of every support page: its one-query path for a valid session gives
// what Better Auth gives, and everything else (bad signature, revoked, expired, due for its daily
// extension) still goes through Better Auth, which refuses or extends exactly as before.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { authBaseURL, getAuth, getStaff } from "@/lib/auth";
import { SESSION_DAYS } from "@/lib/auth/auth";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { createStaffUser } from "@/lib/auth/staff";
import { config } from "@/lib/config";

const PASSWORD = "a long staff password";
const DAY = 86_400_000;
let db: TestDatabase;

async function signIn(): Promise<{ cookie: string; token: string }> {
  const res = await getAuth().api.signInEmail({
    body: { email: "lin@example.com", password: PASSWORD },
    asResponse: true,
    headers: new Headers({ origin: authBaseURL() }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const token = decodeURIComponent(/session_token=([^;]+)/.exec(cookie)![1]!).split(".")[0]!;
  return { cookie, token };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await createStaffUser(db.prisma, { email: "lin@example.com", password: PASSWORD, name: "Lin" }, { secret: resolveAuthSecret(config()), baseURL: authBaseURL() });
});

afterAll(async () => {
  await db?.drop();
});

describe("getStaff", () => {
  it("resolves a valid session to the staff member, as Better Auth does", async () => {
    const { cookie, token } = await signIn();
    const betterAuth = vi.spyOn(getAuth().api, "getSession");
    const staff = await getStaff(new Headers({ cookie }));
    expect(betterAuth).not.toHaveBeenCalled(); // the one-query path
    betterAuth.mockRestore();
    const session = await db.prisma.staffSession.findUniqueOrThrow({ where: { token }, include: { user: true } });
    expect(staff).toEqual({ userId: session.userId, email: "lin@example.com", name: "Lin", role: "support", sessionId: session.id });
    const viaBetterAuth = await getAuth().api.getSession({ headers: new Headers({ cookie }) });
    expect(viaBetterAuth?.session.id).toBe(staff?.sessionId);
  });

  it("refuses a cookie whose signature is wrong, or no cookie", async () => {
    const { cookie } = await signIn();
    const forged = cookie.replace(/(session_token=[^.;]+\.)(.)/, (_, a: string, b: string) => `${a}${b === "A" ? "B" : "A"}`);
    expect(forged).not.toBe(cookie);
    expect(await getStaff(new Headers({ cookie: forged }))).toBeNull();
    expect(await getStaff(new Headers())).toBeNull();
    expect(await getStaff(new Headers({ cookie: "staff.session_token=nothing" }))).toBeNull();
  });

  it("answers a request without a session cookie at once, without Better Auth (the sign-in page, visitors)", async () => {
    const betterAuth = vi.spyOn(getAuth().api, "getSession");
    expect(await getStaff(new Headers())).toBeNull();
    expect(await getStaff(new Headers({ cookie: "theme=dark; bc_setup_marker=1" }))).toBeNull();
    expect(betterAuth).not.toHaveBeenCalled();
    // A session cookie (even a bad one) still goes the whole way.
    expect(await getStaff(new Headers({ cookie: "staff.session_token=nothing" }))).toBeNull();
    expect(betterAuth).toHaveBeenCalledTimes(1);
    betterAuth.mockRestore();
  });

  it("refuses a revoked session and an expired one at once", async () => {
    const a = await signIn();
    await db.prisma.staffSession.delete({ where: { token: a.token } });
    expect(await getStaff(new Headers({ cookie: a.cookie }))).toBeNull();
    const b = await signIn();
    await db.prisma.staffSession.update({ where: { token: b.token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getStaff(new Headers({ cookie: b.cookie }))).toBeNull();
  });

  it("lets Better Auth extend a session last extended more than a day ago", async () => {
    const { cookie, token } = await signIn();
    const old = new Date(Date.now() + (SESSION_DAYS - 2) * DAY);
    await db.prisma.staffSession.update({ where: { token }, data: { expiresAt: old } });
    const betterAuth = vi.spyOn(getAuth().api, "getSession");
    expect((await getStaff(new Headers({ cookie })))?.email).toBe("lin@example.com");
    expect(betterAuth).toHaveBeenCalledTimes(1);
    betterAuth.mockRestore();
    const after = await db.prisma.staffSession.findUniqueOrThrow({ where: { token } });
    expect(after.expiresAt.getTime()).toBeGreaterThan(old.getTime() + DAY);
  });
});
