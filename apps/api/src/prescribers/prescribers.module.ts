import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { CommunesModule } from '#src/communes/communes.module.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { PrescribersController } from './prescribers.controller.js';
import { PrescribersRepository } from './prescribers.repository.js';
import { PrescribersService } from './prescribers.service.js';

/** Prescriber structures; their agents, training, beneficiaries and hand-outs come with the prescribers issue. */
@Module({
  imports: [AuthModule, CommunesModule, CustodyModule],
  controllers: [PrescribersController],
  providers: [PrescribersRepository, PrescribersService],
  exports: [PrescribersService, PrescribersRepository],
})
export class PrescribersModule {}
