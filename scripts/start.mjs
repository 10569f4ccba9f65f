#!/usr/bin/env node
// `npm start`: install if needed, build if needed, start the database, then the site on http://localhost:3000.
//
// Database: with DATABASE_URL set, pending migrations are applied to it first. Without it, an
// embedded PostgreSQL starts with its data under .data/postgres (kept between runs), migrations are
// applied, and it is stopped cleanly when the site stops (Ctrl+C / SIGTERM).
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const dev = process.argv.includes("--dev");
if (!existsSync("node_modules/.package-lock.json")) {
  console.log("start: installing dependencies (npm ci)…");
  if (spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit", env }).status !== 0) {
    console.error("start: `npm ci` failed (is the npm registry reachable?)");
    process.exit(1);
  }
}
if (!dev && !existsSync(".next/BUILD_ID")) {
  console.log("start: building the site (next build)…");
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit", env }).status !== 0) process.exit(1);
}

// ---- Database ----
const tsx = (script) => [process.execPath, ["--import", "tsx", script]];
let db = null; // the embedded PostgreSQL supervisor (scripts/db-serve.ts), when DATABASE_URL is unset

/** Starts scripts/db-serve.ts and resolves with the DATABASE_URL it prints once ready. */
function startEmbeddedDatabase() {
  const [cmd, args] = tsx("scripts/db-serve.ts");
  db = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"], env: { ...env, DB_SERVE_WATCH_STDIN: "1" } });
  return new Promise((resolve, reject) => {
    let out = "";
    db.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/^DATABASE_URL=(\S+)$/m);
      if (m) resolve(m[1]);
    });
    db.on("exit", (code) => reject(new Error(`the embedded PostgreSQL stopped (exit ${code})`)));
  });
}

/** The fingerprint key of client secrets for a local run: kept in .data so fingerprints stay comparable. */
function localFingerprintKey() {
  const file = ".data/secret-fingerprint.key";
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const key = randomBytes(48).toString("base64url");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

if (env.DATABASE_URL) {
  const [cmd, args] = tsx("scripts/db-migrate.ts");
  if (spawnSync(cmd, args, { stdio: "inherit", env }).status !== 0) process.exit(1);
  if (!env.SECRET_FINGERPRINT_KEY && !dev) {
    console.error("start: set SECRET_FINGERPRINT_KEY (at least 32 characters, e.g. `openssl rand -base64 48`) when DATABASE_URL is set; it keys the fingerprints of client secrets");
    process.exit(1);
  }
} else {
  try {
    env.DATABASE_URL = await startEmbeddedDatabase();
  } catch (e) {
    console.error(`start: ${e.message}`);
    process.exit(1);
  }
  env.SECRET_FINGERPRINT_KEY ??= localFingerprintKey();
  console.log("start: data lives in .data/postgres (embedded PostgreSQL, stopped with the site); to use your own server instead, set DATABASE_URL=postgresql://user:password@host:5432/dbname");
}

// ---- The site ----
const child = spawn("npx", ["next", dev ? "dev" : "start", "-p", process.env.PORT ?? "3000"], { stdio: "inherit", env });
let stopping = false;
function stopDatabase() {
  if (!db || db.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    db.removeAllListeners("exit");
    db.on("exit", resolve);
    db.kill("SIGTERM");
  });
}
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    stopping = true;
    child.kill(sig);
  });
}
db?.removeAllListeners("exit");
db?.on("exit", (code) => {
  if (stopping) return;
  console.error(`start: the embedded PostgreSQL stopped unexpectedly (exit ${code}); stopping the site`);
  stopping = true;
  child.kill("SIGTERM");
});
child.on("exit", async (code) => {
  await stopDatabase();
  process.exit(code ?? 0);
});
