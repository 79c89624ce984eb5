import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { AppConfig } from '#src/config/app-config.js';
import { limitCallerAndIp } from '#src/redis/caller-and-ip-limit.js';
import { RedisThrottlerStorage } from '#src/redis/redis-throttler.storage.js';
import { REDIS } from '#src/redis/redis.module.js';

/** Most cheques one request can present (the DTO refuses more); a larger array counts as this. */
const MAX_CHEQUES_COUNTED = 10;

/**
 * Redemptions are limited twice, per caller (user or API client) and per IP, counting the
 * cheques presented rather than the requests (one request names up to 10), refused ones
 * included: a caller sweeping numbers with wrong codes hits the limit fast. Counters live in
 * Redis (every API instance) and in this instance's memory while Redis is away.
 */
@Injectable()
export class RedemptionThrottleGuard implements CanActivate {
  private readonly storage: RedisThrottlerStorage;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.storage = new RedisThrottlerStorage(redis, config.QUEUE_PREFIX);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const presented: unknown = (request.body as { cheques?: unknown } | undefined)?.cheques;
    const cheques = Array.isArray(presented)
      ? Math.min(Math.max(presented.length, 1), MAX_CHEQUES_COUNTED)
      : 1;
    await limitCallerAndIp(this.storage, context, cheques, {
      name: 'redemption',
      windowSeconds: this.config.REDEMPTION_TTL_SECONDS,
      perCaller: this.config.REDEMPTION_LIMIT_PER_CALLER,
      perIp: this.config.REDEMPTION_LIMIT_PER_IP,
      refusal: 'Too many cheques presented for redemption: wait a moment before trying again.',
    });
    return true;
  }
}
