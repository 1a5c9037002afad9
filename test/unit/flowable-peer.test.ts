import { casesInput, jdbcUrl, peerFiguresSchema } from '../../bench/flowable-process';

describe('the Flowable peer bench: what goes to the Java process and what comes back', () => {
  it.each([
    [
      'postgresql://postgres:secret@localhost:5433/jiuzhu_bench',
      'jdbc:postgresql://localhost:5433/jiuzhu_bench?user=postgres&password=secret',
    ],
    [
      'postgres://u%40x:p%26w@db.local/cases?sslmode=disable',
      'jdbc:postgresql://db.local/cases?sslmode=disable&user=u%40x&password=p%26w',
    ],
    ['postgresql://localhost:5432/jiuzhu', 'jdbc:postgresql://localhost:5432/jiuzhu'],
  ])('turns %s into a pgjdbc URL', (databaseUrl, expected) => {
    expect(jdbcUrl(databaseUrl)).toBe(expected);
  });

  it('refuses a URL that is not PostgreSQL', () => {
    expect(() => jdbcUrl('mysql://localhost/jiuzhu')).toThrow('not a PostgreSQL URL');
  });

  it('writes one tab-separated case a line, in the order the peer reads', () => {
    const input = casesInput([
      { caseId: 'c1', townshipId: 't1', villageId: 'v1', countyId: 'k1' },
      { caseId: 'c2', townshipId: 't2', villageId: 'v2', countyId: 'k2' },
    ]);
    expect(input).toBe('c1\tt1\tv1\tk1\nc2\tt2\tv2\tk2\n');
  });

  const figures = {
    engine: 'Flowable 7.1.0.0',
    households: 2,
    completed: 2,
    wallMs: 1820.5,
    engineReadyMs: 6000,
    poolSize: 20,
    updateMs: { acceptance: [321.2, 472.7] },
    stepToStepMs: { acceptance: [27.4, 37.5] },
    noticeShortcutMs: [366.9, 490.5],
    readModelWriteMs: [1.2, 3.4],
    rowsWritten: 560,
    commits: 900,
    historicActivitiesPerCase: [42, 42],
    failures: [],
  };

  it('reads the figures the peer prints', () => {
    expect(peerFiguresSchema.parse(figures)).toEqual(figures);
  });

  it.each([
    ['a negative latency', { updateMs: { acceptance: [-1] } }],
    ['a missing field', { wallMs: undefined }],
    ['a fractional case count', { completed: 1.5 }],
  ])('refuses figures with %s', (_, change) => {
    expect(peerFiguresSchema.safeParse({ ...figures, ...change }).success).toBe(false);
  });
});
