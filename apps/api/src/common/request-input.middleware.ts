import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CommonException, CommonExceptionCode } from './common.exception.js';
import { decodedPath, findUnsafeInput } from './request-input.js';

/**
 * Refuses, before any guard, pipe or query sees them, the inputs that no DTO is trusted to catch:
 * a NUL or a lone surrogate anywhere in the path, query or body, a body nested too deep, a URL
 * that does not decode. One 400 VALIDATION_FAILED naming the field, instead of a database error.
 */
@Injectable()
export class RequestInputMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    const path = decodedPath(request.originalUrl);
    if (path === null) {
      throw new CommonException(CommonExceptionCode.VALIDATION_FAILED, 'The URL is malformed.', [
        { field: 'path', message: 'must be a valid percent-encoded URL' },
      ]);
    }
    const problem =
      findUnsafeInput(path, 'path') ??
      findUnsafeInput(request.query, '') ??
      findUnsafeInput(request.body, '');
    if (problem) {
      throw new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        `The request is invalid: ${problem.field}.`,
        [problem],
      );
    }
    next();
  }
}
