// A POST that would create a new setup (no cookie, or a cookie naming no setup) is rate-limited per
// client (lib/api/client-key.ts → lib/http/client-ip.ts), in Postgres so every instance shares it:
// without it every cookie-less POST /verify made a setup row (80 in 5 s). Requests from a browser that
// already keeps a setup are never limited here.
import "server-only";
import { clientKey } from "../api/client-key";
import { config } from "../config";
import { getPgPool } from "../db";
import { memoryLimiter, postgresLimiter, type RateLimiter, type RateLimitDecision, type RateLimitPolicy } from "../ratelimit";
import { isPublicId } from "./cookie";
import { findProgress } from "./progress";

/** SETUP_CREATE_RATE_LIMIT (default 20) new setups per client per hour. */
export function setupCreatePolicy(): RateLimitPolicy {
  return { points: config().SETUP_CREATE_RATE_LIMIT, durationSeconds: 60 * 60, keyPrefix: "setup-create" };
}

let limiter: RateLimiter | undefined;
export function setupCreationLimiter(): RateLimiter {
  limiter ??= config().DATABASE_URL ? postgresLimiter(getPgPool(), setupCreatePolicy()) : memoryLimiter(setupCreatePolicy());
  return limiter;
}

const ALLOWED: RateLimitDecision = { allowed: true, remaining: Number.POSITIVE_INFINITY, retryAfterSeconds: 0 };

/** The customer's words for a refused new setup. */
export function tooManySetupsMessage(retryAfterSeconds: number): string {
  return `Too many setups were started from your network in the last hour. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`;
}

/**
 * Spends a point for a setup about to be created (the caller knows there is none to use): a verification
 * calls it only once its input is valid, so mistyped or empty tries never use up the allowance. A
 * database error never blocks the customer.
 */
export function chargeSetupCreation(headers: Headers, limit: RateLimiter = setupCreationLimiter()): Promise<RateLimitDecision> {
  return limit.consume(clientKey(headers)).catch(() => ALLOWED);
}

/** Spends a point only when this request would create a setup. A database error never blocks the customer. */
export async function guardSetupCreation(
  cookieId: string | undefined,
  headers: Headers,
  limit: RateLimiter = setupCreationLimiter(),
): Promise<RateLimitDecision> {
  if (isPublicId(cookieId)) {
    const existing = await findProgress(cookieId).catch(() => undefined);
    // undefined: the database did not answer; nothing will be created either.
    if (existing !== null) return ALLOWED;
  }
  return chargeSetupCreation(headers, limit);
}
