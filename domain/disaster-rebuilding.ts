import { divideRounded, fenToYuan, RATIO_SCALE, yuanToFen } from './money';

/**
 * 倒损民房恢复重建 house rebuilding: the grant is paid in instalments as the works reach their
 * stages, each stage's share set by the county (county policy `disasterRelief.rebuildingStageShares`).
 * Stages come in order; each instalment is paid once; the last takes what rounding left, so the
 * instalments always add up to the grant to the fen. The rules the rebuilding procedure will pay by.
 */

export const REBUILDING_STAGES = {
  started: '开工',
  roofOn: '封顶',
  finished: '竣工',
  inspected: '验收',
} as const;

export type RebuildingStage = keyof typeof REBUILDING_STAGES;

export const REBUILDING_STAGE_ORDER = Object.keys(REBUILDING_STAGES) as RebuildingStage[];

export type StageShares = Record<RebuildingStage, number>;

/** Why the stage cannot be recorded now (an earlier one missing, or recorded already), or null. */
export function stageProblem(stage: RebuildingStage, reached: readonly RebuildingStage[]): string | null {
  if (reached.includes(stage)) return `「${REBUILDING_STAGES[stage]}」已登记，补助不重复发放`;
  const missing = REBUILDING_STAGE_ORDER.slice(0, REBUILDING_STAGE_ORDER.indexOf(stage)).filter(
    (s) => !reached.includes(s),
  );
  return missing.length > 0 ? `须先登记「${missing.map((s) => REBUILDING_STAGES[s]).join('、')}」` : null;
}

/** Each stage's instalment of the grant, in fen: shares rounded half up, the last takes the rest. */
export function instalmentPlan(
  grantYuan: number,
  shares: StageShares,
): { stage: RebuildingStage; amountYuan: number }[] {
  const total = yuanToFen(grantYuan);
  let given = 0;
  return REBUILDING_STAGE_ORDER.map((stage, i) => {
    const last = i === REBUILDING_STAGE_ORDER.length - 1;
    const fen = last
      ? total - given
      : divideRounded(total * Math.round(shares[stage] * RATIO_SCALE), RATIO_SCALE);
    given += fen;
    return { stage, amountYuan: fenToYuan(fen) };
  });
}

/** The instalment a stage just reached brings: its share of the plan, or nothing when already paid. */
export function instalmentDue(
  grantYuan: number,
  shares: StageShares,
  stage: RebuildingStage,
  paid: readonly RebuildingStage[],
): number {
  if (paid.includes(stage)) return 0;
  return instalmentPlan(grantYuan, shares).find((p) => p.stage === stage)!.amountYuan;
}

/** Shares must add up to the whole grant (to a millionth). */
export function sharesProblem(shares: StageShares): string | null {
  const sum = REBUILDING_STAGE_ORDER.reduce((s, k) => s + Math.round(shares[k] * RATIO_SCALE), 0);
  return sum === RATIO_SCALE ? null : '各阶段拨付比例之和应为 100% (the shares must add up to 1)';
}
