import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CommonException, CommonExceptionCode } from '../common.exception.js';
import { requestFingerprint } from './fingerprint.js';
import type { IdempotencyRequest, IdempotentResponse } from './idempotency.service.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1 to 255 printable ASCII characters (a UUID is a good choice). */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * An idempotent route's view of its request: the key to pass to the service (null when the
 * header is absent on a route where it is optional), and `answer`, which marks a replay.
 */
export class IdempotentCall {
  constructor(
    readonly request: IdempotencyRequest | null,
    private readonly response: Response,
  ) {}

  /**
   * The body to return; a replay also gets `Idempotent-Replayed: true`. The status is the route's
   * own (Nest sets it when it replies): the answers returned here are a route's success status
   * (a route that stores a refusal, as redemption does for wrong codes, throws it again itself).
   */
  answer<T>(outcome: IdempotentResponse<T>): T {
    if (outcome.replayed) this.response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return outcome.body;
  }
}

interface Options {
  /** Whether a request without the header is refused (400). */
  required: boolean;
}

const readIdempotentCall = createParamDecorator(
  (options: Options, context: ExecutionContext): IdempotentCall => {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: { type: string; id: string } }>();
    const response = http.getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (key === undefined && !options.required) return new IdempotentCall(null, response);
    if (typeof key !== 'string' || !VALID_KEY.test(key)) {
      throw new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 255 printable ASCII characters.`,
        [
          {
            field: IDEMPOTENCY_KEY_HEADER,
            message: key === undefined ? 'required' : 'must be 1 to 255 printable ASCII characters',
          },
        ],
      );
    }
    // Guards ran before: an idempotent route is never public, so the caller is known.
    if (!request.user) throw new Error(`${IDEMPOTENCY_KEY_HEADER} needs an authenticated caller`);
    const operation = `${request.method} ${(request.route as { path: string }).path}`;
    return new IdempotentCall(
      {
        caller: `${request.user.type}:${request.user.id}`,
        key,
        operation,
        fingerprint: requestFingerprint({
          operation,
          params: request.params,
          query: request.query,
          body: request.body,
        }),
      },
      response,
    );
  },
);

/**
 * Opts a route into idempotency keys: reads and checks the `Idempotency-Key` header (400 naming
 * it when malformed, or absent where required), documents it in OpenAPI, and gives the handler an
 * IdempotentCall whose `request` goes to the service (IdempotencyService.execute, in the write's
 * transaction) and whose `answer` returns the outcome, marking replays.
 */
export function IdempotencyKeyHeader(options: Options = { required: false }): ParameterDecorator {
  const header = ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: options.required,
    description:
      'Makes the write safe to retry: the same key (1–255 printable ASCII characters, e.g. a UUID) ' +
      'sent again within 24 h (IDEMPOTENCY_KEY_TTL_HOURS) answers the stored response, with ' +
      '`Idempotent-Replayed: true`, and does nothing twice; sent while the first request runs, it ' +
      'waits for it (409 IDEMPOTENCY_KEY_IN_USE after 10 s, IDEMPOTENCY_LOCK_TIMEOUT_MS); with ' +
      'another request (route, parameters or body), 422 IDEMPOTENCY_KEY_REUSED. ' +
      'A refused request keeps no key: sent again, it is decided again (except a redemption ' +
      'refused for a wrong security code: its refusal is kept and answered again, so that a ' +
      "retried typo counts once towards the cheque's lock)." +
      (options.required ? '' : ' Without the header, nothing is remembered.'),
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: '^[ -~]+$',
      example: '0b6f6cf4-6c3b-4c36-9a59-6fd0a4d6a2f1',
    },
  });
  const param = readIdempotentCall(options);
  return (target, propertyKey, index) => {
    if (propertyKey === undefined) throw new Error('@IdempotencyKeyHeader() is for route handlers');
    header(target, propertyKey, Object.getOwnPropertyDescriptor(target, propertyKey)!);
    param(target, propertyKey, index);
  };
}
