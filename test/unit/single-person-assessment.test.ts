import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { assessDibao } from '../../domain/dibao-assessment';
import type { HouseholdAssets } from '../../domain/eligibility';
import type { HouseholdMemberInput } from '../../domain/household';
import type { IncomeItem } from '../../domain/income';
import { assessSinglePerson, singlePersonRecertification } from '../../domain/single-person-assessment';

const ON = '2026-11-30';
const members: HouseholdMemberInput[] = [
  { id: 'applicant', birthDate: '1975-03-14', relation: 'applicant', livesTogether: true },
  {
    id: 'spouse',
    birthDate: '1965-07-02',
    relation: 'spouse',
    livesTogether: true,
    disability: { grade: 2, type: 'physical' },
  },
  {
    id: 'child',
    birthDate: '2012-09-30',
    relation: 'child',
    livesTogether: true,
    inSchool: { stage: 'juniorSecondary' },
  },
];
const ASSETS: HouseholdAssets = { depositsYuan: 3000, vehicles: 0, homes: 1, registeredBusiness: false };
const wages = (memberId: string, amountYuan: number): IncomeItem =>
  ({ memberId, kind: 'wages', amountYuan, period: 'monthly' }) as IncomeItem;

function assess(incomes: IncomeItem[], memberId: string, assets: Partial<HouseholdAssets> = {}) {
  const household = assessDibao({
    programme: 'rural',
    members,
    singleParentFamily: false,
    incomes,
    assets: { ...ASSETS, ...assets },
    standards: [{ programme: 'rural', monthlyYuan: 560, effectiveFrom: '2026-01-01' }],
    on: ON,
    policy: DEFAULT_COUNTY_POLICY,
  });
  return {
    household,
    single: assessSinglePerson({
      memberId,
      household,
      members,
      incomes,
      singleParentFamily: false,
      on: ON,
      policy: DEFAULT_COUNTY_POLICY,
    }),
  };
}

describe('assessSinglePerson (rural standard 560, threshold 1.5 × 560 = 840 per capita)', () => {
  test.each<[string, IncomeItem[], string, Partial<HouseholdAssets>, number | string]>([
    // name, incomes, member, assets → the member's monthly amount, or part of the refusal
    ['per capita 666.67, the grade-2 spouse: 560 + 224', [wages('applicant', 2000)], 'spouse', {}, 784],
    [
      'the spouse earns 100 of it: (560 − 100) + 224',
      [wages('applicant', 1900), wages('spouse', 100)],
      'spouse',
      {},
      684,
    ],
    ['a member without grounds', [wages('applicant', 2000)], 'applicant', {}, '不适用单人保'],
    ['per capita 1000: over the threshold', [wages('applicant', 3000)], 'spouse', {}, '1.5 倍'],
    [
      'per capita 100: the whole household is eligible',
      [wages('applicant', 300)],
      'spouse',
      {},
      '应全户纳入',
    ],
    [
      'a vehicle: the asset limits still apply',
      [wages('applicant', 2000)],
      'spouse',
      { vehicles: 1 },
      '机动车',
    ],
    ['someone outside the household', [wages('applicant', 2000)], 'neighbour', {}, 'singlePerson.memberId'],
    [
      'the member’s own income is not below the standard',
      [wages('applicant', 1400), wages('spouse', 600)],
      'spouse',
      {},
      '该成员本人收入',
    ],
  ])('%s', (_name, incomes, memberId, assets, expected) => {
    const { single } = assess(incomes, memberId, assets);
    if (typeof expected === 'number') {
      expect(single).toMatchObject({
        allowed: true,
        memberId,
        monthlyYuan: expected,
        grounds: ['severeDisability'],
      });
    } else {
      expect(single.allowed).toBe(false);
      if (!single.allowed) expect(single.reason.text).toContain(expected);
    }
  });
});

describe('singlePersonRecertification', () => {
  test('still allowed: the member’s amount, still alone', () => {
    const { household, single } = assess([wages('applicant', 2000)], 'spouse');
    expect(singlePersonRecertification(household, single)).toEqual({
      assessment: { eligible: true, proposedMonthlyYuan: 784, reasons: [] },
      singlePerson: { memberId: 'spouse' },
    });
  });

  test('the whole household now below the standard: enrolled whole', () => {
    const { household, single } = assess([wages('applicant', 300)], 'spouse');
    const result = singlePersonRecertification(household, single);
    expect(result.singlePerson).toBeNull();
    expect(result.assessment).toBe(household);
    expect(result.assessment.eligible).toBe(true);
  });

  test('over the threshold: not eligible, counted as income above the standard (a phase-out may apply)', () => {
    const { household, single } = assess([wages('applicant', 3000)], 'spouse');
    const result = singlePersonRecertification(household, single);
    expect(result.assessment).toMatchObject({ eligible: false, proposedMonthlyYuan: 0 });
    expect(result.assessment.reasons.map((r) => r.code)).toEqual(['incomeNotBelowStandard']);
  });
});
