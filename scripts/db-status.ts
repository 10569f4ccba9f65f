// `npm run db:status`: which migrations are applied, pending, failed or edited (like `prisma migrate status`).
// Exit code 0 when the database is up to date, 1 otherwise.
import { migrationStatus } from "../lib/db/migrate";
import { runDbScript } from "../lib/db/script";

void runDbScript("db:status", async (url, where) => {
  const s = await migrationStatus(url);
  console.log(`db:status: ${where}`);
  console.log(`  ${s.local.length} migration(s) in prisma/migrations`);
  const pendingSet = new Set(s.pending);
  for (const name of s.local) console.log(`  ${pendingSet.has(name) ? "pending" : "applied"}  ${name}`);
  for (const name of s.unknown) console.log(`  in the database only (missing from prisma/migrations)  ${name}`);
  for (const name of s.failed) console.log(`  FAILED  ${name} (fix it, then mark it rolled back or apply again)`);
  for (const name of s.edited) console.log(`  EDITED after it was applied  ${name}`);
  if (s.upToDate) console.log("db:status: the database is up to date");
  else {
    console.log(s.pending.length ? "db:status: run `npm run db:migrate` to apply the pending migrations" : "db:status: the history needs attention (see above)");
    process.exitCode = 1;
  }
});
