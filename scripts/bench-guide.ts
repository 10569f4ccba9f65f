// `npm run bench -- guide` (after `next build`): the guide page as the production server serves it,
// beside a plain static server serving exactly the same HTML with the same compression.
//
//  1. Starts the built site as `npm start` does (the standalone server.js with scripts/http-preload.cjs,
//     `.next/static` and `public/` copied beside it) on a free port, on a throwaway PostgreSQL
//     (TEST_DATABASE_URL's server, else an embedded one; migrated like the e2e server).
//  2. Fetches the guide page once, with no cookies and no Accept-Encoding: its HTML. Prints the raw
//     size, the gzip size (level 6, what Next's `compression` uses) and the bytes of inline RSC payload
//     (the `self.__next_f.push(…)` scripts).
//  3. The reference serves that very HTML: nginx when it is installed (2 workers, `gzip on`,
//     `gzip_comp_level 6`, i.e. compressed on the fly per request), else a plain Node http server
//     (1 process, zlib gzip level 6 per request). The output says which one ran. With nginx, a second
//     nginx server block serves the same HTML from a file gzipped beforehand (`gzip_static on`, level
//     9), for information: the site serves its guide pages that way too (lib/http/precompressed.ts),
//     so this is the like-for-like figure; the goal is stated against gzip on the fly.
//  4. One load generator for both (keep-alive node:http Agent, CONCURRENCY requests in flight,
//     `Accept-Encoding: gzip`, the body read to its end but not decompressed), in interleaved rounds
//     (site, reference, site, reference, …) after a short warm-up of each. Prints req/s and p50/p99
//     latency of each side and the ratio. Both answers are checked once: gzip-encoded and, unzipped,
//     byte-equal to the HTML.
//
// Options: --rounds N (3) --seconds S (5 per round and side) --concurrency C (10) --path P
//          --reference nginx|node (default: nginx when found) --keep-logs
// Goals (issue 13): HTML ≤ 120 KB raw; req/s ≥ 0.8× the reference.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { argValue } from "../lib/db/script";
import { GUIDE_PATH } from "../lib/steps";
import { createThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { freePort, now, ratio, reportGoal, sleep, stats } from "./lib/bench";
import { prepareStandalone } from "./lib/standalone";

const argv = process.argv.slice(2);
function num(flag: string, fallback: number, min: number, max: number): number {
  const raw = argValue(argv, flag);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    console.error(`bench-guide: ${flag} must be a number from ${min} to ${max}`);
    process.exit(2);
  }
  return v;
}
const ROUNDS = Math.round(num("--rounds", 3, 1, 50));
const SECONDS = num("--seconds", 5, 1, 120);
const CONCURRENCY = Math.round(num("--concurrency", 10, 1, 200));
const PAGE = argValue(argv, "--path") ?? GUIDE_PATH;
const KEEP_LOGS = argv.includes("--keep-logs");
const HTML_GOAL_BYTES = 120 * 1024;
const RATIO_GOAL = 0.8;
/** Next's compression (next/dist/compiled/compression) uses zlib's default level. */
const GZIP_LEVEL = 6;

const root = process.cwd();
const standalone = path.join(root, ".next", "standalone", "server.js");
if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(standalone)) {
  console.log("bench-guide: no production build (.next/standalone/server.js); run `npx next build` first. Skipped.");
  process.exit(0);
}

function findNginx(): string | null {
  const wanted = argValue(argv, "--reference");
  if (wanted === "node") return null;
  for (const p of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(p)) return p;
  const r = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  const found = r.status === 0 ? r.stdout.trim() : "";
  if (!found && wanted === "nginx") {
    console.error("bench-guide: --reference nginx, but nginx is not installed");
    process.exit(2);
  }
  return found || null;
}

// ---- everything we start, stopped on any exit ----------------------------------------------------

const tmp = mkdtempSync(path.join(os.tmpdir(), "bc-bench-guide-"));
const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (!KEEP_LOGS) rmSync(tmp, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void finish(130));

async function finish(code: number): Promise<never> {
  for (const c of children) c.kill("SIGTERM");
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}

function startChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  const log = createWriteStream(path.join(tmp, `${name}.log`));
  const child = spawn(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  children.add(child);
  return child;
}

async function waitForOk(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = now() + 90_000;
  while (now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} (run with --keep-logs; log in ${tmp})`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not answer ${url} within 90 s`);
}

// ---- the site, as `npm start` runs it --------------------------------------------------------------

async function startSite(): Promise<string> {
  const db = await createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL?.trim() || undefined, label: "benchguide" });
  cleanups.push(() => db.drop());
  await applyMigrations(db.url);
  prepareStandalone(root);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: db.url,
    SITE_URL: origin,
    SECRET_FINGERPRINT_KEY: randomBytes(48).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(48).toString("base64url"),
    LOG_LEVEL: "warn",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  const child = startChild("site", process.execPath, ["--require", path.join(root, "scripts", "http-preload.cjs"), standalone], env);
  await waitForOk(`${origin}/api/health`, child, "the site (standalone server.js)");
  return origin;
}

// ---- the reference ---------------------------------------------------------------------------------

async function startNginx(bin: string, html: Buffer): Promise<{ origin: string; what: string; staticOrigin: string }> {
  const dir = path.join(tmp, "nginx");
  mkdirSync(path.join(dir, "www"), { recursive: true });
  mkdirSync(path.join(dir, "logs"), { recursive: true });
  writeFileSync(path.join(dir, "www", "page.html"), html);
  writeFileSync(path.join(dir, "www", "page.html.gz"), gzipSync(html, { level: 9 }));
  // nginx's workers run as `nobody` when started as root: they must be able to read the file.
  for (const p of [tmp, dir, path.join(dir, "www")]) chmodSync(p, 0o755);
  chmodSync(path.join(dir, "www", "page.html"), 0o644);
  chmodSync(path.join(dir, "www", "page.html.gz"), 0o644);
  const port = await freePort();
  const staticPort = await freePort();
  const conf = `
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  gzip on;
  gzip_comp_level ${GZIP_LEVEL};
  gzip_types text/html;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    default_type "text/html; charset=utf-8";
    location / { try_files /page.html =404; }
  }
  server {
    listen 127.0.0.1:${staticPort};
    root ${dir}/www;
    default_type "text/html; charset=utf-8";
    gzip off;
    gzip_static on;
    location / { try_files /page.html =404; }
  }
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child = startChild("nginx", bin, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], process.env);
  const origin = `http://127.0.0.1:${port}`;
  await waitForOk(`${origin}${PAGE}`, child, "nginx");
  const version = spawnSync(bin, ["-v"], { encoding: "utf8" }).stderr.trim().replace(/^nginx version:\s*/, "");
  return { origin, what: `${version}, 2 workers, gzip on the fly (gzip_comp_level ${GZIP_LEVEL})`, staticOrigin: `http://127.0.0.1:${staticPort}` };
}

/** The Node reference: its own process (not this one, which runs the load generator), 1 core like the site. */
const NODE_REFERENCE = `
const http = require("node:http");
const { readFileSync } = require("node:fs");
const { gzipSync } = require("node:zlib");
const html = readFileSync(process.env.REF_HTML);
const level = Number(process.env.REF_LEVEL);
const server = http.createServer((req, res) => {
  const gzip = /\\bgzip\\b/.test(String(req.headers["accept-encoding"] || ""));
  const body = gzip ? gzipSync(html, { level }) : html;
  const headers = { "content-type": "text/html; charset=utf-8", "content-length": body.length, vary: "Accept-Encoding" };
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.REF_PORT), "127.0.0.1");
`;

async function startNodeReference(html: Buffer): Promise<{ origin: string; what: string }> {
  const port = await freePort();
  const file = path.join(tmp, "page.html");
  writeFileSync(file, html);
  const child = startChild("node-reference", process.execPath, ["-e", NODE_REFERENCE], { ...process.env, REF_HTML: file, REF_PORT: String(port), REF_LEVEL: String(GZIP_LEVEL) });
  const origin = `http://127.0.0.1:${port}`;
  await waitForOk(`${origin}${PAGE}`, child, "the Node reference");
  return { origin, what: `plain Node ${process.version} http server (its own process: 1 core, like the site), zlib gzip level ${GZIP_LEVEL} on the fly per request` };
}

// ---- one load generator for both -------------------------------------------------------------------

interface Round {
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

function get(agent: http.Agent, url: URL, headers: http.OutgoingHttpHeaders): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function load(origin: string, seconds: number): Promise<Round> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(PAGE, origin);
  const latencies: number[] = [];
  let errors = 0;
  const t0 = now();
  const end = t0 + seconds * 1000;
  const worker = async () => {
    while (now() < end) {
      const s = now();
      try {
        const r = await get(agent, url, { "accept-encoding": "gzip" });
        if (r.status !== 200) errors++;
        else latencies.push(now() - s);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (now() - t0) / 1000;
  agent.destroy();
  return { requests: latencies.length, seconds: elapsed, latencies, errors };
}

// ---- the run ---------------------------------------------------------------------------------------

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Bytes of the inline RSC payload: the bodies of the `<script>self.__next_f.push(…)</script>` tags. */
function inlinePayloadBytes(html: string): { bytes: number; scripts: number } {
  let bytes = 0;
  let scripts = 0;
  for (const m of html.matchAll(/<script\b[^>]*>(self\.__next_f\.push\([\s\S]*?)<\/script>/g)) {
    bytes += Buffer.byteLength(m[1]!, "utf8");
    scripts++;
  }
  return { bytes, scripts };
}

async function main(): Promise<void> {
  console.log(`  machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start`);
  const site = await startSite();
  const agent = new http.Agent({ keepAlive: false });
  const pageUrl = new URL(PAGE, site);
  const plain = await get(agent, pageUrl, { "accept-encoding": "identity" });
  if (plain.status !== 200) throw new Error(`${PAGE} answered ${plain.status}`);
  const html = plain.body;
  const text = html.toString("utf8");
  const payload = inlinePayloadBytes(text);
  const gz = gzipSync(html, { level: GZIP_LEVEL });
  console.log(`  page ${PAGE}`);
  console.log(`  HTML ${kb(html.length)} raw (${html.length} B), ${kb(gz.length)} gzip level ${GZIP_LEVEL}; inline RSC payload ${kb(payload.bytes)} in ${payload.scripts} scripts (${((payload.bytes / html.length) * 100).toFixed(0)} % of the HTML)`);

  const nginx = findNginx();
  const ref: { origin: string; what: string; staticOrigin?: string } = nginx ? await startNginx(nginx, html) : await startNodeReference(html);
  console.log(`  site:      the standalone server (npm start's), 1 Node process`);
  console.log(`  reference: ${ref.what}${nginx ? "" : " (nginx not installed)"}`);
  if (ref.staticOrigin) console.log(`  static:    the same nginx, 2 workers, serving a file gzipped beforehand (gzip_static, level 9), for information`);
  const sides = [["site", site], ["reference", ref.origin], ...(ref.staticOrigin ? [["static", ref.staticOrigin] as const] : [])] as const;

  // Both answer the same thing: gzip, and the HTML once unzipped.
  for (const [name, origin] of sides) {
    const r = await get(agent, new URL(PAGE, origin), { "accept-encoding": "gzip" });
    const encoding = String(r.headers["content-encoding"] ?? "none");
    const same = encoding === "gzip" && gunzipSync(r.body).equals(html);
    console.log(`  ${name.padEnd(9)} answer: ${r.status}, content-encoding ${encoding}, ${r.body.length} B on the wire, unzipped equal to the HTML: ${same ? "yes" : "NO"}`);
    if (!same) throw new Error(`the ${name} did not answer the same HTML gzipped`);
  }
  agent.destroy();

  console.log(`  load: ${CONCURRENCY} keep-alive connections, Accept-Encoding: gzip, ${ROUNDS} interleaved rounds of ${SECONDS} s per side (after a 1 s warm-up each)`);
  for (const [, origin] of sides) await load(origin, 1);
  const all: Record<string, Round[]> = { site: [], reference: [], static: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, origin] of sides) {
      const r = await load(origin, SECONDS);
      all[name]!.push(r);
      const s = stats(r.latencies);
      console.log(`    round ${i + 1} ${name.padEnd(9)} ${(r.requests / r.seconds).toFixed(0).padStart(6)} req/s  p50 ${s.median.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms${r.errors ? `  errors ${r.errors}` : ""}  (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
  }
  const sum = (rs: Round[]) => {
    const requests = rs.reduce((n, r) => n + r.requests, 0);
    const seconds = rs.reduce((n, r) => n + r.seconds, 0);
    const s = stats(rs.flatMap((r) => r.latencies));
    return { rps: requests / seconds, p50: s.median, p99: s.p99, errors: rs.reduce((n, r) => n + r.errors, 0) };
  };
  const a = sum(all.site!);
  const b = sum(all.reference!);
  const rpsRatio = ratio(a.rps, b.rps);
  console.log(`  site       ${a.rps.toFixed(0).padStart(6)} req/s  p50 ${a.p50.toFixed(2)} ms  p99 ${a.p99.toFixed(2)} ms  errors ${a.errors}`);
  console.log(`  reference  ${b.rps.toFixed(0).padStart(6)} req/s  p50 ${b.p50.toFixed(2)} ms  p99 ${b.p99.toFixed(2)} ms  errors ${b.errors}`);
  console.log(`  ratio      req/s ${rpsRatio.toFixed(2)}×, p50 ${ratio(a.p50, b.p50).toFixed(2)}× and p99 ${ratio(a.p99, b.p99).toFixed(2)}× the reference's (lower is better)`);
  if (all.static!.length > 0) {
    const c = sum(all.static!);
    console.log(`  static     ${c.rps.toFixed(0).padStart(6)} req/s  p50 ${c.p50.toFixed(2)} ms  p99 ${c.p99.toFixed(2)} ms  errors ${c.errors}`);
    console.log(`  site vs static (like for like, for information): req/s ${ratio(a.rps, c.rps).toFixed(2)}×, p50 ${ratio(a.p50, c.p50).toFixed(2)}×, p99 ${ratio(a.p99, c.p99).toFixed(2)}×`);
  }
  console.log(`  load average ${os.loadavg()[0]!.toFixed(1)} at the end (the load generator shares the cores)`);
  reportGoal({ goal: "guide page HTML, raw", figure: kb(html.length), target: `≤ ${kb(HTML_GOAL_BYTES)}`, met: html.length <= HTML_GOAL_BYTES });
  reportGoal({
    goal: `guide page req/s vs ${nginx ? "nginx (2 workers, gzip on the fly)" : "plain Node server (1 process, gzip on the fly)"}`,
    figure: `${rpsRatio.toFixed(2)}×`,
    target: `≥ ${RATIO_GOAL}×`,
    met: rpsRatio >= RATIO_GOAL,
  });
}

main()
  .then(() => finish(0))
  .catch((e: unknown) => {
    console.error(`bench-guide: ${(e as Error).message ?? String(e)}`);
    void finish(1);
  });
