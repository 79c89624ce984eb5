import type { GetListParams } from 'react-admin';

/**
 * The big lists (carnets, audit log) also page by key: each answer's `meta.nextCursor` is kept
 * for the next page of the same list (same filters, sort and page size), which the API then finds
 * by key instead of counting every row before it. A cursor stays right after writes (it names a
 * row, and the page after it is read fresh); it is forgotten when the user signs in or out, as it
 * was read within that user's scope.
 */
export const cursors = new Map<string, string>();
const MAX_CURSORS = 200;

export const cursorKey = (resource: string, params: Partial<GetListParams>, page: number): string =>
  JSON.stringify([
    resource,
    params.filter ?? {},
    params.sort ?? null,
    params.pagination?.perPage,
    page,
  ]);

export function rememberCursor(key: string, cursor: string | null | undefined): void {
  if (!cursor) return;
  if (cursors.size >= MAX_CURSORS) cursors.clear();
  cursors.set(key, cursor);
}

export function forgetCursors(): void {
  cursors.clear();
}
