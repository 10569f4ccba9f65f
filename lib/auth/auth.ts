// Staff sign-in with Better Auth on our Prisma schema: email + password (scrypt hashing by the
// library), sessions in the staff_session table, sign-in attempts rate-limited in the
// auth_rate_limit table (shared by every app instance). Sign-up is closed over HTTP: staff users
// are created only by `npm run staff:create` (createStaffUser), which builds its own instance.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { log } from "../log";
import type { PrismaClient } from "../db";

/** Sign-in attempts allowed per client IP (successful or not) in SIGN_IN_WINDOW_SECONDS. */
/** Sign-in attempts per address per window (STAFF_SIGN_IN_RATE_LIMIT overrides it in config). */
export const SIGN_IN_MAX_ATTEMPTS = 5;
export const SIGN_IN_WINDOW_SECONDS = 60;
export const MIN_PASSWORD_LENGTH = 12;
export const SESSION_DAYS = 7;
/** A session is extended (another SESSION_DAYS) on the first use this long after its last extension. */
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;
/** Mount point of Better Auth's handler (app/api/auth/[...all]/route.ts). */
export const AUTH_BASE_PATH = "/api/auth";
export const COOKIE_PREFIX = "staff";
/** The header Better Auth reads the client address from; lib/auth/http.ts sets it on every request. */
export const CLIENT_IP_HEADER = "x-bc-client-ip";

/**
 * The only Better Auth endpoints served over HTTP: sign-in (through lib/auth/http.ts: lockout, audit),
 * sign-out, the session, and the library's own health and error pages.
 */
export const HTTP_AUTH_PATHS = ["/sign-in/email", "/sign-out", "/get-session", "/ok", "/error"] as const;

/**
 * Every other HTTP endpoint of better-auth 1.7 (its dist/api/routes, checked against the installed
 * version; tests/integration/support-auth-paths.test.ts fails when an upgrade adds one that is not
 * here): answered 404 by Better Auth itself. Sign-up, changing a user, their email or password,
 * checking a password outside the guarded sign-in (/verify-password has no lockout and no audit),
 * password resets, listing and revoking sessions, linked accounts and OAuth. A path with a parameter
 * (/reset-password/:token, /callback/:id) is refused by lib/auth/http.ts for every path below one
 * of these. /set-password is server-only in Better Auth (no HTTP route).
 */
export const DISABLED_AUTH_PATHS = [
  "/sign-up/email",
  "/update-user",
  "/change-email",
  "/change-password",
  "/verify-password",
  "/delete-user",
  "/delete-user/callback",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
  "/update-session",
  "/list-sessions",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/sign-in/social",
  "/callback",
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/account-info",
  "/get-access-token",
  "/refresh-token",
] as const;

export interface StaffAuthOptions {
  prisma: PrismaClient;
  secret: string;
  /** Origin the site is served from (decides Secure cookies and the trusted origin). */
  baseURL: string;
  /** Only the staff:create CLI passes true; the web app never allows sign-up. */
  allowSignUp?: boolean;
  /** Sign-in attempts per address per minute (default SIGN_IN_MAX_ATTEMPTS). */
  signInMaxAttempts?: number;
}

export function createStaffAuth(options: StaffAuthOptions) {
  const allowSignUp = options.allowSignUp === true;
  return betterAuth({
    appName: "Business Central setup — support",
    baseURL: options.baseURL,
    basePath: AUTH_BASE_PATH,
    secret: options.secret,
    trustedOrigins: [new URL(options.baseURL).origin],
    database: prismaAdapter(options.prisma, { provider: "postgresql" }),
    user: {
      modelName: "staffUser",
      additionalFields: { role: { type: "string", required: false, input: false, defaultValue: "support" } },
    },
    session: {
      modelName: "staffSession",
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
    },
    account: { modelName: "staffAccount" },
    verification: { modelName: "staffVerification" },
    emailAndPassword: {
      enabled: true,
      disableSignUp: !allowSignUp,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
    },
    // Staff accounts are managed by the CLI only: nothing that creates or changes a user, checks a
    // password (outside the guarded sign-in) or lists and revokes sessions is reachable over HTTP.
    disabledPaths: [...DISABLED_AUTH_PATHS],
    // Better Auth's own warnings and errors go through the structured logger (never its arguments,
    // which may hold request data).
    logger: {
      level: "warn",
      log: (level, message) => {
        const l = level === "debug" ? "debug" : level === "info" ? "info" : level === "warn" ? "warn" : "error";
        log()[l]({ event: "better-auth" }, message);
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "authRateLimit",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: SIGN_IN_WINDOW_SECONDS, max: options.signInMaxAttempts ?? SIGN_IN_MAX_ATTEMPTS },
      },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // The client address is set by lib/auth/http.ts (handleAuthRequest) from lib/http/client-ip.ts,
      // overwriting anything a client sent in this header; X-Forwarded-For is never read here.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // Secure cookies whenever the site is served over https (Better Auth's own default also looks at NODE_ENV).
      useSecureCookies: options.baseURL.startsWith("https://"),
    },
    telemetry: { enabled: false },
    // Lets session refreshes inside server actions write their cookie through next/headers (must be last).
    plugins: [nextCookies()],
  });
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
