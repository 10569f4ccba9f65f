#!/usr/bin/env node
// `prisma generate` (postinstall and `npm run prisma:generate`): writes the client to lib/db/generated.
//
// The Prisma CLI checks for its native schema engine at start and downloads it when missing, even
// though `generate` never runs it. On a machine with internet the plain CLI does that and works.
// Offline (only the npm registry reachable) the download fails; generate then runs again with
// PRISMA_SCHEMA_ENGINE_BINARY pointing at an empty executable stub. Plain Node, no dependencies.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
if (!existsSync(path.join(root, "prisma/schema.prisma"))) process.exit(0);

const require = createRequire(import.meta.url);
let cli;
try {
  cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
} catch {
  console.error("prisma-generate: the `prisma` package is not installed (run `npm ci`)");
  process.exit(1);
}

const baseEnv = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

function generate(extraEnv) {
  const r = spawnSync(process.execPath, [cli, "generate"], {
    cwd: root,
    env: { ...baseEnv, ...extraEnv },
    encoding: "utf8",
  });
  return { status: r.status ?? 1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function stubEngine() {
  const dir = path.join(root, "node_modules/.cache/prisma-engine-stub");
  const file = path.join(dir, process.platform === "win32" ? "schema-engine.cmd" : "schema-engine");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, process.platform === "win32" ? "@exit /b 1\r\n" : "#!/bin/sh\n# stand-in: prisma generate never runs the schema engine\nexit 1\n");
  chmodSync(file, 0o755);
  return file;
}

async function canReachPrismaBinaries() {
  try {
    await Promise.race([
      lookup("binaries.prisma.sh"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

const userEngine = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
let result;
if (userEngine && existsSync(userEngine)) {
  result = generate({});
} else {
  // Try the plain CLI when its download server resolves; otherwise (or when that fails) the stub.
  const online = await canReachPrismaBinaries();
  result = online ? generate({}) : { status: 1, output: "" };
  if (result.status !== 0) {
    const why = online ? " (the Prisma CLI could not fetch its schema engine)" : " (binaries.prisma.sh unreachable)";
    result = generate({ PRISMA_SCHEMA_ENGINE_BINARY: stubEngine() });
    if (result.status === 0) console.log(`prisma-generate: used a stub schema engine${why}; generate does not need it`);
  }
}
if (result.status !== 0) {
  process.stderr.write(result.output);
  console.error("prisma-generate: `prisma generate` failed");
  process.exit(result.status);
}
const line = result.output.split("\n").find((l) => l.includes("Generated Prisma Client"));
console.log(`prisma-generate: ${line ? line.replace(/^[^A-Za-z]+/, "").trim() : "done"}`);
