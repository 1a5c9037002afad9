/**
 * Money is held in integer fen (分, 1/100 yuan) so sums and comparisons are exact;
 * yuan values with at most 2 decimals are only used at the edges.
 */

/** Shares and multipliers (e.g. 0.4, 1.5) are turned into millionths for exact integer arithmetic. */
export const RATIO_SCALE = 1_000_000;

export function yuanToFen(yuan: number): number {
  if (!Number.isFinite(yuan)) throw new RangeError(`not an amount of yuan: ${yuan}`);
  const fen = Math.round(yuan * 100);
  if (Math.abs(yuan * 100 - fen) > 1e-6) throw new RangeError(`more than 2 decimals: ${yuan}`);
  return fen;
}

/** Yuan with 2 decimals, e.g. 70000 → 700, 12345 → 123.45. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** Yuan as text with exactly 2 decimals, e.g. 70000 → '700.00'. */
export function formatYuan(fen: number): string {
  return (Math.round(fen) / 100).toFixed(2);
}

/** numerator / denominator rounded to the nearest integer, halves away from zero (四舍五入). */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0)
    throw new RangeError(`need integers and a positive denominator, got ${numerator}/${denominator}`);
  const magnitude = Math.abs(numerator);
  let quotient = Math.floor(magnitude / denominator);
  let remainder = magnitude - quotient * denominator;
  // Float division can land one off for large values; the integer remainder corrects it.
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  const rounded = 2 * remainder >= denominator ? quotient + 1 : quotient;
  return numerator < 0 ? -rounded : rounded;
}

/** A ratio such as 0.4 or 1.5 in millionths (400000, 1500000). */
export function ratioInMillionths(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio < 0) throw new RangeError(`not a ratio: ${ratio}`);
  return Math.round(ratio * RATIO_SCALE);
}

/** Whole yuan of `fen × ratio`, rounded half up. */
export function wholeYuanOfShare(fen: number, ratio: number): number {
  return divideRounded(fen * ratioInMillionths(ratio), RATIO_SCALE * 100);
}
