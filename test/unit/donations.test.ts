import { donationShare, householdPoints, receiptNumber } from '../../domain/donations';

test.each([
  ['532901', 2026, 1, 'JZ-532901-2026-000001'],
  ['532922', 2027, 123456, 'JZ-532922-2027-123456'],
])('receipt number of %s %i #%i is %s', (county, year, serial, expected) => {
  expect(receiptNumber(county, year, serial)).toBe(expected);
});

const FLAT = { pointsPerHousehold: 50, pointsPerExtraMember: 0, membersCountedMax: 6 };
const BY_SIZE = { pointsPerHousehold: 30, pointsPerExtraMember: 10, membersCountedMax: 4 };

test.each([
  [FLAT, 1, 50], // the default: 50 a household, whatever its size
  [FLAT, 5, 50],
  [BY_SIZE, 1, 30],
  [BY_SIZE, 2, 40],
  [BY_SIZE, 4, 60],
  [BY_SIZE, 7, 60], // counted up to four members
  [BY_SIZE, 0, 30], // no member left counted: still the household's points
])('the rule %j gives a household of %i members %i points', (rule, members, expected) => {
  expect(householdPoints(rule, members)).toBe(expected);
});

test.each([
  [1200, 3000, 3000, 1200], // the only donor bore the whole draw
  [1200, 1000, 3000, 400], // a third of what was donated bears a third
  [100, 1, 3, 33.33], // rounded to the fen
  [500, 100, 0, 0], // nothing donated to the line: no share
])('a draw of %d with %d of %d donated: share %d', (drawn, donation, donated, expected) => {
  expect(donationShare(drawn, donation, donated)).toBe(expected);
});
