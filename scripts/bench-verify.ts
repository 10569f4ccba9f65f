// How long a full rule evaluation takes: input validation + manifest parsing + every offline rule
// (the same work the API, the CLI and the web form do), median and p99 over many runs. Also the
// worst case a caller can send (a manifest near the 256 KB limit) and a live check against the local
// fake Entra ID + Graph (loopback: this measures our side, msal-node included, not Microsoft).
//
//   npm run --silent bench:verify [-- --runs 5000]
import { readFileSync } from "node:fs";
import { prepareInput, verify, verifyRules } from "../lib/verify";
import { FAKE, startFakeEntra } from "../dev/fake-entra";
import { measure, measureSync, printFigure, type Stats } from "./lib/bench";

const FIELDS = ["median", "p99", "max"] as const;

function bench(label: string, runs: number, fn: () => void): Stats {
  return printFigure(label, measureSync(fn, runs), { width: 60, fields: FIELDS });
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
    const once = async () => {
      const r = await verify(p.input, opts);
      if (r.checks.find((c) => c.id === "live.registration")?.status !== "pass") throw new Error("live check against the fake did not pass");
    };
    printFigure("live: 2 tokens + Graph read against the local fake", await measure(once, liveRuns, 5), { width: 60, fields: FIELDS });
  } finally {
    await fake.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench-verify: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
