import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '#src/config/app-config.js';
import { limitCallerAndIp } from '#src/redis/caller-and-ip-limit.js';
import { RedisThrottlerStorage } from '#src/redis/redis-throttler.storage.js';
import { REDIS } from '#src/redis/redis.module.js';

/**
 * Cheque checks are limited twice: per caller (user or API client) and per IP, in Redis and, while
 * Redis is away, in this instance's memory. Guessing a security code is already hopeless (50
 * bits), and these limits also keep a stolen account from sweeping numbers.
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
    await limitCallerAndIp(this.storage, context, 1, {
      name: 'cheque-check',
      windowSeconds: this.config.CHEQUE_CHECK_TTL_SECONDS,
      perCaller: this.config.CHEQUE_CHECK_LIMIT_PER_USER,
      perIp: this.config.CHEQUE_CHECK_LIMIT_PER_IP,
      refusal: 'Too many cheque checks: wait a moment before trying again.',
    });
    return true;
  }
}
