import { DEFAULT_COUNTY_POLICY, parseCountyPolicy, type CountyPolicy } from '../../domain/county-policy';
import {
  repeatWindowEnds,
  repeatWindowStart,
  TEMPORARY_CAUSES,
  temporaryAmount,
  temporaryClaimGroup,
  urgentGrantProblem,
  type TemporaryCause,
} from '../../domain/temporary-assistance';

const policyWith = (
  temporaryAssistance: Partial<CountyPolicy['temporaryAssistance']> = {},
): Pick<CountyPolicy, 'temporaryAssistance'> => ({
  temporaryAssistance: { ...DEFAULT_COUNTY_POLICY.temporaryAssistance, ...temporaryAssistance },
});

/** 2026-12-01 10:00 in the prefecture (UTC+8). */
const at = (localDateTime: string) => new Date(`${localDateTime}+08:00`).getTime();

describe('temporaryAmount: months of the 低保 standard by cause, capped, no more than the expense', () => {
  test.each<
    [
      string,
      TemporaryCause,
      number,
      number | null,
      Partial<CountyPolicy['temporaryAssistance']>,
      number,
      string,
    ]
  >([
    // name, cause, standard, expense, policy, amount, limited by
    ['fire: 6 months of 1100', 'fire', 1100, null, {}, 6600, 'cause'],
    ['traffic accident: 4 months', 'trafficAccident', 1100, null, {}, 4400, 'cause'],
    ['serious illness: 6 months', 'seriousIllness', 1100, null, {}, 6600, 'cause'],
    ['sudden accident: 3 months', 'suddenAccident', 1100, null, {}, 3300, 'cause'],
    ['expense surge: 3 months', 'essentialExpenseSurge', 1100, null, {}, 3300, 'cause'],
    ['a smaller verified expense wins', 'fire', 1100, 2500.5, {}, 2500.5, 'expense'],
    ['a larger expense changes nothing', 'fire', 1100, 90000, {}, 6600, 'cause'],
    ['an expense equal to the rule is the rule', 'fire', 1100, 6600, {}, 6600, 'cause'],
    [
      'the cap: 18 months asked, 12 allowed',
      'fire',
      1000,
      null,
      { monthsOfStandard: { ...DEFAULT_COUNTY_POLICY.temporaryAssistance.monthsOfStandard, fire: 18 } },
      12000,
      'cap',
    ],
    [
      'half months round half up to the yuan: 1.5 × 1101 = 1651.5 → 1652',
      'suddenAccident',
      1101,
      null,
      {
        monthsOfStandard: {
          ...DEFAULT_COUNTY_POLICY.temporaryAssistance.monthsOfStandard,
          suddenAccident: 1.5,
        },
      },
      1652,
      'cause',
    ],
    ['a standard with fen: 3 × 1100.50 = 3301.5 → 3302', 'suddenAccident', 1100.5, null, {}, 3302, 'cause'],
    ['a cap of 0 months grants nothing', 'fire', 1100, null, { capMonthsOfStandard: 0 }, 0, 'cap'],
  ])('%s', (_name, cause, standardYuan, expenseYuan, policy, amountYuan, limitedBy) => {
    const amount = temporaryAmount({ cause, standardYuan, expenseYuan }, policyWith(policy));
    expect(amount.amountYuan).toBe(amountYuan);
    expect(amount.limitedBy).toBe(limitedBy);
    expect(amount.explanation).toContain(TEMPORARY_CAUSES[cause]);
  });

  test('the parts are kept for the log and the letter', () => {
    expect(
      temporaryAmount({ cause: 'fire', standardYuan: 1100, expenseYuan: 3000 }, DEFAULT_COUNTY_POLICY),
    ).toEqual({
      byCauseYuan: 6600,
      capYuan: 13200,
      expenseYuan: 3000,
      amountYuan: 3000,
      limitedBy: 'expense',
      explanation: '火灾按低保标准 1100 元的 6 个月计 6600 元，按核实的自负支出 3000 元给予',
    });
  });
});

describe('urgentGrantProblem: 先行救助 within the county cap, cash or goods at their value', () => {
  test.each<[string, Parameters<typeof urgentGrantProblem>[0], number, boolean]>([
    ['cash under the cap', { kind: 'cash', amountYuan: 2000 }, 3000, true],
    ['cash at the cap', { kind: 'cash', amountYuan: 3000 }, 3000, true],
    ['cash a fen over the cap', { kind: 'cash', amountYuan: 3000.01 }, 3000, false],
    [
      'goods valued under the cap',
      { kind: 'goods', goods: '棉被 4 床、大米 50 公斤', valueYuan: 800 },
      3000,
      true,
    ],
    ['goods valued over the cap', { kind: 'goods', goods: '帐篷', valueYuan: 3500 }, 3000, false],
    ['a county with a cap of 5000', { kind: 'cash', amountYuan: 4500 }, 5000, true],
  ])('%s', (_name, grant, cap, allowed) => {
    const problem = urgentGrantProblem(grant, policyWith({ urgentCapYuan: cap }));
    if (allowed) expect(problem).toBeNull();
    else expect(problem).toContain(`上限 ${cap} 元`);
  });
});

describe('once per person per cause per year', () => {
  test('each cause is its own claim group', () => {
    const groups = (Object.keys(TEMPORARY_CAUSES) as TemporaryCause[]).map(temporaryClaimGroup);
    expect(new Set(groups).size).toBe(groups.length);
    expect(temporaryClaimGroup('fire')).toBe('temporary:fire');
  });

  const granted = at('2026-12-01T10:00:00');
  test.each<[string, string, number, boolean]>([
    // application made at, window months, still blocked by the grant of 2026-12-01 10:00
    ['the same day', '2026-12-01T18:00:00', 12, true],
    ['eleven months on', '2027-11-01T09:00:00', 12, true],
    ['the day before the anniversary', '2027-11-30T23:59:00', 12, true],
    ['the anniversary', '2027-12-01T00:00:00', 12, false],
    ['after the year', '2028-01-15T09:00:00', 12, false],
    ['a county window of 6 months: seven months on', '2027-07-01T09:00:00', 6, false],
    ['a county window of 6 months: five months on', '2027-05-01T09:00:00', 6, true],
    ['no window: the next day', '2026-12-02T09:00:00', 0, false],
  ])('%s', (_name, appliedAt, repeatWindowMonths, blocked) => {
    const policy = policyWith({ repeatWindowMonths });
    const now = at(appliedAt);
    // The two statements of the window agree: a grant at or after the start still blocks.
    expect(granted >= repeatWindowStart(now, policy)).toBe(blocked);
    expect(repeatWindowEnds(granted, policy) > now).toBe(blocked);
  });

  test('the defaults: once a year, urgent grants up to 3000, a 15-working-day procedure', () => {
    const policy = parseCountyPolicy({});
    expect(policy.temporaryAssistance.repeatWindowMonths).toBe(12);
    expect(policy.temporaryAssistance.urgentCapYuan).toBe(3000);
    expect(policy.temporaryAssistance.stepLimits.overall).toEqual({ days: 15, unit: 'working' });
    // A county that changed one figure keeps the others.
    const changed = parseCountyPolicy({ temporaryAssistance: { monthsOfStandard: { fire: 8 } } });
    expect(changed.temporaryAssistance.monthsOfStandard).toMatchObject({ fire: 8, trafficAccident: 4 });
  });
});
