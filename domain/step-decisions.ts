import { z } from 'zod';
import { INCOME_KINDS, type IncomeKind } from './income';
import { HOUSING_SITUATIONS } from './referral-needs';
import { lazySchema } from './lazy-schema';

/**
 * What staff submit at each human step and action. Shared by the API (request bodies,
 * OpenAPI) and the workflow's Update validators, so both refuse the same input the same way.
 */
const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());
const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The years a date of these records may fall in: none before the oldest ID number's, none far ahead. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/** A day that exists (no 2 月 30 日: `new Date` would roll it into March) within the years above. */
function isRecordableDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return true; // the format's own message says what is wrong
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year >= FIRST_YEAR && year <= LAST_YEAR && day <= daysInMonth;
}

/** A local calendar date, YYYY-MM-DD. (Not z.iso.date(): inside the workflow sandbox it rejects every string.) */
export const localDateSchema = lazySchema(() =>
  z
    .string()
    .regex(LOCAL_DATE, '日期格式应为 YYYY-MM-DD')
    .refine(isRecordableDate, `日期不存在或不在 ${FIRST_YEAR}–${LAST_YEAR} 年之间 (no such date)`),
);
const localDate = localDateSchema;
const staffName = lazySchema(() => z.string().trim().min(1).max(50));

export const acceptanceDecisionSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('accept'), note }),
    // 不予受理: refusal to accept is written with reasons.
    z.object({ decision: z.literal('reject'), reasons }),
  ]),
);
export type AcceptanceDecision = z.infer<typeof acceptanceDecisionSchema>;

/** 家庭经济状况调查核对: home visit by two staff, income, assets and the data-check report. */
export const investigationReportSchema = lazySchema(() =>
  z.object({
    homeVisit: z.object({
      visitedOn: localDate,
      visitors: z.array(staffName).min(2, '入户调查须至少两名工作人员'),
      signedByVisitorsAndApplicant: z.literal(true, { message: '入户调查记录须由调查人员和申请人签字' }),
    }),
    neighbourInterviews: z
      .array(z.object({ name: staffName, summary: z.string().trim().min(2).max(500) }))
      .default([]),
    incomes: z
      .array(
        z.object({
          memberId: z.string().min(1),
          kind: z.enum(Object.keys(INCOME_KINDS) as [IncomeKind, ...IncomeKind[]]),
          amountYuan: z.number().min(0).max(10_000_000).multipleOf(0.01),
          period: z.enum(['monthly', 'yearly']),
        }),
      )
      .default([]),
    assets: z.object({
      depositsYuan: z.number().min(0).multipleOf(0.01),
      vehicles: z.number().int().min(0),
      homes: z.number().int().min(0),
      registeredBusiness: z.boolean(),
    }),
    dataCheck: z.object({
      reportNo: z.string().trim().min(1).max(50),
      result: z.enum(['consistent', 'discrepancy']),
      note,
    }),
    /** What the visit saw beyond income and assets: the needs other bureaus may meet (转介). */
    circumstances: z
      .object({
        housing: z.enum(HOUSING_SITUATIONS).default('adequate'),
        legalNeed: z.string().trim().min(2).max(1000).nullable().default(null),
        medicalCostsYuan: z.number().min(0).max(10_000_000).multipleOf(0.01).default(0),
      })
      .default({ housing: 'adequate', legalNeed: null, medicalCostsYuan: 0 }),
    note,
  }),
);
export type InvestigationReport = z.infer<typeof investigationReportSchema>;

/** 民主评议: attendance and votes; the county's quorum and pass shares decide. */
export const appraisalRecordSchema = lazySchema(() =>
  z.object({
    heldOn: localDate,
    representativesTotal: z.number().int().min(1),
    present: z.number().int().min(0),
    votesFor: z.number().int().min(0),
    votesAgainst: z.number().int().min(0),
    abstentions: z.number().int().min(0),
    minutes: z.string().trim().min(2, '请填写评议记录').max(5000),
  }),
);
export type AppraisalRecord = z.infer<typeof appraisalRecordSchema>;

/** 乡镇审核: propose approval, return for supplementary material, or refuse. */
export const townshipReviewSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({
      decision: z.literal('approve'),
      note,
      /** 单人保: propose one member for enrolment alone, where the rule allows it. */
      singlePerson: z.object({ memberId: z.string().trim().min(1).max(100) }).optional(),
    }),
    z.object({ decision: z.literal('return'), reasons }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type TownshipReview = z.infer<typeof townshipReviewSchema>;

/** 异议处理: an objection upheld goes back to investigation or appraisal; dismissed, a new notice. */
export const objectionReviewSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('dismiss'), reasons }),
    z.object({ decision: z.literal('uphold'), redo: z.enum(['investigation', 'appraisal']), reasons }),
  ]),
);
export type ObjectionReview = z.infer<typeof objectionReviewSchema>;

/** 县级审批: approve with the monthly amount, or refuse with reasons. */
export const countyApprovalSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({
      decision: z.literal('approve'),
      monthlyAmountYuan: z.number().int().min(1).max(100_000),
      /** Required when the amount differs from the computed one. */
      amountReasons: reasons.optional(),
      note,
    }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type CountyApproval = z.infer<typeof countyApprovalSchema>;

export const objectionSchema = lazySchema(() =>
  z.object({
    receivedOn: localDate,
    objector: z.string().trim().max(50).optional(),
    content: z.string().trim().min(2, '请填写异议内容').max(2000),
  }),
);
export type Objection = z.infer<typeof objectionSchema>;

export const countyHomeVisitSchema = lazySchema(() =>
  z.object({
    visitedOn: localDate,
    visitors: z.array(staffName).min(2, '入户核查须至少两名工作人员'),
    findings: z.string().trim().min(2).max(2000),
  }),
);
export type CountyHomeVisit = z.infer<typeof countyHomeVisitSchema>;

/** 开始入户调查: the investigation must start within the county's limit (3 working days) of acceptance. */
export const investigationStartSchema = lazySchema(() =>
  z.object({
    startedOn: localDate,
    visitors: z.array(staffName).min(2, '入户调查须至少两名工作人员'),
    note,
  }),
);
export type InvestigationStart = z.infer<typeof investigationStartSchema>;

/** 送达 how a written decision reached the applicant (行政文书送达方式). */
export const SERVICE_METHODS = {
  inPerson: '直接送达',
  post: '邮寄送达',
  leftAtResidence: '留置送达',
  announcement: '公告送达',
} as const;

/** 登记送达: the refusal letter was served on the applicant, due within the county limit (3 working days). */
export const letterServiceSchema = lazySchema(() =>
  z.object({
    servedOn: localDate,
    method: z.enum(
      Object.keys(SERVICE_METHODS) as [keyof typeof SERVICE_METHODS, ...(keyof typeof SERVICE_METHODS)[]],
    ),
    servedBy: staffName,
    note,
  }),
);
export type LetterService = z.infer<typeof letterServiceSchema>;

export const stepExtensionSchema = lazySchema(() =>
  z.object({ workingDays: z.number().int().min(1).max(30), reasons }),
);
export type StepExtension = z.infer<typeof stepExtensionSchema>;

export const overallExtensionSchema = lazySchema(() => z.object({ reasons }));
export type OverallExtension = z.infer<typeof overallExtensionSchema>;

/** Fields every decision may carry into the event log, whatever the step. */
export function decisionSummary(payload: object): { decision: string | null; reasons: string | null } {
  const p = payload as { decision?: unknown; reasons?: unknown; note?: unknown };
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { decision: text(p.decision), reasons: text(p.reasons) ?? text(p.note) };
}
