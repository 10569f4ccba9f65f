// The HTTP half of `npm run bench -- support`: the built standalone server on the bench's database
// (through scripts/cluster.cjs, as `npm start` runs it),
// a signed-in staff member, the console's pages loaded 10 at a time over keep-alive connections,
// interleaved in rounds with two references on the same server (see scripts/bench-support.ts).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import type { PrismaClient } from "../../lib/db";
import { createStaffUser } from "../../lib/auth/staff";
import { createStaffAuth } from "../../lib/auth/auth";
import { getStaff } from "../../lib/auth";
import { getPrisma } from "../../lib/db";
import { AUDIT_ACTIONS, countAllSetups, countSupportSetups, listSupportSetups, recordAudit } from "../../lib/progress";
import { PAGE_SIZE } from "../../lib/support/filters";
import { freePort, now, ratio, reportGoal, sleep, stats } from "./bench";
import { prepareStandalone, stopChild } from "./standalone";

const CONCURRENCY = 10;
const ROUNDS = 2;

interface Target {
  name: string;
  path: string;
  /** Requests per phase (one phase per round). */
  count: number;
  auth: boolean;
  /** Marks the page's HTML must contain (a 200 sign-in page would otherwise pass). */
  expect?: RegExp;
}

interface Phase {
  latencies: number[];
  wallMs: number;
  cpuTicks: number;
  errors: number;
  bytes: number;
}

/** utime + stime of a process and its parent pid, in clock ticks (/proc/<pid>/stat fields 4, 14 and 15). */
function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone meanwhile
  }
}

/** CPU ticks of the server: the cluster's primary and every worker (its children). */
function cpuTicks(pid: number): number {
  let ticks = procStat(pid)?.ticks ?? 0;
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const s = procStat(Number(e));
    if (s && s.ppid === pid) ticks += s.ticks;
  }
  return ticks;
}
/** Milliseconds per clock tick (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

const gunzipAsync = promisify(gunzip);

/**
 * One GET as a browser asks for a page: `Accept-Encoding: gzip, deflate, br, zstd`, so the server
 * compresses as it would for staff (Next's compression, gzip). `wire` is the bytes on the wire; the body
 * is unzipped here to check the page's marks.
 */
function get(agent: http.Agent, port: number, pathname: string, cookie: string | null): Promise<{ status: number; body: string; wire: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: "GET",
        agent,
        headers: { ...(cookie ? { cookie } : {}), "user-agent": "bench-support", accept: "text/html", "accept-encoding": "gzip, deflate, br, zstd" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          if (encoding && encoding !== "gzip") return reject(new Error(`GET ${pathname}: unexpected content-encoding ${encoding}`));
          (encoding === "gzip" ? gunzipAsync(raw) : Promise.resolve(raw)).then(
            (body) => resolve({ status: res.statusCode ?? 0, body: body.toString("utf8"), wire: raw.length }),
            reject,
          );
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout: GET ${pathname}`)));
    req.on("error", reject);
    req.end();
  });
}

async function runPhase(agent: http.Agent, port: number, pid: number, t: Target, cookie: string): Promise<Phase> {
  let next = 0;
  let errors = 0;
  let bytes = 0;
  const latencies: number[] = [];
  const cpu0 = cpuTicks(pid);
  const t0 = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < t.count) {
        next++;
        const s = now();
        try {
          const r = await get(agent, port, t.path, t.auth ? cookie : null);
          bytes += r.wire;
          if (r.status !== 200 || (t.expect && !t.expect.test(r.body))) errors++;
        } catch {
          errors++;
        }
        latencies.push(now() - s);
      }
    }),
  );
  return { latencies, wallMs: now() - t0, cpuTicks: cpuTicks(pid) - cpu0, errors, bytes };
}

/**
 * Where a /support request's CPU goes, piece by piece, measured in this process (process.cpuUsage over
 * sequential calls, the pg driver included): the session lookup as the page does it (Better Auth with
 * the same secret and cookie), the list query, the exact count, the cached count and one audit write.
 * What the server spends beyond their sum is Next's rendering of the page.
 */
async function cpuPerPiece(cookie: string, secret: string, siteUrl: string, staff: { id: string; email: string }, n: number): Promise<void> {
  const auth = createStaffAuth({ prisma: getPrisma(), secret, baseURL: siteUrl });
  const headers = new Headers({ cookie });
  const rule = { days: 3 };
  const pieces: [string, () => Promise<unknown>][] = [
    ["session lookup (Better Auth getSession)", async () => {
      if (!(await auth.api.getSession({ headers }))) throw new Error("no session");
    }],
    ["session lookup (getStaff, as the pages do)", async () => {
      if (!(await getStaff(headers))) throw new Error("no session");
    }],
    [`list query, first page of ${PAGE_SIZE} (listSupportSetups)`, () => listSupportSetups({ sort: "activity" }, rule, PAGE_SIZE)],
    ["exact count of all setups (countSupportSetups)", () => countSupportSetups({ sort: "activity" }, rule)],
    ["count of all setups, cached (countAllSetups)", () => countAllSetups()],
    ["one audit row (recordAudit)", () =>
      recordAudit({ actor: { userId: staff.id, email: staff.email }, action: AUDIT_ACTIONS.listSetups, details: { filters: { q: "bench" }, matches: 1 } })],
  ];
  console.log(`\nCPU of the pieces of a /support request, in this process (${n} sequential calls each; wall time is PostgreSQL's too)`);
  for (const [name, fn] of pieces) {
    await fn();
    const c0 = process.cpuUsage();
    const t0 = now();
    for (let i = 0; i < n; i++) await fn();
    const c = process.cpuUsage(c0);
    console.log(`  ${name.padEnd(52)} CPU ${((c.user + c.system) / 1000 / n).toFixed(2).padStart(6)} ms   wall ${((now() - t0) / n).toFixed(2).padStart(6)} ms`);
  }
}

export async function benchHttp(o: { prisma: PrismaClient; url: string; scale: number; port?: number; cpuProfDir?: string; serverDir?: string; dumpDir?: string; only?: string }): Promise<void> {
  const root = process.cwd();
  // --server DIR: another standalone build (e.g. a copy of the one before a change), static files included.
  const given = o.serverDir ? path.join(o.serverDir, "server.js") : null;
  const server = given ? (existsSync(given) ? given : null) : prepareStandalone(root);
  if (!server) {
    console.log(`\nbench:support: HTTP part skipped: no standalone build (${given ?? path.join(root, ".next", "standalone", "server.js")}); run \`npm run build\` first`);
    return;
  }
  const port = o.port ?? (await freePort());
  const siteUrl = `http://127.0.0.1:${port}`;
  // Set by scripts/bench-support.ts before the configuration was read, so getStaff here checks the server's cookies.
  const secret = process.env.BETTER_AUTH_SECRET ?? randomBytes(48).toString("base64url");
  const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
  const password = randomBytes(18).toString("base64url");
  const staff = await createStaffUser(o.prisma, { email, password }, { secret, baseURL: siteUrl });

  const tmp = mkdtempSync(path.join(os.tmpdir(), "bc-benchsup-"));
  const log = path.join(tmp, "server.log");
  const out = createWriteStream(log);
  const profile = o.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProfDir}`] : [];
  // As `npm start` runs it: scripts/cluster.cjs, one worker per core (WEB_CONCURRENCY), each with the preload.
  const child = spawn(process.execPath, [...profile, path.join(root, "scripts", "cluster.cjs"), server], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: o.url,
      SITE_URL: siteUrl,
      BETTER_AUTH_URL: siteUrl,
      BETTER_AUTH_SECRET: secret,
      SECRET_FINGERPRINT_KEY: randomBytes(48).toString("base64url"),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    for (const deadline = now() + 60_000; ; ) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} (log: ${log})`);
      if (now() > deadline) throw new Error(`the server did not answer within 60 s (log: ${log})`);
      try {
        const r = await fetch(`${siteUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        await r.arrayBuffer();
        if (r.ok) break;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    const signIn = await fetch(`${siteUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: siteUrl },
      body: JSON.stringify({ email, password }),
    });
    await signIn.arrayBuffer();
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .join("; ");
    if (signIn.status !== 200 || !cookie.includes("session_token")) throw new Error(`sign-in answered ${signIn.status} without a session cookie`);

    await cpuPerPiece(cookie, secret, siteUrl, staff, Math.max(20, Math.round(100 * o.scale)));

    const sample = await o.prisma.setup.findFirst({ where: { companyName: { not: null } }, orderBy: { lastActivityAt: "desc" } });
    if (!sample) throw new Error("no setups: seed first");
    const word = sample.companyName!.split(" ")[0]!;
    const n = (x: number) => Math.max(CONCURRENCY, Math.round(x * o.scale));
    const all: Target[] = [
      { name: "ref: GET /api/health (no session)", path: "/api/health", count: n(600), auth: false },
      { name: "ref: GET /support/sign-in (no session)", path: "/support/sign-in", count: n(300), auth: false, expect: /Staff sign-in/ },
      { name: "GET /support (first page, unfiltered)", path: "/support", count: n(200), auth: true, expect: /setups? match/ },
      { name: `GET /support?q=${word} (filtered: audited)`, path: `/support?q=${encodeURIComponent(word)}`, count: n(200), auth: true, expect: /setups? match/ },
      { name: "GET /support/setups/<id> (audited)", path: `/support/setups/${sample.publicId}`, count: n(200), auth: true, expect: /Setup id/ },
      { name: "GET /support/insights?days=90 (audited)", path: "/support/insights?days=90", count: n(40), auth: true, expect: /Most frequent failing checks/ },
    ];
    // --only TEXT: just the page with that path, else the pages whose path contains it (a CPU profile of
    // one page); no goals then.
    const exact = all.filter((t) => t.path === o.only);
    const targets = !o.only ? all : exact.length ? exact : all.filter((t) => t.path.includes(o.only!));
    if (targets.length === 0) throw new Error(`--only ${o.only}: no page's path contains it (${all.map((t) => t.path).join(", ")})`);
    if (o.dumpDir) {
      for (const t of targets) {
        const r = await get(agent, port, t.path, t.auth ? cookie : null);
        writeFileSync(path.join(o.dumpDir, `${t.path.replace(/[^a-z0-9]+/gi, "_")}.html`), r.body);
      }
    }
    // Warm-up: each route compiled/loaded and its queries planned once.
    for (const t of targets) await runPhase(agent, port, child.pid!, { ...t, count: CONCURRENCY }, cookie);
    const phases = new Map<string, Phase[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) phases.get(t.name)!.push(await runPhase(agent, port, child.pid!, t, cookie));
    }
    const summary = targets.map((t) => {
      const ps = phases.get(t.name)!;
      const lat = ps.flatMap((p) => p.latencies);
      const st = stats(lat);
      const wall = ps.reduce((a, p) => a + p.wallMs, 0);
      const cpu = (ps.reduce((a, p) => a + p.cpuTicks, 0) * TICK_MS) / lat.length;
      const kb = ps.reduce((a, p) => a + p.bytes, 0) / lat.length / 1024;
      return { t, p50: st.median, p99: st.p99, rps: (lat.length * 1000) / wall, cpu, kb, errors: ps.reduce((a, p) => a + p.errors, 0), n: lat.length };
    });
    const health = summary.find((s) => s.t.path === "/api/health") ?? summary[0]!;
    const page = summary.find((s) => s.t.path === "/support/sign-in") ?? summary[0]!;
    const audits = await o.prisma.auditEvent.count({ where: { actorId: staff.id } });
    const workers = /cluster: (\d+) workers?/.exec(readFileSync(log, "utf8"))?.[1] ?? "?";
    console.log(`\nHTTP, standalone server on ${siteUrl} (${workers} worker process(es), scripts/cluster.cjs; CPU is theirs and the primary's), ${CONCURRENCY} concurrent keep-alive connections, ${ROUNDS} interleaved rounds; ratios to the references (health / sign-in page)`);
    const w = Math.max(...summary.map((s) => s.t.name.length));
    console.log(`  ${"".padEnd(w)}      p50       p99      req/s   CPU/req   p50 ×      CPU ×     KB on wire  errors`);
    for (const s of summary) {
      console.log(
        `  ${s.t.name.padEnd(w)} ${s.p50.toFixed(1).padStart(6)} ms ${s.p99.toFixed(1).padStart(6)} ms ${s.rps.toFixed(0).padStart(7)}  ${s.cpu.toFixed(1).padStart(6)} ms` +
          `  ${ratio(s.p50, health.p50).toFixed(1).padStart(5)}/${ratio(s.p50, page.p50).toFixed(1).padEnd(5)} ${ratio(s.cpu, health.cpu).toFixed(1).padStart(5)}/${ratio(s.cpu, page.cpu).toFixed(1).padEnd(5)}  ${s.kb.toFixed(1).padStart(7)}    ${s.errors}/${s.n}`,
      );
    }
    console.log(`  audit rows written by the bench's staff member: ${audits.toLocaleString("en-US")}`);
    const list = o.only ? undefined : summary.find((s) => s.t.path === "/support");
    // Beside each goal, the same server's floor for a console page (the sign-in page: the layout and
    // Next's render, no session, no database), so a slower host is told apart from a slower page.
    if (list) {
      reportGoal({ goal: "/support p50, c=10, 100k setups", figure: `${list.p50.toFixed(1)} ms (sign-in page floor ${page.p50.toFixed(1)} ms)`, target: "≤ 50 ms", met: list.p50 <= 50 && list.errors === 0 });
      reportGoal({ goal: "/support p99, c=10, 100k setups", figure: `${list.p99.toFixed(1)} ms (floor ${page.p99.toFixed(1)} ms)`, target: "≤ 200 ms", met: list.p99 <= 200 && list.errors === 0 });
    }
    const failed = summary.filter((s) => s.errors > 0);
    if (failed.length) {
      console.log(`  answers that were not a 200 with the page: ${failed.map((s) => `${s.t.name} ${s.errors}`).join(", ")} (log: ${log})`);
      process.exitCode = 1;
    }
  } finally {
    agent.destroy();
    await stopChild(child);
    await o.prisma.staffUser.delete({ where: { id: staff.id } }).catch(() => undefined);
    if (!process.exitCode) rmSync(tmp, { recursive: true, force: true });
  }
}
