import {
  NO_HOLIDAYS,
  addCalendarDays,
  addWorkingDays,
  deadlineAfter,
  isWorkingDay,
  localDateOf,
  workingDaysLeft,
  type HolidayCalendar,
} from '../../domain/working-days';

// National Day week: 1–7 Oct are off (the weekday ones listed), Sun 20 Sep and Sat 10 Oct are 调休 working days.
const NATIONAL_DAY: HolidayCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-09-20', '2026-10-10'],
};

/** An instant given on the Shanghai wall clock. */
const at = (localDate: string, time = '10:00') => new Date(`${localDate}T${time}:00+08:00`);
const endOf = (localDate: string) => new Date(`${localDate}T23:59:59.999+08:00`);

describe('isWorkingDay', () => {
  test.each([
    ['2026-11-27', NO_HOLIDAYS, true], // Friday
    ['2026-11-28', NO_HOLIDAYS, false], // Saturday
    ['2026-10-01', NATIONAL_DAY, false], // holiday on a Thursday
    ['2026-10-01', NO_HOLIDAYS, true],
    ['2026-10-10', NATIONAL_DAY, true], // 调休 Saturday
    ['2026-10-10', NO_HOLIDAYS, false],
    ['2026-10-03', NATIONAL_DAY, false],
  ])('%s → %s', (date, calendar, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });
});

describe('localDateOf reads the Asia/Shanghai wall clock', () => {
  test.each([
    ['2026-11-27T15:59:59.999Z', '2026-11-27'],
    ['2026-11-27T16:00:00Z', '2026-11-28'],
    ['2026-11-27T17:00:00Z', '2026-11-28'], // already Saturday in Shanghai
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('%s → %s', (instant, expected) => {
    expect(localDateOf(new Date(instant))).toBe(expected);
  });
});

describe('addWorkingDays ends on the last day of the limit, the starting day not counted', () => {
  test.each([
    ['Monday + 3', at('2026-11-23'), 3, NO_HOLIDAYS, '2026-11-26'],
    ['Thursday + 3 over a weekend', at('2026-11-26'), 3, NO_HOLIDAYS, '2026-12-01'],
    ['Friday + 1', at('2026-11-27'), 1, NO_HOLIDAYS, '2026-11-30'],
    ['Saturday + 1', at('2026-11-28'), 1, NO_HOLIDAYS, '2026-11-30'],
    ['Saturday + 0 is the end of that day', at('2026-11-28'), 0, NO_HOLIDAYS, '2026-11-28'],
    ['before National Day + 1 skips the holidays', at('2026-09-30'), 1, NATIONAL_DAY, '2026-10-08'],
    ['before National Day + 3 counts the 调休 Saturday', at('2026-09-30'), 3, NATIONAL_DAY, '2026-10-10'],
    ['without the calendar the holidays are working days', at('2026-09-30'), 1, NO_HOLIDAYS, '2026-10-01'],
    ['Friday + 1 lands on the 调休 Sunday', at('2026-09-18'), 1, NATIONAL_DAY, '2026-09-20'],
    ['Friday + 1 without the calendar', at('2026-09-18'), 1, NO_HOLIDAYS, '2026-09-21'],
    ['17:00Z Friday is Saturday in Shanghai', new Date('2026-11-27T17:00:00Z'), 0, NO_HOLIDAYS, '2026-11-28'],
    ['16:30Z Thursday is Friday in Shanghai', new Date('2026-11-26T16:30:00Z'), 1, NO_HOLIDAYS, '2026-11-30'],
    ['15:30Z Thursday is still Thursday', new Date('2026-11-26T15:30:00Z'), 1, NO_HOLIDAYS, '2026-11-27'],
    ['a timestamp works like a Date', at('2026-11-23').getTime(), 3, NO_HOLIDAYS, '2026-11-26'],
  ])('%s', (_name, start, days, calendar, expectedLocalDate) => {
    expect(addWorkingDays(start, days, calendar)).toEqual(endOf(expectedLocalDate));
  });

  test.each([-1, 1.5, Number.NaN])('rejects %s days', (days) => {
    expect(() => addWorkingDays(at('2026-11-23'), days, NO_HOLIDAYS)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  test.each([
    ['Monday + 7', at('2026-11-23'), 7, '2026-11-30'],
    ['over National Day, holidays included', at('2026-09-30'), 7, '2026-10-07'],
    ['+ 0', at('2026-11-23'), 0, '2026-11-23'],
    ['Shanghai Saturday + 7', new Date('2026-11-27T17:00:00Z'), 7, '2026-12-05'],
    ['across the year end', at('2026-12-28'), 7, '2027-01-04'],
  ])('%s', (_name, start, days, expectedLocalDate) => {
    expect(addCalendarDays(start, days)).toEqual(endOf(expectedLocalDate));
  });

  test.each([-1, 0.5])('rejects %s days', (days) => {
    expect(() => addCalendarDays(at('2026-11-23'), days)).toThrow(RangeError);
  });
});

describe('deadlineAfter follows the unit of the limit', () => {
  test.each([
    [{ days: 7, unit: 'calendar' as const }, '2026-10-07'],
    [{ days: 3, unit: 'working' as const }, '2026-10-10'],
  ])('%o', (limit, expectedLocalDate) => {
    expect(deadlineAfter(at('2026-09-30'), limit, NATIONAL_DAY)).toEqual(endOf(expectedLocalDate));
  });
});

describe('workingDaysLeft', () => {
  test.each([
    ['Monday to Thursday counts today', at('2026-11-23'), '2026-11-26', NO_HOLIDAYS, 4],
    ['on the deadline day', at('2026-11-26', '23:00'), '2026-11-26', NO_HOLIDAYS, 1],
    ['Friday to Monday', at('2026-11-27'), '2026-11-30', NO_HOLIDAYS, 2],
    ['Saturday to Monday', at('2026-11-28'), '2026-11-30', NO_HOLIDAYS, 1],
    ['17:00Z Friday is a Shanghai Saturday', new Date('2026-11-27T17:00:00Z'), '2026-11-30', NO_HOLIDAYS, 1],
    ['15:00Z Friday is still Friday', new Date('2026-11-27T15:00:00Z'), '2026-11-30', NO_HOLIDAYS, 2],
    ['Saturday to a Sunday deadline', at('2026-11-28'), '2026-11-29', NO_HOLIDAYS, 0],
    ['over National Day', at('2026-09-30'), '2026-10-08', NATIONAL_DAY, 2],
    ['the same span without holidays', at('2026-09-30'), '2026-10-08', NO_HOLIDAYS, 7],
    ['one working day overdue', at('2026-11-27'), '2026-11-26', NO_HOLIDAYS, -1],
    ['the weekend after adds nothing', at('2026-11-28'), '2026-11-26', NO_HOLIDAYS, -1],
    ['Monday after a Thursday deadline', at('2026-11-30'), '2026-11-26', NO_HOLIDAYS, -2],
    ['Tuesday after a Thursday deadline', at('2026-12-01'), '2026-11-26', NO_HOLIDAYS, -3],
    ['the Saturday after a Friday deadline is overdue', at('2026-11-28'), '2026-11-27', NO_HOLIDAYS, -1],
    ['the Monday after a Sunday (calendar) deadline', at('2026-11-30'), '2026-11-29', NO_HOLIDAYS, -1],
    ['overdue across National Day', at('2026-10-09'), '2026-09-30', NATIONAL_DAY, -2],
  ])('%s', (_name, now, deadlineLocalDate, calendar, expected) => {
    expect(workingDaysLeft(now, endOf(deadlineLocalDate), calendar)).toBe(expected);
  });
});
