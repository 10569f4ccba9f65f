// What every benchmark shares: timing, nearest-rank percentiles, warm-up + repeat, ratios, one way
// of printing a figure, a free loopback port. scripts/bench-*.ts use these and nothing of their own.
import { appendFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Stats {
  n: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile (q in 0..1) of sorted samples; NaN when there are none. */
function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Median, p95, p99, max and mean of samples (milliseconds, any order); NaN fields when there are none. */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => nearestRank(s, q);
  return {
    n: s.length,
    median: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: s.length ? s[s.length - 1]! : NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
}

/** a / b, NaN when b is 0 or either is not a finite number. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

/** Runs fn once and returns [milliseconds, its result]. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = now();
  const v = await fn();
  return [now() - t0, v];
}

/** Warm-up calls (plans, caches, JIT), then `runs` timed calls; returns the samples in milliseconds. */
export async function measure(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push((await timed(fn))[0]);
  return out;
}

/** measure() for synchronous work, without an await between calls. */
export function measureSync(fn: () => unknown, runs: number, warmup = Math.min(200, runs)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    fn();
    out.push(now() - t0);
  }
  return out;
}

/** A duration for a table: µs below 1 ms, two decimals below 100 ms, whole ms above; "–" when not a number. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

/** A whole number of milliseconds ("1234 ms"), "–" when not a number: for figures of seconds and up. */
export const roundMs = (ms: number): string => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : "–");

/**
 * One figure: `label   median …   p95 …   (n=…)`; pass `fields` to show others (p99, max, mean).
 * Returns the stats so callers can check goals against them.
 */
export function printFigure(
  label: string,
  samples: readonly number[],
  options: { width?: number; fields?: readonly (keyof Omit<Stats, "n">)[] } = {},
): Stats {
  const r = stats(samples);
  const fields = options.fields ?? ["median", "p95"];
  const parts = fields.map((f) => `${f} ${formatMs(r[f]).padStart(9)}`);
  console.log(`  ${label.padEnd(options.width ?? 52)} ${parts.join("  ")}  (n=${r.n})`);
  return r;
}

export { freePort } from "../../lib/db/embedded";

/** One goal of issue 13 and how this run did against it. */
export interface Goal {
  /** What is measured, e.g. "recordRun vs minimal pg, 8 clients". */
  goal: string;
  /** The figure this run measured, e.g. "0.52×" or "41 ms". */
  figure: string;
  /** The target, e.g. "≥ 0.4×" or "≤ 50 ms". */
  target: string;
  met: boolean;
}

/**
 * Prints a goal line (`GOAL  met  …`) and, when `npm run bench` runs the bench, appends it to the file
 * named by BENCH_GOALS_FILE so the runner can print every goal together at the end.
 */
export function reportGoal(g: Goal): void {
  console.log(`  GOAL ${g.met ? "met    " : "NOT met"}  ${g.goal}: ${g.figure} (target ${g.target})`);
  const file = process.env.BENCH_GOALS_FILE;
  if (file) appendFileSync(file, JSON.stringify(g) + "\n");
}
