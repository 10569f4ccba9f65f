#!/usr/bin/env node
// `npm run lint`: ESLint (eslint.config.mjs: Next.js, typescript-eslint, React hooks) and
// dependency-cruiser (.dependency-cruiser.cjs: the import directions of the layout). Runs both even
// when the first fails, so one run shows every problem; exits 1 when either failed.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
mkdirSync(".tmp", { recursive: true });

/** What dependency-cruiser reads: every folder of our code, plus the middleware. */
export const CRUISED = ["app", "components", "lib", "scripts", "tests", "dev", "proxy.ts"];

const steps = [
  ["eslint", ["eslint", "--max-warnings", "0", "--cache", "--cache-location", ".tmp/eslintcache", "."]],
  ["dependency-cruiser", ["depcruise", ...CRUISED, "--config", ".dependency-cruiser.cjs", "--output-type", "err"]],
];
const failed = [];
for (const [name, argv] of steps) {
  const r = spawnSync("npx", ["--no-install", ...argv], { stdio: "inherit" });
  if (r.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`lint: ${failed.join(" and ")} failed`);
  process.exit(1);
}
console.log("lint: eslint and dependency-cruiser passed");
