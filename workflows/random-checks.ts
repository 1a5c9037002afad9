import { defineUpdate, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { quarterOfLocalDate } from '../domain/random-checks';
import type { VerificationConsequence } from '../domain/verification-findings';
import { localDateOf } from '../domain/working-days';
import type { StepSubmission } from './definitions';
import { runVerificationTask } from './verification-task';

type Activities = ReturnType<typeof createActivities>;

const records = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export type RandomCheckVisitStatus = 'CHECKING' | 'CHECKED';

export interface RandomCheckFinding {
  consequence: VerificationConsequence;
  findings: string;
  ineligibleFromMonth?: string | null;
}

export function randomCheckWorkflowId(visitId: string): string {
  return `random-check-${visitId}`;
}

export function randomChecksOfQuarterWorkflowId(quarter: string): string {
  return `random-checks-${quarter}`;
}

/** The county's finding on a drawn case: rejected once the visit is closed (409 at the API). */
export const recordRandomCheckFindingUpdate = defineUpdate<
  { status: RandomCheckVisitStatus },
  [StepSubmission]
>('recordRandomCheckFinding');

/**
 * 随机抽查核查: one drawn case's visit by the county, on the shared verification task
 * (workflows/verification-task.ts, as a tip-off's): the county's `randomChecks.visit` limit
 * (15 working days by default) from the day of the draw, overdue → reminder → escalation, and
 * the finding (no issue, review, fraud exit; the API started the case's review or exit first).
 */
export async function randomCheckVisit(input: {
  visitId: string;
}): Promise<{ status: RandomCheckVisitStatus }> {
  const { visitId } = input;
  return runVerificationTask<RandomCheckFinding, RandomCheckVisitStatus>({
    outcomeUpdate: recordRandomCheckFindingUpdate,
    open: () => records.openRandomCheckVisit({ visitId, openedAt: new Date(Date.now()).toISOString() }),
    overdue: async (dueAt) => {
      await records.markRandomCheckVisitOverdue({ visitId, dueAt });
      await records.deliverRandomCheckMail({ visitId });
    },
    close: (actor, finding) =>
      records.closeRandomCheckVisit({
        visitId,
        consequence: finding.consequence,
        findings: finding.findings,
        ineligibleFromMonth: finding.ineligibleFromMonth ?? null,
        username: actor.username,
      }),
    statusOf: () => 'CHECKED',
  });
}

/**
 * The quarter's draws, started by the Schedule on the first day of each quarter: every county's
 * draw (once per county and quarter) and its visits.
 */
export async function randomChecksOfQuarter(): Promise<{
  quarter: string;
  counties: number;
  visits: number;
}> {
  const quarter = quarterOfLocalDate(localDateOf(Date.now()));
  const counties = await records.listDrawCounties();
  let visits = 0;
  for (const county of counties) {
    const drawn = await records.drawRandomChecks({ countyId: county.id, quarter, drawnBy: 'schedule' });
    visits += drawn.visitIds.length;
  }
  return { quarter, counties: counties.length, visits };
}
