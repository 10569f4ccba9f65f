// `npm run bench -- soak [--count 2000] [--concurrency 50]` (also `npm run bench:soak -- …`)
// Faults, measured, against the built site (`next build` first) on its own throwaway PostgreSQL:
//
//  1. Soak: COUNT verifications, CONCURRENCY at a time, through the customer's no-JavaScript path
//     (POST /verify, a setup cookie per virtual customer, some with the live check against the fake
//     Entra ID / Graph) to one `next start`. After STOP_AT of them, PostgreSQL is stopped (pg_ctl
//     fast or immediate shutdown), kept down DOWN seconds and started again on the same port; the app
//     is NOT restarted. Counted: 5xx (goal 0), requests with no HTTP answer (goal 0), acknowledged
//     runs (a 303 to /reports/<id>) missing from the database afterwards (goal 0), what the app
//     answered while the database was down, the time from "database accepting connections again"
//     to the first saved run, latency p50/p95/p99.
//  2. Limits across instances: two `next start` on the same database, requests alternating between
//     them from this one client. Live checks (VERIFY_LIVE_RATE_LIMIT=LIMIT) through the customer
//     form and through the JSON API (an API key: its own bucket), and failed staff sign-ins
//     (Better Auth's /api/auth/sign-in/email). Goal: allowed ≤ the limit in total, not per instance.
//
// Options: --count N (2000) --concurrency C (50) --stop-at F (0.3, share of COUNT answered before the
// stop) --down S (5 seconds) --shutdown fast|immediate (fast) --live-share F (0.1, with the live
// check) --follow-share F (0.25, the browser's next step: GET the page the 303 points to) --limit L (5)
// --max-seconds S (600, the soak's time bound) --skip-soak --skip-limits --keep-logs
// Prints a table and, last, one line `SOAK_RESULT {json}`. Exit 1 when a goal fails, 2 on bad usage.
// Only 127.0.0.1 is contacted; every loop is bounded in count and time.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, type WriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { argValue } from "../lib/db/script";
import { decodeUnsaved } from "../lib/customer/unsaved";
import { formToInput } from "../lib/customer/fields";
import { submittedIdempotencyKey } from "../lib/customer/verify";
import { applyMigrations } from "../lib/db/migrate";
// Its own connections run in UTC like the app's (lib/db/connection.ts says why).
import { pgConfig } from "../lib/db/connection";
import { SIGN_IN_MAX_ATTEMPTS, SIGN_IN_WINDOW_SECONDS } from "../lib/auth/auth";
import { FAKE, startFakeEntra, type FakeEntra } from "../dev/fake-entra";
import { freePort, now, roundMs as ms, sleep, stats } from "./lib/bench";
import { startRestartablePostgres, type RestartablePostgres, type ShutdownMode } from "./lib/soak-postgres";
import { stopChild } from "./lib/standalone";

// ---- options -----------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function num(flag: string, fallback: number, min: number, max: number): number {
  const raw = argValue(argv, flag);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) usage(`${flag} must be a number from ${min} to ${max}`);
  return v;
}
function usage(message: string): never {
  console.error(`bench:soak: ${message}`);
  process.exit(2);
}
const COUNT = Math.round(num("--count", 2000, 1, 1_000_000));
const CONCURRENCY = Math.round(num("--concurrency", 50, 1, 1000));
const STOP_AT = num("--stop-at", 0.3, 0, 1);
const DOWN_SECONDS = num("--down", 5, 0, 300);
const LIVE_SHARE = num("--live-share", 0.1, 0, 1);
const FOLLOW_SHARE = num("--follow-share", 0.25, 0, 1);
const LIMIT = Math.round(num("--limit", 5, 1, 1000));
const MAX_SECONDS = num("--max-seconds", 600, 10, 7200);
const shutdownArg = argValue(argv, "--shutdown") ?? "fast";
if (shutdownArg !== "fast" && shutdownArg !== "immediate") usage("--shutdown must be fast or immediate");
const SHUTDOWN: ShutdownMode = shutdownArg;
const SKIP_SOAK = argv.includes("--skip-soak");
const SKIP_LIMITS = argv.includes("--skip-limits");
const KEEP_LOGS = argv.includes("--keep-logs");
/** After COUNT, keep sending (at most this many more) until a saved run after the restart is seen. */
const EXTRA_MAX = COUNT;
const REQUEST_TIMEOUT_MS = 30_000;

const A = FAKE.apps;
const T = FAKE.tenants;
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";

// ---- everything we start, stopped on any exit ----------------------------------------------------

const tmp = mkdtempSync(path.join(os.tmpdir(), "bc-soak-"));
const apps = new Set<ChildProcess>();
let database: RestartablePostgres | undefined;
let fake: FakeEntra | undefined;
let finished = false;

function cleanupSync(): void {
  for (const child of apps) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  database?.killSync();
  if (!KEEP_LOGS) rmSync(tmp, { recursive: true, force: true });
}
process.on("exit", cleanupSync);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (finished) return;
    finished = true;
    console.error(`\nbench:soak: ${sig}, stopping the servers and the database`);
    void (async () => {
      await Promise.all([...apps].map((c) => stopApp(c)));
      await database?.destroy().catch(() => {});
      await fake?.close().catch(() => {});
      process.exit(130);
    })();
  });
}

// ---- small helpers -------------------------------------------------------------------------------

const percentiles = (samples: number[]) => {
  const r = stats(samples);
  return { p50: r.median, p95: r.p95, p99: r.p99, max: r.max, n: r.n };
};

interface App {
  name: string;
  port: number;
  origin: string;
  child: ChildProcess;
  log: string;
}

async function stopApp(child: ChildProcess): Promise<void> {
  await stopChild(child);
  apps.delete(child);
}

/** `next start` on 127.0.0.1:port (our direct child, its output in a log file); resolves once it answers. */
async function startApp(name: string, port: number, env: NodeJS.ProcessEnv): Promise<App> {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const log = path.join(tmp, `${name}.log`);
  const out: WriteStream = createWriteStream(log);
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  apps.add(child);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const origin = `http://127.0.0.1:${port}`;
  const deadline = now() + 60_000;
  while (now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name}: next start exited with ${child.exitCode} (log: ${log})`);
    try {
      const r = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.ok) return { name, port, origin, child, log };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name}: next start did not answer on ${origin} within 60 s (log: ${log})`);
}

function appLogProblems(app: App): { notSaved: number; uncaught: number; other: string[] } {
  const text = existsSync(app.log) ? readFileSync(app.log, "utf8") : "";
  let notSaved = 0;
  let uncaught = 0;
  const other: string[] = [];
  for (const line of text.split("\n")) {
    // The app's structured log (lib/log.ts): only error and fatal lines are problems ("errorChecks":[] is not).
    if (line.startsWith("{")) {
      try {
        const l = JSON.parse(line) as { level?: string };
        if (l.level !== "error" && l.level !== "fatal") continue;
      } catch {
        // not JSON after all: read it as text below
      }
    }
    if (/uncaughtException|unhandledRejection/.test(line)) uncaught++;
    if (/run not saved/.test(line)) notSaved++;
    else if (/error|unhandled|exception|⨯/i.test(line) && !/idle connection error/.test(line)) other.push(line.trim());
  }
  return { notSaved, uncaught, other };
}

function appEnv(base: { databaseUrl: string; siteUrl: string; liveLimit: number; apiKey: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: base.databaseUrl,
    SITE_URL: base.siteUrl,
    BETTER_AUTH_URL: base.siteUrl,
    BETTER_AUTH_SECRET: secrets.auth,
    SECRET_FINGERPRINT_KEY: secrets.fingerprint,
    ENTRA_LOGIN_BASE_URL: fake!.loginBaseUrl,
    GRAPH_BASE_URL: fake!.graphBaseUrl,
    VERIFY_LIVE_RATE_LIMIT: String(base.liveLimit),
    VERIFY_LIVE_RATE_WINDOW_SECONDS: "600",
    VERIFY_API_KEYS: base.apiKey,
    // Every virtual customer starts its own setup from this one address: the per-client creation
    // limit (20 an hour by default) would answer most of the soak with 429.
    SETUP_CREATE_RATE_LIMIT: "100000",
  };
}
const secrets = { auth: randomBytes(48).toString("base64url"), fingerprint: randomBytes(48).toString("base64url") };
// The apps sign their "not saved" result tokens with this key: set here too, so decodeUnsaved can read them.
process.env.SECRET_FINGERPRINT_KEY = secrets.fingerprint;

// ---- the customer's form -------------------------------------------------------------------------

function verifyForm(kind: "rules" | "live", key: string): URLSearchParams {
  const f = new URLSearchParams();
  if (kind === "rules") {
    f.set("step", "register-application");
    f.set("mode", "fields");
    f.set("clientId", A.good.appId);
    f.set("tenant", T.contoso.id);
    f.set("redirectUri", `${REDIRECT}/`);
    f.set("signInAudience", "AzureADandPersonalMicrosoftAccount");
  } else {
    f.set("step", "client-secret");
    f.set("mode", "fields");
    f.set("clientId", A.good.appId);
    f.set("tenant", T.contoso.id);
    f.set("secret", A.good.secret);
    f.set("live", "on");
  }
  f.set("idempotencyKey", key);
  return f;
}

type Outcome = "saved" | "unsaved" | "invalid" | "other";
/** What a "not saved" answer told the customer: the database is unreachable, or "a problem on our side". */
type NotSavedReason = "database unreachable" | "problem on our side" | "unreadable";

interface Sample {
  i: number;
  key: string;
  /** The key the run is stored under: the sent key bound to the form (lib/customer/verify.ts). */
  storedKey: string;
  live: boolean;
  start: number;
  end: number;
  status: number | null; // null: no HTTP answer
  error?: string;
  outcome: Outcome;
  runId?: string;
  setupCookie?: string;
  location?: string;
  notSavedReason?: NotSavedReason;
  /** The page the 303 pointed to, fetched as the browser would (a share of the requests). */
  follow?: { status: number | null; ms: number };
}

const SAVED = /^\/reports\/([A-Za-z0-9_-]{8,64})(?:[?#]|$)/;

async function postVerify(origin: string, form: URLSearchParams, cookie: string | undefined): Promise<Omit<Sample, "i" | "key" | "storedKey" | "live" | "start" | "end">> {
  try {
    const res = await fetch(`${origin}/verify`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin, ...(cookie ? { cookie: `bc_setup=${cookie}` } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    const location = res.headers.get("location") ?? "";
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("bc_setup="));
    const setupCookie = setCookie ? setCookie.slice("bc_setup=".length).split(";")[0] : undefined;
    let outcome: Outcome = "other";
    let runId: string | undefined;
    let notSavedReason: NotSavedReason | undefined;
    if (res.status === 303) {
      const m = SAVED.exec(location);
      if (location.startsWith("/reports/unsaved")) {
        const payload = decodeUnsaved(new URL(location, origin).searchParams.get("t"));
        outcome = payload?.kind === "invalid" ? "invalid" : payload ? "unsaved" : "other";
        if (payload?.kind === "report") {
          notSavedReason = /could not reach our database/.test(payload.message) ? "database unreachable" : /problem on our side/.test(payload.message) ? "problem on our side" : "unreadable";
        }
      }
      else if (m) {
        outcome = "saved";
        runId = m[1];
      }
    }
    return { status: res.status, outcome, location, ...(runId ? { runId } : {}), ...(setupCookie ? { setupCookie } : {}), ...(notSavedReason ? { notSavedReason } : {}) };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return { status: null, outcome: "other", error: err.cause?.code ?? err.name };
  }
}

// ---- part 1: the soak ----------------------------------------------------------------------------

interface FaultTimeline {
  stopBegin?: number;
  stopped?: number;
  startBegin?: number;
  ready?: number;
  error?: string;
}

async function soak(app: App, db: RestartablePostgres) {
  const samples: Sample[] = [];
  const fault: FaultTimeline = {};
  const stopAfter = Math.floor(COUNT * STOP_AT);
  const wantFault = DOWN_SECONDS >= 0 && STOP_AT < 1;
  let faultTask: Promise<void> | undefined;
  let next = 0;
  let answered = 0;
  const tag = randomBytes(4).toString("hex");
  const t0 = now();
  const deadline = t0 + MAX_SECONDS * 1000;
  let recovered = false;

  const injectFault = async () => {
    try {
      fault.stopBegin = now();
      await db.stop(SHUTDOWN);
      fault.stopped = now();
      await sleep(DOWN_SECONDS * 1000);
      fault.startBegin = now();
      await db.start();
      fault.ready = now();
    } catch (e) {
      fault.error = (e as Error).message;
    }
  };

  const liveEvery = LIVE_SHARE > 0 ? Math.max(1, Math.round(1 / LIVE_SHARE)) : 0;
  const followEvery = FOLLOW_SHARE > 0 ? Math.max(1, Math.round(1 / FOLLOW_SHARE)) : 0;
  const progressEvery = Math.max(1, Math.floor(COUNT / 10));

  const worker = async (vu: number) => {
    let cookie: string | undefined;
    let sent = 0;
    for (;;) {
      if (now() > deadline) return;
      const done = next >= COUNT;
      // Past COUNT: go on only while the recovery after the restart has not been seen (bounded).
      if (done && (!wantFault || recovered || fault.error || next >= COUNT + EXTRA_MAX || !faultTask)) return;
      if (done && fault.ready === undefined) {
        // The database is still down: wait for it rather than spend requests on the outage.
        await sleep(20);
        continue;
      }
      const i = next;
      next++;
      // A new customer now and then (a new setup), else the one in this virtual customer's cookie.
      if (sent % 25 === 0) cookie = undefined;
      sent++;
      const live = liveEvery > 0 && i % liveEvery === liveEvery - 1;
      const key = `soak-${tag}-${i}`;
      const start = now();
      const form = verifyForm(live ? "live" : "rules", key);
      const parsed = formToInput(form);
      const storedKey = parsed.ok ? submittedIdempotencyKey(key, parsed.form, secrets.fingerprint) : key;
      const r = await postVerify(app.origin, form, cookie);
      const end = now();
      if (r.setupCookie) cookie = r.setupCookie;
      const s: Sample = { i, key, storedKey, live, start, end, ...r };
      if (followEvery > 0 && i % followEvery === 0 && r.status === 303 && r.location?.startsWith("/")) {
        const f0 = now();
        let status: number | null = null;
        try {
          const page = await fetch(`${app.origin}${r.location.split("#")[0]}`, {
            headers: cookie ? { cookie: `bc_setup=${cookie}` } : {},
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          await page.arrayBuffer();
          status = page.status;
        } catch {
          status = null;
        }
        s.follow = { status, ms: now() - f0 };
      }
      samples.push(s);
      answered++;
      if (fault.ready !== undefined && s.start >= fault.ready && s.outcome === "saved") recovered = true;
      if (answered % progressEvery === 0) process.stdout.write(`  … ${answered} answered (${((now() - t0) / 1000).toFixed(1)} s)\n`);
      if (wantFault && !faultTask && answered >= stopAfter) {
        console.log(`  … ${answered} answered: stopping PostgreSQL (${SHUTDOWN} shutdown), down ${DOWN_SECONDS} s, app left running`);
        faultTask = injectFault();
      }
      void vu;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, vu) => worker(vu)));
  if (faultTask) await faultTask;
  const wallMs = now() - t0;
  return { samples, fault, tag, wallMs, hitDeadline: now() > deadline };
}

async function checkDatabase(url: string, samples: Sample[]) {
  const client = new pg.Client(pgConfig(url));
  await client.connect();
  try {
    const { rows } = await client.query<{ publicId: string; idempotencyKey: string | null }>(
      `SELECT "publicId", "idempotencyKey" FROM verification_run WHERE "idempotencyKey" = ANY($1::text[])`,
      [samples.map((s) => s.storedKey)],
    );
    const byId = new Map(rows.map((r) => [r.publicId, r.idempotencyKey]));
    const byKey = new Set(rows.map((r) => r.idempotencyKey));
    const acknowledged = samples.filter((s) => s.outcome === "saved" && s.runId);
    const missing = acknowledged.filter((s) => !byId.has(s.runId!));
    const wrongKey = acknowledged.filter((s) => byId.has(s.runId!) && byId.get(s.runId!) !== s.storedKey);
    // Told "not saved" (or no answer) but the run is there: harmless for the customer, counted for honesty.
    const savedAnyway = samples.filter((s) => s.outcome !== "saved" && byKey.has(s.storedKey));
    return { rowsInDb: rows.length, acknowledged: acknowledged.length, missing, wrongKey, savedAnyway };
  } finally {
    await client.end();
  }
}

async function sampleReports(app: App, samples: Sample[]): Promise<{ checked: number; ok: number; bad: string[] }> {
  const saved = samples.filter((s) => s.outcome === "saved");
  const pick = saved.filter((_, idx) => idx % Math.max(1, Math.floor(saved.length / 20)) === 0).slice(0, 20);
  let ok = 0;
  const bad: string[] = [];
  for (const s of pick) {
    try {
      const r = await fetch(`${app.origin}/reports/${s.runId}`, { signal: AbortSignal.timeout(15_000) });
      await r.arrayBuffer();
      if (r.status === 200) ok++;
      else bad.push(`${s.runId}: ${r.status}`);
    } catch (e) {
      bad.push(`${s.runId}: ${(e as Error).message}`);
    }
  }
  return { checked: pick.length, ok, bad };
}

// ---- part 2: limits across two instances ----------------------------------------------------------

interface Tally {
  allowed: number;
  limited: number;
  other: number;
  byInstance: Record<string, { allowed: number; limited: number; other: number }>;
  statuses: Record<string, number>;
}
function tally(names: string[]): Tally {
  return { allowed: 0, limited: 0, other: 0, byInstance: Object.fromEntries(names.map((n) => [n, { allowed: 0, limited: 0, other: 0 }])), statuses: {} };
}
function count(t: Tally, instance: string, what: "allowed" | "limited" | "other", status: string) {
  t[what]++;
  t.byInstance[instance]![what]++;
  t.statuses[status] = (t.statuses[status] ?? 0) + 1;
}

/** Live checks through the customer form: what the recorded report says about live.token. */
async function liveLimitForm(instances: App[], dbUrl: string, attempts: number): Promise<Tally> {
  const t = tally(instances.map((a) => a.name));
  const client = new pg.Client(pgConfig(dbUrl));
  await client.connect();
  let cookie: string | undefined;
  try {
    for (let i = 0; i < attempts; i++) {
      const app = instances[i % instances.length]!;
      const r = await postVerify(app.origin, verifyForm("live", `limit-form-${randomBytes(6).toString("hex")}`), cookie);
      if (r.setupCookie) cookie = r.setupCookie;
      if (r.outcome !== "saved") {
        count(t, app.name, "other", r.status === null ? `no answer (${r.error})` : `${r.status} ${r.outcome}`);
        continue;
      }
      const { rows } = await client.query<{ report: { checks?: { id: string; status: string; detail?: string }[] } }>(
        `SELECT report FROM verification_run WHERE "publicId" = $1`,
        [r.runId],
      );
      const liveToken = rows[0]?.report.checks?.find((c) => c.id === "live.token");
      if (liveToken?.status === "pass") count(t, app.name, "allowed", "live.token pass");
      else if (liveToken && /too many live checks/i.test(liveToken.detail ?? "")) count(t, app.name, "limited", "live.token rate-limited");
      else count(t, app.name, "other", `live.token ${liveToken?.status ?? "absent"}: ${(liveToken?.detail ?? "").slice(0, 80)}`);
    }
  } finally {
    await client.end();
  }
  return t;
}

/** Live checks through the JSON API with an API key (its own bucket): 200 allowed, 429 limited. */
async function liveLimitApi(instances: App[], apiKey: string, attempts: number): Promise<Tally> {
  const t = tally(instances.map((a) => a.name));
  for (let i = 0; i < attempts; i++) {
    const app = instances[i % instances.length]!;
    try {
      const r = await fetch(`${app.origin}/api/v1/verify`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey },
        body: JSON.stringify({ clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: true }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await r.arrayBuffer();
      count(t, app.name, r.status === 200 ? "allowed" : r.status === 429 ? "limited" : "other", String(r.status));
    } catch (e) {
      count(t, app.name, "other", `no answer (${(e as Error).name})`);
    }
  }
  return t;
}

/** Failed staff sign-ins (wrong password) alternating between the instances, then the right password once. */
async function signInLimit(instances: App[], authOrigin: string, email: string, password: string, attempts: number) {
  const t = tally(instances.map((a) => a.name));
  const send = async (app: App, pw: string) => {
    const r = await fetch(`${app.origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: authOrigin },
      body: JSON.stringify({ email, password: pw }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await r.arrayBuffer();
    return r.status;
  };
  for (let i = 0; i < attempts; i++) {
    const app = instances[i % instances.length]!;
    try {
      const status = await send(app, `wrong-password-${i}-${randomBytes(4).toString("hex")}`);
      // 401/400/403: the password was checked (and refused); 429: the limit answered instead.
      count(t, app.name, status === 429 ? "limited" : status === 401 || status === 400 || status === 403 ? "allowed" : "other", String(status));
    } catch (e) {
      count(t, app.name, "other", `no answer (${(e as Error).name})`);
    }
  }
  let rightPassword: string;
  try {
    rightPassword = String(await send(instances[attempts % instances.length]!, password));
  } catch (e) {
    rightPassword = `no answer (${(e as Error).name})`;
  }
  return { tally: t, rightPasswordStatus: rightPassword };
}

async function createStaff(url: string, email: string, password: string, baseURL: string): Promise<void> {
  // Imported here: the generated Prisma client and Better Auth are only needed for this part.
  const { createDatabase, closeDatabase } = await import("../lib/db");
  const { createStaffUser } = await import("../lib/auth/staff");
  const db = createDatabase(url, { max: 2, applicationName: "bench-soak" });
  try {
    await createStaffUser(db.prisma, { email, password, name: "Soak test" }, { secret: secrets.auth, baseURL });
  } finally {
    await closeDatabase(db);
  }
}

// ---- main ----------------------------------------------------------------------------------------

function uptime(): string {
  const [a, b, c] = os.loadavg();
  return `load ${a!.toFixed(2)} ${b!.toFixed(2)} ${c!.toFixed(2)} on ${os.cpus().length} cores`;
}

async function main() {
  if (!existsSync(path.join(".next", "BUILD_ID"))) {
    console.error("bench:soak: no production build (.next/BUILD_ID): run `npm run build` first");
    process.exit(2);
  }
  const goals: { name: string; ok: boolean; detail: string }[] = [];
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: uptime(),
    count: COUNT,
    concurrency: CONCURRENCY,
    shutdown: SHUTDOWN,
    downSeconds: DOWN_SECONDS,
  };
  console.log(`bench:soak — ${COUNT} verifications, ${CONCURRENCY} concurrent; PostgreSQL ${SHUTDOWN} shutdown after ${Math.round(STOP_AT * 100)} %, down ${DOWN_SECONDS} s; ${uptime()}`);

  const t = now();
  database = await startRestartablePostgres();
  await applyMigrations(database.url);
  fake = await startFakeEntra({ port: 0, host: "127.0.0.1" });
  console.log(`  PostgreSQL 18 on 127.0.0.1:${database.port} (fixed port, fsync on), fake Entra ID / Graph on ${fake.url}, ready in ${Math.round(now() - t)} ms`);
  const apiKey = `soak-${randomBytes(16).toString("hex")}`;
  const portA = await freePort();
  const portB = await freePort();
  const siteUrl = `http://127.0.0.1:${portA}`;

  // ---- part 1
  if (!SKIP_SOAK) {
    const app = await startApp("soak", portA, appEnv({ databaseUrl: database.url, siteUrl, liveLimit: 100_000, apiKey }));
    console.log(`  next start on ${app.origin}`);
    // Warm-up (first requests compile nothing, but open connections and load modules).
    for (let i = 0; i < 5; i++) await postVerify(app.origin, verifyForm(i % 2 ? "live" : "rules", `warm-${i}-${randomBytes(4).toString("hex")}`), undefined);
    const { samples, fault, wallMs, hitDeadline } = await soak(app, database);
    const db = await checkDatabase(database.url, samples);
    const reports = await sampleReports(app, samples);
    const logs = appLogProblems(app);
    await stopApp(app.child);

    const status5xx = samples.filter((s) => s.status !== null && s.status >= 500);
    const reasons: Record<string, number> = {};
    for (const s of samples) if (s.notSavedReason) reasons[s.notSavedReason] = (reasons[s.notSavedReason] ?? 0) + 1;
    const followed = samples.filter((s) => s.follow);
    const follow5xx = followed.filter((s) => s.follow!.status === null || s.follow!.status >= 500);
    const followCounts: Record<string, number> = {};
    for (const s of followed) {
      const k = `${s.outcome === "saved" ? "report" : "unsaved page"} ${s.follow!.status ?? "no answer"}${s.end >= (fault.stopBegin ?? Infinity) && s.start <= (fault.ready ?? Infinity) ? " (outage)" : ""}`;
      followCounts[k] = (followCounts[k] ?? 0) + 1;
    }
    const followLat = percentiles(followed.map((s) => s.follow!.ms));
    const noAnswer = samples.filter((s) => s.status === null);
    const statusCounts: Record<string, number> = {};
    for (const s of samples) {
      const k = s.status === null ? `no answer${s.error ? ` (${s.error})` : ""}` : `${s.status} ${s.outcome}`;
      statusCounts[k] = (statusCounts[k] ?? 0) + 1;
    }
    const outageFrom = fault.stopBegin ?? Infinity;
    const outageTo = fault.ready ?? Infinity;
    const duringOutage = samples.filter((s) => s.end >= outageFrom && s.start <= outageTo);
    const outageCounts: Record<string, number> = {};
    for (const s of duringOutage) {
      const k = s.status === null ? "no answer" : `${s.status} ${s.outcome}`;
      outageCounts[k] = (outageCounts[k] ?? 0) + 1;
    }
    const afterReady = fault.ready !== undefined ? samples.filter((s) => s.start >= fault.ready!).sort((a, b) => a.end - b.end) : [];
    const firstSaved = afterReady.find((s) => s.outcome === "saved");
    const recoveryMs = firstSaved && fault.ready !== undefined ? firstSaved.end - fault.ready : NaN;
    // Requests sent after the database was back that were still answered "not saved": stale connections.
    const unsavedAfterReady = afterReady.filter((s) => s.outcome !== "saved");
    const lastUnsavedAfterReady = unsavedAfterReady.length ? Math.max(...unsavedAfterReady.map((s) => s.end)) - fault.ready! : 0;
    const firstSent = afterReady.length ? afterReady.reduce((a, b) => (b.start < a.start ? b : a)) : undefined;
    const unsavedEnds = samples.filter((s) => s.outcome !== "saved").map((s) => s.end);
    const lastUnsaved = unsavedEnds.length && fault.ready !== undefined ? Math.max(...unsavedEnds) - fault.ready : NaN;
    const lat = percentiles(samples.map((s) => s.end - s.start));
    const steady = percentiles(samples.filter((s) => !(s.end >= outageFrom && s.start <= outageTo)).map((s) => s.end - s.start));
    const savedLat = percentiles(samples.filter((s) => s.outcome === "saved").map((s) => s.end - s.start));
    const outageLat = percentiles(duringOutage.map((s) => s.end - s.start));

    console.log("\n  Soak (POST /verify, the no-JavaScript customer path)");
    const rows: [string, string][] = [
      ["requests answered", `${samples.length} (${samples.length - COUNT > 0 ? `${COUNT} + ${samples.length - COUNT} sent to see the recovery` : `${COUNT} asked`}) in ${(wallMs / 1000).toFixed(1)} s, ${(samples.length / (wallMs / 1000)).toFixed(0)}/s${hitDeadline ? `, STOPPED at --max-seconds ${MAX_SECONDS}` : ""}`],
      ["answers", Object.entries(statusCounts).map(([k, v]) => `${k}: ${v}`).join(", ")],
      ["5xx (goal 0)", String(status5xx.length)],
      [`pages the 303 led to, fetched for ${followed.length} (5xx or no answer: goal 0)`, `${follow5xx.length}; ${Object.entries(followCounts).map(([k, v]) => `${k}: ${v}`).join(", ")}; p50/p95 ${ms(followLat.p50)}/${ms(followLat.p95)}`],
      ["no HTTP answer (goal 0)", String(noAnswer.length)],
      ["acknowledged runs (303 → /reports/<id>)", String(db.acknowledged)],
      ["acknowledged but missing in the database (goal 0)", String(db.missing.length)],
      ["acknowledged with another run's key (goal 0)", String(db.wrongKey.length)],
      ["answered \"not saved\" yet stored", String(db.savedAnyway.length)],
      ["report pages of acknowledged runs (GET, sample)", `${reports.ok}/${reports.checked} answered 200${reports.bad.length ? ` (${reports.bad.slice(0, 3).join("; ")})` : ""}`],
      [
        `PostgreSQL ${SHUTDOWN} stop → stopped → down → accepting again`,
        fault.error
          ? `FAILED: ${fault.error}`
          : fault.ready !== undefined
            ? `stop took ${ms(fault.stopped! - fault.stopBegin!)}, down ${ms(fault.startBegin! - fault.stopped!)}, start took ${ms(fault.ready - fault.startBegin!)}`
            : "no fault injected",
      ],
      ["what \"not saved\" answers told the customer", Object.entries(reasons).map(([k, v]) => `${k}: ${v}`).join(", ") || "–"],
      ["answers while the database was stopping/down/starting", `${duringOutage.length}: ${Object.entries(outageCounts).map(([k, v]) => `${k}: ${v}`).join(", ") || "–"}`],
      ["recovery: database accepting → first saved run (app not restarted)", ms(recoveryMs)],
      ["requests sent after that still answered \"not saved\"", `${unsavedAfterReady.length}${unsavedAfterReady.length ? ` (the last answered ${ms(lastUnsavedAfterReady)} after the database was back)` : ""}`],
      ["first request sent after the database was back", firstSent ? `${firstSent.outcome}, sent ${ms(firstSent.start - fault.ready!)} after, answered in ${ms(firstSent.end - firstSent.start)}` : "–"],
      ["last \"not saved\" answer, relative to the database accepting again", Number.isFinite(lastUnsaved) ? `${lastUnsaved >= 0 ? "+" : ""}${ms(lastUnsaved)}` : "–"],
      ["latency, all answers p50 / p95 / p99 / max", `${ms(lat.p50)} / ${ms(lat.p95)} / ${ms(lat.p99)} / ${ms(lat.max)}`],
      ["latency outside the outage p50 / p95 / p99", `${ms(steady.p50)} / ${ms(steady.p95)} / ${ms(steady.p99)} (n=${steady.n})`],
      ["latency of saved runs p50 / p95 / p99", `${ms(savedLat.p50)} / ${ms(savedLat.p95)} / ${ms(savedLat.p99)}`],
      ["latency during the outage p50 / p95 / p99", `${ms(outageLat.p50)} / ${ms(outageLat.p95)} / ${ms(outageLat.p99)} (n=${outageLat.n})`],
      ["app log: \"run not saved\" / uncaught exceptions / other error lines", `${logs.notSaved} / ${logs.uncaught} / ${logs.other.length}`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
    if (logs.other.length) console.log(`  first app log error lines:\n    ${logs.other.slice(0, 5).join("\n    ")}`);
    if (db.missing.length) console.log(`  missing run ids (first 5): ${db.missing.slice(0, 5).map((s) => s.runId).join(", ")}`);

    goals.push({ name: "no 5xx", ok: status5xx.length === 0 && follow5xx.length === 0, detail: `${status5xx.length} on POST /verify, ${follow5xx.length} on the pages it led to` });
    goals.push({ name: "no uncaught exception in the app", ok: logs.uncaught === 0, detail: `${logs.uncaught}` });
    goals.push({ name: "\"not saved\" answers name the database as the cause", ok: !reasons["problem on our side"] && !reasons.unreadable, detail: Object.entries(reasons).map(([k, v]) => `${k}: ${v}`).join(", ") || "none" });
    goals.push({ name: "every request answered", ok: noAnswer.length === 0, detail: `${noAnswer.length} without an answer` });
    goals.push({ name: "no acknowledged run missing", ok: db.missing.length === 0 && db.wrongKey.length === 0, detail: `${db.missing.length} missing, ${db.wrongKey.length} mismatched` });
    goals.push({ name: "recovered without restarting the app", ok: fault.ready === undefined || Number.isFinite(recoveryMs), detail: fault.error ?? ms(recoveryMs) });
    goals.push({ name: "report pages of saved runs answer", ok: reports.ok === reports.checked, detail: `${reports.ok}/${reports.checked}` });
    goals.push({ name: "soak finished in time", ok: !hitDeadline, detail: `${(wallMs / 1000).toFixed(1)} s` });
    result.soak = {
      answered: samples.length,
      wallSeconds: +(wallMs / 1000).toFixed(1),
      statuses: statusCounts,
      status5xx: status5xx.length,
      followed: { count: followed.length, bad: follow5xx.length, statuses: followCounts },
      noAnswer: noAnswer.length,
      acknowledged: db.acknowledged,
      acknowledgedMissing: db.missing.length,
      acknowledgedMismatched: db.wrongKey.length,
      notSavedButStored: db.savedAnyway.length,
      notSavedReasons: reasons,
      outage: {
        stopMs: fault.stopped !== undefined ? Math.round(fault.stopped - fault.stopBegin!) : null,
        downMs: fault.startBegin !== undefined ? Math.round(fault.startBegin - fault.stopped!) : null,
        startMs: fault.ready !== undefined ? Math.round(fault.ready - fault.startBegin!) : null,
        answers: outageCounts,
        error: fault.error ?? null,
      },
      recoveryMs: Number.isFinite(recoveryMs) ? Math.round(recoveryMs) : null,
      unsavedAfterReady: unsavedAfterReady.length,
      firstSentAfterReady: firstSent ? { outcome: firstSent.outcome, latencyMs: Math.round(firstSent.end - firstSent.start) } : null,
      lastNotSavedRelativeToReadyMs: Number.isFinite(lastUnsaved) ? Math.round(lastUnsaved) : null,
      latencyMs: { p50: Math.round(lat.p50), p95: Math.round(lat.p95), p99: Math.round(lat.p99), max: Math.round(lat.max) },
      latencyOutsideOutageMs: { p50: Math.round(steady.p50), p95: Math.round(steady.p95), p99: Math.round(steady.p99) },
      appLogNotSaved: logs.notSaved,
      appLogUncaught: logs.uncaught,
      appLogOtherErrors: logs.other.length,
    };
  }

  // ---- part 2
  if (!SKIP_LIMITS) {
    console.log(`\n  Limits across two instances (VERIFY_LIVE_RATE_LIMIT=${LIMIT}; sign-in: ${SIGN_IN_MAX_ATTEMPTS} per ${SIGN_IN_WINDOW_SECONDS} s), requests alternating A, B, A, …`);
    const staffEmail = `soak-${randomBytes(3).toString("hex")}@example.com`;
    const staffPassword = randomBytes(18).toString("base64url");
    await createStaff(database.url, staffEmail, staffPassword, siteUrl);
    // The soak's live checks spent points in the shared store: start this part from an empty one.
    const c = new pg.Client(pgConfig(database.url));
    await c.connect();
    await c.query("DELETE FROM rate_limits").finally(() => c.end());
    const env = appEnv({ databaseUrl: database.url, siteUrl, liveLimit: LIMIT, apiKey });
    const [a, b] = await Promise.all([startApp("A", portA, env), startApp("B", portB, env)]);
    const instances = [a, b];
    const attempts = 2 * LIMIT + 2;
    const form = await liveLimitForm(instances, database.url, attempts);
    const api = await liveLimitApi(instances, apiKey, attempts);
    const signInAttempts = 2 * SIGN_IN_MAX_ATTEMPTS + 2;
    const signIn = await signInLimit(instances, siteUrl, staffEmail, staffPassword, signInAttempts);
    const logs = instances.map(appLogProblems);
    await Promise.all(instances.map((x) => stopApp(x.child)));

    const show = (t: Tally) =>
      `allowed ${t.allowed}, limited ${t.limited}${t.other ? `, other ${t.other}` : ""}  (A: ${t.byInstance.A!.allowed}/${t.byInstance.A!.limited}, B: ${t.byInstance.B!.allowed}/${t.byInstance.B!.limited} allowed/limited; ${Object.entries(t.statuses).map(([k, v]) => `${k}: ${v}`).join(", ")})`;
    const rows: [string, string][] = [
      [`live checks, customer form (${attempts} sent; limit ${LIMIT})`, show(form)],
      [`live checks, JSON API with an API key (${attempts} sent; limit ${LIMIT})`, show(api)],
      [`failed staff sign-ins (${signInAttempts} sent; limit ${SIGN_IN_MAX_ATTEMPTS})`, show(signIn.tally)],
      ["then the right password", `answered ${signIn.rightPasswordStatus}${signIn.rightPasswordStatus === "429" ? " (the limit also holds the right password back)" : ""}`],
      ["app log error lines (A / B)", `${logs[0]!.other.length} / ${logs[1]!.other.length}${logs[0]!.uncaught + logs[1]!.uncaught ? ` (${logs[0]!.uncaught + logs[1]!.uncaught} uncaught)` : ""}`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
    console.log("  (no X-Forwarded-For is sent: the app sees every request of this script as one client)");
    goals.push({ name: "live limit (form) holds across instances", ok: form.allowed === LIMIT && form.other === 0, detail: `${form.allowed} allowed of limit ${LIMIT}` });
    goals.push({ name: "live limit (API) holds across instances", ok: api.allowed === LIMIT && api.other === 0, detail: `${api.allowed} allowed of limit ${LIMIT}` });
    goals.push({ name: "sign-in limit holds across instances", ok: signIn.tally.allowed <= SIGN_IN_MAX_ATTEMPTS && signIn.tally.limited > 0 && signIn.tally.other === 0, detail: `${signIn.tally.allowed} allowed of limit ${SIGN_IN_MAX_ATTEMPTS}` });
    result.limits = { liveLimit: LIMIT, form, api, signInLimit: SIGN_IN_MAX_ATTEMPTS, signIn: signIn.tally, rightPasswordAfter: signIn.rightPasswordStatus };
  }

  console.log("\n  Goals");
  for (const g of goals) console.log(`  ${g.ok ? "ok  " : "FAIL"}  ${g.name}: ${g.detail}`);
  result.goals = goals;
  result.ok = goals.every((g) => g.ok);
  if (KEEP_LOGS) console.log(`  logs kept in ${tmp}`);
  finished = true;
  await database.destroy();
  await fake.close();
  database = undefined;
  console.log(`SOAK_RESULT ${JSON.stringify(result)}`);
  process.exit(result.ok ? 0 : 1);
}

main().catch(async (e: unknown) => {
  console.error(`bench:soak: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  finished = true;
  await Promise.all([...apps].map((c) => stopApp(c)));
  await database?.destroy().catch(() => {});
  await fake?.close().catch(() => {});
  process.exit(1);
});
