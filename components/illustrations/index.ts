import { ApiPermissionsSketch } from "./api-permissions";
import { ClientSecretSketch } from "./client-secret";
import { RegisterApplicationSketch } from "./register-application";

/** Illustrations a guide can show with <Figure illustration="…">. */
export const illustrations = {
  "register-application": RegisterApplicationSketch,
  "client-secret": ClientSecretSketch,
  "api-permissions": ApiPermissionsSketch,
} as const;
export type IllustrationName = keyof typeof illustrations;
