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
import { type ErrorCode, httpStatusOf } from './error-codes.js';
import { type Problem, PROBLEM_CONTENT_TYPE, problemType } from './problem.js';
import { currentRequestId } from './request-context.js';

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
    case 429:
      return CommonExceptionCode.TOO_MANY_REQUESTS;
    default:
      return status >= 500 ? CommonExceptionCode.INTERNAL_ERROR : CommonExceptionCode.BAD_REQUEST;
  }
}

/**
 * Turns every error into an RFC 9457 application/problem+json answer with a stable `code`.
 * Domain exceptions carry their code; framework exceptions get a generic one; anything else is a
 * 500 whose detail is logged, never sent.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    problem.requestId = currentRequestId();
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainException) {
      const code = exception.code as ErrorCode;
      return this.problem(httpStatusOf(code), code, exception.message, exception.errors);
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
    if (
      exception instanceof QueryFailedError &&
      (exception as { code?: string }).code === '23505'
    ) {
      return this.problem(
        HttpStatus.CONFLICT,
        CommonExceptionCode.CONFLICT,
        'This change conflicts with existing data.',
      );
    }
    return this.problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      CommonExceptionCode.INTERNAL_ERROR,
      'An unexpected error occurred; it has been logged with the request id.',
    );
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
