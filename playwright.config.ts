import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from "./scripts/lib/chromium-args";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: ".tmp/test-results",
  fullyParallel: false,
  workers: 1,
  // A stray test.only must not silently skip the rest in CI.
  forbidOnly: !!process.env.CI,
  // One retry in CI to tell a flaky test from a broken one; scripts/test.mjs counts "flaky" (passed
  // only on the retry) as failed.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/playwright-results.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium when present (these machines cannot download Playwright's browser);
      // Playwright's own browser everywhere else.
      executablePath: SYSTEM_CHROMIUM,
      // The same switches as the page bench (scripts/lib/chromium-args.ts): offline-friendly, and without the
      // omnibox WebUI that Chromium 156 builds in every new window (every test's context) beside the page.
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Starts a throwaway database, the fake Entra ID / Graph server and `next start` (built beforehand).
    command: "tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // SIGTERM (not SIGKILL) so scripts/e2e-server.ts drops its throwaway database and stops the fake.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  },
});
