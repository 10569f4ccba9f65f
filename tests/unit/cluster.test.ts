// scripts/cluster.cjs, the production server's launcher (npm start, the Dockerfile, the support bench):
// WEB_CONCURRENCY workers share one port, each with scripts/http-preload.cjs; a worker that dies is
// replaced; one that cannot start stops the server with its exit code; SIGTERM stops every worker.
// A tiny stand-in for Next's server.js answers with its pid and the X-Forwarded-For it received.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";

const CLUSTER = path.resolve("scripts/cluster.cjs");
const dir = mkdtempSync(path.join(os.tmpdir(), "bc-cluster-"));
const SERVER = path.join(dir, "server.js");
writeFileSync(
  SERVER,
  `const http = require("node:http");
if (process.env.FAIL_AT_START) process.exit(Number(process.env.FAIL_AT_START));
http.createServer((req, res) => res.end(JSON.stringify({ pid: process.pid, xff: req.headers["x-forwarded-for"] })))
  .listen(Number(process.env.PORT), "127.0.0.1", () => {
    // As Next does: it listens first, then runs instrumentation.ts's register() (the configuration check).
    if (process.env.FAIL_AFTER_LISTEN) setTimeout(() => process.exit(Number(process.env.FAIL_AFTER_LISTEN)), 200);
  });
process.on("SIGTERM", () => process.exit(0));
`,
);

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLUSTER, SERVER], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c));
  child.stderr!.on("data", (c: Buffer) => (out += c));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** One request on a new connection (the primary hands each connection to a worker in turn). */
function request(port: number, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: "/", agent: false, headers: { "x-forwarded-for": "203.0.113.9" } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(2000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

async function pidsAnswering(port: number, tries = 20): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries; i++) pids.add((JSON.parse((await request(port)).body) as { pid: number }).pid);
  return pids;
}

async function waitUntilServing(port: number, workers: number): Promise<Set<number>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const pids = await pidsAnswering(port);
      if (pids.size >= workers) return pids;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the cluster did not serve in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("scripts/cluster.cjs", () => {
  it("serves one port from WEB_CONCURRENCY workers, each with the preload, and SIGTERM stops them all", async () => {
    const port = await freePort();
    const { child, output, exited } = start({ PORT: String(port), WEB_CONCURRENCY: "2" });
    const pids = await waitUntilServing(port, 2);
    expect(pids.size).toBe(2);
    expect(pids.has(child.pid!)).toBe(false);
    expect(output()).toContain("cluster: 2 workers (WEB_CONCURRENCY)");
    // scripts/http-preload.cjs runs in the workers: the peer is appended to X-Forwarded-For, TRACE is 405.
    const { body } = await request(port);
    expect((JSON.parse(body) as { xff: string }).xff).toBe("203.0.113.9, 127.0.0.1");
    expect((await request(port, "TRACE")).status).toBe(405);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
  });

  it("replaces a worker that dies after it listened", async () => {
    const port = await freePort();
    const { child, output } = start({ PORT: String(port), WEB_CONCURRENCY: "2" });
    const before = await waitUntilServing(port, 2);
    const victim = [...before][0]!;
    process.kill(victim, "SIGKILL");
    const deadline = Date.now() + 15_000;
    let after = new Set<number>();
    while (Date.now() < deadline) {
      after = await pidsAnswering(port).catch(() => new Set<number>());
      if (after.size === 2 && !after.has(victim)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(after.size).toBe(2);
    expect(after.has(victim)).toBe(false);
    expect(output()).toContain(`worker ${victim} exited (SIGKILL); starting another`);
    expect(child.exitCode).toBeNull();
  });

  it("stops with the worker's exit code when a worker cannot start", async () => {
    const { output, exited } = start({ PORT: String(await freePort()), WEB_CONCURRENCY: "2", FAIL_AT_START: "3" });
    expect(await exited).toBe(3);
    expect(output()).toMatch(/exited \(3\) before it listened; stopping/);
  });

  it("stops with 78 when a worker, having listened, stops on its configuration (no endless restarts)", async () => {
    const { output, exited } = start({ PORT: String(await freePort()), WEB_CONCURRENCY: "2", FAIL_AFTER_LISTEN: "78" });
    expect(await exited).toBe(78);
    expect(output()).toMatch(/stopped on its configuration \(exit 78\); stopping/);
    expect(output()).not.toContain("starting another");
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number ≥ 1", async () => {
    for (const bad of ["0", "two", "1.5"]) {
      const { output, exited } = start({ PORT: String(await freePort()), WEB_CONCURRENCY: bad });
      expect(await exited).toBe(1);
      expect(output()).toContain(`WEB_CONCURRENCY must be a whole number ≥ 1 (got "${bad}")`);
    }
  });
});
