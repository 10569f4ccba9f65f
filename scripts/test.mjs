#!/usr/bin/env node
// `npm test`: everything, in order — type check, lint, unit + integration tests (vitest, real Postgres),
// production build, browser tests (Playwright in Chromium). Installs what it can, and says in one
// line what it cannot. Plain Node (no dependencies) so it runs before `npm ci` has.
//
// Data tests run once per database named in TEST_DATABASE_URLS (comma-separated; the word
// `embedded` means a throwaway embedded PostgreSQL). Default: TEST_DATABASE_URL if set, else embedded.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { requireSupportedNode } from "./lib/node-version.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
requireSupportedNode("npm test");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const args = new Set(process.argv.slice(2));
const t0 = Date.now();

function run(cmd, argv, extraEnv = {}) {
  const r = spawnSync(cmd, argv, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}
function fail(line) {
  console.error(`npm test: ${line}`);
  process.exit(1);
}

// 1. Dependencies.
if (!existsSync("node_modules/.package-lock.json")) {
  console.log("npm test: installing dependencies (npm ci)…");
  if (run("npm", ["ci", "--no-audit", "--no-fund"]) !== 0) fail("`npm ci` failed (is the npm registry reachable?)");
}

// 2. A browser for Playwright: Debian's Chromium, or Playwright's own.
const require = createRequire(import.meta.url);
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
let bundled = null;
try { bundled = require("playwright-core").chromium.executablePath(); } catch {}
if (!args.has("--no-e2e") && !systemChromium && !(bundled && existsSync(bundled))) {
  fail("no Chromium found: install it with `apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`.");
}

mkdirSync(".tmp", { recursive: true });
// A test that passed only on a retry ("flaky") counts as failed: it says the code or the test is wrong.
const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
const flakyNames = [];
function countVitest(file) {
  if (!existsSync(file)) return false;
  const j = JSON.parse(readFileSync(file, "utf8"));
  // Vitest keeps the errors of failed attempts on a test that then passed on retry.
  const flaky = (j.testResults ?? []).flatMap((f) =>
    (f.assertionResults ?? []).filter((t) => t.status === "passed" && (t.failureMessages ?? []).length > 0).map((t) => `${path.relative(root, f.name)}: ${t.fullName}`),
  );
  totals.passed += (j.numPassedTests ?? 0) - flaky.length;
  totals.failed += (j.numFailedTests ?? 0) + flaky.length;
  totals.flaky += flaky.length;
  flakyNames.push(...flaky);
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  return true;
}
function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, "utf8"));
  const s = report.stats ?? {};
  totals.passed += s.expected ?? 0;
  totals.failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  totals.flaky += s.flaky ?? 0;
  totals.skipped += s.skipped ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === "flaky") flakyNames.push(`${spec.file}: ${spec.title}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return true;
}
let status = 0;
const step = (name, code) => {
  if (code !== 0) { status = 1; console.error(`npm test: ${name} failed (exit ${code})`); }
  return code;
};

// 3. Types.
step("type check", run("npx", ["tsc", "--noEmit", "-p", "."]));

// 4. Lint: ESLint and the import directions (dependency-cruiser); a failure counts as one failed test.
console.log("\nnpm test: lint (eslint + dependency-cruiser)");
if (step("lint", run("node", ["scripts/lint.mjs"])) !== 0) totals.failed += 1;

// 5. Unit + integration tests, once per database.
const dbs = (env.TEST_DATABASE_URLS ?? env.TEST_DATABASE_URL ?? "embedded").split(",").map((s) => s.trim()).filter(Boolean);
dbs.forEach((db, i) => {
  const out = `.tmp/vitest-${i}.json`;
  rmSync(out, { force: true });
  const label = db === "embedded" ? "embedded PostgreSQL" : db.replace(/\/\/[^@/]*@/, "//…@");
  console.log(`\nnpm test: vitest (${i === 0 ? "unit + integration" : "integration"}) against ${label}`);
  const only = i === 0 ? [] : ["tests/integration"];
  const code = run("npx", ["vitest", "run", ...only, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], {
    TEST_DATABASE_URL: db === "embedded" ? "" : db,
  });
  if (!countVitest(out) && code !== 0) totals.failed += 1;
  step(`vitest (${label})`, code);
});

// 6. Build, then browser tests against `next start`.
if (!args.has("--no-e2e")) {
  if (step("next build", run("npx", ["next", "build"])) === 0) {
    rmSync(".tmp/playwright-results.json", { force: true });
    const code = run("npx", ["playwright", "test"]);
    if (!countPlaywright(".tmp/playwright-results.json") && code !== 0) totals.failed += 1;
    step("playwright", code);
    // Two standalone servers on one database: a run verified on one is read on the other, and the
    // live-check limit holds across both (scripts/two-instances.ts); one test in the count.
    console.log("\nnpm test: two standalone instances on one PostgreSQL");
    const two = step("two instances", run("npx", ["tsx", "scripts/two-instances.ts"]));
    if (two === 0) totals.passed += 1;
    else totals.failed += 1;
  } else {
    totals.failed += 1;
  }
}

const secs = Math.round((Date.now() - t0) / 1000);
console.log(`\nnpm test: finished in ${secs}s`);
for (const name of flakyNames) console.error(`npm test: flaky (passed only on retry, counted as failed): ${name}`);
const flaky = totals.flaky > 0 ? ` (${totals.flaky} of them flaky: passed only on retry)` : "";
console.log(`${totals.passed} passed, ${totals.failed} failed${flaky}, ${totals.skipped} skipped`);
process.exit(status || (totals.failed > 0 ? 1 : 0));
