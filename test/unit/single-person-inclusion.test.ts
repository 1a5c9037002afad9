import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { assessHouseholdIncome } from '../../domain/income';
import {
  singlePersonGrounds,
  singlePersonInclusion,
  type SinglePersonGround,
  type SinglePersonMember,
} from '../../domain/single-person-inclusion';

describe('singlePersonGrounds', () => {
  test.each<[string, Omit<SinglePersonMember, 'id'>, SinglePersonGround[]]>([
    ['grade 1 physical', { disability: { grade: 1, type: 'physical' } }, ['severeDisability']],
    ['grade 2 visual', { disability: { grade: 2, type: 'visual' } }, ['severeDisability']],
    [
      'grade 3 intellectual',
      { disability: { grade: 3, type: 'intellectual' } },
      ['grade3IntellectualOrMental'],
    ],
    ['grade 3 mental', { disability: { grade: 3, type: 'mental' } }, ['grade3IntellectualOrMental']],
    ['grade 3 physical', { disability: { grade: 3, type: 'physical' } }, []],
    ['grade 4 mental', { disability: { grade: 4, type: 'mental' } }, []],
    ['seriously ill', { seriouslyIll: true }, ['seriousIllness']],
    [
      'grade 2 and seriously ill',
      { disability: { grade: 2, type: 'hearing' }, seriouslyIll: true },
      ['severeDisability', 'seriousIllness'],
    ],
    ['none', { disability: null, seriouslyIll: false }, []],
  ])('%s', (_name, member, expected) => {
    expect(singlePersonGrounds({ id: 'x', ...member })).toEqual(expected);
  });
});

describe('singlePersonInclusion (standard 1100, three members)', () => {
  const members: SinglePersonMember[] = [
    { id: 'disabled', disability: { grade: 1, type: 'physical' } },
    { id: 'ill', seriouslyIll: true },
    { id: 'well' },
  ];
  const incomeOf = (householdMonthlyYuan: number) =>
    assessHouseholdIncome(
      members.map((m) => m.id),
      [{ memberId: 'well', kind: 'wages', amountYuan: householdMonthlyYuan, period: 'monthly' }],
      DEFAULT_COUNTY_POLICY,
    );

  test.each<[string, number, number, boolean, boolean, string[]]>([
    // household monthly income, multiplier → under threshold, whole household below standard, eligible ids
    ['per capita 1200: above the standard, under 1.5×', 3600, 1.5, true, false, ['disabled', 'ill']],
    ['per capita a third of a fen under 1650', 4949.99, 1.5, true, false, ['disabled', 'ill']],
    ['per capita exactly 1.5 × the standard', 4950, 1.5, false, false, []],
    ['per capita 2000', 6000, 1.5, false, false, []],
    ['per capita 2000 with a county multiplier of 2', 6000, 2, true, false, ['disabled', 'ill']],
    [
      'per capita 1000: the whole household is below the standard',
      3000,
      1.5,
      true,
      true,
      ['disabled', 'ill'],
    ],
  ])('%s', (_name, householdIncome, incomeMultiplier, underThreshold, wholeBelow, eligibleIds) => {
    const result = singlePersonInclusion({
      members,
      income: incomeOf(householdIncome),
      standardMonthlyYuan: 1100,
      policy: { singlePersonInclusion: { incomeMultiplier } },
    });
    expect(result.householdUnderThreshold).toBe(underThreshold);
    expect(result.wholeHouseholdBelowStandard).toBe(wholeBelow);
    expect(result.eligibleMembers.map((e) => e.member.id)).toEqual(eligibleIds);
  });

  test('names the grounds in Chinese', () => {
    const result = singlePersonInclusion({
      members,
      income: incomeOf(3600),
      standardMonthlyYuan: 1100,
      policy: DEFAULT_COUNTY_POLICY,
    });
    expect(result.eligibleMembers.map((e) => e.grounds)).toEqual([
      [{ code: 'severeDisability', label: '一、二级重度残疾人' }],
      [{ code: 'seriousIllness', label: '重病患者' }],
    ]);
  });
});
