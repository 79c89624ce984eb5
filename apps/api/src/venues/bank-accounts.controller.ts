import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#src/access/auth.decorators.js';
import { BankAccountsService } from './bank-accounts.service.js';
import {
  BankAccountResponseDto,
  PendingBankAccountListResponseDto,
} from './dto/bank-account.dto.js';

@ApiTags('venues')
@ApiBearerAuth()
@Controller('bank-accounts')
export class BankAccountsController {
  constructor(private readonly bankAccounts: BankAccountsService) {}

  /** The finance officers' queue: bank details waiting for verification, oldest first. */
  @Get('pending')
  @Roles('FINANCE_OFFICER')
  async pending(): Promise<PendingBankAccountListResponseDto> {
    const accounts = await this.bankAccounts.pending();
    return {
      data: accounts.map((a) => ({
        ...BankAccountResponseDto.from(a, true),
        venueName: a.venueName,
      })),
    };
  }
}
