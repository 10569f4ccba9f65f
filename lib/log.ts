// Structured logs: pino, one JSON object per line (production, tests); human-readable through
// pino-pretty in development when it is installed (else JSON too). LOG_LEVEL sets the level.
//
//   import { log, requestIdFrom } from "@/lib/log";
//   log().info({ event: "api.verify", requestId, status: 200, failedChecks: ["redirect-uri"] }, "verify API request");
//
// What goes in: ids, statuses, check ids, timings. Never a secret, token, cookie, password or the
// verification input (which may hold a secret). `redact` below is the second line of defence: those
// keys are censored wherever a caller puts them by mistake.
import "server-only";
import { requestIdOf } from "./http/request-id";
import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type { Logger };

/** Keys censored at the top level and one level down (pino's redact paths). */
const SENSITIVE = [
  "secret",
  "clientSecret",
  "password",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "cookie",
  "authorization",
  "code",
  "state",
  "input",
  "manifest",
  "body",
  "CHECKER_CLIENT_SECRET",
  "BETTER_AUTH_SECRET",
  "SECRET_FINGERPRINT_KEY",
];
export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((k) => `*.${k}`),
  'headers["x-api-key"]',
  'req.headers["x-api-key"]',
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
];

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function level(): string {
  const l = (process.env.LOG_LEVEL ?? "").toLowerCase();
  if ((LEVELS as readonly string[]).includes(l)) return l;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

export function loggerOptions(overrides: { level?: string } = {}): LoggerOptions {
  return {
    level: overrides.level ?? level(),
    base: { service: "bc-setup-checker" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** pino-pretty as a synchronous stream (no worker thread), when installed and wanted. */
function prettyStream(): DestinationStream | undefined {
  if (process.env.NODE_ENV !== "development" || process.env.LOG_FORMAT === "json") return undefined;
  try {
    const req = createRequire(path.join(process.cwd(), "package.json"));
    const name = "pino-pretty";
    const pretty = req(name) as (o: Record<string, unknown>) => DestinationStream;
    return pretty({ sync: true, colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service" });
  } catch {
    return undefined;
  }
}

/** A logger writing to `destination` (tests capture lines this way), else stdout. */
export function createLogger(destination?: DestinationStream, overrides: { level?: string } = {}): Logger {
  const dest = destination ?? prettyStream();
  return dest ? pino(loggerOptions(overrides), dest) : pino(loggerOptions(overrides));
}

const holder = globalThis as unknown as { __bcSetupCheckerLog?: Logger };
let override: Logger | undefined;

/** The process's logger. */
export function log(): Logger {
  if (override) return override;
  holder.__bcSetupCheckerLog ??= createLogger();
  return holder.__bcSetupCheckerLog;
}

/** Tests: route log() to this logger (null: back to the process's). */
export function setLoggerForTests(logger: Logger | null): void {
  override = logger ?? undefined;
}

/** The request id: the proxy's X-Request-Id when it is a plain token, else a new UUID. */
export function requestIdFrom(headers?: Headers | null): string {
  return requestIdOf(headers?.get("x-request-id"));
}

/** Ids of the checks of a report with this status. */
export function checkIdsWith(report: { checks: ReadonlyArray<{ id: string; status: string }> }, status: string): string[] {
  return report.checks.filter((c) => c.status === status).map((c) => c.id);
}
