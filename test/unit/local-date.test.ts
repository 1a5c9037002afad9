import { localDateSchema } from '../../domain/step-decisions';

describe('a local date is a day that exists, in the years of these records', () => {
  test.each(['2026-02-28', '2028-02-29', '2026-12-31', '1900-01-01', '2100-12-31'])('%s is taken', (date) => {
    expect(localDateSchema.safeParse(date).success).toBe(true);
  });

  // Found by the fuzz suite: these passed the format and `new Date` rolled them into March or kept
  // them as year 0 or 9999 (a standard effective from 2026-02-30 was stored as 2026-03-02).
  test.each([
    '2026-02-29',
    '2026-02-30',
    '2026-04-31',
    '0000-01-01',
    '1899-12-31',
    '2101-01-01',
    '9999-12-31',
  ])('%s is refused', (date) => {
    const issues = localDateSchema.safeParse(date).error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/no such date/)]);
  });

  test('a string of another shape is refused for its format only', () => {
    const issues = localDateSchema.safeParse('2026-2-3').error?.issues ?? [];
    expect(issues.map((i) => i.message)).toEqual(['日期格式应为 YYYY-MM-DD']);
  });
});
