import { ApiExtension } from '@nestjs/swagger';
import type { FieldError } from './domain.exception.js';

/** A refusal as an operation answers it, shown in the OpenAPI document. */
export interface ProblemExample {
  /** The stable code; its HTTP status is the one src/error-codes.ts gives it. */
  code: string;
  /** When it happens, in a line (the example's summary in Swagger UI). */
  summary: string;
  /** `detail` as the API words it, with example values. */
  detail: string;
  errors?: FieldError[];
  /** The request path when it is not the operation's usual one (a number with a typo, say). */
  instance?: string;
}

/** Where @ApiProblems leaves its examples for buildOpenApiDocument (src/bootstrap.ts). */
export const PROBLEM_EXAMPLES_EXTENSION = 'x-problem-examples';

export interface ProblemExamples {
  /** The request path the examples answer (`instance`), e.g. `/api/v1/redemptions`. */
  instance: string;
  examples: readonly ProblemExample[];
}

/**
 * Documents an operation's refusals, one application/problem+json example per code. The status
 * is not written here: buildOpenApiDocument asks the one switch (src/error-codes.ts) for it and
 * groups the examples into one response per status, so the document cannot disagree with it.
 * `openapi-problems.spec.ts` checks that the operations whose refusals matter to third parties
 * (redemption, check, unlock) have an example for every code they can answer.
 */
export function ApiProblems(
  instance: string,
  ...groups: (readonly ProblemExample[])[]
): MethodDecorator {
  const examples = groups.flat();
  const seen = new Set<string>();
  for (const { code } of examples) {
    if (seen.has(code)) throw new Error(`@ApiProblems: two examples of ${code} on ${instance}`);
    seen.add(code);
  }
  const value: ProblemExamples = { instance, examples };
  return ApiExtension(PROBLEM_EXAMPLES_EXTENSION, value);
}

/** 401 on any route that needs a token (the global JWT guard). */
export const UNAUTHENTICATED_EXAMPLE: ProblemExample = {
  code: 'UNAUTHENTICATED',
  summary: 'No bearer token, or an expired or revoked one: get a new token.',
  detail: 'A valid bearer token is required.',
};

/** 403 from the access guard: an API client without the route's scopes. */
export function missingScopesExample(...scopes: string[]): ProblemExample {
  return {
    code: 'FORBIDDEN',
    summary: `An API client whose token lacks ${scopes.join(', ')} (or a user of another role).`,
    detail: `This action needs the scopes ${scopes.join(', ')}.`,
  };
}

/** 403 from the access guard: a user of another role on a route API clients may not call. */
export function missingRoleExample(...roles: string[]): ProblemExample {
  return {
    code: 'FORBIDDEN',
    summary: `A user who is not ${roles.join(' or ')}; API clients may not call this route.`,
    detail: `This action needs one of the roles ${roles.join(', ')}.`,
  };
}

/** The refusals of a route with a required `Idempotency-Key` (idempotency-key.decorator.ts). */
export const IDEMPOTENCY_EXAMPLES: readonly ProblemExample[] = [
  {
    code: 'IDEMPOTENCY_KEY_REUSED',
    summary: 'This Idempotency-Key was already used, within 24 h, for another body or route.',
    detail:
      'This Idempotency-Key was already used for another request; use a new key for a new request.',
    errors: [{ field: 'Idempotency-Key', message: 'already used for another request' }],
  },
  {
    code: 'IDEMPOTENCY_KEY_IN_USE',
    summary: 'The first request with this key was still running after 10 s: retry with the key.',
    detail:
      'A request with this Idempotency-Key is still running; retry with the same key shortly.',
  },
];
