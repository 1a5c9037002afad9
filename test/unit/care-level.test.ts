import {
  CARE_LEVELS,
  DAILY_LIVING_ITEMS,
  cannotLookAfterThemselves,
  careAssessmentSchema,
  careLevel,
  unableItems,
  type CareAssessment,
  type CareLevel,
  type DailyLivingItem,
} from '../../domain/care-level';

const ITEMS = Object.keys(DAILY_LIVING_ITEMS) as DailyLivingItem[];
const withUnable = (...unable: DailyLivingItem[]): Pick<CareAssessment, 'items'> => ({
  items: Object.fromEntries(
    ITEMS.map((item) => [item, unable.includes(item) ? 'unable' : 'able']),
  ) as CareAssessment['items'],
});
const valid = {
  ...withUnable('bathing'),
  assessedOn: '2026-03-02',
  assessors: ['李明', '王芳'],
};
const issuePaths = (input: unknown) => {
  const result = careAssessmentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('the six daily-living items', () => {
  test('are named in zh-CN, in the form order', () => {
    expect(Object.values(DAILY_LIVING_ITEMS)).toEqual(['进食', '穿衣', '上下床', '如厕', '室内行走', '洗澡']);
  });
});

describe('careLevel', () => {
  test.each<[string, DailyLivingItem[], CareLevel]>([
    ['all able', [], 'selfCare'],
    ['one unable', ['bathing'], 'partialLoss'],
    ['two unable', ['eating', 'walkingIndoors'], 'partialLoss'],
    ['three unable (the most for partial loss)', ['dressing', 'bed', 'toileting'], 'partialLoss'],
    ['four unable (the fewest for full loss)', ['eating', 'dressing', 'bed', 'toileting'], 'fullLoss'],
    ['five unable', ['eating', 'dressing', 'bed', 'toileting', 'bathing'], 'fullLoss'],
    ['all six unable', ITEMS, 'fullLoss'],
  ])('%s → %s', (_name, unable, level) => {
    expect(careLevel(withUnable(...unable))).toBe(level);
  });

  test('lists the unable items in the form order, whatever the order given', () => {
    expect(unableItems(withUnable('bathing', 'eating', 'toileting'))).toEqual([
      'eating',
      'toileting',
      'bathing',
    ]);
  });
});

describe('care level labels and the care-home priority', () => {
  test.each<[CareLevel, string, boolean]>([
    ['selfCare', '具备生活自理能力', false],
    ['partialLoss', '部分丧失生活自理能力', true],
    ['fullLoss', '完全丧失生活自理能力', true],
  ])('%s: %s, cannot look after themselves: %p', (level, label, priority) => {
    expect(CARE_LEVELS[level]).toBe(label);
    expect(cannotLookAfterThemselves(level)).toBe(priority);
  });
});

describe('careAssessmentSchema', () => {
  test('accepts a complete form and trims the assessors', () => {
    expect(careAssessmentSchema.parse({ ...valid, assessors: [' 李明 ', '王芳', '赵强'] })).toEqual({
      ...valid,
      assessors: ['李明', '王芳', '赵强'],
    });
  });

  test.each<[string, string, unknown]>([
    ['one assessor', 'assessors', { ...valid, assessors: ['李明'] }],
    ['the same assessor twice', 'assessors', { ...valid, assessors: ['李明', ' 李明'] }],
    ['a blank assessor', 'assessors.1', { ...valid, assessors: ['李明', ' '] }],
    ['an unknown answer', 'items.eating', { ...valid, items: { ...valid.items, eating: 'sometimes' } }],
    ['a missing item', 'items.bathing', { ...valid, items: { ...valid.items, bathing: undefined } }],
    ['a date in another format', 'assessedOn', { ...valid, assessedOn: '2026/03/02' }],
    ['month 13', 'assessedOn', { ...valid, assessedOn: '2026-13-02' }],
  ])('refuses %s at %s', (_name, path, input) => {
    expect(issuePaths(input)).toEqual([path]);
  });
});
