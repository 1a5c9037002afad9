import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { INCOME_KINDS, assessHouseholdIncome, type IncomeItem, type IncomeKind } from '../../domain/income';

const item = (
  memberId: string,
  kind: IncomeKind,
  amountYuan: number,
  period: IncomeItem['period'] = 'monthly',
): IncomeItem => ({
  memberId,
  kind,
  amountYuan,
  period,
});

describe('assessHouseholdIncome: per-capita monthly income', () => {
  test.each<[string, string[], IncomeItem[], number, number]>([
    ['monthly wages, one member', ['a'], [item('a', 'wages', 2100)], 210000, 2100],
    ['a yearly amount becomes monthly', ['a'], [item('a', 'business', 12000, 'yearly')], 100000, 1000],
    [
      'monthly and yearly items together',
      ['a', 'b'],
      [item('a', 'wages', 1500), item('b', 'business', 6000, 'yearly')],
      100000,
      1000,
    ],
    [
      'all four counted categories',
      ['a', 'b'],
      [
        item('a', 'wages', 100),
        item('a', 'business', 200),
        item('b', 'property', 300),
        item('b', 'transfer', 400),
      ],
      50000,
      500,
    ],
    ['no income', ['a', 'b', 'c'], [], 0, 0],
    ['no float drift: 0.1 + 0.2', ['a'], [item('a', 'wages', 0.1), item('a', 'transfer', 0.2)], 30, 0.3],
    ['a third, rounded down', ['a', 'b', 'c'], [item('a', 'wages', 1000)], 33333, 333.33],
    ['two thirds, rounded up', ['a', 'b', 'c'], [item('a', 'wages', 2000)], 66667, 666.67],
    ['half a fen rounds up', ['a', 'b'], [item('a', 'wages', 0.01)], 1, 0.01],
    [
      'yearly amounts not divisible by 12 stay exact until the end',
      ['a'],
      [item('a', 'property', 100, 'yearly'), item('a', 'property', 100, 'yearly')],
      1667,
      16.67,
    ],
    [
      'income of people outside the household is ignored',
      ['a'],
      [item('a', 'wages', 800), item('x', 'wages', 5000)],
      80000,
      800,
    ],
    [
      'the basic pension is not counted by default',
      ['a'],
      [item('a', 'wages', 800), item('a', 'basicPension', 900)],
      80000,
      800,
    ],
  ])('%s', (_name, memberIds, items, perCapitaFen, perCapitaYuan) => {
    const income = assessHouseholdIncome(memberIds, items, DEFAULT_COUNTY_POLICY);
    expect(income.perCapitaMonthlyFen).toBe(perCapitaFen);
    expect(income.perCapitaMonthlyYuan).toBe(perCapitaYuan);
    expect(income.memberCount).toBe(memberIds.length);
  });

  test.each(DEFAULT_COUNTY_POLICY.incomeNotCounted.map((kind) => [kind, INCOME_KINDS[kind]]))(
    'by default leaves out %s (%s)',
    (kind) => {
      const income = assessHouseholdIncome(
        ['a'],
        [item('a', kind as IncomeKind, 500)],
        DEFAULT_COUNTY_POLICY,
      );
      expect(income.annualFen).toBe(0);
      expect(income.items[0]?.status).toBe('kindNotCounted');
    },
  );

  test.each<[string, IncomeKind[], number]>([
    ['a county that counts the basic pension', [], 90000],
    ['a county that leaves out wages too', ['wages', 'basicPension'], 0],
  ])('%s', (_name, incomeNotCounted, expectedPerCapitaFen) => {
    const income = assessHouseholdIncome(['a'], [item('a', 'wages', 400), item('a', 'basicPension', 500)], {
      incomeNotCounted,
    });
    expect(income.perCapitaMonthlyFen).toBe(expectedPerCapitaFen);
  });

  test('reports every item with its monthly amount and status', () => {
    const income = assessHouseholdIncome(
      ['a', 'b'],
      [item('a', 'wages', 1200), item('b', 'scholarship', 3000, 'yearly'), item('x', 'wages', 100, 'yearly')],
      DEFAULT_COUNTY_POLICY,
    );
    expect(income.items.map((i) => [i.memberId, i.monthlyFen, i.status])).toEqual([
      ['a', 120000, 'counted'],
      ['b', 25000, 'kindNotCounted'],
      ['x', 833, 'notHouseholdMember'],
    ]);
    expect([income.annualFen, income.monthlyFen]).toEqual([1440000, 120000]);
  });

  test.each<[string, string[], IncomeItem[], string]>([
    ['no counted members', [], [], 'at least one counted member'],
    ['a negative amount', ['a'], [item('a', 'business', -10)], 'cannot be negative'],
    ['fractions of a fen', ['a'], [item('a', 'wages', 10.005)], 'more than 2 decimals'],
  ])('rejects %s', (_name, memberIds, items, message) => {
    expect(() => assessHouseholdIncome(memberIds, items, DEFAULT_COUNTY_POLICY)).toThrow(message);
  });
});
