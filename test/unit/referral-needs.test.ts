import { detectNeeds, type NeedsInput } from '../../domain/referral-needs';

const ON = '2027-03-01';
const member = (id: string, birthDate: string, extra: Partial<NeedsInput['members'][number]> = {}) => ({
  id,
  name: `成员${id}`,
  birthDate,
  labourCapacity: 'NONE' as const,
  ...extra,
});
const base: NeedsInput = {
  on: ON,
  members: [member('a', '1950-01-01')],
  incomes: [],
  housing: 'adequate',
  legalNeed: null,
  medicalCostsYuan: 0,
  largeMedicalCostsYuan: 10_000,
};
const kinds = (input: Partial<NeedsInput>) =>
  detectNeeds({ ...base, ...input }).map((r) => `${r.department}:${r.kind}:${r.memberId ?? '户'}`);

describe('detectNeeds', () => {
  test('an elderly person alone in adequate housing needs nothing', () => {
    expect(kinds({})).toEqual([]);
  });

  test.each([
    [
      'a pupil',
      member('c', '2016-05-01', { inSchool: { stage: 'primary' } }),
      ['EDUCATION:compulsoryEducationAid:c'],
    ],
    [
      'a junior secondary pupil',
      member('c', '2013-05-01', { inSchool: { stage: 'juniorSecondary' } }),
      ['EDUCATION:compulsoryEducationAid:c'],
    ],
    [
      'a senior secondary student',
      member('c', '2010-05-01', { inSchool: { stage: 'seniorSecondary' } }),
      ['EDUCATION:studentAid:c'],
    ],
    [
      'a university student',
      member('c', '2007-05-01', { inSchool: { stage: 'bachelor' } }),
      ['EDUCATION:studentAid:c'],
    ],
    ['a 12-year-old out of school', member('c', '2014-05-01'), ['EDUCATION:returnToSchool:c']],
    ['a 5-year-old at home: not yet school age', member('c', '2021-05-01'), []],
    ['a 16-year-old out of school, unable to work: past compulsory age', member('c', '2010-05-01'), []],
  ])('%s', (_, child, expected) => {
    expect(kinds({ members: [member('a', '1950-01-01'), child] })).toEqual(expected);
  });

  test.each([
    ['privateRental', ['HOUSING:rentalSubsidy:户']],
    ['publicRentalTenant', ['HOUSING:rentReduction:户']],
    ['noHousing', ['HOUSING:publicRentalAllocation:户']],
    ['adequate', []],
  ] as const)('housing %s', (housing, expected) => {
    expect(kinds({ housing })).toEqual(expected);
  });

  test.each([
    [
      'able to work, no wages: job referral',
      { labourCapacity: 'FULL' as const },
      [],
      ['LABOUR:jobReferral:w'],
    ],
    [
      'partly able, no wages: public-welfare post',
      { labourCapacity: 'PARTIAL' as const },
      [],
      ['LABOUR:publicWelfarePost:w'],
    ],
    [
      'able to work and earning: nothing',
      { labourCapacity: 'FULL' as const },
      [{ memberId: 'w', kind: 'wages' as const, amountYuan: 1200, period: 'monthly' as const }],
      [],
    ],
    ['unable to work: nothing', { labourCapacity: 'NONE' as const }, [], []],
    [
      'a student able to work: nothing from labour',
      { labourCapacity: 'FULL' as const, inSchool: { stage: 'bachelor' as const } },
      [],
      ['EDUCATION:studentAid:w'],
    ],
  ])('%s', (_, extra, incomes, expected) => {
    expect(kinds({ members: [member('w', '1990-01-01', extra)], incomes })).toEqual(expected);
  });

  test('a worker of 60 is past working age', () => {
    expect(kinds({ members: [member('w', '1967-03-01', { labourCapacity: 'FULL' })] })).toEqual([]);
  });

  test('a legal need noted at the visit goes to justice with its words', () => {
    const [referral] = detectNeeds({ ...base, legalNeed: '前夫拒付子女抚养费' });
    expect(referral).toEqual({
      kind: 'legalAid',
      department: 'JUSTICE',
      memberId: null,
      reason: '前夫拒付子女抚养费',
    });
  });

  test.each([
    [
      'a seriously ill member',
      [member('s', '1960-01-01', { seriouslyIll: true })],
      0,
      ['HEALTH:medicalAssistance:s'],
    ],
    [
      'large medical costs, no one seriously ill',
      [member('a', '1950-01-01')],
      10_000,
      ['HEALTH:medicalAssistance:户'],
    ],
    ['costs below the county threshold', [member('a', '1950-01-01')], 9_999, []],
    [
      'both: the ill member only, not twice',
      [member('s', '1960-01-01', { seriouslyIll: true })],
      50_000,
      ['HEALTH:medicalAssistance:s'],
    ],
  ])('%s', (_, members, medicalCostsYuan, expected) => {
    expect(kinds({ members, medicalCostsYuan })).toEqual(expected);
  });

  test('the fixture family: a pupil, a seriously ill spouse, an applicant partly able to work with wages', () => {
    expect(
      kinds({
        members: [
          member('a', '1975-03-14', { labourCapacity: 'PARTIAL' }),
          member('b', '1965-07-02', { seriouslyIll: true }),
          member('c', '2012-09-30', { inSchool: { stage: 'juniorSecondary' } }),
        ],
        incomes: [{ memberId: 'a', kind: 'wages', amountYuan: 300, period: 'monthly' }],
        housing: 'privateRental',
      }),
    ).toEqual([
      'EDUCATION:compulsoryEducationAid:c',
      'HOUSING:rentalSubsidy:户',
      'HEALTH:medicalAssistance:b',
    ]);
  });
});
