import { Type } from 'class-transformer';
import { IsString, IsUUID, ValidateNested } from 'class-validator';
import { KeysetListQueryDto } from '#src/common/keyset.js';
import { Optional } from '#src/common/validators.js';

export class AuditEventFilterDto {
  /** @example "user" */
  @Optional()
  @IsString()
  entityType?: string;

  /** @example "0b6c3f9e-7a51-4c52-9f38-2f0f7d3b9a11" */
  @Optional()
  @IsString()
  entityId?: string;

  /** @example "user.created" */
  @Optional()
  @IsString()
  action?: string;

  @Optional()
  @IsUUID()
  actorId?: string;
}

/** Sortable fields: `occurredAt`, `id` (default `-id`, newest first). Pages by `page` or `cursor`. */
export class ListAuditEventsQueryDto extends KeysetListQueryDto {
  /** `filter[entityType]=user&filter[entityId]=…` */
  @Optional()
  @ValidateNested()
  @Type(() => AuditEventFilterDto)
  filter?: AuditEventFilterDto;
}
