import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { FilesModule } from '#src/files/files.module.js';
import { FundersController } from './funders.controller.js';
import { FundersRepository } from './funders.repository.js';
import { FundersService } from './funders.service.js';
import { ProgrammesController } from './programmes.controller.js';
import { ProgrammesRepository } from './programmes.repository.js';
import { ProgrammesService } from './programmes.service.js';

/** Funders, programmes and their funding shares. */
@Module({
  imports: [AuthModule, FilesModule],
  controllers: [FundersController, ProgrammesController],
  providers: [FundersRepository, FundersService, ProgrammesRepository, ProgrammesService],
  exports: [ProgrammesService, ProgrammesRepository, FundersRepository],
})
export class FundersModule {}
