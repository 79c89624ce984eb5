import { ApiProperty } from '@nestjs/swagger';

/** How fresh the reports' figures are, and whether a refresh is on its way. */
export class ReportStatusDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The instant every report reflects; null before the first refresh.',
    example: '2026-11-29T09:55:00.000Z',
  })
  asOf!: string | null;

  @ApiProperty({
    description: 'A refresh asked for (POST /reports/refresh) is waiting or running.',
    example: false,
  })
  refreshing!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'How long the last refresh took, in milliseconds.',
    example: 840,
  })
  lastDurationMs!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Carnets the last refresh recomputed (those whose cheques changed status).',
    example: 1200,
  })
  lastCarnets!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Months of redemptions the last refresh recomputed.',
    example: 1,
  })
  lastPeriods!: number | null;
}
