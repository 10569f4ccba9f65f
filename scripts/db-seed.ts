// `npm run db:seed -- --setups 100000 [--reset] [--seed N] [--remote]`: fills the database (DATABASE_URL, or the
// embedded development database under .data/postgres) with realistic demo setups: every status and
// step, near-miss mistakes in the run reports, attempt histories over the last ~120 days.
// Applies pending migrations first. Refuses to run with NODE_ENV=production, and on a database that is
// not on this machine unless --remote is given.
import { ConfigError, loadConfig } from "../lib/config";
import { applyMigrations } from "../lib/db/migrate";
import { seedDatabase } from "../lib/db/seed";
import { argValue, demoDataTargetProblem, runDbScript } from "../lib/db/script";
import { fingerprintKey } from "../lib/progress/fingerprint";

const argv = process.argv.slice(2);
const count = Number(argValue(argv, "--setups") ?? "1000");
const seed = Number(argValue(argv, "--seed") ?? "1");
const reset = argv.includes("--reset");
if (!Number.isInteger(count) || count < 0 || count > 5_000_000) {
  console.error("db:seed: --setups must be a whole number between 0 and 5000000");
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error("db:seed: --seed must be a whole number");
  process.exit(2);
}
let target: { NODE_ENV: string; DATABASE_URL?: string };
try {
  target = loadConfig(process.env, { site: false });
} catch (e) {
  console.error(`db:seed: ${e instanceof ConfigError ? e.message : String(e)}`);
  process.exit(1);
}
if (target.NODE_ENV === "production") {
  console.error("db:seed: refusing to fill a database with demo data when NODE_ENV=production");
  process.exit(2);
}
const refused = demoDataTargetProblem(target.DATABASE_URL, argv.includes("--remote"));
if (refused) {
  console.error(`db:seed: ${refused}`);
  process.exit(2);
}

void runDbScript("db:seed", async (url, where) => {
  await applyMigrations(url);
  console.log(`db:seed: ${reset ? "replacing the setups in" : "adding to"} ${where}: ${count} setups…`);
  let lastPrint = 0;
  const r = await seedDatabase(url, {
    setups: count,
    reset,
    seed,
    fingerprintKey: fingerprintKey(),
    onProgress: (done) => {
      if (done - lastPrint >= 20_000) {
        lastPrint = done;
        console.log(`db:seed:   ${done} setups…`);
      }
    },
  });
  const fmt = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  console.log(`db:seed: made ${r.setups} setups, ${r.stepRows} step rows, ${r.runs} verification runs in ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`  setups by status:       ${fmt(r.byStatus)}`);
  console.log(`  setups by current step: ${fmt(r.byCurrentStep)}`);
  console.log(`  runs by summary:        ${fmt(r.runsBySummary)}`);
});
