import {
  addToMonth,
  followingMonth,
  monthOf,
  monthsBetween,
  monthStart,
  sameDayMonthsLater,
} from '../../domain/benefit-months';
import { overpayment } from '../../domain/enrolment-exit';

describe('benefit months on the prefecture calendar (UTC+8)', () => {
  test.each([
    ['2026-12-31T15:59:59Z', '2026-12'],
    ['2026-12-31T16:00:00Z', '2027-01'], // midnight in Dali
    ['2027-02-28T12:00:00Z', '2027-02'],
  ])('%s falls in %s', (instant, month) => {
    expect(monthOf(new Date(instant))).toBe(month);
  });

  test.each([
    ['2026-12', 1, '2027-01'],
    ['2027-01', -1, '2026-12'],
    ['2027-06', 6, '2027-12'],
    ['2027-11', 14, '2029-01'],
  ])('%s + %i months = %s', (month, n, expected) => {
    expect(addToMonth(month, n)).toBe(expected);
  });

  test('benefits start the month after the day, local time', () => {
    expect(followingMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2027-02');
    expect(followingMonth(new Date('2026-12-31T15:30:00Z'))).toBe('2027-01');
  });

  test('a month begins at 00:00 local on its first day', () => {
    expect(new Date(monthStart('2027-01')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  test.each([
    ['2027-01', '2027-01', 0],
    ['2027-01', '2027-07', 6],
    ['2027-07', '2027-01', -6],
    ['2026-11', '2028-02', 15],
  ])('from %s to %s: %i months', (from, to, n) => {
    expect(monthsBetween(from, to)).toBe(n);
  });

  test.each([
    ['2027-01-15T02:00:00Z', 12, '2028-01-14T16:00:00.000Z'],
    ['2027-08-31T02:00:00Z', 6, '2028-02-28T16:00:00.000Z'], // clamped to the month's end
  ])('the same local day %s + %i months starts at %s', (instant, months, expected) => {
    expect(new Date(sameDayMonthsLater(new Date(instant), months)).toISOString()).toBe(expected);
  });
});

describe('overpayment after fraud', () => {
  const paid = [
    { month: '2027-01', amountYuan: 1660 },
    { month: '2027-02', amountYuan: 1660 },
    { month: '2027-03', amountYuan: 1960.5 },
    { month: '2027-04', amountYuan: 1960.5 },
  ];

  test.each([
    ['from the first month: everything', '2027-01', ['2027-01', '2027-02', '2027-03', '2027-04'], 7241],
    ['from a later month', '2027-03', ['2027-03', '2027-04'], 3921],
    ['from before the benefit began', '2026-06', ['2027-01', '2027-02', '2027-03', '2027-04'], 7241],
    ['from after the last payment: nothing', '2027-05', [], 0],
  ])('%s', (_, from, months, totalYuan) => {
    expect(overpayment(paid, from)).toEqual({ months, totalYuan });
  });

  test('the roster order does not matter', () => {
    expect(overpayment([...paid].reverse(), '2027-02').months).toEqual(['2027-02', '2027-03', '2027-04']);
  });
});
