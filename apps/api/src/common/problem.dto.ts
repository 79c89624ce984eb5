/** A field-level problem. */
export class FieldErrorDto {
  /** @example "email" */
  field!: string;
  /** @example "email must be an email" */
  message!: string;
}

/** RFC 9457 problem details: the body of every error answer (application/problem+json). */
export class ProblemDto {
  /** @example "urn:carnet:problem:validation-failed" */
  type!: string;
  /** @example "Bad Request" */
  title!: string;
  /** @example 400 */
  status!: number;
  /** @example "The request is invalid: email." */
  detail!: string;
  /** Stable machine code, UPPER_SNAKE. @example "VALIDATION_FAILED" */
  code!: string;
  /** @example "/api/v1/users" */
  instance?: string;
  /** Id of the request in the logs (also in the X-Request-Id header). */
  requestId?: string;
  errors?: FieldErrorDto[];
}
