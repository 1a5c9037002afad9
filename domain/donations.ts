/**
 * Donations and mutual aid 社会捐助: receipt numbers, the monthly points rule of the charity
 * supermarkets 爱心超市 and the proportional share of a fund draw that a money donation bore.
 */

/** Receipt 捐赠收据 number: county, year and a gapless serial, like case numbers. */
export function receiptNumber(countyId: string, year: number, serial: number): string {
  return `JZ-${countyId}-${year}-${String(serial).padStart(6, '0')}`;
}

/** The programmes whose enrolled households hold supermarket points: 低保 and 特困. */
export const POINTS_PROGRAMMES = ['DIBAO_URBAN', 'DIBAO_RURAL', 'TEKUN'] as const;

/** The county's points rule (county policy `charitySupermarket`, effective-dated like every figure). */
export type PointsRule = {
  pointsPerHousehold: number;
  pointsPerExtraMember: number;
  membersCountedMax: number;
};

/**
 * The points a household of `members` gets for a month: the household's points, plus the
 * extra-member points for each member beyond the first, counting at most `membersCountedMax`.
 * A flat rule has no extra-member points.
 */
export function householdPoints(rule: PointsRule, members: number): number {
  const counted = Math.min(Math.max(members, 1), rule.membersCountedMax);
  return rule.pointsPerHousehold + rule.pointsPerExtraMember * (counted - 1);
}

/**
 * The part of a draw on a donations line that one donation bore: drawn × donation ÷ everything
 * donated to the line, rounded to the fen. A donation directed to the line's programme is one of
 * its contributors like any other.
 */
export function donationShare(drawnYuan: number, donationYuan: number, lineDonatedYuan: number): number {
  if (lineDonatedYuan <= 0) return 0;
  return Math.round(((drawnYuan * donationYuan) / lineDonatedYuan) * 100) / 100;
}

/** Where an undirected money donation goes: the county's 临时救助 donations line. */
export const UNDIRECTED_MONEY_PROGRAMME = 'TEMPORARY';
