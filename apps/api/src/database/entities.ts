import { ApiClient } from '#src/auth/api-client.entity.js';
import { Organisation } from '#src/auth/organisation.entity.js';
import { RefreshToken } from '#src/auth/refresh-token.entity.js';
import { Session } from '#src/auth/session.entity.js';
import { User } from '#src/auth/user.entity.js';
import { AuditEvent } from '#src/audit/audit-event.entity.js';
import { Carnet } from '#src/cheques/carnet.entity.js';
import { Cheque } from '#src/cheques/cheque.entity.js';
import { CustodyHolder } from '#src/custody/custody-holder.entity.js';
import { CustodyMovement } from '#src/custody/custody-movement.entity.js';
import { Issuance } from '#src/issuance/issuance.entity.js';
import { Numbering } from '#src/issuance/numbering.entity.js';
import { PrintFile, PrintFileChunk } from '#src/files/print-file.entity.js';
import { AllocationCriterion } from '#src/communes/allocation-criterion.entity.js';
import { AllocationLine, AllocationVersion } from '#src/communes/allocation.entity.js';
import { Commune } from '#src/communes/commune.entity.js';
import { Enrolment } from '#src/communes/enrolment.entity.js';
import { StoredDocument } from '#src/files/document.entity.js';
import { Funder } from '#src/funders/funder.entity.js';
import { FundingShare } from '#src/funders/funding-share.entity.js';
import { Programme } from '#src/funders/programme.entity.js';
import { BankAccount } from '#src/venues/bank-account.entity.js';
import { QualificationDecision } from '#src/venues/qualification-decision.entity.js';
import { Prescriber } from '#src/prescribers/prescriber.entity.js';
import { Venue } from '#src/venues/venue.entity.js';

/** Every entity, listed (not globbed) so the same list works compiled, in Jest and in the CLI. */
export const ENTITIES = [
  Organisation,
  User,
  Session,
  RefreshToken,
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
  Numbering,
  Issuance,
  CustodyHolder,
  Carnet,
  Cheque,
  CustodyMovement,
  PrintFile,
  PrintFileChunk,
];
