import type { ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '#src/access/principal.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import type { RedisThrottlerStorage } from './redis-throttler.storage.js';

/** A limit counted twice, per caller (user or API client) and per IP, over a fixed window. */
export interface CallerAndIpLimit {
  /** Names the counters in Redis: `<name>-caller` and `<name>-ip`. */
  name: string;
  windowSeconds: number;
  perCaller: number;
  perIp: number;
  /** The 429's detail. */
  refusal: string;
}

/**
 * Adds `amount` to the request's caller and IP counters; beyond either limit, 429
 * TOO_MANY_REQUESTS with Retry-After (the longer wait of the two). Counters live in Redis (every
 * API instance) and in this instance's memory while Redis is away (RedisThrottlerStorage.add).
 */
export async function limitCallerAndIp(
  storage: RedisThrottlerStorage,
  context: ExecutionContext,
  amount: number,
  limit: CallerAndIpLimit,
): Promise<void> {
  const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
  const caller = request.user ? `${request.user.type}:${request.user.id}` : 'anonymous';
  const ttl = limit.windowSeconds * 1000;
  const counted = await Promise.all([
    storage.add(caller, amount, ttl, limit.perCaller, `${limit.name}-caller`),
    storage.add(request.ip ?? 'unknown', amount, ttl, limit.perIp, `${limit.name}-ip`),
  ]);
  const blocked = counted.filter((c) => c.isBlocked);
  if (blocked.length === 0) return;
  context
    .switchToHttp()
    .getResponse<Response>()
    .setHeader('Retry-After', String(Math.max(...blocked.map((c) => c.retryAfterSeconds))));
  throw new CommonException(CommonExceptionCode.TOO_MANY_REQUESTS, limit.refusal);
}
