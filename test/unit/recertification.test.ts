import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import type { IncomeItem } from '../../domain/income';
import {
  decideRecertification,
  householdStability,
  membersWhoFoundWork,
  recertificationMonths,
  type LabourCapacity,
} from '../../domain/recertification';

const ON = '2027-06-15';
const member = (id: string, birthDate: string, labourCapacity: LabourCapacity, inSchool = false) => ({
  id,
  name: `成员${id}`,
  birthDate,
  labourCapacity,
  inSchool: inSchool ? { stage: 'seniorSecondary' as const } : null,
});
const wages = (memberId: string, amountYuan: number): IncomeItem => ({
  memberId,
  kind: 'wages',
  amountYuan,
  period: 'monthly',
});

describe('householdStability and the review interval', () => {
  test.each([
    [
      'an elderly couple unable to work',
      [member('a', '1950-01-01', 'NONE'), member('b', '1952-01-01', 'NONE')],
      [],
      'stable',
      12,
    ],
    ['a 40-year-old with partial capacity', [member('a', '1987-01-01', 'PARTIAL')], [], 'irregular', 6],
    ['a 40-year-old with full capacity', [member('a', '1987-01-01', 'FULL')], [], 'irregular', 6],
    ['a 40-year-old unable to work', [member('a', '1987-01-01', 'NONE')], [], 'stable', 12],
    [
      'a student of 17 able to work is in school',
      [member('a', '1950-01-01', 'NONE'), member('s', '2010-01-01', 'FULL', true)],
      [],
      'stable',
      12,
    ],
    ['16 on the day: working age', [member('a', '2011-06-15', 'FULL')], [], 'irregular', 6],
    ['one day before 16', [member('a', '2011-06-16', 'FULL')], [], 'stable', 12],
    ['60 on the day: past working age', [member('a', '1967-06-15', 'FULL')], [], 'stable', 12],
    [
      'business income makes it irregular',
      [member('a', '1950-01-01', 'NONE')],
      [{ memberId: 'a', kind: 'business' as const, amountYuan: 200, period: 'monthly' as const }],
      'irregular',
      6,
    ],
    [
      'a business that earned nothing does not',
      [member('a', '1950-01-01', 'NONE')],
      [{ memberId: 'a', kind: 'business' as const, amountYuan: 0, period: 'monthly' as const }],
      'stable',
      12,
    ],
  ])('%s → %s, every %i months', (_, members, incomes, kind, months) => {
    const stability = householdStability(members, incomes, ON);
    expect(stability.kind).toBe(kind);
    expect(recertificationMonths(stability, DEFAULT_COUNTY_POLICY)).toBe(months);
  });

  test('a county reviewing quarterly sets irregularMonths to 3', () => {
    const stability = householdStability([member('a', '1987-01-01', 'FULL')], [], ON);
    expect(
      recertificationMonths(stability, { recertification: { stableMonths: 12, irregularMonths: 3 } }),
    ).toBe(3);
  });
});

describe('membersWhoFoundWork', () => {
  test.each([
    ['no wages before, wages now', [], [wages('a', 2000)], ['a']],
    ['wages before and now', [wages('a', 300)], [wages('a', 2000)], []],
    ['wages of 0 before count as none', [wages('a', 0)], [wages('a', 1500)], ['a']],
    [
      'a pension is not work',
      [],
      [{ memberId: 'a', kind: 'basicPension' as const, amountYuan: 900, period: 'monthly' as const }],
      [],
    ],
    ['two members, one new', [wages('a', 300)], [wages('a', 300), wages('b', 1800)], ['b']],
  ])('%s', (_, before, now, expected) => {
    expect(membersWhoFoundWork(before, now)).toEqual(expected);
  });
});

describe('decideRecertification', () => {
  const eligible = (proposedMonthlyYuan: number) => ({ eligible: true, proposedMonthlyYuan, reasons: [] });
  const notEligible = (...codes: ('incomeNotBelowStandard' | 'ownsVehicle')[]) => ({
    eligible: false,
    proposedMonthlyYuan: 0,
    reasons: codes.map((code) => ({ code, text: code })),
  });
  const policy = { phaseOutMonths: 6 };

  test.each([
    ['same amount: no material change', 1660, eligible(1660), [], { kind: 'continue', amountYuan: 1660 }],
    ['more', 1660, eligible(1960), [], { kind: 'increase', fromYuan: 1660, toYuan: 1960 }],
    ['less', 1660, eligible(1360), [], { kind: 'reduce', fromYuan: 1660, toYuan: 1360 }],
    [
      'income above the standard, a member found work: phase-out',
      1660,
      notEligible('incomeNotBelowStandard'),
      ['b'],
      { kind: 'stop', incomeAboveStandard: true, phaseOutMonths: 6 },
    ],
    [
      'income above the standard, no one found work: stop now',
      1660,
      notEligible('incomeNotBelowStandard'),
      [],
      { kind: 'stop', incomeAboveStandard: true, phaseOutMonths: 0 },
    ],
    [
      'a vehicle: stop now, even if someone found work',
      1660,
      notEligible('ownsVehicle'),
      ['b'],
      { kind: 'stop', incomeAboveStandard: false, phaseOutMonths: 0 },
    ],
    [
      'income and a vehicle: no phase-out',
      1660,
      notEligible('incomeNotBelowStandard', 'ownsVehicle'),
      ['b'],
      { kind: 'stop', incomeAboveStandard: false, phaseOutMonths: 0 },
    ],
  ])('%s', (_, currentYuan, assessment, foundWork, expected) => {
    expect(decideRecertification({ currentYuan, assessment, foundWork, policy })).toMatchObject(expected);
  });

  test('a county without a phase-out stops at once', () => {
    const outcome = decideRecertification({
      currentYuan: 1660,
      assessment: notEligible('incomeNotBelowStandard'),
      foundWork: ['b'],
      policy: { phaseOutMonths: 0 },
    });
    expect(outcome).toMatchObject({ kind: 'stop', phaseOutMonths: 0 });
  });
});
