import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { QueryDefinition, WorkflowHandle } from '@temporalio/client';
import { fileApplication } from '../../api/case-intake';
import { caseWorkflowInput } from '../../api/case-workflows';
import type { CaseApplication } from '../../api/schemas/case-application';
import type { HumanStepName, ProcedureStep } from '../../domain/case-steps';
import type { Database } from '../../platform/database';
import { localDateOf } from '../../domain/working-days';
import { programmeOf, type ProgrammeActionName } from '../../domain/programmes';
import {
  caseStateQuery,
  enrolmentWorkflowId,
  programmeActions,
  stepUpdates,
  type CaseView,
} from '../../workflows/definitions';
import { APPLICATION_WORKFLOWS } from '../../workflows/programme-workflows';
import { enrolmentStateQuery, type EnrolmentState } from '../../workflows/dibao-enrolment';
import { answered, clockMoved } from './answered';
import { actorFor, dibaoApplication, waitFor } from './fixtures';
import { TEST_TASK_QUEUE, terminateOnTestServer } from './temporal';
import { unendedTasks } from './time-locks';

export type Income = { memberIndex: number; kind: string; amountYuan: number; period: string };

export const DAY_MS = 24 * 3600 * 1000;

/**
 * Files a case and walks it through its workflow as the seeded staff would. Once approved,
 * `enrolment()` gives a driver of the same case bound to its enrolment workflow.
 */
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
    /** The step to wait for before answering; null not to wait (a path decides its first step). */
    opening: HumanStepName | null = 'acceptance',
  ) {
    const filer = await actorFor(db, 'cun.xizhou');
    const { caseId } = await fileApplication(db, filer, application, undefined);
    const { workflowId, ...input } = await caseWorkflowInput(db, caseId);
    const handle = await env.client.workflow.start(
      APPLICATION_WORKFLOWS[programmeOf(input.programme).family],
      {
        workflowId,
        taskQueue: TEST_TASK_QUEUE,
        args: [input],
      },
    );
    const driver = new CaseDriver(env, db, caseId, handle);
    if (opening) await driver.reach(opening);
    return driver;
  }

  /** A driver of an existing case's workflow. */
  static attach(env: TestWorkflowEnvironment, db: Database, caseId: string, workflowId: string): CaseDriver {
    return new CaseDriver(env, db, caseId, env.client.workflow.getHandle(workflowId));
  }

  view(): Promise<CaseView> {
    return this.ask(caseStateQuery);
  }

  /** The workflow's answer to `query`, asked with a deadline. */
  ask<T>(query: QueryDefinition<T, []>): Promise<T> {
    return answered(this.env, this.handle, `query ${query.name}`, () => this.handle.query(query));
  }

  describe() {
    return answered(this.env, this.handle, 'describe', () => this.handle.describe());
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

  async act(action: ProgrammeActionName, username: string, payload: unknown): Promise<CaseView> {
    const actor = await actorFor(this.db, username);
    return this.handle.executeUpdate(programmeActions[action], { args: [{ actor, payload }] });
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

  /** 送达: the township records the refusal letter as served, which ends a refused case's run. */
  async serveRefusalLetter(username = 'xiang.xizhou'): Promise<void> {
    await waitFor(async () => (await this.row()).status === 'REFUSED', 'the refusal written');
    await this.act('recordLetterServed', username, {
      servedOn: localDateOf(await this.env.currentTimeMs()),
      method: 'inPerson',
      servedBy: '乡镇经办人',
    });
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
   * Ends a case a test has no more use for, once it is quiet: no activity or workflow task
   * scheduled and not ended (what is still in flight at the termination is released by
   * `terminateOnTestServer`; waiting first keeps a write from landing after the test).
   */
  async discard(): Promise<void> {
    await waitFor(async () => {
      const { workflowTasks, activities } = await unendedTasks(this.handle);
      return workflowTasks === 0 && activities === 0;
    }, 'the workflow to be quiet');
    await terminateOnTestServer(this.env, this.handle, 'test finished with this case');
  }

  /**
   * The case as its workflow left it, once the workflow has completed. Polls instead of
   * awaiting the result: awaiting a result lets the test server's clock run on to whatever
   * is scheduled next (an enrolment's first payment, years of reviews).
   */
  async completed(): Promise<CaseView> {
    await waitFor(async () => (await this.describe()).status.name === 'COMPLETED', 'completion');
    return this.view();
  }

  /** Moves the test server's clock forward, as the real days would pass. */
  async passTime(ms: number): Promise<void> {
    await clockMoved(this.env, this.handle, ms);
  }

  // The standard decisions of a case that goes well.

  accept() {
    return this.decide('acceptance', 'xiang.xizhou', { decision: 'accept' });
  }

  async investigate(
    incomes: Income[] = [{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }],
  ) {
    return this.decide('investigation', 'xiang.xizhou', await this.investigationReport(incomes));
  }

  async investigationReport(incomes: Income[], assets: object = {}) {
    const ids = await this.memberIds();
    return {
      homeVisit: {
        visitedOn: '2026-11-30',
        visitors: ['赵乡镇经办', '段社工'],
        signedByVisitorsAndApplicant: true,
      },
      neighbourInterviews: [{ name: '邻居张某', summary: '家庭确有困难，丈夫长期患病' }],
      incomes: incomes.map(({ memberIndex, ...item }) => ({ memberId: ids[memberIndex], ...item })),
      assets: { depositsYuan: 3000, vehicles: 0, homes: 1, registeredBusiness: false, ...assets },
      dataCheck: { reportNo: 'HD-2026-1130-017', result: 'consistent' },
    };
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

  // Enrolment: the same case, driven through its enrolment workflow.

  /** Through notice and county approval (at the amount proposed), to the started enrolment. */
  async toEnrolment(): Promise<CaseDriver> {
    await this.toNotice();
    await this.passTime(NOTICE_DAYS_MS);
    await this.reach('countyApproval');
    await this.approveInCounty((await this.view()).monthlyAmount!);
    const enrolment = await this.enrolment();
    await waitFor(async () => (await enrolment.row()).nextReviewAt, 'enrolment started');
    return enrolment;
  }

  async enrolment(): Promise<CaseDriver> {
    const { caseNo } = await this.row();
    const handle = this.env.client.workflow.getHandle(enrolmentWorkflowId(caseNo));
    return new CaseDriver(this.env, this.db, this.caseId, handle);
  }

  async runId(): Promise<string> {
    return (await this.describe()).runId;
  }

  /**
   * Waits until a run after `runId` serves (the cycle continued as new). Describes rather than
   * queries: a query that meets the closing run trips the time-skipping server.
   */
  async nextRunAfter(runId: string): Promise<void> {
    await waitFor(async () => {
      const latest = await this.describe();
      return latest.runId !== runId && latest.status.name === 'RUNNING';
    }, 'the next cycle');
  }

  enrolmentState(): Promise<EnrolmentState> {
    return this.ask(enrolmentStateQuery);
  }

  /** Lets the clock run to the next regular recertification; answers when its investigation is open. */
  async toNextReview(): Promise<CaseView> {
    const { nextReviewAt } = await this.enrolmentState();
    await this.passTime(Math.max(nextReviewAt - (await this.env.currentTimeMs()), 0) + 3600_000);
    return this.reach('recertInvestigation');
  }

  async reinvestigate(incomes: Income[], assets: object = {}) {
    const report = await this.investigationReport(incomes, assets);
    return this.decide('recertInvestigation', 'xiang.xizhou', { outcome: 'investigated', ...report });
  }

  confirmReview() {
    return this.decide('recertReview', 'xiang.xizhou', { decision: 'confirm' });
  }

  /** A review from investigation to the township's confirmation. */
  async recertify(incomes: Income[], assets: object = {}): Promise<CaseView> {
    await this.reinvestigate(incomes, assets);
    await this.reach('recertReview');
    return this.confirmReview();
  }

  async payments(): Promise<{ month: string; amountYuan: number }[]> {
    const rows = await this.db.benefitPayment.findMany({
      where: { caseId: this.caseId },
      orderBy: { month: 'asc' },
    });
    return rows.map((r) => ({ month: r.month, amountYuan: Number(r.amountYuan) }));
  }

  async eventsOf(type: string) {
    return this.db.caseEvent.findMany({ where: { caseId: this.caseId, type }, orderBy: { seq: 'asc' } });
  }
}

export const NOTICE_DAYS_MS = 8 * 24 * 3600 * 1000;
