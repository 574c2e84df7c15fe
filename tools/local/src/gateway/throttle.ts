import type { GatewayConfig } from '../template/gateway-config';

type Bucket = { tokens: number; updatedAt: number };

/**
 * Token buckets per route, as API Gateway applies stage throttling: each route gets the stage
 * default (rate tokens/s, burst capacity) unless its route settings override them.
 */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: GatewayConfig['throttle'],
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** True when the request may pass; false → 429. */
  take(routeKey: string): boolean {
    const { rateLimit, burstLimit } = { ...this.config, ...this.config.routes[routeKey] };
    const at = this.now();
    const bucket = this.buckets.get(routeKey) ?? { tokens: burstLimit, updatedAt: at };
    bucket.tokens = Math.min(
      burstLimit,
      bucket.tokens + ((at - bucket.updatedAt) / 1000) * rateLimit,
    );
    bucket.updatedAt = at;
    this.buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
