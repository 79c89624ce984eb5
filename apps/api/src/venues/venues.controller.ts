import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ApiProblems } from '#src/common/api-problems.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BankAccountsService } from './bank-accounts.service.js';
import { DECISION_PROBLEMS, DOCUMENT_PROBLEMS, VENUE_ID } from './dto/bank-account-examples.js';
import {
  BankAccountDecisionDto,
  BankAccountHistoryResponseDto,
  BankAccountResponseDto,
  SetBankAccountDto,
} from './dto/bank-account.dto.js';
import { QualificationDecisionDto, QualificationResponseDto } from './dto/qualification.dto.js';
import {
  CreateVenueDto,
  ImportVenuesResponseDto,
  ListVenuesQueryDto,
  UpdateVenueDto,
  VenueListResponseDto,
  VenueResponseDto,
} from './dto/venue.dto.js';
import { OpenDataService } from './open-data.service.js';
import { QualificationService } from './qualification.service.js';
import { VenuesService } from './venues.service.js';

/** Who sees full IBANs: the finance officers who verify them (others see them masked). */
const seesFullIban = (p: Principal) =>
  p.type === 'user' && (p.role === 'FINANCE_OFFICER' || p.role === 'ADMIN');

@ApiTags('venues')
@ApiBearerAuth()
@Controller('venues')
export class VenuesController {
  constructor(
    private readonly venuesService: VenuesService,
    private readonly qualification: QualificationService,
    private readonly bankAccounts: BankAccountsService,
    private readonly openData: OpenDataService,
  ) {}

  /** Venues: all for the programme owner's staff, its own for a venue's staff. */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListVenuesQueryDto,
  ): Promise<VenueListResponseDto> {
    const page = await this.venuesService.list(principal, query);
    return { data: page.data.map((v) => VenueResponseDto.from(v)), meta: page.meta };
  }

  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<VenueResponseDto> {
    return VenueResponseDto.from(await this.venuesService.get(principal, id));
  }

  /** Registers a venue (status APPLIED) and the organisation of its staff. */
  @Post()
  @Roles('PROGRAMME_MANAGER')
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateVenueDto,
  ): Promise<VenueResponseDto> {
    return VenueResponseDto.from(await this.venuesService.create(principal, body));
  }

  /** Imports venues from a CSV in the national schema; all lines valid or nothing imported. */
  @Post('import')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string' } })
  import(
    @CurrentPrincipal() principal: Principal,
    @Body() body: string,
  ): Promise<ImportVenuesResponseDto> {
    return this.openData.importCsv(principal, body);
  }

  /**
   * Edits a venue. Its own staff edit its public listing only (name, address, hours, contact,
   * publics, modalities…); its SIRET/RNA, INSEE code, commune name, postal code, served communes
   * and services decide which cheques it may accept and are changed by a programme manager:
   * staff sending a change to them get 403 FIELD_NOT_SELF_SERVICE naming the fields.
   */
  @Patch(':id')
  @Roles('PROGRAMME_MANAGER', 'VENUE_STAFF')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateVenueDto,
  ): Promise<VenueResponseDto> {
    return VenueResponseDto.from(await this.venuesService.update(principal, id, body));
  }

  /** Qualification status, the published criteria and every decision. */
  @Get(':id/qualification')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  getQualification(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<QualificationResponseDto> {
    return this.qualification.get(principal, id);
  }

  /** Decides: review, qualify (every criterion met), suspend, withdraw, or back. Applies at once. */
  @Post(':id/qualification')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.OK)
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: QualificationDecisionDto,
  ): Promise<QualificationResponseDto> {
    return this.qualification.decide(principal, id, body);
  }

  /** Current bank details and their history (IBAN masked unless you verify bank details). */
  @Get(':id/bank-account')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  async getBankAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<BankAccountHistoryResponseDto> {
    const { current, history } = await this.bankAccounts.history(principal, id);
    const full = seesFullIban(principal);
    return {
      current: current && BankAccountResponseDto.from(current, full),
      history: history.map((a) => BankAccountResponseDto.from(a, full)),
    };
  }

  /** Enters new bank details: PENDING until another finance officer verifies them. */
  @Put(':id/bank-account')
  @Roles('FINANCE_OFFICER', 'VENUE_STAFF')
  async setBankAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: SetBankAccountDto,
  ): Promise<BankAccountResponseDto> {
    return BankAccountResponseDto.from(
      await this.bankAccounts.set(principal, id, body),
      seesFullIban(principal),
    );
  }

  /** Attaches the RIB (raw PDF body, Content-Type: application/pdf) to the pending details. */
  @Put(':id/bank-account/document')
  @Roles('FINANCE_OFFICER', 'VENUE_STAFF')
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async attachRib(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: Buffer,
  ): Promise<BankAccountResponseDto> {
    return BankAccountResponseDto.from(
      await this.bankAccounts.attachDocument(principal, id, body, contentType),
      seesFullIban(principal),
    );
  }

  /**
   * The RIB attached to the current bank details (PDF, shown inline), for the finance officer who
   * checks the details against it and the venue's own staff.
   */
  @Get(':id/bank-account/document')
  @Roles('FINANCE_OFFICER', 'VENUE_STAFF')
  @ApiProduces('application/pdf')
  @ApiProblems(`/api/v1/venues/${VENUE_ID}/bank-account/document`, DOCUMENT_PROBLEMS)
  async bankAccountDocument(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.bankAccounts.document(principal, id);
    response
      .type(document.contentType)
      .setHeader(
        'Content-Disposition',
        `inline; filename="${document.filename.replace(/[^\w.-]/g, '_')}"`,
      )
      .setHeader('Cache-Control', 'no-store')
      .send(document.content);
  }

  /** Verifies or rejects the pending bank details (four eyes: not who entered them). */
  @Post(':id/bank-account/decision')
  @Roles('FINANCE_OFFICER')
  @ApiProblems(`/api/v1/venues/${VENUE_ID}/bank-account/decision`, DECISION_PROBLEMS)
  @HttpCode(HttpStatus.OK)
  async decideBankAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: BankAccountDecisionDto,
  ): Promise<BankAccountResponseDto> {
    return BankAccountResponseDto.from(await this.bankAccounts.decide(principal, id, body), true);
  }
}
