// The production wiring of the customer use-cases: Postgres through lib/progress, the live-check
// settings and per-client limit shared with the API (lib/config.ts), the caller's rate-limit bucket.
import { clientKey } from "../api/client-key";
import { config } from "../config";
import { liveCheckLimiter } from "../ratelimit";
import { prismaCustomerStore } from "./store";
import type { VerifyDeps } from "./verify";

export function customerStore() {
  return prismaCustomerStore(config().SITE_URL);
}

export function verifyDeps(headers: Headers): VerifyDeps {
  const c = config();
  return {
    store: customerStore(),
    live: { loginBaseUrl: c.ENTRA_LOGIN_BASE_URL, graphBaseUrl: c.GRAPH_BASE_URL, timeoutMs: c.LIVE_CHECK_TIMEOUT_MS },
    limiter: liveCheckLimiter(),
    clientKey: clientKey(headers),
  };
}
