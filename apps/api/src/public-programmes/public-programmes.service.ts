import { Injectable } from '@nestjs/common';
import { MEDIATION_SERVICES } from '#src/funders/dto/programme.dto.js';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import type {
  PublicProgrammeDetailDto,
  PublicProgrammeListDto,
  PublicVenueDto,
  PublicVenueListDto,
  PublicVenuesQueryDto,
} from './dto/public-programme.dto.js';
import {
  PublicProgrammesRepository,
  type PublicProgrammeRow,
  type PublicVenueRow,
} from './public-programmes.repository.js';

const french = new Intl.Collator('fr');

/** A list of services in the order of the national schema. */
const inSchemaOrder = (services: readonly string[]): string[] =>
  MEDIATION_SERVICES.filter((service) => services.includes(service));

/**
 * What the public page « Où utiliser mon Pass numérique ? » shows, without login: the ACTIVE
 * programmes (a draft is not announced yet, a closed one's cheques are no longer accepted) and,
 * for one, the venues where its cheques are accepted. Nothing but public listings: no bank
 * details, no staff, no figures.
 */
@Injectable()
export class PublicProgrammesService {
  constructor(private readonly rows: PublicProgrammesRepository) {}

  async list(): Promise<PublicProgrammeListDto> {
    const programmes = await this.rows.active();
    return {
      data: programmes.map(({ id, name, territoryLabel }) => ({ id, name, territoryLabel })),
    };
  }

  /** PROGRAMME_NOT_FOUND alike for an unknown programme and one that is not ACTIVE. */
  async programme(id: string): Promise<PublicProgrammeDetailDto> {
    const programme = await this.activeProgramme(id);
    const communes = await this.rows.communes(id);
    return {
      id: programme.id,
      name: programme.name,
      territoryLabel: programme.territoryLabel,
      communes: communes.sort((a, b) => french.compare(a.name, b.name)),
      services: inSchemaOrder(programme.payableServices),
    };
  }

  async venues(id: string, query: PublicVenuesQueryDto): Promise<PublicVenueListDto> {
    const programme = await this.activeProgramme(id);
    const rows = await this.rows.venues(
      id,
      programme.payableServices,
      query.commune ?? null,
      query.need ?? null,
    );
    return { data: rows.map(toDto) };
  }

  private async activeProgramme(id: string): Promise<PublicProgrammeRow> {
    const [programme] = await this.rows.active(id);
    if (!programme) {
      throw new FundingException(FundingExceptionCode.PROGRAMME_NOT_FOUND, `No programme ${id}.`);
    }
    return programme;
  }
}

const coordinate = (value: string | null): number | null => (value === null ? null : Number(value));

function toDto(row: PublicVenueRow): PublicVenueDto {
  return {
    ...row,
    latitude: coordinate(row.latitude),
    longitude: coordinate(row.longitude),
    services: inSchemaOrder(row.services),
  };
}
