import { createHash } from 'node:crypto';

/** What identifies a request under its Idempotency-Key, whatever the order of its JSON keys. */
export interface RequestShape {
  /** Method and route pattern, e.g. `POST /api/v1/carnets/:id/transfers`. */
  operation: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/**
 * JSON with the keys of every object sorted, so that two bodies meaning the same thing (keys in
 * another order, other whitespace) give the same text. Arrays keep their order: it means something.
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            ),
          )
        : v,
    ) ?? 'null'
  );
}

/**
 * SHA-256 (hex) of the operation, the path and query parameters and the canonical body. The query
 * counts too: `?dryRun=true` turns a write into a preview.
 */
export function requestFingerprint(request: RequestShape): string {
  return createHash('sha256')
    .update(canonicalJson([request.operation, request.params, request.query, request.body ?? null]))
    .digest('hex');
}
