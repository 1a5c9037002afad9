/**
 * What a verification 核查 — a public tip-off's or a random check's visit — found should happen
 * to the enrolled case it is about (issue 15, parts 2 and 3): nothing, an out-of-cycle review
 * 复核 through the programme's own review path, or a fraud exit 骗保退出 with the overpayment
 * recovered through its exit path.
 */
export const VERIFICATION_CONSEQUENCES = {
  NONE: { name: '无需处理' },
  REVIEW: { name: '启动复核' },
  FRAUD_EXIT: { name: '骗保退出并追回' },
} as const;
export type VerificationConsequence = keyof typeof VERIFICATION_CONSEQUENCES;

export const VERIFICATION_SOURCES = {
  TIP_OFF: { name: '举报投诉核查', requestPrefix: 'tip-off' },
  RANDOM_CHECK: { name: '随机抽查', requestPrefix: 'random-check' },
} as const;
export type VerificationSource = keyof typeof VERIFICATION_SOURCES;

/** The id the case's review request or exit Update carries: a retried request applies once. */
export function findingRequestId(source: VerificationSource, sourceRef: string): string {
  return `${VERIFICATION_SOURCES[source].requestPrefix}-${sourceRef}`;
}

/** The reasons the case's ledger records: where the finding came from, then what was found. */
export function findingReasons(source: VerificationSource, sourceRef: string, findings: string): string {
  return `${VERIFICATION_SOURCES[source].name}（${sourceRef}）：${findings}`;
}

/** Who may decide a fraud exit: the county civil-affairs bureau (as the exit path itself requires). */
export const FRAUD_EXIT_ROLE = 'COUNTY_APPROVER';
