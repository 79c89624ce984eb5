import type { Queue } from 'bullmq';

/**
 * Queues a job under a stable id: a job waiting or running is left alone, a failed one is retried,
 * a finished one replaced (its run was a no-op or its work is done: the new one is a no-op too).
 * Three attempts, backing off from 5 s.
 */
export async function enqueueOnce(
  queue: Queue,
  name: string,
  data: object,
  jobId: string,
): Promise<void> {
  const existing = await queue.getJob(jobId);
  const state = existing ? await existing.getState() : 'unknown';
  if (existing && state === 'failed') {
    await existing.retry('failed');
    return;
  }
  if (existing && state === 'completed') await existing.remove();
  else if (existing && state !== 'unknown') return;
  await queue.add(name, data, {
    jobId,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
  });
}

/** A job's `{ done, total }` progress, when it reported one. */
export async function jobProgress(
  queue: Queue,
  jobId: string,
): Promise<{ done: number; total: number } | null> {
  const job = await queue.getJob(jobId);
  const progress = job?.progress;
  if (typeof progress === 'object' && progress !== null && 'done' in progress) {
    const { done, total } = progress as { done: number; total: number };
    return { done, total };
  }
  return null;
}

export const PENDING_JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type PendingJobState = (typeof PENDING_JOB_STATES)[number];

/**
 * Where a job stands while its work is not done: waiting (or prioritized, waiting for children),
 * active, delayed (backing off before its next attempt), or failed for good (every attempt
 * spent: nothing runs it again until someone retries it), with BullMQ's reason. Null when there is
 * no such job (finished, or lost with Redis).
 */
export async function jobStatus(
  queue: Queue,
  jobId: string,
): Promise<{ state: PendingJobState; failedReason: string | null } | null> {
  const job = await queue.getJob(jobId);
  if (!job) return null;
  const state = await job.getState();
  switch (state) {
    case 'failed':
      return { state, failedReason: job.failedReason || 'failed' };
    case 'active':
    case 'delayed':
    case 'waiting':
      return { state, failedReason: null };
    case 'prioritized':
    case 'waiting-children':
      return { state: 'waiting', failedReason: null };
    default:
      return null;
  }
}
