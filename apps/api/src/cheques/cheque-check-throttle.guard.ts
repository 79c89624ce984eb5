import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Principal } from '#src/access/principal.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { AppConfig } from '#src/config/app-config.js';
import { RedisThrottlerStorage } from '#src/redis/redis-throttler.storage.js';
import { REDIS } from '#src/redis/redis.module.js';

/**
 * Cheque checks are limited twice: per caller (user or API client) and per IP. Guessing a
 * security code is already hopeless (50 bits), and these limits also keep a stolen account from
 * sweeping numbers.
 */
@Injectable()
export class ChequeCheckThrottleGuard implements CanActivate {
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
    const ttl = this.config.CHEQUE_CHECK_TTL_SECONDS * 1000;
    const caller = request.user ? `${request.user.type}:${request.user.id}` : 'anonymous';
    const [byCaller, byIp] = await Promise.all([
      this.storage.increment(
        caller,
        ttl,
        this.config.CHEQUE_CHECK_LIMIT_PER_USER,
        0,
        'cheque-check-caller',
      ),
      this.storage.increment(
        request.ip ?? 'unknown',
        ttl,
        this.config.CHEQUE_CHECK_LIMIT_PER_IP,
        0,
        'cheque-check-ip',
      ),
    ]);
    const blocked = [byCaller, byIp].filter((r) => r.isBlocked);
    if (blocked.length > 0) {
      response.setHeader(
        'Retry-After',
        String(Math.max(...blocked.map((r) => r.timeToBlockExpire), 1)),
      );
      throw new CommonException(
        CommonExceptionCode.TOO_MANY_REQUESTS,
        'Too many cheque checks: wait a moment before trying again.',
      );
    }
    return true;
  }
}
