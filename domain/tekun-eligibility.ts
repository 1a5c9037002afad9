import { z } from 'zod';
import type { CountyPolicy } from './county-policy';
import { ageOn, type HouseholdMemberInput } from './household';
import { formatYuan, yuanToFen } from './money';
import { lazySchema } from './lazy-schema';

/**
 * 特困人员认定: no labour capacity, no means of living (no income, assets within the county's
 * limits), and no one with a legal duty of support (法定赡养、抚养、扶养义务人) able to support.
 *
 * No labour capacity is the statutory list only — age, or a qualifying disability — whatever
 * labour capacity the application recorded. A grade 1 multiple disability (多重残疾) counts: its
 * grade is that of its most severe component, at least as severe as the listed grounds; a grade 2
 * one does not, since its components may be grade 2 physical: staff record the qualifying
 * component (e.g. grade 2 intellectual) instead. Assets are held to the county's 低保 limits for
 * one person, there being no separate 特困 asset rule.
 */

export const TEKUN_ELDERLY_AGE = 60;

export const LABOUR_CAPACITY_GROUNDS = {
  intellectualOrMental: '一、二级智力或精神残疾',
  physical: '一级肢体残疾',
  multiple: '一级多重残疾',
  elderly: '年满60周岁',
  minor: '未满规定年龄的未成年人',
} as const;

export type LabourCapacityGround = keyof typeof LABOUR_CAPACITY_GROUNDS;

export const SUPPORTER_RELATIONS = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女、外孙子女',
  grandparent: '祖父母、外祖父母',
  sibling: '兄弟姐妹',
  other: '其他法定义务人',
} as const;

export const UNABLE_REASONS = {
  alsoTekun: '本人为特困人员',
  dibao: '本人为最低生活保障对象',
  severelyDisabled: '本人为重度残疾人',
  noIncome: '本人无收入或收入低微',
  imprisoned: '在监狱服刑',
  declaredMissing: '已被宣告失踪',
  other: '其他原因',
} as const;

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];

/** A person with a legal duty to support the applicant, and whether they are able to. */
export const supporterSchema = lazySchema(() =>
  z
    .object({
      name: z.string().trim().min(1).max(50),
      relation: z.enum(Object.keys(SUPPORTER_RELATIONS) as Keys<typeof SUPPORTER_RELATIONS>),
      ability: z.enum(['able', 'unable']),
      unableReason: z.enum(Object.keys(UNABLE_REASONS) as Keys<typeof UNABLE_REASONS>).optional(),
      note: z.string().trim().max(500).optional(),
    })
    .superRefine((s, ctx) => {
      if (s.ability === 'unable' && !s.unableReason)
        ctx.addIssue({ code: 'custom', path: ['unableReason'], message: '请选择无履行能力的原因' });
      if (s.ability === 'able' && s.unableReason)
        ctx.addIssue({ code: 'custom', path: ['unableReason'], message: '有履行能力的义务人不填原因' });
      if (s.unableReason === 'other' && (s.note ?? '').length < 2)
        ctx.addIssue({ code: 'custom', path: ['note'], message: '请说明无履行能力的具体原因' });
    }),
);
export type Supporter = z.infer<typeof supporterSchema>;

/** Who supports whom: children support parents (赡养), parents raise children (抚养), others 扶养. */
const DUTY: Record<Supporter['relation'], string> = {
  spouse: '扶养',
  child: '赡养',
  grandchild: '赡养',
  parent: '抚养',
  grandparent: '抚养',
  sibling: '扶养',
  other: '赡养、抚养或扶养',
};

export const TEKUN_INELIGIBILITY_REASONS = {
  hasLabourCapacity: '不属于无劳动能力的情形',
  hasIncome: '本人有收入，不属于无生活来源',
  depositsOverLimit: '本人存款等金融资产超过本县限额',
  ownsVehicle: '本人拥有机动车辆',
  ownsSecondHome: '本人拥有两套及以上住房',
  supporterAble: '有法定义务人具备履行义务的能力',
} as const;

export type TekunIneligibilityCode = keyof typeof TEKUN_INELIGIBILITY_REASONS;

export interface TekunPerson {
  birthDate: string;
  disability?: HouseholdMemberInput['disability'];
}

export interface TekunAssets {
  depositsYuan: number;
  vehicles: number;
  homes: number;
}

export interface TekunEligibility {
  eligible: boolean;
  labourCapacityReason: { code: LabourCapacityGround; text: string } | null;
  reasons: Array<{ code: TekunIneligibilityCode; text: string }>;
}

type TekunPolicy = Pick<CountyPolicy, 'extremePoverty' | 'assetLimits'>;

/**
 * The first statutory ground, the most lasting first: a disability, then age 60, then minority
 * (so a disabled minor does not age out of support at 18).
 */
export function labourCapacityGround(
  person: TekunPerson,
  onDate: string,
  minorAgeLimit: number,
): LabourCapacityGround | null {
  const disability = person.disability;
  if (disability) {
    const { grade, type } = disability;
    if (grade <= 2 && (type === 'intellectual' || type === 'mental')) return 'intellectualOrMental';
    if (grade === 1 && type === 'physical') return 'physical';
    if (grade === 1 && type === 'multiple') return 'multiple';
  }
  const age = ageOn(person.birthDate, onDate);
  if (age >= TEKUN_ELDERLY_AGE) return 'elderly';
  return age < minorAgeLimit ? 'minor' : null;
}

function reason(code: TekunIneligibilityCode, detail: string | null = null) {
  const label = TEKUN_INELIGIBILITY_REASONS[code];
  return { code, text: detail ? `${label}（${detail}）` : label };
}

function incomeReason(ownIncomeMonthlyYuan: number, limitYuan: number | null) {
  const incomeFen = yuanToFen(ownIncomeMonthlyYuan);
  if (limitYuan === null)
    return incomeFen > 0 ? reason('hasIncome', `月收入 ${formatYuan(incomeFen)} 元`) : null;
  const limitFen = yuanToFen(limitYuan);
  return incomeFen >= limitFen
    ? reason('hasIncome', `月收入 ${formatYuan(incomeFen)} 元，不低于本县认定线 ${formatYuan(limitFen)} 元`)
    : null;
}

function assetReasons(assets: TekunAssets, limits: CountyPolicy['assetLimits']) {
  const limitFen = yuanToFen(limits.depositsPerCapitaMaxYuan);
  return [
    yuanToFen(assets.depositsYuan) > limitFen
      ? reason('depositsOverLimit', `限额 ${formatYuan(limitFen)} 元`)
      : null,
    !limits.vehicleAllowed && assets.vehicles > 0 ? reason('ownsVehicle') : null,
    !limits.secondHomeAllowed && assets.homes > 1 ? reason('ownsSecondHome') : null,
  ];
}

function supporterReason(s: Pick<Supporter, 'name' | 'relation' | 'ability'>) {
  if (s.ability !== 'able') return null;
  return reason('supporterAble', `${SUPPORTER_RELATIONS[s.relation]}${s.name}具备${DUTY[s.relation]}能力`);
}

export function assessTekunEligibility(
  input: {
    person: TekunPerson;
    supporters: ReadonlyArray<Pick<Supporter, 'name' | 'relation' | 'ability'>>;
    ownIncomeMonthlyYuan: number;
    assets?: TekunAssets | null;
    onDate: string;
  },
  policy: TekunPolicy,
): TekunEligibility {
  const { minorAgeLimit, incomeLimitMonthlyYuan } = policy.extremePoverty;
  const ground = labourCapacityGround(input.person, input.onDate, minorAgeLimit);
  const age = ageOn(input.person.birthDate, input.onDate);
  const reasons = [
    ground
      ? null
      : reason(
          'hasLabourCapacity',
          `${age} 周岁，已满${minorAgeLimit}周岁、未满${TEKUN_ELDERLY_AGE}周岁；无一、二级智力或精神残疾，无一级肢体或多重残疾`,
        ),
    incomeReason(input.ownIncomeMonthlyYuan, incomeLimitMonthlyYuan),
    ...(input.assets ? assetReasons(input.assets, policy.assetLimits) : []),
    ...input.supporters.map(supporterReason),
  ].filter((r) => r !== null);
  const labourCapacityReason = ground
    ? {
        code: ground,
        text: ground === 'minor' ? `未满${minorAgeLimit}周岁的未成年人` : LABOUR_CAPACITY_GROUNDS[ground],
      }
    : null;
  return { eligible: reasons.length === 0, labourCapacityReason, reasons };
}
