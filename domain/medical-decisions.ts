import { z } from 'zod';
import { MEDICAL_CATEGORY_CODES, medicalBillsSchema } from './medical-assistance';
import { lazySchema } from './lazy-schema';

/**
 * What staff submit at the 医疗救助 human steps. Shared by the API (OpenAPI, console) and the
 * medical workflow's validators, like step-decisions.ts.
 */
const reasons = lazySchema(() => z.string().trim().min(2, '请填写理由').max(2000));
const note = lazySchema(() => z.string().trim().max(2000).optional());

/**
 * 乡镇审核: the township enters the bills as the household or the hospital handed them in, with
 * the person's category, and passes the claim to the county or proposes a refusal. An advance
 * 事前救助 is checked on the hospital's estimate, in the same shape as the bills.
 */
export const medicalCheckSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({
      decision: z.literal('pass'),
      kind: z.enum(['claim', 'advance']),
      submittedBy: z.enum(['household', 'hospital']),
      category: z.enum(MEDICAL_CATEGORY_CODES),
      diagnosis: z.string().trim().min(2, '请填写疾病诊断').max(200),
      bills: medicalBillsSchema,
      note,
    }),
    z.object({ decision: z.literal('proposeRefusal'), reasons }),
  ]),
);
export type MedicalCheck = z.infer<typeof medicalCheckSchema>;
export type MedicalCheckPassed = Extract<MedicalCheck, { decision: 'pass' }>;

/** 县级审批: approve (the amount is the rules' on the person's year as it stands), or refuse with reasons. */
export const medicalApprovalSchema = lazySchema(() =>
  z.discriminatedUnion('decision', [
    z.object({ decision: z.literal('approve'), note }),
    z.object({ decision: z.literal('refuse'), reasons }),
  ]),
);
export type MedicalApproval = z.infer<typeof medicalApprovalSchema>;

/** 事前救助结算: the final bills after discharge settle the advance. */
export const medicalSettlementSchema = lazySchema(() => z.object({ bills: medicalBillsSchema, note }));
export type MedicalSettlement = z.infer<typeof medicalSettlementSchema>;

export const MEDICAL_CLAIM_KINDS = { claim: '费用救助', advance: '事前救助' } as const;
export const MEDICAL_SUBMITTERS = { household: '申请人家庭', hospital: '定点医疗机构' } as const;
