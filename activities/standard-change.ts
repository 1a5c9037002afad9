import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ENROLMENT_STATUSES } from '../domain/case-steps';
import { chineseDate } from '../domain/chinese-date';
import type { Database } from '../platform/database';
import { enrolmentWorkflowId } from '../workflows/definitions';
import { requestReviewSignal } from '../workflows/enrolment-state';

/**
 * 标准调整: asks every enrolled case of the county and programme for an out-of-cycle review, so
 * its amount is worked out again on the new standard. The request carries the standard's id:
 * a retried activity signals again, and the enrolment counts one request per id.
 */
export async function requestReviewsAfterStandardChange(
  db: Database,
  temporal: Client,
  { standardId }: { standardId: string },
): Promise<{ signalled: number }> {
  const standard = await db.assistanceStandard.findUniqueOrThrow({
    where: { id: standardId },
    include: { programme: true },
  });
  const cases = await db.case.findMany({
    where: {
      countyId: standard.countyId,
      programmeCode: standard.programmeCode,
      status: { in: ENROLMENT_STATUSES.filter((s) => s !== 'EXIT_NOTIFIED') },
    },
    select: { caseNo: true },
  });
  const reasons = `${standard.programme.name}标准自${chineseDate(standard.effectiveFrom)}起调整为每人每月 ${Number(standard.monthlyYuan)} 元`;
  let signalled = 0;
  for (const { caseNo } of cases) {
    try {
      await temporal.workflow.getHandle(enrolmentWorkflowId(caseNo)).signal(requestReviewSignal, {
        source: 'standardChange',
        reasons,
        requestId: `standard-${standardId}`,
      });
      signalled += 1;
    } catch (error) {
      // The enrolment ended between the read and the signal: nothing left to review.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  await db.assistanceStandard.update({ where: { id: standardId }, data: { reviewsRequestedAt: new Date() } });
  return { signalled };
}
