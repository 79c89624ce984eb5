import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { DiagnosticsService } from './diagnostics.service.js';
import {
  CreateDiagnosticDto,
  DiagnosticListResponseDto,
  DiagnosticResponseDto,
} from './dto/diagnostic.dto.js';

/** The diagnostics of a beneficiary, by whoever may see the beneficiary. */
@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('beneficiaries/:id/diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  /** Most recent first. */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<DiagnosticListResponseDto> {
    return { data: await this.diagnostics.list(principal, id) };
  }

  /**
   * Records a diagnostic: needs (the programme's payable services, else 422
   * DIAGNOSTIC_SERVICE_NOT_PAYABLE, and online procedures), autonomy, equipment, notes.
   */
  @Post()
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: CreateDiagnosticDto,
  ): Promise<DiagnosticResponseDto> {
    return this.diagnostics.create(principal, id, body);
  }
}
