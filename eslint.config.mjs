// ESLint 9 flat config: Next.js's rules (core web vitals, React, hooks, jsx-a11y, import), the
// typescript-eslint recommended set (syntax only, no type information: fast on 2 cores), and the
// React hooks rules (including the React Compiler ones). `npm run lint` runs it with
// dependency-cruiser (.dependency-cruiser.cjs), which holds the import directions.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import reactHooks from "eslint-plugin-react-hooks";

export default defineConfig([
  globalIgnores([
    "lib/db/generated/**",
    ".next/**",
    "node_modules/**",
    ".data/**",
    ".tmp/**",
    "out/**",
    "coverage/**",
    "next-env.d.ts",
  ]),
  ...nextVitals,
  ...nextTs,
  reactHooks.configs.flat.recommended,
  {
    name: "project",
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are deliberately unused (destructured away, placeholder parameters).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  {
    // Deliberate patterns of the current UI, not bugs:
    // - set-state-in-effect: "mounted"/hydration flags, values read from the page's own inputs after hydration (theme toggle, copy buttons, local time set after
    //   hydration so server and client render the same HTML first) and resets when a prop changes.
    // - no-unescaped-entities: apostrophes in JSX text ("app's") render as written.
    name: "project/ui-exceptions",
    files: ["app/**/*.tsx", "components/**/*.tsx", "components/**/*.ts"],
    rules: {
      "react-hooks/set-state-in-effect": "off",
      "react/no-unescaped-entities": "off",
    },
  },
  {
    // A full page load to /progress on purpose: the progress bar also renders outside the App Router
    // (guide components in unit tests), where next/link has no router.
    name: "project/progress-bar-links",
    files: ["components/verify/progress-bar.tsx"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  {
    // Node scripts and config files in CommonJS.
    name: "project/commonjs",
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
]);
