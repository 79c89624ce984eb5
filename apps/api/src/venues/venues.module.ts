import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { FilesModule } from '#src/files/files.module.js';
import { BankAccountsController } from './bank-accounts.controller.js';
import { BankAccountsService } from './bank-accounts.service.js';
import { OpenDataService } from './open-data.service.js';
import { PublicVenuesController } from './public-venues.controller.js';
import { QualificationService } from './qualification.service.js';
import { VenueNetworksController } from './venue-networks.controller.js';
import { VenueNetworksRepository } from './venue-networks.repository.js';
import { VenueNetworksService } from './venue-networks.service.js';
import { VenuesController } from './venues.controller.js';
import { VenuesRepository } from './venues.repository.js';
import { VenuesService } from './venues.service.js';

/**
 * Venues: qualification, bank accounts (four eyes), open data in the national schema, networks of
 * venues and the venue a caller acts for.
 */
@Module({
  imports: [AuthModule, FilesModule],
  controllers: [
    VenuesController,
    BankAccountsController,
    PublicVenuesController,
    VenueNetworksController,
  ],
  providers: [
    VenuesRepository,
    VenuesService,
    QualificationService,
    BankAccountsService,
    OpenDataService,
    VenueNetworksRepository,
    VenueNetworksService,
  ],
  exports: [VenuesService, BankAccountsService, VenueNetworksService],
})
export class VenuesModule {}
