import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canMoveQualification, QUALIFICATION_CRITERIA, qualificationGaps } from '@carnet/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { actorLabelOf, type Principal } from '#src/access/principal.js';
import type {
  QualificationDecisionDto,
  QualificationResponseDto,
} from './dto/qualification.dto.js';
import { VenueException, VenueExceptionCode } from './venue.exception.js';
import { VenuesRepository } from './venues.repository.js';
import { VenuesService } from './venues.service.js';

/** APPLIED → UNDER_REVIEW → QUALIFIED → SUSPENDED / WITHDRAWN (and back), with a checklist each time. */
@Injectable()
export class QualificationService {
  constructor(
    private readonly venues: VenuesService,
    private readonly rows: VenuesRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async get(principal: Principal, venueId: string): Promise<QualificationResponseDto> {
    const venue = await this.venues.get(principal, venueId);
    return {
      venueId,
      status: venue.qualificationStatus,
      criteria: [...QUALIFICATION_CRITERIA],
      history: await this.rows.decisions(venueId),
    };
  }

  /** Records a decision; it applies at once (a suspended venue cannot redeem from now on). */
  async decide(
    actor: Principal,
    venueId: string,
    input: QualificationDecisionDto,
  ): Promise<QualificationResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.venues.get(actor, venueId, manager);
      const venue = (await this.rows.findForUpdate(manager, venueId))!;
      const from = venue.qualificationStatus;
      if (!canMoveQualification(from, input.status)) {
        throw new VenueException(
          VenueExceptionCode.QUALIFICATION_TRANSITION_NOT_ALLOWED,
          `A venue ${from} cannot become ${input.status}.`,
        );
      }
      if (input.status === 'QUALIFIED') {
        const gaps = qualificationGaps(input.checklist);
        if (gaps.length > 0) {
          throw new VenueException(
            VenueExceptionCode.QUALIFICATION_CHECKLIST_INCOMPLETE,
            `Every criterion must be met to qualify; not met: ${gaps.join(', ')}.`,
            gaps.map((criterion) => ({ field: `checklist.${criterion}`, message: 'not met' })),
          );
        }
      }
      venue.qualificationStatus = input.status;
      await this.rows.save(manager, venue);
      await this.rows.addDecision(manager, {
        venueId,
        fromStatus: from,
        toStatus: input.status,
        checklist: input.checklist,
        reason: input.reason,
        decidedBy: actor.id,
        decidedByLabel: actorLabelOf(actor),
      });
      await this.audit.record(manager, actor, {
        action: 'venue.qualification-decided',
        entityType: 'venue',
        entityId: venueId,
        before: { qualificationStatus: from },
        after: {
          qualificationStatus: input.status,
          reason: input.reason,
          checklist: input.checklist,
        },
      });
    });
    return this.get(actor, venueId);
  }
}
