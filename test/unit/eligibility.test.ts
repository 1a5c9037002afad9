import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import {
  assessEligibility,
  effectiveStandard,
  type EffectiveStandard,
  type HouseholdAssets,
  type IneligibilityCode,
  type Programme,
} from '../../domain/eligibility';
import { assessHouseholdIncome } from '../../domain/income';

describe('effectiveStandard', () => {
  const standards: EffectiveStandard[] = [
    { programme: 'urban', monthlyYuan: 900, effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' },
    { programme: 'urban', monthlyYuan: 1000, effectiveFrom: '2025-01-01' },
    { programme: 'urban', monthlyYuan: 1100, effectiveFrom: '2025-07-01', effectiveTo: null },
    { programme: 'rural', monthlyYuan: 700, effectiveFrom: '2025-01-01' },
  ];

  test.each<[Programme, string | Date, number | null]>([
    ['urban', '2023-12-31', null],
    ['urban', '2024-01-01', 900],
    ['urban', '2024-12-31', 900], // the last day is included
    ['urban', '2025-01-01', 1000],
    ['urban', '2025-06-30', 1000],
    ['urban', '2025-07-01', 1100], // the newer standard wins over the open-ended older one
    ['urban', '2030-01-01', 1100],
    ['rural', '2024-06-01', null],
    ['rural', '2026-01-01', 700],
    ['urban', new Date('2025-06-30T16:00:00Z'), 1100], // 1 July in Shanghai
    ['urban', new Date('2025-06-30T15:59:59Z'), 1000],
  ])('%s on %s → %p', (programme, on, expected) => {
    expect(effectiveStandard(standards, programme, on)?.monthlyYuan ?? null).toBe(expected);
  });
});

describe('assessEligibility', () => {
  const NO_ASSETS: HouseholdAssets = { depositsYuan: 0, vehicles: 0, homes: 1, registeredBusiness: false };
  const threeMembersEarning = (monthlyYuan: number) =>
    assessHouseholdIncome(
      ['a', 'b', 'c'],
      [{ memberId: 'a', kind: 'wages', amountYuan: monthlyYuan, period: 'monthly' }],
      DEFAULT_COUNTY_POLICY,
    );

  test.each<
    [
      string,
      number,
      Partial<HouseholdAssets>,
      Partial<typeof DEFAULT_COUNTY_POLICY.assetLimits>,
      IneligibilityCode[],
    ]
  >([
    ['income well below the standard', 2100, {}, {}, []],
    ['per capita exactly the standard', 3300, {}, {}, ['incomeNotBelowStandard']],
    ['per capita above the standard', 3600, {}, {}, ['incomeNotBelowStandard']],
    ['per capita a fen below the standard', 3299.97, {}, {}, []],
    // 3299.99 / 3 rounds to 1100.00, but is below the standard: compared exactly
    ['per capita a third of a fen below the standard', 3299.99, {}, {}, []],
    ['deposits exactly at the limit', 2100, { depositsYuan: 60000 }, {}, []],
    ['deposits a fen over the limit', 2100, { depositsYuan: 60000.01 }, {}, ['depositsOverLimit']],
    [
      'deposits under a county’s higher limit',
      2100,
      { depositsYuan: 90000 },
      { depositsPerCapitaMaxYuan: 30000 },
      [],
    ],
    ['a vehicle', 2100, { vehicles: 1 }, {}, ['ownsVehicle']],
    ['a vehicle where the county allows one', 2100, { vehicles: 1 }, { vehicleAllowed: true }, []],
    ['a second home', 2100, { homes: 2 }, {}, ['ownsSecondHome']],
    ['a second home where allowed', 2100, { homes: 2 }, { secondHomeAllowed: true }, []],
    ['no home at all', 2100, { homes: 0 }, {}, []],
    ['a registered business', 2100, { registeredBusiness: true }, {}, ['ownsRegisteredBusiness']],
    [
      'a registered business where allowed',
      2100,
      { registeredBusiness: true },
      { registeredBusinessAllowed: true },
      [],
    ],
    [
      'several reasons at once',
      3600,
      { vehicles: 2, homes: 3 },
      {},
      ['incomeNotBelowStandard', 'ownsVehicle', 'ownsSecondHome'],
    ],
  ])('%s', (_name, monthlyIncome, assets, limits, expectedCodes) => {
    const result = assessEligibility({
      income: threeMembersEarning(monthlyIncome),
      standardMonthlyYuan: 1100,
      assets: { ...NO_ASSETS, ...assets },
      policy: { assetLimits: { ...DEFAULT_COUNTY_POLICY.assetLimits, ...limits } },
    });
    if (expectedCodes.length === 0) expect(result).toEqual({ eligible: true });
    else expect(result.eligible === false && result.reasons.map((r) => r.code)).toEqual(expectedCodes);
  });

  test.each<[string, number, Partial<HouseholdAssets>, string]>([
    ['income', 3600, {}, '家庭月人均收入不低于当地低保标准（月人均 1200.00 元，标准 1100.00 元）'],
    ['deposits', 0, { depositsYuan: 100000 }, '家庭人均存款等金融资产超过本县限额（人均限额 20000.00 元）'],
    ['vehicle', 0, { vehicles: 1 }, '家庭拥有机动车辆'],
  ])('explains the %s reason in Chinese', (_name, monthlyIncome, assets, text) => {
    const result = assessEligibility({
      income: threeMembersEarning(monthlyIncome),
      standardMonthlyYuan: 1100,
      assets: { ...NO_ASSETS, ...assets },
      policy: DEFAULT_COUNTY_POLICY,
    });
    expect(result.eligible === false && result.reasons.map((r) => r.text)).toEqual([text]);
  });
});
