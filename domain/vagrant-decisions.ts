import { z } from 'zod';
import { VAGRANT_CONDITIONS } from './vagrant';
import { lazySchema } from './lazy-schema';

/**
 * What station staff and supervisors submit on a 流浪乞讨人员救助 case (domain/vagrant.ts),
 * shared by the API and the workflow's Update validators, like step-decisions.ts.
 */
const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);
const note = lazySchema(() => z.string().trim().max(2000).optional());
const townshipId = lazySchema(() => z.string().regex(/^\d{9}$/, '乡镇代码为 9 位数字'));

/** 离站: how the person left, with what the way's record needs. */
export const vagrantExitSchema = lazySchema(() =>
  z.discriminatedUnion('way', [
    z.object({
      way: z.literal('escortHome'),
      destination: text(2, 200, '请填写返乡目的地'),
      escortedBy: text(2, 200, '请填写护送人员'),
      homeTownshipId: townshipId.optional(),
      note,
    }),
    z.object({
      way: z.literal('ticketHome'),
      destination: text(2, 200, '请填写返乡目的地'),
      ticket: text(2, 200, '请填写车次/班次'),
      homeTownshipId: townshipId.optional(),
      note,
    }),
    z.object({
      way: z.literal('familyHandover'),
      claimantName: text(1, 100, '请填写接领人姓名'),
      relation: text(1, 50, '请填写与受助人员关系'),
      claimantPhone: z
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/, '联系电话格式不正确')
        .optional(),
      homeTownshipId: townshipId.optional(),
      note,
    }),
    z.object({
      way: z.literal('childProtection'),
      receivingInstitution: text(2, 200, '请填写接收的未成年人救助保护机构'),
      handedOverTo: text(1, 100, '请填写接收人'),
      homeTownshipId: townshipId.optional(),
      note,
    }),
    z.object({ way: z.literal('ownWill'), note }),
  ]),
);
export type VagrantExit = z.infer<typeof vagrantExitSchema>;

/** 寻亲公告: published where, and what it says. */
export const tracingNoticeSchema = lazySchema(() =>
  z.object({
    medium: text(2, 200, '请填写发布媒介（如全国救助寻亲网、报纸、电视）'),
    content: z.string().trim().min(5, '请填写公告内容').max(4000),
  }),
);
export type TracingNotice = z.infer<typeof tracingNoticeSchema>;

/** 延长救助期限: a supervisor, in calendar days, with reasons. */
export const stayExtensionSchema = lazySchema(() =>
  z.object({
    days: z.number().int().min(1).max(30),
    reasons: text(2, 2000, '请填写理由'),
  }),
);
export type StayExtension = z.infer<typeof stayExtensionSchema>;

/** 送医救治: the hospital and why; the stay clock pauses until the return is recorded. */
export const hospitalTransferSchema = lazySchema(() =>
  z.object({
    hospital: text(2, 200, '请填写医院名称'),
    condition: z.enum(Object.keys(VAGRANT_CONDITIONS) as ['none', 'criticallyIll', 'mentallyIll']),
    note,
  }),
);
export type HospitalTransfer = z.infer<typeof hospitalTransferSchema>;

/** 返站: back from hospital; the stay clock resumes. */
export const hospitalReturnSchema = lazySchema(() => z.object({ note }));
export type HospitalReturn = z.infer<typeof hospitalReturnSchema>;
