// Tailwind, then one rewrite of its output (scripts/postcss-class-attribute.cjs says why). The rewrite is
// imported, not named: Next's PostCSS worker would look a name up from its own build directory.
import classAttributeSelectors from "./scripts/postcss-class-attribute.cjs";

const config = { plugins: ["@tailwindcss/postcss", classAttributeSelectors()] };

export default config;
