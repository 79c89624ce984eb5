import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { CommunesModule } from '#src/communes/communes.module.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { AgentsController } from './agents.controller.js';
import { AgentsService } from './agents.service.js';
import { PrescribersController } from './prescribers.controller.js';
import { PrescribersRepository } from './prescribers.repository.js';
import { PrescribersService } from './prescribers.service.js';
import { TrainingsController } from './trainings.controller.js';
import { TrainingsRepository } from './trainings.repository.js';
import { TrainingsService } from './trainings.service.js';

/**
 * Prescriber structures, their agents and trainings (TrainingsService.assertMayHandOut is the
 * hand-out's check); beneficiaries and hand-outs come next.
 */
@Module({
  imports: [AuthModule, CommunesModule, CustodyModule],
  controllers: [PrescribersController, AgentsController, TrainingsController],
  providers: [
    PrescribersRepository,
    PrescribersService,
    AgentsService,
    TrainingsRepository,
    TrainingsService,
  ],
  exports: [PrescribersService, PrescribersRepository, TrainingsService],
})
export class PrescribersModule {}
