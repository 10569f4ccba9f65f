// `npm run bench`: every benchmark of the project, one after the other (they share 2 cores, so never
// in parallel). Each prints its own figures; pass names to run only some: `npm run bench -- verify db`,
// and options after them: `npm run bench -- soak --count 200 --concurrency 20`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { Goal } from "./lib/bench";

const benches: { name: string; script: string; what: string }[] = [
  { name: "verify", script: "scripts/bench-verify.ts", what: "rule evaluation and live check against the fake Entra ID" },
  { name: "hostile", script: "scripts/bench-hostile.ts", what: "checker time on 200k-character hostile input in every field, beside JSON.parse + trim" },
  { name: "db", script: "scripts/bench-db.ts", what: "migrations, seeding 100k setups, list queries at 100k" },
  { name: "record", script: "scripts/bench-record.ts", what: "recordRun beside a minimal pg transaction doing the same writes, 1 and 8 clients (tx/s, ratio, Node CPU per record)" },
  { name: "support", script: "scripts/bench-support.ts", what: "support console queries at 100k setups" },
  { name: "customer", script: "scripts/bench-customer.ts", what: "verify server action: rules only and with the live check" },
  { name: "guide", script: "scripts/bench-guide.ts", what: "guide page HTML size (raw, gzip, inline RSC payload) and req/s of the standalone server beside nginx (2 workers) or a plain Node server serving the same HTML with gzip on the fly (needs `next build`)" },
  { name: "page", script: "scripts/bench-page.ts", what: "the guide page in Chromium, 4× CPU throttle, cold cache: JS downloaded by module group, Verify-ready, TBT, requests after load, main thread vs the same HTML without scripts (needs `next build`)" },
  { name: "soak", script: "scripts/bench-soak.ts", what: "2,000 verifications at 50 concurrent with a PostgreSQL restart; limits across two instances (needs `next build`)" },
];

// Bench names pick benches; everything else (`--count 200 --concurrency 20`) goes to each bench run.
const names = new Set(benches.map((b) => b.name));
const only = process.argv.slice(2).filter((a) => names.has(a));
const passThrough = process.argv.slice(2).filter((a) => !names.has(a));
let failed = 0;
// Each bench appends the goals it checked (scripts/lib/bench.ts reportGoal) to this file.
const goalsDir = mkdtempSync(path.join(tmpdir(), "bench-goals-"));
const goalsFile = path.join(goalsDir, "goals.jsonl");
const loadBefore = loadavg()[0]!;
const started = new Date();
for (const b of benches) {
  if (only.length > 0 && !only.includes(b.name)) continue;
  if (!existsSync(b.script)) {
    console.log(`\n== ${b.name}: ${b.script} not found, skipped`);
    continue;
  }
  console.log(`\n== ${b.name}: ${b.what}`);
  const runner = b.script.endsWith(".mjs") ? ["node", [b.script, ...passThrough]] : ["npx", ["tsx", b.script, ...passThrough]];
  const r = spawnSync(runner[0] as string, runner[1] as string[], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BENCH_GOALS_FILE: goalsFile } });
  if (r.status !== 0) {
    failed++;
    console.log(`== ${b.name}: exited with ${r.status}`);
  }
}

// Every goal together, with the date and the machine's load: the figures the README quotes.
const goals: Goal[] = existsSync(goalsFile)
  ? readFileSync(goalsFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Goal)
  : [];
rmSync(goalsDir, { recursive: true, force: true });
if (goals.length > 0) {
  const load = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores`;
  // The servers the benches start run on this Node (process.execPath): say which, as the figures depend on it.
  console.log(`\n== goals (${started.toISOString().slice(0, 16).replace("T", " ")} UTC, ${load}, Node ${process.version})`);
  const width = Math.max(...goals.map((g) => g.goal.length));
  for (const g of goals) console.log(`  ${g.met ? "met    " : "NOT met"}  ${g.goal.padEnd(width)}  ${g.figure.padStart(12)}  target ${g.target}`);
  console.log(`  ${goals.filter((g) => g.met).length} of ${goals.length} met`);
}
process.exit(failed > 0 ? 1 : 0);
