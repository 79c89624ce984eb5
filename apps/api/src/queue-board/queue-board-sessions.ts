import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { User } from '#src/auth/user.entity.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { REDIS } from '#src/redis/redis.module.js';

/** Where Bull Board is served, under the API prefix: /api/v1/admin/queues. */
export const QUEUE_BOARD_ROUTE = '/admin/queues';
/** Its full path (bootstrap.ts's API_PREFIX, which the e2e test pins). */
export const QUEUE_BOARD_PATH = `/api/v1${QUEUE_BOARD_ROUTE}`;
export const QUEUE_BOARD_COOKIE = 'carnet_queue_board';
const TICKET_SECONDS = 60;
const SESSION_SECONDS = 30 * 60;

const ticketKey = (ticket: string) => `queue-board:ticket:${ticket}`;
const sessionKey = (session: string) => `queue-board:session:${session}`;

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * Who may open Bull Board. Its pages are plain browser navigations, which carry no bearer token:
 * an ADMIN signed in to the admin asks for a ticket (POST /api/v1/queue-board/tickets, bearer
 * token and ADMIN role checked by the API's guards), valid 60 seconds and once; opening the board
 * with it exchanges it for a 30-minute session in an HttpOnly, SameSite=Strict cookie scoped to
 * the board's path. Without a valid session the board answers 401 problem+json, never a page;
 * each request checks that its user is still an active ADMIN. The board is read-only
 * (queue-board.module.ts): the application's jobs are re-queued by the application itself.
 */
@Injectable()
export class QueueBoardSessions {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly dataSource: DataSource,
  ) {}

  /** Still an active administrator: a session ends with the role or the account. */
  private async isAdmin(userId: string): Promise<boolean> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, role: true, active: true } });
    return user?.active === true && user.role === 'ADMIN';
  }

  /** A single-use ticket for `userId`, and the board's URL that spends it. */
  async issueTicket(userId: string, basePath: string): Promise<{ url: string; expiresIn: number }> {
    const ticket = randomBytes(32).toString('base64url');
    await this.redis.set(ticketKey(ticket), userId, 'EX', TICKET_SECONDS);
    return { url: `${basePath}/?ticket=${ticket}`, expiresIn: TICKET_SECONDS };
  }

  /** Express middleware in front of Bull Board's router. */
  middleware(): (request: Request, response: Response, next: NextFunction) => Promise<void> {
    return async (request, response, next) => {
      const ticket = typeof request.query.ticket === 'string' ? request.query.ticket : null;
      if (ticket !== null) {
        const userId = await this.redis.getdel(ticketKey(ticket));
        if (userId === null)
          throw this.refusal('This link to the queues has expired or was used already.');
        const session = randomBytes(32).toString('base64url');
        await this.redis.set(sessionKey(session), userId, 'EX', SESSION_SECONDS);
        const path = request.baseUrl || request.path;
        response.cookie(QUEUE_BOARD_COOKIE, session, {
          httpOnly: true,
          sameSite: 'strict',
          secure: request.secure,
          path,
          maxAge: SESSION_SECONDS * 1000,
        });
        response.redirect(303, `${path}/`);
        return;
      }
      const session = cookieValue(request, QUEUE_BOARD_COOKIE);
      if (session === null || !/^[A-Za-z0-9_-]{43}$/.test(session)) {
        throw this.refusal(
          'Open the queues from the admin (Files d’attente), as an administrator.',
        );
      }
      const userId = await this.redis.get(sessionKey(session));
      if (userId === null) {
        throw this.refusal(
          'Your session on the queues has expired: open them again from the admin.',
        );
      }
      if (!(await this.isAdmin(userId))) {
        await this.redis.del(sessionKey(session));
        throw this.refusal('Only an active administrator may see the queues.');
      }
      next();
    };
  }

  private refusal(detail: string): CommonException {
    return new CommonException(CommonExceptionCode.UNAUTHENTICATED, detail);
  }
}
