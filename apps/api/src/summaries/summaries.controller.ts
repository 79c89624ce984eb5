import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { CommuneSummaryResponseDto, PrescriberSummaryResponseDto } from './dto/summary.dto.js';
import { SummariesService } from './summaries.service.js';

/**
 * The figures of the homes: a structure's (for its agents) and a commune's (for its référents).
 * Each lives under the resource it sums up.
 */
@ApiBearerAuth()
@Controller()
export class SummariesController {
  constructor(private readonly summaries: SummariesService) {}

  /**
   * A structure's home: carnets held per programme, carnets handed out this month (net of those
   * handed back), beneficiaries registered this month, and whether the calling agent is trained.
   * Its agents, the référents of its own commune and the programme team; 404 for anyone else.
   */
  @ApiTags('prescribers')
  @Get('prescribers/:id/summary')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT', 'PRESCRIBER_AGENT')
  prescriber(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<PrescriberSummaryResponseDto> {
    return this.summaries.prescriber(principal, id);
  }

  /**
   * A commune's home: its stock per programme, its structures with their stock and hand-outs this
   * month, and its agents not trained yet. Its référents and the programme team; 404 for another
   * commune's référent.
   */
  @ApiTags('communes')
  @Get('communes/:inseeCode/summary')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  commune(
    @CurrentPrincipal() principal: Principal,
    @Param('inseeCode') inseeCode: string,
  ): Promise<CommuneSummaryResponseDto> {
    return this.summaries.commune(principal, inseeCode);
  }
}
