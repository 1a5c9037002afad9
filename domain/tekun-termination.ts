import { z } from 'zod';
import { addToMonth } from './benefit-months';
import { ADULT_AGE } from './household';
import type { CountyPolicy } from './county-policy';
import { formatYuan, yuanToFen } from './money';
import { localDateSchema } from './step-decisions';
import { lazySchema } from './lazy-schema';

/** 终止供养: why support ends, when a minor's support ends, and where the person is referred. */

export const TERMINATION_REASONS = {
  death: '死亡',
  declaredMissing: '宣告失踪',
  regainedLabourCapacity: '具备劳动能力',
  imprisoned: '服刑',
  incomeOrAssetsOverLimit: '收入或财产超标',
  supporterBecameAble: '法定义务人具备赡养扶养抚养能力',
  voluntary: '自愿申请退出',
  agedOut: '未成年人年满18周岁（不在校）',
} as const;

export type TerminationReason = keyof typeof TERMINATION_REASONS;

const details = lazySchema(() => z.string().trim().min(2, '请填写具体情况').max(2000));

export const terminationRequestSchema = lazySchema(() =>
  z.discriminatedUnion('reason', [
    z.object({ reason: z.literal('death'), dateOfDeath: localDateSchema, details }),
    z.object({ reason: z.literal('declaredMissing'), declaredMissingOn: localDateSchema, details }),
    z.object({ reason: z.literal('imprisoned'), imprisonedOn: localDateSchema, details }),
    z.object({ reason: z.literal('regainedLabourCapacity'), occurredOn: localDateSchema, details }),
    z.object({ reason: z.literal('incomeOrAssetsOverLimit'), occurredOn: localDateSchema, details }),
    z.object({
      reason: z.literal('supporterBecameAble'),
      supporterName: z.string().trim().min(1).max(50),
      occurredOn: localDateSchema,
      details,
    }),
    z.object({ reason: z.literal('voluntary'), occurredOn: localDateSchema, details }),
    z.object({ reason: z.literal('agedOut'), occurredOn: localDateSchema, details }),
  ]),
);
export type TerminationRequest = z.infer<typeof terminationRequestSchema>;

const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** The month (YYYY-MM) someone turns `age`; born on 29 Feb, they turn it on 1 Mar in other years. */
function monthTurning(birthDate: string, age: number): string {
  const match = BIRTH_DATE.exec(birthDate);
  if (!match) throw new RangeError(`not a date (YYYY-MM-DD): ${birthDate}`);
  const year = Number(match[1]) + age;
  const leapDayInCommonYear = match[2] === '02' && match[3] === '29' && !isLeapYear(year);
  return `${year}-${leapDayInCommonYear ? '03' : match[2]}`;
}

/**
 * A person who qualified as a minor keeps support until 18, or while in full-time school until
 * the county's school age limit: support stops from the month after that birthday.
 */
export function minorSupportEnd(
  birthDate: string,
  inSchool: boolean,
  policy: Pick<CountyPolicy, 'extremePoverty'>,
): { untilAge: number; stopsFrom: string } {
  const untilAge = inSchool ? policy.extremePoverty.schoolAgeLimit : ADULT_AGE;
  return { untilAge, stopsFrom: addToMonth(monthTurning(birthDate, untilAge), 1) };
}

/** Reasons after which the person is still alive, free and reachable: 低保 may follow. */
const DIBAO_POSSIBLE: readonly TerminationReason[] = [
  'regainedLabourCapacity',
  'incomeOrAssetsOverLimit',
  'supporterBecameAble',
  'voluntary',
  'agedOut',
];

/**
 * Reasons that leave the person without support before another source reaches them: temporary
 * assistance bridges the gap. Not over-limit income or assets, nor a voluntary exit: the person
 * has means, or chose to leave.
 */
const SUDDEN_HARDSHIP: Partial<Record<TerminationReason, string>> = {
  regainedLabourCapacity: '具备劳动能力但尚未实现就业，生活暂时困难的，可给予临时救助',
  supporterBecameAble: '法定义务人实际履行义务前生活暂时困难的，可给予临时救助',
  agedOut: '停止供养后尚无稳定生活来源的，可给予临时救助',
};

export type TerminationReferral = { kind: 'dibao' | 'temporary'; text: string };

/**
 * 转介 proposals when support ends. 低保 when the household's per-capita income is known and
 * below the 低保 standard; never after death, a declaration of missing, or imprisonment.
 */
export function referralsOnTermination(input: {
  reason: TerminationReason;
  perCapitaIncomeMonthlyYuan?: number | null;
  dibaoStandardYuan: number;
}): TerminationReferral[] {
  const referrals: TerminationReferral[] = [];
  const standardFen = yuanToFen(input.dibaoStandardYuan);
  const incomeFen =
    input.perCapitaIncomeMonthlyYuan == null ? null : yuanToFen(input.perCapitaIncomeMonthlyYuan);
  if (DIBAO_POSSIBLE.includes(input.reason) && incomeFen !== null && incomeFen < standardFen)
    referrals.push({
      kind: 'dibao',
      text: `家庭月人均收入 ${formatYuan(incomeFen)} 元，低于低保标准 ${formatYuan(standardFen)} 元，可申请最低生活保障`,
    });
  const hardship = SUDDEN_HARDSHIP[input.reason];
  if (hardship) referrals.push({ kind: 'temporary', text: hardship });
  return referrals;
}
