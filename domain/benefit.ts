import { ADD_ON_CATEGORIES, type AddOnCategory, type AddOnRate, type CountyPolicy } from './county-policy';
import { ADULT_AGE, ageOn, type HouseholdMemberInput } from './household';
import { RATIO_SCALE, divideRounded, ratioInMillionths, wholeYuanOfShare, yuanToFen } from './money';

/**
 * The monthly 低保 payment: 补差 (the gap to the standard for every member, with the county's
 * optional per-person floor) plus 分类施保 classified add-ons.
 *
 * A member who qualifies for several add-on categories receives only the highest one: the
 * domain brief speaks of an add-on "per qualifying member", not per category.
 */

export type BenefitMember = Pick<
  HouseholdMemberInput,
  'id' | 'birthDate' | 'inSchool' | 'disability' | 'seriouslyIll'
>;

export interface MemberAddOn {
  memberId: string;
  /** Every category the member qualifies for that the county pays, highest first. */
  qualifying: Array<{ category: AddOnCategory; label: string; yuan: number }>;
  applied: { category: AddOnCategory; label: string; yuan: number } | null;
}

export interface BenefitBreakdown {
  /** 补差 in whole yuan. */
  baseYuan: number;
  floorApplied: boolean;
  addOns: MemberAddOn[];
  addOnsYuan: number;
  totalYuan: number;
}

export function qualifyingCategories(
  member: BenefitMember,
  on: string | Date,
  singleParentFamily: boolean,
  elderlyMinAge: number,
): AddOnCategory[] {
  const age = ageOn(member.birthDate, on);
  const grade = member.disability?.grade;
  const checks: Record<AddOnCategory, boolean> = {
    elderly: age >= elderlyMinAge,
    minor: age < ADULT_AGE,
    student: Boolean(member.inSchool),
    severelyDisabled: grade === 1 || grade === 2,
    seriouslyIll: Boolean(member.seriouslyIll),
    singleParentChild: singleParentFamily && age < ADULT_AGE,
  };
  return (Object.keys(ADD_ON_CATEGORIES) as AddOnCategory[]).filter((category) => checks[category]);
}

function addOnYuan(rate: AddOnRate, standardFen: number): number {
  return rate.kind === 'fixed'
    ? divideRounded(yuanToFen(rate.yuan), 100)
    : wholeYuanOfShare(standardFen, rate.share);
}

function memberAddOn(
  member: BenefitMember,
  input: { standardFen: number; on: string | Date; singleParentFamily: boolean },
  addOns: CountyPolicy['classifiedAddOns'],
): MemberAddOn {
  const qualifying = qualifyingCategories(member, input.on, input.singleParentFamily, addOns.elderlyMinAge)
    .flatMap((category) => {
      const rate = addOns.rates[category];
      return rate
        ? [{ category, label: ADD_ON_CATEGORIES[category], yuan: addOnYuan(rate, input.standardFen) }]
        : [];
    })
    .sort((a, b) => b.yuan - a.yuan); // stable: ties keep the category order
  return { memberId: member.id, qualifying, applied: qualifying[0] ?? null };
}

/**
 * 补差 = (standard − per-capita income) × members, rounded half up to the yuan. With a floor
 * configured, each member's gap is at least floor × standard. A household whose income is not
 * below the standard gets no 补差 and no floor.
 */
export function baseBenefit(
  standardFen: number,
  perCapitaIncomeFen: number,
  memberCount: number,
  floorShareOfStandard: number | null,
): { baseYuan: number; floorApplied: boolean } {
  const gapFen = standardFen - perCapitaIncomeFen;
  if (gapFen <= 0 || memberCount === 0) return { baseYuan: 0, floorApplied: false };
  // In fen × millionths, so the floor share compares and multiplies exactly.
  const gap = gapFen * RATIO_SCALE;
  const floor = floorShareOfStandard === null ? 0 : standardFen * ratioInMillionths(floorShareOfStandard);
  const perPerson = Math.max(gap, floor);
  return {
    baseYuan: divideRounded(perPerson * memberCount, RATIO_SCALE * 100),
    floorApplied: floor > gap,
  };
}

export function calculateBenefit(input: {
  standardMonthlyYuan: number;
  perCapitaIncomeMonthlyYuan: number;
  /** The counted household members (see household.ts). */
  members: readonly BenefitMember[];
  singleParentFamily?: boolean;
  on: string | Date;
  policy: Pick<CountyPolicy, 'benefit' | 'classifiedAddOns'>;
}): BenefitBreakdown {
  const standardFen = yuanToFen(input.standardMonthlyYuan);
  const { baseYuan, floorApplied } = baseBenefit(
    standardFen,
    yuanToFen(input.perCapitaIncomeMonthlyYuan),
    input.members.length,
    input.policy.benefit.floorShareOfStandard,
  );
  const context = { standardFen, on: input.on, singleParentFamily: input.singleParentFamily ?? false };
  const addOns = input.members.map((m) => memberAddOn(m, context, input.policy.classifiedAddOns));
  const addOnsYuan = addOns.reduce((sum, a) => sum + (a.applied?.yuan ?? 0), 0);
  return { baseYuan, floorApplied, addOns, addOnsYuan, totalYuan: baseYuan + addOnsYuan };
}
