#!/usr/bin/env node
// `npm start`: install if needed, build if needed, then start the site on http://localhost:3000.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const dev = process.argv.includes("--dev");
if (!existsSync("node_modules/.package-lock.json")) {
  console.log("start: installing dependencies (npm ci)…");
  if (spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit", env }).status !== 0) {
    console.error("start: `npm ci` failed (is the npm registry reachable?)");
    process.exit(1);
  }
}
if (!dev && !existsSync(".next/BUILD_ID")) {
  console.log("start: building the site (next build)…");
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit", env }).status !== 0) process.exit(1);
}
const child = spawn("npx", ["next", dev ? "dev" : "start", "-p", process.env.PORT ?? "3000"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
