import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '#src/access/auth.decorators.js';
import { ListQueryDto } from '#src/common/pagination.dto.js';
import { OpenDataService, type PublicVenueRow } from './open-data.service.js';

const CACHE = 'public, max-age=300';

/** Open data: the venues in the national schema LieuxDeMediationNumerique v1.0.2, no login. */
@ApiTags('open data')
@Public()
@Controller('public')
export class PublicVenuesController {
  constructor(private readonly openData: OpenDataService) {}

  /** Paginated schema rows plus `accepte_pass_numerique`. Sortable: `nom`, `commune`. */
  @Get('venues')
  @Header('Cache-Control', CACHE)
  page(
    @Query() query: ListQueryDto,
  ): Promise<{ data: PublicVenueRow[]; meta: { page: number; pageSize: number; total: number } }> {
    return this.openData.page(query);
  }

  /** Every published venue as a JSON array of schema rows. */
  @Get('venues.json')
  @Header('Cache-Control', CACHE)
  all(): Promise<PublicVenueRow[]> {
    return this.openData.all();
  }

  /** Every published venue as CSV with the schema's columns (multi-values joined by `|`). */
  @Get('venues.csv')
  @Header('Cache-Control', CACHE)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="lieux-mediation-numerique.csv"')
  @ApiProduces('text/csv')
  csv(): Promise<string> {
    return this.openData.csv();
  }
}
