import { figureProblems, responseLevelName } from '../../domain/disaster';

const base = {
  affected: 10,
  relocated: 0,
  dead: 0,
  missing: 0,
  housesCollapsed: 0,
  housesDamaged: 0,
  directLossYuan: 0,
};

test.each([
  [1, 'Ⅰ级响应'],
  [2, 'Ⅱ级响应'],
  [3, 'Ⅲ级响应'],
  [4, 'Ⅳ级响应'],
])('response level %i is %s', (level, name) => {
  expect(responseLevelName(level)).toBe(name);
});

test.each([0, 5])('no response level %i', (level) => {
  expect(() => responseLevelName(level)).toThrow(RangeError);
});

test.each([
  ['consistent', base, []],
  ['all relocated', { ...base, relocated: 10 }, []],
  ['more relocated than affected', { ...base, relocated: 11 }, ['relocated']],
  ['dead and missing within the affected', { ...base, dead: 4, missing: 6 }, []],
  ['more dead and missing than affected', { ...base, dead: 5, missing: 6 }, ['dead']],
  ['both', { ...base, affected: 0, relocated: 1, missing: 1 }, ['relocated', 'dead']],
])('%s', (_, figures, fields) => {
  expect(figureProblems(figures).map((p) => p.field)).toEqual(fields);
});
