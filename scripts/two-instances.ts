// Two instances of the standalone server (.next/standalone/server.js, as the Dockerfile runs it) on
// two ports against ONE throwaway PostgreSQL: a customer verifies on A and reads their progress and
// report on B; live checks through the API (one API key) alternate A, B, A, … and the limit holds
// across both. Build first (`npm run build`). Exit 0 when every expectation holds, 1 otherwise.
//
//   npx tsx scripts/two-instances.ts [--limit 3] [--attempts 8]
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FAKE, startFakeEntra, type FakeEntra } from "../dev/fake-entra";
import { createThrowawayDatabase, freePort, type ThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { argValue } from "../lib/db/script";
import { prepareStandalone, stopChild } from "./lib/standalone";

const LIMIT = Number(argValue(process.argv, "--limit") ?? 3);
const ATTEMPTS = Number(argValue(process.argv, "--attempts") ?? 8);
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";
const A = FAKE.apps;
const T = FAKE.tenants;
const root = process.cwd();
const tmp = mkdtempSync(path.join(os.tmpdir(), "bc-two-"));
const children = new Set<ChildProcess>();

interface Instance { name: string; origin: string; child: ChildProcess; log: string }

async function startInstance(server: string, name: string, port: number, env: NodeJS.ProcessEnv): Promise<Instance> {
  const log = path.join(tmp, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(process.execPath, ["--require", path.join(root, "scripts", "http-preload.cjs"), server], {
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`${name}: exited with ${child.exitCode} (log: ${log})`);
    try {
      const r = await fetch(`${origin}/api/ready`, { signal: AbortSignal.timeout(3000) });
      await r.arrayBuffer();
      if (r.ok) return { name, origin, child, log };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name}: /api/ready did not answer 200 on ${origin} within 60 s (log: ${log})`);
}

const results: { name: string; ok: boolean; detail: string }[] = [];
const expectThat = (name: string, ok: boolean, detail: string) => {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? "ok  " : "FAIL"} ${name}: ${detail}`);
};

async function main() {
  const server = prepareStandalone(root);
  if (!server) {
    console.error("two-instances: no standalone build (.next/standalone/server.js): run `npm run build` first");
    process.exit(2);
  }
  let db: ThrowawayDatabase | undefined;
  let fake: FakeEntra | undefined;
  try {
    db = await createThrowawayDatabase({ label: "two", ...(process.env.TEST_DATABASE_URL ? { serverUrl: process.env.TEST_DATABASE_URL } : {}) });
    await applyMigrations(db.url);
    fake = await startFakeEntra({ port: 0, host: "127.0.0.1" });
    const [portA, portB] = [await freePort(), await freePort()];
    const apiKey = `two-${randomBytes(16).toString("hex")}`;
    const siteUrl = `http://127.0.0.1:${portA}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: db.url,
      SITE_URL: siteUrl,
      BETTER_AUTH_URL: siteUrl,
      BETTER_AUTH_SECRET: randomBytes(48).toString("base64url"),
      SECRET_FINGERPRINT_KEY: randomBytes(48).toString("base64url"),
      ENTRA_LOGIN_BASE_URL: fake.loginBaseUrl,
      GRAPH_BASE_URL: fake.graphBaseUrl,
      VERIFY_LIVE_RATE_LIMIT: String(LIMIT),
      VERIFY_LIVE_RATE_WINDOW_SECONDS: "600",
      VERIFY_API_KEYS: apiKey,
    };
    const [a, b] = await Promise.all([startInstance(server, "A", portA, env), startInstance(server, "B", portB, env)]);
    console.log(`two-instances: A ${a.origin}, B ${b.origin}, one database (${db.where}); logs in ${tmp}`);
    expectThat("both ready", true, "/api/ready answered 200 on A and B (PostgreSQL up, migrations applied)");

    // 1. Verify on A (the no-JavaScript form, as a browser without JS posts it).
    const form = new URLSearchParams({
      step: "register-application",
      mode: "fields",
      clientId: A.good.appId,
      tenant: T.contoso.id,
      redirectUri: `${REDIRECT}/`,
      signInAudience: "AzureADandPersonalMicrosoftAccount",
      idempotencyKey: `two-${randomBytes(4).toString("hex")}`,
    });
    const res = await fetch(`${a.origin}/verify`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: siteUrl },
    });
    await res.arrayBuffer();
    const location = res.headers.get("location") ?? "";
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("bc_setup="))?.split(";")[0];
    const runId = /^\/reports\/([A-Za-z0-9_-]{8,64})/.exec(location)?.[1];
    expectThat("verify on A", res.status === 303 && !!runId && !!cookie, `${res.status} → ${location.slice(0, 60)}`);

    // 2. Read it on B: the report permalink and the progress page with the same cookie.
    const report = await fetch(`${b.origin}/reports/${runId}`);
    const reportHtml = await report.text();
    expectThat("report on B", report.status === 200 && /trailing slash/i.test(reportHtml), `GET /reports/${runId} → ${report.status}`);
    const progress = await fetch(`${b.origin}/progress`, { headers: cookie ? { cookie } : {} });
    const progressHtml = await progress.text();
    expectThat("progress on B", progress.status === 200 && /Register/i.test(progressHtml) && /fail|to fix/i.test(progressHtml), `GET /progress (cookie from A) → ${progress.status}`);

    // 3. Live checks with one API key, alternating A, B, A, …: the limit is shared through PostgreSQL.
    const statuses: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const inst = i % 2 === 0 ? a : b;
      const r = await fetch(`${inst.origin}/api/v1/verify`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey },
        body: JSON.stringify({ clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: true }),
      });
      await r.arrayBuffer();
      statuses.push(`${inst.name}:${r.status}${r.status === 429 ? `(retry-after ${r.headers.get("retry-after")})` : ""}`);
    }
    const allowed = statuses.filter((s) => s.endsWith(":200")).length;
    const limited = statuses.filter((s) => s.includes(":429")).length;
    expectThat(
      "live-check limit across A and B",
      allowed === LIMIT && limited === ATTEMPTS - LIMIT,
      `limit ${LIMIT}: ${allowed} allowed, ${limited} limited — ${statuses.join(" ")}`,
    );
    await Promise.all([stopChild(a.child), stopChild(b.child)]);
  } finally {
    await Promise.all([...children].map((c) => stopChild(c)));
    await fake?.close();
    await db?.drop();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`two-instances: ${results.length - failed.length} of ${results.length} expectations held`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`two-instances: ${(e as Error).message}`);
  for (const c of children) c.kill("SIGKILL");
  process.exit(1);
});
