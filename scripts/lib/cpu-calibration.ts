// What "4× CPU throttle" means on the machine the page bench runs on. CPU throttling is relative to the
// host: Lighthouse's default 4× "moves a typical run in the high-end desktop bracket somewhere into the
// mid-tier mobile bracket" (Lighthouse docs/throttling.md, "Calibrating the CPU slowdown"), and on a
// slower host the same 4× emulates a slower phone. Lighthouse measures the host with its BenchmarkIndex
// ("CPU/Memory Power" in every report) and advises a lower multiplier on a weaker machine.
//
// benchmarkIndex() runs Lighthouse's own benchmark (core/lib/page-functions.js computeBenchmarkIndex:
// the mean of a GC-heavy string loop and an array copy loop, 500 ms each) in a blank page;
// calibratedRate() is the multiplier that brings this host to where 4× brings the middle of the
// high-end desktop bracket (1,750 / 4 ≈ 440, inside mid-tier mobile).
import type { Page } from "playwright-core";

/** Lighthouse's BenchmarkIndex brackets (docs/throttling.md, as of Chrome m86). */
const BRACKETS: { min: number; name: string }[] = [
  { min: 1500, name: "high-end desktop" },
  { min: 1000, name: "low-end desktop" },
  { min: 800, name: "high-end mobile" },
  { min: 125, name: "mid-tier mobile" },
  { min: 0, name: "low-end mobile" },
];

/** The middle of the high-end desktop bracket, which Lighthouse's 4× is meant for. */
export const REFERENCE_HOST_INDEX = 1750;
export const REFERENCE_RATE = 4;

export function deviceClass(index: number): string {
  return BRACKETS.find((b) => index >= b.min)!.name;
}

/** The throttling rate that brings a host of `hostIndex` to REFERENCE_HOST_INDEX / REFERENCE_RATE (1–10, one decimal). */
export function calibratedRate(hostIndex: number): number {
  const rate = hostIndex / (REFERENCE_HOST_INDEX / REFERENCE_RATE);
  return Math.round(Math.min(10, Math.max(1, rate)) * 10) / 10;
}

// As source text, not a function: tsx (esbuild) would wrap a function's inner functions in a __name()
// helper that does not exist in the page.
const BENCHMARK_INDEX = `(() => {
  const gc = () => {
    const start = Date.now();
    let iterations = 0;
    while (Date.now() - start < 500) {
      let s = "";
      for (let j = 0; j < 10000; j++) s += "a";
      if (s.length === 1) throw new Error("never: keeps the loop from being optimised away");
      iterations++;
    }
    return Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  };
  const noGc = () => {
    const a = [];
    const b = [];
    for (let i = 0; i < 100000; i++) a[i] = b[i] = i;
    const start = Date.now();
    let iterations = 0;
    while (iterations % 10 !== 0 || Date.now() - start < 500) {
      const src = iterations % 2 === 0 ? a : b;
      const tgt = iterations % 2 === 0 ? b : a;
      for (let j = 0; j < src.length; j++) tgt[j] = src[j];
      iterations++;
    }
    return Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  };
  return (gc() + noGc()) / 2;
})()`;

/** Lighthouse's BenchmarkIndex in this page, at whatever throttling the page has now. */
export async function benchmarkIndex(page: Page): Promise<number> {
  return (await page.evaluate(BENCHMARK_INDEX)) as number;
}
