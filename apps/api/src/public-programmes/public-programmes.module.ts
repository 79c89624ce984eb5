import { Module } from '@nestjs/common';
import { PublicProgrammesController } from './public-programmes.controller.js';
import { PublicProgrammesRepository } from './public-programmes.repository.js';
import { PublicProgrammesService } from './public-programmes.service.js';

/** The public page « Où utiliser mon Pass numérique ? »: programmes and their venues, no login. */
@Module({
  controllers: [PublicProgrammesController],
  providers: [PublicProgrammesRepository, PublicProgrammesService],
})
export class PublicProgrammesModule {}
