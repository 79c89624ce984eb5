import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import {
  IdempotencyKeyHeader,
  IdempotentCall,
} from '#src/common/idempotency/idempotency-key.decorator.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { PageQueryDto } from '#src/common/pagination.dto.js';
import { CarnetsService } from './carnets.service.js';
import { ChequesService } from './cheques.service.js';
import { CustodyService } from '#src/custody/custody.service.js';
import {
  CancelDto,
  CarnetDetailResponseDto,
  CarnetListResponseDto,
  CarnetResponseDto,
  ListCarnetsQueryDto,
} from './dto/carnet.dto.js';
import { StockDto, StockListResponseDto } from '#src/custody/dto/holder.dto.js';
import {
  BulkTransferDto,
  CreateTransferDto,
  MovementDto,
  MovementListResponseDto,
  TransferResponseDto,
} from '#src/custody/dto/transfer.dto.js';

const CUSTODIANS = ['PROGRAMME_MANAGER', 'COMMUNE_REFERENT', 'PRESCRIBER_AGENT'] as const;

@ApiTags('carnets')
@ApiBearerAuth()
@Controller()
export class CarnetsController {
  constructor(
    private readonly carnets: CarnetsService,
    private readonly custody: CustodyService,
    private readonly cheques: ChequesService,
  ) {}

  /**
   * Carnets the caller may see: all for the programme owner, those held by a commune and its
   * prescribers for its référents, its own stock for a prescriber. Filter by holder, status,
   * serial range.
   */
  @Get('carnets')
  @Roles(...CUSTODIANS)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListCarnetsQueryDto,
  ): Promise<CarnetListResponseDto> {
    const page = await this.carnets.list(principal, query);
    return { data: page.data.map((c) => CarnetResponseDto.from(c)), meta: page.meta };
  }

  /** A carnet with its cheques and its custody ledger. */
  @Get('carnets/:id')
  @Roles(...CUSTODIANS)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<CarnetDetailResponseDto> {
    return CarnetDetailResponseDto.fromDetail(await this.carnets.get(principal, id));
  }

  /** Moves several carnets at once, by ids or by a serial range; all or nothing. */
  @Post('carnets/transfers')
  @Roles(...CUSTODIANS)
  async bulkTransfer(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BulkTransferDto,
    @IdempotencyKeyHeader() call: IdempotentCall,
  ): Promise<TransferResponseDto> {
    const { to, note, ...selection } = body;
    return call.answer(
      await this.custody.transferOnce(principal, selection, to, note ?? null, call.request),
    );
  }

  /**
   * Moves one carnet down the chain (programme → enrolled commune, within its allocation;
   * commune → one of its prescribers) or back up it (returns).
   */
  @Post('carnets/:id/transfers')
  @Roles(...CUSTODIANS)
  async transfer(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: CreateTransferDto,
    @IdempotencyKeyHeader() call: IdempotentCall,
  ): Promise<TransferResponseDto> {
    return call.answer(
      await this.custody.transferOnce(
        principal,
        { carnetIds: [id] },
        body.to,
        body.note ?? null,
        call.request,
      ),
    );
  }

  /** The custody ledger of a carnet, oldest first. */
  @Get('carnets/:id/transfers')
  @Roles(...CUSTODIANS)
  async movements(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<MovementListResponseDto> {
    await this.carnets.one(principal, id);
    return { data: (await this.carnets.movements(id)).map((m) => MovementDto.from(m)) };
  }

  /** Cancels a carnet (a reason is required): its unused cheques are cancelled, it leaves stock. */
  @Post('carnets/:id/cancel')
  @Roles('PROGRAMME_MANAGER')
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: CancelDto,
  ): Promise<CarnetResponseDto> {
    await this.cheques.cancelCarnet(principal, id, body);
    return CarnetResponseDto.from(await this.carnets.one(principal, id));
  }

  /**
   * Issues a replacement for a cancelled carnet: a carnet of the programme stock goes to the
   * cancelled one's last holder, linked to it, worth the cheques that were lost.
   */
  @Post('carnets/:id/replacement')
  @Roles('PROGRAMME_MANAGER')
  async replace(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<CarnetDetailResponseDto> {
    const replacement = await this.cheques.replace(principal, id);
    return CarnetDetailResponseDto.fromDetail(await this.carnets.get(principal, replacement.id));
  }

  /**
   * Stock of the holders of a programme (the sum of the ledger), a page at a time in the order
   * carnets travel: the programme stock, then each commune followed by its prescribers, with the
   * communes' allocations and what each prescriber handed out (50 a page unless `pageSize`).
   */
  @Get('programmes/:programmeId/stocks')
  @Roles(...CUSTODIANS)
  async stocks(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Query() query: PageQueryDto,
  ): Promise<StockListResponseDto> {
    const page = await this.carnets.stocks(principal, programmeId, query);
    return { data: page.data.map((h) => StockDto.fromHolder(h)), meta: page.meta };
  }
}
