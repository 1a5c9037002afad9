import type { BenefitPaid } from '../domain/enrolment-exit';
import type { Database } from '../platform/database';

/**
 * Puts a month on the payment roster (发放名册), once: the roster's unique (case, month)
 * makes a retried or replayed payment step a no-op. Answers whether this call wrote it.
 */
export async function recordBenefitPayment(
  db: Database,
  input: { caseId: string; month: string; amountYuan: number },
): Promise<{ recorded: boolean }> {
  const { count } = await db.benefitPayment.createMany({
    data: [{ caseId: input.caseId, month: input.month, amountYuan: input.amountYuan }],
    skipDuplicates: true,
  });
  return { recorded: count === 1 };
}

export async function loadBenefitPayments(db: Database, caseId: string): Promise<BenefitPaid[]> {
  const rows = await db.benefitPayment.findMany({ where: { caseId }, orderBy: { month: 'asc' } });
  return rows.map((r) => ({ month: r.month, amountYuan: Number(r.amountYuan) }));
}
