import { z } from 'zod';
import { BUREAU_REFERRAL_KINDS } from './referral-needs';
import { localDateSchema } from './step-decisions';
import { lazySchema } from './lazy-schema';

/**
 * What staff submit on a referral: the township's confirmation, a referral by hand, and the
 * receiving department's answers. Shared by the API and the referral workflow's validators.
 */
const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());

/** What a 低保 household is referred to a bureau for; a township's kinds (返乡转介) are started by their own procedure. */
export const referralKindSchema = lazySchema(() =>
  z.enum(BUREAU_REFERRAL_KINDS as [(typeof BUREAU_REFERRAL_KINDS)[number], ...typeof BUREAU_REFERRAL_KINDS]),
);

/** 手动转介: staff refer the household (or one member) by hand, with the reason. */
export const manualReferralSchema = lazySchema(() =>
  z.object({
    kind: referralKindSchema,
    memberId: z.string().min(1).nullable().default(null),
    reason: reasons,
  }),
);
export type ManualReferral = z.infer<typeof manualReferralSchema>;

export const referralConfirmSchema = lazySchema(() => z.object({ note }));
export const referralDismissSchema = lazySchema(() => z.object({ reasons }));

/** 接收: the department takes the referral on, naming who handles it. */
export const referralAcceptSchema = lazySchema(() =>
  z.object({
    handler: z.string().trim().min(1, '请填写承办人').max(50),
    note,
  }),
);
export const referralDeclineSchema = lazySchema(() => z.object({ reasons }));
export const referralProgressSchema = lazySchema(() =>
  z.object({
    on: localDateSchema,
    note: z.string().trim().min(2, '请填写办理进展').max(2000),
  }),
);

/** The programmes a township may open for a returning person (低保, 特困, 临时救助). */
export const RETURN_HOME_PROGRAMMES = ['DIBAO_RURAL', 'DIBAO_URBAN', 'TEKUN', 'TEMPORARY'] as const;

/**
 * 返乡转介 办结 by opening a case: the programme and where the person lives now in the township
 * (village, address), the person's circumstances, and what the station could not record (name,
 * ID number). The rest of the application — the person's name and ID number when known — is
 * taken from the station's record on the server; 临时救助 adds its request (path, cause,
 * circumstances), checked by the intake's own schema.
 */
export const returnHomeCaseSchema = lazySchema(() =>
  z.object({
    result: z.literal('caseOpened'),
    programme: z.enum(RETURN_HOME_PROGRAMMES),
    villageId: z.string().trim().min(1, '请选择村（社区）').max(20),
    address: z.string().trim().min(2, '请填写住址').max(200),
    phone: z
      .string()
      .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确')
      .optional(),
    /** Only when the station recorded none; otherwise the station's record stands. */
    name: z.string().trim().min(1).max(50).optional(),
    idNumber: z.string().trim().min(1).max(30).optional(),
    labourCapacity: z.enum(['FULL', 'PARTIAL', 'NONE']),
    health: z.enum(['HEALTHY', 'CHRONIC', 'SERIOUS_ILLNESS']),
    temporary: z.record(z.string(), z.unknown()).optional(),
    note,
  }),
);
export type ReturnHomeCaseRequest = z.infer<typeof returnHomeCaseSchema>;

/**
 * 办结: the service given (with the amount and dates), unable to help (with the reason), or for
 * a labour referral the member's refusal without good reason, which counts toward the
 * three-refusal exit rule.
 */
export const referralCompletionSchema = lazySchema(() =>
  z.discriminatedUnion('result', [
    z.object({
      result: z.literal('served'),
      service: z.string().trim().min(2, '请填写提供的服务').max(500),
      amountYuan: z.number().min(0).max(10_000_000).multipleOf(0.01).nullable().default(null),
      startedOn: localDateSchema,
      endedOn: localDateSchema.nullable().default(null),
      note,
    }),
    z.object({ result: z.literal('unableToHelp'), reasons }),
    z.object({
      result: z.literal('memberRefused'),
      refusedOn: localDateSchema,
      offer: z.string().trim().min(2, '请填写推荐的岗位或培训').max(500),
      reasons,
    }),
    returnHomeCaseSchema,
    z.object({ result: z.literal('noneNeeded'), reasons }),
  ]),
);
export type ReferralCompletion = z.infer<typeof referralCompletionSchema>;

/** The outcomes a township files on a returning person's referral (返乡转介); the rest are a bureau's. */
export const TOWNSHIP_REFERRAL_RESULTS = ['caseOpened', 'noneNeeded'] as const;

export const REFERRAL_RESULTS = {
  served: '已提供帮扶',
  unableToHelp: '无法帮扶',
  memberRefused: '本人无正当理由拒绝',
  caseOpened: '已开立救助申请',
  noneNeeded: '经核实无需救助',
} as const;
