import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // `server-only` is empty in these Node processes (packages/server-only; Next.js aliases it itself).
  resolve: { alias: { "@": root, "server-only": path.join(root, "packages/server-only/empty.js") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One PostgreSQL per run (embedded, or TEST_DATABASE_URL) and a migrated template: tests/helpers/db.ts.
    globalSetup: ["tests/helpers/db-global-setup.ts"],
  },
});
