import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Principal } from '#src/access/principal.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { AppConfig } from '#src/config/app-config.js';
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
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const ttl = this.config.REDEMPTION_TTL_SECONDS * 1000;
    const caller = request.user ? `${request.user.type}:${request.user.id}` : 'anonymous';
    const presented: unknown = (request.body as { cheques?: unknown } | undefined)?.cheques;
    const cheques = Array.isArray(presented)
      ? Math.min(Math.max(presented.length, 1), MAX_CHEQUES_COUNTED)
      : 1;
    const [byCaller, byIp] = await Promise.all([
      this.storage.add(
        caller,
        cheques,
        ttl,
        this.config.REDEMPTION_LIMIT_PER_CALLER,
        'redemption-caller',
      ),
      this.storage.add(
        request.ip ?? 'unknown',
        cheques,
        ttl,
        this.config.REDEMPTION_LIMIT_PER_IP,
        'redemption-ip',
      ),
    ]);
    const blocked = [byCaller, byIp].filter((r) => r.isBlocked);
    if (blocked.length > 0) {
      response.setHeader(
        'Retry-After',
        String(Math.max(...blocked.map((r) => r.retryAfterSeconds))),
      );
      throw new CommonException(
        CommonExceptionCode.TOO_MANY_REQUESTS,
        'Too many cheques presented for redemption: wait a moment before trying again.',
      );
    }
    return true;
  }
}
