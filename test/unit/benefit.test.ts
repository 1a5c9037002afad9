import { baseBenefit, calculateBenefit, type BenefitMember } from '../../domain/benefit';
import { DEFAULT_COUNTY_POLICY, type AddOnCategory, type CountyPolicy } from '../../domain/county-policy';

const ON = '2026-06-15';
const adult = (id: string, overrides: Partial<BenefitMember> = {}): BenefitMember => ({
  id,
  birthDate: '1986-01-01',
  ...overrides,
});
const adults = (n: number) => Array.from({ length: n }, (_, i) => adult(`m${i}`));

const withPolicy = (overrides: {
  floor?: number | null;
  rates?: Partial<CountyPolicy['classifiedAddOns']['rates']>;
}): Pick<CountyPolicy, 'benefit' | 'classifiedAddOns'> => ({
  benefit: { floorShareOfStandard: overrides.floor ?? null },
  classifiedAddOns: {
    ...DEFAULT_COUNTY_POLICY.classifiedAddOns,
    rates: { ...DEFAULT_COUNTY_POLICY.classifiedAddOns.rates, ...overrides.rates },
  },
});

describe('calculateBenefit', () => {
  test('the DOMAIN.md worked example: standard 1100, per-capita income 700, 3 members → 1200, + one add-on of 440 → 1640', () => {
    const result = calculateBenefit({
      standardMonthlyYuan: 1100,
      perCapitaIncomeMonthlyYuan: 700,
      members: [adult('a'), adult('b'), adult('c', { disability: { grade: 1, type: 'physical' } })],
      on: ON,
      policy: DEFAULT_COUNTY_POLICY,
    });
    expect(result).toMatchObject({ baseYuan: 1200, floorApplied: false, addOnsYuan: 440, totalYuan: 1640 });
    expect(result.addOns.map((a) => a.applied?.category ?? null)).toEqual([null, null, 'severelyDisabled']);
  });

  test.each<[string, number, number, number, number | null, number, boolean]>([
    // standard, per-capita income, members, floor share → base, floor applied
    ['the worked example without add-ons', 1100, 700, 3, null, 1200, false],
    ['no income', 1100, 0, 2, null, 2200, false],
    ['a gap of half a yuan rounds up', 1100, 1099.5, 1, null, 1, false],
    ['a gap of 0.49 yuan rounds down', 1100, 1099.51, 1, null, 0, false],
    ['the gap is rounded once for the household', 1100, 1099.5, 3, null, 2, false], // 1.5 → 2, not 3 × 1
    ['income at the standard', 1100, 1100, 3, null, 0, false],
    ['income above the standard is never negative', 1100, 1500, 3, null, 0, false],
    ['the floor lifts a small gap', 1100, 1000, 2, 0.2, 440, true],
    ['the floor below the gap changes nothing', 1100, 700, 3, 0.2, 1200, false],
    ['the floor equal to the gap is not applied', 1100, 880, 1, 0.2, 220, false],
    ['no floor above the standard', 1100, 1200, 2, 0.2, 0, false],
    ['a floor in fractions of a yuan', 1105, 1100, 2, 0.25, 553, true], // 2 × 276.25 = 552.5
  ])('%s', (_name, standard, perCapita, members, floor, expectedBase, expectedFloorApplied) => {
    const result = calculateBenefit({
      standardMonthlyYuan: standard,
      perCapitaIncomeMonthlyYuan: perCapita,
      members: adults(members),
      on: ON,
      policy: withPolicy({ floor }),
    });
    expect([result.baseYuan, result.floorApplied, result.totalYuan]).toEqual([
      expectedBase,
      expectedFloorApplied,
      expectedBase,
    ]);
  });
});

describe('classified add-ons 分类施保 (standard 1100, default rates)', () => {
  interface Row {
    name: string;
    member: Partial<BenefitMember>;
    singleParentFamily?: boolean;
    policy?: Parameters<typeof withPolicy>[0];
    qualifying: AddOnCategory[];
    applied: AddOnCategory | null;
    yuan: number;
  }
  test.each<Row>([
    { name: 'an adult with no circumstance', member: {}, qualifying: [], applied: null, yuan: 0 },
    {
      name: '60 today',
      member: { birthDate: '1966-06-15' },
      qualifying: ['elderly'],
      applied: 'elderly',
      yuan: 110,
    },
    { name: '59, 60 tomorrow', member: { birthDate: '1966-06-16' }, qualifying: [], applied: null, yuan: 0 },
    {
      name: 'a minor at school: minor and student pay the same, the first wins',
      member: { birthDate: '2014-01-01', inSchool: { stage: 'primary' } },
      qualifying: ['minor', 'student'],
      applied: 'minor',
      yuan: 110,
    },
    {
      name: 'an adult student',
      member: { birthDate: '2006-01-01', inSchool: { stage: 'bachelor' } },
      qualifying: ['student'],
      applied: 'student',
      yuan: 110,
    },
    {
      name: 'grade 2 disability',
      member: { disability: { grade: 2, type: 'visual' } },
      qualifying: ['severelyDisabled'],
      applied: 'severelyDisabled',
      yuan: 440,
    },
    {
      name: 'grade 3 disability is not severe',
      member: { disability: { grade: 3, type: 'physical' } },
      qualifying: [],
      applied: null,
      yuan: 0,
    },
    {
      name: 'serious illness',
      member: { seriouslyIll: true },
      qualifying: ['seriouslyIll'],
      applied: 'seriouslyIll',
      yuan: 330,
    },
    {
      name: 'elderly, seriously ill and grade 1: only the highest',
      member: { birthDate: '1940-01-01', seriouslyIll: true, disability: { grade: 1, type: 'physical' } },
      qualifying: ['severelyDisabled', 'seriouslyIll', 'elderly'],
      applied: 'severelyDisabled',
      yuan: 440,
    },
    {
      name: 'a child of a single-parent family',
      member: { birthDate: '2016-01-01' },
      singleParentFamily: true,
      qualifying: ['minor', 'singleParentChild'],
      applied: 'minor',
      yuan: 110,
    },
    {
      name: 'an adult in a single-parent family',
      member: {},
      singleParentFamily: true,
      qualifying: [],
      applied: null,
      yuan: 0,
    },
    {
      name: 'a county paying more to single-parent children',
      member: { birthDate: '2016-01-01' },
      singleParentFamily: true,
      policy: { rates: { singleParentChild: { kind: 'fixed', yuan: 200 } } },
      qualifying: ['singleParentChild', 'minor'],
      applied: 'singleParentChild',
      yuan: 200,
    },
    {
      name: 'a fixed amount with a half yuan',
      member: { seriouslyIll: true },
      policy: { rates: { seriouslyIll: { kind: 'fixed', yuan: 150.5 } } },
      qualifying: ['seriouslyIll'],
      applied: 'seriouslyIll',
      yuan: 151,
    },
    {
      name: 'a category the county does not pay',
      member: { birthDate: '1950-01-01' },
      policy: { rates: { elderly: null } },
      qualifying: [],
      applied: null,
      yuan: 0,
    },
  ])('$name', ({ member, singleParentFamily = false, policy = {}, qualifying, applied, yuan }) => {
    const result = calculateBenefit({
      standardMonthlyYuan: 1100,
      perCapitaIncomeMonthlyYuan: 700,
      members: [adult('x', member)],
      singleParentFamily,
      on: ON,
      policy: withPolicy(policy),
    });
    const [addOn] = result.addOns;
    expect(addOn?.qualifying.map((q) => q.category)).toEqual(qualifying);
    expect(addOn?.applied?.category ?? null).toBe(applied);
    expect(result.addOnsYuan).toBe(yuan);
    expect(result.totalYuan).toBe(400 + yuan);
  });

  test('adds one add-on per qualifying member', () => {
    const result = calculateBenefit({
      standardMonthlyYuan: 1100,
      perCapitaIncomeMonthlyYuan: 700,
      members: [
        adult('grandmother', { birthDate: '1945-03-01' }),
        adult('father', { seriouslyIll: true }),
        adult('son', {
          birthDate: '2012-09-01',
          inSchool: { stage: 'juniorSecondary' },
          disability: { grade: 2, type: 'intellectual' },
        }),
        adult('mother'),
      ],
      on: ON,
      policy: DEFAULT_COUNTY_POLICY,
    });
    expect(result.addOns.map((a) => [a.memberId, a.applied?.yuan ?? 0])).toEqual([
      ['grandmother', 110],
      ['father', 330],
      ['son', 440],
      ['mother', 0],
    ]);
    expect([result.baseYuan, result.addOnsYuan, result.totalYuan]).toEqual([1600, 880, 2480]);
  });
});

describe('baseBenefit in fen', () => {
  test.each([
    [110000, 70000, 3, null, 1200],
    [110000, 70001, 3, null, 1200], // 1199.97
    [110000, 70017, 3, null, 1199], // 1199.49
    [110000, 109000, 4, 0.3, 1320],
    [110000, 110000, 0, 0.3, 0],
  ])(
    'standard %i, income %i, %i members, floor %p → %i',
    (standardFen, incomeFen, members, floor, expected) => {
      expect(baseBenefit(standardFen, incomeFen, members, floor).baseYuan).toBe(expected);
    },
  );
});
