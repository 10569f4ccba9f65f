// `npm run db:migration -- --name <name>`: write the SQL that takes the database from the last
// migration to prisma/schema.prisma as prisma/migrations/<timestamp>_<name>/migration.sql
// (like `prisma migrate dev --create-only`). Uses a temporary shadow database on DATABASE_URL's
// server (or the embedded development server). Review the SQL, then `npm run db:migrate`.
import { createMigration } from "../lib/db/migrate";
import { argValue, runDbScript } from "../lib/db/script";

const name = argValue(process.argv.slice(2), "--name");
if (!name) {
  console.error("db:migration: give the migration a name: npm run db:migration -- --name add_something");
  process.exit(2);
}
void runDbScript("db:migration", async (url) => {
  const created = await createMigration(url, name);
  if (!created) {
    console.log("db:migration: prisma/schema.prisma matches the migrations; nothing to write");
    return;
  }
  const statements = created.sql.split("\n").filter((l) => l.trim() && !l.startsWith("--")).length;
  console.log(`db:migration: wrote prisma/migrations/${created.name}/migration.sql (${statements} line(s) of SQL); review it, then run \`npm run db:migrate\``);
});
