import { Module } from '@nestjs/common';
import { IdempotencyModule } from '#src/common/idempotency/idempotency.module.js';
import { CustodyService } from './custody.service.js';
import { HoldersRepository } from './holders.repository.js';

/**
 * Custody of carnets: holders, ledger, transfers. The only module that writes custody_holder,
 * custody_movement and a carnet's holder; others go through CustodyService.
 */
@Module({
  imports: [IdempotencyModule],
  providers: [HoldersRepository, CustodyService],
  exports: [CustodyService],
})
export class CustodyModule {}
