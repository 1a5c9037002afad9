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

/** A county's points rule in force from a month (YYYY-MM). */
export interface PointsRule {
  from: string;
  pointsPerHousehold: number;
}

/** The default when a county has set no rule: 50 points per household and month. */
export const DEFAULT_POINTS_PER_HOUSEHOLD = 50;

/** The points a household gets for a month: the latest rule in force then, else the default. */
export function monthlyPoints(rules: readonly PointsRule[], month: string): number {
  const inForce = rules
    .filter((r) => r.from <= month)
    .sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0))[0];
  return inForce ? inForce.pointsPerHousehold : DEFAULT_POINTS_PER_HOUSEHOLD;
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
