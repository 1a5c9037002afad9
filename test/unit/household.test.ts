import {
  NOT_COUNTED_REASONS,
  ageOn,
  composeHousehold,
  type HouseholdMemberInput,
  type NotCountedReasonCode,
} from '../../domain/household';

const ON = '2026-06-15';

const person = (overrides: Partial<HouseholdMemberInput>): HouseholdMemberInput => ({
  id: 'm',
  relation: 'other',
  birthDate: '1980-01-01',
  livesTogether: true,
  ...overrides,
});

describe('composeHousehold decides who counts', () => {
  test.each<[string, Partial<HouseholdMemberInput>, NotCountedReasonCode | 'counted']>([
    ['the applicant', { relation: 'applicant' }, 'counted'],
    ['a spouse living elsewhere', { relation: 'spouse', livesTogether: false }, 'counted'],
    [
      'a minor child living elsewhere',
      { relation: 'child', birthDate: '2008-06-16', livesTogether: false },
      'counted',
    ],
    ['a child who turned 18 today', { relation: 'child', birthDate: '2008-06-15' }, 'adultChildIndependent'],
    [
      'an adult child who cannot live independently',
      { relation: 'child', birthDate: '1995-01-01', canLiveIndependently: false },
      'counted',
    ],
    [
      'an adult child at university (本科)',
      { relation: 'child', birthDate: '2006-01-01', inSchool: { stage: 'bachelor' } },
      'counted',
    ],
    [
      'an adult child at a 专科 college',
      { relation: 'child', birthDate: '2006-01-01', inSchool: { stage: 'juniorCollege' } },
      'counted',
    ],
    [
      'an adult child in postgraduate study',
      { relation: 'child', birthDate: '2000-01-01', inSchool: { stage: 'postgraduate' } },
      'adultChildIndependent',
    ],
    [
      'a postgraduate who cannot live independently',
      {
        relation: 'child',
        birthDate: '2000-01-01',
        inSchool: { stage: 'postgraduate' },
        canLiveIndependently: false,
      },
      'counted',
    ],
    ['a parent living together', { relation: 'parent', birthDate: '1950-01-01' }, 'counted'],
    [
      'a parent living elsewhere',
      { relation: 'parent', birthDate: '1950-01-01', livesTogether: false },
      'notLivingTogether',
    ],
    [
      'a parent without a duty of support',
      { relation: 'parent', legalDutyOfSupport: false },
      'noDutyOfSupport',
    ],
    [
      'a grandparent with a duty, living together',
      { relation: 'grandparent', legalDutyOfSupport: true },
      'counted',
    ],
    ['a grandparent with no duty declared', { relation: 'grandparent' }, 'noDutyOfSupport'],
    [
      'a grandchild with a duty, living together',
      { relation: 'grandchild', birthDate: '2015-01-01', legalDutyOfSupport: true },
      'counted',
    ],
    [
      'a sibling with a duty, living elsewhere',
      { relation: 'sibling', legalDutyOfSupport: true, livesTogether: false },
      'notLivingTogether',
    ],
    ['someone else living together', { relation: 'other' }, 'noDutyOfSupport'],
    ['a spouse in prison', { relation: 'spouse', exclusion: { kind: 'inPrison' } }, 'inPrison'],
    [
      'a minor in compulsory rehabilitation',
      { relation: 'child', birthDate: '2009-01-01', exclusion: { kind: 'compulsoryRehabilitation' } },
      'compulsoryRehabilitation',
    ],
    [
      'a spouse declared missing',
      { relation: 'spouse', exclusion: { kind: 'declaredMissing' } },
      'declaredMissing',
    ],
    [
      'religious staff away exactly 3 years',
      { relation: 'spouse', exclusion: { kind: 'religiousStaffAway', awaySince: '2023-06-15' } },
      'religiousStaffAway',
    ],
    [
      'religious staff away a day short of 3 years',
      { relation: 'spouse', exclusion: { kind: 'religiousStaffAway', awaySince: '2023-06-16' } },
      'counted',
    ],
  ])('%s', (_name, overrides, expected) => {
    const { counted, notCounted } = composeHousehold([person(overrides)], ON);
    if (expected === 'counted') {
      expect(counted).toHaveLength(1);
      expect(notCounted).toEqual([]);
    } else {
      expect(counted).toEqual([]);
      expect(notCounted.map((n) => n.reason)).toEqual([
        { code: expected, label: NOT_COUNTED_REASONS[expected] },
      ]);
    }
  });

  test.each<[NotCountedReasonCode, string]>([
    ['inPrison', '在监狱服刑'],
    ['compulsoryRehabilitation', '在强制隔离戒毒所接受强制隔离戒毒'],
    ['declaredMissing', '已被宣告失踪'],
  ])('labels %s in Chinese', (code, label) => {
    expect(NOT_COUNTED_REASONS[code]).toBe(label);
  });

  test('keeps the order, the input fields and the age of counted members', () => {
    const people: Array<HouseholdMemberInput & { name: string }> = [
      { ...person({ id: 'a', relation: 'applicant', birthDate: '1980-06-15' }), name: '张三' },
      { ...person({ id: 'b', relation: 'spouse', exclusion: { kind: 'inPrison' } }), name: '李四' },
      { ...person({ id: 'c', relation: 'child', birthDate: '2012-06-16' }), name: '张小' },
    ];
    const { counted, notCounted } = composeHousehold(people, ON);
    expect(counted.map((m) => [m.id, m.name, m.age])).toEqual([
      ['a', '张三', 46],
      ['c', '张小', 13],
    ]);
    expect(notCounted.map((n) => [n.member.name, n.reason.code])).toEqual([['李四', 'inPrison']]);
  });
});

describe('ageOn', () => {
  test.each<[string, string | Date, number]>([
    ['2008-06-15', '2026-06-15', 18],
    ['2008-06-16', '2026-06-15', 17],
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
    ['2000-02-29', '2028-02-29', 28],
    ['2026-06-15', '2026-06-15', 0],
    ['2008-06-15', new Date('2026-06-14T16:30:00Z'), 18], // already 15 June in Shanghai
    ['2008-06-15', new Date('2026-06-14T15:30:00Z'), 17],
  ])('born %s, on %s → %i', (birthDate, on, expected) => {
    expect(ageOn(birthDate, on)).toBe(expected);
  });

  test.each(['2026-02-30', '2026/01/01', '26-01-01', '2026-1-1', ''])(
    'rejects the birth date %p',
    (birthDate) => {
      expect(() => ageOn(birthDate, ON)).toThrow(RangeError);
    },
  );
});
