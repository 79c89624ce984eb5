import { Module } from '@nestjs/common';
import { FundersModule } from '#src/funders/funders.module.js';
import { ExpiryRepository } from './expiry.repository.js';
import { ExpiryService } from './expiry.service.js';

/** Expiry of unused cheques past their validity plus grace, and the expiry view. */
@Module({
  imports: [FundersModule],
  providers: [ExpiryRepository, ExpiryService],
  exports: [ExpiryService],
})
export class ExpiryModule {}
