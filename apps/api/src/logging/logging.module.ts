import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safePath } from '#src/common/url.js';
import { AppConfig } from '#src/config/app-config.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request id for every request: the caller's X-Request-Id when sane, else a new UUID. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Request headers never written to logs: credentials, and the security code of a cheque being
 * checked (with the number in the URL, it would let a log reader spend the cheque).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-security-code"]',
];

/**
 * A request's URL as logged: its path only. Query strings may carry what must never reach a log
 * (a beneficiary's first name searched for, filters naming people): they are dropped, with the
 * parsed `query` pino-http adds. A cheque's scanned QR payload in the path (`PN1:<number>:<code>`,
 * which a check accepts) carries its security code: it is logged as `PN1:…`.
 */
export function loggedRequest<R extends { url?: string; query?: unknown }>(
  req: R,
): Omit<R, 'query'> {
  const { query: _query, ...rest } = req;
  return { ...rest, url: req.url === undefined ? undefined : safePath(req.url) };
}

/** Structured JSON logs (pino) in which every line of a request carries its id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: requestIdOf,
          customProps: () => ({ service: 'carnet-api' }),
          redact: REDACTED_PATHS,
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url?.startsWith('/health/') ?? false,
          },
          serializers: {
            req: (req: { method: string; url?: string; query?: unknown }) =>
              config.LOG_PRETTY ? `${req.method} ${loggedRequest(req).url}` : loggedRequest(req),
            ...(config.LOG_PRETTY ? { res: (res: { statusCode: number }) => res.statusCode } : {}),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
