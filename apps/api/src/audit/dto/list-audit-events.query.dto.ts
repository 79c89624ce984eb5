import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { ListQueryDto } from '#src/common/pagination.dto.js';

export class AuditEventFilterDto {
  /** @example "user" */
  @IsOptional()
  @IsString()
  entityType?: string;

  /** @example "0b6c3f9e-7a51-4c52-9f38-2f0f7d3b9a11" */
  @IsOptional()
  @IsString()
  entityId?: string;

  /** @example "user.created" */
  @IsOptional()
  @IsString()
  action?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;
}

/** Sortable fields: `occurredAt`, `id` (default `-id`, newest first). */
export class ListAuditEventsQueryDto extends ListQueryDto {
  /** `filter[entityType]=user&filter[entityId]=…` */
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilterDto)
  filter?: AuditEventFilterDto;
}
