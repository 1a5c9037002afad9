/**
 * 部门数据变更: what a checking bureau's periodic file may report about a person — the changes
 * that may take a household out of its means test, each asking for an out-of-cycle review
 * 动态复核 of the household's enrolment.
 */
export const BUREAU_CHANGE_KINDS = {
  vehicle: '新增机动车',
  property: '新增不动产',
  business: '新注册经营主体',
  pension: '开始领取养老金',
  employment: '新参保就业',
  death: '死亡注销户籍',
  movedOut: '户籍迁出',
} as const;

export type BureauChangeKind = keyof typeof BUREAU_CHANGE_KINDS;

/** The file's columns, in order. */
export const BUREAU_CHANGE_COLUMNS = ['idNumber', 'change', 'occurredOn', 'detail'] as const;

/** The review's reasons, as the enrolment's event shows them. */
export function bureauChangeReasons(
  bureauName: string,
  change: { kind: BureauChangeKind; occurredOn: string; detail: string },
): string {
  const detail = change.detail ? `：${change.detail}` : '';
  return `${bureauName}数据变更（${change.occurredOn}）${BUREAU_CHANGE_KINDS[change.kind]}${detail}`;
}
