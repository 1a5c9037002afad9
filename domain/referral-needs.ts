import { ageOn, type SchoolStage } from './household';
import type { IncomeItem } from './income';
import { isWorkingAgeAbleToWork, type LabourCapacity } from './recertification';

/**
 * 专项救助 referrals: what a 低保 household may need from the other bureaus, found from the
 * household and its latest investigation. These are proposals; a township officer confirms or
 * dismisses each with a reason.
 */

/** The bureaus a referral goes to, as in prisma/schema.prisma's DepartmentKind. */
export const REFERRAL_DEPARTMENTS = {
  EDUCATION: '教育部门',
  HOUSING: '住房城乡建设部门',
  LABOUR: '人力资源社会保障部门',
  JUSTICE: '司法行政部门',
  HEALTH: '卫生健康部门',
  /** 民政: a township (乡镇/街道) of the civil-affairs line receives a returning person's referral. */
  CIVIL_AFFAIRS: '乡镇（街道）民政',
} as const;

export type ReferralDepartment = keyof typeof REFERRAL_DEPARTMENTS;

export const REFERRAL_KINDS = {
  compulsoryEducationAid: {
    department: 'EDUCATION',
    name: '义务教育“两免一补”（免学杂费、免教科书费、寄宿生生活补助）',
  },
  studentAid: { department: 'EDUCATION', name: '非义务教育阶段学生资助' },
  returnToSchool: { department: 'EDUCATION', name: '适龄儿童少年控辍保学' },
  rentalSubsidy: { department: 'HOUSING', name: '公共租赁住房租赁补贴' },
  publicRentalAllocation: { department: 'HOUSING', name: '公共租赁住房实物配租' },
  rentReduction: { department: 'HOUSING', name: '公共租赁住房租金核减' },
  jobReferral: { department: 'LABOUR', name: '就业推荐与职业培训' },
  publicWelfarePost: { department: 'LABOUR', name: '公益性岗位安置' },
  legalAid: { department: 'JUSTICE', name: '法律援助及诉讼费用减免' },
  medicalAssistance: { department: 'HEALTH', name: '医疗救助' },
  /** 返乡转介: a person leaving a rescue station, referred to the township of origin (received by the township). */
  returnHome: { department: 'CIVIL_AFFAIRS', name: '返乡受助人员社会救助（低保、特困供养、临时救助）' },
} as const satisfies Record<string, { department: ReferralDepartment; name: string }>;

export type ReferralKind = keyof typeof REFERRAL_KINDS;

/**
 * Kinds a township (乡镇/街道) receives rather than a county bureau: its township officers
 * answer them. Never proposed by the needs rules, never referred by hand from a 低保 case.
 */
export const TOWNSHIP_REFERRAL_KINDS = ['returnHome'] as const satisfies readonly ReferralKind[];

export type TownshipReferralKind = (typeof TOWNSHIP_REFERRAL_KINDS)[number];

export const receivedByTownship = (kind: string): kind is TownshipReferralKind =>
  (TOWNSHIP_REFERRAL_KINDS as readonly string[]).includes(kind);

/** The kinds a 低保 household is referred to a bureau for (proposed or by hand). */
export const BUREAU_REFERRAL_KINDS = (Object.keys(REFERRAL_KINDS) as ReferralKind[]).filter(
  (kind) => !receivedByTownship(kind),
) as Exclude<ReferralKind, TownshipReferralKind>[];

/** Compulsory education 义务教育: primary and junior secondary school. */
const COMPULSORY_STAGES: readonly SchoolStage[] = ['primary', 'juniorSecondary'];

/** School age for compulsory education: from 6 to the 16th birthday. */
export const COMPULSORY_SCHOOL_AGE = { from: 6, until: 16 } as const;

/** 住房状况 as the investigation found it. */
export const HOUSING_SITUATIONS = ['adequate', 'privateRental', 'publicRentalTenant', 'noHousing'] as const;

export type HousingSituation = (typeof HOUSING_SITUATIONS)[number];

export interface NeedsInput {
  on: string;
  members: readonly {
    id: string;
    name: string;
    birthDate: string;
    inSchool?: { stage: SchoolStage } | null;
    labourCapacity: LabourCapacity;
    seriouslyIll?: boolean;
  }[];
  incomes: readonly IncomeItem[];
  housing: HousingSituation;
  /** A legal matter staff noted at the visit (a maintenance claim, wages owed, a dispute). */
  legalNeed: string | null;
  /** Medical costs the household paid itself over the last 12 months. */
  medicalCostsYuan: number;
  /** From what amount of such costs the health bureau is asked to help (county setting). */
  largeMedicalCostsYuan: number;
}

export interface ProposedReferral {
  kind: ReferralKind;
  department: ReferralDepartment;
  /** The member it is for, or null for the whole household. */
  memberId: string | null;
  reason: string;
}

const propose = (kind: ReferralKind, memberId: string | null, reason: string): ProposedReferral => ({
  kind,
  department: REFERRAL_KINDS[kind].department,
  memberId,
  reason,
});

const HOUSING_REFERRALS: Record<HousingSituation, [ReferralKind, string] | null> = {
  adequate: null,
  privateRental: ['rentalSubsidy', '家庭租住私人住房，住房困难'],
  publicRentalTenant: ['rentReduction', '家庭承租公共租赁住房'],
  noHousing: ['publicRentalAllocation', '家庭无自有住房且无固定住所'],
};

/** Every referral the household's situation suggests, in department order. */
export function detectNeeds(input: NeedsInput): ProposedReferral[] {
  const found: ProposedReferral[] = [];
  const earning = new Set(
    input.incomes.filter((i) => i.kind === 'wages' && i.amountYuan > 0).map((i) => i.memberId),
  );

  for (const m of input.members) {
    const age = ageOn(m.birthDate, input.on);
    if (m.inSchool) {
      const compulsory = COMPULSORY_STAGES.includes(m.inSchool.stage);
      found.push(
        compulsory
          ? propose('compulsoryEducationAid', m.id, `${m.name}就读义务教育阶段`)
          : propose('studentAid', m.id, `${m.name}在读非义务教育阶段`),
      );
    } else if (age >= COMPULSORY_SCHOOL_AGE.from && age < COMPULSORY_SCHOOL_AGE.until) {
      found.push(propose('returnToSchool', m.id, `${m.name}${age} 岁，处于义务教育年龄但未在校`));
    }
  }

  const housing = HOUSING_REFERRALS[input.housing];
  if (housing) found.push(propose(housing[0], null, housing[1]));

  for (const m of input.members) {
    if (!isWorkingAgeAbleToWork(m, input.on) || earning.has(m.id)) continue;
    found.push(
      m.labourCapacity === 'FULL'
        ? propose('jobReferral', m.id, `${m.name}处于劳动年龄、有劳动能力，尚未就业`)
        : propose('publicWelfarePost', m.id, `${m.name}有部分劳动能力，尚未就业`),
    );
  }

  if (input.legalNeed) found.push(propose('legalAid', null, input.legalNeed));

  for (const m of input.members.filter((x) => x.seriouslyIll)) {
    found.push(propose('medicalAssistance', m.id, `${m.name}患重特大疾病`));
  }
  if (input.medicalCostsYuan >= input.largeMedicalCostsYuan && !input.members.some((m) => m.seriouslyIll)) {
    found.push(propose('medicalAssistance', null, `近 12 个月自付医疗费用 ${input.medicalCostsYuan} 元`));
  }
  return found;
}
