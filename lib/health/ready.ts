// Readiness: PostgreSQL answers AND every migration in prisma/migrations is applied.
// GET /api/ready answers 200 {status:"ready"} or 503 {status:"not-ready", reason} — never a stack trace.
// The migrations check (schema engine, ≈ 0.4 s) is cached for a few seconds and shared by concurrent
// requests; the database ping runs on every request (it is one `SELECT 1`).
import "server-only";
import { databaseUrl, getPgPool } from "../db";
import { migrationStatus } from "../db/migrate";

export interface ReadinessDeps {
  /** Resolves when PostgreSQL answers a trivial query. */
  ping(): Promise<void>;
  /** Names of migrations in the folder that are not applied (or failed / edited / unknown): [] when up to date. */
  migrationProblems(): Promise<string[]>;
  /** How long a migrations result is reused, in ms. */
  cacheMs?: number;
  now?: () => number;
}

export type Readiness =
  | { status: "ready" }
  | { status: "not-ready"; reason: "database-unreachable" | "migrations-pending" | "migrations-check-failed"; message: string; pending?: string[] };

const PING_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      timer.unref?.();
    }),
  ]);
}

/** The production dependencies: the app's own pool for the ping, the schema engine on DATABASE_URL. */
export function defaultReadinessDeps(): ReadinessDeps {
  return {
    async ping() {
      await getPgPool().query("SELECT 1");
    },
    migrationProblems: () => migrationProblemsAt(databaseUrl()),
  };
}

/** Migration problems of the database at `url` (lib/db/migrate.ts migrationStatus), as names. */
export async function migrationProblemsAt(url: string, dir?: string): Promise<string[]> {
  const s = await migrationStatus(url, dir ? { dir } : {});
  if (s.upToDate) return [];
  return [...s.pending, ...s.failed.map((n) => `${n} (failed)`), ...s.edited.map((n) => `${n} (edited)`), ...s.unknown.map((n) => `${n} (not in this build)`)];
}

export interface ReadinessChecker {
  check(): Promise<Readiness>;
}

/** A checker with its own migrations cache (one per process in the app; one per test). */
export function readinessChecker(deps: ReadinessDeps | (() => ReadinessDeps)): ReadinessChecker {
  let cached: { at: number; problems: string[] } | undefined;
  let inFlight: Promise<string[]> | undefined;
  let resolved: ReadinessDeps | undefined;
  const d = () => (resolved ??= typeof deps === "function" ? deps() : deps);

  async function problems(): Promise<string[]> {
    const now = d().now?.() ?? Date.now();
    if (cached && now - cached.at < (d().cacheMs ?? 5000)) return cached.problems;
    inFlight ??= d()
      .migrationProblems()
      .then((p) => {
        // Only an up-to-date answer is worth caching for long; a pending one is rechecked next time too.
        cached = { at: d().now?.() ?? Date.now(), problems: p };
        return p;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    async check(): Promise<Readiness> {
      try {
        await withTimeout(d().ping(), PING_TIMEOUT_MS, "PostgreSQL");
      } catch (e) {
        cached = undefined;
        return { status: "not-ready", reason: "database-unreachable", message: `PostgreSQL does not answer: ${oneLine(e)}` };
      }
      let pending: string[];
      try {
        pending = await problems();
      } catch (e) {
        return { status: "not-ready", reason: "migrations-check-failed", message: `Could not read the migration history: ${oneLine(e)}` };
      }
      if (pending.length > 0) {
        return {
          status: "not-ready",
          reason: "migrations-pending",
          message: `${pending.length} migration(s) not applied: run \`npm run db:migrate\``,
          pending,
        };
      }
      return { status: "ready" };
    },
  };
}

/** One line, no stack, no connection string (a password could be in one). */
function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split("\n")[0] ?? "").replace(/postgres(ql)?:\/\/\S+/gi, "postgresql://…").slice(0, 200);
}

/** The Response of GET /api/ready for a readiness result. */
export function readinessResponse(r: Readiness): Response {
  return Response.json(r, { status: r.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

let processChecker: ReadinessChecker | undefined;
/** The process's checker (its cache lives as long as the process). */
export function appReadiness(): ReadinessChecker {
  processChecker ??= readinessChecker(defaultReadinessDeps);
  return processChecker;
}
