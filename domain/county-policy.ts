import { z } from 'zod';
import { sharesProblem } from './disaster-rebuilding';
import { INCOME_KINDS, type IncomeKind } from './income';
import { lazySchema } from './lazy-schema';

/**
 * Every figure a county may set for itself. The national rules fix the procedure; the
 * counties fix the numbers. DEFAULT_COUNTY_POLICY is what a new county is seeded with.
 */

const dayCount = lazySchema(() =>
  z.object({ days: z.number().int().min(0).max(365), unit: z.enum(['working', 'calendar']) }),
);

/** An exact share such as 2/3, compared by cross-multiplication instead of floats. */
const fraction = lazySchema(() =>
  z
    .object({ numerator: z.number().int().min(0), denominator: z.number().int().min(1) })
    .refine((f) => f.numerator <= f.denominator, { message: '比例不能大于 1 (a share cannot exceed 1)' }),
);

const share = lazySchema(() => z.number().min(0).max(1));

/** Months of a standard, e.g. 6 or 1.5. */
const months = lazySchema(() => z.number().min(0).max(60));

/** 分类施保 classified add-ons: who qualifies. A member may qualify for several. */
export const ADD_ON_CATEGORIES = {
  elderly: '老年人',
  minor: '未成年人',
  student: '在校学生',
  severelyDisabled: '重度残疾人（一、二级）',
  seriouslyIll: '重病患者',
  singleParentChild: '单亲家庭未成年子女',
} as const;

export type AddOnCategory = keyof typeof ADD_ON_CATEGORIES;

const addOnRate = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), yuan: z.number().min(0) }),
    z.object({ kind: z.literal('shareOfStandard'), share }),
  ]),
);

export type AddOnRate = z.infer<typeof addOnRate>;

/** One category's terms of medical cost assistance; yuan with at most 2 decimals (held in fen when computed). */
const medicalCategoryTerms = lazySchema(() =>
  z.object({
    share,
    deductibleYuan: z.number().min(0).max(1_000_000),
    yearlyCapYuan: z.number().min(0).max(10_000_000),
  }),
);

export type MedicalCategoryTerms = z.infer<typeof medicalCategoryTerms>;

export const countyPolicySchema = lazySchema(() =>
  z.object({
    stepLimits: z.object({
      acceptance: dayCount,
      investigationStart: dayCount,
      investigation: dayCount,
      appraisal: dayCount,
      townshipReview: dayCount,
      publicNotice: dayCount,
      countyApproval: dayCount,
      refusalLetter: dayCount,
      overall: dayCount,
      overallExtended: dayCount,
    }),
    // 民主评议 village democratic appraisal
    appraisal: z.object({ quorum: fraction, passShare: fraction }),
    incomeNotCounted: z.array(z.enum(Object.keys(INCOME_KINDS) as [IncomeKind, ...IncomeKind[]])),
    assetLimits: z.object({
      depositsPerCapitaMaxYuan: z.number().min(0),
      vehicleAllowed: z.boolean(),
      secondHomeAllowed: z.boolean(),
      registeredBusinessAllowed: z.boolean(),
      note: z.string(),
    }),
    benefit: z.object({
      /** Minimum 补差 per person as a share of the standard; null = no floor. */
      floorShareOfStandard: share.nullable(),
    }),
    classifiedAddOns: z.object({
      elderlyMinAge: z.number().int().min(0).max(120),
      /** null = the county pays no add-on for that category. */
      rates: z.object({
        elderly: addOnRate.nullable(),
        minor: addOnRate.nullable(),
        student: addOnRate.nullable(),
        severelyDisabled: addOnRate.nullable(),
        seriouslyIll: addOnRate.nullable(),
        singleParentChild: addOnRate.nullable(),
      }),
      note: z.string(),
    }),
    // 单人保 single-person inclusion
    singlePersonInclusion: z.object({ incomeMultiplier: z.number().min(1) }),
    // 定期复核 recertification
    recertification: z.object({
      stableMonths: z.number().int().min(1),
      irregularMonths: z.number().int().min(1),
    }),
    // 渐退期 phase-out after a member found work
    phaseOutMonths: z.number().int().min(0),
    /** 转介: the township confirms a proposed referral; the department accepts, then completes it. */
    referralServiceLevels: z.object({ confirm: dayCount, accept: dayCount, complete: dayCount }),
    /** 举报/投诉核查: the time the township or county has to verify a public report (domain/tip-offs.ts). */
    tipOffVerification: dayCount,
    /** 家庭经济状况核对: the time each bureau has to answer its part of a check (domain/economic-check.ts). */
    economicCheckAnswer: dayCount,
    /**
     * 随机抽查: the share of enrolled cases each quarter's draw takes (at least one per township
     * with enrolled cases, domain/random-checks.ts) and the time the county has to visit each.
     */
    randomChecks: z.object({
      share: z.number().gt(0, '抽查比例须大于 0').max(1),
      visit: dayCount,
    }),
    medicalAssistance: z.object({
      premiumSubsidyShare: z.object({ extremePoverty: share, dibao: share }),
      /** The resident's yearly premium of the basic medical insurance 城乡居民医保个人缴费, subsidised by that share. */
      residentPremiumYuan: z.number().min(0).max(100_000),
      /** Out-of-pocket medical costs over 12 months from which a household is referred to health. */
      largeOutOfPocketYuan: z.number().min(0),
      /** 医疗救助 cost assistance per category (domain/medical-assistance.ts): share, deductible, yearly cap. */
      costAssistance: z.object({
        extremePoverty: medicalCategoryTerms,
        dibao: medicalCategoryTerms,
        lowIncome: medicalCategoryTerms,
        illnessImpoverished: medicalCategoryTerms,
      }),
      /** The claim's fast review: township check, then county approval; an advance's final bills. */
      stepLimits: z.object({ claimCheck: dayCount, claimApproval: dayCount, advanceSettlement: dayCount }),
      note: z.string(),
    }),
    // 特困 extreme-poverty support
    extremePoverty: z.object({
      minorAgeLimit: z.number().int().min(0).max(18),
      basicLivingMultiplier: z.number().min(1),
      /** Own monthly income below which a person counts as having none; null = any regular income excludes. */
      incomeLimitMonthlyYuan: z.number().min(0).nullable(),
      /** 照料护理标准: monthly yuan per care level (see care-level.ts). */
      careStandards: z.object({
        selfCare: z.number().min(0),
        partialLoss: z.number().min(0),
        fullLoss: z.number().min(0),
      }),
      stepLimits: z.object({
        investigation: dayCount,
        countyConfirmation: dayCount,
        objectionReinvestigation: dayCount,
        reassessment: dayCount,
        terminationObjection: dayCount,
        bedOfferAcceptance: dayCount,
        noticeDays: dayCount,
      }),
      // 年度复核 annual review
      reviewMonths: z.number().int().min(1),
      /** Support of a person who qualified as a minor continues while in full-time school up to this age. */
      schoolAgeLimit: z.number().int().min(18).max(30),
      note: z.string(),
    }),
    // 临时救助 temporary assistance (domain/temporary-assistance.ts)
    temporaryAssistance: z.object({
      /** Months of the local 低保 standard granted for each cause (TEMPORARY_CAUSES). */
      monthsOfStandard: z.object({
        fire: months,
        trafficAccident: months,
        seriousIllness: months,
        suddenAccident: months,
        essentialExpenseSurge: months,
      }),
      /** No grant exceeds this many months of the standard. */
      capMonthsOfStandard: months,
      /** 先行救助: the most a township may grant at once, cash or goods at their value. */
      urgentCapYuan: z.number().min(0).max(1_000_000),
      /** Once per person per cause within this many months (0 = no limit). */
      repeatWindowMonths: z.number().int().min(0).max(60),
      stepLimits: z.object({
        urgentGrant: dayCount,
        investigation: dayCount,
        countyApproval: dayCount,
        overall: dayCount,
        overallExtended: dayCount,
      }),
      note: z.string(),
    }),
    /** 流浪乞讨人员救助 at the county's rescue stations (domain/vagrant.ts). */
    vagrant: z.object({
      /** 寻亲公告: hours after intake for anyone whose home is unknown. */
      tracingNoticeHours: z.number().int().min(1).max(240),
      /** An adult's stay at the station, in days from intake. */
      stayDays: z.number().int().min(1).max(90),
      /** The most days supervisors may add to one stay, in total. */
      maxExtensionDays: z.number().int().min(0).max(90),
      /** From this age a person counts as an adult for the stay limit. */
      adultAge: z.number().int().min(14).max(18),
      /** A minor is referred to child protection at once: within these hours of intake. */
      minorReferralHours: z.number().int().min(1).max(72),
      /** The station's page flags a stay ending within these hours. */
      stayWarningHours: z.number().int().min(1).max(240),
      note: z.string(),
    }),
    // 灾害救助 disaster relief (domain/disaster-relocation.ts)
    disasterRelief: z.object({
      /** 过渡期生活救助: yuan per person and day, as in force on the day of relocation. */
      transitionalDailyYuan: z.number().min(0).max(1000).multipleOf(0.01),
      /** For at most this many months from the day of relocation. */
      transitionalMonths: z.number().int().min(0).max(12),
      /** 倒损民房恢复重建: the share of the grant paid at each stage (domain/disaster-rebuilding.ts). */
      rebuildingStageShares: z
        .object({ started: share, roofOn: share, finished: share, inspected: share })
        .refine((s) => sharesProblem(s) === null, {
          message: '各阶段拨付比例之和应为 100% (the shares must add up to 1)',
        }),
      note: z.string(),
    }),
    /**
     * 爱心超市积分: the points each household enrolled in 低保 or 特困 gets a month
     * (domain/donations.ts householdPoints): flat, or by household size.
     */
    charitySupermarket: z.object({
      pointsPerHousehold: z.number().int().min(0).max(100_000),
      /** Added for each member beyond the first; 0 = the same for every household. */
      pointsPerExtraMember: z.number().int().min(0).max(100_000),
      /** Members counted at most, so a large household's points stay bounded. */
      membersCountedMax: z.number().int().min(1).max(20),
      note: z.string(),
    }),
  }),
);

export type CountyPolicy = z.infer<typeof countyPolicySchema>;

export const DEFAULT_COUNTY_POLICY: CountyPolicy = {
  stepLimits: {
    acceptance: { days: 3, unit: 'working' },
    investigationStart: { days: 3, unit: 'working' },
    investigation: { days: 10, unit: 'working' },
    appraisal: { days: 5, unit: 'working' },
    townshipReview: { days: 5, unit: 'working' },
    publicNotice: { days: 7, unit: 'calendar' },
    countyApproval: { days: 10, unit: 'working' },
    refusalLetter: { days: 3, unit: 'working' },
    overall: { days: 30, unit: 'working' },
    overallExtended: { days: 45, unit: 'working' },
  },
  appraisal: {
    quorum: { numerator: 2, denominator: 3 },
    passShare: { numerator: 2, denominator: 3 },
  },
  incomeNotCounted: [
    'basicPension',
    'survivorBenefit',
    'oldAgeAllowance',
    'scholarship',
    'temporaryAssistance',
    'oneChildAward',
    'braveryAward',
  ],
  assetLimits: {
    depositsPerCapitaMaxYuan: 20000,
    vehicleAllowed: false,
    secondHomeAllowed: false,
    registeredBusinessAllowed: false,
    note: '资产限额为通用做法（general knowledge），无当地文件依据，请按本县规定调整。',
  },
  benefit: { floorShareOfStandard: null },
  classifiedAddOns: {
    elderlyMinAge: 60,
    rates: {
      elderly: { kind: 'shareOfStandard', share: 0.1 },
      minor: { kind: 'shareOfStandard', share: 0.1 },
      student: { kind: 'shareOfStandard', share: 0.1 },
      severelyDisabled: { kind: 'shareOfStandard', share: 0.4 },
      seriouslyIll: { kind: 'shareOfStandard', share: 0.3 },
      singleParentChild: { kind: 'shareOfStandard', share: 0.1 },
    },
    note: '分类施保金额为示例值（general knowledge），请按本县规定调整。',
  },
  singlePersonInclusion: { incomeMultiplier: 1.5 },
  recertification: { stableMonths: 12, irregularMonths: 6 },
  phaseOutMonths: 6,
  referralServiceLevels: {
    confirm: { days: 5, unit: 'working' },
    accept: { days: 5, unit: 'working' },
    complete: { days: 20, unit: 'working' },
  },
  tipOffVerification: { days: 15, unit: 'working' },
  economicCheckAnswer: { days: 5, unit: 'working' },
  randomChecks: { share: 0.1, visit: { days: 15, unit: 'working' } },
  medicalAssistance: {
    premiumSubsidyShare: { extremePoverty: 1, dibao: 0.85 },
    residentPremiumYuan: 400,
    // General knowledge, no local document: the county sets its own threshold.
    largeOutOfPocketYuan: 10000,
    costAssistance: {
      extremePoverty: { share: 0.9, deductibleYuan: 0, yearlyCapYuan: 60000 },
      dibao: { share: 0.7, deductibleYuan: 0, yearlyCapYuan: 50000 },
      lowIncome: { share: 0.6, deductibleYuan: 2000, yearlyCapYuan: 30000 },
      illnessImpoverished: { share: 0.5, deductibleYuan: 3000, yearlyCapYuan: 30000 },
    },
    stepLimits: {
      claimCheck: { days: 5, unit: 'working' },
      claimApproval: { days: 5, unit: 'working' },
      advanceSettlement: { days: 90, unit: 'calendar' },
    },
    note: '医疗救助的救助比例、起付线、年度限额与审核时限为通用做法（general knowledge），无当地文件依据，请按本县规定调整。',
  },
  extremePoverty: {
    minorAgeLimit: 16,
    basicLivingMultiplier: 1.3,
    incomeLimitMonthlyYuan: null,
    careStandards: { selfCare: 0, partialLoss: 300, fullLoss: 700 },
    stepLimits: {
      investigation: { days: 15, unit: 'working' },
      countyConfirmation: { days: 10, unit: 'working' },
      objectionReinvestigation: { days: 15, unit: 'working' },
      reassessment: { days: 10, unit: 'working' },
      terminationObjection: { days: 15, unit: 'working' },
      bedOfferAcceptance: { days: 5, unit: 'working' },
      noticeDays: { days: 7, unit: 'calendar' },
    },
    reviewMonths: 12,
    schoolAgeLimit: 22,
    note:
      '基本生活标准不低于低保标准的 1.3 倍、“无收入”的认定线（默认有固定收入即不符合）、照料护理标准金额、' +
      '在校就读延长供养至 22 周岁、入住床位确认期限均为通用做法（general knowledge），无当地文件依据，请按本县规定调整。',
  },
  temporaryAssistance: {
    monthsOfStandard: {
      fire: 6,
      trafficAccident: 4,
      seriousIllness: 6,
      suddenAccident: 3,
      essentialExpenseSurge: 3,
    },
    capMonthsOfStandard: 12,
    urgentCapYuan: 3000,
    repeatWindowMonths: 12,
    stepLimits: {
      urgentGrant: { days: 1, unit: 'working' },
      investigation: { days: 5, unit: 'working' },
      countyApproval: { days: 5, unit: 'working' },
      overall: { days: 15, unit: 'working' },
      overallExtended: { days: 20, unit: 'working' },
    },
    note:
      '各类原因的救助月数、救助上限、先行救助上限、调查与审批时限为通用做法（general knowledge），' +
      '无当地文件依据，请按本县规定调整；同一人同一原因一年内救助一次。',
  },
  vagrant: {
    tracingNoticeHours: 24,
    stayDays: 10,
    maxExtensionDays: 20,
    adultAge: 16,
    minorReferralHours: 24,
    stayWarningHours: 48,
    note:
      '寻亲公告 24 小时、成年人站内救助一般不超过 10 日依救助管理办法实施细则；延长上限、' +
      '未成年人移交时限与提醒时数为通用做法（general knowledge），请按本县规定调整。',
  },
  disasterRelief: {
    transitionalDailyYuan: 20,
    transitionalMonths: 3,
    rebuildingStageShares: { started: 0.3, roofOn: 0.3, finished: 0.2, inspected: 0.2 },
    note:
      '过渡期生活救助每人每天 20 元、最长 3 个月为通用做法（general knowledge），无当地文件依据，' +
      '请按本县规定调整；按安置当日有效的标准计发，返家即停。恢复重建补助按开工 30%、封顶 30%、竣工 20%、' +
      '验收 20% 分期拨付，亦为通用做法。',
  },
  charitySupermarket: {
    pointsPerHousehold: 50,
    pointsPerExtraMember: 0,
    membersCountedMax: 6,
    note: '爱心超市积分标准（每户每月 50 分，不按人数增加）为通用做法（general knowledge），无当地文件依据，请按本县规定调整。',
  },
};

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else given (arrays, null, numbers) replaces the default. */
function deepMerge(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(given)) return given;
  const merged: PlainObject = { ...defaults };
  for (const [key, value] of Object.entries(given)) merged[key] = deepMerge(defaults[key], value);
  return merged;
}

/** A county's stored settings, with every missing key taken from the defaults. Throws a ZodError when invalid. */
export function parseCountyPolicy(json: unknown): CountyPolicy {
  const given = isPlainObject(json) ? json : {};
  return countyPolicySchema.parse(deepMerge(DEFAULT_COUNTY_POLICY, given));
}
