import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClientScopes, CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ApiProblems } from '#src/common/api-problems.js';
import {
  IdempotencyKeyHeader,
  IdempotentCall,
} from '#src/common/idempotency/idempotency-key.decorator.js';
import { IDEMPOTENT_REPLAYED_HEADER } from '#src/common/idempotency/idempotency-key.decorator.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreateRedemptionDto,
  ListRedemptionsQueryDto,
  RedemptionListResponseDto,
  RedemptionResponseDto,
} from './dto/redemption.dto.js';
import {
  CANCEL_PROBLEMS,
  CANCELLED_REDEMPTION_EXAMPLE,
  REDEEM_PROBLEMS,
  REDEMPTION_EXAMPLE,
} from './dto/redemption-examples.js';
import { RedemptionThrottleGuard } from './redemption-throttle.guard.js';
import { RedemptionsService } from './redemptions.service.js';

/**
 * Redemption: a venue (its staff on the admin, or its own software through an API client) spends
 * the cheques a person presents for a service it gave. Each cheque is paid once, whatever the
 * retries, double taps, devices or networks: redeem under an `Idempotency-Key` and retry with the
 * same key when an answer is lost.
 */
@ApiTags('redemptions')
@ApiBearerAuth()
@Controller('redemptions')
export class RedemptionsController {
  constructor(private readonly redemptions: RedemptionsService) {}

  /**
   * Redeems 1 to 10 cheques for one service, all together or none. Each cheque is given as
   * printed (`number` and `securityCode`) or as its scanned QR code (`PN1:…` in `number`).
   * Answers 201 with the redemption and the month it will be reimbursed for (`period`).
   *
   * Refusals (problem+json; `errors[].field` names the cheque, `cheques[i]`): 404
   * CHEQUE_NOT_FOUND (unknown number or wrong security code, one answer for both); 409
   * CHEQUE_ALREADY_REDEEMED; 423 CHEQUE_LOCKED (five wrong codes were given for it: a programme
   * manager unlocks it); 422 CHEQUE_NOT_HANDED_OUT, CHEQUE_CANCELLED, CHEQUE_EXPIRED,
   * CHEQUE_PAST_VALIDITY, PROGRAMME_NOT_ACTIVE, PROGRAMME_NOT_SERVED, SERVICE_NOT_OFFERED,
   * SERVICE_NOT_PAYABLE, SERVICE_DATE_IN_FUTURE, SERVICE_DATE_BEFORE_HAND_OUT, DUPLICATE_CHEQUE,
   * MIXED_PROGRAMMES, SECURITY_CODE_REQUIRED, IDEMPOTENCY_KEY_REUSED; 403 VENUE_NOT_QUALIFIED
   * (a suspension applies to the next request), VENUE_NOT_YOURS (another venue than yours, or
   * outside your network); 400 INVALID_CHEQUE_NUMBER (a typo: the check digit is wrong); 429
   * TOO_MANY_REQUESTS with Retry-After (cheques presented per caller and per IP are limited).
   */
  @Post()
  @Roles('VENUE_STAFF')
  @ClientScopes('redemptions:write')
  @UseGuards(RedemptionThrottleGuard)
  @ApiCreatedResponse({
    type: RedemptionResponseDto,
    description:
      'Redeemed, all the cheques of the request. The same Idempotency-Key sent again (same ' +
      'body) answers this again, with `Idempotent-Replayed: true`, and redeems nothing twice.',
    headers: {
      [IDEMPOTENT_REPLAYED_HEADER]: {
        description: 'Present, `true`, when this is the stored answer to an earlier request.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
    examples: { redeemed: { summary: 'Two cheques redeemed', value: REDEMPTION_EXAMPLE } },
  })
  @ApiProblems('/api/v1/redemptions', REDEEM_PROBLEMS)
  async redeem(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRedemptionDto,
    @IdempotencyKeyHeader({ required: true }) call: IdempotentCall,
  ): Promise<RedemptionResponseDto> {
    return call.answer(await this.redemptions.redeemOnce(principal, body, call.request));
  }

  /**
   * Redemptions, newest first, paged by key (`meta.nextCursor`): a venue sees its own (a
   * network's client, its venues'); the programme owner's staff see all of them and filter by
   * `filter[venueId]`, `filter[programmeId]`, `filter[period]` (YYYY-MM) and `filter[status]`.
   */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  @ClientScopes('redemptions:read')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListRedemptionsQueryDto,
  ): Promise<RedemptionListResponseDto> {
    return this.redemptions.list(principal, query);
  }

  /** One redemption; 404 REDEMPTION_NOT_FOUND for another venue's. */
  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  @ClientScopes('redemptions:read')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<RedemptionResponseDto> {
    return this.redemptions.get(principal, id);
  }

  /**
   * Cancels a redemption made by mistake: its cheques are DISTRIBUTED again (spendable), and the
   * redemption stays, CANCELLED, with who cancelled it and when. By its venue, within 24 h
   * (`cancellableUntil`) and while no reimbursement batch holds it, else 409
   * REDEMPTION_NOT_CANCELLABLE; 409 REDEMPTION_CARNET_CANCELLED when a cheque's carnet was
   * cancelled since (its cheques must stay spent). Only the venue's staff, its own API client, or
   * a network's API client for the redemptions it made: else 403 REDEMPTION_NOT_YOURS (the
   * programme owner's staff, ADMIN included, never cancel).
   */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('VENUE_STAFF')
  @ClientScopes('redemptions:write')
  @ApiOkResponse({
    type: RedemptionResponseDto,
    description: 'Cancelled: its cheques are DISTRIBUTED again.',
    examples: { cancelled: { summary: 'Cancelled', value: CANCELLED_REDEMPTION_EXAMPLE } },
  })
  @ApiProblems(`/api/v1/redemptions/${REDEMPTION_EXAMPLE.id}/cancel`, CANCEL_PROBLEMS)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<RedemptionResponseDto> {
    return this.redemptions.cancel(principal, id);
  }
}
