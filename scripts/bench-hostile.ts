// `npm run bench -- hostile`: the checker's time on hostile input. Every field and manifest string of
// dev/hostile-input.ts, filled with 200,000 characters of each kind (whitespace kinds, "/", ")", "<",
// backtick), alone and between two letters. For each, the contender (prepare + rules, what the API,
// the form and the CLI run) beside a reference in the same run: JSON.parse of the same request body
// plus a native trim of every string in it — the least any server does with such a body. Prints the
// worst case per character, the ratio to the reference, and the goal (under 100 ms of checker time).
import { readFileSync } from "node:fs";
import { HOSTILE_CHARS, hostileCases } from "../dev/hostile-input";
import { verifyRaw } from "../lib/verify";

const N = Number(process.argv.find((a) => a.startsWith("--length="))?.slice(9) ?? 200_000);
const ROUNDS = 3;
const GOAL_MS = 100;
const manifest = JSON.parse(readFileSync("tests/fixtures/manifests/graph-correct.json", "utf8")) as Record<string, unknown>;

function trimEvery(v: unknown): void {
  if (typeof v === "string") v.trim();
  else if (Array.isArray(v)) v.forEach(trimEvery);
  else if (v && typeof v === "object") Object.values(v).forEach(trimEvery);
}

async function best(f: () => unknown): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

async function main() {
  const cases = hostileCases(manifest);
  console.log(`hostile input: ${cases.length} places × ${Object.keys(HOSTILE_CHARS).length} characters × 2 shapes, ${N.toLocaleString("en")} characters each, best of ${ROUNDS}`);
  console.log("character               worst place                          checker ms  reference ms  ratio");
  let worstOverall = 0;
  for (const [kind, ch] of Object.entries(HOSTILE_CHARS)) {
    let worst = { place: "", ms: 0, ref: 0 };
    for (const c of cases) {
      for (const shape of ["run", "between"] as const) {
        const input = c.make(shape === "run" ? ch.repeat(N) : `a${ch.repeat(N)}a`);
        const body = JSON.stringify(input);
        const ms = await best(() => verifyRaw(JSON.parse(body)));
        const ref = await best(() => trimEvery(JSON.parse(body)));
        if (ms > worst.ms) worst = { place: `${c.name} (${shape})`, ms, ref };
      }
    }
    worstOverall = Math.max(worstOverall, worst.ms);
    console.log(`${kind.padEnd(23)} ${worst.place.padEnd(36)} ${worst.ms.toFixed(2).padStart(10)}  ${worst.ref.toFixed(2).padStart(12)}  ${(worst.ms / Math.max(worst.ref, 0.01)).toFixed(1).padStart(5)}×`);
  }
  const ok = worstOverall < GOAL_MS;
  console.log(`worst case ${worstOverall.toFixed(1)} ms; goal < ${GOAL_MS} ms: ${ok ? "met" : "NOT met"}`);
  process.exit(ok ? 0 : 1);
}

void main();
