import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#src/access/auth.decorators.js';
import { AuditService } from './audit.service.js';
import {
  AuditEventListResponseDto,
  AuditEventResponseDto,
} from './dto/audit-event-response.dto.js';
import { ListAuditEventsQueryDto } from './dto/list-audit-events.query.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly auditService: AuditService) {}

  /**
   * Reads the append-only audit log: who changed what, when, before and after.
   */
  @Get()
  @Roles('ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER')
  async list(@Query() query: ListAuditEventsQueryDto): Promise<AuditEventListResponseDto> {
    const page = await this.auditService.list(query);
    return { data: page.data.map((e) => AuditEventResponseDto.from(e)), meta: page.meta };
  }
}
