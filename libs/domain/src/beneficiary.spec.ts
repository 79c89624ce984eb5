import { ageBandOf, eligibilityProblems, householdKeyInput } from './beneficiary.js';

describe('householdKeyInput', () => {
  it('gives one input for several spellings of one address', () => {
    const spellings = [
      '12 bis, Boulevard Émile-Basly 62300 LENS',
      '12bis bd Emile Basly, 62300 Lens',
      '  12 BIS   BD.  ÉMILE BASLY — 62300   lens ',
      'n° 12 bis boulevard emile basly 62300 lens',
    ];
    const inputs = new Set(spellings.map((s) => householdKeyInput(s)));
    expect([...inputs]).toEqual(['12 bis boulevard emile basly 62300 lens']);
  });

  it('expands the common abbreviations', () => {
    expect(householdKeyInput("3 av. de l'Église")).toBe('3 avenue de l eglise');
    expect(householdKeyInput('3 r Jean Jaurès')).toBe('3 rue jean jaures');
    expect(householdKeyInput('5 pl. St-Éloi')).toBe('5 place saint eloi');
    expect(householdKeyInput('Rés. Les Tilleuls, bât. B, apt 12')).toBe(
      'residence les tilleuls batiment b appartement 12',
    );
  });

  it('adds the normalised household name when given', () => {
    expect(householdKeyInput('3 rue Jean Jaurès', 'DUPONT-Lefèvre')).toBe(
      '3 rue jean jaures|dupont lefevre',
    );
    expect(householdKeyInput('3 rue Jean Jaurès', '  ')).toBe('3 rue jean jaures');
    expect(householdKeyInput('3 rue Jean Jaurès', 'Dupont')).not.toBe(
      householdKeyInput('3 rue Jean Jaurès', 'Martin'),
    );
  });

  it('keeps different addresses apart', () => {
    expect(householdKeyInput('12 rue de Lens')).not.toBe(householdKeyInput('21 rue de Lens'));
    expect(householdKeyInput('12 rue de Lens')).not.toBe(householdKeyInput('12 route de Lens'));
  });
});

describe('ageBandOf', () => {
  it('places a birth year in its band on a given year', () => {
    expect(ageBandOf(2005, 2026)).toBe('UNDER_26');
    expect(ageBandOf(2000, 2026)).toBe('26_44');
    expect(ageBandOf(1970, 2026)).toBe('45_59');
    expect(ageBandOf(1960, 2026)).toBe('60_74');
    expect(ageBandOf(1940, 2026)).toBe('75_PLUS');
  });
});

describe('eligibilityProblems', () => {
  const open = { eligibleSituations: [], eligibleInseeCodes: [], enrolledInseeCodes: ['62498'] };
  it('covers every situation and the enrolled communes by default', () => {
    expect(eligibilityProblems(open, { situation: 'AUTRE', inseeCode: '62498' })).toEqual([]);
    expect(eligibilityProblems(open, { situation: 'AUTRE', inseeCode: '62510' })).toEqual([
      'inseeCode',
    ]);
  });
  it('applies the listed situations and communes', () => {
    const narrow = { ...open, eligibleSituations: ['RETRAITE'], eligibleInseeCodes: ['62510'] };
    expect(eligibilityProblems(narrow, { situation: 'RETRAITE', inseeCode: '62510' })).toEqual([]);
    expect(eligibilityProblems(narrow, { situation: 'JEUNE', inseeCode: '62498' })).toEqual([
      'situation',
      'inseeCode',
    ]);
  });
});
