import {
  ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { CommonExceptionCode } from './common.exception.js';
import { DomainException } from './domain.exception.js';
import { type Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem.js';
import { currentRequestId } from './request-context.js';
import { safePath } from './url.js';

/** Status of framework HttpExceptions (routing, body parsing, guards) → our stable codes. */
function codeOfHttpStatus(status: number): CommonExceptionCode {
  switch (status) {
    case 400:
      return CommonExceptionCode.BAD_REQUEST;
    case 401:
      return CommonExceptionCode.UNAUTHENTICATED;
    case 403:
      return CommonExceptionCode.FORBIDDEN;
    case 404:
      return CommonExceptionCode.ROUTE_NOT_FOUND;
    case 409:
      return CommonExceptionCode.CONFLICT;
    case 413:
      return CommonExceptionCode.PAYLOAD_TOO_LARGE;
    case 415:
      return CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return CommonExceptionCode.TOO_MANY_REQUESTS;
    default:
      return status >= 500 ? CommonExceptionCode.INTERNAL_ERROR : CommonExceptionCode.BAD_REQUEST;
  }
}

/**
 * Errors raised before routing by Express middleware (body parsers: malformed JSON, unsupported
 * charset, too large) carry a 4xx `status` and `expose: true` (the http-errors convention).
 */
function clientErrorOf(exception: unknown): { status: number; message: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, expose, message } = exception as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) return null;
  return { status, message: typeof message === 'string' ? message : 'The request is invalid.' };
}

/**
 * Turns every error into an RFC 9457 application/problem+json answer with a stable `code`.
 * Domain exceptions carry their code, whose status `statusOf` decides (the one exhaustive switch,
 * src/error-codes.ts, which knows every module); framework exceptions get a generic code; anything
 * else is a 500 whose detail is logged, never sent.
 */
@Catch()
export class ProblemFilter<C extends string = string> implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  constructor(private readonly statusOf: (code: C) => number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    // Never repeats a query string or a cheque's security code (safePath).
    problem.instance = safePath(request.originalUrl);
    problem.requestId = currentRequestId();
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainException) {
      const code = exception.code as C;
      return {
        ...exception.extensions,
        ...this.problem(this.statusOf(code), code, exception.message, exception.errors),
      };
    }
    if (exception instanceof ThrottlerException) {
      return this.problem(
        HttpStatus.TOO_MANY_REQUESTS,
        CommonExceptionCode.TOO_MANY_REQUESTS,
        'Too many requests: wait a moment before trying again.',
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String(body.message)
          : exception.message;
      return this.problem(status, codeOfHttpStatus(status), message);
    }
    if (exception instanceof QueryFailedError) {
      const refused = this.databaseRefusal(exception);
      if (refused) return refused;
    }
    const clientError = clientErrorOf(exception);
    if (clientError) {
      return this.problem(
        clientError.status,
        codeOfHttpStatus(clientError.status),
        clientError.message,
      );
    }
    return this.problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      CommonExceptionCode.INTERNAL_ERROR,
      'An unexpected error occurred; it has been logged with the request id.',
    );
  }

  /**
   * A statement the database refused because of the data it was given. Validation should have
   * caught it first, so it is logged (codes and constraint only: values may be personal data), but
   * the caller gets what it is, never a 500.
   */
  private databaseRefusal(exception: { driverError: unknown }): Problem | null {
    const { code, constraint, table } = exception.driverError as {
      code?: string;
      constraint?: string;
      table?: string;
    };
    if (typeof code !== 'string') return null;
    const refused = (status: number, errorCode: CommonExceptionCode, detail: string): Problem => {
      this.logger.warn(`Database refused a statement: ${code} ${table ?? ''} ${constraint ?? ''}`);
      return this.problem(status, errorCode, detail);
    };
    if (code === '23505') {
      return this.problem(
        HttpStatus.CONFLICT,
        CommonExceptionCode.CONFLICT,
        'This change conflicts with existing data.',
      );
    }
    if (code === '23503') {
      return refused(
        HttpStatus.CONFLICT,
        CommonExceptionCode.CONFLICT,
        'This change refers to something that does not exist, or removes something still in use.',
      );
    }
    if (code === '40001' || code === '40P01') {
      return refused(
        HttpStatus.CONFLICT,
        CommonExceptionCode.CONFLICT,
        'This change collided with another one made at the same time: try again.',
      );
    }
    // Class 22 (data exceptions: out of range, too long, malformed) and 23 (integrity: not null,
    // check, exclusion).
    if (code.startsWith('22') || code.startsWith('23')) {
      return refused(
        HttpStatus.UNPROCESSABLE_ENTITY,
        CommonExceptionCode.DATA_REJECTED,
        'A value of the request is out of range or inconsistent with the data it changes.',
      );
    }
    return null;
  }

  private problem(
    status: number,
    code: string,
    detail: string,
    errors?: Problem['errors'],
  ): Problem {
    return {
      type: problemType(code),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors && errors.length > 0 ? { errors } : {}),
    };
  }
}
