import "server-only";
// The live checks' settings from the configuration (lib/config.ts): where msal-node and Graph
// requests go and the time budget. The one place that maps the environment to lib/verify's
// LiveOptions, for the panels, the JSON API and the CLI.
import { config, type Config } from "./config";
import type { LiveOptions } from "./verify";

export function liveOptions(c: Pick<Config, "ENTRA_LOGIN_BASE_URL" | "GRAPH_BASE_URL" | "LIVE_CHECK_TIMEOUT_MS"> = config()): LiveOptions {
  return { loginBaseUrl: c.ENTRA_LOGIN_BASE_URL, graphBaseUrl: c.GRAPH_BASE_URL, timeoutMs: c.LIVE_CHECK_TIMEOUT_MS };
}
