import { localDateOf } from './working-days';

/**
 * Who counts as a member of the applicant's household (家庭成员), following
 * 《最低生活保障审核确认办法》: spouse, minor children, adult children who cannot live
 * independently (incl. full-time students up to bachelor level), and others with a legal duty
 * of support who live together; less those in prison, in compulsory rehabilitation, declared
 * missing, or religious staff living away for 3 years or more.
 */

export type Relation =
  'applicant' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'grandparent' | 'sibling' | 'other';

export const SCHOOL_STAGES = [
  'preschool',
  'primary',
  'juniorSecondary',
  'seniorSecondary',
  'vocational',
  'juniorCollege', // 专科
  'bachelor', // 本科
  'postgraduate',
] as const;

export type SchoolStage = (typeof SCHOOL_STAGES)[number];

export type DisabilityType =
  'physical' | 'visual' | 'hearing' | 'speech' | 'intellectual' | 'mental' | 'multiple';

export type ExclusionStatus =
  | { kind: 'inPrison' } // 服刑
  | { kind: 'compulsoryRehabilitation' } // 强制隔离戒毒
  | { kind: 'declaredMissing' } // 宣告失踪
  | { kind: 'religiousStaffAway'; awaySince: string }; // 宗教教职人员 living away since (YYYY-MM-DD)

export interface HouseholdMemberInput {
  id: string;
  relation: Relation;
  birthDate: string;
  /** Full-time schooling, when the member is in school. */
  inSchool?: { stage: SchoolStage } | null;
  livesTogether: boolean;
  /** Only asked of adult children. */
  canLiveIndependently?: boolean;
  /** Only asked of relations other than spouse and children; parents default to true (法定赡养义务). */
  legalDutyOfSupport?: boolean;
  exclusion?: ExclusionStatus | null;
  /** 残疾等级 grade 1 (most severe) to 4, from the disability certificate. */
  disability?: { grade: 1 | 2 | 3 | 4; type: DisabilityType } | null;
  seriouslyIll?: boolean;
}

export const NOT_COUNTED_REASONS = {
  inPrison: '在监狱服刑',
  compulsoryRehabilitation: '在强制隔离戒毒所接受强制隔离戒毒',
  declaredMissing: '已被宣告失踪',
  religiousStaffAway: '宗教教职人员连续三年以上脱离家庭独立生活',
  adultChildIndependent: '已成年且能独立生活的子女',
  noDutyOfSupport: '与申请人无法定赡养、扶养或抚养义务',
  notLivingTogether: '未与申请人共同居住',
} as const;

export type NotCountedReasonCode = keyof typeof NOT_COUNTED_REASONS;

export interface NotCountedMember<M extends HouseholdMemberInput = HouseholdMemberInput> {
  member: M;
  reason: { code: NotCountedReasonCode; label: string };
}

export interface HouseholdComposition<M extends HouseholdMemberInput = HouseholdMemberInput> {
  counted: Array<M & { age: number }>;
  notCounted: NotCountedMember<M>[];
}

export const ADULT_AGE = 18;
const RELIGIOUS_STAFF_AWAY_YEARS = 3;
const STUDENT_STAGES_BELOW_POSTGRADUATE: readonly SchoolStage[] = [
  'preschool',
  'primary',
  'juniorSecondary',
  'seniorSecondary',
  'vocational',
  'juniorCollege',
  'bachelor',
];

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(text: string): { year: number; monthDay: string } {
  const match = LOCAL_DATE.exec(text);
  const date = new Date(`${text}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
    throw new RangeError(`not a date (YYYY-MM-DD): ${text}`);
  return { year: Number(match[1]), monthDay: `${match[2]}-${match[3]}` };
}

/** The local date of a reference, a Date being read on the prefecture's wall clock. */
export function toLocalDate(on: string | Date): string {
  return typeof on === 'string' ? on : localDateOf(on);
}

/** Completed years from `from` to `on` (an age; someone born on 29 Feb ages on 1 Mar in other years). */
export function wholeYearsBetween(from: string, on: string | Date): number {
  const start = parseLocalDate(from);
  const end = parseLocalDate(toLocalDate(on));
  return end.year - start.year - (end.monthDay < start.monthDay ? 1 : 0);
}

export function ageOn(birthDate: string, on: string | Date): number {
  return wholeYearsBetween(birthDate, on);
}

function exclusionReason(member: HouseholdMemberInput, on: string): NotCountedReasonCode | null {
  const exclusion = member.exclusion;
  if (!exclusion) return null;
  if (exclusion.kind !== 'religiousStaffAway') return exclusion.kind;
  return wholeYearsBetween(exclusion.awaySince, on) >= RELIGIOUS_STAFF_AWAY_YEARS ? exclusion.kind : null;
}

function relationReason(member: HouseholdMemberInput, age: number): NotCountedReasonCode | null {
  switch (member.relation) {
    case 'applicant':
    case 'spouse':
      return null;
    case 'child': {
      if (age < ADULT_AGE || member.canLiveIndependently === false) return null;
      const stage = member.inSchool?.stage;
      return stage && STUDENT_STAGES_BELOW_POSTGRADUATE.includes(stage) ? null : 'adultChildIndependent';
    }
    default: {
      const duty = member.legalDutyOfSupport ?? member.relation === 'parent';
      if (!duty) return 'noDutyOfSupport';
      return member.livesTogether ? null : 'notLivingTogether';
    }
  }
}

/** Splits the declared people into counted household members and the others, each with a reason. */
export function composeHousehold<M extends HouseholdMemberInput>(
  people: readonly M[],
  on: string | Date,
): HouseholdComposition<M> {
  const referenceDate = toLocalDate(on);
  const composition: HouseholdComposition<M> = { counted: [], notCounted: [] };
  for (const member of people) {
    const age = ageOn(member.birthDate, referenceDate);
    const code = exclusionReason(member, referenceDate) ?? relationReason(member, age);
    if (code) composition.notCounted.push({ member, reason: { code, label: NOT_COUNTED_REASONS[code] } });
    else composition.counted.push({ ...member, age });
  }
  return composition;
}
