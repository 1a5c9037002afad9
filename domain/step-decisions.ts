import { z } from 'zod';

/**
 * What staff submit at each human step. Shared by the API (request bodies, OpenAPI)
 * and the workflow's Update validators, so both refuse the same input the same way.
 */
const reasons = z.string().trim().min(2, '请填写理由').max(2000);

export const acceptanceDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), note: z.string().max(2000).optional() }),
  // 不予受理: refusal to accept is written with reasons.
  z.object({ decision: z.literal('reject'), reasons }),
]);
export type AcceptanceDecision = z.infer<typeof acceptanceDecisionSchema>;

/** Fields every decision may carry into the event log, whatever the step. */
export function decisionSummary(payload: { decision?: string; reasons?: string; note?: string }): {
  decision: string | null;
  reasons: string | null;
} {
  return { decision: payload.decision ?? null, reasons: payload.reasons ?? payload.note ?? null };
}
