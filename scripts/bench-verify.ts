// How long a full rule evaluation takes: input validation + manifest parsing + every offline rule
// (the same work the API, the CLI and the web form do), median and p99 over many runs. Also the
// worst case a caller can send (a manifest near the 256 KB limit) and a live check against the local
// fake Entra ID + Graph (loopback: this measures our side, msal-node included, not Microsoft).
//
//   npm run --silent bench:verify [-- --runs 5000]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { prepareInput, verify, verifyRules } from "../lib/verify";
import { FAKE, startFakeEntra } from "../tests/fakes/entra";

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p99: at(0.99), max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

function bench(label: string, runs: number, fn: () => void) {
  for (let i = 0; i < Math.min(200, runs); i++) fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  const r = stats(samples);
  console.log(`${label.padEnd(52)} runs ${String(runs).padStart(5)}  median ${fmt(r.median).padStart(9)}  p99 ${fmt(r.p99).padStart(9)}  max ${fmt(r.max).padStart(9)}`);
  return r;
}

async function main() {
  const i = process.argv.indexOf("--runs");
  const runs = i > 0 ? Number(process.argv[i + 1]) : 5000;
  const now = new Date();
  const read = (f: string) => readFileSync(`tests/fixtures/manifests/${f}.json`, "utf8");
  const full = (raw: Record<string, unknown>) => () => {
    const p = prepareInput(raw);
    if (!p.ok) throw new Error(p.error.message);
    verifyRules(p.input, { now });
  };

  console.log(`Checker benchmark (Node ${process.version}; 16 check ids)\n`);
  bench("rules: correct Graph manifest + every field", runs, full({
    manifest: read("graph-correct"),
    clientId: "3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93",
    tenant: "contoso.onmicrosoft.com",
    secret: "Xy71Q~abcdefghijklmnopqrstuvwxyz0123456",
    redirectUris: ["https://dynamics365businesscentral.codat.io/oauth/callback"],
    signInAudience: "AzureADandPersonalMicrosoftAccount",
    permissions: ["Financials.ReadWrite.All", "user_impersonation"],
  }));
  bench("rules: legacy manifest with the classic mistakes", runs, full({ manifest: read("legacy-classic-mistakes") }));
  bench("rules: typed fields only (no manifest)", runs, full({
    clientId: "{3f2b8c6d-1e4a-4b7c-9d2e-6a5f8b1c0d93}",
    tenant: "common",
    secret: "9c4e2a71-6b3d-4f8e-a1c5-7d2b9e0f3a64",
    redirectUris: ["<https://dynamics365businesscentral.codat.io/oauth/callback`>"],
  }));
  const big = JSON.parse(read("graph-correct")) as Record<string, unknown>;
  big.web = { redirectUris: Array.from({ length: 4000 }, (_, n) => `https://app${n}.example.com/oauth/callback/${n}`) };
  const bigText = JSON.stringify(big, null, 1);
  bench(`rules: worst case, ${Math.round(bigText.length / 1024)} KB manifest, 4000 redirect URIs`, Math.max(50, Math.round(runs / 50)), full({ manifest: bigText }));

  const fake = await startFakeEntra();
  try {
    const liveRuns = Math.max(20, Math.round(runs / 100));
    // The app that holds Graph's Application.Read.All: the full path, token + Graph read of itself.
    const p = prepareInput({ tenant: FAKE.tenants.contoso.id, clientId: FAKE.apps.selfReader.appId, secret: FAKE.apps.selfReader.secret, live: true });
    if (!p.ok) throw new Error(p.error.message);
    const opts = { now, live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 8000 } };
    for (let n = 0; n < 5; n++) await verify(p.input, opts);
    const samples: number[] = [];
    for (let n = 0; n < liveRuns; n++) {
      const t0 = performance.now();
      const r = await verify(p.input, opts);
      samples.push(performance.now() - t0);
      if (r.checks.find((c) => c.id === "live.registration")?.status !== "pass") throw new Error("live check against the fake did not pass");
    }
    const r = stats(samples);
    console.log(`${"live: 2 tokens + Graph read against the local fake".padEnd(52)} runs ${String(liveRuns).padStart(5)}  median ${fmt(r.median).padStart(9)}  p99 ${fmt(r.p99).padStart(9)}  max ${fmt(r.max).padStart(9)}`);
  } finally {
    await fake.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench-verify: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
