// `npm run db:migrate`: apply pending migrations from prisma/migrations (like `prisma migrate deploy`)
// to DATABASE_URL, or to the embedded development database under .data/postgres when it is unset.
import { applyMigrations } from "../lib/db/migrate";
import { runDbScript } from "../lib/db/script";

void runDbScript("db:migrate", async (url, where) => {
  const { applied, ms } = await applyMigrations(url);
  if (applied.length === 0) console.log(`db:migrate: ${where} is up to date (${Math.round(ms)} ms)`);
  else console.log(`db:migrate: applied ${applied.length} migration(s) to ${where} in ${Math.round(ms)} ms: ${applied.join(", ")}`);
});
