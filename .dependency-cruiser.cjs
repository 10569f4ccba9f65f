// The directions of dependence (README "Project layout"), held by `npm run lint` and `npm test`:
//   npx depcruise app components lib scripts tests dev proxy.ts --config .dependency-cruiser.cjs
// Paths are relative to the repository root; `@/…` is resolved through tsconfig.json's paths.
//
// Allowed, and so not a rule: app/ → components/ and lib/; scripts/ and tests/ → lib/ and dev/.

/** Our own code: everything that is not an npm package or a Node built-in. */
const OURS = "^(app|components|lib|dev|scripts|tests|content|prisma)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      // components/ are React components; routes (app/) use them, never the other way round.
      // Server actions the components call live in lib/actions/.
      name: "components-not-to-app",
      comment: "components/ must not import from app/ (server actions belong in lib/actions/)",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      // The checker runs the same in the page, the API and the CLI: no Next.js, no database, nothing
      // of ours but its own files and the step catalogue.
      name: "verify-self-contained",
      comment: "lib/verify/ may import only its own files and lib/steps.ts of ours",
      severity: "error",
      from: { path: "^lib/verify/" },
      to: { path: OURS, pathNot: ["^lib/verify/", "^lib/steps\\.ts$"] },
    },
    {
      // One place owns the database client: everything else goes through lib/db's exports.
      name: "prisma-client-only-in-lib-db",
      comment: "only lib/db/ imports the generated Prisma client (lib/db/generated) and @prisma/client",
      severity: "error",
      from: { pathNot: "^lib/db/" },
      to: { path: ["^lib/db/generated/", "(^|/)node_modules/@prisma/client/"] },
    },
    {
      // lib/ is the product's logic; the routes and the UI sit on top of it.
      name: "lib-not-to-app-or-components",
      comment: "lib/ must not import from app/ or components/",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      // Tooling (fakes, seeds, benches, tests) uses lib/, never the other way round.
      name: "lib-not-to-tooling",
      comment: "lib/ must not import from tests/, dev/ or scripts/",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(tests|dev|scripts)/" },
    },
    {
      // Scripts and the development tooling in dev/ ship with the product; tests/ do not.
      name: "tooling-not-to-tests",
      comment: "scripts/ and dev/ must not import from tests/ (shared tooling belongs in dev/)",
      severity: "error",
      from: { path: "^(scripts|dev)/" },
      to: { path: "^tests/" },
    },
    {
      // Cycles in lib/ make the import order (and server-only boundaries) fragile.
      name: "no-circular-in-lib",
      comment: "no circular dependencies inside lib/",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^lib/", circular: true },
    },
    {
      // Catches a typo in an import or an alias dependency-cruiser cannot resolve (a rule that cannot
      // see an import cannot hold it).
      name: "not-to-unresolvable",
      comment: "every import resolves (npm package installed, relative path or @/ alias exists)",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: ["^server-only$", "^client-only$"] },
    },
  ],
  options: {
    // Record imports into these, but do not crawl inside them.
    doNotFollow: { path: ["node_modules", "^lib/db/generated/"] },
    exclude: { path: ["^\\.next/", "^\\.data/", "^\\.tmp/", "^coverage/"] },
    // `import type` counts too: a type from the generated client is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
