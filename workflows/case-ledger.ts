import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { CaseEventType, CaseStatus, HumanStepName } from '../domain/case-steps';
import type { Actor } from '../domain/staff-roles';
import { caseStateQuery, type CaseView, type CaseWorkflowInput } from './definitions';

type Activities = ReturnType<typeof createActivities>;

export const records = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export interface EventInput {
  type: CaseEventType;
  step?: HumanStepName | null;
  actor?: Actor;
  decision?: string | null;
  reasons?: string | null;
  payload?: unknown;
}

export type CaseChange = Partial<Omit<CaseView, 'caseNo'>>;

/**
 * The workflow's ledger of a case: its current view (answered by the state query) and the
 * one way to change it — an activity that writes the case row and an event in one
 * transaction. Each write carries a key made of the run and a counter, both replayed
 * identically, so a retried or re-run activity never writes a second event.
 */
export class CaseLedger {
  private view: CaseView;
  private writes = 0;

  constructor(readonly input: CaseWorkflowInput) {
    this.view = {
      caseNo: input.caseNo,
      status: 'SUBMITTED',
      currentStep: null,
      assigneeUnitId: null,
      dueAt: null,
      overdue: false,
    };
    setHandler(caseStateQuery, () => this.view);
  }

  get current(): CaseView {
    return this.view;
  }

  async record(event: EventInput, change: CaseChange = {}): Promise<CaseView> {
    const { workflowId, runId } = workflowInfo();
    const key = `${workflowId}/${runId}/${++this.writes}`;
    const next: CaseView = { ...this.view, ...change };
    await records.recordTransition({
      key,
      caseId: this.input.caseId,
      event: { ...event, step: event.step ?? null },
      change: {
        status: next.status,
        currentStep: next.currentStep,
        assigneeUnitId: next.assigneeUnitId,
        dueAt: next.dueAt,
        overdue: next.overdue,
      },
    });
    this.view = next;
    return next;
  }

  async close(status: CaseStatus, event: EventInput): Promise<CaseView> {
    return this.record(event, {
      status,
      currentStep: null,
      assigneeUnitId: null,
      dueAt: null,
      overdue: false,
    });
  }
}
