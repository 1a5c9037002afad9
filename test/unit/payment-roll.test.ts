import { drawSource } from '../../domain/funds';
import {
  drawsByProgramme,
  outstandingYuan,
  partOf,
  rollLines,
  rollTotals,
  type RollItem,
} from '../../domain/payment-roll';

const item = (
  sourceId: string,
  householdId: string,
  programmeCode: string,
  part: RollItem['part'],
  amountYuan: number,
): RollItem => ({ sourceId, householdId, programmeCode, part, amountYuan });

describe('rollLines: one line per household and programme', () => {
  test.each([
    {
      name: 'two grants of one household and programme make one line',
      items: [item('p1', 'h1', 'TEMPORARY', 'regular', 300), item('p2', 'h1', 'TEMPORARY', 'regular', 200.5)],
      lines: [['h1', 'TEMPORARY', 50050, 0, 0, 50050, ['p1', 'p2'], []]],
    },
    {
      name: 'the parts add up: regular, a late month, a failed line re-queued',
      items: [
        item('p1', 'h1', 'DIBAO_RURAL', 'regular', 1200),
        item('p0', 'h1', 'DIBAO_RURAL', 'adjustment', 150),
        item('l0', 'h1', 'DIBAO_RURAL', 'requeued', 1000),
      ],
      lines: [['h1', 'DIBAO_RURAL', 120000, 15000, 100000, 235000, ['p1', 'p0'], ['l0']]],
    },
    {
      name: 'two programmes of one household are two lines, in household then programme order',
      items: [
        item('p2', 'h2', 'TEKUN', 'regular', 900),
        item('p1', 'h1', 'TEMPORARY', 'regular', 1),
        item('p3', 'h1', 'DIBAO_RURAL', 'regular', 2),
      ],
      lines: [
        ['h1', 'DIBAO_RURAL', 200, 0, 0, 200, ['p3'], []],
        ['h1', 'TEMPORARY', 100, 0, 0, 100, ['p1'], []],
        ['h2', 'TEKUN', 90000, 0, 0, 90000, ['p2'], []],
      ],
    },
    { name: 'nothing to pay: no line', items: [], lines: [] },
  ])('$name', ({ items, lines }) => {
    expect(
      rollLines(items).map((l) => [
        l.householdId,
        l.programmeCode,
        l.regularFen,
        l.adjustmentFen,
        l.requeuedFen,
        l.amountFen,
        l.paymentIds,
        l.requeuedLineIds,
      ]),
    ).toEqual(lines);
  });
});

test.each([
  ['2027-02', '2027-02', 'regular'],
  ['2027-01', '2027-02', 'adjustment'],
  ['2026-12', '2027-02', 'adjustment'],
])('a payment of %s on the %s roll is %s', (paid, roll, part) => {
  expect(partOf(paid, roll)).toBe(part);
});

test('a payment of a later month is never on a roll', () => {
  expect(() => partOf('2027-03', '2027-02')).toThrow(RangeError);
});

test('totals per township and programme, and the whole roll, to the fen', () => {
  expect(
    rollTotals([
      { townshipId: 't2', programmeCode: 'DIBAO_RURAL', amountYuan: 0.1 },
      { townshipId: 't1', programmeCode: 'TEKUN', amountYuan: 900 },
      { townshipId: 't2', programmeCode: 'DIBAO_RURAL', amountYuan: 0.2 },
    ]),
  ).toEqual({
    rows: [
      { townshipId: 't1', programmeCode: 'TEKUN', lines: 1, amountYuan: 900 },
      { townshipId: 't2', programmeCode: 'DIBAO_RURAL', lines: 2, amountYuan: 0.3 },
    ],
    lines: 3,
    amountYuan: 900.3,
  });
});

test('draws per programme leave out programmes with nothing to pay', () => {
  expect(
    drawsByProgramme([
      { programmeCode: 'TEMPORARY', amountYuan: 0 },
      { programmeCode: 'DIBAO_RURAL', amountYuan: 1000 },
      { programmeCode: 'DIBAO_RURAL', amountYuan: 800.5 },
    ]),
  ).toEqual([{ programmeCode: 'DIBAO_RURAL', amountYuan: 1800.5 }]);
});

test.each([
  [1200, 0, 1200],
  [1200, 500, 700],
  [1200, 1200, 0],
  [100.1, 0.05, 100.05],
])('owed %d, repaid %d: %d outstanding', (owedYuan, repaidYuan, left) => {
  expect(outstandingYuan({ owedYuan, repaidYuan })).toBe(left);
});

test.each([
  { existing: ['COUNTY_BUDGET', 'HIGHER_TRANSFER'], named: undefined, source: 'HIGHER_TRANSFER' },
  { existing: ['COUNTY_BUDGET', 'WELFARE_LOTTERY'], named: undefined, source: 'COUNTY_BUDGET' },
  { existing: ['COUNTY_BUDGET'], named: 'WELFARE_LOTTERY', source: 'WELFARE_LOTTERY' },
  { existing: [], named: undefined, source: null },
] as const)('a draw with lines $existing, naming $named, goes to $source', ({ existing, named, source }) => {
  expect(drawSource(existing, named)).toBe(source);
});
