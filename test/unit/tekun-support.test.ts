import type { CareLevel } from '../../domain/care-level';
import { DEFAULT_COUNTY_POLICY, parseCountyPolicy, type CountyPolicy } from '../../domain/county-policy';
import { tekunMonthlySupport } from '../../domain/tekun-support';

const policyWith = (
  extremePoverty: Partial<CountyPolicy['extremePoverty']> = {},
): Pick<CountyPolicy, 'extremePoverty'> => ({
  extremePoverty: { ...DEFAULT_COUNTY_POLICY.extremePoverty, ...extremePoverty },
});

describe('tekunMonthlySupport', () => {
  test('the worked example: 低保 standard 1100 × 1.3 = 1430, partial loss 300 → 1730', () => {
    expect(
      tekunMonthlySupport({ dibaoStandardYuan: 1100, careLevel: 'partialLoss' }, DEFAULT_COUNTY_POLICY),
    ).toEqual({ basicLivingYuan: 1430, careYuan: 300, totalYuan: 1730, totalFen: 173000 });
  });

  test.each<[string, number, number | null | undefined, number, number]>([
    // 低保 standard, county 特困 standard, multiplier → basic living
    ['no 特困 standard', 1100, undefined, 1.3, 1430],
    ['a null 特困 standard', 1100, null, 1.3, 1430],
    ['1101 × 1.3 = 1431.3 rounds down', 1101, null, 1.3, 1431],
    ['1105 × 1.3 = 1436.5 rounds half up', 1105, null, 1.3, 1437],
    ['a standard with fen: 1100.50 × 1.3 = 1430.65', 1100.5, null, 1.3, 1431],
    ['a county multiplier of 1.5', 1100, null, 1.5, 1650],
    ['the 特困 standard wins over the multiple', 1100, 1500, 1.3, 1500],
    ['even below the multiple', 1100, 1200, 1.3, 1200],
    ['kept to the fen', 1100, 1450.5, 1.3, 1450.5],
    ['a 特困 standard of 0 is a standard', 1100, 0, 1.3, 0],
  ])('%s', (_name, dibao, tekun, multiplier, basic) => {
    const result = tekunMonthlySupport(
      { dibaoStandardYuan: dibao, tekunStandardYuan: tekun, careLevel: 'selfCare' },
      policyWith({ basicLivingMultiplier: multiplier }),
    );
    expect(result).toEqual({
      basicLivingYuan: basic,
      careYuan: 0,
      totalYuan: basic,
      totalFen: Math.round(basic * 100),
    });
  });

  test.each<[CareLevel, number, number]>([
    ['selfCare', 0, 1430],
    ['partialLoss', 300, 1730],
    ['fullLoss', 700, 2130],
  ])('default care standard for %s: %i → %i', (careLevel, care, total) => {
    const result = tekunMonthlySupport({ dibaoStandardYuan: 1100, careLevel }, DEFAULT_COUNTY_POLICY);
    expect([result.careYuan, result.totalYuan]).toEqual([care, total]);
  });

  test('a county care standard with fen adds exactly', () => {
    const result = tekunMonthlySupport(
      { dibaoStandardYuan: 1100, careLevel: 'fullLoss' },
      policyWith({ careStandards: { selfCare: 50.1, partialLoss: 320.2, fullLoss: 880.7 } }),
    );
    expect(result).toEqual({ basicLivingYuan: 1430, careYuan: 880.7, totalYuan: 2310.7, totalFen: 231070 });
  });

  test('refuses a standard with more than 2 decimals', () => {
    expect(() =>
      tekunMonthlySupport({ dibaoStandardYuan: 1100.001, careLevel: 'selfCare' }, DEFAULT_COUNTY_POLICY),
    ).toThrow(RangeError);
  });
});

describe('the 特困 county policy', () => {
  test('seeds the procedure limits, the annual review and the school age', () => {
    const { stepLimits, reviewMonths, schoolAgeLimit, incomeLimitMonthlyYuan } =
      DEFAULT_COUNTY_POLICY.extremePoverty;
    expect(stepLimits).toEqual({
      investigation: { days: 15, unit: 'working' },
      countyConfirmation: { days: 10, unit: 'working' },
      objectionReinvestigation: { days: 15, unit: 'working' },
      reassessment: { days: 10, unit: 'working' },
      terminationObjection: { days: 15, unit: 'working' },
      bedOfferAcceptance: { days: 5, unit: 'working' },
      noticeDays: { days: 7, unit: 'calendar' },
    });
    expect([reviewMonths, schoolAgeLimit, incomeLimitMonthlyYuan]).toEqual([12, 22, null]);
  });

  test('a policy stored before these keys existed takes them from the defaults', () => {
    const policy = parseCountyPolicy({
      extremePoverty: { minorAgeLimit: 18, careStandards: { fullLoss: 900 } },
    });
    expect(policy.extremePoverty).toEqual({
      ...DEFAULT_COUNTY_POLICY.extremePoverty,
      minorAgeLimit: 18,
      careStandards: { selfCare: 0, partialLoss: 300, fullLoss: 900 },
    });
  });

  test.each<[string, object]>([
    ['a school age below 18', { schoolAgeLimit: 17 }],
    ['a negative care standard', { careStandards: { partialLoss: -1 } }],
    ['a negative income threshold', { incomeLimitMonthlyYuan: -1 }],
    ['a review every 0 months', { reviewMonths: 0 }],
    ['a limit in weeks', { stepLimits: { investigation: { days: 3, unit: 'weekly' } } }],
  ])('refuses %s', (_name, extremePoverty) => {
    expect(() => parseCountyPolicy({ extremePoverty })).toThrow();
  });
});
