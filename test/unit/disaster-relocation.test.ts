import {
  daysBetween,
  firstOfNextMonth,
  returnDateProblem,
  transitionalAidEnd,
  transitionalAidForMonth,
  transitionalAidMonths,
} from '../../domain/disaster-relocation';

// 过渡期生活救助: the entitlement's end, each month's days and amount, the return date's bounds.

test.each([
  ['2026-11-30', 3, '2027-02-28'], // clamped to February's end
  ['2026-11-15', 3, '2027-02-15'],
  ['2027-01-31', 1, '2027-02-28'],
  ['2028-01-31', 1, '2028-02-29'], // leap year
  ['2026-12-01', 0, '2026-12-01'], // no months: nothing paid
  ['2026-06-10', 12, '2027-06-10'],
])('relocated %s for %i months: paid up to, not including, %s', (from, months, end) => {
  expect(transitionalAidEnd(from, months)).toBe(end);
});

test.each([
  ['2026-11-30', '2026-12-01'],
  ['2026-12-01', '2027-01-01'],
  ['2027-02-28', '2027-03-01'],
])('the month after %s starts %s', (day, next) => {
  expect(firstOfNextMonth(day)).toBe(next);
});

test.each([
  ['2026-11-30', '2026-12-01', 1],
  ['2026-11-30', '2026-11-30', 0],
  ['2026-12-05', '2026-11-30', 0],
  ['2027-02-01', '2027-03-01', 28],
  ['2028-02-01', '2028-03-01', 29],
])('%s to %s is %i days', (from, to, days) => {
  expect(daysBetween(from, to)).toBe(days);
});

const terms = { dailyYuan: 20, persons: 1 };

test.each([
  // month, relocated, stop, days, yuan
  ['2026-11', '2026-11-30', '2027-02-28', 1, 20], // the first month: one day
  ['2026-12', '2026-11-30', '2027-02-28', 31, 620], // a whole month
  ['2027-02', '2026-11-30', '2027-02-28', 27, 540], // the last month, up to the limit
  ['2027-01', '2026-11-30', '2027-01-05', 4, 80], // returned on the 5th: 1st–4th
  ['2026-11', '2026-11-10', '2026-11-20', 10, 200], // returned within the first month
])('%s of a relocation %s–%s: %i days, %d yuan', (month, relocatedOn, stopOn, days, yuan) => {
  expect(transitionalAidForMonth(month, { relocatedOn, stopOn }, terms)).toMatchObject({
    days,
    amountYuan: yuan,
  });
});

test('no day of the month relocated: nothing', () => {
  expect(
    transitionalAidForMonth('2027-01', { relocatedOn: '2026-11-30', stopOn: '2027-01-01' }, terms),
  ).toBeNull();
  expect(
    transitionalAidForMonth('2026-10', { relocatedOn: '2026-11-30', stopOn: '2027-01-01' }, terms),
  ).toBeNull();
});

test('a household of 3 at 20.5 yuan a day is paid exactly, in fen', () => {
  expect(
    transitionalAidForMonth(
      '2026-12',
      { relocatedOn: '2026-12-03', stopOn: '2027-01-01' },
      { dailyYuan: 20.5, persons: 3 },
    ),
  ).toEqual({ month: '2026-12', from: '2026-12-03', to: '2027-01-01', days: 29, amountYuan: 1783.5 });
});

test('over the whole 3 months every day is paid once: 90 days from 30 November', () => {
  const months = transitionalAidMonths({ relocatedOn: '2026-11-30', stopOn: '2027-02-28' }, terms);
  expect(months.map((m) => [m.month, m.days, m.amountYuan])).toEqual([
    ['2026-11', 1, 20],
    ['2026-12', 31, 620],
    ['2027-01', 31, 620],
    ['2027-02', 27, 540],
  ]);
  expect(months.reduce((s, m) => s + m.days, 0)).toBe(daysBetween('2026-11-30', '2027-02-28'));
});

const bounds = { relocatedOn: '2026-11-30', paidUntil: '2027-01-01', today: '2027-01-10' };

test.each([
  ['2027-01-05', null],
  ['2027-01-01', null], // the first unpaid day: nothing of January paid
  ['2027-01-10', null], // today
  ['2027-01-11', '不能晚于今天'],
  ['2026-12-31', '已发放至 2026-12-31'],
  ['2026-11-29', '不能早于安置日期'],
])('returned on %s: %s', (returnedOn, problem) => {
  const found = returnDateProblem(returnedOn, bounds);
  if (problem === null) expect(found).toBeNull();
  else expect(found).toContain(problem);
});
