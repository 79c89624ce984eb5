import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { FilesModule } from '#src/files/files.module.js';
import { BankAccountsController } from './bank-accounts.controller.js';
import { BankAccountsService } from './bank-accounts.service.js';
import { OpenDataService } from './open-data.service.js';
import { PublicVenuesController } from './public-venues.controller.js';
import { QualificationService } from './qualification.service.js';
import { VenuesController } from './venues.controller.js';
import { VenuesRepository } from './venues.repository.js';
import { VenuesService } from './venues.service.js';

/** Venues: qualification, bank accounts (four eyes), open data in the national schema. */
@Module({
  imports: [AuthModule, FilesModule],
  controllers: [VenuesController, BankAccountsController, PublicVenuesController],
  providers: [
    VenuesRepository,
    VenuesService,
    QualificationService,
    BankAccountsService,
    OpenDataService,
  ],
  exports: [VenuesService, BankAccountsService],
})
export class VenuesModule {}
