import { z } from 'zod';
import { SCHOOL_STAGES } from '../../domain/household';
import { idCardProblem } from '../../domain/id-card';
import {
  APPLICATION_CHANNELS,
  CASE_NO_PATTERN,
  APPLICATION_PROGRAMME_CODES,
  PROGRAMMES,
  type ApplicationChannel,
} from '../../domain/programmes';
import { localDateSchema } from '../../domain/step-decisions';
import { localDateOf } from '../../domain/working-days';
import {
  TEMPORARY_CAUSE_CODES,
  TEMPORARY_PATHS,
  type TemporaryPath,
} from '../../domain/temporary-assistance';
import { storableText } from './storable-text';
import { intakeBankAccountSchema } from './payment-rolls';

const ID_CARD_MESSAGES = {
  format: '身份证号码应为18位 (ID number must be 17 digits and a digit or X)',
  birthDate: '身份证号码中的出生日期无效 (birth date in the ID number is invalid)',
  checksum: '身份证号码校验位错误 (ID number check digit is wrong)',
  unborn: '身份证号码中的出生日期晚于今天 (birth date in the ID number is in the future)',
} as const;

/** YYYYMMDD of an ID number's birth date, comparable as text with today's. */
const birthOf = (idNumber: string) => idNumber.slice(6, 14);

export const idNumberSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = idCardProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_CARD_MESSAGES[problem] });
    // Today where the prefecture is (UTC+8): no one applies for a person not yet born.
    else if (birthOf(value) > localDateOf(Date.now()).replace(/-/g, ''))
      ctx.addIssue({ code: 'custom', message: ID_CARD_MESSAGES.unborn });
  });

export const memberSchema = z.object({
  name: storableText().min(1, '请填写姓名').max(50),
  idNumber: idNumberSchema,
  relation: z.enum([
    'APPLICANT',
    'SPOUSE',
    'CHILD',
    'PARENT',
    'GRANDCHILD',
    'GRANDPARENT',
    'SIBLING',
    'OTHER',
  ]),
  disabilityGrade: z.number().int().min(1).max(4).optional(),
  disabilityKind: z
    .enum(['physical', 'intellectual', 'mental', 'visual', 'hearing', 'speech', 'multiple'])
    .optional(),
  labourCapacity: z.enum(['FULL', 'PARTIAL', 'NONE']),
  health: z.enum(['HEALTHY', 'CHRONIC', 'SERIOUS_ILLNESS']),
  /** Stage of full-time schooling, when the member is a student. */
  inSchool: z.enum(SCHOOL_STAGES).optional(),
  livesTogether: z.boolean().default(true),
  canLiveIndependently: z.boolean().optional(),
  legalDutyOfSupport: z.boolean().optional(),
  /** Why a person is not counted: 服刑, 强制隔离戒毒, 宣告失踪, 宗教教职人员脱离家庭. */
  exclusion: z
    .enum(['inPrison', 'compulsoryRehabilitation', 'declaredMissing', 'religiousStaffAway'])
    .optional(),
  exclusionSince: localDateSchema.optional(),
});

/** 临时救助: which path, the cause of the hardship, what happened, and any expense stated. */
export const temporaryRequestSchema = z.object({
  path: z.enum(Object.keys(TEMPORARY_PATHS) as [TemporaryPath, ...TemporaryPath[]]),
  cause: z.enum(TEMPORARY_CAUSE_CODES),
  circumstances: storableText({ multiline: true }).min(2, '请填写困难情形').max(2000),
  statedExpenseYuan: z.number().min(0).max(1_000_000).multipleOf(0.01).optional(),
});

export type TemporaryRequest = z.output<typeof temporaryRequestSchema>;

/** An application to any open programme, as filed by a village assistant or township officer (申请). */
export const caseApplicationSchema = z
  .object({
    programme: z.enum(APPLICATION_PROGRAMME_CODES),
    villageId: storableText().min(1).max(20),
    address: storableText().min(2, '请填写住址').max(200),
    phone: z
      .string()
      .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确')
      .optional(),
    channel: z.enum(Object.keys(APPLICATION_CHANNELS) as [ApplicationChannel, ...ApplicationChannel[]]),
    /** A proxy applies with the applicant's written authorisation (委托书). */
    proxyAuthorisationSigned: z.boolean().optional(),
    /** 核对授权书: every adult member authorises the economic-status data check. */
    dataCheckAuthorisationSigned: z.literal(true, { message: '须签署家庭经济状况核对授权书' }),
    /** Declared relative of assistance staff or village committee members (近亲属备案). */
    relativeOfStaff: z.boolean().default(false),
    singleParentFamily: z.boolean().default(false),
    members: z.array(memberSchema).min(1, '至少一名家庭成员').max(20),
    /** Required for, and only for, 临时救助 (TEMPORARY). */
    temporary: temporaryRequestSchema.optional(),
    /** 银行账户: where the monthly benefit is paid (the roll's bank file); changeable later, audited. */
    bankAccount: intakeBankAccountSchema.optional(),
  })
  .superRefine((application, ctx) => {
    const applicants = application.members.filter((m) => m.relation === 'APPLICANT').length;
    if (applicants !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['members'],
        message: '须有且仅有一名申请人 (exactly one APPLICANT)',
      });
    }
    const seen = new Set<string>();
    application.members.forEach((member, index) => {
      if (seen.has(member.idNumber)) {
        ctx.addIssue({ code: 'custom', path: ['members', index, 'idNumber'], message: '身份证号码重复' });
      }
      seen.add(member.idNumber);
    });
    application.members.forEach((member, index) => {
      if (member.exclusion === 'religiousStaffAway' && !member.exclusionSince) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', index, 'exclusionSince'],
          message: '须填写脱离家庭的起始日期',
        });
      }
    });
    if ((application.programme === 'TEMPORARY') !== (application.temporary !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['temporary'],
        message:
          application.programme === 'TEMPORARY'
            ? '临时救助申请须填写救助类型和困难原因 (temporary is required)'
            : '仅临时救助申请填写此项 (temporary is only for TEMPORARY)',
      });
    }
    const programme = PROGRAMMES[application.programme];
    if (!(programme.channels as readonly string[]).includes(application.channel)) {
      ctx.addIssue({
        code: 'custom',
        path: ['channel'],
        message: `${programme.name}不受理「${APPLICATION_CHANNELS[application.channel]}」方式的申请`,
      });
    }
    if (application.channel === 'proxy' && !application.proxyAuthorisationSigned) {
      ctx.addIssue({ code: 'custom', path: ['proxyAuthorisationSigned'], message: '代办须提供书面委托书' });
    }
  });

export type CaseApplication = z.output<typeof caseApplicationSchema>;
export type CaseApplicationInput = z.input<typeof caseApplicationSchema>;

export const idempotencyKeyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_\-:.]{8,128}$/, 'Idempotency-Key must be 8–128 letters, digits or -_:.')
    .optional(),
});

export const caseRefSchema = z.object({
  id: z.union([z.uuid(), z.string().regex(CASE_NO_PATTERN)], {
    message: 'not a case id or case number',
  }),
});
