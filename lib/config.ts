// Environment variables, validated once with zod. A bad value fails with one line naming the variable.
// Each layer adds its own keys here; the README's configuration table lists them all.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Public origin of the site, for absolute links (sitemap, Open Graph, resume links). */
  SITE_URL: z.string().url().default("http://localhost:3000"),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

let cached: Config | undefined;

/** Parses process.env (or the given record) once; throws a ConfigError with a one-line message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
