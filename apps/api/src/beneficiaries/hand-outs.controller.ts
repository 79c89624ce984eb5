import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import {
  IdempotencyKeyHeader,
  IdempotentCall,
} from '#src/common/idempotency/idempotency-key.decorator.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreateHandOutDto,
  CreateHouseholdExceptionDto,
  HandOutListResponseDto,
  HandOutResponseDto,
  HouseholdExceptionListResponseDto,
  HouseholdExceptionResponseDto,
} from './dto/hand-out.dto.js';
import { HandOutsService } from './hand-outs.service.js';

/**
 * Carnets handed out to a beneficiary, by an agent of the beneficiary's structure from its stock;
 * and the managers' permissions for a second carnet in a household.
 */
@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('beneficiaries/:id')
export class HandOutsController {
  constructor(private readonly handOuts: HandOutsService) {}

  /** The beneficiary's hand-outs, newest first, undone ones included. */
  @Get('carnets')
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<HandOutListResponseDto> {
    return { data: await this.handOuts.list(principal, id) };
  }

  /**
   * Hands a carnet of the agent's structure stock to the beneficiary after a diagnostic: the
   * carnet moves to the beneficiary (a HAND_OUT row of the custody ledger) and its cheques become
   * DISTRIBUTED, payable at venues. Refusals: 404 CARNET_NOT_FOUND (not in your structure's
   * stock), 409 HOUSEHOLD_LIMIT_REACHED (the household already has a carnet of the programme and
   * no manager's permission is left — also when two structures try at the same moment), 403
   * AGENT_NOT_TRAINED, 404 DIAGNOSTIC_NOT_FOUND, 422 CARNET_NOT_USABLE (no valid cheque left),
   * 422 PROGRAMME_CLOSED, 422 IDEMPOTENCY_KEY_REUSED.
   */
  @Post('carnets')
  @Roles('PRESCRIBER_AGENT')
  async handOut(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: CreateHandOutDto,
    @IdempotencyKeyHeader({ required: true }) call: IdempotentCall,
  ): Promise<HandOutResponseDto> {
    return call.answer(await this.handOuts.handOutOnce(principal, id, body, call.request));
  }

  /**
   * Undoes a hand-out (a mistake at the counter): the carnet goes back to the structure's stock
   * (a compensating HAND_BACK row) and its cheques are ISSUED again. By the structure that handed
   * it out, within 24 h and while no cheque is used, else 409 HAND_OUT_NOT_UNDOABLE.
   */
  @Post('carnets/:carnetId/undo')
  @HttpCode(200)
  @Roles('PRESCRIBER_AGENT')
  undo(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Param('carnetId', ParseUuid) carnetId: string,
  ): Promise<HandOutResponseDto> {
    return this.handOuts.undo(principal, id, carnetId);
  }

  /** The permissions for one more carnet granted for the beneficiary's household. */
  @Get('household-exceptions')
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  async exceptions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<HouseholdExceptionListResponseDto> {
    return { data: await this.handOuts.exceptions(principal, id) };
  }

  /**
   * Allows one more carnet for the beneficiary's household (beyond one per household and
   * programme), with a written justification; audited. Used by the household's next hand-out.
   */
  @Post('household-exceptions')
  @Roles('PROGRAMME_MANAGER')
  grant(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: CreateHouseholdExceptionDto,
  ): Promise<HouseholdExceptionResponseDto> {
    return this.handOuts.grantException(principal, id, body);
  }
}
