import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { OrientationQueryDto, OrientationResponseDto } from './dto/orientation.dto.js';
import { OrientationService } from './orientation.service.js';

/** Where to send a beneficiary: venues matching their diagnostic, near their commune. */
@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('beneficiaries/:id/orientation')
export class OrientationController {
  constructor(private readonly orientation: OrientationService) {}

  /**
   * The QUALIFIED venues serving the person's programme, in or visiting their commune (itinerant
   * venues included), offering a service the diagnostic asks for (`meta.services`): nearest first
   * from the commune's centre, venues without coordinates after, then by name; at most 50. From
   * the latest diagnostic unless `diagnosticId` names one; 422 DIAGNOSTIC_REQUIRED without one.
   */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  orient(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Query() query: OrientationQueryDto,
  ): Promise<OrientationResponseDto> {
    return this.orientation.orient(principal, id, query.diagnosticId);
  }
}
