import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import {
  TERMINATION_REASONS,
  minorSupportEnd,
  referralsOnTermination,
  terminationRequestSchema,
  type TerminationReason,
  type TerminationReferral,
} from '../../domain/tekun-termination';

describe('TERMINATION_REASONS', () => {
  test('names every reason in zh-CN', () => {
    expect(TERMINATION_REASONS).toEqual({
      death: '死亡',
      declaredMissing: '宣告失踪',
      regainedLabourCapacity: '具备劳动能力',
      imprisoned: '服刑',
      incomeOrAssetsOverLimit: '收入或财产超标',
      supporterBecameAble: '法定义务人具备赡养扶养抚养能力',
      voluntary: '自愿申请退出',
      agedOut: '未成年人年满18周岁（不在校）',
    });
  });
});

describe('minorSupportEnd', () => {
  const withSchoolLimit = (schoolAgeLimit: number) => ({
    extremePoverty: { ...DEFAULT_COUNTY_POLICY.extremePoverty, schoolAgeLimit },
  });

  test.each<[string, string, boolean, number, number, string]>([
    // birth date, in school, school age limit → until age, stops from
    ['not in school: the month after the 18th birthday', '2008-03-10', false, 22, 18, '2026-04'],
    ['born on the 1st', '2008-03-01', false, 22, 18, '2026-04'],
    ['born on the last day of the month', '2008-03-31', false, 22, 18, '2026-04'],
    ['born in December: the next year', '2008-12-31', false, 22, 18, '2027-01'],
    ['in school: the month after the 22nd birthday', '2008-03-10', true, 22, 22, '2030-04'],
    ['in school, a county limit of 20', '2008-03-10', true, 20, 20, '2028-04'],
    ['in school, a county limit of 18 changes nothing', '2008-03-10', true, 18, 18, '2026-04'],
    ['born on 29 Feb: 18 on 1 Mar in a common year', '2008-02-29', false, 22, 18, '2026-04'],
    ['born on 29 Feb: 20 on 29 Feb in a leap year', '2008-02-29', true, 20, 20, '2028-03'],
    ['born on 29 Feb: 2100 is a common year', '2080-02-29', true, 20, 20, '2100-04'],
    ['born on 29 Feb: 2000 is a leap year', '1980-02-29', true, 20, 20, '2000-03'],
  ])('%s', (_name, birthDate, inSchool, schoolAgeLimit, untilAge, stopsFrom) => {
    expect(minorSupportEnd(birthDate, inSchool, withSchoolLimit(schoolAgeLimit))).toEqual({
      untilAge,
      stopsFrom,
    });
  });

  test('uses the default school age limit of 22', () => {
    expect(minorSupportEnd('2010-07-01', true, DEFAULT_COUNTY_POLICY)).toEqual({
      untilAge: 22,
      stopsFrom: '2032-08',
    });
  });

  test.each(['2008/03/10', '', '08-03-10'])('refuses the birth date %p', (birthDate) => {
    expect(() => minorSupportEnd(birthDate, false, DEFAULT_COUNTY_POLICY)).toThrow(RangeError);
  });
});

describe('referralsOnTermination (低保 standard 1100)', () => {
  test.each<[TerminationReason, number | null, TerminationReferral['kind'][]]>([
    ['death', 0, []],
    ['declaredMissing', 0, []],
    ['imprisoned', 0, []],
    ['regainedLabourCapacity', 500, ['dibao', 'temporary']],
    ['regainedLabourCapacity', null, ['temporary']],
    ['incomeOrAssetsOverLimit', 800, ['dibao']],
    ['incomeOrAssetsOverLimit', 1099.99, ['dibao']],
    ['incomeOrAssetsOverLimit', 1100, []],
    ['supporterBecameAble', 1200, ['temporary']],
    ['supporterBecameAble', 600, ['dibao', 'temporary']],
    ['voluntary', 500, ['dibao']],
    ['voluntary', null, []],
    ['agedOut', 0, ['dibao', 'temporary']],
    ['agedOut', 1500, ['temporary']],
  ])('%s, per-capita income %p → %p', (reason, income, kinds) => {
    const referrals = referralsOnTermination({
      reason,
      perCapitaIncomeMonthlyYuan: income,
      dibaoStandardYuan: 1100,
    });
    expect(referrals.map((r) => r.kind)).toEqual(kinds);
  });

  test('states the income against the standard', () => {
    expect(
      referralsOnTermination({
        reason: 'voluntary',
        perCapitaIncomeMonthlyYuan: 650.5,
        dibaoStandardYuan: 1100,
      }),
    ).toEqual([
      { kind: 'dibao', text: '家庭月人均收入 650.50 元，低于低保标准 1100.00 元，可申请最低生活保障' },
    ]);
  });

  test('without the income given, no 低保 proposal', () => {
    expect(referralsOnTermination({ reason: 'voluntary', dibaoStandardYuan: 1100 })).toEqual([]);
  });
});

describe('terminationRequestSchema', () => {
  const details = '经乡镇核实';
  const paths = (input: unknown) => {
    const result = terminationRequestSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  test.each<[string, unknown]>([
    ['death', { reason: 'death', dateOfDeath: '2026-05-03', details }],
    ['declared missing', { reason: 'declaredMissing', declaredMissingOn: '2026-05-03', details }],
    ['imprisoned', { reason: 'imprisoned', imprisonedOn: '2026-05-03', details }],
    ['regained capacity', { reason: 'regainedLabourCapacity', occurredOn: '2026-05-03', details }],
    ['over the limit', { reason: 'incomeOrAssetsOverLimit', occurredOn: '2026-05-03', details }],
    [
      'supporter able',
      { reason: 'supporterBecameAble', supporterName: '张伟', occurredOn: '2026-05-03', details },
    ],
    ['voluntary', { reason: 'voluntary', occurredOn: '2026-05-03', details }],
    ['aged out', { reason: 'agedOut', occurredOn: '2026-05-03', details }],
  ])('accepts %s', (_name, input) => {
    expect(paths(input)).toEqual([]);
  });

  test.each<[string, string, unknown]>([
    ['death without its date', 'dateOfDeath', { reason: 'death', occurredOn: '2026-05-03', details }],
    [
      'a date of death in another format',
      'dateOfDeath',
      { reason: 'death', dateOfDeath: '3/5/2026', details },
    ],
    [
      'details of one character',
      'details',
      { reason: 'voluntary', occurredOn: '2026-05-03', details: ' 无 ' },
    ],
    [
      'a supporter without a name',
      'supporterName',
      { reason: 'supporterBecameAble', occurredOn: '2026-05-03', details },
    ],
    ['an unknown reason', 'reason', { reason: 'movedOut', occurredOn: '2026-05-03', details }],
  ])('refuses %s at %s', (_name, path, input) => {
    expect(paths(input)).toEqual([path]);
  });
});
