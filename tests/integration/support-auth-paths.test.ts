// Better Auth's HTTP endpoints (/api/auth/*): only sign-in (guarded: lockout, audit), sign-out and
// the session are served. Everything that changes a staff user, checks a password outside the guarded
// sign-in, resets one, or lists or revokes sessions answers 404 through the real route handler, even
// to a signed-in staff member with the right password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import type { PrismaClient } from "@/lib/db";
import { getAuth } from "@/lib/auth";
import { DISABLED_AUTH_PATHS, HTTP_AUTH_PATHS } from "@/lib/auth/auth";
import { createStaffUser } from "@/lib/auth/staff";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";

const ORIGIN = "http://localhost:3000";
const PASSWORD = "the staff password 1";
const NEW_PASSWORD = "another staff password 2";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let prisma: PrismaClient;
let cookie: string;

function post(path: string, body: unknown, withCookie = true): Request {
  return new Request(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": "10.31.0.1", ...(withCookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

function get(path: string): Request {
  return new Request(`${ORIGIN}/api/auth${path}`, { headers: { origin: ORIGIN, "x-forwarded-for": "10.31.0.1", cookie } });
}

async function signIn(password: string): Promise<Response> {
  return authPost(post("/sign-in/email", { email: "ada@example.com", password }, false));
}

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = db.prisma;
  await createStaffUser(prisma, { email: "ada@example.com", name: "Ada", password: PASSWORD }, { secret: "z".repeat(40), baseURL: ORIGIN });
  const res = await signIn(PASSWORD);
  expect(res.status).toBe(200);
  cookie = res.headers.get("set-cookie")!.split(";")[0]!;
});

afterAll(async () => {
  await db?.drop();
});

describe("/api/auth over HTTP", () => {
  it("every endpoint of the installed Better Auth is either served on purpose or disabled", () => {
    const served = new Set<string>(HTTP_AUTH_PATHS);
    const disabled = new Set<string>(DISABLED_AUTH_PATHS);
    const paths = Object.values(getAuth().api as Record<string, { path?: string }>)
      .map((e) => e.path)
      .filter((p): p is string => typeof p === "string");
    expect(paths.length).toBeGreaterThan(20);
    // A path with a parameter (/reset-password/:token, /callback/:id) is covered by its first part.
    const unaccounted = paths.filter((p) => !served.has(p) && !disabled.has(p) && !disabled.has(p.replace(/\/:[^/]+$/, "")));
    expect(unaccounted).toEqual([]);
    for (const p of ["/verify-password", "/change-password", "/update-user", "/delete-user", "/change-email", "/list-sessions", "/revoke-sessions", "/reset-password", "/request-password-reset"]) {
      expect(paths).toContain(p);
      expect(disabled.has(p)).toBe(true);
    }
  });

  it("refuses password checks and changes, user changes, resets and session lists to a signed-in staff member", async () => {
    const posts: [string, unknown][] = [
      ["/verify-password", { password: PASSWORD }],
      ["/change-password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, revokeOtherSessions: true }],
      ["/update-user", { name: "Mallory" }],
      ["/change-email", { newEmail: "mallory@example.com" }],
      ["/delete-user", { password: PASSWORD }],
      ["/request-password-reset", { email: "ada@example.com", redirectTo: "/support" }],
      ["/reset-password", { newPassword: NEW_PASSWORD, token: "x" }],
      ["/revoke-sessions", {}],
      ["/revoke-other-sessions", {}],
      ["/revoke-session", { token: "x" }],
      ["/update-session", {}],
      ["/send-verification-email", { email: "ada@example.com" }],
      ["/unlink-account", { providerId: "credential" }],
      // Spelt differently: a trailing slash (Better Auth strips it) or a path below a disabled one.
      ["/verify-password/", { password: PASSWORD }],
      ["/change-password/x", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
    ];
    for (const [path, body] of posts) {
      const res = await authPost(post(path, body));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    for (const path of ["/list-sessions", "/list-accounts", "/account-info", "/reset-password/some-token?callbackURL=/support", "/delete-user/callback?token=x", "/verify-email?token=x"]) {
      const res = await authGet(get(path));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    // Nothing changed: same name and email, the old password still signs in, the session still works.
    expect(await prisma.staffUser.findUniqueOrThrow({ where: { email: "ada@example.com" }, select: { name: true } })).toEqual({ name: "Ada" });
    expect(await prisma.staffUser.count({ where: { email: "mallory@example.com" } })).toBe(0);
    expect((await signIn(NEW_PASSWORD)).status).toBe(401);
    expect((await signIn(PASSWORD)).status).toBe(200);
    const session = await authGet(get("/get-session"));
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { email: "ada@example.com" } });
  });

  it("/verify-password is refused with or without a session, right or wrong password", async () => {
    const wrong = await authPost(post("/verify-password", { password: "wrong wrong wrong" }, false));
    expect(wrong.status).toBe(404);
    const right = await authPost(post("/verify-password", { password: PASSWORD }));
    expect(right.status).toBe(404);
    expect(await right.text()).not.toMatch(/status|true/);
  });
});
