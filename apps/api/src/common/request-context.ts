import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with the given request context visible to everything it calls (audit, logs). */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The id of the HTTP request or job being handled, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
