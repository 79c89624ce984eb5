import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { CommonException, CommonExceptionCode } from './common.exception.js';

/** Where @nestjs/swagger's @ApiConsumes keeps its media types (not exported by the package). */
export const API_CONSUMES = 'swagger/apiConsumes';

/**
 * A request body must be of a media type its route consumes: the ones named by @ApiConsumes (so
 * the contract and the check cannot disagree), JSON otherwise. Anything else is a 415, instead of
 * a body silently dropped (a PATCH that changes nothing) or read as something it is not.
 */
@Injectable()
export class ContentTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (hasBody(request)) {
      const consumes = this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? ['application/json'];
      if (!request.is(consumes)) {
        throw new CommonException(
          CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
          `This route accepts ${consumes.join(' or ')} bodies, not ${request.get('content-type') ?? 'a body without Content-Type'}.`,
        );
      }
    }
    return next.handle();
  }
}

/** The rule of the `type-is` package that body parsers use: a length, or a chunked transfer. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}
