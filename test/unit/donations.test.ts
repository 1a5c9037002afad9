import { donationShare, monthlyPoints, receiptNumber } from '../../domain/donations';

test.each([
  ['532901', 2026, 1, 'JZ-532901-2026-000001'],
  ['532922', 2027, 123456, 'JZ-532922-2027-123456'],
])('receipt number of %s %i #%i is %s', (county, year, serial, expected) => {
  expect(receiptNumber(county, year, serial)).toBe(expected);
});

const rules = [
  { from: '2026-01', pointsPerHousehold: 40 },
  { from: '2027-03', pointsPerHousehold: 80 },
];

test.each([
  ['2025-12', 50], // before any rule: the default
  ['2026-01', 40],
  ['2027-02', 40],
  ['2027-03', 80],
  ['2030-01', 80],
])('points for %s are %i', (month, expected) => {
  expect(monthlyPoints(rules, month)).toBe(expected);
});

test.each([
  [1200, 3000, 3000, 1200], // the only donor bore the whole draw
  [1200, 1000, 3000, 400], // a third of what was donated bears a third
  [100, 1, 3, 33.33], // rounded to the fen
  [500, 100, 0, 0], // nothing donated to the line: no share
])('a draw of %d with %d of %d donated: share %d', (drawn, donation, donated, expected) => {
  expect(donationShare(drawn, donation, donated)).toBe(expected);
});
