import { Logger } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { QueueProcessor } from '#src/queues/queue-processor.js';
import { QUEUES } from '#src/queues/queues.js';
import type { Job } from 'bullmq';
import { AccountLinksService, type SendAccountLinkJob } from '../account-links.service.js';
import { AuthService } from '../auth.service.js';

@Processor(QUEUES.auth.name)
export class AuthProcessor extends QueueProcessor {
  private readonly logger = new Logger(AuthProcessor.name);
  readonly queue = QUEUES.auth.name;

  constructor(
    private readonly authService: AuthService,
    private readonly accountLinks: AccountLinksService,
  ) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.auth.jobs.purgeExpiredRefreshTokens]: async () => {
      const deleted = await this.authService.purgeExpiredRefreshTokens();
      this.logger.log(`Purged ${deleted} expired refresh tokens`);
      return { deleted };
    },
    [QUEUES.auth.jobs.sendAccountLink]: (job: Job<SendAccountLinkJob>) =>
      this.accountLinks.sendMail(job.data.linkId),
  };
}
