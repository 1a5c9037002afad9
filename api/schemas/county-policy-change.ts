import { z } from 'zod';
import { countyPolicySchema } from '../../domain/county-policy';
import { localDateSchema } from '../../domain/step-decisions';
import { storableBodySchema, storableText } from './storable-text';

/** The policy as domain/county-policy.ts validates it, every note storable too. */
const storablePolicy = countyPolicySchema.superRefine((policy, ctx) => {
  const check = storableBodySchema.safeParse(policy);
  if (!check.success)
    for (const issue of check.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

/**
 * 修改县级政策: the whole policy (every limit, share and figure) from a date, today or later, with
 * the reason the history and the audit trail keep. What changes is what differs from the policy
 * of `basedOn` (the date whose policy the body was edited from; by default `effectiveFrom`).
 */
export const policyChangeSchema = z.strictObject({
  effectiveFrom: localDateSchema,
  basedOn: localDateSchema.optional(),
  reason: storableText({ multiline: true }).min(2, '请填写修改理由').max(500),
  policy: storablePolicy,
});

export type PolicyChangeBody = z.infer<typeof policyChangeSchema>;
