import type { FieldError } from './domain.exception.js';

/** Deepest nesting a request body or query may have; our DTOs need four levels at most. */
export const MAX_INPUT_DEPTH = 16;

// A NUL (PostgreSQL text cannot hold one) or a UTF-16 surrogate without its pair (not valid
// Unicode: it cannot be stored as UTF-8, and breaks JSON columns and validators).
const UNSAFE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(value: string): string | null {
  if (!UNSAFE.test(value)) return null;
  return value.includes('\0')
    ? 'must not contain a NUL character'
    : 'must be valid Unicode (a lone surrogate was found)';
}

/**
 * The first problem of a parsed request input (body, query or path parameters) that no DTO can be
 * trusted to catch: a NUL or a lone surrogate in any string, key included, or nesting deeper than
 * MAX_INPUT_DEPTH. Iterative, so a hostile depth cannot exhaust the stack.
 */
export function findUnsafeInput(input: unknown, root: string): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: input, path: root, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const message = stringProblem(value);
      if (message) return { field: path, message };
      continue;
    }
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field: path, message: `must not be nested more than ${MAX_INPUT_DEPTH} levels` };
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const keyProblem = stringProblem(key);
      if (keyProblem) return { field: path === '' ? '(key)' : path, message: keyProblem };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/** The path of a URL, decoded, or null when it does not decode (a malformed %-escape). */
export function decodedPath(url: string): string | null {
  const path = url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
