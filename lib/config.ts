// Environment variables, validated once with zod. A bad value fails with one line naming the variable.
// Each layer adds its own keys here; the README's configuration table lists them all.
import { z } from "zod";

/** An http(s) base URL for a Microsoft service; plain http is allowed on loopback only (the fakes). */
function serviceUrl() {
  return z.string().refine((v) => {
    try {
      const u = new URL(v);
      if (u.protocol === "https:") return true;
      return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
    } catch {
      return false;
    }
  }, "must be an https:// URL (http:// only on 127.0.0.1 or localhost)");
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Public origin of the site, for absolute links (sitemap, Open Graph, resume links). */
  SITE_URL: z.string().url().default("http://localhost:3000"),
  /** PostgreSQL connection string. Unset: `npm start` runs an embedded PostgreSQL and sets it. */
  DATABASE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine((v) => {
        try {
          const u = new URL(v);
          return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.host !== "";
        } catch {
          return false;
        }
      }, "must be a postgres:// or postgresql:// URL, e.g. postgresql://user:password@localhost:5432/dbname")
      .optional(),
  ),
  /** Key of the HMAC fingerprint of client secrets (at least 32 characters). Required in production;
   *  in development and tests one is generated and kept in .data/secret-fingerprint.key. */
  SECRET_FINGERPRINT_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)").optional(),
  ),
  /** Better Auth's signing secret for staff sessions (at least 32 characters). Required in production;
   *  in development and tests one is generated and kept in .data/better-auth.secret. */
  BETTER_AUTH_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)").optional(),
  ),
  /** Origin Better Auth serves staff sign-in from (cookie security, origin checks). Default: SITE_URL. */
  BETTER_AUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  /** Support console: a setup with no activity for this many days is flagged "stuck". */
  SUPPORT_STUCK_DAYS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(365).default(3)),
  /** Checker: where msal-node's https://login.microsoftonline.com requests go (the fake Entra ID in tests
   *  and demos: `tsx tests/fakes/entra.ts`). https, or http on loopback only. */
  ENTRA_LOGIN_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), serviceUrl().default("https://login.microsoftonline.com")),
  /** Checker: Microsoft Graph base URL for reading the app's own registration (the fake in tests). */
  GRAPH_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), serviceUrl().default("https://graph.microsoft.com")),
  /** Checker: time budget of all live requests of one verification, in ms. */
  LIVE_CHECK_TIMEOUT_MS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(200).max(60_000).default(8000)),
  /** API: live verifications allowed per client (IP or API key) per window. */
  VERIFY_LIVE_RATE_LIMIT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(10)),
  /** Staff sign-in attempts per address per minute (Better Auth's rule; the per-account lockout is apart). */
  STAFF_SIGN_IN_RATE_LIMIT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(10_000).default(5)),
  /** New setups per client per hour (a cookie-less verification or progress post starts one). */
  SETUP_CREATE_RATE_LIMIT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(20)),
  /** API: the rate-limit window, in seconds. */
  VERIFY_LIVE_RATE_WINDOW_SECONDS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(86_400).default(600)),
  /** API: comma-separated API keys (sent as X-Api-Key); each gets its own rate-limit bucket instead of its IP's. */
  VERIFY_API_KEYS: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
  /** Structured log level (lib/log.ts); default info (silent in tests). */
  LOG_LEVEL: z.preprocess((v) => (v === "" ? undefined : typeof v === "string" ? v.toLowerCase() : v), z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  /** `json` keeps JSON log lines in development too (default there: pino-pretty). */
  LOG_FORMAT: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["json", "pretty"]).optional()),
  /** How many proxies in front of the app append to X-Forwarded-For (lib/http/client-ip.ts): 0 = none,
   *  the client is the socket peer; 1 = one proxy (load balancer), the client is the address it appended. */
  TRUSTED_PROXY_HOPS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(10).default(0)),
  /** "Sign in with Microsoft to check": the application (client) ID of our own multi-tenant checker
   *  registration (README, "The checker's own registration"). Set with CHECKER_CLIENT_SECRET, or neither. */
  CHECKER_CLIENT_ID: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be the checker registration's Application (client) ID, a GUID").optional(),
  ),
  /** The checker registration's client secret value (never logged). */
  CHECKER_CLIENT_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(8, "must be the client secret's Value").max(512).optional()),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

let cached: Config | undefined;

/**
 * Parses process.env (or the given record) once; throws a ConfigError with a one-line message.
 * `{ site: false }`: for command-line scripts that serve no pages (db:*, verify CLI), which don't need SITE_URL.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, options: { site?: boolean } = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw invalid(parsed.error);
  if (!!parsed.data.CHECKER_CLIENT_ID !== !!parsed.data.CHECKER_CLIENT_SECRET) {
    const missing = parsed.data.CHECKER_CLIENT_ID ? "CHECKER_CLIENT_SECRET" : "CHECKER_CLIENT_ID";
    throw new ConfigError(`Missing environment variable ${missing}: set both CHECKER_CLIENT_ID and CHECKER_CLIENT_SECRET (Sign in with Microsoft), or neither`);
  }
  // Resume/share links, sitemap and the staff sign-in origin all come from SITE_URL: a production
  // server must not fall back to http://localhost:3000.
  // (`next build` also runs with NODE_ENV=production: the build itself may go without.)
  if (options.site !== false && parsed.data.NODE_ENV === "production" && !env.SITE_URL?.trim() && env.NEXT_PHASE !== "phase-production-build") {
    throw new ConfigError("Missing environment variable SITE_URL: required in production (the public origin, e.g. https://setup.example.com)");
  }
  return parsed.data;
}

function invalid(error: z.ZodError): ConfigError {
  const issue = error.issues[0]!;
  return new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
}

/**
 * Only the named variables, validated by the same definitions as loadConfig (same defaults, same one-line
 * errors), for a script that reads nothing else: the verify CLI needs no database, web server or sign-in,
 * so a DATABASE_URL, NODE_ENV or CHECKER_CLIENT_ID meant for the server is none of its business.
 */
export function loadConfigOf<K extends keyof Config>(keys: readonly K[], env: Record<string, string | undefined> = process.env): Pick<Config, K> {
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as Partial<Record<keyof Config, true>>;
  const parsed = schema.pick(mask).safeParse(env);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data as Pick<Config, K>;
}

export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
