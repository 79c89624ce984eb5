import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runWithRequestContext } from './request-context.js';

/** Makes the request id (set by pino-http) visible to services, e.g. for the audit log. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request & { id?: unknown }, _response: Response, next: NextFunction): void {
    runWithRequestContext({ requestId: typeof request.id === 'string' ? request.id : '' }, next);
  }
}
