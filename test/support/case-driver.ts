import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { fileApplication } from '../../api/case-intake';
import { caseWorkflowInput } from '../../api/case-workflows';
import type { CaseApplication } from '../../api/schemas/case-application';
import type { HumanStepName, ProcedureStep } from '../../domain/case-steps';
import type { Database } from '../../platform/database';
import {
  caseActions,
  caseStateQuery,
  stepUpdates,
  type CaseActionName,
  type CaseView,
} from '../../workflows/definitions';
import { actorFor, dibaoApplication, waitFor } from './fixtures';
import { TEST_TASK_QUEUE } from './temporal';

/** Files a case and walks it through its workflow as the seeded staff would. */
export class CaseDriver {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: Database,
    readonly caseId: string,
    readonly handle: WorkflowHandle,
  ) {}

  static async file(
    env: TestWorkflowEnvironment,
    db: Database,
    application: CaseApplication = dibaoApplication(),
  ) {
    const filer = await actorFor(db, 'cun.xizhou');
    const { caseId } = await fileApplication(db, filer, application, undefined);
    const { workflowId, ...input } = await caseWorkflowInput(db, caseId);
    const handle = await env.client.workflow.start('dibaoApplication', {
      workflowId,
      taskQueue: TEST_TASK_QUEUE,
      args: [input],
    });
    const driver = new CaseDriver(env, db, caseId, handle);
    await driver.reach('acceptance');
    return driver;
  }

  view(): Promise<CaseView> {
    return this.handle.query(caseStateQuery);
  }

  /** Waits until the workflow has opened `step` (the previous decision's consequences are written). */
  async reach(step: ProcedureStep, timeoutMs?: number): Promise<CaseView> {
    return waitFor(
      async () => {
        const view = await this.view();
        return view.currentStep === step && view;
      },
      `step ${step}`,
      timeoutMs,
    );
  }

  async decide(step: HumanStepName, username: string, payload: unknown): Promise<CaseView> {
    const actor = await actorFor(this.db, username);
    return this.handle.executeUpdate(stepUpdates[step], { args: [{ actor, payload }] });
  }

  async act(action: CaseActionName, username: string, payload: unknown): Promise<CaseView> {
    const actor = await actorFor(this.db, username);
    return this.handle.executeUpdate(caseActions[action], { args: [{ actor, payload }] });
  }

  /** The failure type an Update is rejected with (WrongStep, Forbidden, InvalidPayload, NotYet). */
  async rejection(promise: Promise<unknown>): Promise<string> {
    const failure = await promise.then(
      () => null,
      (e: { name?: string; cause?: { type?: string } }) => e,
    );
    if (!failure) throw new Error('expected the Update to be rejected');
    return failure.cause?.type ?? failure.name ?? 'unknown';
  }

  async row() {
    return this.db.case.findUniqueOrThrow({ where: { id: this.caseId } });
  }

  async eventTypes(): Promise<string[]> {
    const events = await this.db.caseEvent.findMany({
      where: { caseId: this.caseId },
      orderBy: { seq: 'asc' },
    });
    return events.map((e) => (e.step ? `${e.type}:${e.step}` : e.type));
  }

  async letters() {
    return this.db.letter.findMany({ where: { caseId: this.caseId }, orderBy: { createdAt: 'asc' } });
  }

  async memberIds(): Promise<string[]> {
    const row = await this.db.case.findUniqueOrThrow({
      where: { id: this.caseId },
      include: { household: { include: { members: true } } },
    });
    return row.household.members.map((m) => m.id);
  }

  /**
   * Ends a case a test has no more use for. Waits for its activities to finish first: the
   * time-skipping server keeps time still while a terminated workflow's activity is pending.
   */
  async discard(): Promise<void> {
    await waitFor(async () => {
      const { raw } = await this.handle.describe();
      return (raw.pendingActivities?.length ?? 0) === 0;
    }, 'activities to finish');
    await this.handle.terminate('test finished with this case');
  }

  /** Moves the test server's clock forward, as the real days would pass. */
  async passTime(ms: number): Promise<void> {
    await this.env.sleep(ms);
  }

  // The standard decisions of a case that goes well.

  accept() {
    return this.decide('acceptance', 'xiang.xizhou', { decision: 'accept' });
  }

  async investigate(
    incomes: { memberIndex: number; kind: string; amountYuan: number; period: string }[] = [
      { memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' },
    ],
  ) {
    const ids = await this.memberIds();
    return this.decide('investigation', 'xiang.xizhou', {
      homeVisit: {
        visitedOn: '2026-11-30',
        visitors: ['赵乡镇经办', '段社工'],
        signedByVisitorsAndApplicant: true,
      },
      neighbourInterviews: [{ name: '邻居张某', summary: '家庭确有困难，丈夫长期患病' }],
      incomes: incomes.map(({ memberIndex, ...item }) => ({ memberId: ids[memberIndex], ...item })),
      assets: { depositsYuan: 3000, vehicles: 0, homes: 1, registeredBusiness: false },
      dataCheck: { reportNo: 'HD-2026-1130-017', result: 'consistent' },
    });
  }

  appraise(votesFor = 9) {
    return this.decide('appraisal', 'cun.xizhou', {
      heldOn: '2026-12-03',
      representativesTotal: 12,
      present: 10,
      votesFor,
      votesAgainst: 10 - votesFor,
      abstentions: 0,
      minutes: '村民代表会议评议，多数认为符合条件',
    });
  }

  reviewInTownship(payload: object = { decision: 'approve' }) {
    return this.decide('townshipReview', 'xiang.xizhou', payload);
  }

  /** Accepted, investigated and appraised (with `votesFor` of 10 present): at the township's review. */
  async toTownshipReview(votesFor?: number): Promise<void> {
    await this.accept();
    await this.reach('investigation');
    await this.investigate();
    await this.reach('appraisal');
    await this.appraise(votesFor);
    await this.reach('townshipReview');
  }

  /** …and approved by the township: on public notice. */
  async toNotice(): Promise<void> {
    await this.toTownshipReview();
    await this.reviewInTownship();
    await this.reach('publicNotice');
  }

  approveInCounty(monthlyAmountYuan: number) {
    return this.decide('countyApproval', 'xian.dali', { decision: 'approve', monthlyAmountYuan });
  }
}

export const NOTICE_DAYS_MS = 8 * 24 * 3600 * 1000;
