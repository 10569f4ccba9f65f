// What a server checks once, at start (instrumentation.ts's register()), so a bad configuration stops it
// with one line instead of starting workers that answer /api/health and then fail page by page:
//   - every variable of lib/config.ts (a bad LOG_LEVEL or LIVE_CHECK_TIMEOUT_MS, a missing SITE_URL);
//   - in production, the two keys that have no safe default (the secret fingerprints' key, the staff
//     sessions' signing secret);
//   - the public origin the build was made for: the guide pages, the sitemap and robots.txt are
//     prerendered and HSTS is a build-time header (next.config.js), so an https SITE_URL at run time
//     that differs from the build's would serve links to another origin and no HSTS.
import { ConfigError, loadConfig } from "./config";

/** The exit code of a server stopped for its configuration (sysexits' EX_CONFIG): scripts/cluster.cjs
 *  stops the whole server on it instead of starting another worker. */
export const EXIT_CONFIG = 78;

/** The origin of a URL, or the text itself when it is not one. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * One line saying what is wrong with the server's configuration, or null.
 * `builtFor`: SITE_URL as it was when `next build` ran ("" when unset: the build used http://localhost:3000).
 */
export function startupProblem(env: Record<string, string | undefined>, builtFor: string): string | null {
  let cfg;
  try {
    cfg = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  if (cfg.NODE_ENV === "production") {
    for (const [name, what] of [
      ["SECRET_FINGERPRINT_KEY", "it keys the fingerprints of client secrets"],
      ["BETTER_AUTH_SECRET", "it signs staff sessions"],
    ] as const) {
      if (!cfg[name]) return `Missing environment variable ${name}: required in production (at least 32 characters, e.g. \`openssl rand -base64 48\`); ${what}`;
    }
  }
  const runtime = originOf(cfg.SITE_URL);
  const built = originOf(builtFor.trim() || "http://localhost:3000");
  if (cfg.NODE_ENV === "production" && runtime.startsWith("https://") && runtime !== built) {
    return `SITE_URL is ${runtime} but this build was made for ${built}: the guide pages' links, the sitemap and HSTS come from the build. Build again with SITE_URL=${runtime} (docker build --build-arg SITE_URL=${runtime})`;
  }
  return null;
}

/**
 * instrumentation.ts's register(), in every server process before its first request: on a problem, one
 * line on stderr and exit EXIT_CONFIG. Not while `next build` prerenders (the build may go without the
 * run-time secrets). BUILD_SITE_URL is inlined by next.config.js's `env` at build time.
 */
export function checkAtStart(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NEXT_PHASE === "phase-production-build") return;
  const problem = startupProblem(env, process.env.BUILD_SITE_URL ?? "");
  if (problem) {
    console.error(`config: ${problem}`);
    process.exit(EXIT_CONFIG);
  }
}
