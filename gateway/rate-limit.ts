import Redis from "ioredis";
import type { Logger } from "../subgraphs/kit/gateway-side";
import type { CallerKind } from "./limits";

/**
 * Token buckets per partner application, per portal user and per anonymous address (issue 12).
 * A bucket holds up to `capacity` requests and refills at `refillPerSecond`; a request takes one,
 * and an empty bucket answers with the time until the next one. Officers, inside the
 * administration, are not limited here.
 *
 * With `REDIS_URL` the buckets live in Redis, so every gateway replica draws on the same ones:
 * one Lua script reads, refills and takes atomically on Redis's own clock. Without it they live in
 * this process (one replica, or a test). If Redis does not answer, the request is let through and
 * the fault logged: the limiter protects the graph, it must not take it down.
 */

export interface BucketSettings {
  capacity: number;
  refillPerSecond: number;
}

export type RateLimits = Partial<Record<CallerKind, BucketSettings>>;

/** DESIGN CHOICE: bursts of a page's worth of requests, and a steady rate a clearance system needs. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  anonymous: { capacity: 60, refillPerSecond: 10 },
  partnerApplication: { capacity: 200, refillPerSecond: 50 },
  portalUser: { capacity: 120, refillPerSecond: 20 },
};

export interface Verdict {
  allowed: boolean;
  /** When refused: milliseconds until one request is available. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Resolves once the limiter can answer (Redis connected), or after a bounded wait. */
  ready(): Promise<void>;
  take(bucket: string, settings: BucketSettings): Promise<Verdict>;
  close(): Promise<void>;
}

/** `GATEWAY_RATE_LIMITS='{"partnerApplication":{"capacity":100,"refillPerSecond":20}}'`; `off` disables. */
export function loadRateLimits(env: NodeJS.ProcessEnv = process.env): RateLimits {
  if (env.GATEWAY_RATE_LIMITS === "off") return {};
  const limits: RateLimits = structuredClone(DEFAULT_RATE_LIMITS);
  if (!env.GATEWAY_RATE_LIMITS) return limits;
  let given: Record<string, Partial<BucketSettings> | null>;
  try {
    given = JSON.parse(env.GATEWAY_RATE_LIMITS) as typeof given;
  } catch {
    throw new Error('GATEWAY_RATE_LIMITS must be JSON ({ <callerKind>: { capacity, refillPerSecond } | null }) or "off"');
  }
  for (const [kind, value] of Object.entries(given)) {
    if (!["anonymous", "partnerApplication", "portalUser", "officer"].includes(kind)) throw new Error(`GATEWAY_RATE_LIMITS: unknown caller kind '${kind}'`);
    if (value === null) {
      delete limits[kind as CallerKind];
      continue;
    }
    const merged = { ...limits[kind as CallerKind], ...value } as BucketSettings;
    if (!(merged.capacity >= 1) || !(merged.refillPerSecond > 0)) throw new Error(`GATEWAY_RATE_LIMITS.${kind} needs capacity >= 1 and refillPerSecond > 0`);
    limits[kind as CallerKind] = merged;
  }
  return limits;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async ready(): Promise<void> {}

  async take(bucket: string, settings: BucketSettings): Promise<Verdict> {
    const now = this.now();
    const state = this.buckets.get(bucket) ?? { tokens: settings.capacity, at: now };
    const tokens = Math.min(settings.capacity, state.tokens + ((now - state.at) * settings.refillPerSecond) / 1000);
    if (this.buckets.size > 100_000) this.sweep(now, settings);
    if (tokens >= 1) {
      this.buckets.set(bucket, { tokens: tokens - 1, at: now });
      return { allowed: true, retryAfterMs: 0 };
    }
    this.buckets.set(bucket, { tokens, at: now });
    return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) * 1000) / settings.refillPerSecond) };
  }

  async close(): Promise<void> {}

  /** Forgets buckets full again by now: they hold nothing a new bucket would not. */
  private sweep(now: number, settings: BucketSettings): void {
    const fullAfterMs = (settings.capacity * 1000) / settings.refillPerSecond;
    for (const [key, state] of this.buckets) if (now - state.at > fullAfterMs) this.buckets.delete(key);
  }
}

// KEYS[1] bucket; ARGV capacity, refill per second. Redis's clock, so replicas agree on time.
const TAKE = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
return { allowed, retry }
`;

type RedisWithTake = Redis & { takeToken(key: string, capacity: number, rate: number): Promise<[number, number]> };

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: RedisWithTake;

  constructor(
    url: string,
    private readonly logger: Logger,
    /** Prefix of the bucket keys: tests use their own. @default "customs:rl:" */
    private readonly prefix = "customs:rl:",
  ) {
    // No offline queue and one try: a request waits for Redis at most `commandTimeout`.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 250, lazyConnect: false }) as RedisWithTake;
    this.redis.defineCommand("takeToken", { numberOfKeys: 1, lua: TAKE });
    this.redis.on("error", error => this.logger.warn({ err: error }, "rate limiter: Redis error"));
  }

  /** Waits up to `timeoutMs` for the connection: requests arriving before it would be let through unlimited. */
  async ready(timeoutMs = 3000): Promise<void> {
    if (this.redis.status === "ready") return;
    await new Promise<void>(resolve => {
      const timer = setTimeout(() => {
        this.logger.warn({ timeoutMs }, "rate limiter: Redis not ready yet; requests are let through until it is");
        resolve();
      }, timeoutMs);
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async take(bucket: string, settings: BucketSettings): Promise<Verdict> {
    try {
      const [allowed, retryAfterMs] = await this.redis.takeToken(`${this.prefix}${bucket}`, settings.capacity, settings.refillPerSecond);
      return { allowed: allowed === 1, retryAfterMs: Number(retryAfterMs) };
    } catch (error) {
      this.logger.warn({ err: error, bucket }, "rate limiter: Redis did not answer; letting the request through");
      return { allowed: true, retryAfterMs: 0 };
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export function createRateLimiter(env: NodeJS.ProcessEnv, logger: Logger): RateLimiter {
  return env.REDIS_URL ? new RedisRateLimiter(env.REDIS_URL, logger, env.GATEWAY_RATE_LIMIT_PREFIX || undefined) : new MemoryRateLimiter();
}
