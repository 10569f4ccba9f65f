// Rate limits behind one small interface (rate-limiter-flexible underneath). The memory store serves
// one process; the Postgres store (table "rate_limits", created by the Prisma migrations) is shared
// by every app instance, so limits hold however many instances run.
import "server-only";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { config } from "./config";
import { getPgPool } from "./db";

export interface RateLimitDecision {
  allowed: boolean;
  /** Points left in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the next attempt is allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Spends one point for `key`. Never throws: a store failure falls back to a per-process memory limit. */
  consume(key: string): Promise<RateLimitDecision>;
}

export interface RateLimitPolicy {
  points: number;
  durationSeconds: number;
  keyPrefix: string;
}

function wrap(limiter: RateLimiterAbstract, fallback?: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key: string) {
      try {
        const res = await limiter.consume(key, 1);
        return { allowed: true, remaining: res.remainingPoints, retryAfterSeconds: 0 };
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
        }
        if (fallback) return wrap(fallback).consume(key);
        throw e;
      }
    },
  };
}

export function memoryLimiter(policy: RateLimitPolicy): RateLimiter {
  return wrap(new RateLimiterMemory({ points: policy.points, duration: policy.durationSeconds, keyPrefix: policy.keyPrefix }));
}

/** rate-limiter-flexible's Postgres store on an existing pool; the table comes from the migrations. */
export function postgresLimiter(pool: pg.Pool, policy: RateLimitPolicy, options: { schemaName?: string; tableName?: string } = {}): RateLimiter {
  const insurance = new RateLimiterMemory({ points: policy.points, duration: policy.durationSeconds, keyPrefix: policy.keyPrefix });
  const store = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pg",
    tableName: options.tableName ?? "rate_limits",
    ...(options.schemaName ? { schemaName: options.schemaName } : {}),
    tableCreated: true,
    clearExpiredByTimeout: false,
    points: policy.points,
    duration: policy.durationSeconds,
    keyPrefix: policy.keyPrefix,
    insuranceLimiter: insurance,
  });
  return wrap(store, insurance);
}

/** The policy for live verifications through the API (config: VERIFY_LIVE_RATE_LIMIT / _WINDOW_SECONDS). */
export function liveCheckPolicy(): RateLimitPolicy {
  const c = config();
  return { points: c.VERIFY_LIVE_RATE_LIMIT, durationSeconds: c.VERIFY_LIVE_RATE_WINDOW_SECONDS, keyPrefix: "verify-live" };
}

let live: RateLimiter | undefined;

/**
 * The process's limiter for live checks: in Postgres (shared by every app instance) when a database
 * is configured, with a per-process memory limit as insurance while Postgres is unreachable.
 */
export function liveCheckLimiter(): RateLimiter {
  live ??= config().DATABASE_URL ? postgresLimiter(getPgPool(), liveCheckPolicy()) : memoryLimiter(liveCheckPolicy());
  return live;
}
