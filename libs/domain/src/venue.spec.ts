import {
  canMoveQualification,
  isValidRna,
  mayRedeem,
  mayVerifyBankAccount,
  QUALIFICATION_CRITERIA,
  QUALIFICATION_STATUSES,
  qualificationGaps,
} from './venue.js';

describe('venue rules', () => {
  it('qualifies only after review, and lets a suspended venue come back', () => {
    expect(canMoveQualification('APPLIED', 'QUALIFIED')).toBe(false);
    expect(canMoveQualification('APPLIED', 'UNDER_REVIEW')).toBe(true);
    expect(canMoveQualification('UNDER_REVIEW', 'QUALIFIED')).toBe(true);
    expect(canMoveQualification('QUALIFIED', 'SUSPENDED')).toBe(true);
    expect(canMoveQualification('SUSPENDED', 'QUALIFIED')).toBe(true);
    expect(canMoveQualification('WITHDRAWN', 'QUALIFIED')).toBe(false);
    expect(canMoveQualification('WITHDRAWN', 'APPLIED')).toBe(true);
  });

  it('never lets a status move to itself', () => {
    for (const status of QUALIFICATION_STATUSES)
      expect(canMoveQualification(status, status)).toBe(false);
  });

  it('lets only qualified venues redeem', () => {
    expect(QUALIFICATION_STATUSES.filter(mayRedeem)).toEqual(['QUALIFIED']);
  });

  it('lists every criterion that is missing or unmet', () => {
    const all = QUALIFICATION_CRITERIA.map((criterion) => ({ criterion, met: true }));
    expect(qualificationGaps(all)).toEqual([]);
    expect(
      qualificationGaps(
        all.map((i) => (i.criterion === 'CHARTER_SIGNED' ? { ...i, met: false } : i)),
      ),
    ).toEqual(['CHARTER_SIGNED']);
    expect(qualificationGaps(all.slice(1))).toEqual(['LEGAL_IDENTITY_CHECKED']);
  });

  it('keeps four eyes on bank details', () => {
    expect(mayVerifyBankAccount('finance-1', 'finance-1')).toBe(false);
    expect(mayVerifyBankAccount('finance-1', 'finance-2')).toBe(true);
  });

  it('checks RNA numbers', () => {
    expect(isValidRna('W623001234')).toBe(true);
    expect(isValidRna('W62300123')).toBe(false);
    expect(isValidRna('623001234')).toBe(false);
  });
});
