import { defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { CheckSource } from '../domain/economic-check';
import { awaitDeadline } from './deadline';

type Activities = ReturnType<typeof createActivities>;

const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface EconomicCheckInput {
  checkNo: string;
}

export function economicCheckWorkflowId(checkNo: string): string {
  return `economic-check-${checkNo}`;
}

/** From the API once a bureau's answer is written (console or file): that request is done. */
export const checkRequestAnsweredSignal = defineSignal<[{ source: CheckSource }]>('checkRequestAnswered');

/**
 * 家庭经济状况核对: one check fanned out to the county's bureaus, one request each, all due after
 * the county's `economicCheckAnswer` limit (5 working days by default). Each request waits on the
 * shared deadline primitive: a missed deadline marks it overdue, reminds the bureau and escalates
 * to the supervisors above it (once per deadline), and the request keeps waiting. The answers are
 * written by the API in one transaction each (a file answers many at once) and signalled here; a
 * signal lost after the write is found when the deadline passes. Once every bureau has answered,
 * the report is compiled and the check closes.
 */
export async function economicCheck(input: EconomicCheckInput): Promise<{ mismatch: boolean }> {
  const answered = new Set<CheckSource>();
  setHandler(checkRequestAnsweredSignal, ({ source }) => void answered.add(source));
  const requests = await records.openEconomicCheck({ checkNo: input.checkNo });
  await Promise.all(
    requests.map((r) =>
      awaitDeadline({
        done: () => answered.has(r.source),
        dueAt: () => Date.parse(r.dueAt),
        onOverdue: async () => {
          const { answered: already } = await records.markCheckRequestOverdue({
            requestNo: r.requestNo,
            dueAt: r.dueAt,
          });
          if (already) answered.add(r.source);
          else await records.deliverEconomicCheckMail({ checkNo: input.checkNo });
        },
      }),
    ),
  );
  return records.compileEconomicCheck({ checkNo: input.checkNo });
}
