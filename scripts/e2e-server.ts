// Started by Playwright's webServer: the services the browser tests need, then `next start`.
// Each service adds its environment to `env` and its cleanup to `cleanups` (run in reverse order
// when the server stops), so further services (e.g. a fake Entra ID / Graph) slot in the same way.
import { spawn } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { createThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";

const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const cleanups: Array<() => Promise<void>> = [];

/** A fresh, migrated database: a new one on TEST_DATABASE_URL's server, else a throwaway embedded PostgreSQL. */
async function startDatabase(): Promise<void> {
  const db = await createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL?.trim() || undefined, label: "e2e" });
  cleanups.push(() => db.drop());
  await applyMigrations(db.url);
  env.DATABASE_URL = db.url;
  env.SECRET_FINGERPRINT_KEY ||= randomBytes(48).toString("base64url");
  console.log(`e2e-server: database ready (${db.where})`);
}

/** Support console: sign-in secret and origin, a staff user with a known TEST password, demo setups (dev/e2e-support-seed.ts). */
async function startSupport(): Promise<void> {
  env.BETTER_AUTH_SECRET ||= randomBytes(48).toString("base64url");
  env.BETTER_AUTH_URL ||= `http://127.0.0.1:${port}`;
  const { seedSupportE2E } = await import("../dev/e2e-support-seed");
  await seedSupportE2E(env.DATABASE_URL!, { secret: env.BETTER_AUTH_SECRET, baseURL: env.BETTER_AUTH_URL });
  console.log("e2e-server: support console seeded");
}

/** Fake Entra ID + Microsoft Graph (dev/fake-entra.ts) on a free loopback port: the live checks reach it through ENTRA_LOGIN_BASE_URL / GRAPH_BASE_URL. */
async function startFakeEntra(): Promise<void> {
  const { startFakeEntra: start, FAKE } = await import("../dev/fake-entra");
  const site = env.SITE_URL || `http://127.0.0.1:${port}`;
  const fake = await start({ port: 0, host: "127.0.0.1", delayMs: 15_000, checkerRedirectUris: [`${site}/auth/microsoft/callback`] });
  // "Sign in with Microsoft to check" uses the fake's checker registration (all values fake).
  env.CHECKER_CLIENT_ID ||= FAKE.apps.checker.appId;
  env.CHECKER_CLIENT_SECRET ||= FAKE.apps.checker.secret;
  cleanups.push(() => fake.close());
  env.ENTRA_LOGIN_BASE_URL = fake.loginBaseUrl;
  env.GRAPH_BASE_URL = fake.graphBaseUrl;
  env.SITE_URL ||= `http://127.0.0.1:${port}`;
  // The browser tests run many live checks from one address.
  env.VERIFY_LIVE_RATE_LIMIT ||= "1000";
  // …and start many setups from it (each test's fresh browser has no cookie).
  env.SETUP_CREATE_RATE_LIMIT ||= "1000";
  // …and the specs sign staff in from it more than 5 times a minute.
  env.STAFF_SIGN_IN_RATE_LIMIT ||= "100";
  console.log(`e2e-server: fake Entra ID / Graph on ${fake.url}`);
}

/** Where the tests find what this server started (.tmp/e2e-env.json) and next's output (.tmp/e2e-server.log). */
const LOG_FILE = ".tmp/e2e-server.log";
function writeEnvFile(): void {
  mkdirSync(".tmp", { recursive: true });
  writeFileSync(".tmp/e2e-env.json", JSON.stringify({ databaseUrl: env.DATABASE_URL, logFile: LOG_FILE, entraUrl: env.ENTRA_LOGIN_BASE_URL, port }, null, 2));
}

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(`e2e-server: cleanup failed: ${(e as Error).message}`));
  }
  process.exit(code);
}

async function main() {
  await startDatabase();
  await startSupport();
  await startFakeEntra();
  writeEnvFile();
  // next's output goes to the console and, for the tests that read the server's log, to LOG_FILE.
  const log = createWriteStream(LOG_FILE, { flags: "w" });
  // Next runs as our direct child (not under `npx`), so the SIGTERM we pass on reaches it.
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  // SITE_URL is required in production (lib/config.ts); http-preload.cjs appends the socket address to X-Forwarded-For.
  env.SITE_URL ||= `http://127.0.0.1:${port}`;
  const preload = path.join(process.cwd(), "scripts", "http-preload.cjs");
  const child = spawn(process.execPath, ["--require", preload, nextBin, "start", "-p", port, "-H", "127.0.0.1"], { stdio: ["inherit", "pipe", "pipe"], env });
  child.stdout.on("data", (d: Buffer) => {
    process.stdout.write(d);
    log.write(d);
  });
  child.stderr.on("data", (d: Buffer) => {
    process.stderr.write(d);
    log.write(d);
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(`e2e-server: ${(e as Error).message?.split("\n")[0] ?? String(e)}`);
  void shutdown(1);
});
