/**
 * 县级审批: the county approves the amount the rules computed (补差 and add-ons, or the 特困
 * support), or a different one with written reasons, which stay on the case for supervision.
 */
export interface ApprovedAmount {
  approvedYuan: number;
  /** What the assessment computed; null when nothing was computed. */
  computedYuan: number | null;
  amountReasons?: string;
}

export function amountDifferenceRefused(a: ApprovedAmount): string | null {
  if (a.computedYuan === null || a.approvedYuan === a.computedYuan || a.amountReasons) return null;
  return `批准金额 ${a.approvedYuan} 元与核算金额 ${a.computedYuan} 元不同，须填写理由 (amountReasons)`;
}

/** The difference the county approved, for the case's record; null when it approved the computed amount. */
export function amountDifference(a: ApprovedAmount): { computedYuan: number; amountReasons: string } | null {
  if (a.computedYuan === null || a.approvedYuan === a.computedYuan || !a.amountReasons) return null;
  return { computedYuan: a.computedYuan, amountReasons: a.amountReasons };
}
