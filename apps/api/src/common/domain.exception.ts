/** A field-level problem in a request, as listed in a problem+json `errors` array. */
export interface FieldError {
  /** Dotted path of the field in the request, e.g. `shares.0.basisPoints`. */
  field: string;
  message: string;
}

/**
 * Base of every coded exception a service throws. The HTTP status is not decided here: the
 * problem filter maps each code to a status in one exhaustive switch (src/error-codes.ts).
 */
export abstract class DomainException<C extends string = string> extends Error {
  protected constructor(
    readonly code: C,
    message: string,
    readonly errors?: FieldError[],
    /** Structured members added to the problem (RFC 9457 extensions), e.g. where carnets are. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
