import {
  PRESCRIBER_TYPES,
  PROGRAMME_STATUSES,
  type PrescriberType,
  type ProgrammeStatus,
} from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';

/** A programme as a home names it, and whether its hand-outs need a trained agent. */
export class SummaryProgrammeDto {
  programmeId!: string;
  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  programmeName!: string;
  @ApiProperty({ enum: PROGRAMME_STATUSES, enumName: 'ProgrammeStatus' })
  status!: ProgrammeStatus;
  /** Whether only a trained agent may hand out its carnets. @example false */
  requireTrainedAgent!: boolean;
}

/** A structure's figures in one programme. */
export class PrescriberProgrammeFiguresDto extends SummaryProgrammeDto {
  /** Carnets the structure holds now. @example 25 */
  carnets!: number;
  /** Carnets it handed out that a beneficiary still holds. @example 12 */
  handedOut!: number;
  /** Carnets handed out this month, net of those handed back this month. @example 3 */
  handedOutThisMonth!: number;
  /** Beneficiaries it registered this month. @example 4 */
  beneficiariesThisMonth!: number;
}

export class PrescriberSummaryTotalsDto {
  /** @example 25 */
  carnets!: number;
  /** @example 3 */
  handedOutThisMonth!: number;
  /** @example 4 */
  beneficiariesThisMonth!: number;
}

/**
 * A structure's home: its stock per programme, its month, and whether the calling agent is
 * trained.
 */
export class PrescriberSummaryResponseDto {
  prescriberId!: string;
  /** @example "CCAS de Lens" */
  name!: string;
  /** @example "62498" */
  inseeCode!: string;
  /** @example "Lens" */
  communeName!: string | null;
  /** The month counted (Europe/Paris). @example "2026-11" */
  month!: string;
  /**
   * Whether the calling agent has attended a training held on or before today; null when the
   * caller is not an agent (a référent, the programme team).
   */
  agentTrained!: boolean | null;
  /**
   * The programmes the structure holds carnets of, or may hand out for (ACTIVE, one of its
   * communes enrolled), newest first.
   */
  programmes!: PrescriberProgrammeFiguresDto[];
  totals!: PrescriberSummaryTotalsDto;
}

/** A commune's stock in one programme, and what its structures did with theirs. */
export class CommuneProgrammeFiguresDto extends SummaryProgrammeDto {
  /** Carnets in the commune's own stock. @example 80 */
  carnets!: number;
  /** Carnets received from the programme stock, net of returns. @example 150 */
  received!: number;
  /** The allocation in force, if any. @example 180 */
  allocationLimit!: number | null;
  /** Carnets its structures hold. @example 45 */
  structuresCarnets!: number;
  /** Carnets its structures handed out this month, net of those handed back. @example 7 */
  handedOutThisMonth!: number;
}

/** One structure of the commune: its stock and its month, all programmes together. */
export class CommuneStructureFiguresDto {
  prescriberId!: string;
  /** @example "CCAS de Lens" */
  name!: string;
  @ApiProperty({ enum: PRESCRIBER_TYPES, enumName: 'PrescriberType' })
  type!: PrescriberType;
  /** @example 25 */
  carnets!: number;
  /** @example 3 */
  handedOutThisMonth!: number;
  /** Its active agents. @example 2 */
  agents!: number;
  /** Of those, the ones not trained yet. @example 1 */
  untrainedAgents!: number;
}

/** An active agent of one of the commune's structures who has attended no training yet. */
export class UntrainedAgentDto {
  userId!: string;
  /** @example "Chantal Duhamel" */
  displayName!: string;
  prescriberId!: string;
  /** @example "Centre social Jean Jaurès" */
  prescriberName!: string;
}

export class CommuneSummaryTotalsDto {
  /** Carnets in the commune's own stock. @example 80 */
  carnets!: number;
  /** Carnets its structures hold. @example 45 */
  structuresCarnets!: number;
  /** @example 7 */
  handedOutThisMonth!: number;
}

/**
 * A commune's home: its stock per programme, its structures (those of the commune itself, whose
 * carnets come from its stock) with their stock and month, and its agents not trained yet.
 */
export class CommuneSummaryResponseDto {
  /** @example "62498" */
  inseeCode!: string;
  /** @example "Lens" */
  name!: string;
  /** The month counted (Europe/Paris). @example "2026-11" */
  month!: string;
  /** The programmes the commune holds carnets of, or is enrolled in (ACTIVE), newest first. */
  programmes!: CommuneProgrammeFiguresDto[];
  /** Its structures by name (the first 200). */
  structures!: CommuneStructureFiguresDto[];
  /** How many structures it has. @example 2 */
  structureCount!: number;
  /** Its active agents not trained yet, by name (the first 200). */
  untrainedAgents!: UntrainedAgentDto[];
  /** How many of its active agents are not trained yet. @example 1 */
  untrainedAgentCount!: number;
  totals!: CommuneSummaryTotalsDto;
}
