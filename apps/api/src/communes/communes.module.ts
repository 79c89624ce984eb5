import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { FilesModule } from '#src/files/files.module.js';
import { FundersModule } from '#src/funders/funders.module.js';
import { ReportingModule } from '#src/reporting/reporting.module.js';
import { AllocationsController } from './allocations.controller.js';
import { AllocationsRepository } from './allocations.repository.js';
import { AllocationsService } from './allocations.service.js';
import { CommunesController } from './communes.controller.js';
import { CommunesRepository } from './communes.repository.js';
import { CommunesService } from './communes.service.js';
import { EnrolmentsController } from './enrolments.controller.js';
import { EnrolmentsService } from './enrolments.service.js';

/** Territory (official communes), enrolment in programmes, allocation key and allocations. */
@Module({
  imports: [AuthModule, FundersModule, FilesModule, CustodyModule, ReportingModule],
  controllers: [CommunesController, EnrolmentsController, AllocationsController],
  providers: [
    CommunesRepository,
    CommunesService,
    EnrolmentsService,
    AllocationsRepository,
    AllocationsService,
  ],
  exports: [CommunesService, CommunesRepository, AllocationsService],
})
export class CommunesModule {}
