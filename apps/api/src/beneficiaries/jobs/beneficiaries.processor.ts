import { Logger } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { QueueProcessor } from '#src/queues/queue-processor.js';
import { QUEUES } from '#src/queues/queues.js';
import { PrivacyService } from '../privacy.service.js';

@Processor(QUEUES.beneficiaries.name)
export class BeneficiariesProcessor extends QueueProcessor {
  private readonly logger = new Logger(BeneficiariesProcessor.name);
  readonly queue = QUEUES.beneficiaries.name;

  constructor(private readonly privacy: PrivacyService) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.beneficiaries.jobs.purgeExpired]: async () => {
      const result = await this.privacy.purgeExpired();
      this.logger.log(
        `Purged the identifying data of ${result.beneficiaries} beneficiaries past retention`,
      );
      return result;
    },
  };
}
