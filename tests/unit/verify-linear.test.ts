// No input may freeze the server: every text field and every manifest string, filled with 200,000
// characters of each whitespace kind, "/", ")", "<" and a backtick (alone, and between two letters),
// costs time linear in its length. Measured as a ratio (10× the input may cost at most 20× the time,
// plus a millisecond of timer noise) so that it holds on a busy 2-core machine; the absolute figures
// are in `npm run bench -- hostile`. A quadratic path (the old /^\s+|\s+$/g trim took 21 s for a
// 160k-space client ID) costs ~100× for 10× the input and fails here by a wide margin.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { handleVerifyRequest } from "@/lib/api/verify";
import { memoryLimiter } from "@/lib/ratelimit";
import { verifyRaw } from "@/lib/verify";
import { HOSTILE_CHARS, hostileCases } from "@/dev/hostile-input";

const manifest = JSON.parse(readFileSync("tests/fixtures/manifests/graph-correct.json", "utf8")) as Record<string, unknown>;

/** The median of `tries` timings of one verification of `make(n)` (the input is built outside the timing). */
async function cost(make: (n: number) => unknown, n: number, tries = 1): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    const input = make(n);
    const t = performance.now();
    await verifyRaw(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * 10x the input may cost at most 20x the time (+2 ms of timer noise); quadratic code costs ~100x. At
 * 20k characters the checker takes well under a millisecond, where one GC pause or a busy core can
 * skew the ratio: 200k characters done in under 60 ms counts as linear too (the quadratic paths this
 * guards against took 1-21 s there).
 */
const linear = (small: number, large: number) => large <= 20 * small + 2 || large < 60;

describe("linear time on hostile input", () => {
  const cases = hostileCases(manifest);
  it(`covers every field and manifest string (${cases.length} cases × ${Object.keys(HOSTILE_CHARS).length} characters × 2 shapes)`, () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(["clientId", "tenant", "secret", "redirectUris (text)", "redirectUris (list)", "signInAudience", "permissions", "manifest text", "manifest.web.redirectUris"]),
    );
  });

  for (const [kind, ch] of Object.entries(HOSTILE_CHARS)) {
    it(`${kind}: 10× the input costs at most 20× the time, in every field`, async () => {
      const slow: string[] = [];
      for (const c of cases) {
        for (const shape of ["run", "between"] as const) {
          const make = (n: number) => c.make(shape === "run" ? ch.repeat(n) : `a${ch.repeat(n)}a`);
          await cost(make, 2_000); // warm the path up
          let small = await cost(make, 20_000);
          let large = await cost(make, 200_000);
          // A busy machine (CI beside other work): measure again, median of five, up to twice, before
          // calling it quadratic.
          for (let retry = 0; retry < 2 && !linear(small, large); retry++) {
            small = await cost(make, 20_000, 5);
            large = await cost(make, 200_000, 5);
          }
          if (!linear(small, large)) slow.push(`${c.name} (${shape}): 20k → ${small.toFixed(1)} ms, 200k → ${large.toFixed(1)} ms`);
        }
      }
      expect(slow).toEqual([]);
    }, 120_000);
  }

  it("the API answers a 160k-space client ID at once, with a clear error naming the field", async () => {
    const body = JSON.stringify({ clientId: `a${" ".repeat(160_000)}a` });
    const t = performance.now();
    const res = await handleVerifyRequest(
      new Request("http://localhost/api/v1/verify", { method: "POST", headers: { "content-type": "application/json" }, body }),
      { limiter: memoryLimiter({ keyPrefix: "linear", points: 100, durationSeconds: 60 }), live: {}, apiKeys: [] },
    );
    const ms = performance.now() - t;
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { field: string; code: string } };
    expect(json.error).toMatchObject({ field: "clientId", code: "too_long" });
    expect(ms).toBeLessThan(2000); // was 21 s; a generous bound for a loaded CI machine
  });
});
