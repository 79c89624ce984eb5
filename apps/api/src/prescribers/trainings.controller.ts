import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreateTrainingDto,
  ListTrainingsQueryDto,
  TrainingListResponseDto,
  TrainingResponseDto,
  UpdateTrainingDto,
} from './dto/training.dto.js';
import { TrainingsService } from './trainings.service.js';

/**
 * Trainings of prescriber agents. The programme team sees and records all of them; a commune's
 * référents those attended by agents of their commune's structures (and only those attendees).
 */
@ApiTags('prescribers')
@ApiBearerAuth()
@Controller('trainings')
export class TrainingsController {
  constructor(private readonly trainings: TrainingsService) {}

  /** Newest first. Filters: `prescriberId`, `agentId`, `from` and `to` (days, inclusive). */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListTrainingsQueryDto,
  ): Promise<TrainingListResponseDto> {
    return this.trainings.list(principal, query);
  }

  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<TrainingResponseDto> {
    return this.trainings.get(principal, id);
  }

  /** Records a training held (today or earlier) and the agents who attended it. */
  @Post()
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateTrainingDto,
  ): Promise<TrainingResponseDto> {
    return this.trainings.create(principal, body);
  }

  /** Corrects a training: its day, trainer, topics or attendees. */
  @Patch(':id')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateTrainingDto,
  ): Promise<TrainingResponseDto> {
    return this.trainings.update(principal, id, body);
  }
}
