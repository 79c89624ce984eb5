/**
 * Every BullMQ queue and job of Carnet, in one place. The worker refuses to start when a job
 * declared here has no handler; producers use these constants, never string literals.
 */
export const QUEUES = {
  auth: {
    name: 'auth',
    jobs: {
      purgeExpiredRefreshTokens: 'purge-expired-refresh-tokens',
      /** The e-mail of an invitation or password-reset link (jobId `account-link-<linkId>`). */
      sendAccountLink: 'send-account-link',
    },
  },
  maintenance: {
    name: 'maintenance',
    jobs: {
      purgeExpiredIdempotencyKeys: 'purge-expired-idempotency-keys',
    },
  },
  beneficiaries: {
    name: 'beneficiaries',
    jobs: {
      /** Identifying data past BENEFICIARY_RETENTION_MONTHS (PrivacyService.purgeExpired). */
      purgeExpired: 'purge-expired-beneficiaries',
    },
  },
  cheques: {
    name: 'cheques',
    jobs: {
      issue: 'issue-carnets',
      reprint: 'reprint-carnets',
      expire: 'expire-cheques',
    },
  },
  reimbursements: {
    name: 'reimbursements',
    jobs: {
      /** The previous month's batch of every programme still paying (REIMBURSEMENT_CRON). */
      createMonthlyBatches: 'create-monthly-batches',
      /** One batch's lines and totals (jobId `batch-<programmeId>-<period>`). */
      generateBatch: 'generate-batch',
      /** One approved batch's files: sepa.xml, états, statements, manifest (jobId `export-<batchId>`). */
      exportBatch: 'export-batch',
    },
  },
  reports: {
    name: 'reports',
    jobs: {
      /** The reporting store brought up to date (REPORT_REFRESH_CRON, and on demand). */
      refresh: 'refresh-reports',
    },
  },
} as const;

export type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey]['name'];
export type JobName<Q extends QueueKey> =
  (typeof QUEUES)[Q]['jobs'][keyof (typeof QUEUES)[Q]['jobs']];

/** A setting of AppConfig that holds a cron pattern, for a schedule the operator may move. */
export type CronSetting = 'REIMBURSEMENT_CRON' | 'REPORT_REFRESH_CRON';

export interface Schedule {
  queue: QueueName;
  job: string;
  /** A cron pattern, or the setting that holds it. */
  pattern: string | { config: CronSetting };
}

/** The cron pattern of a schedule, read from the config when the schedule names a setting. */
export function schedulePattern(
  schedule: Schedule,
  config: Readonly<Record<CronSetting, string>>,
): string {
  return typeof schedule.pattern === 'string' ? schedule.pattern : config[schedule.pattern.config];
}

/** Repeatable jobs the worker schedules at start (cron in Europe/Paris time). */
export const SCHEDULES: readonly Schedule[] = [
  {
    queue: QUEUES.auth.name,
    job: QUEUES.auth.jobs.purgeExpiredRefreshTokens,
    pattern: '17 3 * * *',
  },
  {
    queue: QUEUES.maintenance.name,
    job: QUEUES.maintenance.jobs.purgeExpiredIdempotencyKeys,
    pattern: '41 * * * *',
  },
  {
    queue: QUEUES.beneficiaries.name,
    job: QUEUES.beneficiaries.jobs.purgeExpired,
    pattern: '23 2 * * *',
  },
  {
    queue: QUEUES.cheques.name,
    job: QUEUES.cheques.jobs.expire,
    pattern: '5 0 * * *',
  },
  {
    queue: QUEUES.reimbursements.name,
    job: QUEUES.reimbursements.jobs.createMonthlyBatches,
    pattern: { config: 'REIMBURSEMENT_CRON' },
  },
  {
    queue: QUEUES.reports.name,
    job: QUEUES.reports.jobs.refresh,
    pattern: { config: 'REPORT_REFRESH_CRON' },
  },
];

/** Job names declared for a queue that no handler covers. */
export function missingHandlers(queue: QueueName, handled: readonly string[]): string[] {
  const declared = Object.values(QUEUES).find((q) => q.name === queue);
  if (!declared) return [];
  return Object.values(declared.jobs).filter((job) => !handled.includes(job));
}

export function declaredQueueNames(): QueueName[] {
  return Object.values(QUEUES).map((q) => q.name);
}
