import { type ArgumentsHost, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception.js';
import { ProblemFilter } from './problem.filter.js';

class ThingException extends DomainException<'THING_NOT_FOUND' | 'THING_LOCKED'> {
  constructor(code: 'THING_NOT_FOUND' | 'THING_LOCKED') {
    super(code, `The thing: ${code}.`);
  }
}

/** The composition root passes the real mapping (src/error-codes.ts); here, a small one. */
const statusOf = (code: 'THING_NOT_FOUND' | 'THING_LOCKED'): number =>
  code === 'THING_NOT_FOUND' ? 404 : 423;

/** Runs the filter on one exception and returns what it would send. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    type() {
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ originalUrl: '/api/v1/x' }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new ProblemFilter(statusOf).catch(exception, host);
  return sent;
}

function databaseError(code: string): QueryFailedError {
  return new QueryFailedError('UPDATE x', [], Object.assign(new Error('refused'), { code }));
}

describe('ProblemFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers a domain exception with its code and the status the mapping gives it', () => {
    expect(answer(new ThingException('THING_NOT_FOUND'))).toMatchObject({
      status: 404,
      body: { status: 404, code: 'THING_NOT_FOUND', detail: 'The thing: THING_NOT_FOUND.' },
    });
    expect(answer(new ThingException('THING_LOCKED')).status).toBe(423);
  });

  it('maps what the database refuses to 409 or 422, never 500', () => {
    const expected: [string, number, string][] = [
      ['23505', 409, 'CONFLICT'],
      ['23503', 409, 'CONFLICT'],
      ['40001', 409, 'CONFLICT'],
      ['40P01', 409, 'CONFLICT'],
      ['23502', 422, 'DATA_REJECTED'],
      ['23514', 422, 'DATA_REJECTED'],
      ['22003', 422, 'DATA_REJECTED'],
      ['22P02', 422, 'DATA_REJECTED'],
      ['22021', 422, 'DATA_REJECTED'],
    ];
    for (const [code, status, problemCode] of expected) {
      expect([code, answer(databaseError(code))]).toEqual([
        code,
        { status, body: expect.objectContaining({ status, code: problemCode }) },
      ]);
    }
  });

  it('keeps other database failures and unknown errors a 500 that says nothing inside', () => {
    const lost = answer(databaseError('08006'));
    expect(lost.status).toBe(500);
    expect(lost.body.detail).not.toMatch(/refused|UPDATE/);
    expect(answer(new TypeError('x is undefined')).status).toBe(500);
  });

  it('answers body-parser errors (http-errors with expose) with their 4xx status', () => {
    const malformed = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      status: 400,
      expose: true,
    });
    expect(answer(malformed)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    const charset = Object.assign(new Error('unsupported charset "KOI8"'), {
      status: 415,
      expose: true,
    });
    expect(answer(charset)).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(answer(Object.assign(new Error('x'), { status: 400 })).status).toBe(500);
  });
});
