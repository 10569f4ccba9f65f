#!/usr/bin/env node
// `npm start`: install if needed, build if needed, start the database, then the site on http://localhost:3000.
//
// Database: with DATABASE_URL set, pending migrations are applied to it first. Without it, an
// embedded PostgreSQL starts with its data under .data/postgres (kept between runs), migrations are
// applied, and it is stopped cleanly when the site stops (Ctrl+C / SIGTERM).
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { requireSupportedNode } from "./lib/node-version.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
requireSupportedNode("start");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const dev = process.argv.includes("--dev");
// Every setting first, before installing, building or migrating: a refused start has changed nothing.
if (env.DATABASE_URL && !dev) {
  for (const [name, what] of [
    ["SECRET_FINGERPRINT_KEY", "it keys the fingerprints of client secrets"],
    ["BETTER_AUTH_SECRET", "it signs staff sessions"],
  ]) {
    if (!env[name]) {
      console.error(`start: set ${name} (at least 32 characters, e.g. \`openssl rand -base64 48\`) when DATABASE_URL is set; ${what}`);
      process.exit(1);
    }
  }
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
// Missing, or older than the lockfile (a `git pull` changed the dependencies): npm ci, whose postinstall
// also generates the Prisma client.
const installed = mtime("node_modules/.package-lock.json");
if (!installed || installed < mtime("package-lock.json")) {
  console.log(installed ? "start: package-lock.json changed; installing dependencies (npm ci)…" : "start: installing dependencies (npm ci)…");
  if (spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit", env }).status !== 0) {
    console.error("start: `npm ci` failed (is the npm registry reachable?)");
    process.exit(1);
  }
} else if (mtime("lib/db/generated/client.ts") < mtime("prisma/schema.prisma")) {
  console.log("start: prisma/schema.prisma changed; generating the Prisma client…");
  if (spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit", env }).status !== 0) process.exit(1);
}
/** Newest modification time under the sources the build depends on (so a `git pull` triggers a rebuild). */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    let st;
    try { st = statSync(p); } catch { return; }
    if (st.isDirectory()) { for (const e of readdirSync(p)) if (e !== "generated") walk(path.join(p, e)); }
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "content", "packages", "prisma", "proxy.ts", "instrumentation.ts", "next.config.js", "tsconfig.json", "package-lock.json", "postcss.config.mjs"]) walk(p);
  return newest;
}
// SITE_URL is required in production (lib/config.ts); a local run is served from its own port. The build
// is made for it (prerendered links, sitemap, HSTS: next.config.js writes .next/build-site-url), so a
// different SITE_URL means another build.
const port = process.env.PORT ?? "3000";
if (!env.SITE_URL && env.DATABASE_URL && !dev) {
  console.log(`start: SITE_URL is not set: links and the staff sign-in use http://localhost:${port}; on a real host set SITE_URL to its public https origin`);
}
env.SITE_URL ||= `http://localhost:${port}`;
const origin = (u) => {
  try {
    return new URL(u).origin;
  } catch {
    return u;
  }
};
const builtFor = existsSync(".next/build-site-url") ? origin(readFileSync(".next/build-site-url", "utf8").trim() || "http://localhost:3000") : null;
const built = existsSync(".next/BUILD_ID") ? statSync(".next/BUILD_ID").mtimeMs : 0;
const otherOrigin = builtFor !== null && builtFor !== origin(env.SITE_URL);
if (!dev && (built < newestSource() || otherOrigin)) {
  console.log(
    !built
      ? "start: building the site (next build)…"
      : otherOrigin
        ? `start: the last build was made for ${builtFor}, not ${origin(env.SITE_URL)}; rebuilding (next build)…`
        : "start: sources changed since the last build; rebuilding (next build)…",
  );
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit", env }).status !== 0) process.exit(1);
}

// ---- Database ----
const tsx = (script) => [process.execPath, ["--import", "tsx", script]];
let db = null; // the embedded PostgreSQL supervisor (scripts/db-serve.ts), when DATABASE_URL is unset

/** Starts scripts/db-serve.ts and resolves with the DATABASE_URL it prints once ready. */
function startEmbeddedDatabase() {
  const [cmd, args] = tsx("scripts/db-serve.ts");
  // Its own process group: a Ctrl+C (SIGINT to the terminal's group) or a supervisor signalling our group
  // reaches the site, not the database, which stops only after the site has finished its requests
  // (stopDatabase below) — or when our end of its stdin closes (we are gone).
  db = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"], env: { ...env, DB_SERVE_WATCH_STDIN: "1" }, detached: true });
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

/** A secret for a local run, generated once and kept in .data/ so it stays the same across restarts. */
function localSecret(file) {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const key = randomBytes(48).toString("base64url");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

if (env.DATABASE_URL) {
  const [cmd, args] = tsx("scripts/db-migrate.ts");
  if (spawnSync(cmd, args, { stdio: "inherit", env }).status !== 0) process.exit(1);
} else {
  try {
    env.DATABASE_URL = await startEmbeddedDatabase();
  } catch (e) {
    console.error(`start: ${e.message}`);
    process.exit(1);
  }
  // A local run on the embedded database: secrets generated once and kept beside the data.
  env.SECRET_FINGERPRINT_KEY ??= localSecret(".data/secret-fingerprint.key");
  env.BETTER_AUTH_SECRET ??= localSecret(".data/better-auth.secret");
  console.log("start: data lives in .data/postgres (embedded PostgreSQL, stopped with the site); to use your own server instead, set DATABASE_URL=postgresql://user:password@host:5432/dbname");
}

// ---- The site ----
// Next runs as our direct child (not under `npx`), so a SIGTERM or Ctrl+C we pass on reaches it.
// scripts/http-preload.cjs appends the socket address to X-Forwarded-For (see lib/http/client-ip.ts).
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// `next dev` serves from a forked child: it gets the preload through NODE_OPTIONS.
if (dev) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(path.join(root, "scripts", "http-preload.cjs"))}`.trim();
/** The database URL without its password, for the start line. */
function safeUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
const where = process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL, data in .data/postgres";
console.log(`start: serving ${env.SITE_URL} (port ${port}) with database ${safeUrl(env.DATABASE_URL)} (${where}); health: /api/health, ready: /api/ready`);
// With `output: "standalone"` (next.config.js) the built server is .next/standalone/server.js: `next start`
// warns it does not support that output, so we run the standalone server, after copying the static
// files next to it as Next's docs say (the Dockerfile does the same).
const standalone = path.join(root, ".next", "standalone", "server.js");
let serverArgs;
if (!dev && existsSync(standalone)) {
  const out = path.join(root, ".next", "standalone");
  cpSync(path.join(root, ".next", "static"), path.join(out, ".next", "static"), { recursive: true });
  if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
  env.PORT = port;
  env.HOSTNAME = process.env.HOST ?? "0.0.0.0"; // not the shell's HOSTNAME (the machine's name)
  // One worker per core (WEB_CONCURRENCY to choose), each with the preload: scripts/cluster.cjs.
  serverArgs = [path.join(root, "scripts", "cluster.cjs"), standalone];
} else {
  serverArgs = ["--require", path.join(root, "scripts", "http-preload.cjs"), nextBin, dev ? "dev" : "start", "-p", port];
}
const child = spawn(process.execPath, serverArgs, { stdio: "inherit", env });
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
