import { DEFAULT_COUNTY_POLICY, parseCountyPolicy } from '../../domain/county-policy';
import {
  instalmentDue,
  instalmentPlan,
  sharesProblem,
  stageProblem,
  type RebuildingStage,
} from '../../domain/disaster-rebuilding';

// 倒损民房恢复重建: the grant in instalments at the stages, by the county's shares.

const shares = DEFAULT_COUNTY_POLICY.disasterRelief.rebuildingStageShares;

test.each([
  // grant, instalments at 开工, 封顶, 竣工, 验收 (30/30/20/20 %)
  [40000, [12000, 12000, 8000, 8000]],
  [33333.33, [10000, 10000, 6666.67, 6666.66]], // rounding: the last takes the rest
  [0.01, [0, 0, 0, 0.01]],
  [25000.5, [7500.15, 7500.15, 5000.1, 5000.1]],
])('a grant of %d yuan is paid %j', (grant, amounts) => {
  const plan = instalmentPlan(grant, shares);
  expect(plan.map((p) => p.amountYuan)).toEqual(amounts);
  expect(Math.round(plan.reduce((s, p) => s + p.amountYuan, 0) * 100)).toBe(Math.round(grant * 100));
});

test('a county paying half at the start and half on inspection', () => {
  const plan = instalmentPlan(30000, { started: 0.5, roofOn: 0, finished: 0, inspected: 0.5 });
  expect(plan.map((p) => [p.stage, p.amountYuan])).toEqual([
    ['started', 15000],
    ['roofOn', 0],
    ['finished', 0],
    ['inspected', 15000],
  ]);
});

test.each<[RebuildingStage, RebuildingStage[], string | null]>([
  ['started', [], null],
  ['roofOn', ['started'], null],
  ['inspected', ['started', 'roofOn', 'finished'], null],
  ['roofOn', [], '须先登记「开工」'],
  ['inspected', ['started'], '须先登记「封顶、竣工」'],
  ['started', ['started'], '已登记'],
])('stage %s after %j: %s', (stage, reached, problem) => {
  const found = stageProblem(stage, reached);
  if (problem === null) expect(found).toBeNull();
  else expect(found).toContain(problem);
});

test('an instalment already paid is never due again', () => {
  expect(instalmentDue(40000, shares, 'roofOn', ['started'])).toBe(12000);
  expect(instalmentDue(40000, shares, 'roofOn', ['started', 'roofOn'])).toBe(0);
});

test('the county’s shares must add up to the whole grant', () => {
  expect(sharesProblem(shares)).toBeNull();
  expect(sharesProblem({ started: 0.3, roofOn: 0.3, finished: 0.3, inspected: 0.2 })).not.toBeNull();
  expect(() =>
    parseCountyPolicy({
      disasterRelief: { rebuildingStageShares: { started: 0.5, roofOn: 0.5, finished: 0.5, inspected: 0 } },
    }),
  ).toThrow();
  expect(parseCountyPolicy({}).disasterRelief).toMatchObject({
    transitionalDailyYuan: 20,
    transitionalMonths: 3,
  });
});
