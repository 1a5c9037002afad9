import {
  bedFits,
  bedLevelsFor,
  chooseBed,
  compareWaiting,
  nextEntryForBed,
  positionOf,
  waitingOrder,
  type BedFitRule,
  type QueueBed,
  type QueueEntry,
} from '../../domain/care-home-queue';
import type { CareLevel } from '../../domain/care-level';

const DALI = '532901';
const XIZHOU = '532901003-JLY';
const DALIZHEN = '532901002-JLY';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9));
const entry = (
  id: string,
  careLevel: CareLevel,
  day: number,
  extra: Partial<QueueEntry> = {},
): QueueEntry => ({ id, countyId: DALI, preferredHomeId: null, careLevel, queuedAt: at(day), ...extra });
const bed = (id: string, careLevel: CareLevel, homeId = XIZHOU, label = id): QueueBed => ({
  id,
  homeId,
  countyId: DALI,
  careLevel,
  label,
});
const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

describe('the waiting list order', () => {
  test.each<[string, QueueEntry[], string[]]>([
    [
      'those who cannot look after themselves first, however late they asked',
      [
        entry('self-early', 'selfCare', 1),
        entry('partial-late', 'partialLoss', 9),
        entry('full', 'fullLoss', 5),
      ],
      ['full', 'partial-late', 'self-early'],
    ],
    [
      'partial and full loss are one priority group, ordered by time',
      [entry('full', 'fullLoss', 6), entry('partial', 'partialLoss', 2)],
      ['partial', 'full'],
    ],
    [
      'within a group, by time',
      [entry('c', 'selfCare', 3), entry('a', 'selfCare', 1), entry('b', 'selfCare', 2)],
      ['a', 'b', 'c'],
    ],
    ['the same moment: by id', [entry('y', 'selfCare', 4), entry('x', 'selfCare', 4)], ['x', 'y']],
  ])('%s', (_, entries, expected) => {
    expect(ids(waitingOrder(entries))).toEqual(expected);
    expect(ids(waitingOrder([...entries].reverse()))).toEqual(expected);
  });

  test('compareWaiting is antisymmetric and zero only for the same entry', () => {
    const a = entry('a', 'partialLoss', 3);
    const b = entry('b', 'selfCare', 1);
    expect(Math.sign(compareWaiting(a, b))).toBe(-1);
    expect(Math.sign(compareWaiting(b, a))).toBe(1);
    expect(compareWaiting(a, { ...a })).toBe(0);
  });
});

describe('positionOf', () => {
  const s1 = entry('s1', 'selfCare', 1);
  const s2 = entry('s2', 'selfCare', 2);
  const p1 = entry('p1', 'partialLoss', 5);
  const waiting = [
    s1,
    s2,
    p1,
    entry('f1', 'fullLoss', 3),
    entry('other-county', 'selfCare', 1, { countyId: '532922' }),
  ];
  test.each<[string, QueueEntry, number]>([
    ['the first of their level', s1, 1],
    ['behind one of their level', s2, 2],
    ['a new self-care request behind both', entry('s3', 'selfCare', 7), 3],
    ['other levels are not counted', p1, 1],
    ['a new full-loss request behind f1 only', entry('f2', 'fullLoss', 8), 2],
    ['an earlier request is ahead of later ones', entry('s0', 'selfCare', 0), 1],
  ])('%s', (_, who, expected) => {
    expect(positionOf(who, waiting)).toBe(expected);
  });
});

describe('which beds fit', () => {
  test.each<[BedFitRule, CareLevel, CareLevel, boolean]>([
    ['exact', 'selfCare', 'selfCare', true],
    ['exact', 'fullLoss', 'partialLoss', false],
    ['exact', 'selfCare', 'fullLoss', false],
    ['higherCareMayTakeLower', 'fullLoss', 'partialLoss', true],
    ['higherCareMayTakeLower', 'partialLoss', 'selfCare', true],
    ['higherCareMayTakeLower', 'selfCare', 'partialLoss', false],
    ['higherCareMayTakeLower', 'partialLoss', 'fullLoss', false],
  ])('%s: a %s bed for %s need → %s', (rule, bedLevel, need, fits) => {
    expect(bedFits(bedLevel, need, rule)).toBe(fits);
  });

  test.each<[BedFitRule, CareLevel, CareLevel[]]>([
    ['exact', 'selfCare', ['selfCare']],
    ['exact', 'fullLoss', ['fullLoss']],
    ['higherCareMayTakeLower', 'selfCare', ['selfCare', 'partialLoss', 'fullLoss']],
    ['higherCareMayTakeLower', 'partialLoss', ['partialLoss', 'fullLoss']],
    ['higherCareMayTakeLower', 'fullLoss', ['fullLoss']],
  ])('%s: %s may take %j, best first', (rule, need, levels) => {
    expect(bedLevelsFor(need, rule)).toEqual(levels);
  });

  test('the rule in force is exact level', () => {
    expect(bedFits('fullLoss', 'partialLoss')).toBe(false);
  });
});

describe('nextEntryForBed: who a freed bed goes to', () => {
  const cases: [
    string,
    Pick<QueueBed, 'homeId' | 'countyId' | 'careLevel'>,
    QueueEntry[],
    { rule?: BedFitRule; excluded?: string[] },
    string | null,
  ][] = [
    ['nobody waits', bed('b', 'selfCare'), [], {}, null],
    [
      'the first in line of the bed’s level',
      bed('b', 'selfCare'),
      [entry('late', 'selfCare', 5), entry('early', 'selfCare', 2)],
      {},
      'early',
    ],
    [
      'exact level: a full-loss bed does not go to partial loss',
      bed('b', 'fullLoss'),
      [entry('partial', 'partialLoss', 1)],
      {},
      null,
    ],
    [
      'higher care may take lower: partial loss gets the full-loss bed when no full loss waits',
      bed('b', 'fullLoss'),
      [entry('self', 'selfCare', 1), entry('partial', 'partialLoss', 4)],
      { rule: 'higherCareMayTakeLower' },
      'partial',
    ],
    [
      'higher care may take lower: but full loss waiting comes first, even if later',
      bed('b', 'fullLoss'),
      [entry('partial', 'partialLoss', 1), entry('full', 'fullLoss', 9)],
      { rule: 'higherCareMayTakeLower' },
      'full',
    ],
    [
      'higher care may take lower: never the other way',
      bed('b', 'selfCare'),
      [entry('partial', 'partialLoss', 1)],
      { rule: 'higherCareMayTakeLower' },
      null,
    ],
    [
      'another county’s list is not this bed’s',
      bed('b', 'selfCare'),
      [entry('yangbi', 'selfCare', 1, { countyId: '532922' }), entry('dali', 'selfCare', 3)],
      {},
      'dali',
    ],
    [
      'one who wants another home is passed over',
      bed('b', 'selfCare', XIZHOU),
      [entry('wants-dalizhen', 'selfCare', 1, { preferredHomeId: DALIZHEN }), entry('any', 'selfCare', 3)],
      {},
      'any',
    ],
    [
      'one who wants this home is in line with those who take any home',
      bed('b', 'selfCare', XIZHOU),
      [entry('any', 'selfCare', 3), entry('wants-xizhou', 'selfCare', 2, { preferredHomeId: XIZHOU })],
      {},
      'wants-xizhou',
    ],
    [
      'who declined this bed is not asked again',
      bed('b', 'selfCare'),
      [entry('declined', 'selfCare', 1), entry('second', 'selfCare', 2)],
      { excluded: ['declined'] },
      'second',
    ],
    [
      'everyone excluded: nobody',
      bed('b', 'selfCare'),
      [entry('declined', 'selfCare', 1)],
      { excluded: ['declined'] },
      null,
    ],
  ];
  test.each(cases)('%s', (_, freed, waiting, options, expected) => {
    const next = nextEntryForBed(freed, waiting, { ...options, excluded: new Set(options.excluded ?? []) });
    expect(next?.id ?? null).toBe(expected);
  });
});

describe('chooseBed: the free bed a new request takes', () => {
  const beds = [
    bed('x-self-2', 'selfCare', XIZHOU, '1-10'),
    bed('x-self-1', 'selfCare', XIZHOU, '1-02'),
    bed('x-full', 'fullLoss', XIZHOU, '3-01'),
    bed('d-self', 'selfCare', DALIZHEN, '1-01'),
    bed('d-partial', 'partialLoss', DALIZHEN, '2-01'),
  ];
  test.each<[string, CareLevel, string | null, BedFitRule, readonly QueueBed[], string | null]>([
    ['any home: the first home by id, lowest label', 'selfCare', null, 'exact', beds, 'd-self'],
    ['the preferred home only', 'selfCare', XIZHOU, 'exact', beds, 'x-self-1'],
    [
      'labels compare as numbers (1-02 before 1-10)',
      'selfCare',
      XIZHOU,
      'exact',
      beds.slice(0, 2),
      'x-self-1',
    ],
    ['no bed of the level in the preferred home', 'partialLoss', XIZHOU, 'exact', beds, null],
    ['exact level: not a higher-care bed', 'partialLoss', XIZHOU, 'exact', beds, null],
    [
      'higher care may take lower: the full-loss bed',
      'partialLoss',
      XIZHOU,
      'higherCareMayTakeLower',
      beds,
      'x-full',
    ],
    [
      'higher care may take lower: own level first',
      'selfCare',
      XIZHOU,
      'higherCareMayTakeLower',
      beds,
      'x-self-1',
    ],
    [
      'another county’s beds are not offered',
      'selfCare',
      null,
      'exact',
      [{ ...bed('y-self', 'selfCare'), countyId: '532922' }],
      null,
    ],
    ['no beds', 'fullLoss', null, 'exact', [], null],
  ])('%s', (_, careLevel, preferredHomeId, rule, free, expected) => {
    expect(chooseBed(free, { countyId: DALI, careLevel, preferredHomeId }, rule)?.id ?? null).toBe(expected);
  });
});
