// Started by Playwright's webServer: the services the browser tests need, then `next start`.
// Each service adds its environment to `env` and its cleanup to `cleanups` (run in reverse order
// when the server stops), so further services (e.g. a fake Entra ID / Graph) slot in the same way.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
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

/** Support console: sign-in secret and origin, a staff user with a known TEST password, demo setups (tests/e2e/support-seed.ts). */
async function startSupport(): Promise<void> {
  env.BETTER_AUTH_SECRET ||= randomBytes(48).toString("base64url");
  env.BETTER_AUTH_URL ||= `http://127.0.0.1:${port}`;
  const { seedSupportE2E } = await import("../tests/e2e/support-seed");
  await seedSupportE2E(env.DATABASE_URL!, { secret: env.BETTER_AUTH_SECRET, baseURL: env.BETTER_AUTH_URL });
  console.log("e2e-server: support console seeded");
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
  const child = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(`e2e-server: ${(e as Error).message?.split("\n")[0] ?? String(e)}`);
  void shutdown(1);
});
