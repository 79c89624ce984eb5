import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClientScopes, CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { AuditEventResponseDto } from '#src/audit/dto/audit-event-response.dto.js';
import { ApiProblems } from '#src/common/api-problems.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { ChequeCheckThrottleGuard } from './cheque-check-throttle.guard.js';
import { ChequesService } from './cheques.service.js';
import { CancelDto, ChequeSummaryDto } from './dto/carnet.dto.js';
import {
  ChequeCheckQueryDto,
  ChequeCheckResponseDto,
  ChequeEventListResponseDto,
  ExpiryResponseDto,
} from './dto/cheque.dto.js';
import {
  CHECK_PROBLEMS,
  CHEQUE_CHECK_EXAMPLES,
  UNLOCK_PROBLEMS,
  UNLOCKED_CHEQUE_EXAMPLE,
} from './dto/cheque-examples.js';
import { ExpiryService } from '#src/expiry/expiry.service.js';

@ApiTags('cheques')
@ApiBearerAuth()
@Controller()
export class ChequesController {
  constructor(
    private readonly cheques: ChequesService,
    private readonly expiry: ExpiryService,
  ) {}

  /**
   * Checks a cheque presented at a venue: status, value, validity, programme, and whether this
   * venue may accept it today. Venues and API clients must send the security code printed on
   * the cheque in `X-Security-Code`; a wrong code, an unknown number and a cheque of a programme
   * the venue does not serve all answer the same 404. A number whose check digit is wrong is
   * refused (400) before any lookup. Throttled per caller and per IP. Five wrong codes for one
   * cheque (here or in redemptions, any caller) lock it: 423 CHEQUE_LOCKED until a programme
   * manager unlocks it. An API client of a network of venues names the venue in `venueId` (403
   * VENUE_NOT_YOURS for a venue outside its network).
   */
  @Get('cheques/:number')
  @Roles('VENUE_STAFF', 'PROGRAMME_MANAGER')
  @ClientScopes('cheques:check')
  @UseGuards(ChequeCheckThrottleGuard)
  // Spelled as @Headers reads it, so that Swagger merges the two into one optional parameter.
  @ApiHeader({
    name: 'x-security-code',
    required: false,
    description:
      'The 10-character code printed on the cheque: required for venues and API clients, ' +
      "not needed by the programme owner's staff, who may check without it.",
    example: 'K7QF2M9XPA',
  })
  @ApiOkResponse({
    type: ChequeCheckResponseDto,
    description: 'The cheque, and whether this venue may accept it today (`payableHere`).',
    examples: CHEQUE_CHECK_EXAMPLES,
  })
  @ApiProblems('/api/v1/cheques/000000030015', CHECK_PROBLEMS)
  async check(
    @CurrentPrincipal() principal: Principal,
    @Param('number') number: string,
    @Query() query: ChequeCheckQueryDto,
    @Headers('x-security-code') securityCode?: string,
  ): Promise<ChequeCheckResponseDto> {
    return ChequeCheckResponseDto.fromCheck(
      await this.cheques.check(principal, number, securityCode, query.venueId),
    );
  }

  /**
   * Unlocks a cheque locked by five wrong security codes (once its holder is known to be the one
   * presenting it); audited. 409 CHEQUE_NOT_LOCKED when it is not locked.
   */
  @Post('cheques/:number/unlock')
  @HttpCode(200)
  @Roles('PROGRAMME_MANAGER')
  @ApiOkResponse({
    type: ChequeSummaryDto,
    description: 'Unlocked: the right security code works again.',
    examples: { unlocked: { summary: 'Unlocked', value: UNLOCKED_CHEQUE_EXAMPLE } },
  })
  @ApiProblems('/api/v1/cheques/000000030015/unlock', UNLOCK_PROBLEMS)
  async unlock(
    @CurrentPrincipal() principal: Principal,
    @Param('number') number: string,
  ): Promise<ChequeSummaryDto> {
    return ChequeSummaryDto.from(await this.cheques.unlock(principal, number));
  }

  /**
   * Every event of a cheque from the audit log: issuance, custody, cancellation, expiry,
   * redemptions and their cancellations, locks and unlocks…
   */
  @Get('cheques/:number/events')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER')
  async events(@Param('number') number: string): Promise<ChequeEventListResponseDto> {
    return { data: (await this.cheques.events(number)).map((e) => AuditEventResponseDto.from(e)) };
  }

  /** Cancels one unused cheque; a reason (LOST, STOLEN, DAMAGED, WITHDRAWN) is required. */
  @Post('cheques/:number/cancel')
  @Roles('PROGRAMME_MANAGER')
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('number') number: string,
    @Body() body: CancelDto,
  ): Promise<ChequeSummaryDto> {
    return ChequeSummaryDto.from(await this.cheques.cancelCheque(principal, number, body));
  }

  /**
   * Expiry of a programme: from EXPIRY_ALERT_DAYS before its validity end, carnets issued,
   * handed out, not handed out and started per commune and prescriber; after it, the value of
   * expired cheques per funder, split by shares to the cent.
   */
  @Get('programmes/:programmeId/expiry')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER', 'COMMUNE_REFERENT')
  async expiryView(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
  ): Promise<ExpiryResponseDto> {
    return this.expiry.view(principal, programmeId);
  }
}
