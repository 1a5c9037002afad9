/**
 * 灾害救助 disaster relief: the kinds of disaster, the response levels I–IV (一级 the gravest), and
 * the check of a dated report's figures against common sense.
 */

export const DISASTER_KINDS = {
  EARTHQUAKE: '地震',
  FLOOD: '洪涝',
  LANDSLIDE: '滑坡泥石流',
  DROUGHT: '干旱',
  SNOW: '雪灾',
} as const;

export type DisasterKind = keyof typeof DISASTER_KINDS;

export const DISASTER_KIND_CODES = Object.keys(DISASTER_KINDS) as [DisasterKind, ...DisasterKind[]];

const LEVEL_NUMERALS = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'] as const;

/** 1 → "Ⅰ级响应" … 4 → "Ⅳ级响应". */
export function responseLevelName(level: number): string {
  const numeral = LEVEL_NUMERALS[level - 1];
  if (!numeral) throw new RangeError(`response level 1–4, not ${level}`);
  return `${numeral}级响应`;
}

/** One village's figures in a dated report 灾情报告. */
export interface DisasterFigures {
  affected: number; // 受灾人口
  relocated: number; // 紧急转移安置人口
  dead: number; // 死亡
  missing: number; // 失踪
  housesCollapsed: number; // 倒塌房屋（间）
  housesDamaged: number; // 损坏房屋（间）
  directLossYuan: number; // 直接经济损失（元）
}

/**
 * What is wrong with a report's figures, by field (none → empty): the relocated, the dead and
 * the missing are among the affected.
 */
export function figureProblems(f: DisasterFigures): { field: keyof DisasterFigures; message: string }[] {
  const problems: { field: keyof DisasterFigures; message: string }[] = [];
  if (f.relocated > f.affected)
    problems.push({
      field: 'relocated',
      message: '转移安置人数不能多于受灾人数 (more relocated than affected)',
    });
  if (f.dead + f.missing > f.affected)
    problems.push({
      field: 'dead',
      message: '死亡失踪人数不能多于受灾人数 (more dead and missing than affected)',
    });
  return problems;
}
