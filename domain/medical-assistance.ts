import { z } from 'zod';
import type { CountyPolicy, MedicalCategoryTerms } from './county-policy';
import { divideRounded, ratioInMillionths, RATIO_SCALE, yuanToFen } from './money';
import { lazySchema } from './lazy-schema';

/**
 * 医疗救助 medical assistance: what a claim for costs still self-paid after the basic medical
 * insurance earns, and the premium subsidy 参保资助. Money in integer fen (分) throughout.
 *
 * A claim's assistance = the category's share × (the eligible self-paid part − the part of the
 * yearly deductible 起付线 not yet used this year), capped by what is left of the person's yearly
 * cap 年度救助限额 across every claim (and every advance reservation 事前救助) of that year.
 */

export const MEDICAL_CATEGORIES = {
  extremePoverty: '特困人员',
  dibao: '低保对象',
  lowIncome: '低收入（边缘）家庭成员',
  illnessImpoverished: '因病致贫家庭成员',
} as const;

export type MedicalCategory = keyof typeof MEDICAL_CATEGORIES;

export const MEDICAL_CATEGORY_CODES = Object.keys(MEDICAL_CATEGORIES) as [
  MedicalCategory,
  ...MedicalCategory[],
];

/**
 * The category a person's current enrolments fix: 特困 → extremePoverty (it comes first: a 特困
 * person is supported in full), 低保 → dibao; none → null (the township's word stands, e.g.
 * 低收入 or 因病致贫, which no enrolment here records).
 */
export function categoryOfEnrolments(programmeCodes: readonly string[]): MedicalCategory | null {
  if (programmeCodes.includes('TEKUN')) return 'extremePoverty';
  if (programmeCodes.some((c) => c === 'DIBAO_URBAN' || c === 'DIBAO_RURAL')) return 'dibao';
  return null;
}

/** Yuan with at most 2 decimals, as bills state them. */
const billYuan = lazySchema(() =>
  z
    .number()
    .min(0)
    .max(100_000_000)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: '金额最多两位小数' }),
);

/**
 * 费用票据: the hospital's settlement of one stay or treatment. The total splits into the
 * insurer's payment 统筹支付 and the self-paid part 个人负担; the items outside the insurance
 * list 目录外费用 are part of the self-paid part and are not assisted.
 */
export const medicalBillsSchema = lazySchema(() =>
  z
    .object({
      hospital: z.string().trim().min(2).max(100),
      totalYuan: billYuan,
      insurerPaidYuan: billYuan,
      selfPaidYuan: billYuan,
      outsideListYuan: billYuan,
    })
    .superRefine((b, ctx) => {
      if (yuanToFen(b.insurerPaidYuan) + yuanToFen(b.selfPaidYuan) !== yuanToFen(b.totalYuan))
        ctx.addIssue({
          code: 'custom',
          path: ['selfPaidYuan'],
          message: '医保支付与个人负担之和应等于费用总额 (insurer + self-paid must equal the total)',
        });
      if (b.outsideListYuan > b.selfPaidYuan)
        ctx.addIssue({
          code: 'custom',
          path: ['outsideListYuan'],
          message: '目录外费用不能超过个人负担部分 (items outside the list are part of the self-paid part)',
        });
    }),
);

export type MedicalBills = z.infer<typeof medicalBillsSchema>;

/** The person's year so far, from the per-person-year ledger. */
export interface MedicalYearState {
  /** Assistance paid (settled) this year. */
  paidFen: number;
  /** Advances reserved against the cap and not yet settled. */
  reservedFen: number;
  /** The part of the deductible already used by this year's claims. */
  deductibleUsedFen: number;
}

export const EMPTY_MEDICAL_YEAR: MedicalYearState = { paidFen: 0, reservedFen: 0, deductibleUsedFen: 0 };

/** An advance's reservation, released when its own final bills are settled. */
export interface MedicalReservation {
  amountFen: number;
  deductibleFen: number;
}

export interface MedicalAssistanceTerms {
  shareMillionths: number;
  deductibleFen: number;
  yearlyCapFen: number;
}

export function medicalTerms(policy: CountyPolicy, category: MedicalCategory): MedicalAssistanceTerms {
  const terms: MedicalCategoryTerms = policy.medicalAssistance.costAssistance[category];
  return {
    shareMillionths: ratioInMillionths(terms.share),
    deductibleFen: yuanToFen(terms.deductibleYuan),
    yearlyCapFen: yuanToFen(terms.yearlyCapYuan),
  };
}

export interface MedicalAssistanceComputed {
  /** Self-paid part less the items outside the insurance list. */
  eligibleFen: number;
  /** The part of the deductible this claim uses. */
  deductibleAppliedFen: number;
  /** share × (eligible − deductible applied), rounded to the fen (half up). */
  beforeCapFen: number;
  /** What was left of the yearly cap for this claim. */
  capLeftFen: number;
  /** The assistance: before-cap amount, at most what is left of the cap. */
  amountFen: number;
  capped: boolean;
}

/**
 * The assistance for one claim (or one advance estimate). `released` is the claim's own
 * reservation, given back to the year before the final bills are counted.
 */
export function computeMedicalAssistance(
  terms: MedicalAssistanceTerms,
  bills: Pick<MedicalBills, 'selfPaidYuan' | 'outsideListYuan'>,
  year: MedicalYearState,
  released: MedicalReservation = { amountFen: 0, deductibleFen: 0 },
): MedicalAssistanceComputed {
  const eligibleFen = Math.max(0, yuanToFen(bills.selfPaidYuan) - yuanToFen(bills.outsideListYuan));
  const deductibleUsed = Math.max(0, year.deductibleUsedFen - released.deductibleFen);
  const deductibleLeft = Math.max(0, terms.deductibleFen - deductibleUsed);
  const deductibleAppliedFen = Math.min(eligibleFen, deductibleLeft);
  const beforeCapFen = divideRounded(
    (eligibleFen - deductibleAppliedFen) * terms.shareMillionths,
    RATIO_SCALE,
  );
  const committed = year.paidFen + Math.max(0, year.reservedFen - released.amountFen);
  const capLeftFen = Math.max(0, terms.yearlyCapFen - committed);
  const amountFen = Math.min(beforeCapFen, capLeftFen);
  return {
    eligibleFen,
    deductibleAppliedFen,
    beforeCapFen,
    capLeftFen,
    amountFen,
    capped: amountFen < beforeCapFen,
  };
}

/** 事前救助 settled by the final bills: the difference paid on top, or recovered 追回. */
export function settleAdvance(
  advancePaidFen: number,
  finalFen: number,
): { topUpFen: number; recoverFen: number } {
  const difference = finalFen - advancePaidFen;
  return { topUpFen: Math.max(0, difference), recoverFen: Math.max(0, -difference) };
}

/** Who gets the premium subsidy 参保资助: people enrolled in 特困 or 低保. */
export type PremiumSubsidyCategory = 'extremePoverty' | 'dibao';

/** The subsidy on a yearly premium: 100 % for 特困, the county's share (80–90 %) for 低保, to the fen. */
export function premiumSubsidyFen(
  policy: CountyPolicy,
  category: PremiumSubsidyCategory,
  premiumFen: number,
): number {
  const share = policy.medicalAssistance.premiumSubsidyShare[category];
  return divideRounded(premiumFen * ratioInMillionths(share), RATIO_SCALE);
}
