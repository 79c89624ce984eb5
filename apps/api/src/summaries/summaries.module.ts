import { Module } from '@nestjs/common';
import { CommunesModule } from '#src/communes/communes.module.js';
import { PrescribersModule } from '#src/prescribers/prescribers.module.js';
import { SummariesController } from './summaries.controller.js';
import { SummariesRepository } from './summaries.repository.js';
import { SummariesService } from './summaries.service.js';

/**
 * The figures of the agents' and référents' homes. It reads custody, beneficiaries, structures
 * and trainings, so it sits above all of them: no module imports it.
 */
@Module({
  imports: [CommunesModule, PrescribersModule],
  controllers: [SummariesController],
  providers: [SummariesRepository, SummariesService],
})
export class SummariesModule {}
