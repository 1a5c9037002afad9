import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/**
 * 随机抽查 random checks (issue 15, part 3): each quarter a county draws a share of its enrolled
 * cases, at least one per township that has any, by a seeded draw. The draw is a pure function
 * of the ordered candidate list, the share and the seed, so anyone holding the three (kept with
 * the draw) draws again and gets the same cases in the same order.
 */

export interface DrawCandidate {
  caseNo: string;
  townshipId: string;
}

/** A quarter as the draw names it: `2026-Q4`. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** The quarter a local date (YYYY-MM-DD, prefecture time) falls in. */
export function quarterOfLocalDate(localDate: string): string {
  const [year, month] = localDate.split('-').map(Number);
  return `${year}-Q${Math.floor((month! - 1) / 3) + 1}`;
}

/** The quarter's first and last local dates (YYYY-MM-DD), inclusive. */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) throw new RangeError(`not a quarter (YYYY-Qn): ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const firstMonth = (q - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(firstMonth)}-01`, to: `${year}-${mm(lastMonth)}-${lastDay}` };
}

/** The candidate list in the one order the draw uses: by case number. */
export function orderedCandidates(candidates: readonly DrawCandidate[]): DrawCandidate[] {
  return [...candidates]
    .map((c) => ({ caseNo: c.caseNo, townshipId: c.townshipId }))
    .sort((a, b) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0));
}

/** The text whose SHA-256 is kept with the draw: one `caseNo townshipId` line per candidate, in order. */
export function candidateListText(candidates: readonly DrawCandidate[]): string {
  return orderedCandidates(candidates)
    .map((c) => `${c.caseNo} ${c.townshipId}\n`)
    .join('');
}

/**
 * How many cases a draw takes: the share of the candidates rounded up, but never fewer than one
 * per township with candidates, and never more than there are.
 */
export function drawSize(candidates: readonly DrawCandidate[], share: number): number {
  if (!(share > 0 && share <= 1)) throw new RangeError(`a share is in (0, 1]: ${share}`);
  const n = candidates.length;
  if (n === 0) return 0;
  const townships = new Set(candidates.map((c) => c.townshipId)).size;
  // The epsilon keeps 0.1 × 30 at 3, not 4, despite binary floating point.
  const byShare = Math.ceil(share * n - 1e-9);
  return Math.min(n, Math.max(byShare, townships));
}

/**
 * The draw: the ordered candidates shuffled by Fisher–Yates with xoroshiro128+ seeded by `seed`
 * (pure-rand); then, township by township (in code order), the first of each in the shuffled
 * order; then the rest of the shuffled order until the draw's size is reached. Answers the case
 * numbers drawn, in that order.
 */
export function seededDraw(candidates: readonly DrawCandidate[], share: number, seed: number): string[] {
  if (!Number.isInteger(seed)) throw new RangeError(`a seed is an integer: ${seed}`);
  const ordered = orderedCandidates(candidates);
  const size = drawSize(ordered, share);
  const rng = xoroshiro128plus(seed);
  const shuffled = [...ordered];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = unsafeUniformIntDistribution(0, i, rng);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const picked: string[] = [];
  const taken = new Set<string>();
  const townships = [...new Set(ordered.map((c) => c.townshipId))].sort();
  for (const township of townships) {
    const first = shuffled.find((c) => c.townshipId === township)!;
    picked.push(first.caseNo);
    taken.add(first.caseNo);
  }
  for (const c of shuffled) {
    if (picked.length >= size) break;
    if (taken.has(c.caseNo)) continue;
    picked.push(c.caseNo);
    taken.add(c.caseNo);
  }
  return picked;
}

/** A draw re-run: the same candidates, share and seed give the same cases in the same order. */
export function sameDraw(recorded: readonly string[], recomputed: readonly string[]): boolean {
  return recorded.length === recomputed.length && recorded.every((c, i) => c === recomputed[i]);
}
