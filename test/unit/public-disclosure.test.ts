import { monthsEndingAt, publicCount, publicTally, suppressedParts } from '../../domain/public-disclosure';

describe('publicCount: small counts are suppressed', () => {
  test.each([
    [0, 0],
    [1, '<3'],
    [2, '<3'],
    [3, 3],
    [250, 250],
  ])('%p → %p', (count, shown) => {
    expect(publicCount(count)).toBe(shown);
  });
});

describe('monthsEndingAt: the months the page lists', () => {
  test.each([
    ['2026-11-30', 3, ['2026-09', '2026-10', '2026-11']],
    ['2026-02-01', 4, ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-01-15', 1, ['2026-01']],
  ])('%s, %p months', (date, count, months) => {
    expect(monthsEndingAt(date, count)).toEqual(months);
  });

  test('twelve by default, ending with the month itself', () => {
    const months = monthsEndingAt('2026-11-30');
    expect(months).toHaveLength(12);
    expect([months[0], months.at(-1)]).toEqual(['2025-12', '2026-11']);
  });
});

describe('publicTally: a small group hides its people too', () => {
  test.each([
    [1, 4, { households: '<3', people: null }],
    [2, 2, { households: '<3', people: null }],
    [3, 7, { households: 3, people: 7 }],
  ])('%p households, %p people', (households, people, shown) => {
    expect(publicTally(households, people)).toEqual(shown);
  });
});

describe('suppressedParts: small parts, and enough others that the total does not name them', () => {
  test.each([
    ['none small', [5, 8, 3], [false, false, false]],
    ['one of one household beside a shown part: the smallest shown goes too', [3, 1], [true, true]],
    ['the smallest shown is the one withheld', [9, 1, 4], [false, true, true]],
    ['small parts of three households in all need no other', [5, 1, 2], [false, true, true]],
    ['two small parts of one each: one more withheld', [1, 6, 1, 3], [true, false, true, true]],
    ['a part alone is suppressed, nothing else to withhold', [2], [true]],
    ['empty parts are never counted', [0, 4, 7], [false, false, false]],
  ])('%s: %p', (_why, households, suppressed) => {
    expect(suppressedParts(households)).toEqual(suppressed);
  });
});
