import { Beneficiary } from './beneficiaries/beneficiary.entity.js';
import { Diagnostic } from './beneficiaries/diagnostic.entity.js';
import { HandOut } from './beneficiaries/hand-out.entity.js';
import { HouseholdException } from './beneficiaries/household-exception.entity.js';
import { ApiClient } from './auth/api-client.entity.js';
import { Organisation } from './auth/organisation.entity.js';
import { AccountLink } from './auth/account-link.entity.js';
import { RefreshToken } from './auth/refresh-token.entity.js';
import { Session } from './auth/session.entity.js';
import { User } from './auth/user.entity.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { Carnet } from './cheques/carnet.entity.js';
import { Cheque } from './cheques/cheque.entity.js';
import { CustodyHolder } from './custody/custody-holder.entity.js';
import { CustodyMovement } from './custody/custody-movement.entity.js';
import { Issuance } from './issuance/issuance.entity.js';
import { Numbering } from './issuance/numbering.entity.js';
import { PrintFile, PrintFileChunk } from './files/print-file.entity.js';
import { AllocationCriterion } from './communes/allocation-criterion.entity.js';
import { AllocationLine, AllocationVersion } from './communes/allocation.entity.js';
import { Commune } from './communes/commune.entity.js';
import { Enrolment } from './communes/enrolment.entity.js';
import { StoredDocument } from './files/document.entity.js';
import { Funder } from './funders/funder.entity.js';
import { FundingShare } from './funders/funding-share.entity.js';
import { Programme } from './funders/programme.entity.js';
import { BankAccount } from './venues/bank-account.entity.js';
import { QualificationDecision } from './venues/qualification-decision.entity.js';
import { Prescriber } from './prescribers/prescriber.entity.js';
import { IdempotencyKey } from './common/idempotency/idempotency-key.entity.js';
import { PrescriberCommune } from './prescribers/prescriber-commune.entity.js';
import { Training } from './prescribers/training.entity.js';
import { TrainingAttendee } from './prescribers/training-attendee.entity.js';
import { Venue } from './venues/venue.entity.js';
import { VenueNetworkMember } from './venues/venue-network-member.entity.js';
import { Redemption, RedemptionCheque } from './redemptions/redemption.entity.js';
import {
  ReimbursementBatch,
  ReimbursementBatchFunder,
  ReimbursementFile,
  ReimbursementFileChunk,
  ReimbursementLine,
  ReimbursementLineFunder,
  ReimbursementLineRedemption,
} from './reimbursements/reimbursement-batch.entity.js';
import { REPORT_ENTITIES } from './reporting/report-tables.entity.js';

/** Every entity, listed (not globbed) so the same list works compiled, in Jest and in the CLI. */
export const ENTITIES = [
  Organisation,
  User,
  Session,
  RefreshToken,
  AccountLink,
  ApiClient,
  AuditEvent,
  StoredDocument,
  Funder,
  Programme,
  FundingShare,
  Commune,
  Enrolment,
  AllocationCriterion,
  AllocationVersion,
  AllocationLine,
  Venue,
  QualificationDecision,
  BankAccount,
  Prescriber,
  PrescriberCommune,
  Training,
  TrainingAttendee,
  Beneficiary,
  Diagnostic,
  HouseholdException,
  HandOut,
  Numbering,
  Issuance,
  CustodyHolder,
  Carnet,
  Cheque,
  CustodyMovement,
  PrintFile,
  PrintFileChunk,
  IdempotencyKey,
  VenueNetworkMember,
  Redemption,
  RedemptionCheque,
  ReimbursementBatch,
  ReimbursementLine,
  ReimbursementLineRedemption,
  ReimbursementBatchFunder,
  ReimbursementLineFunder,
  ReimbursementFile,
  ReimbursementFileChunk,
  ...REPORT_ENTITIES,
];
