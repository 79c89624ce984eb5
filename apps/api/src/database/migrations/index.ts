import { Foundation1795396869725 } from './1795396869725-Foundation.js';
import { TerritoryAndFunding1795399577977 } from './1795399577977-TerritoryAndFunding.js';
import { Venues1795400291398 } from './1795400291398-Venues.js';
import { FrenchCollation1795401728564 } from './1795401728564-FrenchCollation.js';
import { CarnetsAndCheques1795405000054 } from './1795405000054-CarnetsAndCheques.js';
import { AuthSessions1795405600000 } from './1795405600000-AuthSessions.js';
import { OneOwnerOrganisation1795405700000 } from './1795405700000-OneOwnerOrganisation.js';
import { RedactAuditEvents1795405800000 } from './1795405800000-RedactAuditEvents.js';
import { ScaleIndexes1795405900000 } from './1795405900000-ScaleIndexes.js';
import { BoundedLists1795406000000 } from './1795406000000-BoundedLists.js';
import { Tallies1795406100000 } from './1795406100000-Tallies.js';
import { IdempotencyKeys1795406200000 } from './1795406200000-IdempotencyKeys.js';
import { PrescriberStructures1795406300000 } from './1795406300000-PrescriberStructures.js';
import { Beneficiaries1795406400000 } from './1795406400000-Beneficiaries.js';
import { HandOuts1795406500000 } from './1795406500000-HandOuts.js';
import { BeneficiaryPrivacy1795406600000 } from './1795406600000-BeneficiaryPrivacy.js';
import { HandOutMonthIndexes1795406700000 } from './1795406700000-HandOutMonthIndexes.js';
import { Redemptions1795406800000 } from './1795406800000-Redemptions.js';
import { ReimbursementBatches1795406900000 } from './1795406900000-ReimbursementBatches.js';
import { Reporting1795407000000 } from './1795407000000-Reporting.js';
import { ReportRollups1795408000000 } from './1795408000000-ReportRollups.js';
import { ReportHouseholds1795408500000 } from './1795408500000-ReportHouseholds.js';
import { AccountLinks1795409000000 } from './1795409000000-AccountLinks.js';
import { PrintReadyCarnets1795410000000 } from './1795410000000-PrintReadyCarnets.js';

/** Every migration, in order. `npm run migration:generate` writes new ones next to this file. */
export const MIGRATIONS = [
  Foundation1795396869725,
  TerritoryAndFunding1795399577977,
  Venues1795400291398,
  FrenchCollation1795401728564,
  CarnetsAndCheques1795405000054,
  AuthSessions1795405600000,
  OneOwnerOrganisation1795405700000,
  RedactAuditEvents1795405800000,
  ScaleIndexes1795405900000,
  BoundedLists1795406000000,
  Tallies1795406100000,
  IdempotencyKeys1795406200000,
  PrescriberStructures1795406300000,
  Beneficiaries1795406400000,
  HandOuts1795406500000,
  BeneficiaryPrivacy1795406600000,
  HandOutMonthIndexes1795406700000,
  Redemptions1795406800000,
  ReimbursementBatches1795406900000,
  Reporting1795407000000,
  ReportRollups1795408000000,
  ReportHouseholds1795408500000,
  AccountLinks1795409000000,
  PrintReadyCarnets1795410000000,
];
