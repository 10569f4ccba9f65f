// Sign-in failures counted PER ACCOUNT (normalised email), on top of Better Auth's per-address limit:
// an attacker who changes address on every try still gets ACCOUNT_MAX_FAILURES guesses per account per
// window. Kept in Postgres (table rate_limits, rate-limiter-flexible) so every instance shares it; a
// per-process memory store stands in while Postgres is unreachable. The key is a hash of the email.
import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";

export const ACCOUNT_MAX_FAILURES = 10;
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;

export interface LockoutState {
  locked: boolean;
  retryAfterSeconds: number;
}

export interface AccountLockout {
  /** Is this account locked right now (ACCOUNT_MAX_FAILURES failed sign-ins within the window)? */
  check(email: string): Promise<LockoutState>;
  /** Counts one failed sign-in. */
  fail(email: string): Promise<void>;
  /** A successful sign-in clears the count. */
  reset(email: string): Promise<void>;
}

export interface LockoutPolicy {
  maxFailures: number;
  windowSeconds: number;
}

const DEFAULT_POLICY: LockoutPolicy = { maxFailures: ACCOUNT_MAX_FAILURES, windowSeconds: ACCOUNT_WINDOW_SECONDS };

export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 40);
}

function over(limiter: RateLimiterAbstract, fallback: RateLimiterAbstract | null, policy: LockoutPolicy): AccountLockout {
  const guard = async <T>(fn: (l: RateLimiterAbstract) => Promise<T>): Promise<T> => {
    try {
      return await fn(limiter);
    } catch (e) {
      // rate-limiter-flexible rejects with a RateLimiterRes when points run out: that is not a failure.
      if (e && typeof e === "object" && "msBeforeNext" in e) return undefined as T;
      if (fallback) return fn(fallback);
      throw e;
    }
  };
  return {
    async check(email) {
      const res = await guard((l) => l.get(accountKey(email)));
      if (!res || res.consumedPoints < policy.maxFailures) return { locked: false, retryAfterSeconds: 0 };
      return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    },
    async fail(email) {
      await guard((l) => l.penalty(accountKey(email), 1));
    },
    async reset(email) {
      await guard((l) => l.delete(accountKey(email)));
    },
  };
}

export function memoryLockout(policy: LockoutPolicy = DEFAULT_POLICY): AccountLockout {
  return over(new RateLimiterMemory({ points: policy.maxFailures, duration: policy.windowSeconds, keyPrefix: "sign-in-account" }), null, policy);
}

export function postgresLockout(pool: pg.Pool, policy: LockoutPolicy = DEFAULT_POLICY): AccountLockout {
  const memory = new RateLimiterMemory({ points: policy.maxFailures, duration: policy.windowSeconds, keyPrefix: "sign-in-account" });
  const store = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pg",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    points: policy.maxFailures,
    duration: policy.windowSeconds,
    keyPrefix: "sign-in-account",
    insuranceLimiter: memory,
  });
  return over(store, memory, policy);
}
