import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ApiProblems } from '#src/common/api-problems.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import {
  IdempotencyKeyHeader,
  IdempotentCall,
} from '#src/common/idempotency/idempotency-key.decorator.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BatchPaymentsService, lineOutcomes } from './batch-payments.service.js';
import {
  BATCH_EXAMPLE,
  PARTIALLY_PAID_BATCH_EXAMPLE,
  PAYMENTS_PROBLEMS,
  STATUS_REPORT_PROBLEMS,
} from './dto/batch-examples.js';
import {
  RecordPaymentsDto,
  ReimbursementBatchDto,
  StatusReportResultDto,
} from './dto/batch.dto.js';

const BASE = '/api/v1/reimbursement-batches';

/** Largest status report accepted (a pain.002 for thousands of transfers is well under). */
export const STATUS_REPORT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The bank's outcome of an exported batch's transfers, line by line: recorded by hand or read
 * from the bank's payment status report (pain.002). Once no line waits, the batch closes PAID or
 * PARTIALLY_PAID.
 */
@ApiTags('reimbursements')
@ApiBearerAuth()
@Controller('reimbursement-batches')
export class BatchPaymentsController {
  constructor(private readonly payments: BatchPaymentsService) {}

  /**
   * Records the bank's outcome of lines of an EXPORTED batch: PAID on `paidOn` (their cheques
   * become REIMBURSED) or REJECTED with the bank's `reason` (their cheques and redemptions go
   * back to wait for a later batch, held until the venue's new bank details are verified). All
   * or nothing: one refused outcome and none is recorded. An `Idempotency-Key` makes a retry
   * safe (optional).
   */
  @Post(':id/payments')
  @HttpCode(HttpStatus.OK)
  @Roles('FINANCE_OFFICER')
  @ApiOkResponse({
    type: ReimbursementBatchDto,
    examples: {
      closed: { summary: 'Last outcomes in: closed', value: PARTIALLY_PAID_BATCH_EXAMPLE },
    },
  })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}/payments`, PAYMENTS_PROBLEMS)
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: RecordPaymentsDto,
    @IdempotencyKeyHeader({ required: false }) call: IdempotentCall,
  ): Promise<ReimbursementBatchDto> {
    return call.answer(
      await this.payments.recordOnce(principal, id, lineOutcomes(body.outcomes), call.request),
    );
  }

  /**
   * Reads the bank's payment status report (pain.002.001.03 or .10, the `file` field of a
   * multipart/form-data body, 5 MB at most) and records what it says: settled transfers PAID on
   * their day, rejected ones REJECTED with the bank's reason (a file rejected as a whole rejects
   * every line still waiting). Pending transfers, lines decided already and unknown end-to-end
   * ids are listed back untouched: sending the same report twice changes nothing.
   */
  @Post(':id/payments/status-report')
  @HttpCode(HttpStatus.OK)
  @Roles('FINANCE_OFFICER')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The pain.002 XML.' } },
    },
  })
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: STATUS_REPORT_MAX_BYTES, files: 1, fields: 0 } }),
  )
  @ApiOkResponse({ type: StatusReportResultDto })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}/payments/status-report`, STATUS_REPORT_PROBLEMS)
  statusReport(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<StatusReportResultDto> {
    if (!file) {
      throw new CommonException(
        CommonExceptionCode.VALIDATION_FAILED,
        'Send the status report as the `file` field of a multipart/form-data body.',
        [{ field: 'file', message: 'required' }],
      );
    }
    return this.payments.applyStatusReport(principal, id, file.buffer.toString('utf8'));
  }
}
