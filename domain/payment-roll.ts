import { z } from 'zod';
import { fenToYuan, yuanToFen } from './money';
import { lazySchema } from './lazy-schema';

/**
 * The monthly payment roll 发放名册: what a county pays its households for one month, one line
 * per household and programme. The roll reads the roster every programme writes (one
 * `BenefitPayment` per case and month: 低保 and 特困 every month, one-off grants in the month
 * approved), so it knows no programme of its own. A line sums:
 * - regular: the roll month's own payments;
 * - adjustment 调整: earlier months' payments recorded after their month's roll was approved
 *   (a late change goes into the next roll, never into a frozen one);
 * - requeued 重新发放: earlier approved lines the bank failed to pay.
 */

export const ROLL_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const rollMonthSchema = lazySchema(() =>
  z.string().regex(ROLL_MONTH_PATTERN, '月份格式应为 YYYY-MM (a month YYYY-MM)'),
);

/** The roll's workflow id, one per county and month (a second start finds the first). */
export function paymentRollWorkflowId(countyId: string, month: string): string {
  return `payment-roll-${countyId}-${month}`;
}

export type RollPart = 'regular' | 'adjustment' | 'requeued';

/** One amount a roll line carries: a roster payment or a failed line re-queued. */
export interface RollItem {
  /** The BenefitPayment's id, or the failed line's id for `requeued`. */
  sourceId: string;
  householdId: string;
  programmeCode: string;
  part: RollPart;
  amountYuan: number;
}

export interface RollLineDraft {
  householdId: string;
  programmeCode: string;
  regularFen: number;
  adjustmentFen: number;
  requeuedFen: number;
  amountFen: number;
  /** What the line carries, by part, so each source can be marked as taken up by the line. */
  paymentIds: string[];
  requeuedLineIds: string[];
}

export const lineKey = (householdId: string, programmeCode: string) => `${householdId}|${programmeCode}`;

/** The payment month of an item: its own month is regular, an earlier one an adjustment. */
export function partOf(paymentMonth: string, rollMonth: string): Exclude<RollPart, 'requeued'> {
  if (paymentMonth > rollMonth) throw new RangeError(`month ${paymentMonth} after the roll's ${rollMonth}`);
  return paymentMonth === rollMonth ? 'regular' : 'adjustment';
}

/** Groups items into lines, one per household and programme, in household then programme order. */
export function rollLines(items: readonly RollItem[]): RollLineDraft[] {
  const lines = new Map<string, RollLineDraft>();
  for (const item of items) {
    const key = lineKey(item.householdId, item.programmeCode);
    let line = lines.get(key);
    if (!line) {
      line = {
        householdId: item.householdId,
        programmeCode: item.programmeCode,
        regularFen: 0,
        adjustmentFen: 0,
        requeuedFen: 0,
        amountFen: 0,
        paymentIds: [],
        requeuedLineIds: [],
      };
      lines.set(key, line);
    }
    const fen = yuanToFen(item.amountYuan);
    if (item.part === 'regular') line.regularFen += fen;
    else if (item.part === 'adjustment') line.adjustmentFen += fen;
    else line.requeuedFen += fen;
    line.amountFen += fen;
    if (item.part === 'requeued') line.requeuedLineIds.push(item.sourceId);
    else line.paymentIds.push(item.sourceId);
  }
  return [...lines.values()].sort(
    (a, b) => a.householdId.localeCompare(b.householdId) || a.programmeCode.localeCompare(b.programmeCode),
  );
}

export interface TotalRow {
  townshipId: string;
  programmeCode: string;
  lines: number;
  amountYuan: number;
}

/** Totals per township and programme (the bank file's and the review's), in that order. */
export function rollTotals(
  lines: readonly { townshipId: string; programmeCode: string; amountYuan: number }[],
): { rows: TotalRow[]; lines: number; amountYuan: number } {
  const rows = new Map<string, { townshipId: string; programmeCode: string; lines: number; fen: number }>();
  let fen = 0;
  for (const line of lines) {
    const key = `${line.townshipId}|${line.programmeCode}`;
    const row = rows.get(key) ?? {
      townshipId: line.townshipId,
      programmeCode: line.programmeCode,
      lines: 0,
      fen: 0,
    };
    row.lines += 1;
    row.fen += yuanToFen(line.amountYuan);
    rows.set(key, row);
    fen += yuanToFen(line.amountYuan);
  }
  return {
    rows: [...rows.values()]
      .sort(
        (a, b) => a.townshipId.localeCompare(b.townshipId) || a.programmeCode.localeCompare(b.programmeCode),
      )
      .map((r) => ({
        townshipId: r.townshipId,
        programmeCode: r.programmeCode,
        lines: r.lines,
        amountYuan: fenToYuan(r.fen),
      })),
    lines: lines.length,
    amountYuan: fenToYuan(fen),
  };
}

/** What an approved roll draws, per programme: the sum of its lines in fen. */
export function drawsByProgramme(
  lines: readonly { programmeCode: string; amountYuan: number }[],
): { programmeCode: string; amountYuan: number }[] {
  const sums = new Map<string, number>();
  for (const l of lines)
    sums.set(l.programmeCode, (sums.get(l.programmeCode) ?? 0) + yuanToFen(l.amountYuan));
  return [...sums.entries()]
    .filter(([, fen]) => fen > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([programmeCode, fen]) => ({ programmeCode, amountYuan: fenToYuan(fen) }));
}

/** An overpayment still owed (追回): owed minus repaid, never below zero. */
export function outstandingYuan(recovery: { owedYuan: number; repaidYuan: number }): number {
  return fenToYuan(Math.max(yuanToFen(recovery.owedYuan) - yuanToFen(recovery.repaidYuan), 0));
}

/** The review's deadline: working days are the county's, but a roll's review is calendar days. */
export const ROLL_REVIEW_DAYS = 5;
