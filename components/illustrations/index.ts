import { ApiPermissionsSketch } from "./api-permissions";
import { ClientSecretSketch } from "./client-secret";
import type { IllustrationName } from "./meta";
import { RegisterApplicationSketch } from "./register-application";

/**
 * The sketches a guide can show with <Figure illustration="…">, drawn in React. They are not rendered
 * into pages: scripts/illustrations.ts writes them as static SVG files (svg-file.tsx).
 */
export const illustrations: Record<IllustrationName, () => React.JSX.Element> = {
  "register-application": RegisterApplicationSketch,
  "client-secret": ClientSecretSketch,
  "api-permissions": ApiPermissionsSketch,
};
export type { IllustrationName } from "./meta";
