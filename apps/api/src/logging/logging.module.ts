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

/** A request as pino-std-serializers hands it to the `req` serializer. */
export interface SerializedRequest {
  id?: unknown;
  method: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
  [other: string]: unknown;
}

/**
 * A request as logged: an allow-list, never what else the serializer carries. Its URL is its path
 * only (safePath): query strings may carry what must never reach a log (a beneficiary's first name
 * searched for, filters naming people), and a cheque's scanned QR payload (`PN1:<number>:<code>`,
 * which the check accepts) is cut to `PN1:…`. `query` and `params` are left out: Express decodes
 * the path into `params` (the whole path, under the global prefix's mount), code included.
 * Headers go through REDACTED_PATHS.
 */
export function loggedRequest(req: SerializedRequest): SerializedRequest {
  return {
    id: req.id,
    method: req.method,
    url: req.url === undefined ? undefined : safePath(req.url),
    headers: req.headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

/** pino-http's options: what every request's log lines carry, and what they never carry. */
export function pinoHttpOptions(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_PRETTY'>) {
  return {
    level: config.LOG_LEVEL,
    genReqId: requestIdOf,
    customProps: () => ({ service: 'carnet-api' }),
    redact: REDACTED_PATHS,
    autoLogging: {
      ignore: (req: IncomingMessage) => req.url?.startsWith('/health/') ?? false,
    },
    serializers: {
      req: (req: SerializedRequest) =>
        config.LOG_PRETTY ? `${req.method} ${loggedRequest(req).url}` : loggedRequest(req),
      ...(config.LOG_PRETTY ? { res: (res: { statusCode: number }) => res.statusCode } : {}),
    },
  };
}

/** Structured JSON logs (pino) in which every line of a request carries its id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: pinoHttpOptions(config) }),
    }),
  ],
})
export class LoggingModule {}
