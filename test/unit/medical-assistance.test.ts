import { DEFAULT_COUNTY_POLICY, parseCountyPolicy } from '../../domain/county-policy';
import {
  categoryOfEnrolments,
  computeMedicalAssistance,
  EMPTY_MEDICAL_YEAR,
  medicalBillsSchema,
  medicalTerms,
  premiumSubsidyFen,
  settleAdvance,
  type MedicalAssistanceTerms,
  type MedicalYearState,
} from '../../domain/medical-assistance';

const terms = (share: number, deductibleYuan: number, yearlyCapYuan: number): MedicalAssistanceTerms => ({
  shareMillionths: Math.round(share * 1_000_000),
  deductibleFen: deductibleYuan * 100,
  yearlyCapFen: yearlyCapYuan * 100,
});

const year = (paidFen: number, reservedFen = 0, deductibleUsedFen = 0): MedicalYearState => ({
  paidFen,
  reservedFen,
  deductibleUsedFen,
});

describe('医疗救助: share × (eligible self-paid − deductible left), capped by the year', () => {
  test.each([
    {
      name: '低保 70 %, no deductible, first claim',
      terms: terms(0.7, 0, 50000),
      bills: { selfPaidYuan: 10000, outsideListYuan: 0 },
      year: EMPTY_MEDICAL_YEAR,
      amountFen: 700000,
      deductibleAppliedFen: 0,
      capped: false,
    },
    {
      name: 'items outside the insurance list are not assisted',
      terms: terms(0.7, 0, 50000),
      bills: { selfPaidYuan: 10000, outsideListYuan: 2500.5 },
      year: EMPTY_MEDICAL_YEAR,
      // 7499.50 × 0.7 = 5249.65
      amountFen: 524965,
      deductibleAppliedFen: 0,
      capped: false,
    },
    {
      name: 'borderline family: the whole deductible on the first claim',
      terms: terms(0.6, 2000, 30000),
      bills: { selfPaidYuan: 5000, outsideListYuan: 0 },
      year: EMPTY_MEDICAL_YEAR,
      // (5000 − 2000) × 0.6 = 1800
      amountFen: 180000,
      deductibleAppliedFen: 200000,
      capped: false,
    },
    {
      name: 'borderline family: a first claim below the deductible earns nothing',
      terms: terms(0.6, 2000, 30000),
      bills: { selfPaidYuan: 1500, outsideListYuan: 0 },
      year: EMPTY_MEDICAL_YEAR,
      amountFen: 0,
      deductibleAppliedFen: 150000,
      capped: false,
    },
    {
      name: 'borderline family: the rest of the deductible on the second claim',
      terms: terms(0.6, 2000, 30000),
      bills: { selfPaidYuan: 1500, outsideListYuan: 0 },
      year: year(0, 0, 150000),
      // (1500 − 500) × 0.6 = 600
      amountFen: 60000,
      deductibleAppliedFen: 50000,
      capped: false,
    },
    {
      name: 'rounded to the fen, half up',
      terms: terms(0.7, 0, 50000),
      bills: { selfPaidYuan: 0.05, outsideListYuan: 0 },
      year: EMPTY_MEDICAL_YEAR,
      // 5 fen × 0.7 = 3.5 → 4
      amountFen: 4,
      deductibleAppliedFen: 0,
      capped: false,
    },
    {
      name: 'the third claim paid only up to the cap',
      terms: terms(0.7, 0, 50000),
      bills: { selfPaidYuan: 20000, outsideListYuan: 0 },
      year: year(4_200_000),
      amountFen: 800000,
      deductibleAppliedFen: 0,
      capped: true,
    },
    {
      name: 'an advance reserved elsewhere counts against the cap',
      terms: terms(0.7, 0, 50000),
      bills: { selfPaidYuan: 20000, outsideListYuan: 0 },
      year: year(3_000_000, 1_500_000),
      amountFen: 500000,
      deductibleAppliedFen: 0,
      capped: true,
    },
    {
      name: 'the cap used up: nothing',
      terms: terms(0.7, 0, 50000),
      bills: { selfPaidYuan: 20000, outsideListYuan: 0 },
      year: year(5_000_000),
      amountFen: 0,
      deductibleAppliedFen: 0,
      capped: true,
    },
  ])('$name', (row) => {
    const computed = computeMedicalAssistance(row.terms, row.bills, row.year);
    expect(computed.amountFen).toBe(row.amountFen);
    expect(computed.deductibleAppliedFen).toBe(row.deductibleAppliedFen);
    expect(computed.capped).toBe(row.capped);
    expect(Number.isInteger(computed.amountFen)).toBe(true);
  });

  test("an advance's own reservation is released before its final bills are counted", () => {
    const t = terms(0.6, 2000, 30000);
    // The estimate: (12000 − 2000) × 0.6 = 6000 reserved, the deductible used by it.
    const advance = computeMedicalAssistance(
      t,
      { selfPaidYuan: 12000, outsideListYuan: 0 },
      EMPTY_MEDICAL_YEAR,
    );
    expect(advance.amountFen).toBe(600000);
    const after = year(0, advance.amountFen, advance.deductibleAppliedFen);
    const final = computeMedicalAssistance(t, { selfPaidYuan: 15000, outsideListYuan: 0 }, after, {
      amountFen: advance.amountFen,
      deductibleFen: advance.deductibleAppliedFen,
    });
    expect(final.deductibleAppliedFen).toBe(200000);
    expect(final.amountFen).toBe(780000);
    expect(settleAdvance(advance.amountFen, final.amountFen)).toEqual({ topUpFen: 180000, recoverFen: 0 });
    expect(settleAdvance(600000, 450000)).toEqual({ topUpFen: 0, recoverFen: 150000 });
    expect(settleAdvance(600000, 600000)).toEqual({ topUpFen: 0, recoverFen: 0 });
  });
});

describe('the categories read from county policy', () => {
  test.each([
    ['extremePoverty', 900000, 0, 6_000_000],
    ['dibao', 700000, 0, 5_000_000],
    ['lowIncome', 600000, 200000, 3_000_000],
    ['illnessImpoverished', 500000, 300000, 3_000_000],
  ] as const)('%s: share, deductible and cap', (category, shareMillionths, deductibleFen, yearlyCapFen) => {
    expect(medicalTerms(DEFAULT_COUNTY_POLICY, category)).toEqual({
      shareMillionths,
      deductibleFen,
      yearlyCapFen,
    });
  });

  test("a county's own figures replace the defaults", () => {
    const policy = parseCountyPolicy({
      medicalAssistance: { costAssistance: { dibao: { share: 0.75, yearlyCapYuan: 40000 } } },
    });
    expect(medicalTerms(policy, 'dibao')).toEqual({
      shareMillionths: 750000,
      deductibleFen: 0,
      yearlyCapFen: 4_000_000,
    });
  });
});

describe('参保资助 premium subsidy', () => {
  test.each([
    ['extremePoverty', 1, 40000, 40000],
    ['dibao', 0.85, 40000, 34000],
    ['dibao', 0.8, 38050, 30440],
    ['dibao', 0.9, 38055, 34250],
  ] as const)('%s at %s of %s fen → %s fen', (category, share, premiumFen, subsidy) => {
    const policy = parseCountyPolicy({
      medicalAssistance: { premiumSubsidyShare: { [category]: share } },
    });
    expect(premiumSubsidyFen(policy, category, premiumFen)).toBe(subsidy);
  });

  test('the defaults: 100 % for 特困, 85 % for 低保', () => {
    expect(DEFAULT_COUNTY_POLICY.medicalAssistance.premiumSubsidyShare).toEqual({
      extremePoverty: 1,
      dibao: 0.85,
    });
  });
});

describe('费用票据 bills', () => {
  const valid = {
    hospital: '大理州人民医院',
    totalYuan: 30000,
    insurerPaidYuan: 20000,
    selfPaidYuan: 10000,
    outsideListYuan: 1000,
  };

  test('a consistent bill passes', () => {
    expect(medicalBillsSchema.safeParse(valid).success).toBe(true);
  });

  test.each([
    ['parts not adding up', { selfPaidYuan: 9000 }, 'selfPaidYuan'],
    ['outside-list items above the self-paid part', { outsideListYuan: 10000.01 }, 'outsideListYuan'],
    ['three decimals', { outsideListYuan: 1.001 }, 'outsideListYuan'],
    ['a negative amount', { totalYuan: -1 }, 'totalYuan'],
  ])('%s is refused, naming the field', (_name, change, field) => {
    const parsed = medicalBillsSchema.safeParse({ ...valid, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe('医疗救助: the category a person’s enrolments fix', () => {
  test.each([
    { codes: [], expected: null },
    { codes: ['MEDICAL', 'TEMPORARY'], expected: null },
    { codes: ['DIBAO_RURAL'], expected: 'dibao' },
    { codes: ['DIBAO_URBAN'], expected: 'dibao' },
    { codes: ['TEKUN'], expected: 'extremePoverty' },
    { codes: ['DIBAO_RURAL', 'TEKUN'], expected: 'extremePoverty' },
  ])('$codes → $expected', ({ codes, expected }) => {
    expect(categoryOfEnrolments(codes)).toBe(expected);
  });
});
