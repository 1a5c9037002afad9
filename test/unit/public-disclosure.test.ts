import { monthsEndingAt, publicCount } from '../../domain/public-disclosure';

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
