import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientScopes, CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import {
  ApiProblems,
  missingScopesExample,
  UNAUTHENTICATED_EXAMPLE,
} from '#src/common/api-problems.js';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeyHeader,
  IdempotentCall,
} from '#src/common/idempotency/idempotency-key.decorator.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BatchesService } from './batches.service.js';
import {
  APPROVE_PROBLEMS,
  APPROVED_BATCH_EXAMPLE,
  BATCH_EXAMPLE,
  CREATE_PROBLEMS,
  FAILED_GENERATION_EXAMPLE,
  GENERATING_BATCH_EXAMPLE,
  LINE_EXAMPLE,
  READ_PROBLEMS,
  RETRY_PROBLEMS,
} from './dto/batch-examples.js';
import {
  BatchLineListResponseDto,
  BatchListResponseDto,
  CreateBatchDto,
  ListBatchesQueryDto,
  ListBatchLinesQueryDto,
  ReimbursementBatchDto,
} from './dto/batch.dto.js';

const BASE = '/api/v1/reimbursement-batches';

/**
 * Monthly reimbursement batches: what each venue is paid for the cheques it redeemed, one batch
 * per programme and month. The worker makes the previous month's on the 1st (REIMBURSEMENT_CRON);
 * a finance officer may ask for one; another finance officer approves it. Venues (their staff,
 * their API clients with `redemptions:read`) read the batches holding a line of theirs, and only
 * that line.
 */
@ApiTags('reimbursements')
@ApiBearerAuth()
@Controller('reimbursement-batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  /**
   * Asks for the batch of a programme and a month that is over (its cutoff, midnight in Paris
   * starting the next month, has passed). Answers 202 with the batch GENERATING and its
   * `Location`; the worker gathers the redemptions made before the cutoff and in no batch (one
   * line per venue, ON_HOLD when the venue cannot be paid yet) and seals it DRAFT. Poll
   * `GET /reimbursement-batches/{id}` (`progress`) until then. One batch per programme and month,
   * whoever asks: a second one is 409 BATCH_ALREADY_EXISTS naming it.
   */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('FINANCE_OFFICER')
  @ApiAcceptedResponse({
    type: ReimbursementBatchDto,
    description:
      'Created, GENERATING: the worker fills it. The same Idempotency-Key sent again answers the ' +
      'batch as it is now, with `Idempotent-Replayed: true`.',
    headers: {
      Location: { description: 'The batch.', schema: { type: 'string' } },
      [IDEMPOTENT_REPLAYED_HEADER]: {
        description: 'Present, `true`, when this is the answer to an earlier request.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
    examples: { generating: { summary: 'Being generated', value: GENERATING_BATCH_EXAMPLE } },
  })
  @ApiProblems(BASE, CREATE_PROBLEMS)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateBatchDto,
    @IdempotencyKeyHeader({ required: true }) call: IdempotentCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReimbursementBatchDto> {
    const batch = call.answer(await this.batches.createOnce(principal, body, call.request));
    response.setHeader('Location', `${BASE}/${batch.id}`);
    return batch;
  }

  /**
   * Batches, newest period first (`sort`: `period`, `createdAt`, `status`, `-` for descending),
   * filtered by `filter[programmeId]`, `filter[status]`, `filter[period]`. A venue sees the
   * batches holding a line of its own, with that line's figures only.
   */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  @ClientScopes('redemptions:read')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListBatchesQueryDto,
  ): Promise<BatchListResponseDto> {
    return this.batches.list(principal, query);
  }

  /**
   * One batch: its totals, funder split, files, the worker's `progress` while GENERATING, and
   * whether you may approve it (`approval`). 404 BATCH_NOT_FOUND for a venue without a line in it.
   */
  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  @ClientScopes('redemptions:read')
  @ApiOkResponse({
    type: ReimbursementBatchDto,
    examples: { draft: { summary: 'Waiting for approval', value: BATCH_EXAMPLE } },
  })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}`, READ_PROBLEMS, [
    UNAUTHENTICATED_EXAMPLE,
    missingScopesExample('redemptions:read'),
  ])
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<ReimbursementBatchDto> {
    return this.batches.get(principal, id);
  }

  /**
   * The batch's lines, one per venue, by venue name, filtered by `filter[status]`: amount,
   * cheques, payee (IBAN masked), why a line waits (`holdReasons`), the bank's outcome, and each
   * funder's part. A venue reads its own line only.
   */
  @Get(':id/lines')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'VENUE_STAFF')
  @ClientScopes('redemptions:read')
  @ApiOkResponse({
    type: BatchLineListResponseDto,
    examples: {
      lines: {
        summary: 'A payable line',
        value: { data: [LINE_EXAMPLE], meta: { page: 1, pageSize: 50, total: 1 } },
      },
    },
  })
  lines(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Query() query: ListBatchLinesQueryDto,
  ): Promise<BatchLineListResponseDto> {
    return this.batches.lines(principal, id, query);
  }

  /**
   * Approves a DRAFT batch: from then on nothing in it changes (a correction is a line of a later
   * batch). Four eyes: whoever asked for it may not approve it, 403 FOUR_EYES_REQUIRED
   * (`approval.refusal` says so beforehand).
   */
  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('FINANCE_OFFICER')
  @ApiOkResponse({
    type: ReimbursementBatchDto,
    examples: { approved: { summary: 'Approved', value: APPROVED_BATCH_EXAMPLE } },
  })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}/approve`, APPROVE_PROBLEMS)
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<ReimbursementBatchDto> {
    return this.batches.approve(principal, id);
  }

  /**
   * Runs again the worker's job of a batch whose every attempt failed (`job.state` `failed`), or
   * whose job was lost: its generation while GENERATING, its export once asked and until
   * EXPORTED. A job waiting or running is left as it is. Answers 202 with the batch; poll it as
   * after its creation or export. 409 BATCH_NOTHING_TO_RETRY for any other batch.
   */
  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('FINANCE_OFFICER')
  @ApiAcceptedResponse({
    type: ReimbursementBatchDto,
    description: 'The job is queued again (or was waiting or running already).',
    examples: {
      retried: {
        summary: 'Generation queued again',
        value: { ...FAILED_GENERATION_EXAMPLE, job: { state: 'waiting', failedReason: null } },
      },
    },
  })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}/retry`, RETRY_PROBLEMS)
  retry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<ReimbursementBatchDto> {
    return this.batches.retry(principal, id);
  }
}
