import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BeneficiaryResponseDto } from './dto/beneficiary.dto.js';
import { BeneficiaryExportDto, EraseBeneficiaryDto } from './dto/privacy.dto.js';
import { PrivacyService } from './privacy.service.js';

/** A person's rights over their data: a copy of everything held, and erasure. */
@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('beneficiaries/:id')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  /**
   * Everything held on the person, as a JSON file to hand them (`Content-Disposition:
   * attachment`): the record (the household key said to exist, never its bytes), consent,
   * diagnostics, the carnets they hold or held with their cheques, and the custody movements.
   * Audited as `beneficiary.exported` (counts only).
   */
  @Get('export')
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BeneficiaryExportDto> {
    const data = await this.privacy.export(principal, id);
    response
      .setHeader('Content-Disposition', `attachment; filename="beneficiaire-${id}.json"`)
      .setHeader('Cache-Control', 'no-store');
    return data;
  }

  /**
   * Erases the person's identifying data now (first name, contact, consent, household key, birth
   * year reduced to its age band, diagnostics' notes), as the retention purge does, and sets
   * `erasedAt`. Carnets and cheques stay, held by the now-anonymous record. Audited with the
   * reason; 409 BENEFICIARY_ALREADY_ERASED the second time.
   */
  @Post('erase')
  @HttpCode(200)
  @Roles('PROGRAMME_MANAGER')
  erase(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: EraseBeneficiaryDto,
  ): Promise<BeneficiaryResponseDto> {
    return this.privacy.erase(principal, id, body.reason);
  }
}
