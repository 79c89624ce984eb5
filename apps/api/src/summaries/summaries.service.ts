import { Injectable } from '@nestjs/common';
import { todayInParis } from '@carnet/domain';
import type { Principal } from '#src/access/principal.js';
import { CommunesService } from '#src/communes/communes.service.js';
import { PrescribersService } from '#src/prescribers/prescribers.service.js';
import { TrainingsService } from '#src/prescribers/trainings.service.js';
import type {
  CommuneStructureFiguresDto,
  CommuneSummaryResponseDto,
  PrescriberSummaryResponseDto,
} from './dto/summary.dto.js';
import { SummariesRepository } from './summaries.repository.js';

/** Rows a home lists at most (structures, untrained agents); their counts are always complete. */
export const SUMMARY_LIST_LIMIT = 200;

/**
 * The homes of a structure's agents and of a commune's référents: what they hold, what they did
 * this month (Europe/Paris), and who still needs a training. Scoped like the structures and
 * communes themselves: another structure's or commune's summary is a 404.
 */
@Injectable()
export class SummariesService {
  constructor(
    private readonly summaries: SummariesRepository,
    private readonly prescribers: PrescribersService,
    private readonly communes: CommunesService,
    private readonly trainings: TrainingsService,
  ) {}

  /**
   * A structure's figures. Managed visibility, as its stock is: its own agents, the référents of
   * its own commune (not those of a commune it merely serves), the programme team.
   */
  async prescriber(
    principal: Principal,
    id: string,
    now = new Date(),
  ): Promise<PrescriberSummaryResponseDto> {
    const structure = await this.prescribers.getManaged(principal, id);
    const today = todayInParis(now);
    const month = today.slice(0, 7);
    // A structure takes part in a programme by its own commune only (BeneficiariesService): the
    // communes it serves open none to it.
    const programmes = await this.summaries.prescriberProgrammes(id, [structure.inseeCode], month);
    const isAgent = principal.type === 'user' && principal.role === 'PRESCRIBER_AGENT';
    const agentTrained = isAgent
      ? (await this.trainings.trainedAgentIds([principal.id], today)).has(principal.id)
      : null;
    return {
      prescriberId: structure.id,
      name: structure.name,
      inseeCode: structure.inseeCode,
      communeName: structure.commune?.name ?? null,
      month,
      agentTrained,
      programmes,
      totals: {
        carnets: sum(programmes, (p) => p.carnets),
        handedOutThisMonth: sum(programmes, (p) => p.handedOutThisMonth),
        beneficiariesThisMonth: sum(programmes, (p) => p.beneficiariesThisMonth),
      },
    };
  }

  /** A commune's figures: its own stock, its structures', its agents not trained yet. */
  async commune(
    principal: Principal,
    inseeCode: string,
    now = new Date(),
  ): Promise<CommuneSummaryResponseDto> {
    const commune = await this.communes.get(principal, inseeCode);
    const today = todayInParis(now);
    const month = today.slice(0, 7);
    const programmeRows = await this.summaries.communeProgrammes(inseeCode);
    const [structureRows, figures, agents] = await Promise.all([
      this.summaries.structures(inseeCode),
      this.summaries.structureFigures(
        inseeCode,
        programmeRows.map((p) => p.programmeId),
        month,
      ),
      this.summaries.agents(inseeCode),
    ]);
    const trained = await this.trainings.trainedAgentIds(
      agents.map((a) => a.userId),
      today,
    );
    const untrained = agents.filter((a) => !trained.has(a.userId));

    const programmes = programmeRows.map((p) => {
      const mine = figures.filter((f) => f.programmeId === p.programmeId);
      return {
        ...p,
        structuresCarnets: sum(mine, (f) => f.carnets),
        handedOutThisMonth: sum(mine, (f) => f.handedOutThisMonth),
      };
    });
    const structures: CommuneStructureFiguresDto[] = structureRows
      .slice(0, SUMMARY_LIST_LIMIT)
      .map((s) => {
        const mine = figures.filter((f) => f.prescriberId === s.prescriberId);
        return {
          ...s,
          carnets: sum(mine, (f) => f.carnets),
          handedOutThisMonth: sum(mine, (f) => f.handedOutThisMonth),
          agents: agents.filter((a) => a.prescriberId === s.prescriberId).length,
          untrainedAgents: untrained.filter((a) => a.prescriberId === s.prescriberId).length,
        };
      });
    return {
      inseeCode: commune.inseeCode,
      name: commune.name,
      month,
      programmes,
      structures,
      structureCount: structureRows.length,
      untrainedAgents: untrained.slice(0, SUMMARY_LIST_LIMIT),
      untrainedAgentCount: untrained.length,
      totals: {
        carnets: sum(programmes, (p) => p.carnets),
        structuresCarnets: sum(programmes, (p) => p.structuresCarnets),
        handedOutThisMonth: sum(programmes, (p) => p.handedOutThisMonth),
      },
    };
  }
}

function sum<T>(rows: readonly T[], value: (row: T) => number): number {
  return rows.reduce((total, row) => total + value(row), 0);
}
