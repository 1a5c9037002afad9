import { parseCalendarCsv } from '../../api/schemas/calendar-csv';

describe('the calendar file: date,kind,name, all rows or none', () => {
  test.each([
    ['with a header and a BOM', '\uFEFFdate,kind,name\r\n2026-10-01,HOLIDAY,国庆节\r\n'],
    ['without a header, quoted fields', '"2026-10-01","HOLIDAY","国庆节"'],
    ['blank lines and spaces around fields', '\n 2026-10-01 , HOLIDAY , 国庆节 \n\n'],
  ])('%s', (_, text) => {
    expect(parseCalendarCsv(2026, text)).toEqual({
      ok: true,
      days: [{ date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' }],
    });
  });

  test('days come back in date order; a holiday may fall on a weekend inside a holiday', () => {
    const parsed = parseCalendarCsv(
      2026,
      '2026-10-04,HOLIDAY,国庆节\n2026-10-03,HOLIDAY,国庆节\n2026-09-20,WORKDAY,调休',
    );
    expect(parsed.ok && parsed.days.map((d) => d.date)).toEqual(['2026-09-20', '2026-10-03', '2026-10-04']);
  });

  test.each<[string, string, { row?: number; column?: string; message: string }]>([
    [
      'an impossible date',
      '2026-02-30,HOLIDAY,春节',
      { row: 1, column: 'date', message: '第 1 行 date 列：「2026-02-30」不是有效日期，格式应为 YYYY-MM-DD' },
    ],
    [
      'another year',
      'date,kind,name\n2027-01-01,HOLIDAY,元旦',
      { row: 2, column: 'date', message: '第 2 行 date 列：2027-01-01 不在 2026 年内' },
    ],
    [
      'an unknown kind',
      '2026-10-01,holiday,国庆节',
      {
        row: 1,
        column: 'kind',
        message: '第 1 行 kind 列：「holiday」应为 HOLIDAY（放假）或 WORKDAY（调休上班）',
      },
    ],
    [
      'a weekday declared a working day',
      '2026-10-08,WORKDAY,调休',
      {
        row: 1,
        column: 'kind',
        message: '第 1 行 kind 列：2026-10-08 是周四，本来就上班；调休上班日（WORKDAY）应为周六或周日',
      },
    ],
    [
      'no name',
      '2026-10-01,HOLIDAY,',
      { row: 1, column: 'name', message: '第 1 行 name 列：请填写名称，如「国庆节」' },
    ],
    [
      'a control character in the name',
      '2026-10-01,HOLIDAY,国庆\u0007节',
      {
        row: 1,
        column: 'name',
        message:
          '第 1 行 name 列：含有不能保存的控制字符 U+0007，请删除后再提交 (control character not allowed)',
      },
    ],
    [
      'too few columns',
      '2026-10-01,HOLIDAY',
      { row: 1, message: '第 1 行：应有 3 列（date,kind,name），实有 2 列' },
    ],
    ['an unclosed quote', '"2026-10-01,HOLIDAY,国庆节', { row: 1, message: '第 1 行：引号不成对' }],
    [
      'nothing but a header',
      'date,kind,name\n',
      { message: '文件中没有 2026 年的日期（每行一天：date,kind,name）' },
    ],
  ])('%s is named by row and column', (_, text, problem) => {
    expect(parseCalendarCsv(2026, text)).toEqual({ ok: false, problems: [problem] });
  });

  test('every bad row is named, a date twice by both lines, and nothing is returned to write', () => {
    const parsed = parseCalendarCsv(
      2026,
      [
        '2026-10-01,HOLIDAY,国庆节',
        '2026-10-02,HOLIDAY,国庆节',
        '2026-13-01,HOLIDAY,x',
        '2026-10-01,HOLIDAY,国庆节',
      ].join('\n'),
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ row: 3, column: 'date' }),
        { row: 4, column: 'date', message: '第 4 行 date 列：2026-10-01 与第 1 行重复' },
      ],
    });
  });
});
