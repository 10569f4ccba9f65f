#!/usr/bin/env node
// The production server: the standalone server.js in WEB_CONCURRENCY worker processes (default: one
// per core, os.availableParallelism()) sharing one port through Node's cluster module, as PM2's
// cluster mode does. One Node process renders one page at a time; with one process per core, pages
// render side by side instead of queueing. `npm start` (scripts/start.mjs), the Dockerfile, the
// benchmarks and scripts/two-instances.ts all start the site through this file.
//
//   node scripts/cluster.cjs .next/standalone/server.js
//
// Each worker runs with scripts/http-preload.cjs preloaded (X-Forwarded-For from the socket, 405s,
// precompressed pages) and the primary's own Node flags (e.g. --cpu-prof). The workers share nothing
// in memory: what a worker caches is either read-only build output (guide navigation, CSP hashes,
// precompressed pages) or short-lived and per process by design (the list's total, at most 30 s old;
// the readiness check); rate limits, lockouts, sessions and sign-in state live in PostgreSQL, as they
// must for several instances anyway. Each worker has its own database pool (10 connections).
//
// SIGTERM / SIGINT: passed to every worker (Next closes its server and exits), then the primary exits;
// workers still running after 10 s are killed. A worker that exits before it ever listened (a bad
// configuration, a port in use) stops the whole server with its exit code, so a supervisor sees the
// failure; a worker that dies after it listened is replaced — unless it exits with 78 (EX_CONFIG), the
// code of instrumentation.ts's start-up check of the configuration (lib/startup.ts), which Next runs
// after it listens: another worker would fail the same way, so the server stops with that code.
"use strict";
const cluster = require("node:cluster");
const os = require("node:os");
const path = require("node:path");

const STOP_GRACE_MS = 10_000;
/** lib/startup.ts's EXIT_CONFIG: the configuration is wrong; no worker can start. */
const EXIT_CONFIG = 78;

/** Workers to run: WEB_CONCURRENCY when it is a whole number ≥ 1, else one per core. */
function workerCount(env = process.env) {
  const raw = (env.WEB_CONCURRENCY ?? "").trim();
  if (raw !== "") {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`cluster: WEB_CONCURRENCY must be a whole number ≥ 1 (got "${raw}")`);
      process.exit(1);
    }
    return n;
  }
  return Math.max(1, os.availableParallelism());
}

function main() {
  const server = process.argv[2];
  if (!server) {
    console.error("usage: node scripts/cluster.cjs path/to/server.js");
    process.exit(2);
  }
  const count = workerCount();
  cluster.setupPrimary({
    exec: path.resolve(server),
    execArgv: [...process.execArgv, "--require", path.join(__dirname, "http-preload.cjs")],
  });
  let stopping = false;
  let exitCode = 0;
  const listened = new WeakSet();

  const stop = (signal, code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGKILL");
    }, STOP_GRACE_MS).unref();
  };

  cluster.on("listening", (worker) => listened.add(worker));
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      if (!listened.has(worker)) {
        console.error(`cluster: worker ${worker.process.pid} exited (${signal ?? code}) before it listened; stopping`);
        stop("SIGTERM", code || 1);
      } else if (code === EXIT_CONFIG) {
        console.error(`cluster: worker ${worker.process.pid} stopped on its configuration (exit ${code}); stopping`);
        stop("SIGTERM", code);
      } else {
        console.error(`cluster: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
        cluster.fork();
        return;
      }
    }
    // Node removes the worker from cluster.workers around this event: count on the next turn.
    setImmediate(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    });
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => stop(sig));
  console.log(`cluster: ${count} worker${count === 1 ? "" : "s"} (${process.env.WEB_CONCURRENCY ? "WEB_CONCURRENCY" : `one per core, ${os.availableParallelism()}`})`);
  for (let i = 0; i < count; i++) cluster.fork();
}

if (require.main === module) main();
module.exports = { workerCount };
