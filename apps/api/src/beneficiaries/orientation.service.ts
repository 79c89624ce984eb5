import { Injectable } from '@nestjs/common';
import { distanceKm, neededServices, roundKm } from '@carnet/domain';
import type { Principal } from '#src/access/principal.js';
import { MEDIATION_SERVICES } from '#src/funders/dto/programme.dto.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from './beneficiary.exception.js';
import type { OrientationResponseDto, OrientationVenueDto } from './dto/orientation.dto.js';
import { OrientationRepository, type OrientationRow } from './orientation.repository.js';

/** Venues listed at most: an agent reads them with the person, a page is plenty. */
export const ORIENTATION_LIMIT = 50;

/**
 * Orientation of a beneficiary: the QUALIFIED venues serving the programme, in or visiting the
 * person's commune, offering a service the diagnostic asks for (`neededServices`, libs/domain),
 * nearest first. Whoever may see the beneficiary may orient them (404 alike otherwise).
 */
@Injectable()
export class OrientationService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly repository: OrientationRepository,
  ) {}

  async orient(
    principal: Principal,
    beneficiaryId: string,
    diagnosticId: string | undefined,
  ): Promise<OrientationResponseDto> {
    const beneficiary = await this.beneficiaries.find(principal, beneficiaryId);
    const diagnostic = await this.repository.diagnostic(beneficiaryId, diagnosticId);
    if (!diagnostic) {
      throw new BeneficiaryException(
        BeneficiaryExceptionCode.DIAGNOSTIC_REQUIRED,
        diagnosticId
          ? `This beneficiary has no diagnostic ${diagnosticId}.`
          : 'Orientation starts from a diagnostic: record one first.',
        diagnosticId
          ? [{ field: 'diagnosticId', message: 'not a diagnostic of this person' }]
          : undefined,
      );
    }
    const programme = await this.beneficiaries.programmeOf(beneficiary);
    const services = neededServices(
      diagnostic,
      programme?.payableServices ?? [],
      MEDIATION_SERVICES,
    );
    const rows = await this.repository.venues(
      beneficiary.inseeCode,
      beneficiary.programmeId,
      services,
      ORIENTATION_LIMIT,
    );
    return { data: rows.map(view), meta: { diagnosticId: diagnostic.id, services } };
  }
}

function view(row: OrientationRow): OrientationVenueDto {
  const { latitude, longitude, centreLatitude, centreLongitude, ...venue } = row;
  const measurable =
    latitude !== null && longitude !== null && centreLatitude !== null && centreLongitude !== null;
  return {
    ...venue,
    distanceKm: measurable
      ? roundKm(
          distanceKm(
            { latitude: Number(centreLatitude), longitude: Number(centreLongitude) },
            { latitude: Number(latitude), longitude: Number(longitude) },
          ),
        )
      : null,
  };
}
