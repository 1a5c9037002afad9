import { z } from 'zod';

const dayCount = z.object({ days: z.number().int().min(0).max(365), unit: z.enum(['working', 'calendar']) });

export const countyPolicySchema = z.object({
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
});

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
};

export function parseCountyPolicy(json: unknown): CountyPolicy {
  const given = (json && typeof json === 'object' ? json : {}) as Partial<CountyPolicy>;
  return countyPolicySchema.parse({
    ...DEFAULT_COUNTY_POLICY,
    ...given,
    stepLimits: { ...DEFAULT_COUNTY_POLICY.stepLimits, ...given.stepLimits },
  });
}
