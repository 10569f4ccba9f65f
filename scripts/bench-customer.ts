// `npm run bench:customer [-- --runs 200] [--url postgresql://…] [--http http://127.0.0.1:3100]`
// What a "Verify my setup" submission costs on the server, measured on the use-case the server action
// and the plain POST route both run (lib/customer beginVerification + finish):
//   - the checker's rules alone (no database)
//   - rules only, as the action does it: find the setup, rules, record the run and step progress
//   - with the live check against the fake Entra ID / Graph (token + Graph read), recorded
//   - time to the first answer the panel shows (the rules) when the live check follows
// Throwaway embedded PostgreSQL by default (or a new database on --url / TEST_DATABASE_URL).
// With --http, also the plain-form POST /verify round trip on a running site (rules only; the live
// one too when that site points at a fake Entra ID).
import { createDatabase, closeDatabase, setPrismaForTests } from "../lib/db";
import { createThrowawayDatabase } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";
import { argValue } from "../lib/db/script";
import { beginVerification, type VerifyDeps } from "../lib/customer/verify";
import { prepareInput, verifyRules } from "../lib/verify";
import { FAKE, startFakeEntra } from "../dev/fake-entra";
import { measureSync, now, printFigure } from "./lib/bench";

const argv = process.argv.slice(2);
const runs = Number(argValue(argv, "--runs") ?? "200");
const serverUrl = argValue(argv, "--url") ?? (process.env.TEST_DATABASE_URL || undefined);
const httpBase = argValue(argv, "--http");
const A = FAKE.apps;
const T = FAKE.tenants;
const REDIRECT = "https://dynamics365businesscentral.codat.io/oauth/callback";

const line = (name: string, samples: number[]) => printFigure(name, samples, { width: 62 });

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

let counter = 0;
const registerForm = () =>
  form({ step: "register-application", mode: "fields", clientId: A.good.appId, tenant: T.contoso.id, redirectUri: `${REDIRECT}/`, signInAudience: "AzureADandPersonalMicrosoftAccount", idempotencyKey: `bench-${process.pid}-${++counter}` });
const secretForm = () =>
  form({ step: "client-secret", mode: "fields", clientId: A.good.appId, tenant: T.contoso.id, secret: A.good.secret, live: "on", idempotencyKey: `bench-${process.pid}-${++counter}` });

async function main() {
  const db = await createThrowawayDatabase({ serverUrl, label: "benchcustomer" });
  const fake = await startFakeEntra();
  const client = createDatabase(db.url, { max: 10 });
  try {
    await applyMigrations(db.url);
    setPrismaForTests(client.prisma, client.pool);
    const deps: VerifyDeps = { live: { loginBaseUrl: fake.loginBaseUrl, graphBaseUrl: fake.graphBaseUrl, timeoutMs: 8000 }, clientKey: "ip:bench" };
    console.log(`bench:customer — ${runs} runs each, database: ${db.where}, Microsoft: fake Entra ID / Graph on ${fake.url}`);

    // The engine alone.
    const prepared = prepareInput({ clientId: A.good.appId, tenant: T.contoso.id, redirectUris: `${REDIRECT}/`, signInAudience: "AzureADandPersonalMicrosoftAccount" });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const engine = measureSync(() => verifyRules(prepared.input), runs * 5, 0);

    // One customer's setup, as the cookie would carry it.
    const first = await beginVerification(registerForm(), undefined, deps);
    if (!first.ok) throw new Error(first.error.message);
    await first.finish();
    const setup = first.setupPublicId!;

    const rulesOnly: number[] = [];
    const live: number[] = [];
    const liveFirstAnswer: number[] = [];
    for (let i = 0; i < 5; i++) {
      // warm-up: prisma plans, msal-node import, connections
      const w = await beginVerification(secretForm(), setup, deps);
      if (w.ok) await w.finish();
    }
    for (let i = 0; i < runs; i++) {
      let t0 = now();
      const b = await beginVerification(registerForm(), setup, deps);
      if (!b.ok) throw new Error(b.error.message);
      const r = await b.finish();
      rulesOnly.push(now() - t0);
      if (!r.saved.ok) throw new Error("not saved");

      t0 = now();
      const l = await beginVerification(secretForm(), setup, deps);
      if (!l.ok) throw new Error(l.error.message);
      liveFirstAnswer.push(now() - t0);
      const lr = await l.finish();
      live.push(now() - t0);
      if (lr.report.checks.find((c) => c.id === "live.token")?.status !== "pass") throw new Error("live.token did not pass against the fake");
    }
    line("checker rules alone (verifyRules, no database)", engine);
    line("server action, rules only (setup + rules + record run)", rulesOnly);
    line("server action, live vs fake (rules + token + Graph + record)", live);
    line("  of which: first answer shown (rules) before the live phase", liveFirstAnswer);

    if (httpBase) {
      const post = async (fd: FormData) => {
        const body = new URLSearchParams();
        for (const [k, v] of fd) if (typeof v === "string") body.append(k, v);
        const t0 = now();
        const res = await fetch(new URL("/verify", httpBase), { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
        await res.arrayBuffer();
        if (res.status !== 303) throw new Error(`POST /verify answered ${res.status}`);
        return now() - t0;
      };
      const httpRules: number[] = [];
      const httpLive: number[] = [];
      const n = Math.min(runs, 50);
      for (let i = 0; i < n; i++) httpRules.push(await post(registerForm()));
      for (let i = 0; i < n; i++) httpLive.push(await post(secretForm()));
      line(`POST ${httpBase}/verify, rules only (303 to the report)`, httpRules);
      line(`POST ${httpBase}/verify, live (as that site is configured)`, httpLive);
    }
  } finally {
    setPrismaForTests(null);
    await closeDatabase(client);
    await fake.close();
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:customer: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  process.exit(1);
});
