import {
  CALENDAR_WARNING_FROM,
  calendarYearRows,
  missingCalendarYears,
  uncalendaredYears,
} from '../../domain/calendar-years';

/** An instant given on the Shanghai wall clock. */
const at = (localDate: string, time = '10:00') => new Date(`${localDate}T${time}:00+08:00`);

describe('missingCalendarYears: what the administrators are warned of, by date', () => {
  test('the warning starts on 1 October', () => {
    expect(CALENDAR_WARNING_FROM).toEqual({ month: 10, day: 1 });
  });

  test.each([
    // today, loaded years, warned of
    ['2026-09-30', [2026], []],
    ['2026-10-01', [2026], [2027]],
    ['2026-11-30', [2026], [2027]],
    ['2026-12-31', [2026], [2027]],
    ['2026-11-30', [2026, 2027], []],
    ['2027-01-01', [2026], [2027]], // the new year began without it: still warned
    ['2027-01-01', [2026, 2027], []],
    ['2027-03-15', [], [2027]],
    ['2027-10-08', [], [2027, 2028]],
    ['2027-10-08', [2028], [2027]],
  ])('on %s with %j loaded: %j', (today, loaded, expected) => {
    expect(missingCalendarYears(today, loaded)).toEqual(expected);
  });

  test.each([
    ['2026-08-31', [2026], []],
    ['2026-09-01', [2026], [2027]],
  ])('from another day (1 September) on %s: %j', (today, loaded, expected) => {
    expect(missingCalendarYears(today, loaded, { month: 9, day: 1 })).toEqual(expected);
  });
});

describe('uncalendaredYears: the years a deadline was counted over without their calendar', () => {
  test.each([
    // from, to (local), loaded, not loaded
    ['2026-11-30', '2026-12-03', [2026], []],
    ['2026-11-30', '2027-01-12', [2026], [2027]],
    ['2026-11-30', '2027-01-12', [2026, 2027], []],
    ['2025-12-20', '2026-01-08', [2026], [2025]],
    ['2025-12-20', '2028-01-08', [2026], [2025, 2027, 2028]],
    ['2027-02-01', '2027-02-10', [], [2027]],
  ])('%s → %s with %j loaded: %j', (from, to, loaded, expected) => {
    expect(uncalendaredYears(at(from), at(to), loaded)).toEqual(expected);
  });

  test('years are the prefecture’s: 31 December 17:00 UTC is already 1 January in Dali', () => {
    const due = new Date('2026-12-31T17:00:00Z');
    expect(uncalendaredYears(at('2026-12-20'), due, [2026])).toEqual([2027]);
    expect(uncalendaredYears(at('2026-12-20'), new Date('2026-12-31T15:59:59Z'), [2026])).toEqual([]);
  });
});

describe('calendarYearRows: the loaded years, and this year and next whether loaded or not', () => {
  test.each([
    [
      'this year loaded, next not',
      [{ year: 2026, holidays: 19, workdays: 6 }],
      '2026-11-30',
      [
        { year: 2026, holidays: 19, workdays: 6, loaded: true },
        { year: 2027, holidays: 0, workdays: 0, loaded: false },
      ],
    ],
    [
      'older years kept, both loaded',
      [
        { year: 2025, holidays: 18, workdays: 5 },
        { year: 2027, holidays: 20, workdays: 4 },
        { year: 2026, holidays: 19, workdays: 6 },
      ],
      '2026-03-01',
      [
        { year: 2025, holidays: 18, workdays: 5, loaded: true },
        { year: 2026, holidays: 19, workdays: 6, loaded: true },
        { year: 2027, holidays: 20, workdays: 4, loaded: true },
      ],
    ],
    [
      'none loaded',
      [],
      '2027-05-01',
      [
        { year: 2027, holidays: 0, workdays: 0, loaded: false },
        { year: 2028, holidays: 0, workdays: 0, loaded: false },
      ],
    ],
  ])('%s', (_name, loaded, today, expected) => {
    expect(calendarYearRows(loaded, today)).toEqual(expected);
  });
});
